ALTER TABLE test_runs DROP CONSTRAINT fk_test_runs_tests;
ALTER TABLE test_runs DROP CONSTRAINT test_runs_pkey, ADD CONSTRAINT test_runs_pkey PRIMARY KEY (id, test_id);
ALTER TABLE tests DROP CONSTRAINT tests_pkey, ADD CONSTRAINT tests_pkey PRIMARY KEY (id, version);
