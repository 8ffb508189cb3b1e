"""Huge and hostile deployment inputs: bounded time, no traceback, no false finding."""

from __future__ import annotations

import time
from pathlib import Path

from rollback_gate.deploy import history, images
from rollback_gate.deploy.imageref import ImageRef, parse, why_mutable
from rollback_gate.tree import Tree


def _tree(tmp_path: Path, files: dict[str, str]) -> Tree:
    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return Tree(tmp_path, use_git=False)


def test_references() -> None:
    assert parse("registry:5000/team/api") == ImageRef("registry:5000/team/api")
    assert parse("registry:5000/api:1.2") == ImageRef("registry:5000/api", "1.2")
    assert parse("api:1@sha256:ab") == ImageRef("api", "1", "sha256:ab")
    assert parse("  ") is None and parse("api:${TAG}") is None and parse("{{ x }}") is None
    assert why_mutable(ImageRef("api", "latest", "sha256:" + "0" * 63)) is not None  # short
    assert why_mutable(ImageRef("api", "latest", "sha256:" + "0" * 64)) is None
    assert why_mutable(ImageRef("api", "LATEST")) == "uses the tag `:latest`"
    assert why_mutable(ImageRef("api", "")) is not None
    assert why_mutable(ImageRef("api", "beta")) is not None
    assert why_mutable(ImageRef("api", "1.0-beta")) is None


def test_long_shell_lines_are_linear(tmp_path: Path) -> None:
    quotes = "helm upgrade x --history-max 1 " + "'" * 200_000 + "\n"  # unbalanced, too long
    continued = "helm upgrade x \\\n" * 50_000 + "--history-max 1\n"
    many = "helm upgrade api ./c --history-max 1\n" * 20_000
    tree = _tree(
        tmp_path, {"quotes-deploy.sh": quotes, "c-deploy.sh": continued, "rollback.sh": many}
    )
    started = time.perf_counter()
    found = list(history.helm_history(tree, "rollback.sh"))
    assert time.perf_counter() - started < 5.0
    by_file = {
        path: [f for f in found if f.path == path] for path in ("quotes-deploy.sh", "rollback.sh")
    }
    assert by_file["quotes-deploy.sh"] == []  # over MAX_COMMAND: not tokenised
    assert len(by_file["rollback.sh"]) == 20_000 and by_file["rollback.sh"][-1].line == 20_000
    assert all(f.rule == "RG120" for f in found)


def test_many_kustomizations_and_charts(tmp_path: Path) -> None:
    files: dict[str, str] = {}
    for i in range(300):
        files[f"deploy/k{i}/kustomization.yaml"] = (
            f"resources: [d.yaml, ../k{(i + 1) % 300}, ../../../outside, https://x/y]\n"
            f"images: [{{name: api, newTag: '1.{i}'}}]\n"
        )
        files[f"deploy/k{i}/d.yaml"] = (
            "kind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: api}]\n"
        )
        files[f"charts/c{i}/Chart.yaml"] = "name: c\nappVersion: '1.0'\n"
        files[f"charts/c{i}/values.yaml"] = "image: {repository: api, tag: ''}\n"
    tree = _tree(tmp_path, files)
    started = time.perf_counter()
    report = images.inspect(tree, ["deploy/**", "charts/**"])
    assert time.perf_counter() - started < 10.0
    assert report.findings == []  # every image pinned by its overlay or the appVersion
    assert "api:1.0" in report.references()


def test_values_alias_bomb_and_broken_template(tmp_path: Path) -> None:
    lines = ["a0: &a0 {repository: api, tag: latest}"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    tree = _tree(
        tmp_path,
        {
            "chart/Chart.yaml": "name: c\n",
            "chart/values.yaml": "\n".join(lines) + "\n",
            "chart/templates/d.yaml": "image: {{ .Values.x | default\nimage: {{ }}\n: {{\n",
        },
    )
    started = time.perf_counter()
    report = images.inspect(tree, ["chart/**"])
    assert time.perf_counter() - started < 2.0
    assert [f.line for f in report.findings] == [1]  # the anchored mapping, judged once


def test_chart_with_ten_thousand_templated_images_is_linear(tmp_path: Path) -> None:
    count = 10_000
    values = "".join(
        f"c{i}:\n  image: {{repository: r/c{i}, tag: '1.{i}'}}\n" for i in range(count)
    )
    lines = "".join(
        f'  - image: "{{{{ .Values.c{i}.image.repository }}}}:{{{{ .Values.c{i}.image.tag }}}}"\n'
        for i in range(count)
    )
    tree = _tree(
        tmp_path,
        {
            "chart/Chart.yaml": "name: c\n",
            "chart/values.yaml": values,
            "chart/templates/d.yaml": "containers:\n" + lines,
        },
    )
    started = time.perf_counter()
    report = images.inspect(tree, ["chart/**"])
    # ~1.5 s; rebuilding the values index for every templated line took minutes
    assert time.perf_counter() - started < 8.0
    assert report.findings == []
    assert len(report.references()) == count
