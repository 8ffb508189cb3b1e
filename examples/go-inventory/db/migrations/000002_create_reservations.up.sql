BEGIN;

CREATE TABLE reservations (
    id          BIGSERIAL PRIMARY KEY,
    item_id     BIGINT      NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    order_id    UUID        NOT NULL,
    quantity    INTEGER     NOT NULL CHECK (quantity > 0),
    expires_at  TIMESTAMPTZ NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX reservations_item_id_idx ON reservations (item_id);
CREATE UNIQUE INDEX reservations_order_item_uniq ON reservations (order_id, item_id);

COMMIT;
