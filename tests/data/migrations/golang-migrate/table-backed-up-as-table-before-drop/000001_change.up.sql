CREATE TABLE offence_bk AS TABLE offence;
DROP TABLE offence;
