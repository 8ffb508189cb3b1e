-- +migrate Up
CREATE TABLE people (id int);
