"""How RG220-RG224 findings read: what breaks, and the fix in SQL when no framework words apply.

:mod:`.compat` finds the breaks; every framework analyser turns them into findings here,
with its own :class:`~rollback_gate.migrations.sqlengine.model.Words` for the fix.
"""

from __future__ import annotations

from rollback_gate import lazyre
from rollback_gate.migrations.sqlengine.compat import ENUM_LABEL, Break
from rollback_gate.migrations.sqlengine.model import PLACEHOLDER, Words
from rollback_gate.models import Finding

SQL_WORDS = Words(
    rename_column=(
        "expand/contract: in this release `ALTER TABLE {t} ADD COLUMN {new} …;`, write both "
        "columns and backfill (`UPDATE {t} SET {new} = {c};`); read {new} in the next "
        "release; `ALTER TABLE {t} DROP COLUMN {c};` in a later one"
    ),
    rename_table=(
        "expand/contract: `CREATE TABLE {new} (…);` (or `CREATE VIEW {new} AS SELECT * FROM "
        "{t};`), write both and backfill, switch reads in the next release, `DROP TABLE "
        "{t};` in a later one"
    ),
    add_required=(
        "give it a default (`ALTER TABLE {t} ADD COLUMN {c} {new} NOT NULL DEFAULT …;`), or add "
        "it nullable, backfill, and `ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL;` in a "
        "later release once every running version writes it"
    ),
    set_required=(
        "ship the code that always writes {c} first; then, in a later release, `UPDATE {t} "
        "SET {c} = … WHERE {c} IS NULL;` and `ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL;` "
        "(or give {c} a default first)"
    ),
    type_change=(
        "expand/contract: `ALTER TABLE {t} ADD COLUMN {c}_new {new};`, write both and "
        "backfill, switch reads in the next release, drop {c} in a later one; or change only "
        "to a wider type"
    ),
    constraint=(
        "ship the code that never violates the {what} first and add it in a later release "
        "(PostgreSQL: `ADD CONSTRAINT … NOT VALID`, then `VALIDATE CONSTRAINT`)"
    ),
)


def describe(b: Break) -> tuple[str, str]:
    """``(what the step does, what breaks for the previous release)`` for ``b``; a table
    a loop's variable names, `{table}`, said to be one, not read as a table's name
    (skyportal's `for cls in mapped_classes: … op.create_index(…, table, …)`, round BA),
    after the name and its column (aurweb's `{table}.VoteTS`, round BC); so is one an
    interpolation names (an Ecto loop's `"ALTER TABLE #{table} …"`, read as
    ``__expr__``: db-service, round CQ)."""
    what, why = _described(b)
    if _RUN_TIME.fullmatch(b.table) or PLACEHOLDER in b.table:
        what += " (the table is named at run time)"
    return what, why


def _described(b: Break) -> tuple[str, str]:
    t, c = b.table, b.column
    if b.kind == "rename_column":
        return f"renames column {t}.{c} to {b.new}", (
            f"the previous release still reads and writes {t}.{c}: during the rollout and "
            "after an application rollback its queries fail"
        )
    if b.kind == "rename_table":
        return f"renames table {t} to {b.new}", (
            f"the previous release still queries {t}: during the rollout and after an "
            "application rollback its queries fail"
        )
    if b.kind == "add_required":
        return f"adds column {t}.{c} as NOT NULL without a default", (
            f"the previous release does not know {c}: every row it inserts into {t} now fails "
            "with a NOT NULL violation"
        )
    if b.kind == "set_required":
        return f"sets NOT NULL on {t}.{c}", (
            f"the previous release may still insert rows without {c} or write NULL to it: "
            "those writes now fail"
        )
    if b.kind == "type_change" and b.what == ENUM_LABEL:
        return f"renames label {b.old} of enum {t} to {b.new}", (
            f"the previous release still writes {b.old}, which {t} now refuses, and reads "
            f"{b.new}, which it does not know"
        )
    if b.kind == "type_change":
        source = f"from {_shown(b.old)} " if b.old else ""
        unseen = "" if b.old else " (the old type is not visible here)"
        new = _shown(b.new)
        return f"changes the type of {t}.{c} {source}to {new}, not a pure widening{unseen}", (
            "the previous release may write values the new type rejects or truncates, or read "
            "values it cannot parse"
        )
    what = f"adds a {b.what} constraint to existing table {t}"
    if b.not_valid:
        what += " (NOT VALID skips only the existing rows: new writes are checked)"
    return what, (
        "writes the previous release makes, valid until now, may be rejected during the "
        "rollout and after an application rollback"
    )


_RUN_TIME = lazyre.compile(r"\{[^{}]+\}")


def fix_text(b: Break, words: Words) -> str:
    """The expand/contract fix for ``b`` in ``words``, with the waiver alternative."""
    if b.what == ENUM_LABEL:
        return (
            f"expand/contract: add the new label first (`ALTER TYPE {b.table} ADD VALUE "
            f"{b.new}`), ship code that reads both and writes {b.new}, move the rows, and stop "
            f"using {b.old} in a later release; or waive {b.rule} with a reason"
        )
    template: str = getattr(words, b.kind)
    text = template.format(t=b.table, c=b.column, new=b.new or "…", what=b.what)
    return f"{text}; or waive {b.rule} with a reason"


def key(b: Break) -> str:
    """The finding's line-independent key: rule, kind, target and what it becomes."""
    return f"{b.rule}:{b.kind}:{b.target.lower()}:{(b.what or b.new).lower()}"


def finding(
    b: Break,
    path: str,
    step: str,
    words: Words,
    line_offset: int = 0,
) -> Finding:
    """The finding for ``b`` in ``path``; ``step`` names the up step (``the up step``,
    ``upgrade()``, ``change``) and ``words`` gives the fix in the framework's terms."""
    what, impact = describe(b)
    if b.note:
        what += f" ({b.note})"
    return Finding(
        b.rule,
        f"{step} {what}",
        path=path,
        line=line_offset + b.line,
        impact=impact,
        fix=fix_text(b, words),
        key=key(b),
    )


def _shown(type_text: str | None) -> str:
    """A type as the message shows it: one the code names at run time (Ecto's
    ``#{Version.Origin.type()}``, read as a placeholder) said so (hygeia, round AX)."""
    text = type_text or ""
    if PLACEHOLDER not in text:
        return text
    return "a type named at run time" + (" (an array of it)" if text.endswith("[]") else "")
