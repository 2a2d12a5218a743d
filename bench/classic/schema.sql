-- The classic design's tables, for the pgbench baseline (bench/classic/order.sql), in schema "classic" of the node's
-- own database. Re-running it starts from scratch: stock copied again from public.stock, no orders.
DROP SCHEMA IF EXISTS classic CASCADE;
CREATE SCHEMA classic;

CREATE TABLE classic.stock (
    sku          text   NOT NULL,
    location_id  text   NOT NULL,
    on_hand      bigint NOT NULL,
    safety_stock bigint NOT NULL DEFAULT 0,
    reserved     bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (sku, location_id)
);
INSERT INTO classic.stock (sku, location_id, on_hand, safety_stock)
SELECT sku, location_id, on_hand, safety_stock FROM public.stock;

CREATE TABLE classic.orders (
    id              bigserial   PRIMARY KEY,
    channel         text        NOT NULL,
    external_id     text        NOT NULL,
    idempotency_key text        NOT NULL UNIQUE,
    customer        jsonb       NOT NULL,
    ship_to         jsonb       NOT NULL,
    status          text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (channel, external_id)
);

-- location_id is null when the line found no stock (its UPDATE matched no row).
CREATE TABLE classic.order_lines (
    order_id    bigint NOT NULL REFERENCES classic.orders (id),
    line_no     int    NOT NULL,
    sku         text   NOT NULL,
    qty         int    NOT NULL,
    location_id text,
    status      text   NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

-- Where a line may be sourced: for each SKU number (SKU-00042 → 42) exactly 16 slots n = 0..15 over the locations
-- that had available stock at load time (in a fixed pseudo-random order, repeated when fewer than 16), so the script
-- picks one with \set n random(0, 15) and no extra query.
CREATE TABLE classic.candidates (
    sku_no      int  NOT NULL,
    n           int  NOT NULL,
    location_id text NOT NULL,
    PRIMARY KEY (sku_no, n)
);
WITH carried AS (
    SELECT substr(sku, 5)::int AS sku_no, location_id,
           row_number() OVER (PARTITION BY sku ORDER BY md5(sku || location_id)) - 1 AS i,
           count(*) OVER (PARTITION BY sku) AS k
    FROM classic.stock WHERE on_hand - safety_stock >= 1
)
INSERT INTO classic.candidates (sku_no, n, location_id)
SELECT c.sku_no, s.n, c.location_id
FROM carried c CROSS JOIN generate_series(0, 15) AS s(n)
WHERE s.n % c.k = c.i;

-- The 20 metro centres of bench/availability.lua, for the ship-to addresses.
CREATE TABLE classic.metros (id int PRIMARY KEY, city text, region text, postal_code text, lat float8, lon float8);
INSERT INTO classic.metros VALUES
 (1, 'New York', 'NY', '10007', 40.7128, -74.0060), (2, 'Los Angeles', 'CA', '90012', 34.0522, -118.2437),
 (3, 'Chicago', 'IL', '60602', 41.8781, -87.6298), (4, 'Houston', 'TX', '77002', 29.7604, -95.3698),
 (5, 'Phoenix', 'AZ', '85003', 33.4484, -112.0740), (6, 'Philadelphia', 'PA', '19107', 39.9526, -75.1652),
 (7, 'San Antonio', 'TX', '78205', 29.4241, -98.4936), (8, 'San Diego', 'CA', '92101', 32.7157, -117.1611),
 (9, 'Dallas', 'TX', '75201', 32.7767, -96.7970), (10, 'San Jose', 'CA', '95113', 37.3382, -121.8863),
 (11, 'Austin', 'TX', '78701', 30.2672, -97.7431), (12, 'Seattle', 'WA', '98104', 47.6062, -122.3321),
 (13, 'Denver', 'CO', '80202', 39.7392, -104.9903), (14, 'Boston', 'MA', '02108', 42.3601, -71.0589),
 (15, 'Atlanta', 'GA', '30303', 33.7490, -84.3880), (16, 'Miami', 'FL', '33130', 25.7617, -80.1918),
 (17, 'Minneapolis', 'MN', '55401', 44.9778, -93.2650), (18, 'Portland', 'OR', '97204', 45.5152, -122.6784),
 (19, 'Las Vegas', 'NV', '89101', 36.1699, -115.1398), (20, 'Washington', 'DC', '20004', 38.9072, -77.0369);

VACUUM ANALYZE classic.stock;
VACUUM ANALYZE classic.candidates;
ANALYZE classic.metros;
