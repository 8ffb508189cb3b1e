"""Find, read and validate deploy-readiness.yml.

Reading is defensive: size cap, UTF-8 only, YAML composed with the safe (C when available)
loader into nodes so that every error has a line and column, duplicate keys and alias bombs
rejected. Then the schema (``validate.py``) and the checks a schema cannot express: paths
that escape the repository, literal secrets, waiver dates. All errors are reported at once.
"""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

from rollback_gate.config.model import Config, build
from rollback_gate.config.schema import SCHEMA
from rollback_gate.config.secrets import looks_secret
from rollback_gate.config.validate import (
    ConfigProblem,
    TooManyNodes,
    Validator,
    scalar,
    walk,
)
from rollback_gate.errors import ConfigError, ConfigNotFound
from rollback_gate.yamlsafe import too_deep, yaml

MAX_CONFIG_BYTES = 1024 * 1024
MAX_DEPTH = 64
CANDIDATES = (
    "deploy-readiness.yml",
    "deploy-readiness.yaml",
    ".github/deploy-readiness.yml",
    ".github/deploy-readiness.yaml",
)


def discover(repo: Path, explicit: str | None = None) -> Path:
    """The config file to use: ``--config``, ``$ROLLBACK_GATE_CONFIG``, then the candidates."""
    chosen = explicit or os.environ.get("ROLLBACK_GATE_CONFIG")
    if chosen:
        path = Path(chosen)
        if not path.is_absolute():
            path = (Path.cwd() / path) if explicit else (repo / path)
        if not path.is_file():
            raise ConfigNotFound(f"config file not found: {chosen}")
        return path
    for name in CANDIDATES:
        if (repo / name).is_file():
            return repo / name
    raise ConfigNotFound(
        f"no deploy-readiness.yml in {repo} (looked for {', '.join(CANDIDATES)}).\n"
        f"Run `rollback-gate init --repo {repo}` to generate a starter config."
    )


def config_home(start: Path, top: Path) -> Path:
    """The nearest folder from ``start`` up to ``top`` that holds a config, else ``start``.

    ``top`` is the repository root: the search never leaves the repository.
    """
    start, top = start.resolve(), top.resolve()
    if not start.is_relative_to(top):
        return start
    for folder in (start, *start.parents):
        if any((folder / name).is_file() for name in CANDIDATES):
            return folder
        if folder == top:
            break
    return start


def load(path: Path, repo: Path | None = None, display: str | None = None) -> Config:
    """Read, validate and build the config at ``path``; raises ConfigError with every error.

    ``repo`` enables the checks that need the tree (symlinks leaving the repository).
    ``display`` is the name used in messages (default: the path relative to ``repo``).
    """
    name = display or _display_name(path, repo)
    text = _read(path, name)
    return parse(text, name, repo)


def parse(text: str, name: str = "deploy-readiness.yml", repo: Path | None = None) -> Config:
    """Validate config ``text`` (named ``name`` in messages) and build the Config."""
    if too_deep(text, MAX_DEPTH):
        raise ConfigError(
            [
                f"{name}:1:1: collections nested more than {MAX_DEPTH} levels deep; "
                "not a deploy-readiness.yml"
            ]
        )
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        detail = exc.problem or exc.context or "invalid YAML"
        if mark and _indented_with_tab(text, mark.line):
            detail += " (YAML does not allow tabs for indentation; use spaces)"
        raise ConfigError([f"{where}: invalid YAML: {detail}"]) from None
    except yaml.YAMLError as exc:
        raise ConfigError([f"{name}: invalid YAML: {exc}"]) from None
    if node is None:
        raise ConfigError([f"{name}:1:1: the file is empty; expected a mapping with `version: 1`"])
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(
            [
                f"{name}:1:1: the top level must be a mapping (version:, rollback: …), not a list "
                "or a scalar"
            ]
        )
    _check_version(node, name)
    validator = Validator()
    try:
        validator.validate(node, SCHEMA)
        lines = {path: n.start_mark.line + 1 for path, n in walk(node)}
    except TooManyNodes as exc:
        raise ConfigError([f"{name}:1:1: {exc}"]) from None
    problems = list(validator.problems)
    data = _plain(node)
    problems += _semantic_problems(node, repo)
    if problems:
        problems.sort(key=lambda p: (p.line, p.column))
        raise ConfigError([p.render(name) for p in problems])
    return build(name, data, lines)


def _indented_with_tab(text: str, line: int) -> bool:
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return False
    row = lines[line]
    return "\t" in row[: len(row) - len(row.lstrip())]


def _display_name(path: Path, repo: Path | None) -> str:
    if repo is not None:
        try:
            return path.resolve().relative_to(repo.resolve()).as_posix()
        except ValueError:
            pass
    return str(path)


def _read(path: Path, name: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_CONFIG_BYTES:
            raise ConfigError(
                [
                    f"{name}: the file is {size:,} bytes; a config is at most "
                    f"{MAX_CONFIG_BYTES:,} bytes"
                ]
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError([f"{name}: cannot read: {exc.strerror}"]) from None
    if b"\0" in data:
        raise ConfigError([f"{name}: binary file (contains NUL bytes), not YAML"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(
            [f"{name}:{line}: not valid UTF-8 (byte {exc.start}); save the file as UTF-8"]
        ) from None


def _check_version(node: yaml.MappingNode, name: str) -> None:
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "version":
            got = scalar(value) if isinstance(value, yaml.ScalarNode) else None
            if isinstance(got, int) and not isinstance(got, bool) and got != 1:
                raise ConfigError(
                    [
                        f"{name}:{value.start_mark.line + 1}:{value.start_mark.column + 1}: "
                        f"version: unsupported version {got}; this rollback-gate reads version 1 "
                        "(upgrade rollback-gate, or write `version: 1`)"
                    ]
                )


def _plain(node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return {str(scalar(k)): _plain(v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
    if isinstance(node, yaml.SequenceNode):
        return [_plain(v) for v in node.value]
    assert isinstance(node, yaml.ScalarNode)
    return scalar(node)


def _semantic_problems(root: yaml.Node, repo: Path | None) -> list[ConfigProblem]:
    problems: list[ConfigProblem] = []
    kinds = _path_kinds()
    for key_path, node in walk(root):
        if not isinstance(node, yaml.ScalarNode):
            continue
        value = scalar(node)
        if not isinstance(value, str):
            continue
        mark = node.start_mark
        here = (mark.line + 1, mark.column + 1, key_path)
        secret = looks_secret(value, key_path.rsplit(".", 1)[-1])
        if secret:
            problems.append(
                ConfigProblem(
                    *here,
                    f"looks like {secret}; never write secrets in "
                    "this file: put it in an environment variable and name that "
                    "variable with `token_env`",
                )
            )
            continue
        if key_path.endswith(".token_env") and value.upper().startswith("ROLLBACK_GATE_"):
            problems.append(
                ConfigProblem(
                    *here,
                    f"{value} is a variable of rollback-gate itself; its value is never sent "
                    "to a service: name the variable that holds the service's token",
                )
            )
            continue
        kind = kinds.get(_generic(key_path))
        if kind in ("path", "glob") or (kind == "path-or-url" and "://" not in value):
            message = _path_problem(value, repo, glob=kind == "glob")
            if message:
                problems.append(ConfigProblem(*here, message))
        elif kind == "path-or-url" and not value.startswith("https://"):
            problems.append(ConfigProblem(*here, "a runbook URL must use https://"))
    return problems


MAX_SEGMENT_BYTES = 255  # NAME_MAX on every common file system


def _path_problem(value: str, repo: Path | None, *, glob: bool) -> str | None:
    if "\0" in value:
        return "a path cannot contain a NUL character"
    long = next((p for p in value.split("/") if len(p.encode("utf-8")) > MAX_SEGMENT_BYTES), None)
    if long is not None:
        return (
            f"path segment {long[:40]!r}… is {len(long.encode('utf-8'))} bytes; a file name is "
            f"at most {MAX_SEGMENT_BYTES} bytes"
        )
    if value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:[\\/]", value):
        return f"{value!r} is absolute; paths are relative to the repository root"
    if "\\" in value and not glob:
        return f"{value!r}: use forward slashes in paths"
    if ".." in PurePosixPath(value).parts:
        return f"{value!r} leaves the repository ('..' is not allowed)"
    if repo is not None and not glob:
        target = repo / value
        try:
            linked = target.is_symlink() or any(p.is_symlink() for p in _parents(repo, value))
        except (OSError, ValueError) as exc:
            return f"{value!r} cannot be looked up: {getattr(exc, 'strerror', None) or exc}"
        if linked:
            real = target.resolve()
            try:
                real.relative_to(repo.resolve())
            except ValueError:
                return f"{value!r} is a symlink that points outside the repository ({real})"
    return None


def _parents(repo: Path, value: str) -> list[Path]:
    parts = PurePosixPath(value).parts
    return [repo.joinpath(*parts[:i]) for i in range(1, len(parts))]


def _generic(key_path: str) -> str:
    return re.sub(r"\[\d+\]", "[]", key_path)


def _path_kinds() -> dict[str, str]:
    """Generic key path (``migrations[].path``) -> x-rg kind, read from the schema."""
    kinds: dict[str, str] = {}

    def visit(schema: dict[str, Any], path: str) -> None:
        if "x-rg" in schema:
            kinds[path] = schema["x-rg"]
        for key, sub in schema.get("properties", {}).items():
            visit(sub, f"{path}.{key}" if path else key)
        if isinstance(schema.get("items"), dict):
            visit(schema["items"], f"{path}[]")

    visit(SCHEMA, "")
    return kinds
