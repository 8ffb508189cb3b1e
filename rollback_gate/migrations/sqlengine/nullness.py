"""Whether a CHECK made of NULL tests holds for every row the previous release writes.

Polymorphic tables keep "exactly one of these is set" rules as CHECKs over ``IS NULL``
tests; adding a kind means adding a column and drawing the rule again with one more term
(goalert: ``NOT (a NOTNULL AND b NOTNULL)`` becomes ``NOT (a NOTNULL AND b NOTNULL AND
c NOTNULL)``; a ``CASE WHEN a NOTNULL THEN 1 ELSE 0 END + …  = 1`` sum gains a term). The
previous release leaves the new column NULL, so for its rows the new rule is the old one.

Such expressions have a finite meaning: each column is NULL or not, or, where the
CHECK compares it with literals (``=``, ``<>``, ``IN``), NULL, one of those literals or
another value. :func:`holds` parses the new CHECK and what the old schema guaranteed (the
CHECKs the step dropped, as the down step shows them, and the NOT NULLs it dropped) and
tries every assignment, with SQL's three-valued logic: a CHECK passes a row unless it is
false, so a comparison with NULL passes (phoenix's ``auth_method != 'LDAP' OR …`` under
the old ``auth_method IN ('LOCAL', 'OAUTH2')``, a rule re-drawn with ``AND ldap_unique_id
IS NULL`` for a column the step adds: round AW). Counts (``(… IS NOT NULL)::integer``),
their sums and remainders (``% 2``) are numbers, NULL where an operand is (picsello's
"(type = 'job')::integer + (job_type IS NOT NULL)::integer) % 2 = 0" over a ``type`` the
step adds: NULL, so it passes; round CR). Anything else (an order of values, a comparison
of two columns, a function other than ``num_nulls``/``num_nonnulls``) makes it unknown,
and the answer is False.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

from rollback_gate import lazyre
from rollback_gate.migrations.sqlengine.kinds import is_ident, tokens, unquote

Literal = tuple[str, str]  # ("s", text), ("b", TRUE/FALSE) or ("n", a number's spelling)
Env = dict[str, Literal | None]  # column → its value, None for NULL
Value = bool | int | None  # None: SQL's unknown (NULL)
Expr = Callable[[Env], Value]

_OTHER: Literal = ("", "")  # a value no literal of the CHECK names
_SOME: Literal = ("", "?")  # the value of a column the CHECK only tests for NULL
_MAX_ASSIGNMENTS = 4_096
_KEYWORDS = frozenset(
    {"null", "not", "is", "and", "or", "xor", "case", "when", "then", "else", "end", "in"}
)
_LITERAL = lazyre.compile(r"'(?:[^']|'')*'")
_PLACEHOLDER = "__literal_"
_INTEGERS = frozenset({"INT", "INTEGER", "INT4", "INT2", "INT8", "SMALLINT", "BIGINT", "SIGNED"})
# the words of a type name after its first (``character varying``, ``double precision``)
_TYPE_WORDS = frozenset({"VARYING", "PRECISION", "WITHOUT", "WITH", "TIME", "ZONE"})
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


def holds(
    check: str,
    premises: Sequence[str],
    null: Iterable[str],
    present: Iterable[str],
    fixed: Mapping[str, str] | None = None,
) -> bool:
    """True when ``check`` holds on every row that meets all ``premises`` with the
    ``null`` columns NULL, the ``present`` ones not NULL and the ``fixed`` ones holding
    the literal given (SQL text: ``'x'``, ``2``; column names lower case, no table). A
    premise that cannot be read is left out, which only asks more of ``check``."""
    try:
        parser = _Parser(check)
        new = parser.parse()
    except _Unknown:
        return False
    olds: list[Expr] = []
    for text in premises:
        try:
            more = _Parser(text, parser.literals)
            olds.append(more.parse())
        except _Unknown:
            continue
    domains = _domains(parser.literals, set(null), set(present))
    for column, text in (fixed or {}).items():
        value = _literal_of(text)
        if value is not None and column in domains:
            domains[column] = [value]
    if math.prod(len(values) for values in domains.values()) > _MAX_ASSIGNMENTS:
        return False
    names = sorted(domains)
    try:
        for values in itertools.product(*(domains[n] for n in names)):
            env = dict(zip(names, values, strict=True))
            if all(old(env) is not False for old in olds) and new(env) is False:
                return False
    except _Unknown:
        return False
    return True


def _domains(
    literals: dict[str, set[Literal]], null: set[str], present: set[str]
) -> dict[str, list[Literal | None]]:
    """Every value worth trying per column: NULL, each literal it is compared with, and
    one other value (or a value, for a column only tested for NULL)."""
    out: dict[str, list[Literal | None]] = {}
    for column, compared in literals.items():
        values: list[Literal | None] = [*sorted(compared), _OTHER] if compared else [_SOME]
        if column in null:
            values = [None]
        elif column not in present:
            values.insert(0, None)
        out[column] = values
    return out


def _literal_of(text: str) -> Literal | None:
    """A literal as SQL writes it (``'it''s'``, ``2``) as the parser reads one."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return ("s", text[1:-1].replace("''", "'"))
    return _canonical(text, [])


def _constant(value: Value) -> Expr:
    return lambda env: value


def _equal(a: Value, b: Value) -> Value:
    if a is None or b is None:
        return None
    if isinstance(a, bool) != isinstance(b, bool):
        raise _Unknown
    return a == b


def _truth(value: Value) -> bool | None:
    """A truth of SQL's three values (None: unknown); a number is no truth."""
    if value is not None and not isinstance(value, bool):
        raise _Unknown
    return value


def _number(value: Value) -> int | None:
    """A number of SQL's (None: NULL, which makes the arithmetic and comparisons over it
    NULL); a truth is no number."""
    if isinstance(value, bool):
        raise _Unknown
    return value


def _any(values: list[bool | None]) -> bool | None:
    return True if True in values else None if None in values else False


def _all(values: list[bool | None]) -> bool | None:
    return False if False in values else None if None in values else True


def _canonical(token: str, texts: list[str]) -> Literal | None:
    """The literal a token stands for: a string (by its placeholder), a boolean
    (ArachneCentralAPI's ``published = FALSE OR …``, round BC) or a number."""
    if token.startswith(_PLACEHOLDER):
        return ("s", texts[int(token[len(_PLACEHOLDER) :])])
    if token.upper() in ("TRUE", "FALSE"):
        return ("b", token.upper())
    try:
        number = float(token)
    except ValueError:
        return None
    return ("n", repr(number + 0.0))


class _Parser:
    """Recursive descent over SQL tokens: OR, AND, NOT, comparisons, ``+``/``-``, then
    NULL tests, a column compared with literals (``c = 'x'``, ``c <> 1``, ``c [NOT] IN
    ('a', 'b')``), ``CASE WHEN … THEN n … ELSE n END``, ``num_(non)nulls(…)`` and
    integers. ``literals``: every column named, with the literals it is compared with
    (shared by the parsers of one question)."""

    def __init__(self, text: str, literals: dict[str, set[Literal]] | None = None) -> None:
        self.texts: list[str] = []

        def placeholder(m: re.Match[str]) -> str:
            self.texts.append(m.group(0)[1:-1].replace("''", "'"))
            return f" {_PLACEHOLDER}{len(self.texts) - 1} "

        toks: list[str] = []
        for t in tokens(_LITERAL.sub(placeholder, text)):
            if toks and (toks[-1], t) in _JOINED:
                toks[-1] = _JOINED[(toks[-1], t)]
            else:
                toks.append(t)
        self.toks = toks
        self.i = 0
        self.literals: dict[str, set[Literal]] = {} if literals is None else literals

    def parse(self) -> Expr:
        expr = self._or()
        if self.i != len(self.toks):
            raise _Unknown
        return expr

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
        return lambda env: _any([_truth(t(env)) for t in terms])

    def _xor(self) -> Expr:
        """MySQL's ``XOR``, between OR and AND: true for an odd number of true terms
        (owid's ``parentChartId IS NULL XOR parentMultiDimXChartConfigId IS NULL``)."""
        terms = [self._and()]
        while self._take("XOR"):
            terms.append(self._and())
        if len(terms) == 1:
            return terms[0]

        def odd(env: Env) -> bool | None:
            truths = [_truth(t(env)) for t in terms]
            return None if None in truths else sum(map(bool, truths)) % 2 == 1

        return odd

    def _and(self) -> Expr:
        terms = [self._not()]
        while self._take("AND"):
            terms.append(self._not())
        if len(terms) == 1:
            return terms[0]
        return lambda env: _all([_truth(t(env)) for t in terms])

    def _not(self) -> Expr:
        if self._take("NOT"):
            inner = self._not()

            def negated(env: Env) -> bool | None:
                truth = _truth(inner(env))
                return None if truth is None else not truth

            return negated
        return self._compare()

    def _compare(self) -> Expr:
        left = self._sum()
        op = self._peek()
        if op not in _COMPARE:
            return left
        self.i += 1
        right, test = self._sum(), _COMPARE[op]
        if op in ("=", "<>"):  # also two truths: `(a IS NULL) <> (b IS NULL)`, one of two

            def equal(env: Env) -> bool | None:
                same = _equal(left(env), right(env))
                return None if same is None else same is (op == "=")

            return equal

        def compared(env: Env) -> bool | None:
            a, b = _number(left(env)), _number(right(env))
            return None if a is None or b is None else test(a, b)

        return compared

    def _sum(self) -> Expr:
        terms: list[tuple[int, Expr]] = [(1, self._remainder())]
        while self._peek() in ("+", "-"):
            sign = 1 if self.toks[self.i] == "+" else -1
            self.i += 1
            terms.append((sign, self._remainder()))
        if len(terms) == 1:
            return terms[0][1]

        def summed(env: Env) -> int | None:
            values = [_number(t(env)) for _, t in terms]
            if None in values:
                return None  # (NULL + 1 is NULL)
            signs = [sign for sign, _ in terms]
            return sum(sign * (v or 0) for sign, v in zip(signs, values, strict=True))

        return summed

    def _remainder(self) -> Expr:
        """``a % n``: picsello's ``((type = 'job')::integer + (job_type IS NOT NULL)::integer)
        % 2 = 0``, round CR (NULL for a NULL operand)."""
        left = self._term()
        while self._peek() == "%":
            self.i += 1
            right = self._term()

            def rest(env: Env, left: Expr = left, right: Expr = right) -> int | None:
                a, b = _number(left(env)), _number(right(env))
                if b == 0:
                    raise _Unknown  # (division by zero: an error, not a NULL)
                return None if a is None or b is None else int(math.fmod(a, b))

            left = rest
        return left

    def _term(self) -> Expr:
        word = self._peek()
        if (
            word == "("
            and self.toks[self.i + 2 : self.i + 3] == [")"]
            and is_ident(self.toks[self.i + 1])
        ):
            # PostgreSQL's own spelling of a column it casts: ``(name)::text <> ALL (…)``
            self.i += 1
            column = self._column()
            self._need(")")
            self.i = self._past_cast(self.i)
            return self._tested(column)
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
            return lambda env: sum(1 for c in names if (env[c] is not None) is want)
        return self._tested(self._column())

    def _tested(self, column: str) -> Expr:
        """The NULL test or comparison with literals that follows ``column``."""
        test = self._null_test(column) or self._compared(column)
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

        def counted(env: Env) -> int | None:
            truth = _truth(inner(env))
            return None if truth is None else int(truth)

        return counted

    def _null_test(self, column: str) -> Expr | None:
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
        return lambda env: (env[column] is not None) is negate

    def _compared(self, column: str) -> Expr | None:
        """``c = lit``, ``c <> lit``, ``c [NOT] IN (lit, …)`` after a column, NULL where the
        column is NULL; None when no such comparison follows."""
        op = self._peek()
        listed = self.toks[self.i + 1 : self.i + 2] in (["ANY"], ["ALL"], ["any"], ["all"])
        if listed and (op, self.toks[self.i + 1].upper()) in (("=", "ANY"), ("<>", "ALL")):
            # ``c = ANY (ARRAY[…])`` is ``c IN (…)``, ``c <> ALL (…)`` is ``c NOT IN (…)``:
            # how PostgreSQL shows an IN list it stored (121-platform's TypeORM down
            # steps, round AZ), or ``= ANY ('{a,b}'::text[])``
            negate = op == "<>"
            self.i += 2
            wanted = self._array()
        elif op in ("=", "<>") and (found := self._literal(self.i + 1)) is not None:
            one, self.i = found
            wanted = {one}
            negate = op == "<>"
        elif op == "IN" or (op == "NOT" and self.toks[self.i + 1 : self.i + 2] == ["IN"]):
            negate = self._take("NOT")
            self._need("IN")
            self._need("(")
            wanted = self._listed(")")
        else:
            return None
        self.literals[column] |= wanted
        return lambda env: None if env[column] is None else (env[column] in wanted) is not negate

    def _literal(self, at: int) -> tuple[Literal, int] | None:
        """The literal at token ``at`` and the token after it, its cast (``'x'::text``)
        skipped over."""
        if at >= len(self.toks) or (one := _canonical(self.toks[at], self.texts)) is None:
            return None
        return one, self._past_cast(at + 1)

    def _listed(self, closing: str) -> set[Literal]:
        """The literals listed, comma-separated, up to ``closing`` (taken)."""
        wanted: set[Literal] = set()
        while (found := self._literal(self.i)) is not None:
            one, self.i = found
            wanted.add(one)
            if not self._take(","):
                break
        self._need(closing)
        return wanted

    def _past_cast(self, at: int) -> int:
        """The token after the casts at ``at``: ``::text``, ``::character varying(20)[]``."""
        toks = self.toks
        while toks[at : at + 2] == [":", ":"] and at + 2 < len(toks):
            at += 3
            while at < len(toks) and toks[at].upper() in _TYPE_WORDS:
                at += 1
            if toks[at : at + 1] == ["("]:
                close = toks.index(")", at) if ")" in toks[at:] else len(toks)
                at = close + 1
            while toks[at : at + 2] == ["[", "]"]:
                at += 2
        return at

    def _array(self) -> set[Literal]:
        """The literals of ``(ARRAY[a, b])``, ``((ARRAY[a, b])::text[])`` or
        ``('{a,b}'::text[])`` after ``ANY``/``ALL``."""
        self._need("(")
        nested = self._take("(")
        if self._take("ARRAY"):
            self._need("[")
            wanted = self._listed("]")
        elif self._peek().lower().startswith(_PLACEHOLDER):
            text = self.texts[int(self.toks[self.i][len(_PLACEHOLDER) :])]
            if not (text.startswith("{") and text.endswith("}")):
                raise _Unknown
            wanted = {("s", v.strip().strip('"')) for v in text[1:-1].split(",") if v.strip()}
            self.i += 1
        else:
            raise _Unknown
        if nested:
            self._need(")")
        self.i = self._past_cast(self.i)
        self._need(")")
        return wanted

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
            return None if otherwise is None else otherwise(env)

        return value

    def _column(self) -> str:
        if self.i >= len(self.toks) or not is_ident(self.toks[self.i]):
            raise _Unknown
        name = unquote(self.toks[self.i]).lower()
        self.i += 1
        while self._peek() == "." and self.i + 1 < len(self.toks):
            name = unquote(self.toks[self.i + 1]).lower()  # t.c: the column
            self.i += 2
        self.i = self._past_cast(self.i)  # a cast keeps NULL NULL: user_id::text (warehouse)
        if name in _KEYWORDS or name.startswith(_PLACEHOLDER):
            raise _Unknown
        self.literals.setdefault(name, set())
        return name
