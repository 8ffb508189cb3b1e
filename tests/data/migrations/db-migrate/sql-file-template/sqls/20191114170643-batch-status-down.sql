ALTER TABLE billing_batches DROP COLUMN status;
