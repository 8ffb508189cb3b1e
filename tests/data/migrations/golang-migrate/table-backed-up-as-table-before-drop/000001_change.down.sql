CREATE TABLE offence AS TABLE offence_bk;
DROP TABLE offence_bk;
