"""The SQL scanner: statement boundaries, lines, kinds, destructive statements, fuzzing."""

from __future__ import annotations

import random

import pytest

from rollback_gate.migrations.sqlengine import sql
from rollback_gate.migrations.sqlengine.coltypes import narrows


def kinds(text: str) -> list[tuple[str, str]]:
    return [(s.kind, s.target) for s in sql.split_statements(text)]


def test_split_keeps_exact_text_and_lines() -> None:
    text = (
        "-- header; not a statement\n\nCREATE TABLE a (id int);\n"
        "  /* x; */ INSERT INTO a\nVALUES (1);SELECT 2"
    )
    stmts = sql.split_statements(text)
    assert [s.text for s in stmts] == [
        "CREATE TABLE a (id int)",
        "INSERT INTO a\nVALUES (1)",
        "SELECT 2",
    ]
    assert [s.line for s in stmts] == [3, 4, 5]


@pytest.mark.parametrize(
    "text",
    [
        "INSERT INTO t VALUES ('a;b', 'it''s; DROP TABLE x')",
        "INSERT INTO t VALUES (E'it\\'s; DROP TABLE x')",
        'SELECT "semi;colon" FROM t',
        "SELECT `semi;colon` FROM t",
        "SELECT [semi;colon] FROM t",
        "CREATE FUNCTION f() RETURNS int AS $$ BEGIN DELETE FROM x; RETURN 1; END $$ LANGUAGE sql",
        "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $$ ; $body$ LANGUAGE sql",
        "SELECT 1 /* a; /* nested; */ still; */",
        "CREATE TRIGGER t AFTER INSERT ON a FOR EACH ROW BEGIN DELETE FROM b; UPDATE c SET d=1;END",
        "CREATE PROCEDURE p() BEGIN IF x THEN SELECT 1; END IF; CASE WHEN y THEN DO 2;END CASE;END",
    ],
)
def test_one_statement_despite_semicolons(text: str) -> None:
    stmts = sql.split_statements(text + ";\nSELECT 42;")
    assert [s.text for s in stmts] == [text, "SELECT 42"]


def test_rows_of_copy_from_stdin_are_data_not_statements() -> None:
    """A dump's `COPY … FROM stdin;` is followed by its rows, up to a line `\\.`: the next
    statement starts after them (fact-api's V020, round AG: the ALTER TABLE that adds the
    column was read as part of the rows, so its foreign key looked to be on an old one)."""
    text = (
        "COPY public.area (id, name) FROM stdin;\n34264\tMinor; crime's\n\\.\n\n"
        "ALTER TABLE s\n  ADD COLUMN area_id\tinteger;\n"
        "copy b FROM STDIN WITH (FORMAT csv);\n1,'x;\n\\.\nSELECT 1;\n"
        "COPY c TO STDOUT;\nSELECT 2;"
    )
    stmts = sql.split_statements(text)
    assert [(s.text, s.line) for s in stmts] == [
        ("COPY public.area (id, name) FROM stdin", 1),
        ("ALTER TABLE s\n  ADD COLUMN area_id\tinteger", 5),
        ("copy b FROM STDIN WITH (FORMAT csv)", 7),
        ("SELECT 1", 10),
        ("COPY c TO STDOUT", 11),
        ("SELECT 2", 12),
    ]
    assert [s.text for s in sql.split_statements("COPY a FROM stdin;\n1\t2\n")] == [
        "COPY a FROM stdin"
    ]


def test_dollar_sign_parameters_are_not_quotes() -> None:
    assert (
        len(sql.split_statements("UPDATE t SET a = $1 WHERE b = $2; SELECT foo$bar$ FROM t;")) == 2
    )


def test_mysql_delimiter_switch() -> None:
    text = (
        "DELIMITER //\nCREATE PROCEDURE p()\nBEGIN\n  SELECT 1;\nEND //\nDELIMITER ;\nDROP TABLE x;"
    )
    stmts = sql.split_statements(text)
    assert [(s.kind, s.line) for s in stmts] == [("create_other", 2), ("drop_table", 7)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DROP TABLE IF EXISTS public.orders CASCADE", [("drop_table", "public.orders")]),
        ('ALTER TABLE "Orders" DROP COLUMN "note"', [("drop_column", "Orders.note")]),
        ("ALTER TABLE `o` DROP `c`", [("drop_column", "o.c")]),
        ("ALTER TABLE o DROP CONSTRAINT c", [("alter_table", "o")]),
        ("ALTER TABLE o ALTER COLUMN c DROP NOT NULL", [("alter_table", "o")]),
        ("ALTER TABLE o ADD COLUMN c int", [("add_column", "o.c")]),
        ("ALTER TABLE o RENAME COLUMN a TO b", [("rename", "o.a")]),
        ("ALTER TABLE o ALTER COLUMN c TYPE text", [("alter_type", "o.c")]),
        ("ALTER TABLE o MODIFY c VARCHAR(10)", [("alter_type", "o.c")]),
        ("CREATE UNIQUE INDEX CONCURRENTLY i ON ONLY o (c)", [("create_index", "o")]),
        ("DROP INDEX i ON o", [("drop_index", "o")]),
        ("TRUNCATE TABLE a, b RESTART IDENTITY", [("truncate", "a")]),
        ("DELETE FROM ONLY o WHERE id = 1", [("delete", "o")]),
        ("WITH x AS (SELECT 1) DELETE FROM o", [("delete", "o")]),
        ("INSERT INTO o (a) SELECT a FROM p", [("insert", "o")]),
        ("UPDATE o SET a = 1", [("update", "o")]),
        ("BEGIN", [("transaction", "")]),
        ("START TRANSACTION", [("transaction", "")]),
        ("SET statement_timeout = 0", [("session", "")]),
        ("SELECT 1", [("noop", "")]),
        ("SELECT 'down not supported' AS msg", [("noop", "")]),
        ("SELECT create_hypertable('a', 'b')", [("select", "")]),
        ("DO $$ BEGIN RAISE EXCEPTION 'no'; END $$", [("refuse", "")]),
        ("DO $$ BEGIN IF x THEN RAISE EXCEPTION 'no'; END IF; END $$", [("do", "")]),
        ("SIGNAL SQLSTATE '45000'", [("refuse", "")]),
        ("DROP TYPE mood CASCADE", [("drop_cascade", "mood")]),
        ("DROP TYPE mood", [("drop_other", "mood")]),
        ("DROP SCHEMA s CASCADE", [("drop_schema", "s")]),
        ("ALTER TABLE ${schema}.orders DROP COLUMN ref", [("drop_column", "${schema}.orders.ref")]),
        # gobuffalo/pop's Go templates (supabase/auth, round H)
        (
            'ALTER TABLE {{ index .Options "Namespace" }}.users DROP COLUMN ref',
            [("drop_column", "${Namespace}.users.ref")],
        ),
        ("DROP TABLE {{.Schema}}.users", [("drop_table", "${Schema}.users")]),
        ("RENAME TABLE a TO b", [("rename", "a")]),
    ],
)
def test_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected
    assert all(k in sql.KINDS for k, _ in expected)


@pytest.mark.parametrize(
    ("text", "effective"),
    [
        ("", False),
        ("-- only a comment\n/* and a block */\n", False),
        ("BEGIN; SELECT 1; COMMIT;", False),
        ("SET search_path TO app; PRAGMA foreign_keys = ON;", False),
        ("DROP TABLE x;", True),
        ("SELECT setval('s', 1);", True),
    ],
)
def test_is_effective(text: str, effective: bool) -> None:
    assert sql.is_effective(text) is effective


def destroyed(text: str, **kwargs: object) -> list[tuple[str, str]]:
    return [(s.kind, s.target) for s in sql.destructive(sql.split_statements(text), **kwargs)]  # type: ignore[arg-type]


def test_multi_action_alter_yields_each_dropped_column() -> None:
    text = "ALTER TABLE t ADD COLUMN a int, DROP COLUMN b, DROP c, DROP INDEX i, DROP CONSTRAINT k;"
    assert destroyed(text) == [("drop_column", "t.b"), ("drop_column", "t.c")]


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("ALTER TABLE tokenpool DROP COLUMN key;", ["tokenpool.key"]),  # firefly (round Q)
        ("ALTER TABLE t DROP COLUMN IF EXISTS check;", ["t.check"]),
        ("ALTER TABLE t DROP COLUMN partition;", ["t.partition"]),
        ("ALTER TABLE t DROP KEY k;", []),  # MySQL: an index
        ("ALTER TABLE t DROP PRIMARY KEY;", []),
    ],
)
def test_a_column_named_like_a_keyword_is_a_column_after_column(
    text: str, dropped: list[str]
) -> None:
    assert [s.target for s in sql.destructive(sql.split_statements(text))] == dropped


def test_sql_server_drop_column_list() -> None:
    assert destroyed("ALTER TABLE t DROP COLUMN a, b;") == [
        ("drop_column", "t.a"),
        ("drop_column", "t.b"),
    ]


def test_not_destructive() -> None:
    text = """
    DROP INDEX i; DROP VIEW v; DROP FUNCTION f(); DROP TRIGGER t ON x; DROP SEQUENCE s;
    ALTER TABLE x DROP CONSTRAINT c; UPDATE x SET a = 1;
    CREATE TABLE tmp (id int); DELETE FROM tmp; DROP TABLE tmp;
    ALTER TABLE y ADD COLUMN c2 text; UPDATE y SET c2 = c; ALTER TABLE y DROP COLUMN c;
    ALTER TABLE y RENAME COLUMN c2 TO c;
    """
    assert destroyed(text) == []


def test_rebuild_copies_rows_before_drop() -> None:
    text = (
        'CREATE TABLE "new_u" (id int); INSERT INTO "new_u" SELECT id FROM "u"; '
        'DROP TABLE "u"; ALTER TABLE "new_u" RENAME TO "u";'
    )
    assert destroyed(text) == []
    assert destroyed("SELECT * FROM u; DROP TABLE u;") == [("drop_table", "u")]
    assert destroyed("SELECT * FROM u; DROP TABLE u;", reads_copy=True) == []


def test_narrowing_needs_the_old_type() -> None:
    up = "ALTER TABLE u ALTER COLUMN n TYPE varchar(50);"
    assert destroyed(up) == []
    assert destroyed(up, previous_types={"u.n": "varchar(255)"}) == [("narrow_type", "u.n")]
    assert destroyed(up, previous_types={"u.n": "varchar(20)"}) == []
    down = sql.split_statements("ALTER TABLE public.u ALTER COLUMN n TYPE text;")
    assert destroyed(up, previous_types=sql.column_types(down)) == [("narrow_type", "u.n")]


@pytest.mark.parametrize(
    ("old", "new", "narrower"),
    [
        ("varchar(255)", "varchar(50)", True),
        ("text", "varchar(100)", True),
        ("character varying(10)", "character varying(20)", False),
        ("bigint", "integer", True),
        ("int", "bigint", False),
        ("numeric(12,4)", "numeric(12,2)", True),
        ("numeric(10,2)", "numeric(12,2)", False),
        ("double precision", "real", True),
        ("numeric(10,2)", "integer", True),
        ("timestamp with time zone", "date", True),
        ("text", "integer", False),
        ("varchar(50)", "text", False),
        ("weird type", "varchar(2)", False),
    ],
)
def test_narrows(old: str, new: str, narrower: bool) -> None:
    assert narrows(old, new) is narrower


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("SELECT 'abc", 1),
        ("SELECT 1;\n/* never closed", 2),
        ("DO $$ BEGIN", 1),
        ('SELECT "abc', 1),
    ],
)
def test_unterminated_constructs_are_reported(text: str, line: int) -> None:
    _, problem = sql.split_checked(text)
    assert problem is not None and problem[0] == line


def test_never_crashes_on_random_input() -> None:
    rng = random.Random(20261128)
    alphabet = "'\"`[]$;-/*#\n \\eEabcDROPTABLE(),.:{}ß中"
    for i in range(3000):
        size = rng.randint(0, 120)
        if i % 3 == 0:
            text = "".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(size))
        else:
            text = "".join(rng.choice(alphabet) for _ in range(size))
        stmts, _ = sql.split_checked(text)
        sql.destructive(stmts)
        sql.is_effective(text)
        sql.column_types(stmts)
        for s in stmts:
            assert s.text and s.kind in sql.KINDS and s.line >= 1


def test_sql_server_go_batches() -> None:
    text = "CREATE TABLE [dbo].[x] ([id] int)\nGO\nALTER TABLE [dbo].[x] DROP COLUMN [id]\ngo\n"
    assert kinds(text) == [("create_table", "dbo.x"), ("drop_column", "dbo.x.id")]
    # Outside T-SQL-looking text a lone `go` line is a column name, not a separator.
    assert kinds("SELECT\n  go\nFROM t;") == [("select", "t")]


def test_mysql_executable_comment_is_code() -> None:
    assert kinds("/*!80031 ALTER TABLE `a` DROP `c` */;") == [("drop_column", "a.c")]
    assert kinds("/* ALTER TABLE a DROP c */ SELECT 1;") == [("noop", "")]


def test_mysql_hash_comment_lines_mark_mysql() -> None:
    """warrant (round V): a `# NOTE` line is MySQL's comment even where nothing else in the
    file looks like MySQL; read otherwise, it hid the statement after it."""
    text = (
        "BEGIN;\n# NOTE: not reversible.\n# drops the context.\n"
        "ALTER TABLE w ADD COLUMN p TEXT NOT NULL;\nDROP TABLE c;\n"
    )
    assert kinds(text) == [("transaction", ""), ("add_column", "w.p"), ("drop_table", "c")]
    # PostgreSQL's `#>` and `#-` operators and SQL Server's `#temp` tables start no comment
    assert kinds("SELECT doc\n#> '{a}'\nFROM t;") == [("select", "t")]
    assert kinds("SELECT a INTO\n#temp\nFROM t;\nDROP TABLE u;") == [
        ("select", "t"),
        ("drop_table", "u"),
    ]
