-- remove the old table
DROP TABLE legacy;
