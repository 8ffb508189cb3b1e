ALTER TABLE tests DROP CONSTRAINT tests_pkey CASCADE,
    ADD CONSTRAINT tests_pkey PRIMARY KEY (id, version, tenant_id);

ALTER TABLE test_runs DROP CONSTRAINT test_runs_pkey CASCADE,
    ADD CONSTRAINT test_runs_pkey PRIMARY KEY (id, test_id, tenant_id),
    ADD CONSTRAINT fk_test_runs_tests FOREIGN KEY (test_id, test_version, tenant_id) REFERENCES tests(id, version, tenant_id);
