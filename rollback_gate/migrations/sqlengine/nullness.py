"""Whether a CHECK made of NULL tests holds for every row the previous release writes.

Polymorphic tables keep "exactly one of these is set" rules as CHECKs over ``IS NULL``
tests; adding a kind means adding a column and drawing the rule again with one more term
(goalert: ``NOT (a NOTNULL AND b NOTNULL)`` becomes ``NOT (a NOTNULL AND b NOTNULL AND
c NOTNULL)``; a ``CASE WHEN a NOTNULL THEN 1 ELSE 0 END + …  = 1`` sum gains a term). The
previous release leaves the new column NULL, so for its rows the new rule is the old one.

Such expressions have a finite meaning: each column is NULL or not. :func:`holds`
parses the new CHECK and what the old schema guaranteed (the CHECKs the step dropped, as
the down step shows them, and the NOT NULLs it dropped) and tries every assignment.
Anything else in the expression (a comparison of values, a function other than
``num_nulls``/``num_nonnulls``) makes it unknown, and the answer is False.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence

from rollback_gate.migrations.sqlengine.kinds import is_ident, tokens, unquote

Env = dict[str, bool]  # column → it holds a value (is not NULL)
Value = bool | int
Expr = Callable[[Env], Value]

_MAX_COLUMNS = 12  # 4,096 assignments at most
_INTEGERS = frozenset({"INT", "INTEGER", "INT4", "INT2", "INT8", "SMALLINT", "BIGINT", "SIGNED"})
_JOINED = {("<", "="): "<=", (">", "="): ">=", ("<", ">"): "<>", ("!", "="): "<>"}
_COMPARE: dict[str, Callable[[int, int], bool]] = {
    "=": int.__eq__,
    "<>": int.__ne__,
    "<": int.__lt__,
    "<=": int.__le__,
    ">": int.__gt__,
    ">=": int.__ge__,
}


class _Unknown(Exception):
    """The expression is not one of NULL tests, counts and their logic."""


def holds(check: str, premises: Sequence[str], null: Iterable[str], present: Iterable[str]) -> bool:
    """True when ``check`` holds on every row that meets all ``premises`` with the
    ``null`` columns NULL and the ``present`` ones not NULL (column names lower case, no
    table). A premise that cannot be read is left out, which only asks more of ``check``."""
    try:
        new, named = _Parser(check).parse()
    except _Unknown:
        return False
    olds: list[Expr] = []
    for text in premises:
        try:
            old, more = _Parser(text).parse()
        except _Unknown:
            continue
        olds.append(old)
        named |= more
    fixed = {c: False for c in null} | {c: True for c in present}
    free = sorted(named - fixed.keys())
    if len(free) > _MAX_COLUMNS:
        return False
    try:
        for bits in itertools.product((False, True), repeat=len(free)):
            env = dict(zip(free, bits, strict=True)) | fixed
            if all(_truth(old(env)) for old in olds) and not _truth(new(env)):
                return False
    except _Unknown:
        return False
    return True


def _constant(value: Value) -> Expr:
    return lambda env: value


def _equal(a: Value, b: Value) -> bool:
    if isinstance(a, bool) != isinstance(b, bool):
        raise _Unknown
    return a == b


def _truth(value: Value) -> bool:
    if not isinstance(value, bool):
        raise _Unknown
    return value


def _number(value: Value) -> int:
    if isinstance(value, bool):
        raise _Unknown
    return value


class _Parser:
    """Recursive descent over SQL tokens: OR, AND, NOT, comparisons, ``+``/``-``, then
    NULL tests, ``CASE WHEN … THEN n … ELSE n END``, ``num_(non)nulls(…)`` and integers."""

    def __init__(self, text: str) -> None:
        toks: list[str] = []
        for t in tokens(text):
            if toks and (toks[-1], t) in _JOINED:
                toks[-1] = _JOINED[(toks[-1], t)]
            else:
                toks.append(t)
        self.toks = toks
        self.i = 0
        self.columns: set[str] = set()

    def parse(self) -> tuple[Expr, set[str]]:
        expr = self._or()
        if self.i != len(self.toks):
            raise _Unknown
        return expr, self.columns

    def _peek(self) -> str:
        return self.toks[self.i].upper() if self.i < len(self.toks) else ""

    def _take(self, *words: str) -> bool:
        if self._peek() in words:
            self.i += 1
            return True
        return False

    def _need(self, word: str) -> None:
        if not self._take(word):
            raise _Unknown

    def _or(self) -> Expr:
        terms = [self._xor()]
        while self._take("OR"):
            terms.append(self._xor())
        if len(terms) == 1:
            return terms[0]
        return lambda env: any([_truth(t(env)) for t in terms])

    def _xor(self) -> Expr:
        """MySQL's ``XOR``, between OR and AND: true for an odd number of true terms
        (owid's ``parentChartId IS NULL XOR parentMultiDimXChartConfigId IS NULL``)."""
        terms = [self._and()]
        while self._take("XOR"):
            terms.append(self._and())
        if len(terms) == 1:
            return terms[0]
        return lambda env: sum(_truth(t(env)) for t in terms) % 2 == 1

    def _and(self) -> Expr:
        terms = [self._not()]
        while self._take("AND"):
            terms.append(self._not())
        if len(terms) == 1:
            return terms[0]
        return lambda env: all([_truth(t(env)) for t in terms])

    def _not(self) -> Expr:
        if self._take("NOT"):
            inner = self._not()
            return lambda env: not _truth(inner(env))
        return self._compare()

    def _compare(self) -> Expr:
        left = self._sum()
        op = self._peek()
        if op not in _COMPARE:
            return left
        self.i += 1
        right, test = self._sum(), _COMPARE[op]
        if op in ("=", "<>"):  # also two truths: `(a IS NULL) <> (b IS NULL)`, one of two
            return lambda env: _equal(left(env), right(env)) is (op == "=")
        return lambda env: test(_number(left(env)), _number(right(env)))

    def _sum(self) -> Expr:
        terms: list[tuple[int, Expr]] = [(1, self._term())]
        while self._peek() in ("+", "-"):
            sign = 1 if self.toks[self.i] == "+" else -1
            self.i += 1
            terms.append((sign, self._term()))
        if len(terms) == 1:
            return terms[0][1]
        return lambda env: sum(sign * _number(t(env)) for sign, t in terms)

    def _term(self) -> Expr:
        word = self._peek()
        if self._take("("):
            inner = self._or()
            self._need(")")
            return self._cast(inner)
        if word == "CAST" and self.toks[self.i + 1 : self.i + 2] == ["("]:
            self.i += 2
            inner = self._or()
            self._need("AS")
            return self._integer(inner, closing=")")
        if word.isdigit() or word in ("TRUE", "FALSE"):
            self.i += 1
            return _constant(int(word) if word.isdigit() else word == "TRUE")
        if self._take("CASE"):
            return self._case()
        if word in ("NUM_NULLS", "NUM_NONNULLS") and self.toks[self.i + 1 : self.i + 2] == ["("]:
            self.i += 2
            names = [self._column()]
            while self._take(","):
                names.append(self._column())
            self._need(")")
            want = word == "NUM_NONNULLS"
            return lambda env: sum(1 for c in names if env[c] is want)
        column = self._column()
        test = self._null_test(lambda env: env[column])
        if test is None:
            raise _Unknown  # a column's value, not its NULL test
        return test

    def _cast(self, inner: Expr) -> Expr:
        """``(…)::int``: a truth counted as 1 or 0 (comp's ``("a" IS NOT NULL)::int +
        ("b" IS NOT NULL)::int = 1``, round AJ); no cast, the expression itself."""
        if self.toks[self.i : self.i + 2] != [":", ":"]:
            return inner
        self.i += 2
        return self._integer(inner, closing="")

    def _integer(self, inner: Expr, closing: str) -> Expr:
        if self._peek() not in _INTEGERS:
            raise _Unknown  # a cast to another type: a value, not a count
        self.i += 1
        if closing:
            self._need(closing)
        return lambda env: int(_truth(inner(env)))

    def _null_test(self, operand: Expr) -> Expr | None:
        """``x IS [NOT] NULL``, ``x ISNULL``, ``x NOTNULL`` after a column; None when no
        NULL test follows."""
        if self._take("ISNULL"):
            negate = False
        elif self._take("NOTNULL"):
            negate = True
        elif self._peek() == "IS":
            self.i += 1
            negate = self._take("NOT")
            self._need("NULL")
        else:
            return None
        return lambda env: _truth(operand(env)) is negate

    def _case(self) -> Expr:
        arms: list[tuple[Expr, Expr]] = []
        while self._take("WHEN"):
            when = self._or()
            self._need("THEN")
            arms.append((when, self._sum()))
        if not arms:
            raise _Unknown  # CASE x WHEN …: compares values
        otherwise = self._sum() if self._take("ELSE") else None
        self._need("END")

        def value(env: Env) -> Value:
            for when, then in arms:
                if _truth(when(env)):
                    return then(env)
            if otherwise is None:
                raise _Unknown  # NULL
            return otherwise(env)

        return value

    def _column(self) -> str:
        if self.i >= len(self.toks) or not is_ident(self.toks[self.i]):
            raise _Unknown
        name = unquote(self.toks[self.i]).lower()
        self.i += 1
        while self._peek() == "." and self.i + 1 < len(self.toks):
            name = unquote(self.toks[self.i + 1]).lower()  # t.c: the column
            self.i += 2
        while self.toks[self.i : self.i + 2] == [":", ":"] and self.i + 2 < len(self.toks):
            self.i += 3  # a cast keeps NULL NULL: user_id::text (warehouse, round M)
        if name in ("null", "not", "is", "and", "or", "xor", "case", "when", "then", "else", "end"):
            raise _Unknown
        self.columns.add(name)
        return name
