ALTER TABLE privileges
    DROP CONSTRAINT vehicle_privileges_vehicle_token_id,
    ADD CONSTRAINT privileges_token_id_fkey FOREIGN KEY (token_id) REFERENCES vehicles (id) ON DELETE CASCADE;
ALTER TABLE rewards
    DROP CONSTRAINT rewards_amount_positive,
    ADD CONSTRAINT rewards_vehicle_id_fkey FOREIGN KEY (vehicle_id) REFERENCES vehicles (id);
