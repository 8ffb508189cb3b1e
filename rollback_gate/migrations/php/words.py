"""The RG220-RG224 expand/contract fixes in Laravel's words (Schema builder, Blueprint)."""

from __future__ import annotations

from rollback_gate.migrations.sqlengine.model import Words

LARAVEL_WORDS = Words(
    rename_column=(
        "expand/contract: in this release add `$table->…('{new}')->nullable()` in "
        "`Schema::table('{t}', …)`, write both columns and backfill (`DB::table('{t}')"
        "->update(['{new}' => DB::raw('{c}')])`); read {new} in the next release; "
        "`$table->dropColumn('{c}')` in a later one"
    ),
    rename_table=(
        "expand/contract: `Schema::create('{new}', …)` in this release, write both tables and "
        "backfill, switch reads in the next release, `Schema::drop('{t}')` in a later one"
    ),
    add_required=(
        "`$table->…('{c}')->default(…)`, or `->nullable()` now, backfill, and "
        "`$table->…('{c}')->nullable(false)->change()` in a later release once every running "
        "version writes it"
    ),
    set_required=(
        "ship the code that always writes {c} first; backfill NULLs and "
        "`$table->…('{c}')->nullable(false)->change()` in a later release, or give it a "
        "`->default(…)`"
    ),
    type_change=(
        "expand/contract: `$table->…('{c}_new')->nullable()` of the new type in this release, "
        "write both and backfill, switch reads in the next release, `$table->dropColumn('{c}')` "
        "in a later one; or change only to a wider type"
    ),
    constraint=(
        "ship the code that never violates the {what} first; add it (`$table->unique(…)`, "
        "`$table->foreign(…)`) in a later release"
    ),
)
