ALTER TABLE a ADD COLUMN b_id bigint;
