-- +goose Up
CREATE TABLE payments (
    id          BIGSERIAL PRIMARY KEY,
    invoice_id  BIGINT      NOT NULL REFERENCES invoices (id),
    amount_cents BIGINT     NOT NULL,
    provider    VARCHAR(32) NOT NULL,
    provider_ref VARCHAR(128) NOT NULL,
    paid_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX payments_provider_ref_uniq ON payments (provider, provider_ref);
