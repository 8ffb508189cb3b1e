-- +goose Up
CREATE TABLE invoices (
    id            BIGSERIAL PRIMARY KEY,
    customer_id   BIGINT       NOT NULL,
    number        VARCHAR(32)  NOT NULL UNIQUE,
    amount_cents  BIGINT       NOT NULL,
    currency      CHAR(3)      NOT NULL DEFAULT 'EUR',
    vat_number    VARCHAR(32),
    issued_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);

-- +goose Down
DROP TABLE invoices;
