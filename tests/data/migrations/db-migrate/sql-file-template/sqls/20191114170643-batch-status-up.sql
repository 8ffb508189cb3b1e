ALTER TABLE billing_batches ADD COLUMN status varchar;
UPDATE billing_batches SET status = 'complete';
ALTER TABLE billing_batches ALTER COLUMN status SET NOT NULL;
