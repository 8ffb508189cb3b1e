-- just a comment
--liquibase formatted sql
--changeset a:1
DROP TABLE u;
