-- +goose Up
-- VAT numbers moved to the customers service.
ALTER TABLE invoices DROP COLUMN vat_number;

-- +goose Down
ALTER TABLE invoices ADD COLUMN vat_number VARCHAR(32);
