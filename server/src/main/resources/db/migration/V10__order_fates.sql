-- Whether an order id may still be written. The group-commit writer claims the id (abandoned = false) in the same
-- statement that writes the order; the orphan sweeper claims it (abandoned = true) before it releases the stock of
-- an order that is not in PostgreSQL. The primary key decides once: an order whose reservations were released can
-- never be committed afterwards, and an order being written is never released.
CREATE TABLE order_fates (
    order_id  uuid PRIMARY KEY,
    abandoned boolean NOT NULL
);
