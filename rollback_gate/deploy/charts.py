"""Helm charts, read without rendering them.

``values.yaml`` is YAML: every image it sets is judged where it is written — a mapping
with ``repository`` (and ``registry``, ``tag``, ``digest``; nested per component, e.g.
``api.image``) or a string under a key ending in ``image``. An empty or missing ``tag``
means the chart's ``appVersion`` (``{{ .Values.image.tag | default .Chart.AppVersion }}``,
as ``helm create`` writes it), so Chart.yaml's ``appVersion`` is judged instead.

Files under ``templates/`` are Go templates, not YAML until rendered: they are read line
by line and never parsed. An ``image:`` (or ``revisionHistoryLimit:``) whose value holds
``{{ … }}`` actions is resolved from values.yaml when every action is a plain
``.Values.a.b`` / ``.Chart.AppVersion`` lookup with optional ``default``, ``quote`` or
``toString``; the finding then points at the values.yaml line the value comes from.
Anything else (``include``, ``printf``, ``if``…) is left alone. Helm test hooks
(``helm.sh/hook: test``) are not deployed and are skipped. Each image carries the values
keys a ``helm --set`` would replace it by (:attr:`ChartUse.keys`), so that a default the
deploy always overrides is not judged (see :mod:`rollback_gate.deploy.overrides`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rollback_gate.deploy import sources
from rollback_gate.migrations.base import Unreadable
from rollback_gate.monitor import yamlnodes as yn
from rollback_gate.monitor.yamlnodes import MappingNode, Node, ScalarNode, SequenceNode
from rollback_gate.tree import Tree

MAX_VALUES_NODES = 200_000
_IDENTITY = frozenset({"quote", "squote", "toString", "trim"})


@dataclass(frozen=True)
class ChartUse:
    """A reference the chart deploys, and the line its decisive part is written on."""

    text: str
    path: str
    line: int
    owner: str  # "values.yaml api.image" / "templates/job.yaml"
    setting: str  # the values key to change ("api.image"), or "" for a template literal
    form: str  # "split" (repository/tag), "string", "appVersion" or "literal"
    keys: tuple[str, ...] = ()  # values keys a `helm --set` would override it by


@dataclass
class Chart:
    """What one chart deploys (as far as can be told without rendering)."""

    root: str
    images: list[ChartUse] = field(default_factory=list)
    history: list[tuple[str, int, str]] = field(default_factory=list)  # path, line, value
    notes: list[str] = field(default_factory=list)


def _file(root: str, name: str) -> str:
    return f"{root}/{name}" if root else name


def read(tree: Tree, root: str) -> Chart:
    """Values images, resolved template images and revisionHistoryLimit of one chart."""
    chart = Chart(root)
    values_path = _file(root, "values.yaml")
    docs, error = sources.documents(tree, values_path) if tree.exists(values_path) else ((), "")
    if error:
        chart.notes.append(f"manifests: {values_path} {error}; images not checked past it")
    values = _Values(docs[0] if docs else None, values_path, _app_version(tree, root))
    chart.images.extend(_values_images(values.node, values_path, values.app))
    unresolved: list[str] = []
    for path in tree.under(_file(root, "templates")):
        if path.endswith((".yaml", ".yml")):
            _template(tree, path, values, chart, unresolved)
    if unresolved:
        more = f" and {len(unresolved) - 1} more" if len(unresolved) > 1 else ""
        chart.notes.append(
            f"manifests: {unresolved[0]}{more} need rendering; left alone (the images in "
            "values.yaml are still checked)"
        )
    return chart


class _Values:
    """values.yaml and appVersion, with each mapping's members indexed once (lookups of
    many templated lines stay linear in the size of the chart)."""

    def __init__(self, node: Node | None, path: str, app: tuple[str, str, int]) -> None:
        self.node = node
        self.path = path
        self.app = app
        self._index: dict[int, dict[str, tuple[Node, Node]]] = {}

    def get(self, keys: list[str]) -> Node | None:
        node = self.node
        for key in keys:
            if node is None:
                return None
            members = self._index.get(id(node))
            if members is None:
                members = self._index[id(node)] = yn.members(node)
            pair = members.get(key)
            node = pair[1] if pair is not None else None
        return node


def _app_version(tree: Tree, root: str) -> tuple[str, str, int]:
    """(appVersion or '', Chart.yaml path, line)."""
    path = _file(root, "Chart.yaml")
    docs, _ = sources.documents(tree, path)
    node = yn.get(docs[0] if docs else None, "appVersion")
    return yn.text(node) or "", path, yn.line(node) if node is not None else 1


def _values_images(values: Node | None, path: str, app: tuple[str, str, int]) -> Iterator[ChartUse]:
    stack: list[tuple[Node, tuple[str, ...]]] = [(values, ())] if values is not None else []
    seen: set[int] = set()
    while stack and len(seen) < MAX_VALUES_NODES:
        node, keys = stack.pop()
        if id(node) in seen:  # aliases: each node once
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend((item, keys) for item in reversed(node.value))
            continue
        if not isinstance(node, MappingNode):
            continue
        members = yn.members(node)
        if "repository" in members and (
            "tag" in members or "digest" in members or any("image" in k.lower() for k in keys)
        ):
            yield _split_image(members, path, ".".join(keys), app)
            continue
        for name, (_, value) in reversed(members.items()):
            scalar = yn.text(value)
            if scalar is not None and name.lower().endswith("image"):
                if isinstance(value, ScalarNode) and value.tag.endswith(":str"):
                    owner = ".".join((*keys, name))
                    line = yn.line(value)
                    yield ChartUse(scalar, path, line, f"{path} {owner}", owner, "string", (owner,))
            else:
                stack.append((value, (*keys, name)))


def _split_image(
    members: dict[str, tuple[Node, Node]], path: str, setting: str, app: tuple[str, str, int]
) -> ChartUse:
    def text(key: str) -> str:
        return yn.text(members[key][1]) or "" if key in members else ""

    repository = text("repository")
    registry = text("registry")
    name = f"{registry}/{repository}" if registry else repository
    digest = text("digest")
    tag = text("tag")
    owner = f"{path} {setting}"
    prefix = f"{setting}." if setting else ""
    keys = (f"{prefix}tag", f"{prefix}digest")
    at = members.get("tag", members["repository"])[1]
    if digest:
        line = yn.line(members["digest"][1])
        digest = digest if digest.startswith("sha") else f"sha256:{digest}"
        return ChartUse(f"{name}@{digest}", path, line, owner, setting, "split", keys)
    if not tag:
        version, chart_yaml, line = app
        return ChartUse(
            f"{name}:{version}" if version else name,
            chart_yaml,
            line,
            f"{owner} (empty tag: the chart's appVersion)",
            setting,
            "appVersion",
            keys,
        )
    return ChartUse(f"{name}:{tag}", path, yn.line(at), owner, setting, "split", keys)


def _template(tree: Tree, path: str, values: _Values, chart: Chart, unresolved: list[str]) -> None:
    try:
        text = tree.read_text(path)
    except Unreadable as exc:
        chart.notes.append(f"manifests: Helm template {path} {exc.reason}; not read")
        return
    lines = text.splitlines()
    templated = "{{" in text
    if any("helm.sh/hook" in line and "test" in line for line in lines):
        return  # `helm test` pods are not part of the release a rollback returns to
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip().removeprefix("- ").lstrip()
        key, colon, value = stripped.partition(":")
        if not colon or key not in ("image", "revisionHistoryLimit"):
            continue
        value = _unquote(value.partition(" #")[0].strip())
        if not value or value[0] in "#|>":
            continue
        if "{{" not in value:
            if key == "image":
                chart.images.append(ChartUse(value, path, number, path, "", "literal"))
            elif templated:  # a plain-YAML template is read as a manifest already
                chart.history.append((path, number, value))
            continue
        resolved = _resolve(value, values)
        if resolved is None:  # a template we cannot evaluate without rendering
            unresolved.append(f"{path}:{number}: `{key}: {value[:80]}`")
            continue
        out, where, values_key = resolved
        line_path, line = where if where is not None else (path, number)
        if key == "image":
            form = "appVersion" if line_path.endswith("Chart.yaml") else "split"
            setting = values_key.rpartition(".")[0] or values_key
            owner = f"{path} via .Values.{setting}"
            keys = (values_key,) if values_key else ()
            chart.images.append(ChartUse(out, line_path, line, owner, setting, form, keys))
        else:
            chart.history.append((line_path, line, out))


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _resolve(value: str, values: _Values) -> tuple[str, tuple[str, int] | None, str] | None:
    """(text, (path, line) of the last part that came from a file, values key) or None."""
    out: list[str] = []
    where: tuple[str, int] | None = None
    setting = ""
    i = 0
    while i < len(value):
        start = value.find("{{", i)
        if start == -1:
            out.append(value[i:])
            break
        end = value.find("}}", start + 2)
        if end == -1:
            return None
        out.append(value[i:start])
        action = _action(value[start + 2 : end], values)
        if action is None:
            return None
        piece, source, key = action
        out.append(piece)
        if source is not None:
            where = source
            setting = key or setting
        i = end + 2
    return "".join(out), where, setting


def _action(body: str, values: _Values) -> tuple[str, tuple[str, int] | None, str] | None:
    """The value of one ``{{ … }}`` action made of lookups, or None."""
    stages = [s.strip() for s in body.strip().strip("-").split("|")]
    first = stages[0].split()
    fallback: list[str] = []
    if len(first) == 3 and first[0] == "default":
        fallback, first = [first[1]], [first[2]]
    if len(first) != 1:
        return None
    for stage in stages[1:]:
        words = stage.split()
        if len(words) == 2 and words[0] == "default":
            fallback = [words[1]]
        elif len(words) != 1 or words[0] not in _IDENTITY:
            return None
    got = _lookup(first[0], values)
    if got is None:
        return None
    if got[0] == "" and fallback:
        other = _lookup(fallback[0], values)
        return None if other is None else (other[0], other[1], got[2])  # --set replaces got
    return got


def _lookup(term: str, values: _Values) -> tuple[str, tuple[str, int] | None, str] | None:
    if term == ".Chart.AppVersion":
        version, chart_yaml, line = values.app
        return version, (chart_yaml, line), ""
    if len(term) >= 2 and term[0] == term[-1] == '"':
        return term[1:-1], None, ""
    if not term.startswith(".Values."):
        return None
    keys = term.removeprefix(".Values.").split(".")
    node = values.get(keys)
    if node is None:
        return "", None, ".".join(keys)
    if not isinstance(node, ScalarNode):
        return None
    return yn.text(node) or "", (values.path, yn.line(node)), ".".join(keys)
