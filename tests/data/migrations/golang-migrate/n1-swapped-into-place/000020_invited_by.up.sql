ALTER TABLE members ADD COLUMN invited_by_user_id INTEGER NULL;
UPDATE members m SET invited_by_user_id = (SELECT w.user_id FROM wallets w WHERE w.address = m.invited_by);
ALTER TABLE members DROP COLUMN invited_by;
ALTER TABLE members RENAME COLUMN invited_by_user_id TO invited_by;
