"""Recognise and mask secrets, so that none ever reaches a message, a log or a report.

Used by the config loader (a literal secret in deploy-readiness.yml is an error), by the
validator (never echo a value that looks like one) and by the HTTP layer (tokens taken from
the environment are masked in every error).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rollback_gate import lazyre

# Each pattern with the text it cannot match without (a config value holding none costs no
# compile: most values are paths and names, and the patterns cost a check run milliseconds)
_PATTERNS = [
    (("gh",), lazyre.compile(r"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}"), "a GitHub token"),
    (("github_pat_",), lazyre.compile(r"\bgithub_pat_[A-Za-z0-9_]{20,}"), "a GitHub token"),
    (("glpat-",), lazyre.compile(r"\bglpat-[A-Za-z0-9_-]{20,}"), "a GitLab token"),
    (("xox",), lazyre.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"), "a Slack token"),
    (("AKIA",), lazyre.compile(r"\bAKIA[0-9A-Z]{16}\b"), "an AWS access key"),
    (("_live_", "_test_"), lazyre.compile(r"\b(sk|rk)_(live|test)_[A-Za-z0-9]{16,}"),
     "an API secret key"),
    (("-",), lazyre.compile(r"\b(api|sdk|mob)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-"),
     "a LaunchDarkly key"),
    (("eyJ",), lazyre.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\."),
     "a JSON Web Token"),
    ((":",), lazyre.compile(r"^\*?[a-z0-9_-]*:[a-z0-9_-]+\.[0-9a-f]{32,}$"),
     "an Unleash API token"),
    (("://",), lazyre.compile(r"://[^/\s:@]+:[^/\s@]+@"), "a password in a URL"),
    (("PRIVATE KEY",), lazyre.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"), "a private key"),
]  # fmt: skip
_SECRET_KEYS = lazyre.compile(r"(^|_)(token|password|passwd|secret|api_?key|credentials?)$", re.I)


def looks_secret(value: str, key: str = "") -> str | None:
    """What kind of secret ``value`` (under config key ``key``) looks like, or None."""
    if key and _SECRET_KEYS.search(key) and not key.endswith("_env"):
        return "a literal secret"
    for needs, pattern, what in _PATTERNS:
        if any(n in value for n in needs) and pattern.search(value):
            return what
    return None


def mask(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every given secret (and any password in a URL) replaced by ``***``."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return re.sub(r"(://[^/\s:@]+:)[^/\s@]+@", r"\1***@", text)
