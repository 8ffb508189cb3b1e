CREATE TABLE offence_bk AS TABLE offence WITH NO DATA;
DROP TABLE offence;
