"""``--online`` part of the ``flags`` item: the live provider confirms RG300–RG303.

Kept apart from ``flags.py`` so that offline runs never import the HTTP stack.
"""

from __future__ import annotations

from collections.abc import Iterator

from rollback_gate.checks import Context
from rollback_gate.checks.flagstate import judge
from rollback_gate.config.model import FeatureFlags
from rollback_gate.models import Finding
from rollback_gate.online import TokenWithheld, flag_service


def live(ctx: Context, ff: FeatureFlags) -> Iterator[Finding]:
    """Findings from the provider's live state (raises EnvironmentProblem when unreachable)."""
    service = flag_service(ff.provider)
    if service is None or ff.api is None:
        ctx.notes.append(
            f"flags: --online has nothing to ask for {ff.provider} "
            "(set feature_flags.api for LaunchDarkly, Unleash or Flagsmith)"
        )
        return
    fetch, make_client = service
    try:
        http = make_client(ff.api, ctx.trusted_endpoints())
    except TokenWithheld as exc:
        ctx.notes.append(f"flags: {exc}")
        return
    states = fetch(http, ff.api, [f.key for f in ff.flags], ff.environment)
    name = ff.provider.capitalize() if ff.provider != "launchdarkly" else "LaunchDarkly"
    for flag in ff.flags:
        state = states.get(flag.key)
        if state is None:
            yield ctx.at_config(
                "RG300",
                f"flag {flag.key} does not exist in {name} ({ff.api.url})",
                f"feature_flags.flags[{flag.index}].key",
                fix=f"create {flag.key} in {name}, or correct the key",
                key=f"RG300:{flag.key}:live",
            )
            continue
        yield from judge(ctx, flag, state, None, name)
        if state.stale:  # Unleash `stale`, LaunchDarkly `archived`
            yield ctx.at_config(
                "RG306",
                f"flag {flag.key} is marked stale in {name}",
                f"feature_flags.flags[{flag.index}].key",
                fix=f"remove {flag.key} and its dead branch, or unmark it if still needed",
                key=f"RG306:{flag.key}:live",
            )
