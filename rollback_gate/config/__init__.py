"""deploy-readiness.yml: finding and reading it (``loader``), its JSON Schema (``schema``),
validation that keeps line and column (``validate``), the typed view the checks read and the
one home of its defaults (``model``), literal secrets refused in it (``secrets``), and the
comparison with the config at the base that keeps a change from weakening it (``policy``)."""
