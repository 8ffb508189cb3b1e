CREATE SCHEMA legacy;
CREATE TYPE mood AS ENUM ('sad', 'ok');
