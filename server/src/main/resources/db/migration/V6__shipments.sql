-- What a packed task ships as: the carrier's booking, one tracking number per parcel.
CREATE SEQUENCE shipment_serials;

CREATE TABLE shipments (
    task_id          uuid PRIMARY KEY REFERENCES tasks (id),
    carrier          text        NOT NULL,
    service          text        NOT NULL,
    tracking_number  text        NOT NULL UNIQUE,
    parcels          jsonb       NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now()
);
