"""The RG220-RG224 expand/contract fixes in the words of Alembic and Django."""

from __future__ import annotations

from rollback_gate.migrations.sqlengine.model import Words

ALEMBIC_WORDS = Words(
    rename_column=(
        "expand/contract: `op.add_column('{t}', sa.Column('{new}', …))` in this release, write "
        'both columns and backfill (`op.execute("UPDATE {t} SET {new} = {c}")`); read {new} '
        "in the next release; `op.drop_column('{t}', '{c}')` in a later one"
    ),
    rename_table=(
        "expand/contract: `op.create_table('{new}', …)` in this release, write both tables and "
        "backfill, switch reads in the next release, `op.drop_table('{t}')` in a later one"
    ),
    add_required=(
        "`op.add_column('{t}', sa.Column('{c}', …, nullable=False, server_default=…))` (a "
        "Python-side `default=` does not reach the previous release's INSERTs), or add it "
        "`nullable=True`, backfill, and `op.alter_column('{t}', '{c}', nullable=False)` in a "
        "later release once every running version writes it"
    ),
    set_required=(
        "ship the code that always writes {c} first; backfill NULLs and "
        "`op.alter_column('{t}', '{c}', nullable=False)` in a later release, or give it a "
        "`server_default=`"
    ),
    type_change=(
        "expand/contract: `op.add_column('{t}', sa.Column('{c}_new', …))` of type {new} in this "
        "release, write both and backfill, switch reads in the next release, "
        "`op.drop_column('{t}', '{c}')` in a later one; or change only to a wider type"
    ),
    constraint=(
        "ship the code that never violates the {what} first; create it "
        "(`op.create_unique_constraint`, `op.create_foreign_key`, `op.create_check_constraint`) "
        "in a later release (PostgreSQL: `postgresql_not_valid=True`, then VALIDATE)"
    ),
)

DJANGO_WORDS = Words(
    rename_column=(
        "expand/contract: `migrations.AddField('{t}', '{new}', …)` in this release, a "
        "`migrations.RunPython` that copies {c} into {new} while the code writes both; read "
        "{new} in the next release; `migrations.RemoveField('{t}', '{c}')` in a later one"
    ),
    rename_table=(
        "keep the table: set `db_table = '{t}'` in the renamed model's `Meta` (then "
        "`RenameModel` renames only the model), or expand/contract with a new model, a "
        "`RunPython` copy and `migrations.DeleteModel` in a later release"
    ),
    add_required=(
        "`migrations.AddField(…, '{c}', models.…(db_default=…))` (Django 5+: the default stays "
        "in the database), or `null=True` now, a `migrations.RunPython` backfill, and "
        "`migrations.AlterField(…, '{c}', …null=False…)` in a later release"
    ),
    set_required=(
        "ship the code that always writes {c} first; a `migrations.RunPython` backfill of NULLs "
        "and `migrations.AlterField('{t}', '{c}', …null=False…)` in a later release, or give "
        "it a `db_default=`"
    ),
    type_change=(
        "expand/contract: `migrations.AddField('{t}', '{c}_new', …)` of the new type in this "
        "release, a `migrations.RunPython` backfill while the code writes both, switch reads "
        "in the next release, `migrations.RemoveField('{t}', '{c}')` in a later one; or change "
        "only to a wider type"
    ),
    constraint=(
        "ship the code that never violates the {what} first; add it "
        "(`migrations.AddConstraint`, `unique=True`, a `ForeignKey`) in a later release"
    ),
)
