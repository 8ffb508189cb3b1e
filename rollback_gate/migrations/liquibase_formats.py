"""Parse Liquibase XML, YAML and JSON changelogs into :mod:`.liquibase_model` objects.

Nothing is executed or resolved: XML goes through defusedxml's SAX parser (entity
declarations and external references are refused, so XXE and entity expansion cannot
happen), YAML through PyYAML's safe composer (node level, to keep line numbers), JSON
through :mod:`.liquibase_json`. All three become one small tree of :class:`Node` and are
then read the same way Liquibase reads its ``ParsedNode`` tree.
"""

from __future__ import annotations

import io
import xml.sax
import xml.sax.handler
from dataclasses import dataclass, field
from typing import Any

from rollback_gate.migrations.liquibase_model import (
    CHANGESET_ELEMENTS,
    Change,
    Changelog,
    ChangeSet,
    Column,
    Include,
    Problem,
    Rollback,
    RollbackRef,
)

# YAML aliases can fan out exponentially ("billion laughs"); past this many nodes reached
# through an alias a second time the file is refused, not expanded.
_MAX_ALIAS_NODES = 50_000


class TooComplex(Exception):
    """A YAML/JSON document expands to more nodes than any real changelog holds."""


@dataclass
class Node:
    """A format-neutral element: XML element, YAML/JSON mapping entry or list item.

    ``children`` keeps order and repeats (``<column>`` ×3); ``text`` is the element's own
    character data (XML) or scalar value (YAML/JSON), padded with newlines so that its line
    numbers stay those of the file, starting at ``text_line``.
    """

    name: str
    line: int
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    text: str = ""
    text_line: int = 0
    comments: list[str] = field(default_factory=list)
    prefix: str = ""
    is_null: bool = False

    def child(self, name: str) -> Node | None:
        return next((c for c in self.children if c.name == name), None)

    def value(self, name: str) -> str:
        """An attribute, or the text of a scalar child (YAML ``id: 42``)."""
        if name in self.attrs:
            return self.attrs[name]
        found = self.child(name)
        return found.text.strip() if found is not None and not found.children else ""


# --------------------------------------------------------------------------- XML


class _XmlBuilder(xml.sax.handler.ContentHandler, xml.sax.handler.LexicalHandler):
    # SAX callback names are camelCase by API.
    def __init__(self) -> None:
        super().__init__()
        self.root: Node | None = None
        self._stack: list[Node] = []
        self._locator: Any = None

    def setDocumentLocator(self, locator: Any) -> None:
        self._locator = locator

    def _line(self) -> int:
        return int(self._locator.getLineNumber()) if self._locator is not None else 0

    def startElement(self, name: str, attrs: Any) -> None:
        prefix, _, local = name.rpartition(":")
        node = Node(local, self._line(), {k: attrs[k] for k in attrs.getNames()}, prefix=prefix)
        if self._stack:
            self._stack[-1].children.append(node)
        else:
            self.root = node
        self._stack.append(node)

    def endElement(self, name: str) -> None:
        self._stack.pop()

    def characters(self, content: str) -> None:
        if not self._stack:
            return
        node = self._stack[-1]
        if not node.text:
            if content.isspace():
                return  # indentation between elements; text starts at its first token
            node.text_line = self._line()
            node.text = content
            return
        if content.isspace() and node.children:
            return  # indentation around child elements (<createTable><column …/>)
        # Keep file line numbers: text after a child element continues on its own line.
        gap = self._line() - (node.text_line + node.text.count("\n"))
        if gap > 0:
            node.text += "\n" * gap
        node.text += content

    def comment(self, content: str) -> None:
        if self._stack:
            self._stack[-1].comments.append(content)

    def startDTD(self, name: str, public_id: str | None, system_id: str | None) -> None:
        pass

    def endDTD(self) -> None:
        pass

    def startCDATA(self) -> None:
        pass

    def endCDATA(self) -> None:
        pass


def parse_xml_tree(text: str) -> Node:
    """The element tree of ``text``; raises ``ValueError`` with a reason and line."""
    from defusedxml import DefusedXmlException
    from defusedxml.expatreader import create_parser

    builder = _XmlBuilder()
    parser = create_parser()
    parser.setContentHandler(builder)
    parser.setProperty(xml.sax.handler.property_lexical_handler, builder)
    source = xml.sax.InputSource()
    source.setByteStream(io.BytesIO(text.encode("utf-8")))
    # The text is already decoded; tell expat so, whatever the XML declaration says.
    source.setEncoding("utf-8")
    try:
        parser.parse(source)
    except xml.sax.SAXParseException as exc:
        raise ValueError(f"malformed XML: {exc.getMessage()}", exc.getLineNumber()) from None
    except DefusedXmlException as exc:
        raise ValueError(
            f"XML entity or DTD reference refused ({type(exc).__name__}): Liquibase "
            "changelogs need none, and expanding them is unsafe",
            builder._line() or None,
        ) from None
    if builder.root is None:
        raise ValueError("empty XML document", None)
    return builder.root


# ----------------------------------------------------------------------- YAML / JSON


def yaml_tree(text: str) -> Node | None:
    """The YAML document as a :class:`Node` (``None`` for an empty document)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        # The construct that is left open (context) locates the error better than the
        # place the parser gave up (often the end of the file).
        mark = exc.context_mark or exc.problem_mark
        line = mark.line + 1 if mark is not None else None
        raise ValueError(f"malformed YAML: {exc.problem or exc}", line) from None
    except yaml.YAMLError as exc:
        raise ValueError(f"malformed YAML: {exc}", None) from None
    if root is None:
        return None
    budget = [_MAX_ALIAS_NODES]
    return _from_yaml("", root, budget, set(), set())


def _from_yaml(
    name: str, node: Any, budget: list[int], active: set[int], seen: set[int], line: int = 0
) -> Node:
    """Convert a composed node; ``line`` is its key's line (``- changeSet:``), if any.

    ``seen`` holds the nodes converted so far: meeting one again means an alias, which
    costs budget; ``active`` holds the current path, to refuse recursive aliases.
    """
    import yaml

    if id(node) in seen:
        budget[0] -= 1
    seen.add(id(node))
    if budget[0] < 0 or id(node) in active:
        raise TooComplex
    own = node.start_mark.line + 1
    out = Node(name, line or own)
    if isinstance(node, yaml.ScalarNode):
        out.is_null = node.tag == "tag:yaml.org,2002:null"
        out.text = "" if out.is_null else str(node.value)
        # Block scalars (| and >) start on the line after their indicator.
        out.text_line = own + 1 if node.style in ("|", ">") else own
        return out
    active.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            key_line = key.start_mark.line + 1
            child = _from_yaml(str(key.value), value, budget, active, seen, key_line)
            out.children.append(child)
    else:
        for item in node.value:
            out.children.append(_from_yaml("-", item, budget, active, seen))
    active.discard(id(node))
    return out


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
    from rollback_gate.migrations.liquibase_model import KNOWN_CHANGES

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


def _columns(node: Node) -> list[Column]:
    """``<column name type/>`` (XML) or ``columns: [{column: {name, type}}]`` (YAML/JSON)."""
    if node.name == "column" and (node.attrs or node.child("name") is not None):
        return [Column(node.value("name"), node.value("type"), node.line)]
    out: list[Column] = []
    for child in node.children:
        out.extend(_columns(child))
    return out


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
