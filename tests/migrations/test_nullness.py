"""A CHECK made of NULL tests, judged for the previous release's rows by trying every
assignment (:mod:`rollback_gate.migrations.sqlengine.nullness`; goalert, round K)."""

from __future__ import annotations

import pytest

from rollback_gate.migrations.sqlengine.nullness import holds

_ONE_OF_TWO = "(s IS NOT NULL AND u IS NULL) OR (u IS NOT NULL AND s IS NULL)"
_ONE_OF_THREE = (
    "(u IS NULL AND s IS NULL AND r IS NOT NULL) OR (u IS NULL AND s IS NOT NULL AND r IS NULL)"
    " OR (u IS NOT NULL AND s IS NULL AND r IS NULL)"
)
_LOCAL = "m != 'LOCAL' OR (p IS NOT NULL AND c IS NULL"
_KINDS = "m IN ('LOCAL', 'OAUTH2')"
_NOT_ANY = "((n)::text <> ALL ((ARRAY[{}])::text[]))"
_ANY_OF_AB = "(n)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])"
_CASE_SUM = (
    "(case when u notnull then 1 else 0 end + case when s notnull then 1 else 0 end"
    " + case when r notnull then 1 else 0 end + case when c notnull then 1 else 0 end) = 1"
)


@pytest.mark.parametrize(
    ("check", "premises", "null", "present", "expected"),
    [
        (_ONE_OF_THREE, [_ONE_OF_TWO], {"r"}, set(), True),  # a kind added, r new
        # owid (round P): MySQL's XOR, the old column NOT NULL before, the new one NULL
        ("p IS NULL XOR m IS NULL", [], {"m"}, {"p"}, True),
        ("p IS NULL XOR m IS NULL", [], {"m"}, set(), False),  # p may be NULL: both are
        ("a IS NULL XOR b IS NULL XOR c IS NULL", [], {"a", "b", "c"}, set(), True),  # 3 odd
        (_ONE_OF_THREE, [], {"r"}, set(), False),  # nothing said exactly one before
        (_ONE_OF_THREE, [_ONE_OF_TWO], set(), set(), False),  # r not known to be NULL
        (_CASE_SUM, [_ONE_OF_THREE], {"c"}, set(), True),
        (_CASE_SUM, [_ONE_OF_TWO], {"c"}, set(), False),  # r free: two could be set
        ("num_nonnulls(u, s, r) = 1", [_ONE_OF_THREE], set(), set(), True),
        ("num_nulls(u, s) >= 1", ["NOT (u NOTNULL AND s NOTNULL)"], set(), set(), True),
        (
            "NOT (a NOTNULL AND b NOTNULL AND c NOTNULL)",
            ["NOT (a NOTNULL AND b NOTNULL)"],
            {"c"},
            set(),
            True,
        ),
        (
            "NOT (a NOTNULL AND b NOTNULL)",
            ["NOT (a NOTNULL AND b NOTNULL AND c NOTNULL)"],
            {"c"},
            set(),
            False,
        ),
        # the NOT NULLs the step drops were the old rule (goalert 20181107155229)
        (
            "(u notnull and m notnull and c isnull) or (c notnull and m isnull and u isnull)",
            [],
            {"c"},
            {"u", "m"},
            True,
        ),
        (
            "(u notnull and m notnull and c isnull) or (c notnull and m isnull and u isnull)",
            [],
            {"c"},
            set(),
            False,
        ),
        ("t.a IS NULL OR TRUE", [], set(), set(), True),
        # warehouse 43bf0b6badcb (round M): one of two, casts and all; the freed column
        # was NOT NULL, the new one is NULL in the previous release's rows
        ("(user_id::text IS NULL) <> (oidc_id::text IS NULL)", [], {"oidc_id"}, {"user_id"}, True),
        ("(user_id::text IS NULL) <> (oidc_id::text IS NULL)", [], {"oidc_id"}, set(), False),
        ("(a IS NULL) = 1", [], {"a"}, set(), False),  # a truth against a number: unknown
        ("a IS NULL OR a > 0", [], {"a"}, set(), False),  # compares a value: unknown
        ("status = 'x' OR a IS NULL", [], {"a"}, set(), True),  # a is NULL: TRUE, any status
        ("status = 'x' OR a IS NULL", [], set(), set(), False),
        ("CASE WHEN a IS NULL THEN 1 END = 1", [], set(), {"a"}, True),  # NULL = 1 passes
        ("CASE WHEN a IS NULL THEN 1 END + 1 = 2", [], set(), {"a"}, True),  # NULL + 1 = 2: NULL
        ("CASE WHEN a IS NULL THEN 1 ELSE 0 END + 1 = 2", [], set(), {"a"}, False),  # 1 = 2
        # picsello (round CR): a remainder of counts, NULL where the new column is
        ("((t = 'job')::integer + (j IS NOT NULL)::integer) % 2 = 0", [], {"t"}, set(), True),
        ("((t = 'job')::integer + (j IS NOT NULL)::integer) % 2 = 0", [], set(), set(), False),
        # phoenix a1b2c3d4e5f6 (round AW): the rule drawn again with a term for the column
        # the step adds, and a kind's rule over a value the old CHECK did not allow
        (_LOCAL + " AND l IS NULL)", [_LOCAL + ")", _KINDS], {"l"}, set(), True),
        (_LOCAL + " AND l IS NULL)", [_LOCAL + ")", _KINDS], set(), set(), False),  # l free
        ("m != 'LDAP' OR (c IS NULL AND l IS NOT NULL)", [_KINDS], set(), set(), True),
        ("m != 'LDAP' OR (c IS NULL AND l IS NOT NULL)", [], set(), set(), False),
        ("m <> 'LDAP' OR c IS NULL", ["m IN ('LOCAL', 'OAUTH2', 'LDAP')"], set(), set(), False),
        ("m IN ('a', 'b')", ["m IN ('a', 'b', 'c')"], set(), set(), False),  # tightened
        ("m IN ('a', 'b', 'c')", ["m IN ('a', 'b')"], set(), set(), True),  # widened
        ("m NOT IN ('x', 'y')", ["m = 'a'"], set(), set(), True),
        ("m NOT IN ('x', 'y')", ["m <> 'x'"], set(), set(), False),  # m may be 'y'
        ("k = 1 OR k = 2", ["k IN (1, 2.0)"], set(), set(), True),  # numbers by value
        ("s = 'it''s'", ["s = 'it''s'"], set(), set(), True),  # a quote doubled in a literal
        ("s = 'it''s'", ["s = 'its'"], set(), set(), False),
        ("s::text = 'a'::text", ["s = 'a'"], set(), set(), True),  # casts kept NULL and value
        ("s = 'a'", [], set(), {"s"}, False),  # a value, not the literal
        ("a = b", ["a = b"], set(), set(), False),  # two columns compared: unknown
        ("a IS NULL", ["b >"], {"a"}, set(), True),  # an unreadable premise is left out
        # comp (round AJ): truths cast to integers and summed; the old column was NOT NULL
        ('(("f" IS NOT NULL)::int + ("cf" IS NOT NULL)::int = 1)', [], {"cf"}, {"f"}, True),
        ('(("f" IS NOT NULL)::int + ("cf" IS NOT NULL)::int = 1)', [], {"cf"}, set(), False),
        (
            "CAST(f IS NOT NULL AS INTEGER) + CAST(cf IS NOT NULL AS INTEGER) = 1",
            [],
            {"cf"},
            {"f"},
            True,
        ),
        ("(f IS NOT NULL)::text = 1", [], {"cf"}, {"f"}, False),  # a cast to a value: unknown
        # 121-platform (round AZ): PostgreSQL's spelling of `NOT IN` and `IN` in the CHECK a
        # TypeORM down step draws back, `(c)::text <> ALL ((ARRAY[…])::text[])`
        ("n NOT IN ('id', 'x')", [_NOT_ANY.format("'id', 'x', 'y'")], set(), set(), True),
        ("n NOT IN ('id', 'x', 'z')", [_NOT_ANY.format("'id', 'x'")], set(), set(), False),
        (_ANY_OF_AB, ["n IN ('a')"], set(), set(), True),
        ("n = ANY ('{a}'::text[])", ["n IN ('a', 'b')"], set(), set(), False),
        ("n = ALL (ARRAY['a'])", ["n = 'a'"], set(), set(), False),  # not a list: unknown
    ],
)
def test_a_check_of_null_tests_holds_where_every_assignment_meets_it(
    check: str, premises: list[str], null: set[str], present: set[str], expected: bool
) -> None:
    assert holds(check, premises, null, present) is expected


@pytest.mark.parametrize(("default", "expected"), [("'lead'", True), ("'teacher'", False)])
def test_a_column_added_with_a_constant_default_holds_it(default: str, expected: bool) -> None:
    """npq-registration (round AZ): the previous release's rows get the new column's
    default, and the column the step freed from NOT NULL is set in them."""
    check = "(p IS NOT NULL AND s = 'lead') OR (p IS NULL AND s <> 'lead')"
    assert holds(check, [], set(), {"s", "p"}, {"s": default}) is expected
    assert holds(check, [], set(), {"s", "p"}) is False  # any value of s: one fails


def test_too_many_assignments_is_no_answer() -> None:
    names = [f"c{i}" for i in range(13)]
    assert holds(" OR ".join(f"{n} IS NULL OR {n} IS NOT NULL" for n in names), [], (), ()) is False
