"""RG301–RG303 for one flag's state, wherever the state came from.

The offline check (:mod:`.flags`, definitions in the repository) and the online one
(:mod:`.flags_online`, the provider's API) judge a :class:`FlagState` the same way; this
module sits below both so that neither imports the other for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rollback_gate.checks import Context
from rollback_gate.config.model import Flag
from rollback_gate.flagdefs import FlagState, percent
from rollback_gate.models import Finding

Where = tuple[str, Callable[[], int | None]]  # definitions path, line look-up


def judge(
    ctx: Context, flag: Flag, state: FlagState, where: Where | None, live: str
) -> Iterator[Finding]:
    """RG301–RG303 for one flag, at ``where`` (path, line) or else at its config line.

    ``live`` names the service when the state comes from it."""
    at_service = f" in {live}" if live else ""

    def at(rule: str, message: str, fix: str) -> Finding:
        key = f"{rule}:{flag.key}{':live' if live else ''}"
        if where is None:
            return ctx.at_config(
                rule, message, f"feature_flags.flags[{flag.index}].key", fix=fix, key=key
            )
        return Finding(rule, message, path=where[0], line=where[1](), fix=fix, key=key)

    if not state.can_disable:
        variants = ", ".join(state.variants) or "none"
        yield at(
            "RG301",
            f"flag {flag.key}{at_service} has no off variant (variants: {variants}): turning it "
            "off cannot restore the old behaviour",
            f"add a variant that serves the old behaviour (false / off) to {flag.key}",
        )
    if state.default_on:
        yield at(
            "RG302",
            f"flag {flag.key}{at_service} serves the new behaviour by default "
            f"({state.default_detail})",
            f"make the off variant the default of {flag.key} and roll out by targeting",
        )
    if state.rollout is not None and state.rollout >= 100:
        yield at(
            "RG303",
            f"flag {flag.key}{at_service} is already rolled out to "
            f"{percent(state.rollout)}% ({state.rollout_detail})",
            f"start {flag.key} at a small percentage and raise it while watching the alerts",
        )
