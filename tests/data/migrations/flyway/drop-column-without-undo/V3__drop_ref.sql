-- ${flyway:timestamp}
ALTER TABLE ${schema}.orders DROP COLUMN ref;
