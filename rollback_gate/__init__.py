"""rollback-gate: a pre-deploy gate that fails a release which cannot be rolled back.

Library entry points: :func:`rollback_gate.gate.run_check` returns a
:class:`rollback_gate.models.Report`; :mod:`rollback_gate.formats` renders it.
"""

__version__ = "1.0.0"
# Where people read about the tool and its rules (SARIF informationUri/helpUri, --help).
HOMEPAGE = "https://github.com/rollback-gate/rollback-gate"
