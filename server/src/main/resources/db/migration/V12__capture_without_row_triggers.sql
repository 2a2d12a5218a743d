-- Order capture writes an order with its lines, allocations, events, routing decision, tasks, task lines and feed
-- events in one statement, many orders at a time (OrderWriter): every child row is joined to the parent row the same
-- statement inserts, and every SKU and location was checked against the catalogue and the network before. The
-- foreign keys of these rows checked again what cannot be otherwise, one trigger query per reference: about 25 per
-- order, a fifth of PostgreSQL's CPU per order in the capture benchmark (docs/benchmarks.md). They go; the other
-- writers of these tables lock the order first, products and locations are never deleted, and InvariantCheck (run
-- after every benchmark scenario and fault drill) reports any row whose order, line, task, product or location is
-- missing. Foreign keys off the capture path stay.
ALTER TABLE order_lines
    DROP CONSTRAINT order_lines_order_id_fkey,
    DROP CONSTRAINT order_lines_sku_fkey,
    DROP CONSTRAINT order_lines_pickup_location_id_fkey;
ALTER TABLE allocations
    DROP CONSTRAINT allocations_order_id_fkey,
    DROP CONSTRAINT allocations_location_id_fkey,
    DROP CONSTRAINT allocations_transfer_to_fkey,
    DROP CONSTRAINT allocations_order_id_line_no_fkey;
ALTER TABLE order_events DROP CONSTRAINT order_events_order_id_fkey;
ALTER TABLE order_routing DROP CONSTRAINT order_routing_order_id_fkey;
ALTER TABLE tasks
    DROP CONSTRAINT tasks_order_id_fkey,
    DROP CONSTRAINT tasks_location_id_fkey,
    DROP CONSTRAINT tasks_transfer_to_fkey,
    DROP CONSTRAINT tasks_transfer_from_fkey;
ALTER TABLE task_lines DROP CONSTRAINT task_lines_task_id_fkey;
ALTER TABLE store_feed
    DROP CONSTRAINT store_feed_location_id_fkey,
    DROP CONSTRAINT store_feed_task_id_fkey;
