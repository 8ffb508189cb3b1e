"""Image references in Kubernetes workloads, Kustomize overlays and compose files.

Workloads: Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, Argo Rollout,
OpenShift DeploymentConfig (``spec.template.spec``) and CronJob
(``spec.jobTemplate.spec.template.spec``); their ``containers``, ``initContainers`` and
``ephemeralContainers``; ``List`` items too. Compose: ``services.<name>.image``.
Kustomize: ``images:`` entries (``name``, ``newName``, ``newTag``, ``digest``) apply to the
workloads of the overlay's ``resources`` (files, and folders holding a kustomization,
followed recursively); the outermost entry that sets a tag or digest decides.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from rollback_gate.deploy import sources
from rollback_gate.monitor import yamlnodes as yn
from rollback_gate.monitor.yamlnodes import Node
from rollback_gate.tree import Tree

POD_SPEC_AT: dict[str, tuple[str, ...]] = {
    "Pod": ("spec",),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
    **{
        kind: ("spec", "template", "spec")
        for kind in (
            "Deployment",
            "StatefulSet",
            "DaemonSet",
            "ReplicaSet",
            "Job",
            "Rollout",
            "DeploymentConfig",
        )
    },
}
CONTAINER_LISTS = ("containers", "initContainers", "ephemeralContainers")
MAX_KUSTOMIZE_DEPTH = 20


@dataclass(frozen=True)
class Use:
    """One image reference as written: its text, where, and what it belongs to."""

    text: str
    path: str
    line: int
    owner: str  # "Deployment api, container web" / "compose service web"
    workload: str = ""  # metadata.name of the workload ("" for compose)
    container: str = ""


@dataclass(frozen=True)
class Override:
    """A Kustomize ``images:`` entry."""

    path: str
    line: int
    name: str
    new_name: str | None
    new_tag: str | None
    tag_line: int
    digest: str | None


def workload_images(tree: Tree, path: str, notes: list[str]) -> Iterator[Use]:
    """Every container image of every workload in ``path``."""
    docs, error = sources.documents(tree, path)
    if error:
        notes.append(f"manifests: {path} {error}; its images were not checked past that point")
    for doc in docs:
        kind = yn.text(yn.get(doc, "kind")) or ""
        items = yn.items(yn.get(doc, "items")) if kind.endswith("List") else [doc]
        for item in items:
            yield from _pod_images(item, path)


def _pod_images(doc: Node, path: str) -> Iterator[Use]:
    kind = yn.text(yn.get(doc, "kind")) or ""
    at = POD_SPEC_AT.get(kind)
    if at is None:
        return
    name = yn.text(yn.get(doc, "metadata", "name")) or "(unnamed)"
    spec = yn.get(doc, *at)
    for group in CONTAINER_LISTS:
        for container in yn.items(yn.get(spec, group)):
            image = yn.get(container, "image")
            text = yn.text(image)
            if image is None or text is None:
                continue
            cname = yn.text(yn.get(container, "name")) or "(unnamed)"
            what = "container" if group == "containers" else group.removesuffix("s")
            owner = f"{kind} {name}, {what} {cname}"
            yield Use(text, path, yn.line(image), owner, name, cname)


def compose_images(tree: Tree, path: str, notes: list[str]) -> Iterator[Use]:
    """``services.<name>.image`` of a compose file."""
    docs, error = sources.documents(tree, path)
    if error:
        notes.append(f"manifests: {path} {error}; its images were not checked past that point")
    for doc in docs:
        for service, (_, body) in yn.members(yn.get(doc, "services")).items():
            image = yn.get(body, "image")
            text = yn.text(image)
            if image is not None and text is not None:
                yield Use(text, path, yn.line(image), f"compose service {service}")


def looks_like_compose(tree: Tree, path: str) -> bool:
    """A YAML file without ``kind`` whose ``services`` are mappings (compose by content)."""
    docs, _ = sources.documents(tree, path)
    return any(yn.get(doc, "kind") is None and yn.members(yn.get(doc, "services")) for doc in docs)


def overrides(tree: Tree, path: str) -> list[Override]:
    """The ``images:`` entries of a kustomization."""
    docs, _ = sources.documents(tree, path)
    out = []
    for entry in yn.items(yn.get(docs[0] if docs else None, "images")):
        name = yn.text(yn.get(entry, "name"))
        if not name:
            continue
        tag = yn.get(entry, "newTag")
        out.append(
            Override(
                path,
                yn.line(entry),
                name,
                yn.text(yn.get(entry, "newName")),
                yn.text(tag),
                yn.line(tag) if tag is not None else yn.line(entry),
                yn.text(yn.get(entry, "digest")),
            )
        )
    return out


def resources(tree: Tree, path: str) -> tuple[list[str], list[str]]:
    """(manifest files, nested kustomizations) that a kustomization includes."""
    docs, _ = sources.documents(tree, path)
    doc = docs[0] if docs else None
    files: list[str] = []
    nested: list[str] = []
    known = sources.known_files(tree)
    for key in ("resources", "bases", "components"):
        for item in yn.items(yn.get(doc, key)):
            target = sources.resolve(path, yn.text(item) or "")
            if target is None:
                continue
            if target in known:
                files.append(target)
                continue
            for name in sources.KUSTOMIZATIONS:
                candidate = f"{target}/{name}" if target else name
                if candidate in known:
                    nested.append(candidate)
                    break
    return files, nested


def overlay_images(
    tree: Tree, kustomization: str, notes: list[str]
) -> Iterator[tuple[Use, list[Override]]]:
    """Each workload image an overlay deploys, with the overrides that apply (outer first)."""
    stack: list[tuple[str, list[Override], int]] = [(kustomization, [], 0)]
    seen: set[str] = set()
    while stack:
        current, outer, depth = stack.pop()
        if current in seen or depth > MAX_KUSTOMIZE_DEPTH:
            continue
        seen.add(current)
        chain = outer + overrides(tree, current)
        files, nested = resources(tree, current)
        for file in files:
            for use in workload_images(tree, file, notes):
                yield use, chain
        stack.extend((n, chain, depth + 1) for n in nested)


def decisive(use_name: str, chain: list[Override]) -> Override | None:
    """The outermost override for ``use_name`` that sets a tag or a digest."""
    for entry in chain:
        if entry.name == use_name and (entry.new_tag is not None or entry.digest is not None):
            return entry
    return None
