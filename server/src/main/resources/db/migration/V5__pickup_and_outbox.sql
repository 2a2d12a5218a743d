-- A pickup ready for the customer carries the hash of its pickup code (the code itself only travels to the customer).
ALTER TABLE tasks ADD COLUMN pickup_code_hash text;

-- Messages to customers, written in the transaction of what they announce; any notifier sends and marks them.
CREATE TABLE notifications (
    id         bigserial PRIMARY KEY,
    order_id   uuid        NOT NULL REFERENCES orders (id),
    kind       text        NOT NULL,
    recipient  jsonb       NOT NULL,
    payload    jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);
CREATE INDEX notifications_unsent ON notifications (created_at) WHERE sent_at IS NULL;
