--liquibase formatted sql

--changeset vera:1
CREATE TABLE orders (id bigint primary key, note varchar(255));
--rollback DROP TABLE orders;

--changeset vera:2 runOnChange:true
CREATE OR REPLACE VIEW v_orders AS SELECT id FROM orders;
--rollback empty

--changeset vera:3
INSERT INTO orders (id) VALUES (1);
--rollback not required

--changeset vera:4
ALTER TABLE orders ADD COLUMN total numeric(10,2);
/* liquibase rollback
ALTER TABLE orders DROP COLUMN total;
*/

--changeset vera:5 context:prod
UPDATE orders SET note = 'x';
