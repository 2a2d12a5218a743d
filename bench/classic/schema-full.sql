-- The classic design writing the same durable record as Aisle (bench/classic/order-full.sql), after schema.sql:
-- copies of Aisle's order tables in schema "classic", with the same columns, checks and indexes (LIKE ... INCLUDING
-- ALL; no foreign keys, as on Aisle's capture path since V12) and the routing decision stored as Aisle stores it
-- (V13: a bytea of the LZ4 size, kept in the row).
CREATE TABLE classic.f_orders         (LIKE public.orders         INCLUDING ALL);
CREATE TABLE classic.f_order_lines    (LIKE public.order_lines    INCLUDING ALL);
CREATE TABLE classic.f_allocations    (LIKE public.allocations    INCLUDING ALL);
CREATE TABLE classic.f_order_events   (LIKE public.order_events   INCLUDING ALL);
CREATE TABLE classic.f_order_routing  (LIKE public.order_routing  INCLUDING ALL) WITH (toast_tuple_target = 8160);
CREATE TABLE classic.f_tasks          (LIKE public.tasks          INCLUDING ALL);
CREATE TABLE classic.f_task_lines     (LIKE public.task_lines     INCLUDING ALL);
CREATE TABLE classic.f_store_feed     (LIKE public.store_feed     INCLUDING ALL);
CREATE TABLE classic.f_store_feed_seq (LIKE public.store_feed_seq INCLUDING ALL);

-- An incompressible decision of the size Aisle stores for a 3-line order (~2.6 KB of LZ4), and the product and
-- location facts the order's rows carry (names, barcodes, prices, bins; which locations are stores).
CREATE TABLE classic.decision (d bytea NOT NULL);
INSERT INTO classic.decision
SELECT decode(string_agg(md5(i::text || 'decision'), ''), 'hex') FROM generate_series(1, 165) i;
CREATE TABLE classic.stores AS SELECT id FROM public.locations WHERE type = 'store';
ALTER TABLE classic.stores ADD PRIMARY KEY (id);
