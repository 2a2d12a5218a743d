-- Foundation: catalog, network, stock on-hand, people and keys, audit.

CREATE TABLE products (
    sku          text PRIMARY KEY,
    name         text        NOT NULL,
    upc          text        NOT NULL UNIQUE,
    price_cents  bigint      NOT NULL CHECK (price_cents >= 0),
    currency     text        NOT NULL DEFAULT 'USD',
    weight_grams integer     NOT NULL CHECK (weight_grams >= 0),
    category     text,
    active       boolean     NOT NULL DEFAULT true,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX products_name_lower ON products (lower(name) text_pattern_ops);

CREATE TABLE locations (
    id               text PRIMARY KEY,
    type             text             NOT NULL CHECK (type IN ('store', 'dc')),
    name             text             NOT NULL,
    lat              double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon              double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
    address          jsonb            NOT NULL,
    capabilities     text[]           NOT NULL,
    opening_hours    jsonb            NOT NULL,
    timezone         text             NOT NULL,
    capacity_per_day integer          NOT NULL CHECK (capacity_per_day >= 0),
    priority         integer          NOT NULL DEFAULT 0,
    active           boolean          NOT NULL DEFAULT true,
    updated_at       timestamptz      NOT NULL DEFAULT now()
);

-- On-hand per position. Reserved quantities live with the allocations (later migrations);
-- the hot pool in Hazelcast is rebuilt from this table. version orders every change so the
-- pool never applies an older value over a newer one; feed_seq is the sender's sequence.
CREATE TABLE stock (
    sku          text        NOT NULL REFERENCES products (sku),
    location_id  text        NOT NULL REFERENCES locations (id),
    on_hand      bigint      NOT NULL CHECK (on_hand >= 0),
    safety_stock bigint      NOT NULL DEFAULT 0 CHECK (safety_stock >= 0),
    feed_seq     bigint      NOT NULL DEFAULT 0,
    version      bigint      NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sku, location_id)
);
CREATE INDEX stock_location ON stock (location_id);

-- Every delta applied to on-hand (adjustment feeds, single-position sets), for audit and reconciliation.
CREATE TABLE stock_movements (
    id            bigserial PRIMARY KEY,
    sku           text        NOT NULL,
    location_id   text        NOT NULL,
    delta         bigint      NOT NULL,
    reason        text        NOT NULL,
    on_hand_after bigint      NOT NULL,
    reference     text,
    actor         text        NOT NULL,
    at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movements_position ON stock_movements (sku, location_id, at);

CREATE TABLE users (
    id            uuid PRIMARY KEY,
    username      text        NOT NULL UNIQUE,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('admin', 'csr', 'store-manager', 'associate')),
    location_id   text REFERENCES locations (id),
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((role IN ('store-manager', 'associate')) = (location_id IS NOT NULL))
);

CREATE TABLE api_keys (
    id          text PRIMARY KEY,
    name        text        NOT NULL,
    role        text        NOT NULL CHECK (role IN ('storefront', 'integration')),
    channel     text,
    secret_hash text        NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE TABLE audit_log (
    id         bigserial PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    actor      text        NOT NULL,
    actor_role text        NOT NULL,
    action     text        NOT NULL,
    target     text        NOT NULL,
    detail     jsonb
);
CREATE INDEX audit_log_at ON audit_log (at);

-- Server-wide settings shared by every node (e.g. the JWT signing key, when none is configured).
CREATE TABLE settings (
    name       text PRIMARY KEY,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
