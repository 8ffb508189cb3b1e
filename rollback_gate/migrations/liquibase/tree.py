"""Read changelog documents into one format-neutral tree, keeping file line numbers.

XML goes through pyexpat with the refusals of defusedxml's reader (entity declarations and
external references raise, so XXE and entity expansion cannot happen), YAML through
PyYAML's safe composer (node level, to keep line numbers; aliases are budgeted against
"billion laughs"). The JSON reader is :mod:`.liquibase_json`. Nothing is resolved,
included or executed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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


class XmlRefused(Exception):
    """The document declares an entity or references an external one (XXE, "billion laughs")."""


class _XmlBuilder:
    """Builds the tree from pyexpat's callbacks; line numbers come from the parser."""

    def __init__(self, parser: Any) -> None:
        self.root: Node | None = None
        self._stack: list[Node] = []
        self._parser = parser

    def line(self) -> int:
        return int(self._parser.CurrentLineNumber)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        prefix, _, local = name.rpartition(":")
        node = Node(local, self.line(), attrs, prefix=prefix)
        if self._stack:
            self._stack[-1].children.append(node)
        else:
            self.root = node
        self._stack.append(node)

    def end(self, name: str) -> None:
        self._stack.pop()

    def characters(self, content: str) -> None:
        if not self._stack:
            return
        node = self._stack[-1]
        if not node.text:
            if content.isspace():
                return  # indentation between elements; text starts at its first token
            node.text_line = self.line()
            node.text = content
            return
        if content.isspace() and node.children:
            return  # indentation around child elements (<createTable><column …/>)
        # Keep file line numbers: text after a child element continues on its own line.
        gap = self.line() - (node.text_line + node.text.count("\n"))
        if gap > 0:
            node.text += "\n" * gap
        node.text += content

    def comment(self, content: str) -> None:
        if self._stack:
            self._stack[-1].comments.append(content)


def _refuse_entity(name: str, *_: object) -> None:
    raise XmlRefused(f"entity {name!r} declared")


def _refuse_external(context: str, base: str | None, system_id: str | None, *_: object) -> int:
    raise XmlRefused(f"external reference {system_id!r}")


def parse_xml_tree(text: str) -> Node:
    """The element tree of ``text``; raises ``ValueError`` with a reason and line.

    pyexpat directly, with the refusals of defusedxml's SAX reader (entity declarations
    and external references raise; a DOCTYPE alone is allowed) and none of the SAX layer,
    whose import alone (xml.sax.saxutils pulls in urllib.request, http and email) cost
    40 ms of every run that reads an XML changelog.
    """
    from xml.parsers import expat

    # The text is already decoded; tell expat so, whatever the XML declaration says.
    parser = expat.ParserCreate("utf-8")
    builder = _XmlBuilder(parser)
    # As the SAX reader: an external DTD subset is asked for (and so refused below).
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_UNLESS_STANDALONE)
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.characters
    parser.CommentHandler = builder.comment
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_external
    try:
        parser.Parse(text.encode("utf-8"), True)
    except expat.ExpatError as exc:
        raise ValueError(f"malformed XML: {expat.ErrorString(exc.code)}", exc.lineno) from None
    except XmlRefused as exc:
        raise ValueError(
            f"XML entity or DTD reference refused ({exc}): Liquibase "
            "changelogs need none, and expanding them is unsafe",
            builder.line() or None,
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
        try:
            root = yaml.compose(text, Loader=loader)
        except yaml.composer.ComposerError as exc:
            if "duplicate anchor" not in str(exc):
                raise
            # YAML 1.2 lets an anchor be defined again (an alias names the latest), and so
            # does SnakeYAML, Liquibase's parser: PyYAML refuses it (prime-simplereport's
            # `&soft_delete_column`, defined five times in its master changelog: round AN)
            root = yaml.compose(text, Loader=_redefining_loader())
    except RecursionError:
        raise ValueError("YAML nested too deeply to read", None) from None
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


def _redefining_loader() -> Any:
    """PyYAML's safe loader, in Python, taking an anchor defined again as the new one."""
    import yaml

    class Redefining(yaml.SafeLoader):
        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            anchor = getattr(event, "anchor", None)
            if anchor is not None and not isinstance(event, yaml.AliasEvent):
                self.anchors.pop(anchor, None)
            return super().compose_node(parent, index)

    return Redefining


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
