-- A routing decision (~12 KB of JSON for a 3-line order) cost PostgreSQL a JSON check, a pglz compression and two
-- TOAST chunks per order taken: about a fifth of its CPU in the capture benchmark (docs/benchmarks.md). The node now
-- writes it compressed with LZ4 (1-3 KB, StoredDecision); the first byte says the format, 0 for the plain JSON of
-- the decisions written before. Kept in the row as it comes: no compression (EXTERNAL), and TOAST only past 8 KB.
ALTER TABLE order_routing ALTER COLUMN decision TYPE bytea USING '\x00'::bytea || convert_to(decision::text, 'UTF8');
ALTER TABLE order_routing ALTER COLUMN decision SET STORAGE EXTERNAL;
ALTER TABLE order_routing SET (toast_tuple_target = 8160);
