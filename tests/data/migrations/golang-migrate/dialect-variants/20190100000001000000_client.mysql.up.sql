CREATE TABLE client (id varchar(255));
