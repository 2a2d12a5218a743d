-- Orders, their lines, where each line is fulfilled (allocations), what happened (events) and why it went where it
-- went (routing decisions). Written by the group-commit writer, many orders per statement.

CREATE TABLE orders (
    id                 uuid PRIMARY KEY,
    channel            text        NOT NULL,
    external_id        text        NOT NULL,
    idempotency_key    text        NOT NULL,
    customer_id        text        NOT NULL,
    customer           jsonb       NOT NULL,
    ship_to            jsonb,
    ship_lat           double precision,
    ship_lon           double precision,
    status             text        NOT NULL,
    requested_delivery date,
    rules_version      integer     NOT NULL,
    created_by         text        NOT NULL,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    version            integer     NOT NULL DEFAULT 1,
    UNIQUE (channel, external_id),
    UNIQUE (channel, idempotency_key)
);
CREATE INDEX orders_created ON orders (created_at, id);
CREATE INDEX orders_status ON orders (status, created_at);
CREATE INDEX orders_customer ON orders (customer_id, created_at);

CREATE TABLE order_lines (
    order_id            uuid    NOT NULL REFERENCES orders (id),
    line_no             integer NOT NULL,
    sku                 text    NOT NULL REFERENCES products (sku),
    quantity            bigint  NOT NULL CHECK (quantity > 0),
    method              text    NOT NULL CHECK (method IN ('ship', 'pickup')),
    pickup_location_id  text REFERENCES locations (id),
    unit_price_cents    bigint  NOT NULL,
    backordered         bigint  NOT NULL DEFAULT 0,
    cancelled           bigint  NOT NULL DEFAULT 0,
    status              text    NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE INDEX order_lines_sku ON order_lines (sku);

-- An open allocation holds stock: the pool's reserved quantity is the sum of the open allocations of a position.
CREATE TABLE allocations (
    id           bigserial PRIMARY KEY,
    order_id     uuid        NOT NULL REFERENCES orders (id),
    line_no      integer     NOT NULL,
    sku          text        NOT NULL,
    location_id  text        NOT NULL REFERENCES locations (id),
    quantity     bigint      NOT NULL CHECK (quantity > 0),
    kind         text        NOT NULL CHECK (kind IN ('ship', 'pickup', 'transfer')),
    transfer_to  text REFERENCES locations (id),
    status       text        NOT NULL CHECK (status IN ('open', 'released', 'fulfilled')),
    created_at   timestamptz NOT NULL,
    closed_at    timestamptz,
    FOREIGN KEY (order_id, line_no) REFERENCES order_lines (order_id, line_no)
);
CREATE INDEX allocations_order ON allocations (order_id);
CREATE INDEX allocations_open ON allocations (sku, location_id) WHERE status = 'open';
CREATE INDEX allocations_location ON allocations (location_id, created_at);

CREATE TABLE order_events (
    id        bigserial PRIMARY KEY,
    order_id  uuid        NOT NULL REFERENCES orders (id),
    at        timestamptz NOT NULL,
    actor     text        NOT NULL,
    type      text        NOT NULL,
    detail    jsonb
);
CREATE INDEX order_events_order ON order_events (order_id, id);

-- Every sourcing decision of an order (the first at capture, more after an address change or a re-route).
CREATE TABLE order_routing (
    order_id      uuid        NOT NULL REFERENCES orders (id),
    seq           integer     NOT NULL,
    at            timestamptz NOT NULL,
    rules_version integer     NOT NULL,
    reason        text        NOT NULL,
    decision      jsonb       NOT NULL,
    PRIMARY KEY (order_id, seq)
);

-- Versioned sourcing rule sets; exactly one is active.
CREATE TABLE sourcing_rules (
    version      serial PRIMARY KEY,
    name         text        NOT NULL,
    document     jsonb       NOT NULL,
    active       boolean     NOT NULL DEFAULT false,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    activated_at timestamptz
);
CREATE UNIQUE INDEX sourcing_rules_one_active ON sourcing_rules (active) WHERE active;
