"""Finding and parsing changelog files: what every Liquibase module below the analyser needs.

``sniff`` tells a changelog from other XML/YAML/JSON/SQL, ``parse`` reads one into the
model, ``read`` and ``resolve`` follow ``include``/``includeAll``/``sqlFile`` references
inside the repository. The analyser, the include order and the rollback references all use
them, so they live here, below all three.
"""

from __future__ import annotations

import posixpath
import re

from rollback_gate import lazyre
from rollback_gate.migrations.base import Source
from rollback_gate.migrations.liquibase import formats
from rollback_gate.migrations.liquibase.formatted_sql import is_formatted, sql_changelog
from rollback_gate.migrations.liquibase.jsonlog import json_tree
from rollback_gate.migrations.liquibase.model import Changelog, Problem

_YAML_KEY = lazyre.compile(r"""^[ \t]*["']?databaseChangeLog["']?[ \t]*:""", re.M)
_JSON_KEY = lazyre.compile(r'"databaseChangeLog"\s*:')


def sniff(path: str, text: str) -> str | None:
    """The changelog format of ``text`` (``xml``/``yaml``/``json``/``sql``), else None."""
    lower = path.lower()
    if lower.endswith(".xml"):
        return "xml" if "databaseChangeLog" in text else None
    if lower.endswith((".yaml", ".yml")):
        return "yaml" if _YAML_KEY.search(text) else None
    if lower.endswith(".json"):
        return "json" if _JSON_KEY.search(text) else None
    if lower.endswith(".sql"):
        return "sql" if is_formatted(text) else None
    return None


def parse(path: str, text: str) -> Changelog | None:
    """The changelog in ``text``, or None when the file is not a Liquibase changelog."""
    fmt = sniff(path, text)
    if fmt is None:
        return None
    if fmt == "sql":
        return sql_changelog(path, text)
    if fmt == "xml":
        log = formats.xml_changelog(path, text)
        if log.problem is not None and log.problem.reason.startswith("root element"):
            return None  # well-formed XML of another kind (pom.xml, logback.xml …)
        return log
    try:
        if fmt == "yaml":
            tree = formats.yaml_tree(text)
        else:
            try:
                tree = json_tree(text)
            except ValueError as exc:
                # Liquibase reads JSON changelogs with its YAML parser, so YAML-flow
                # leniencies (a bare "key": value inside a list) load there too.
                try:
                    tree = formats.yaml_tree(text)
                except ValueError:
                    raise exc from None
    except ValueError as exc:
        reason, line = exc.args
        return Changelog(path, fmt, problem=Problem(line, reason))
    except (formats.TooComplex, RecursionError):
        return Changelog(path, fmt, problem=Problem(None, "document too deeply nested or large"))
    return formats.tree_changelog(path, fmt, tree)


def read(source: Source, path: str) -> str:
    """The file's text; SQL and XML declare their structure in ASCII, so they read leniently."""
    return source.read_text(path, lenient=path.lower().endswith((".sql", ".xml")))


def resolve(source: Source, base: str, target: str, relative: bool) -> str | None:
    """The repo path a changelog reference points at, or None when it is not in the repo.

    ``relativeToChangelogFile`` references resolve against the referring file's folder;
    others are classpath- or working-directory-relative, so every folder above the
    referring file (``src/main/resources/``, the project root …) is tried, nearest first.
    """
    target = target.strip().replace("\\", "/")
    target = re.sub(r"^(classpath\*?|file):", "", target).lstrip("/")
    if not target or "${" in target:
        return None
    folder = posixpath.dirname(base)
    if relative:
        bases = [folder]
    else:
        bases = []
        while True:
            bases.append(folder)
            if not folder:
                break
            folder = posixpath.dirname(folder)
    for root in bases:
        candidate = posixpath.normpath(posixpath.join(root, target))
        if not candidate.startswith("../") and source.exists(candidate):
            return candidate
    return None
