"""Images the deploy sets at deploy time, over what the manifests say.

A deploy script or CI job often pins the image on the command line: ``helm upgrade
--set image.tag=$GITHUB_SHA``, ``kubectl set image deployment/api api=api:$SHA``,
``kustomize edit set image api=api:$SHA``. The release then runs that build, and a rollback
(``helm rollback`` restores the values of the previous release, ``kubectl rollout undo``
the previous ReplicaSet's spec) returns to the build deployed before. The default in the
manifest is then not what a rollback returns to, and RG122 does not judge it as long as
the value given is a variable or fixed (a moving literal such as ``--set image.tag=main``
excuses nothing). Read from the same scripts and workflows as RG120
(:mod:`~rollback_gate.deploy.shellscan`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from rollback_gate.deploy import shellscan
from rollback_gate.deploy.imageref import parse, why_mutable
from rollback_gate.tree import Tree

_NEEDLES = ("--set", "set image")


@dataclass(frozen=True)
class Given:
    """One value given at deploy time, and where."""

    path: str
    line: int
    what: str  # "--set image.tag=$SHA", "kubectl set image api=api:$SHA"

    def note(self, where: str) -> str:
        return (
            f"manifests: {where}: set at deploy (`{self.what[:120]}`, {self.path}:{self.line}); a "
            "rollback returns to the value each release was deployed with, so the default "
            "is not judged"
        )


@dataclass
class DeployTime:
    """Values keys (Helm), workload containers (kubectl) and image names (kustomize)."""

    helm: dict[str, Given] = field(default_factory=dict)
    kubectl: dict[tuple[str, str], Given] = field(default_factory=dict)
    kustomize: dict[str, Given] = field(default_factory=dict)

    def for_chart(self, keys: tuple[str, ...]) -> Given | None:
        return next((self.helm[k] for k in keys if k in self.helm), None)

    def for_workload(self, workload: str, container: str, image: str) -> Given | None:
        name = parse(image)
        return (
            self.kubectl.get((workload, container))
            or self.kubectl.get((workload, "*"))
            or (self.kustomize.get(name.name) if name is not None else None)
        )


def fixed(given: str) -> bool:
    """True when a value given at deploy is a variable (a build's tag) or fixed."""
    if "$" in given or "{{" in given:
        return True
    ref = parse(given if "/" in given or ":" in given or "@" in given else f"x:{given}")
    return ref is not None and why_mutable(ref) is None


def collect(tree: Tree, rollback_script: str | None) -> DeployTime:
    """Every pinning value the deploy scripts and CI workflows give."""
    out = DeployTime()
    for text, path, first in shellscan.blocks(tree, rollback_script):
        for command in shellscan.commands(text, path, first, _NEEDLES):
            _helm(command, out)
            _set_image(command, out)
    return out


def _helm(command: shellscan.Command, out: DeployTime) -> None:
    sub, rest = shellscan.helm_subcommand(command.words)
    if sub not in ("upgrade", "install"):
        return
    for value in shellscan.option_values(rest, "--set", "--set-string"):
        for pair in value.split(","):
            key, eq, given = pair.partition("=")
            key = key.strip()
            if eq and key and fixed(given):
                out.helm.setdefault(key, Given(command.path, command.line, f"--set {pair}"))


def _set_image(command: shellscan.Command, out: DeployTime) -> None:
    words = command.words
    tool = next(
        (k for k, w in enumerate(words) if posixpath.basename(w) in ("kubectl", "kustomize")),
        None,
    )
    if tool is None:
        return
    rest = [w for w in words[tool + 1 :] if not w.startswith("-")]
    at = next((k for k in range(len(rest) - 1) if rest[k : k + 2] == ["set", "image"]), None)
    if at is None:
        return
    pairs = rest[at + 2 :]
    if posixpath.basename(words[tool]) == "kustomize":
        for pair in pairs:
            name, eq, image = pair.partition("=")
            ref = parse(image if eq else pair)
            key = name if eq else (ref.name if ref is not None else "")
            if key and fixed(image if eq else pair):
                out.kustomize.setdefault(key, Given(command.path, command.line, " ".join(words)))
        return
    # kubectl set image (-f FILE | TYPE NAME | TYPE/NAME) CONTAINER=IMAGE ...
    targets = [w.rpartition("/")[2] for w in pairs if "=" not in w]
    for pair in pairs:
        container, eq, image = pair.partition("=")
        if eq and fixed(image):
            for target in targets:
                given = Given(command.path, command.line, f"kubectl set image {pair}")
                out.kubectl.setdefault((target, container), given)
