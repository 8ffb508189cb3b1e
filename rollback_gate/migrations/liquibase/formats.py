"""Turn a changelog tree (:mod:`.liquibase_tree`) into :mod:`.liquibase_model` objects.

XML, YAML and JSON changelogs all become one :class:`~.liquibase_tree.Node` tree first and
are then read here the way Liquibase reads its ``ParsedNode`` tree: ``changeSet`` entries
with their changes, rollbacks and attributes; ``include``/``includeAll`` entries.
"""

from __future__ import annotations

from rollback_gate import lazyre
from rollback_gate.migrations.liquibase.model import (
    CHANGESET_ELEMENTS,
    Change,
    Changelog,
    ChangeSet,
    Column,
    Include,
    Problem,
    Rollback,
    RollbackRef,
    sql_type,
)
from rollback_gate.migrations.liquibase.tree import Node, TooComplex, parse_xml_tree, yaml_tree

__all__ = ["TooComplex", "tree_changelog", "xml_changelog", "yaml_tree"]


# ------------------------------------------------------------- tree → changelog model


def xml_changelog(path: str, text: str) -> Changelog:
    """Parse an XML changelog (the caller checked it is one)."""
    try:
        root = parse_xml_tree(text)
    except ValueError as exc:
        reason, line = exc.args
        return Changelog(path, "xml", problem=Problem(line, reason))
    if root.name != "databaseChangeLog":
        return Changelog(path, "xml", problem=Problem(root.line, f"root element <{root.name}>"))
    sets: list[ChangeSet] = []
    includes: list[Include] = []
    for child in root.children:
        if child.name == "changeSet":
            sets.append(_changeset(child, xml=True))
        elif child.name in ("include", "includeAll"):
            includes.append(_include(child))
    return Changelog(path, "xml", tuple(sets), tuple(includes))


def tree_changelog(path: str, fmt: str, root: Node | None) -> Changelog:
    """A YAML/JSON changelog from its tree: ``databaseChangeLog: [ {changeSet: …}, … ]``."""
    log = root.child("databaseChangeLog") if root is not None else None
    if log is None:
        return Changelog(path, fmt, problem=Problem(1, "no databaseChangeLog key"))
    sets: list[ChangeSet] = []
    includes: list[Include] = []
    for item in log.children:
        for entry in item.children if item.name == "-" else [item]:
            if entry.name == "changeSet":
                sets.append(_changeset(entry, xml=False))
            elif entry.name in ("include", "includeAll"):
                includes.append(_include(entry))
    return Changelog(path, fmt, tuple(sets), tuple(includes))


def _include(node: Node) -> Include:
    target = node.value("file") or node.value("path")
    relative = node.value("relativeToChangelogFile").lower() == "true"
    return Include(target, node.line, relative, all=node.name == "includeAll")


def _changeset(node: Node, *, xml: bool) -> ChangeSet:
    from rollback_gate.migrations.liquibase.model import KNOWN_CHANGES

    attrs = dict(node.attrs)
    changes: list[Change] = []
    rollbacks: list[Rollback] = []
    problems: list[Problem] = []

    def visit(child: Node) -> None:
        if child.name == "rollback":
            rollbacks.append(_rollback(child))
        elif child.name == "changes":
            for item in child.children:
                for entry in item.children if item.name == "-" else [item]:
                    visit(entry)
        elif child.name in CHANGESET_ELEMENTS:
            return
        elif child.name in KNOWN_CHANGES:
            changes.append(_change(child))
        elif not xml and not child.children:
            attrs[child.name] = child.text  # YAML/JSON changeSet properties
        else:
            shown = f"{child.prefix}:{child.name}" if child.prefix else child.name
            problems.append(
                Problem(
                    child.line,
                    f"unknown change type '{shown}' (a Liquibase extension or a typo): "
                    "whether it can be rolled back cannot be told",
                )
            )

    for child in node.children:
        visit(child)
    cs_id = node.value("id")
    if not cs_id:
        problems.append(Problem(node.line, "changeSet without id: Liquibase refuses it"))
    return ChangeSet(
        cs_id,
        node.value("author"),
        node.line,
        tuple(changes),
        tuple(rollbacks),
        attrs,
        tuple(problems),
    )


def _change(node: Node) -> Change:
    attrs = dict(node.attrs)
    columns: list[Column] = []
    text, text_line = node.text, node.text_line
    listed = [c for c in node.children if c.name == "-" and not c.children and c.text.strip()]
    if not text.strip() and listed and len(listed) == len(node.children):
        # YAML ``sql: [- ALTER …, - CREATE …]``: statements as a list (datashare, round T)
        text = ";\n".join(c.text.strip().rstrip(";") for c in listed) + ";"
        text_line = listed[0].text_line
        return Change(node.name, node.line, attrs, (), text, text_line, node.prefix, ())
    for child in node.children:
        if child.name in ("column", "columns"):
            columns.extend(_columns(child))
        elif child.name == "sql" and not child.children:
            text, text_line = child.text, child.text_line  # YAML/JSON ``sql: {sql: …}``
        elif not child.children:
            attrs[child.name] = child.text
    return Change(
        node.name,
        node.line,
        attrs,
        tuple(columns),
        text,
        text_line,
        node.prefix,
        tuple(node.comments),
    )


_DEFAULTS = (
    "defaultValue",
    "defaultValueNumeric",
    "defaultValueBoolean",
    "defaultValueDate",
    "defaultValueComputed",
    "defaultValueSequenceNext",
    "generationType",
)


def _columns(node: Node) -> list[Column]:
    """``<column name type/>`` (XML) or ``columns: [{column: {name, type}}]`` (YAML/JSON)."""
    if node.name == "column" and (node.attrs or node.child("name") is not None):
        constraints = node.child("constraints")
        required = constraints is not None and (
            constraints.value("nullable").lower() == "false"
            or constraints.value("primaryKey").lower() == "true"
        )
        present = node.attrs.keys() | {c.name for c in node.children}
        default = node.value("autoIncrement").lower() == "true" or any(
            # NULL is no default; the empty string is one (waltz's `defaultValue=""`, round M)
            (node.value(k) or k == "defaultValue") and node.value(k).strip().upper() != "NULL"
            for k in _DEFAULTS
            if k in present
        )
        unique = constraints is not None and (
            constraints.value("unique").lower() == "true"
            or constraints.value("primaryKey").lower() == "true"
        )
        typ = sql_type(node.value("type"))
        literal = _literal(node, present) if default else ""
        return [Column(node.value("name"), typ, node.line, required, default, literal, unique)]
    out: list[Column] = []
    for child in node.children:
        out.extend(_columns(child))
    return out


_NUMBER = lazyre.compile(r"^-?\d+(?:\.\d+)?$")


def _literal(node: Node, present: set[str]) -> str:
    """A column's constant default as SQL (``defaultValueBoolean="false"`` → ``false``,
    ``defaultValue="new"`` → ``'new'``), so that a CHECK over the column can be judged
    with it (openelis, round O); ``""`` for a computed one."""
    if "defaultValueBoolean" in present:
        value = node.value("defaultValueBoolean").strip().lower()
        return value if value in ("true", "false") else ""
    if "defaultValueNumeric" in present:
        value = node.value("defaultValueNumeric").strip()
        return value if _NUMBER.match(value) else ""
    if "defaultValue" in present:
        return "'" + node.value("defaultValue").replace("'", "''") + "'"
    return ""


def _rollback(node: Node) -> Rollback:
    ref_id = node.value("changeSetId")
    if ref_id:
        ref = RollbackRef(ref_id, node.value("changeSetAuthor"), node.value("changeSetPath"))
        return Rollback(node.line, ref=ref)
    changes: list[Change] = []
    text, text_line = node.text, node.text_line
    for child in node.children:
        if child.name != "-":
            changes.append(_change(child))
        elif child.children:
            changes.extend(_change(entry) for entry in child.children)
        elif child.text.strip():
            # A YAML/JSON list item that is a plain string: raw SQL.
            text_line = text_line or child.text_line
            text += ("\n" if text else "") + child.text
    empty = not changes and not text.strip() and not node.comments
    return Rollback(
        node.line,
        tuple(changes),
        text,
        text_line,
        comments=tuple(node.comments),
        declared_empty=empty or node.is_null,
    )
