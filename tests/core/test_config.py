"""deploy-readiness.yml loading: every case in tests/data/config/cases.yml, plus bad files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from rollback_gate.config.loader import load, parse
from rollback_gate.config.schema import SCHEMA
from rollback_gate.errors import ConfigError

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent.parent / "data" / "config" / "cases.yml").read_text()
)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    if case["error"] is None:
        config = parse(case["config"])
        assert config.version == 1
        return
    with pytest.raises(ConfigError) as err:
        parse(case["config"])
    assert case["error"] in str(err.value)
    for line in err.value.problems:
        assert line.startswith("deploy-readiness.yml:"), line


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.get("schema", True)], ids=lambda c: c["name"]
)
def test_schema_agrees_with_loader(case: dict[str, Any]) -> None:
    """The exported JSON Schema accepts exactly what the loader accepts (where it can see)."""
    data = _json_like(yaml.load(case["config"], Loader=_NoDates))
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    schema_ok = isinstance(data, dict) and not list(validator.iter_errors(data))
    assert schema_ok == (case["error"] is None), case["name"]


class _NoDates(yaml.SafeLoader):
    """YAML 1.2 as editors read it: an unquoted date stays a string."""


_NoDates.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _json_like(value: Any) -> Any:
    """YAML dates become strings, as an editor's YAML 1.2 reading sees them."""
    import datetime as dt

    if isinstance(value, dict):
        return {str(k): _json_like(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_like(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_all_errors_reported_at_once() -> None:
    case = next(c for c in CASES if c["name"] == "all-errors-at-once")
    with pytest.raises(ConfigError) as err:
        parse(case["config"])
    assert len(err.value.problems) == 3
    assert [p.split(":")[1] for p in err.value.problems] == ["2", "3", "4"]


def test_secret_value_never_echoed() -> None:
    token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
    with pytest.raises(ConfigError) as err:
        parse(f"version: 1\nmonitoring: {{prometheus: {{url: 'https://p', token_env: '{token}'}}}}")
    assert token not in str(err.value)


def test_line_of_points_at_declaration() -> None:
    config = parse("version: 1\nrollback:\n  strategy: script\n  script: x.sh\n")
    assert config.line_of("rollback.script") == 4
    assert config.line_of("rollback.script.nothing") == 4


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "deploy-readiness.yml"
    path.write_text("version: 1\n" + "# padding\n" * 1_100_000)
    with pytest.raises(ConfigError, match="a config is at most"):
        load(path)


def test_alias_bomb(tmp_path: Path) -> None:
    lines = ["version: 1", 'a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    path = tmp_path / "deploy-readiness.yml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ConfigError, match="alias bomb"):
        load(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "deploy-readiness.yml"
    path.write_bytes(b"version: 1\nservice: caf\xe9\n")
    with pytest.raises(ConfigError, match=r"deploy-readiness.yml:2: not valid UTF-8"):
        load(path, tmp_path)


def test_binary(tmp_path: Path) -> None:
    path = tmp_path / "deploy-readiness.yml"
    path.write_bytes(b"\x00\x01\x02version: 1")
    with pytest.raises(ConfigError, match="binary file"):
        load(path, tmp_path)


def test_symlink_leaving_repo(tmp_path: Path) -> None:
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "rollback.sh").symlink_to("/etc/passwd")
    path = tmp_path / "deploy-readiness.yml"
    path.write_text("version: 1\nrollback: {script: scripts/rollback.sh}\n")
    with pytest.raises(ConfigError, match="symlink that points outside the repository"):
        load(path, tmp_path)


def test_symlinked_folder_leaving_repo(tmp_path: Path) -> None:
    (tmp_path / "db").symlink_to("/tmp")
    path = tmp_path / "deploy-readiness.yml"
    path.write_text("version: 1\nmigrations: [{path: db/migrations}]\n")
    with pytest.raises(ConfigError, match="symlink"):
        load(path, tmp_path)


@pytest.mark.parametrize("text", ["version: 1\nx: " + "[" * 200_000, "- " * 200_000 + "x\n"])
def test_deep_nesting_does_not_crash_the_parser(text: str) -> None:
    # PyYAML's C composer segfaults on this; the loader must refuse it first.
    with pytest.raises(ConfigError, match="nested more than"):
        parse(text)
