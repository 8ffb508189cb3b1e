TRUNCATE countries;
INSERT INTO countries (code, name) VALUES ('FR', 'France'), ('DE', 'Germany');
