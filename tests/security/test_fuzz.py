"""The fuzz suite in every test run: a few hundred hypothesis cases over the config
loader and every framework's parser (``benchmarks/fuzz.py --cases 10000`` for more)."""

from __future__ import annotations

import pytest
from fuzzing import check_config, check_framework, config_texts, framework_texts, frameworks
from hypothesis import HealthCheck, given, settings

FAST = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


@FAST
@given(config_texts())
def test_config_loader(text: str) -> None:
    check_config(text)


@pytest.mark.parametrize("name", frameworks())
def test_framework_parsers(name: str) -> None:
    @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
    @given(framework_texts())
    def run(text: str) -> None:
        check_framework(name, text)

    run()
