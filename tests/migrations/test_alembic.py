"""What the Alembic data cases cannot express: detect(), order, messages, severity,
unreadable files, never executing the analysed file, and speed."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from rollback_gate.migrations.base import MemorySource, Unreadable
from rollback_gate.migrations.python.alembic import FRAMEWORK
from rollback_gate.models import Finding, Severity

HEAD = '''"""{slug}

Revision ID: {rev}
"""
from alembic import op
import sqlalchemy as sa

revision = "{rev}"
down_revision = {down!r}


'''


def _rev(rev: str, down: str | tuple[str, ...] | None, body: str) -> str:
    return HEAD.format(slug=rev, rev=rev, down=down) + body


def _run(files: dict[str, str | bytes]) -> list[Finding]:
    source = MemorySource(files)
    return [
        f for m in FRAMEWORK.discover(sorted(files), source) for f in FRAMEWORK.analyse(m, source)
    ]


def _one(body: str, rule: str) -> list[Finding]:
    """``rule``'s findings of one revision ``a1`` whose body (after its header) is ``body``."""
    return [f for f in _run({"versions/a1_x.py": _rev("a1", None, body)}) if f.rule == rule]


ADD_NOTE = """def upgrade():
    op.add_column("orders", sa.Column("note", sa.Text()))


def downgrade():
    pass
"""


def test_detect_counts_revisions_only() -> None:
    files: dict[str, str | bytes] = {
        "migrations/env.py": "revision = 'x'\ndef upgrade(): pass\n",
        "migrations/versions/a_x.py": _rev("a", None, ADD_NOTE),
        "migrations/versions/b_y.py": _rev("b", "a", ADD_NOTE),
        "migrations/versions/notes.txt": "revision = 'c'",
        "app/models.py": "class Order: pass\n",
    }
    assert FRAMEWORK.detect(sorted(files), MemorySource(files)) == 2
    django = {"orders/migrations/0001_initial.py": "class Migration(migrations.Migration):\n"}
    assert FRAMEWORK.detect(sorted(django), MemorySource(dict(django))) == 0


def test_order_follows_graph_with_merge_and_depends_on() -> None:
    files: dict[str, str | bytes] = {
        "versions/9_base.py": _rev("base", None, ADD_NOTE),
        "versions/8_left.py": _rev("left", "base", ADD_NOTE),
        "versions/1_right.py": _rev("right", "base", ADD_NOTE),
        "versions/0_merge.py": _rev("merge", ("left", "right"), ADD_NOTE),
        "versions/5_data.py": _rev("data", None, ADD_NOTE).replace(
            "down_revision = None", "down_revision = None\ndepends_on = 'merge'"
        ),
    }
    order = [m.version for m in FRAMEWORK.discover(sorted(files), MemorySource(files))]
    assert order.index("base") < order.index("left") < order.index("merge")
    assert order.index("right") < order.index("merge") < order.index("data")


def test_version_and_name() -> None:
    files: dict[str, str | bytes] = {"versions/ab12_add_note.py": _rev("ab12", None, ADD_NOTE)}
    (m,) = FRAMEWORK.discover(sorted(files), MemorySource(files))
    assert (m.framework, m.version, m.name, m.files) == (
        "alembic",
        "ab12",
        "add_note",
        ("versions/ab12_add_note.py",),
    )


def test_noop_reversal_message_names_the_column_and_the_fix() -> None:
    (f,) = _run({"versions/ab12_add_note.py": _rev("ab12", None, ADD_NOTE)})
    assert f.rule == "RG201" and f.severity is None  # the rule's P0
    assert f.message == "downgrade() is `pass` while upgrade() adds column orders.note"
    assert "op.drop_column('orders', 'note')" in f.fix
    assert "success" in f.impact
    assert f.key == "RG201:downgrade()"


def test_data_only_noop_reversal_is_a_warning() -> None:
    body = """def upgrade():
    op.execute("UPDATE orders SET note = '' WHERE note IS NULL")


def downgrade():
    pass
"""
    (f,) = _run({"versions/cd34_backfill.py": _rev("cd34", None, body)})
    assert (f.rule, f.severity) == ("RG201", Severity.P2)
    assert "data change" in f.message


def test_destroys_finding_texts() -> None:
    body = """def upgrade():
    op.drop_column("orders", "note")


def downgrade():
    op.add_column("orders", sa.Column("note", sa.Text()))
"""
    (f,) = _run({"versions/ef56_drop.py": _rev("ef56", None, body)})
    assert (f.rule, f.line, f.key) == ("RG203", 13, "RG203:drop_column:orders.note")
    assert f.message == "upgrade() drops column orders.note"
    assert f.fix.startswith("split into expand/contract: stop reading orders.note")


def test_unreadable_revision_propagates() -> None:
    files: dict[str, str | bytes] = {"versions/bad.py": b"\xff\xfe revision = 1\x00"}
    source = MemorySource(files)
    (m,) = FRAMEWORK.discover(sorted(files), source)
    with pytest.raises(Unreadable):
        list(FRAMEWORK.analyse(m, source))


def test_never_executes_the_revision(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    body = f"""import os

os.system("touch {marker}")
open({str(marker)!r} + "2", "w").write("ran")


def upgrade():
    os.system("touch {marker}3")
    op.drop_table("orders")


def downgrade():
    raise SystemExit("never")
"""
    before = set(sys.modules)
    findings = _run({"versions/aa_side_effects.py": _rev("aa", None, body)})
    assert sorted(f.rule for f in findings) == ["RG202", "RG203"]
    assert not list(tmp_path.iterdir()), "the analysed revision was executed"
    assert not {m for m in set(sys.modules) - before if "side_effects" in m}


def test_speed_sanity() -> None:
    body = """def upgrade():
    op.add_column("t{i}", sa.Column("c", sa.Integer()))
    with op.batch_alter_table("t{i}") as batch_op:
        batch_op.drop_column("old")
    op.execute("UPDATE t{i} SET c = 0; DELETE FROM t{i} WHERE c IS NULL")


def downgrade():
    op.drop_column("t{i}", "c")
"""
    files: dict[str, str | bytes] = {
        f"versions/{i:04d}_r.py": _rev(f"r{i}", f"r{i - 1}" if i else None, body.format(i=i))
        for i in range(1000)
    }
    start = time.perf_counter()
    findings = _run(files)
    elapsed = time.perf_counter() - start
    assert len(findings) == 2000
    assert elapsed < 5.0, f"{elapsed:.2f}s for 1,000 revisions"


@pytest.mark.parametrize(
    "body",
    [
        'getattr(op, "drop_" + "table")("orders")',
        'd = op.drop_table\n    d("orders")',
        'op.__getattribute__("drop_table")("orders")',
        'fn = getattr(op, NAME)\n    fn("orders")',
    ],
)
def test_dynamic_call_on_the_migration_api_is_rg205(body: str) -> None:
    text = _rev("a1", None, f"def upgrade():\n    {body}\n\ndef downgrade():\n    pass\n")
    found = _run({"versions/a1_x.py": text})
    assert [f.rule for f in found] == ["RG205"], found
    assert (
        "dynamically" in found[0].message
        and found[0].line == text.count("\n", 0, text.index("def upgrade")) + 2
    )


def test_ordinary_op_calls_are_not_dynamic() -> None:
    body = (
        "def upgrade():\n    conn = op.get_bind()\n    with op.batch_alter_table('t') as b:\n"
        "        b.drop_column('c')\n    op.create_index(op.f('ix_t_a'), 't', ['a'])\n\n"
        "def downgrade():\n    op.drop_index(op.f('ix_t_a'), 't')\n"
    )
    found = _run({"versions/a1_x.py": _rev("a1", None, body)})
    assert "RG205" not in [f.rule for f in found]


def test_an_enum_s_labels_are_shown_as_written() -> None:
    """vmware-nsx (round AO) and dstack (round AP): the new enum's labels were shown spaced
    and lower-cased (``enum(' nsx - net ')``), as if every label had changed."""
    body = (
        "def upgrade():\n"
        "    op.alter_column('bindings', 'kind',\n"
        "                    type_=sa.Enum('FLAT', 'In Progress', name='k'),\n"
        "                    existing_type=sa.Enum('FLAT', 'VXLAN', 'nsx-net', name='k'))\n\n\n"
        "def downgrade():\n    pass\n"
    )
    (found,) = _one(body, "RG223")
    assert "to enum('FLAT','In Progress')" in found.message


@pytest.mark.parametrize(
    ("labels", "rg223"),
    [
        # trailblazer (round CO): a label dropped, the labels in a tuple local to `upgrade()`
        ("NEW + ('failed',)", True),
        # … and labels only added: a widening
        ("OLD + ('cancelled',)", False),
    ],
)
def test_an_enum_spread_from_tuples_joined_by_plus_is_read(labels: str, rg223: bool) -> None:
    body = (
        "OLD = ('pending', 'canceled')\nNEW = ('pending', 'cancelled')\n\n\n"
        "def upgrade():\n"
        f"    labels = {labels}\n"
        "    op.alter_column('analysis', 'status', existing_type=sa.Enum(*OLD),\n"
        "                    type_=sa.Enum(*labels))\n\n\n"
        "def downgrade():\n    pass\n"
    )
    found = _one(body, "RG223")
    assert bool(found) is rg223
    if rg223:
        assert "to enum('pending','cancelled','failed')" in found[0].message


@pytest.mark.parametrize(
    ("new", "rg223"),
    [
        # osparc (round AU): a scale without a precision is plain NUMERIC, which widens
        ("sa.NUMERIC(scale=2)", False),
        ("sa.Numeric(precision=15, scale=2)", False),
        ("sa.Numeric(12, scale=2)", True),
        ("sa.Numeric(precision=12, scale=2)", True),
    ],
)
def test_a_numeric_type_is_read_by_precision_and_scale(new: str, rg223: bool) -> None:
    body = (
        "def upgrade():\n"
        f"    op.alter_column('prices', 'cost', type_={new},\n"
        "                    existing_type=sa.NUMERIC(precision=15, scale=2))\n\n\n"
        "def downgrade():\n    pass\n"
    )
    found = _one(body, "RG223")
    assert bool(found) is rg223


@pytest.mark.parametrize(
    ("imported", "new", "rg223"),
    [
        # storyboard 030 (round BO): a type the project's models module holds is defined
        # out of sight (a MEDIUMTEXT variant there), not one named after the constant
        ("from storyboard.db.models import MYSQL_MEDIUM_TEXT", "MYSQL_MEDIUM_TEXT", False),
        ("from .types import LONG_TEXT", "LONG_TEXT", False),
        # SQLAlchemy's own, imported by name, is still read
        ("from sqlalchemy.dialects.postgresql import JSONB", "JSONB", True),
    ],
)
def test_a_type_imported_from_the_project_is_not_read_by_its_name(
    imported: str, new: str, rg223: bool
) -> None:
    body = (
        f"{imported}\n\n\n"
        "def upgrade():\n"
        f"    op.alter_column('comments', 'content', type_={new})\n\n\n"
        "def downgrade():\n"
        "    op.alter_column('comments', 'content', type_=sa.UnicodeText)\n"
    )
    found = _one(body, "RG223")
    assert bool(found) is rg223


@pytest.mark.parametrize(
    ("new", "rg223"),
    [
        # ironic-inspector 882b2d84cb1b (round CG): the column's own type, looked up
        ("{c['type'] for c in sa.inspect(op.get_bind()).get_columns('t')}.pop()", False),
        ("get_column(op.get_bind())", False),  # a project's function: not a type
        ("sa.String(50)", True),
    ],
)
def test_a_type_computed_by_a_call_is_not_read_by_the_call_name(new: str, rg223: bool) -> None:
    body = (
        "def upgrade():\n"
        f"    name_type = {new}\n"
        "    op.alter_column('attributes', 'name', type_=name_type,\n"
        "                    existing_type=sa.String(255))\n\n\n"
        "def downgrade():\n    pass\n"
    )
    found = _one(body, "RG223")
    assert bool(found) is rg223


@pytest.mark.parametrize(("dropped", "rg221"), [(True, False), (False, True)])
def test_a_table_renamed_aside_dropped_and_made_again_is_rebuilt_in_place(
    dropped: bool, rg221: bool
) -> None:
    """CAPEv2 (round BO): ``tasks`` renamed to ``old_tasks``, that dropped and ``tasks``
    made again: the name never went away (no RG221). Kept beside the new one, the old
    table is a split, and the rename stays."""
    drop = '    op.drop_table("old_tasks")\n' if dropped else ""
    body = (
        "def upgrade():\n"
        '    op.rename_table("tasks", "old_tasks")\n'
        f"{drop}"
        '    op.create_table("tasks", sa.Column("id", sa.Integer(), primary_key=True))\n\n\n'
        "def downgrade():\n    pass\n"
    )
    found = _one(body, "RG221")
    assert bool(found) is rg221


def test_an_enum_added_again_after_a_rename_shows_its_labels_as_written() -> None:
    """osparc (round AU): the column renamed away and added again as an enum showed its
    labels spaced and lower-cased (``enum(' not_started ')``)."""
    body = (
        "def upgrade():\n"
        "    op.alter_column('comp', 'state', new_column_name='old_state',"
        " existing_type=sa.Integer())\n"
        "    op.add_column('comp', sa.Column('state', sa.Enum('NOT_STARTED', 'In Progress',"
        " name='s'), nullable=False, server_default='NOT_STARTED'))\n\n\n"
        "def downgrade():\n    pass\n"
    )
    (found,) = [f for f in _run({"versions/a2_y.py": _rev("a2", None, body)}) if f.rule == "RG223"]
    assert "to enum('NOT_STARTED','In Progress')" in found.message


def test_a_loop_over_a_list_of_dicts_names_each_table() -> None:
    """codechecker (round AU): ``for info in TABLES: op.alter_column(info['name'], …)``
    was one operation on a table shown as ``{table_info['name']}``."""
    body = (
        "TABLES = [\n    {'name': 'a_info', 'columns': ('a_id',)},\n"
        "    {'name': 'b_info', 'columns': ('b_id', 'c_id')},\n]\n\n\n"
        "def upgrade():\n"
        "    for info in TABLES:\n"
        "        for column in info['columns']:\n"
        "            op.alter_column(info['name'], column, existing_type=sa.Integer(),"
        " nullable=False)\n\n\n"
        "def downgrade():\n    pass\n"
    )
    found = _one(body, "RG222")
    said = sorted(f.message for f in found)
    assert [m.split(" on ")[1].split(" ")[0] for m in said] == [
        "a_info.a_id",
        "b_info.b_id",
        "b_info.c_id",
    ]


@pytest.mark.parametrize(("using", "rg223"), [("None", False), ("'status::text'", False)])
def test_an_enum_given_more_labels_with_no_using_expression(using: str, rg223: bool) -> None:
    """querybook d3582302cf48 (round AY): ``postgresql_using=None`` is no USING clause; it
    was read as one of unknown effect, and the enum given two more labels as no widening."""
    body = (
        "OLD = sa.Enum('INITIALIZED', 'DONE', name='status')\n"
        "NEW = sa.Enum('INITIALIZED', 'DONE', 'REJECTED', name='status')\n\n\n"
        "def upgrade():\n"
        "    op.alter_column('query_execution', 'status', existing_type=OLD, type_=NEW,\n"
        f"                    postgresql_using={using})\n\n\n"
        "def downgrade():\n    pass\n"
    )
    found = _one(body, "RG223")
    assert bool(found) is rg223


def test_a_check_dropped_by_its_op_f_name_is_the_one_re_created() -> None:
    """funding-service 026 (round BM): ``batch_op.drop_constraint(op.f("ck_…"))`` names
    the CHECK it drops; read as a nameless drop, every CHECK the step drew on the table
    looked re-created (the new ``ck_user_role_member_required`` said so)."""
    body = (
        "def upgrade():\n"
        "    with op.batch_alter_table('user_role') as batch_op:\n"
        "        batch_op.drop_constraint(op.f('ck_user_role_non_admin'), type_='check')\n"
        "    with op.batch_alter_table('user_role') as batch_op:\n"
        "        batch_op.create_check_constraint(op.f('ck_user_role_non_admin'),\n"
        "            \"a <> 'x' OR org_id IS NOT NULL\")\n"
        "        batch_op.create_check_constraint(op.f('ck_user_role_member_required'),\n"
        "            \"b = 'y'\")\n\n\n"
        "def downgrade():\n"
        "    with op.batch_alter_table('user_role') as batch_op:\n"
        "        batch_op.drop_constraint(op.f('ck_user_role_member_required'), type_='check')\n"
        "        batch_op.drop_constraint(op.f('ck_user_role_non_admin'), type_='check')\n"
        "        batch_op.create_check_constraint(op.f('ck_user_role_non_admin'),\n"
        "            \"(a <> 'x' AND b <> 'z') OR org_id IS NOT NULL\")\n"
    )
    (found,) = _one(body, "RG224")
    assert found.line == 18
    assert found.message == "upgrade() adds a CHECK constraint to existing table user_role"


def test_a_column_bound_to_a_name_and_tables_appended_to_a_list_are_read() -> None:
    """glance (round BT): `h_col = Column('os_hidden', …)` then `op.add_column('images',
    h_col)` was "adds column images.?" with no N−1 reading (a NOT NULL without a default
    went unseen); six tables appended to a list one by one and dropped in a loop were
    "drops table {table_name}", a name no search for their use could find."""
    body = (
        "def upgrade():\n"
        "    h_col = sa.Column('os_hidden', sa.Boolean, nullable=False)\n"
        "    op.add_column('images', h_col)\n"
        "    table_names = []\n"
        "    table_names.append('artifact_tags')\n"
        "    table_names.extend(['artifacts'])\n"
        "    for table_name in table_names:\n"
        "        op.drop_table(table_name=table_name)\n\n\n"
        "def downgrade():\n    pass\n"
    )
    required = _one(body, "RG222")
    assert [f.message for f in required] == [
        "upgrade() adds column images.os_hidden as NOT NULL without a default"
    ]
    assert sorted(f.message for f in _one(body, "RG203")) == [
        "upgrade() drops table artifact_tags",
        "upgrade() drops table artifacts",
    ]


def test_a_loop_over_tuples_binds_each_name() -> None:
    """gpustack (round BV): `for tbl, idx_name, uq_name in (("models", …), …)` was read
    with the `tbl` an earlier loop left bound: a key re-drawn on three tables was said of
    another table."""
    body = (
        "def upgrade():\n"
        "    for tbl in ('archive',):\n"
        "        op.add_column(tbl, sa.Column('note', sa.Text()))\n"
        "    for tbl, uq_name in (('models', 'uq_models'), ('routes', 'uq_routes')):\n"
        "        op.create_unique_constraint(uq_name, tbl, ['name'])\n\n\n"
        "def downgrade():\n    pass\n"
    )
    found = _one(body, "RG224")
    assert sorted(f.message for f in found) == [
        "upgrade() adds a UNIQUE constraint to existing table models",
        "upgrade() adds a UNIQUE constraint to existing table routes",
    ]
