-- pgbench script: order.sql's classic capture (reserve by UPDATE ... WHERE available >= 1, one transaction per
-- order), writing the same rows as Aisle's capture does for a shipped 3-line order (schema-full.sql): the order, its
-- lines and allocations, two order events, the routing decision, a ship-from-store task per store shipping with its
-- task lines, and each task's first store-feed event (per-store sequence, the task as devices see it). Same mix and
-- variables as order.sql.
-- (Actors are spelt without the colon of Aisle's: pgbench would read ":name" in a string as a variable.)
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
-- a time-ordered id, as Aisle's version-7 ids
INSERT INTO classic.f_orders (id, channel, external_id, idempotency_key, customer_id, customer, ship_to, ship_lat,
                              ship_lon, status, rules_version, created_by, created_at, updated_at)
SELECT (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
        || substr(md5(random()::text), 1, 19))::uuid,
       'web', 'P-' || (:k)::bigint, 'IK-' || (:k)::bigint, 'C-' || (:cust)::int,
       jsonb_build_object('id', 'C-' || (:cust)::int, 'name', 'Bench Customer ' || (:cust)::int, 'email', 'c' || (:cust)::int || '@example.com'),
       jsonb_build_object('name', 'Bench Customer ' || (:cust)::int, 'line1', '1 Main St', 'city', m.city, 'region', m.region,
                          'postalCode', m.postal_code, 'country', 'US',
                          'lat', m.lat + (:jlat)::int / 10000.0, 'lon', m.lon + (:jlon)::int / 10000.0),
       m.lat + (:jlat)::int / 10000.0, m.lon + (:jlon)::int / 10000.0, 'allocated', 1, 'apikey-bench', now(), now()
FROM classic.metros m WHERE m.id = (:metro)::int
RETURNING id AS order_id \gset
WITH r AS (
  UPDATE classic.stock SET reserved = reserved + 1
  WHERE sku = 'SKU-' || lpad(:s1::text, 5, '0')
    AND location_id = (SELECT c.location_id FROM classic.candidates c JOIN classic.stock s
                       ON s.sku = 'SKU-' || lpad(:s1::text, 5, '0') AND s.location_id = c.location_id
                       WHERE c.sku_no = :s1 AND s.on_hand - s.reserved - s.safety_stock >= 1
                       ORDER BY (c.n + 16 - :n1) % 16 LIMIT 1)
    AND on_hand - reserved - safety_stock >= 1
  RETURNING sku, location_id),
l AS (
  INSERT INTO classic.f_order_lines (order_id, line_no, sku, quantity, method, unit_price_cents, backordered, status)
  SELECT (:order_id)::uuid, 1, 'SKU-' || lpad(:s1::text, 5, '0'), 1, 'ship', 1999, CASE WHEN EXISTS (SELECT 1 FROM r) THEN 0 ELSE 1 END,
         CASE WHEN EXISTS (SELECT 1 FROM r) THEN 'allocated' ELSE 'backordered' END)
INSERT INTO classic.f_allocations (order_id, line_no, sku, location_id, quantity, kind, status, created_at)
SELECT (:order_id)::uuid, 1, sku, location_id, 1, 'ship', 'open', now() FROM r;
WITH r AS (
  UPDATE classic.stock SET reserved = reserved + 1
  WHERE sku = 'SKU-' || lpad(:s2::text, 5, '0')
    AND location_id = (SELECT c.location_id FROM classic.candidates c JOIN classic.stock s
                       ON s.sku = 'SKU-' || lpad(:s2::text, 5, '0') AND s.location_id = c.location_id
                       WHERE c.sku_no = :s2 AND s.on_hand - s.reserved - s.safety_stock >= 1
                       ORDER BY (c.n + 16 - :n2) % 16 LIMIT 1)
    AND on_hand - reserved - safety_stock >= 1
  RETURNING sku, location_id),
l AS (
  INSERT INTO classic.f_order_lines (order_id, line_no, sku, quantity, method, unit_price_cents, backordered, status)
  SELECT (:order_id)::uuid, 2, 'SKU-' || lpad(:s2::text, 5, '0'), 1, 'ship', 1999, CASE WHEN EXISTS (SELECT 1 FROM r) THEN 0 ELSE 1 END,
         CASE WHEN EXISTS (SELECT 1 FROM r) THEN 'allocated' ELSE 'backordered' END)
INSERT INTO classic.f_allocations (order_id, line_no, sku, location_id, quantity, kind, status, created_at)
SELECT (:order_id)::uuid, 2, sku, location_id, 1, 'ship', 'open', now() FROM r;
WITH r AS (
  UPDATE classic.stock SET reserved = reserved + 1
  WHERE sku = 'SKU-' || lpad(:s3::text, 5, '0')
    AND location_id = (SELECT c.location_id FROM classic.candidates c JOIN classic.stock s
                       ON s.sku = 'SKU-' || lpad(:s3::text, 5, '0') AND s.location_id = c.location_id
                       WHERE c.sku_no = :s3 AND s.on_hand - s.reserved - s.safety_stock >= 1
                       ORDER BY (c.n + 16 - :n3) % 16 LIMIT 1)
    AND on_hand - reserved - safety_stock >= 1
  RETURNING sku, location_id),
l AS (
  INSERT INTO classic.f_order_lines (order_id, line_no, sku, quantity, method, unit_price_cents, backordered, status)
  SELECT (:order_id)::uuid, 3, 'SKU-' || lpad(:s3::text, 5, '0'), 1, 'ship', 1999, CASE WHEN EXISTS (SELECT 1 FROM r) THEN 0 ELSE 1 END,
         CASE WHEN EXISTS (SELECT 1 FROM r) THEN 'allocated' ELSE 'backordered' END)
INSERT INTO classic.f_allocations (order_id, line_no, sku, location_id, quantity, kind, status, created_at)
SELECT (:order_id)::uuid, 3, sku, location_id, 1, 'ship', 'open', now() FROM r;
INSERT INTO classic.f_order_events (order_id, at, actor, type, detail)
VALUES ((:order_id)::uuid, now(), 'apikey-bench', 'created', jsonb_build_object('channel', 'web', 'externalId', 'P-' || (:k)::bigint)),
       ((:order_id)::uuid, now(), 'aisle-sourcing', 'allocated', jsonb_build_object('allocations', 3, 'rulesVersion', 1));
INSERT INTO classic.f_order_routing (order_id, seq, at, rules_version, reason, decision)
SELECT (:order_id)::uuid, 1, now(), 1, 'capture', d FROM classic.decision;
-- one ship-from-store task per store shipping, its lines, and its first feed event (stores in id order: no deadlock)
WITH t AS (
  INSERT INTO classic.f_tasks (id, order_id, location_id, type, status, due_at, created_at, updated_at)
  SELECT (lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
          || substr(md5(random()::text || a.location_id), 1, 19))::uuid,
         (:order_id)::uuid, a.location_id, 'ship-from-store', 'open', now() + interval '4 hours', now(), now()
    FROM (SELECT DISTINCT location_id FROM classic.f_allocations WHERE order_id = (:order_id)::uuid) a
    JOIN classic.stores s ON s.id = a.location_id
  RETURNING id, location_id),
tl AS (
  INSERT INTO classic.f_task_lines (task_id, line_no, sku, quantity)
  SELECT t.id, a.line_no, a.sku, a.quantity FROM t JOIN classic.f_allocations a
      ON a.order_id = (:order_id)::uuid AND a.location_id = t.location_id),
seq AS (
  INSERT INTO classic.f_store_feed_seq AS q (location_id, last_seq)
  SELECT location_id, 1 FROM t ORDER BY location_id
  ON CONFLICT (location_id) DO UPDATE SET last_seq = q.last_seq + 1
  RETURNING location_id, last_seq)
INSERT INTO classic.f_store_feed (location_id, seq, at, type, task_id, order_id, payload)
SELECT t.location_id, seq.last_seq, now(), 'task-created', t.id, (:order_id)::uuid,
       jsonb_build_object('id', t.id, 'orderId', (:order_id)::uuid, 'orderNumber', 'P-' || (:k)::bigint, 'storeId', t.location_id,
         'type', 'ship-from-store', 'status', 'open', 'dueAt', now() + interval '4 hours', 'late', false,
         'claimedBy', NULL, 'transferTo', NULL, 'transferFrom', NULL, 'createdAt', now(), 'updatedAt', now(),
         'lines', (SELECT jsonb_agg(jsonb_build_object('lineNo', a.line_no, 'sku', a.sku, 'name', p.name, 'upc', p.upc,
                                                       'quantity', a.quantity, 'picked', 0, 'bin', st.bin)
                                    ORDER BY a.line_no)
                     FROM classic.f_allocations a JOIN public.products p ON p.sku = a.sku
                     LEFT JOIN public.stock st ON st.sku = a.sku AND st.location_id = a.location_id
                    WHERE a.order_id = (:order_id)::uuid AND a.location_id = t.location_id))
  FROM t JOIN seq ON seq.location_id = t.location_id;
COMMIT;
