ALTER TABLE members DROP COLUMN user_id;
ALTER TABLE members ADD COLUMN user_id integer;
