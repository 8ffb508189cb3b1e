"""Container image references (``[host[:port]/]path[:tag][@digest]``) and their verdict.

A reference is *pinned* when it carries a digest (``@sha256:`` and 64 hex digits): the
registry cannot change what it names, whatever the tag says. Without a digest, the tag
decides. It is *mutable* when it is missing (Docker then pulls ``:latest``), ``latest``,
or one of :data:`MOVING_TAGS` — names that by convention follow a branch, a channel or an
environment. A tag without a digit whose parts include such a name (``stable-alpine``,
``latest-slim``) moves too. Any other tag (``1.42.0``, ``v3``, ``2024.03.2``,
``main-3f2a1c9``) is taken as a version: the rule cannot know whether the registry lets
it be overwritten, which is why a digest is better still.

The host may carry a port (``registry:5000/api``): only a colon in the last path
component starts a tag.
"""

from __future__ import annotations

from dataclasses import dataclass

MOVING_TAGS = frozenset(
    {
        "latest",
        "main",
        "master",
        "trunk",
        "develop",
        "development",
        "dev",
        "edge",
        "nightly",
        "head",
        "stable",
        "current",
        "release",
        "prod",
        "production",
        "staging",
        "stage",
        "test",
        "testing",
        "canary",
        "unstable",
        "alpha",
        "beta",
        "next",
        "preview",
        "snapshot",
    }
)
"""Tags that name a moving target rather than one build (compared case-insensitively)."""

_HEX = frozenset("0123456789abcdef")


@dataclass(frozen=True)
class ImageRef:
    """One image reference split into its parts (``tag``/``digest`` None when absent)."""

    name: str
    tag: str | None = None
    digest: str | None = None

    def __str__(self) -> str:
        tag = f":{self.tag}" if self.tag is not None else ""
        digest = f"@{self.digest}" if self.digest is not None else ""
        return f"{self.name}{tag}{digest}"


def parse(text: str) -> ImageRef | None:
    """The reference, or None when ``text`` is empty or still holds a variable
    (``${TAG}``, ``{{ … }}``) that only a renderer could resolve."""
    text = text.strip()
    if not text or "$" in text or "{{" in text or len(text.split(maxsplit=1)) != 1:
        return None
    name, at, digest = text.partition("@")
    slash = name.rfind("/")
    colon = name.find(":", slash + 1)
    tag = None
    if colon != -1:
        name, tag = name[:colon], name[colon + 1 :]
    return ImageRef(name, tag, digest if at else None)


def pinned_digest(digest: str | None) -> bool:
    """True for ``sha256:`` + 64 lowercase hex digits (``sha512:`` + 128)."""
    if digest is None:
        return False
    algorithm, _, hexpart = digest.partition(":")
    size = {"sha256": 64, "sha512": 128}.get(algorithm)
    return size is not None and len(hexpart) == size and set(hexpart) <= _HEX


def moving_tag(tag: str) -> bool:
    """True for a tag in :data:`MOVING_TAGS`, or a digit-free variant of one."""
    lowered = tag.lower()
    if lowered in MOVING_TAGS:
        return True
    if any(c.isdigit() for c in lowered):
        return False
    parts = lowered.replace("_", "-").replace(".", "-").split("-")
    return any(part in MOVING_TAGS for part in parts)


def why_mutable(ref: ImageRef) -> str | None:
    """Why ``ref`` may name a different build tomorrow, or None when it is fixed."""
    if pinned_digest(ref.digest):
        return None
    if ref.tag is None or ref.tag == "":
        return "has no tag, so it means `:latest`"
    if ref.tag.lower() == "latest":
        return "uses the tag `:latest`"
    if moving_tag(ref.tag):
        return f"uses the moving tag `:{ref.tag}`"
    return None
