ALTER TABLE members ADD COLUMN invited_by_address varchar(42) NULL;
UPDATE members m SET invited_by_address = (SELECT w.address FROM wallets w WHERE w.user_id = m.invited_by);
ALTER TABLE members DROP COLUMN invited_by;
ALTER TABLE members RENAME COLUMN invited_by_address TO invited_by;
