"""Kubernetes manifests under ``rollback.manifests`` (multi-document, Helm-rendered YAML).

RG406: a serving container (Deployment, StatefulSet, DaemonSet, ReplicaSet, Argo Rollout,
Pod, OpenShift DeploymentConfig) without a ``readinessProbe``. RG121: an Argo Rollouts
``AnalysisTemplate``/``ClusterAnalysisTemplate``/``AnalysisRun`` metric with neither
``successCondition`` nor ``failureCondition`` (``job`` metrics excepted: the job's result is
the condition), and a Flagger ``Canary`` without analysis, metrics, a failed-checks
``threshold``, or a metric without ``thresholdRange``. A Rollout's analysis templates that
are not among the manifests are noted. RG120 (:func:`history_disabled`): a workload with
``revisionHistoryLimit`` below 2 keeps (almost) no old ReplicaSet to roll back to. Helm
templates (files with ``{{ … }}`` under a chart's ``templates/``) are skipped with a note.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rollback_gate.migrations.base import Unreadable
from rollback_gate.models import Finding
from rollback_gate.monitor import yamlnodes as yn
from rollback_gate.monitor.yamlnodes import Node
from rollback_gate.tree import Tree

TEMPLATED = frozenset(
    {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Rollout", "DeploymentConfig"}
)
ANALYSIS = frozenset({"AnalysisTemplate", "ClusterAnalysisTemplate", "AnalysisRun"})


@dataclass
class ManifestReport:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    workloads: int = 0


@dataclass(frozen=True)
class _Doc:
    path: str
    kind: str
    name: str
    node: Node


def inspect(tree: Tree, globs: Iterable[str]) -> ManifestReport:
    """RG406 and RG121 over every manifest matched by ``globs``."""
    report = ManifestReport()
    templates: set[str] = set()
    references: list[tuple[_Doc, str]] = []
    for doc in _documents(tree, tuple(globs), report.notes):
        if doc.kind in TEMPLATED or doc.kind == "Pod":
            report.workloads += 1
            report.findings.extend(_probes(doc))
        if doc.kind in ANALYSIS:
            templates.add(doc.name)
            report.findings.extend(_analysis(doc))
        elif doc.kind == "Canary":
            report.findings.extend(_canary(doc))
        elif doc.kind == "Rollout":
            references.extend((doc, name) for name in _template_refs(doc.node))
    for doc, name in references:
        if name not in templates:  # it may live in the cluster only: say so, do not fail
            report.notes.append(
                f"manifests: Rollout {doc.name} ({doc.path}) uses analysis template {name}, "
                "which is not among the inspected manifests; its metrics were not checked"
            )
    return report


def _template_refs(rollout: Node) -> list[str]:
    """templateName of every analysis of a Rollout: background, steps, pre/post promotion."""
    strategy = yn.get(rollout, "spec", "strategy")
    analyses = [
        yn.get(strategy, "canary", "analysis"),
        yn.get(strategy, "blueGreen", "prePromotionAnalysis"),
        yn.get(strategy, "blueGreen", "postPromotionAnalysis"),
        *(yn.get(step, "analysis") for step in yn.items(yn.get(strategy, "canary", "steps"))),
    ]
    names = []
    for analysis in analyses:
        for ref in yn.items(yn.get(analysis, "templates")):
            name = yn.text(yn.get(ref, "templateName"))
            if name:
                names.append(name)
    return names


def history_disabled(tree: Tree, globs: Iterable[str]) -> Iterator[Finding]:
    """RG120: workloads whose ``revisionHistoryLimit`` is below 2 (0 or 1)."""
    from rollback_gate.deploy.history import history_finding

    for doc in _documents(tree, tuple(globs), []):
        if doc.kind not in TEMPLATED:
            continue
        limit = yn.get(doc.node, "spec", "revisionHistoryLimit")
        value = yn.text(limit)
        if limit is not None and value is not None:
            found = history_finding(value, doc.path, yn.line(limit), f"{doc.kind} {doc.name}")
            if found is not None:
                yield found


def _documents(tree: Tree, globs: tuple[str, ...], notes: list[str]) -> Iterator[_Doc]:
    from rollback_gate.deploy.sources import chart_of, chart_roots, is_template

    roots = chart_roots(tree)
    skipped: dict[str, int] = {}
    for path in tree.glob(globs):
        if not path.endswith((".yaml", ".yml", ".json")):
            continue
        if is_template(path, roots) and _templated(tree, path):
            # Go templates are not YAML until rendered: leave them alone, say so once.
            chart = chart_of(path, roots) or "."
            skipped[chart] = skipped.get(chart, 0) + 1
            continue
        docs, error = _parse(tree, path)
        if error:
            notes.append(f"manifests: {path} {error}; not inspected past that point")
        for node in docs:
            kind = yn.text(yn.get(node, "kind")) or ""
            if kind == "List" or kind.endswith("List"):
                inner = yn.items(yn.get(node, "items"))
            else:
                inner = [node]
            for item in inner:
                item_kind = yn.text(yn.get(item, "kind")) or ""
                name = yn.text(yn.get(item, "metadata", "name")) or "(unnamed)"
                yield _Doc(path, item_kind, name, item)
    for chart, count in skipped.items():
        notes.append(
            f"manifests: {count} Helm template(s) of chart {chart} hold `{{{{ … }}}}` actions "
            "and are not YAML until rendered; their probes and analyses were not checked "
            "(the chart's images are read from values.yaml)"
        )


def _templated(tree: Tree, path: str) -> bool:
    try:
        return "{{" in tree.read_text(path)
    except Unreadable:
        return False


def _parse(tree: Tree, path: str) -> tuple[list[Node], str]:
    """Composed documents (cached: the plan and monitoring checks read the same files)."""
    from rollback_gate.deploy.sources import documents

    docs, error = documents(tree, path)
    return list(docs), error


def _probes(doc: _Doc) -> Iterator[Finding]:
    spec = (
        yn.get(doc.node, "spec")
        if doc.kind == "Pod"
        else yn.get(doc.node, "spec", "template", "spec")
    )
    for container in yn.items(yn.get(spec, "containers")):
        if yn.get(container, "readinessProbe") is not None:
            continue
        name = yn.text(yn.get(container, "name")) or "(unnamed)"
        yield Finding(
            "RG406",
            f"{doc.kind} {doc.name}: container {name} has no readinessProbe",
            path=doc.path,
            line=yn.line(container),
            fix=f"add a readinessProbe (e.g. httpGet on the ready endpoint) to container {name}",
            key=f"RG406:{doc.path}:{doc.kind}:{doc.name}:{name}",
        )


def _analysis(doc: _Doc) -> Iterator[Finding]:
    metrics = yn.get(doc.node, "spec", "metrics")
    if not yn.items(metrics):
        yield _rg121(
            doc,
            metrics or doc.node,
            "has no metrics: the analysis can never fail",
            "add metrics with a successCondition or failureCondition",
        )
        return
    for metric in yn.items(metrics):
        if yn.get(metric, "provider", "job") is not None:
            continue
        if (
            yn.get(metric, "successCondition") is None
            and yn.get(metric, "failureCondition") is None
        ):
            name = yn.text(yn.get(metric, "name")) or "(unnamed)"
            yield _rg121(
                doc,
                metric,
                f"metric {name} has neither successCondition nor failureCondition: it can "
                "never fail, so a bad canary is promoted",
                f"add successCondition (e.g. result[0] < 0.01) to metric {name}",
            )


def _canary(doc: _Doc) -> Iterator[Finding]:
    analysis = yn.get(doc.node, "spec", "analysis") or yn.get(doc.node, "spec", "canaryAnalysis")
    if analysis is None:
        yield _rg121(
            doc,
            doc.node,
            "has no analysis: Flagger promotes without checking",
            "add spec.analysis with a threshold and metrics",
        )
        return
    if yn.get(analysis, "threshold") is None:
        yield _rg121(
            doc,
            analysis,
            "analysis has no threshold (failed checks before rollback)",
            "set spec.analysis.threshold, e.g. 5",
        )
    metrics = yn.items(yn.get(analysis, "metrics"))
    if not metrics:
        yield _rg121(
            doc,
            analysis,
            "analysis has no metrics: the canary can never fail",
            "add metrics such as request-success-rate with a thresholdRange",
        )
    for metric in metrics:
        if yn.get(metric, "thresholdRange") is None and yn.get(metric, "threshold") is None:
            name = yn.text(yn.get(metric, "name")) or "(unnamed)"
            yield _rg121(
                doc,
                metric,
                f"metric {name} has no thresholdRange: it can never fail",
                f"add thresholdRange (min or max) to metric {name}",
            )


def _rg121(doc: _Doc, node: Node, message: str, fix: str) -> Finding:
    return Finding(
        "RG121",
        f"{doc.kind} {doc.name}: {message}",
        path=doc.path,
        line=yn.line(node),
        fix=fix,
        key=f"RG121:{doc.path}:{doc.kind}:{doc.name}:{message}",
    )
