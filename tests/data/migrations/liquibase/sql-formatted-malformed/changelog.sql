--liquibase formatted sql

--changeset 1
CREATE TABLE t (id int);
--rollback DROP TABLE t;
