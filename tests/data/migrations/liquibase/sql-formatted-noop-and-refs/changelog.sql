--liquibase formatted sql

--changeset xena:1
CREATE TABLE t (id int);
--rollback SELECT 1;

--changeset xena:2
CREATE TABLE u (id int);
--rollback DROP TABLE u;

--changeset xena:3
DROP TABLE u; -- superseded
--rollback changesetId:2 changesetAuthor:xena

--changeset xena:4
DROP TABLE t; -- superseded
--rollback changesetId:99 changesetAuthor:xena
