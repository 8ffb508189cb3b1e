-- liquibase formatted sql

--changeset walt:1
-- DROP TABLE customers;
INSERT INTO audit (msg) VALUES ('DROP TABLE customers');
--rollback DELETE FROM audit WHERE msg = 'DROP TABLE customers';

--changeset walt:2
ALTER TABLE customers DROP COLUMN fax;
--rollback ALTER TABLE customers ADD COLUMN fax varchar(40);

--changeset walt:3
DROP TABLE legacy;
