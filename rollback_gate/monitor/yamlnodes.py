"""YAML composed into nodes (safe loader), so that every finding has a line.

Walks only follow the paths a check asks for, so aliases cannot explode into a "billion
laughs" expansion; the number of documents per file is capped.
"""

from __future__ import annotations

from dataclasses import dataclass

from rollback_gate import lazyre
from rollback_gate.yamlsafe import too_deep, yaml

MappingNode = yaml.nodes.MappingNode
Node = yaml.nodes.Node
ScalarNode = yaml.nodes.ScalarNode
SequenceNode = yaml.nodes.SequenceNode

MAX_DOCUMENTS = 5000
MAX_FLOW_DEPTH = 1000
"""libyaml's C composer recurses once per nesting level without a guard: ~200,000 nested
``[`` (a 200 KB file) overflow the C stack and kill the process. Refuse long before that."""
_BRACKETS = lazyre.compile(r"[\[\]{}]")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class YamlError:
    """Why a file is not YAML, and where."""

    message: str
    line: int | None


def documents(text: str) -> tuple[list[Node], YamlError | None]:
    """The file's non-empty documents, and the error that stopped reading, if any."""
    out: list[Node] = []
    if too_deep(text, MAX_FLOW_DEPTH):
        return out, YamlError(f"nested more than {MAX_FLOW_DEPTH} levels deep; not read", None)
    try:
        for node in yaml.compose_all(text, Loader=_LOADER):
            if node is not None:
                out.append(node)
            if len(out) > MAX_DOCUMENTS:
                return out, YamlError(
                    f"more than {MAX_DOCUMENTS} documents; not read further", None
                )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        detail = exc.problem or exc.context or "invalid YAML"
        return out, YamlError(f"invalid YAML: {detail}", mark.line + 1 if mark else None)
    except (yaml.YAMLError, RecursionError) as exc:
        return out, YamlError(f"invalid YAML: {type(exc).__name__}", None)
    return out, None


def line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def members(node: Node | None) -> dict[str, tuple[Node, Node]]:
    """A mapping's members by key (key node, value node); {} for anything else.

    ``<<`` merge keys are resolved one level deep (that is what Helm charts use).
    """
    if not isinstance(node, MappingNode):
        return {}
    out: dict[str, tuple[Node, Node]] = {}
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == "<<" and key.tag.endswith(":merge"):
            for source in value.value if isinstance(value, SequenceNode) else [value]:
                for name, pair in members(source).items():
                    out.setdefault(name, pair)
        elif isinstance(key, ScalarNode):
            out[key.value] = (key, value)
    return out


def duplicate_keys(node: Node) -> list[tuple[str, int]]:
    """Keys repeated in one mapping (Prometheus and Kubernetes reject them)."""
    if not isinstance(node, MappingNode):
        return []
    seen: set[str] = set()
    out = []
    for key, _ in node.value:
        if isinstance(key, ScalarNode):
            if key.value in seen:
                out.append((key.value, line(key)))
            seen.add(key.value)
    return out


def get(node: Node | None, *path: str) -> Node | None:
    """The node at ``path`` of nested mappings, or None."""
    for name in path:
        pair = members(node).get(name)
        if pair is None:
            return None
        node = pair[1]
    return node


def text(node: Node | None) -> str | None:
    """A scalar's text (None for null, mappings and sequences)."""
    if isinstance(node, ScalarNode) and not node.tag.endswith(":null"):
        return str(node.value)
    return None


def items(node: Node | None) -> list[Node]:
    """A sequence's items ([] for anything else)."""
    return list(node.value) if isinstance(node, SequenceNode) else []


def kind_of(node: Node | None) -> str:
    """'mapping', 'sequence', 'null', 'string', 'int', … for messages."""
    if isinstance(node, MappingNode):
        return "mapping"
    if isinstance(node, SequenceNode):
        return "sequence"
    if node is None:
        return "nothing"
    return str(node.tag).rsplit(":", 1)[-1]
