"""PromQL expressions, parsed with ``promql-parser`` (a Rust parser, ~2 ms to import).

Besides syntax, an alert's expression must yield an instant vector or a scalar (Prometheus
cannot alert on a range vector), and ``{{ ... }}`` in an expression is a template pasted
from an annotation: Prometheus never expands it there. The label values the expression
selects on are collected so that RG402 can tell whether an alert watches the service.
"""

from __future__ import annotations

from rollback_gate import lazyre


def check_expr(expr: str, *, alerting: bool) -> str:
    """Parse ``expr``; the reason Prometheus would refuse it, or "" when it is fine."""
    import promql_parser

    if "{{" in expr or "}}" in expr:
        return (
            "contains a {{ template }}: templates are expanded in labels and annotations "
            "only, never in expr"
        )
    try:
        tree = promql_parser.parse(expr)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # the Rust binding raises ValueError, or PanicException
        return f"PromQL syntax error: {str(exc).strip() or type(exc).__name__}"
    if isinstance(tree, (promql_parser.MatrixSelector, promql_parser.SubqueryExpr)):
        # Prometheus fails such a rule at every evaluation ("not a vector or scalar").
        what = "an alert" if alerting else "a recording rule"
        return f"is a range vector; {what} needs an instant vector (wrap it, e.g. rate(…))"
    if isinstance(tree, promql_parser.StringLiteral):
        return "is a string; a rule needs an instant vector or a scalar"
    return ""


def selects(expr: str, value: str) -> bool:
    """True when a label matcher of ``expr`` selects ``value`` (``=`` or anchored ``=~``).

    Called lazily by RG402, only for expressions that could match: walking every parsed
    expression would double the cost of checking a large rule set.
    """
    import promql_parser

    if (
        f'"{value}"' not in expr
        and f"'{value}'" not in expr
        and not any(_full_match(m.group(2), value) for m in _REGEX_MATCHER.finditer(expr))
    ):
        return False  # no textual candidate; the parse below only confirms one
    try:
        tree = promql_parser.parse(expr)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:
        return False
    found = False

    def visit(node: object) -> bool:
        nonlocal found
        if isinstance(node, promql_parser.VectorSelector):
            for group in [node.matchers.matchers, *(node.matchers.or_matchers or [])]:
                for m in group:
                    equal = m.op == promql_parser.MatchOp.Equal and m.value == value
                    regex = m.op == promql_parser.MatchOp.Re and _full_match(str(m.value), value)
                    found = found or equal or regex
        return not found  # False stops the walk

    promql_parser.walk(tree, visit, None)
    return found


REGEX_TIMEOUT_S = 0.1
_REGEX_MATCHER = lazyre.compile(r"""=~\s*(["'`])((?:(?!\1)[^\\]|\\.)*)\1""")


def _full_match(pattern: str, value: str) -> bool:
    """Whether the alert's regex matcher selects ``value`` (PromQL regexes are anchored).

    The pattern comes from a rule file in the repository: Python's ``re`` would backtrack
    exponentially on ``(a|aa)+b``, so it runs on ``regex`` with a time limit; a pattern
    that does not decide in time is taken as not matching (the stricter verdict).
    """
    import regex

    try:
        return regex.fullmatch(pattern, value, timeout=REGEX_TIMEOUT_S) is not None
    except (regex.error, TimeoutError):
        return False
