--liquibase formatted sql

--changeset uk.gov.pay:alter_column_service_name_length_on_products
ALTER TABLE products ALTER COLUMN service_name TYPE VARCHAR(50);

--rollback ALTER TABLE products ALTER COLUMN service_name TYPE VARCHAR(255);

--changeset uk.gov.pay:widen_reference
ALTER TABLE products ALTER COLUMN reference TYPE VARCHAR(500);

--rollback ALTER TABLE products ALTER COLUMN reference TYPE VARCHAR(255);
