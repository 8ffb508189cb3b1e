-- The down file was forgotten: the gate reports RG200 here.
CREATE TABLE payment_refunds (
  id BIGSERIAL PRIMARY KEY,
  payment_id BIGINT NOT NULL,
  amount_cents BIGINT NOT NULL
);
