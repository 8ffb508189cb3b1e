INSERT INTO user_emails (user_id, email) SELECT id, email FROM users;
UPDATE profiles SET phone = users.phone FROM users WHERE profiles.user_id = users.id;
ALTER TABLE users DROP COLUMN email;
ALTER TABLE users DROP COLUMN phone;
ALTER TABLE users DROP COLUMN nickname;
