-- Store fulfilment: the tasks every allocation at a store turns into, and each store's ordered feed of task events
-- (what handhelds replay and follow). Tasks and their first feed events are written in the order's own statement.

CREATE TABLE tasks (
    id            uuid PRIMARY KEY,
    order_id      uuid        NOT NULL REFERENCES orders (id),
    location_id   text        NOT NULL REFERENCES locations (id),
    type          text        NOT NULL CHECK (type IN ('ship-from-store', 'pickup', 'ship-to-store')),
    status        text        NOT NULL,
    transfer_to   text REFERENCES locations (id),
    transfer_from text REFERENCES locations (id),
    due_at        timestamptz NOT NULL,
    claimed_by    text,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       integer     NOT NULL DEFAULT 1
);
CREATE INDEX tasks_order ON tasks (order_id);
CREATE INDEX tasks_location_active ON tasks (location_id, due_at)
    WHERE status NOT IN ('shipped', 'handed-over', 'cancelled', 'expired');

CREATE TABLE task_lines (
    task_id   uuid    NOT NULL REFERENCES tasks (id),
    line_no   integer NOT NULL,
    sku       text    NOT NULL,
    quantity  bigint  NOT NULL CHECK (quantity > 0),
    picked    bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (task_id, line_no, sku)
);

-- The feed of one store: seq counts 1, 2, 3... per store without gaps; payload is the task as it was then.
CREATE TABLE store_feed (
    location_id text        NOT NULL REFERENCES locations (id),
    seq         bigint      NOT NULL,
    at          timestamptz NOT NULL,
    type        text        NOT NULL,
    task_id     uuid        NOT NULL REFERENCES tasks (id),
    order_id    uuid        NOT NULL,
    payload     jsonb       NOT NULL,
    PRIMARY KEY (location_id, seq)
);

-- The last seq handed out per store; its row lock orders concurrent writers of one store's feed.
CREATE TABLE store_feed_seq (
    location_id text PRIMARY KEY REFERENCES locations (id),
    last_seq    bigint NOT NULL
);
