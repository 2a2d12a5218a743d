-- pgbench script: one order captured the classic way, everything in PostgreSQL, one transaction.
-- Variables (pgbench -D): hot_skus (5), hot_permille (100 = 10 % of lines are hot), skus (5000).
-- Each of 3 lines: SKU by the same hot/uniform mix as CaptureBench; location: the first of its 16 candidates, from a
-- random one on, that still shows available stock (read), then reserved by UPDATE ... WHERE available >= 1 (checked
-- again under the row lock). A line whose UPDATE matches no row is out of stock ('backordered'): every candidate was
-- empty, or a concurrent order took the last unit between the read and the update.
-- Lines are reserved in SKU order, as a real implementation would, so concurrent orders do not deadlock.
\set a (case when random(1, 1000) <= :hot_permille then random(1, :hot_skus) else random(:hot_skus + 1, :skus) end)
\set b (case when random(1, 1000) <= :hot_permille then random(1, :hot_skus) else random(:hot_skus + 1, :skus) end)
\set c (case when random(1, 1000) <= :hot_permille then random(1, :hot_skus) else random(:hot_skus + 1, :skus) end)
\set s1 least(:a, :b, :c)
\set s3 greatest(:a, :b, :c)
\set s2 :a + :b + :c - :s1 - :s3
\set n1 random(0, 15)
\set n2 random(0, 15)
\set n3 random(0, 15)
\set metro random(1, 20)
\set jlat random(-1000, 1000)
\set jlon random(-1000, 1000)
\set cust random(1, 1000000)
\set k random(1, 1000000000000000)
BEGIN;
INSERT INTO classic.orders (channel, external_id, idempotency_key, customer, ship_to, status)
SELECT 'web', 'P-' || :k, 'IK-' || :k,
       jsonb_build_object('id', 'C-' || :cust, 'name', 'Bench Customer ' || :cust, 'email', 'c' || :cust || '@example.com'),
       jsonb_build_object('name', 'Bench Customer ' || :cust, 'line1', '1 Main St', 'city', m.city, 'region', m.region,
                          'postalCode', m.postal_code, 'country', 'US',
                          'lat', m.lat + :jlat / 10000.0, 'lon', m.lon + :jlon / 10000.0),
       'allocated'
FROM classic.metros m WHERE m.id = :metro
RETURNING id AS order_id \gset
WITH r AS (
  UPDATE classic.stock SET reserved = reserved + 1
  WHERE sku = 'SKU-' || lpad(:s1::text, 5, '0')
    AND location_id = (SELECT c.location_id FROM classic.candidates c JOIN classic.stock s
                       ON s.sku = 'SKU-' || lpad(:s1::text, 5, '0') AND s.location_id = c.location_id
                       WHERE c.sku_no = :s1 AND s.on_hand - s.reserved - s.safety_stock >= 1
                       ORDER BY (c.n + 16 - :n1) % 16 LIMIT 1)
    AND on_hand - reserved - safety_stock >= 1
  RETURNING location_id)
INSERT INTO classic.order_lines (order_id, line_no, sku, qty, location_id, status)
SELECT :order_id, 1, 'SKU-' || lpad(:s1::text, 5, '0'), 1, (SELECT location_id FROM r),
       CASE WHEN EXISTS (SELECT 1 FROM r) THEN 'allocated' ELSE 'backordered' END;
WITH r AS (
  UPDATE classic.stock SET reserved = reserved + 1
  WHERE sku = 'SKU-' || lpad(:s2::text, 5, '0')
    AND location_id = (SELECT c.location_id FROM classic.candidates c JOIN classic.stock s
                       ON s.sku = 'SKU-' || lpad(:s2::text, 5, '0') AND s.location_id = c.location_id
                       WHERE c.sku_no = :s2 AND s.on_hand - s.reserved - s.safety_stock >= 1
                       ORDER BY (c.n + 16 - :n2) % 16 LIMIT 1)
    AND on_hand - reserved - safety_stock >= 1
  RETURNING location_id)
INSERT INTO classic.order_lines (order_id, line_no, sku, qty, location_id, status)
SELECT :order_id, 2, 'SKU-' || lpad(:s2::text, 5, '0'), 1, (SELECT location_id FROM r),
       CASE WHEN EXISTS (SELECT 1 FROM r) THEN 'allocated' ELSE 'backordered' END;
WITH r AS (
  UPDATE classic.stock SET reserved = reserved + 1
  WHERE sku = 'SKU-' || lpad(:s3::text, 5, '0')
    AND location_id = (SELECT c.location_id FROM classic.candidates c JOIN classic.stock s
                       ON s.sku = 'SKU-' || lpad(:s3::text, 5, '0') AND s.location_id = c.location_id
                       WHERE c.sku_no = :s3 AND s.on_hand - s.reserved - s.safety_stock >= 1
                       ORDER BY (c.n + 16 - :n3) % 16 LIMIT 1)
    AND on_hand - reserved - safety_stock >= 1
  RETURNING location_id)
INSERT INTO classic.order_lines (order_id, line_no, sku, qty, location_id, status)
SELECT :order_id, 3, 'SKU-' || lpad(:s3::text, 5, '0'), 1, (SELECT location_id FROM r),
       CASE WHEN EXISTS (SELECT 1 FROM r) THEN 'allocated' ELSE 'backordered' END;
COMMIT;
