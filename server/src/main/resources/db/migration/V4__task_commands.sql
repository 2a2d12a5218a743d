-- Commands associates send on tasks are idempotent: a retry with the same key gets the first answer back.
CREATE TABLE task_commands (
    task_id         uuid        NOT NULL REFERENCES tasks (id),
    idempotency_key text        NOT NULL,
    command         text        NOT NULL,
    actor           text        NOT NULL,
    answer          jsonb       NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (task_id, idempotency_key)
);
