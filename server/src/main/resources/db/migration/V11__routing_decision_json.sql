-- A routing decision (~11 KB of JSON for a 3-line order) is written once with its order and read back whole,
-- never queried inside. So it is kept as the text it was written (json: checked, then stored as is, keys in their
-- written order) rather than parsed into jsonb, which cost PostgreSQL CPU on every order taken.
ALTER TABLE order_routing ALTER COLUMN decision TYPE json USING decision::json;
