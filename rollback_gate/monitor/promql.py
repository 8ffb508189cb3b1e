"""PromQL expressions, parsed with ``promql-parser`` (a Rust parser, ~2 ms to import).

Besides syntax, an alert's expression must yield an instant vector or a scalar (Prometheus
cannot alert on a range vector), and ``{{ ... }}`` in an expression is a template pasted
from an annotation: Prometheus never expands it there. The label values the expression
selects on are collected so that RG402 can tell whether an alert watches the service.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExprResult:
    error: str = ""
    values: frozenset[str] = frozenset()  # values of = matchers
    patterns: tuple[str, ...] = ()  # values of =~ matchers


def check_expr(expr: str, *, alerting: bool) -> ExprResult:
    """Parse ``expr``; an ``error`` explains why Prometheus would refuse it."""
    import promql_parser

    if "{{" in expr or "}}" in expr:
        return ExprResult(
            "contains a {{ template }}: templates are expanded in labels and annotations "
            "only, never in expr"
        )
    try:
        tree = promql_parser.parse(expr)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # the Rust binding raises ValueError, or PanicException
        return ExprResult(f"PromQL syntax error: {str(exc).strip() or type(exc).__name__}")
    if isinstance(tree, (promql_parser.MatrixSelector, promql_parser.SubqueryExpr)):
        # Prometheus fails such a rule at every evaluation ("not a vector or scalar").
        what = "an alert" if alerting else "a recording rule"
        return ExprResult(
            f"is a range vector; {what} needs an instant vector (wrap it, e.g. rate(…))"
        )
    if isinstance(tree, promql_parser.StringLiteral):
        return ExprResult("is a string; a rule needs an instant vector or a scalar")
    values: set[str] = set()
    patterns: list[str] = []

    def visit(node: object) -> None:
        if isinstance(node, promql_parser.VectorSelector):
            groups = [node.matchers.matchers, *(node.matchers.or_matchers or [])]
            for group in groups:
                for m in group:
                    if m.op == promql_parser.MatchOp.Equal:
                        values.add(str(m.value))
                    elif m.op == promql_parser.MatchOp.Re:
                        patterns.append(str(m.value))

    promql_parser.walk(tree, visit, None)
    return ExprResult("", frozenset(values), tuple(patterns))
