"""Hostile or huge flag definitions: findings or clear messages, never a traceback."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from rollback_gate.flagdefs import flagd, growthbook, parser, unleash
from rollback_gate.flagdefs.references import MAX_SOURCE_BYTES, first_references
from rollback_gate.tree import Tree

BAD_TEXTS = [
    "",
    "not json at all",
    "[1, 2, 3]",
    "null",
    '{"flags": "everything"}',
    '{"flags": {"a": null}}',
    '{"flags": {"a": {"state": "ENABLED", "variants": [true, false]}}}',
    '{"flags": [{"state": "ENABLED"}]}',
    '{"$evaluators": [], "flags": {}}',
    '{"flags": {"a": {"state": "ENABLED", "variants": {"on": true}, "targeting": '
    + '{"if": ' * 200
    + "true"
    + "}" * 200
    + "}}}",
    '{"flags": {"a": {"state": "ENABLED", "variants": {"on": true}, '
    '"targeting": {"fractional": 7}}}}',
    "[" * 100_000,
]


@pytest.mark.parametrize("provider", ["flagd", "unleash", "growthbook"])
@pytest.mark.parametrize("text", BAD_TEXTS, ids=range(len(BAD_TEXTS)))
def test_bad_text_gives_problems(provider: str, text: str) -> None:
    parse = parser(provider)
    assert parse is not None
    defs = parse(text, "f.json", "production")
    assert defs.problems, "bad input accepted without a problem"
    for p in defs.problems:
        assert p.message and p.json_path.startswith("$")


def test_deep_targeting_is_refused_with_a_problem() -> None:
    deep = '{"if": ' * 200 + "true" + "}" * 200
    text = (
        '{"flags": {"a": {"state": "ENABLED", "variants": {"on": true, "off": false}, '
        '"defaultVariant": "off", "targeting": ' + deep + "}}}"
    )
    defs = flagd.parse(text, "f.json")
    assert any("nested deeper" in p.message for p in defs.problems)


def test_five_thousand_flags_are_fast_and_located() -> None:
    flags = {
        f"flag-{i}": {
            "state": "ENABLED",
            "variants": {"on": True, "off": False},
            "defaultVariant": "off",
            "targeting": {"fractional": [["on", i % 100], ["off", 100 - i % 100]]},
        }
        for i in range(5000)
    }
    text = json.dumps({"flags": flags}, indent=2)
    started = time.perf_counter()
    defs = flagd.parse(text, "f.json")
    elapsed = time.perf_counter() - started
    assert len(defs.flags) == 5000 and not defs.problems
    assert defs.flags["flag-4999"].rollout == 99
    assert elapsed < 1.5, f"{elapsed:.2f} s for 5,000 flags"
    assert defs.line_of("flag-4999") == text.splitlines().index('    "flag-4999": {') + 1


def test_five_thousand_unleash_features() -> None:
    data = {
        "features": [{"name": f"f{i}", "type": "release"} for i in range(5000)],
        "featureStrategies": [
            {"name": "flexibleRollout", "featureName": f"f{i}", "parameters": {"rollout": "50"}}
            for i in range(5000)
        ],
        "featureEnvironments": [
            {"featureName": f"f{i}", "environment": "production", "enabled": True}
            for i in range(5000)
        ],
    }
    started = time.perf_counter()
    defs = unleash.parse(json.dumps(data), "u.json", "production")
    assert time.perf_counter() - started < 2.0
    assert len(defs.flags) == 5000 and defs.flags["f7"].rollout == 50


def test_growthbook_non_numeric_weights() -> None:
    text = (
        '{"features": {"a": {"defaultValue": false, "rules": [{"variations": [false, true],'
        ' "weights": ["a", null]}]}}}'
    )
    defs = growthbook.parse(text, "g.json")
    assert [p.json_path for p in defs.problems] == ["$.features.a.rules[0].weights"]


def test_reference_scan_skips_symlinks_fifos_and_binaries(tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text('"beta"')
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "link.py").symlink_to(outside)
    os.mkfifo(repo / "pipe.py")  # opening it for reading must not hang the run
    (repo / "blob.js").write_bytes(b'\0\0"beta"')
    (repo / "big.ts").write_bytes(b'"beta"' + b" " * MAX_SOURCE_BYTES)
    assert first_references(Tree(repo, use_git=False), ["beta"]) == {"beta": None}
    (repo / "real.go").write_text('flags.Bool("beta")')
    assert first_references(Tree(repo, use_git=False), ["beta"]) == {"beta": "real.go"}
