"""deploy-readiness.yml: finding and reading it (``loader``), its JSON Schema (``schema``),
validation that keeps line and column (``validate``) and the typed view the checks read
(``model``)."""
