"""The deferred patterns: compiled at first use, then the real pattern's methods."""

from __future__ import annotations

import copy
import pickle
import re

import pytest

from rollback_gate import lazyre


def test_a_pattern_compiles_on_first_use_not_when_made(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real = re.compile

    def counting(pattern: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(lazyre.re, "compile", counting)
    word = lazyre.compile(r"\bdrop\b", re.IGNORECASE)
    assert compiled == []
    assert word.search("DROP TABLE t") is not None
    assert word.sub("x", "a drop b") == "a x b"
    assert word.pattern == r"\bdrop\b" and word.flags & re.IGNORECASE
    # each attribute is looked up once, then found on the stand-in itself
    assert compiled == [r"\bdrop\b", r"\bdrop\b", r"\bdrop\b", r"\bdrop\b"]
    word.search("drop")
    assert len(compiled) == 4


def test_a_pattern_survives_copy_and_pickle() -> None:
    word = lazyre.compile(r"(\w+)\.sql$")
    for other in (copy.copy(word), pickle.loads(pickle.dumps(word))):
        m = other.search("db/001.sql")
        assert m is not None and m.group(1) == "001"
    assert "lazyre.compile" in repr(word)


def test_the_gate_imports_pyyaml_without_compiling_its_unused_reader_pattern() -> None:
    """PyYAML's pure reader's class of non-printable characters costs 10 ms to compile at
    import; the gate reads with libyaml, so ``rollback_gate.yamlsafe`` defers it. The
    pure reader still refuses what it refused, and ``re.compile`` is the real one after.
    Nothing the CLI imports uses the pattern (the config validator once built a whole
    ``SafeLoader("")`` for its constructor, which ran the pure reader on import)."""
    import subprocess
    import sys

    probe = (
        "import re, sys; compile_before = re.compile\n"
        "import rollback_gate.config.loader, rollback_gate.cli, rollback_gate.gate\n"
        "import yaml, yaml.reader\n"
        "pattern = yaml.reader.Reader.__dict__['NON_PRINTABLE']\n"
        "deferred = not isinstance(pattern, re.Pattern) and list(vars(pattern)) == ['_args']\n"
        "try:\n"
        "    yaml.load('a: \\x07', Loader=yaml.SafeLoader)\n"
        "    refused = False\n"
        "except yaml.reader.ReaderError:\n"
        "    refused = True\n"
        "print(deferred, refused, re.compile is compile_before)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.split() == ["True", "True", "True"]
