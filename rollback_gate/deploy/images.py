"""RG122 image-tag-mutable: every image a rollback would return to must name one build.

``kubectl rollout undo`` and ``helm rollback`` restore the previous *spec*; when that spec
says ``api:latest`` (or ``:main``, or no tag), the node pulls whatever the tag points at
now — usually the bad build being rolled back. Images are read from Kubernetes workloads,
Helm values and templates, Kustomize overlays and compose files (see
:mod:`~rollback_gate.deploy.workloads` and :mod:`~rollback_gate.deploy.charts`); each
finding names the file and line to change and how to pin a digest in that format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rollback_gate.deploy import charts, overrides, sources, workloads
from rollback_gate.deploy.history import history_finding
from rollback_gate.deploy.imageref import ImageRef, parse, why_mutable
from rollback_gate.models import Finding
from rollback_gate.tree import Tree

_DIGEST = "sha256:<digest>"
_INSPECT = "(`docker buildx imagetools inspect {ref}` prints the digest of a pushed tag)"


@dataclass(frozen=True)
class Seen:
    """One image reference as deployed, in the format it was written in."""

    ref: ImageRef | None
    text: str
    path: str
    line: int
    owner: str
    fix: str


@dataclass
class ImageReport:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    history: list[Finding] = field(default_factory=list)  # RG120 from Helm templates

    def references(self) -> list[str]:
        """Every distinct reference, sorted (what a drill record lists)."""
        return sorted({s.text for s in self.seen})


def inspect(tree: Tree, globs: Iterable[str], rollback_script: str | None = None) -> ImageReport:
    """RG122 over every file the globs declare (``rollback_script``: read for ``--set``)."""
    report = ImageReport()
    declared = sources.classify(tree, globs)
    deploy = overrides.collect(tree, rollback_script)
    for root in declared.charts:
        chart = charts.read(tree, root)
        report.notes.extend(chart.notes)
        for where, line, limit in chart.history:
            found = history_finding(limit, where, line, f"chart {root or '.'}")
            if found is not None:
                report.history.append(found)
        for value in chart.images:
            given = deploy.for_chart(value.keys)
            if given is not None:
                report.notes.append(given.note(f"{value.path}:{value.line}"))
                continue
            fix = _helm_fix(value)
            report.seen.append(_seen(value.text, value.path, value.line, value.owner, fix))
    covered: set[str] = set()
    for kustomization in declared.kustomizations:
        _overlay(tree, kustomization, report, covered, deploy)
    for path in declared.compose:
        for use in workloads.compose_images(tree, path, report.notes):
            report.seen.append(_seen(use.text, use.path, use.line, use.owner, _compose_fix))
    for path in declared.manifests:
        if path in covered:
            continue
        compose = workloads.looks_like_compose(tree, path)
        how = _compose_fix if compose else _k8s_fix
        read = workloads.compose_images if compose else workloads.workload_images
        for use in read(tree, path, report.notes):
            given = deploy.for_workload(use.workload, use.container, use.text)
            if given is not None and use.workload:
                report.notes.append(given.note(f"{use.path}:{use.line}"))
                continue
            report.seen.append(_seen(use.text, use.path, use.line, use.owner, how))
    reported: set[tuple[str, int]] = set()
    for seen in report.seen:
        if seen.ref is None:
            report.notes.append(
                f"manifests: {seen.path}:{seen.line}: image `{seen.text}` holds a variable; "
                "RG122 cannot judge it without rendering"
            )
            continue
        reason = why_mutable(seen.ref)
        if reason is None or (seen.path, seen.line) in reported:
            continue
        reported.add((seen.path, seen.line))
        report.findings.append(
            Finding(
                "RG122",
                f"{seen.owner}: image `{seen.text}` {reason}: a rollback would pull whatever "
                "that tag points at now",
                path=seen.path,
                line=seen.line,
                fix=seen.fix,
                key=f"RG122:{seen.path}:{seen.owner}:{seen.text}",
            )
        )
    return report


def _seen(text: str, path: str, line: int, owner: str, fix: Callable[[str], str] | str) -> Seen:
    ref = parse(text)
    name = ref.name if ref is not None else text
    return Seen(ref, text, path, line, owner, fix if isinstance(fix, str) else fix(name))


def _overlay(
    tree: Tree,
    kustomization: str,
    report: ImageReport,
    covered: set[str],
    deploy: overrides.DeployTime,
) -> None:
    for entry in workloads.overrides(tree, kustomization):
        if entry.new_tag is None and entry.digest is None:
            continue
        name = entry.new_name or entry.name
        text = f"{name}:{entry.new_tag}" if entry.new_tag is not None else name
        if entry.digest is not None:
            text += f"@{entry.digest}"
        owner = f"kustomization images entry {entry.name}"
        report.seen.append(_seen(text, entry.path, entry.tag_line, owner, _kustomize_fix))
    for use, chain in workloads.overlay_images(tree, kustomization, report.notes):
        covered.add(use.path)
        ref = parse(use.text)
        if ref is not None and workloads.decisive(ref.name, chain) is not None:
            continue  # the overlay's entry decides (and is judged above)
        given = deploy.for_workload(use.workload, use.container, use.text)
        if given is not None:
            report.notes.append(given.note(f"{use.path}:{use.line}"))
            continue

        name = ref.name if ref is not None else use.text
        fix = (
            f"{_k8s_fix(name)}; or pin it in {kustomization}: "
            f"`images: [{{name: {name}, digest: {_DIGEST}}}]`"
        )
        report.seen.append(_seen(use.text, use.path, use.line, use.owner, fix))


def _k8s_fix(name: str) -> str:
    ref = f"{name}:<version>"
    return f"pin the image: `image: {ref}@{_DIGEST}` {_INSPECT.format(ref=ref)}"


def _compose_fix(name: str) -> str:
    ref = f"{name}:<version>"
    return f"pin the service's image: `image: {ref}@{_DIGEST}` {_INSPECT.format(ref=ref)}"


def _kustomize_fix(name: str) -> str:
    return (
        f"pin the entry: `digest: {_DIGEST}` (`kustomize edit set image {name}={name}@"
        f"{_DIGEST}`), or at least `newTag: <version>`"
    )


def _helm_fix(use: charts.ChartUse) -> str:
    ref = parse(use.text)
    name = ref.name if ref is not None else use.text
    if use.form == "appVersion":
        return (
            f"set `appVersion` in {use.path} to the release's version (the empty "
            f"`{use.setting}.tag` falls back to it), or set `{use.setting}.digest: {_DIGEST}`"
        )
    if use.form == "literal":
        return _k8s_fix(name)
    if use.form == "string":
        return f"set `{use.setting}: {name}:<version>@{_DIGEST}` in values.yaml"
    return (
        f"set `{use.setting}.tag` to the release's version, better `{use.setting}.digest: "
        f"{_DIGEST}` where the chart's template uses it (or write the tag as "
        f"`<version>@{_DIGEST}`)"
    )
