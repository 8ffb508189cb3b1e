ALTER TABLE privileges
    DROP CONSTRAINT privileges_token_id_fkey,
    ADD CONSTRAINT vehicle_privileges_vehicle_token_id REFERENCES vehicles (id);
ALTER TABLE rewards
    DROP CONSTRAINT rewards_vehicle_id_fkey,
    ADD CONSTRAINT rewards_amount_positive CHECK (amount > 0);
