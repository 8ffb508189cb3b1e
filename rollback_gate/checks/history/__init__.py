"""The migrations item's second look: judges that read the earlier migration files (or the
previous release's code) for what one file cannot show, run once per run by
:func:`rollback_gate.checks.migrations._histories`, each imported only when a finding of
its rules is there. They remove the occurrences a history shows are no break (a key the
table already had, NOT NULL restated, a release's own new tables) and, for Rails, add the
NOT NULL changes only the history reveals; :mod:`.order` holds what they share."""
