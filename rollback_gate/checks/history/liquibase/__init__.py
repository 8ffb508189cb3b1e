"""History judges that only Liquibase changelogs ask: a key restated behind a "not exists"
precondition (``guarded``), and a changelog that holds many releases' changeSets
(``samelog``)."""
