"""Generate realistic migration corpora for the benchmarks (never imported by the package).

Each framework writes files the way its own generator and real projects do (Alembic
revision chains, Django operation lists with dependencies, Rails `change` methods,
golang-migrate up/down pairs, goose/dbmate/sql-migrate annotated SQL, Flyway V/U pairs,
Knex and Laravel up/down, Liquibase XML changelogs under an `includeAll` master). About
one migration in eight has a bad reversal (no-op down, missing down, refusal, dropped
column), the rest are the good patterns real histories are full of.

    python benchmarks/corpus.py DIR [--files 10000]      # mixed corpus, one git commit

Library use (from migrations_bench.py): ``mixed(n)``, ``django_project(n)``,
``sql_files(n)`` return ``{path: content}``; ``write_repo`` and ``write_history`` put
them into a git repository with a deploy-readiness.yml.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

Files = dict[str, str]
EPOCH = datetime(2019, 1, 7, 9, 30)

TABLES = ["orders", "users", "invoices", "products", "payments", "shipments", "accounts"]
COLUMNS = ["note", "status", "external_ref", "archived_at", "priority", "region", "tax_code"]
TYPES = ["varchar(64)", "text", "integer", "boolean", "timestamptz", "bigint", "numeric(12,2)"]

# (framework, folder, share of the files); golang-migrate and flyway write two files each.
LAYOUT: list[tuple[str, str, float]] = [
    ("alembic", "services/payments/alembic/versions", 0.14),
    ("django", "services/shop/shop/migrations", 0.14),
    ("rails", "services/storefront/db/migrate", 0.14),
    ("golang-migrate", "services/inventory/db/migrations", 0.12),
    ("goose", "services/billing/db/migrations", 0.08),
    ("dbmate", "services/search/db/migrations", 0.05),
    ("sql-migrate", "services/ledger/migrations", 0.05),
    ("flyway", "services/catalog/src/main/resources/db/migration", 0.06),
    ("knex", "services/notifications/migrations", 0.08),
    ("laravel", "services/crm/database/migrations", 0.08),
    ("liquibase", "services/warehouse/src/main/resources/db/changelog", 0.06),
]


class Pick:
    """Deterministic choices for migration number ``i``."""

    def __init__(self, rng: random.Random, i: int) -> None:
        self.i = i
        self.table = rng.choice(TABLES)
        self.col = f"{rng.choice(COLUMNS)}_{i}"
        self.type = rng.choice(TYPES)
        roll = rng.random()
        # 87% good, then the bad cases real histories hold.
        self.kind = (
            "good"
            if roll < 0.70
            else "create"
            if roll < 0.87
            else "noop"
            if roll < 0.91
            else "missing"
            if roll < 0.94
            else "drop"
            if roll < 0.97
            else "refuse"
        )

    @property
    def ts(self) -> str:
        """A 14-digit timestamp, increasing with ``i`` (one migration every 97 minutes)."""
        return (EPOCH + timedelta(minutes=97 * self.i)).strftime("%Y%m%d%H%M%S")


def _sql_pair(p: Pick) -> tuple[str, str]:
    """(up, down) SQL for a pick; down is '' when it should be missing or empty."""
    if p.kind == "create":
        up = (
            f"CREATE TABLE {p.table}_{p.i} (\n    id BIGSERIAL PRIMARY KEY,\n"
            f"    {p.col} {p.type},\n    created_at TIMESTAMPTZ NOT NULL DEFAULT now()\n);\n"
            f"CREATE INDEX {p.table}_{p.i}_{p.col}_idx ON {p.table}_{p.i} ({p.col});\n"
        )
        return up, f"DROP TABLE IF EXISTS {p.table}_{p.i};\n"
    if p.kind == "drop":
        return (
            f"-- {p.col} is no longer read since the previous release\n"
            f"ALTER TABLE {p.table} DROP COLUMN {p.col};\n",
            f"ALTER TABLE {p.table} ADD COLUMN {p.col} {p.type};\n",
        )
    up = f"ALTER TABLE {p.table} ADD COLUMN {p.col} {p.type};\n"
    if p.i % 3 == 0:
        up += f"UPDATE {p.table} SET {p.col} = DEFAULT WHERE {p.col} IS NULL; -- DROP not here\n"
    if p.kind in ("noop", "missing"):
        return up, ""
    if p.kind == "refuse":
        return up, "DO $$ BEGIN RAISE EXCEPTION 'irreversible'; END $$;\n"
    return up, f"ALTER TABLE {p.table} DROP COLUMN IF EXISTS {p.col};\n"


def _alembic(p: Pick) -> Files:
    rev, prev = f"{p.i * 7919 % 16**12:012x}", f"{(p.i - 1) * 7919 % 16**12:012x}"
    down_rev = "None" if p.i == 0 else repr(prev)
    up = (
        f"    op.add_column({p.table!r}, sa.Column({p.col!r}, sa.String(length=64), nullable=True))"
    )
    down = f"    op.drop_column({p.table!r}, {p.col!r})"
    if p.kind == "create":
        up = (
            f"    op.create_table(\n        '{p.table}_{p.i}',\n"
            "        sa.Column('id', sa.BigInteger(), primary_key=True),\n"
            f"        sa.Column({p.col!r}, sa.Text(), nullable=True),\n    )"
        )
        down = f"    op.drop_table('{p.table}_{p.i}')"
    elif p.kind == "noop":
        down = "    pass"
    elif p.kind == "drop":
        up, down = (
            f"    op.drop_column({p.table!r}, {p.col!r})",
            f"    op.add_column({p.table!r}, sa.Column({p.col!r}, sa.Text(), nullable=True))",
        )
    elif p.kind in ("refuse", "missing"):
        down = '    raise NotImplementedError("irreversible: see ADR-12")'
    body = (
        f'"""add {p.col} to {p.table}\n\nRevision ID: {rev}\nRevises: {prev}\n'
        'Create Date: 2024-03-01 10:00:00.000000\n\n"""\n'
        "from alembic import op\nimport sqlalchemy as sa\n\n\n"
        f"revision = {rev!r}\ndown_revision = {down_rev}\nbranch_labels = None\n"
        f"depends_on = None\n\n\ndef upgrade() -> None:\n{up}\n\n\n"
        f"def downgrade() -> None:\n{down}\n"
    )
    return {f"{rev}_{p.col}.py": body}


class _DjangoState:
    """Fields added so far, so RemoveField/AlterField always name an existing field."""

    def __init__(self) -> None:
        self.fields: list[str] = []
        self.last = ""


def _django(p: Pick, state: _DjangoState) -> Files:
    number = p.i + 1
    name = f"{number:04d}_{'initial' if number == 1 else p.col}"
    deps = "[]" if number == 1 else f"[('shop', '{state.last}')]"
    if number == 1:
        ops = (
            "        migrations.CreateModel(\n            name='Order',\n            fields=[\n"
            "                ('id', models.BigAutoField(auto_created=True, primary_key=True,"
            " serialize=False, verbose_name='ID')),\n"
            "                ('created', models.DateTimeField(auto_now_add=True)),\n"
            "            ],\n        ),"
        )
    elif p.kind == "drop" and state.fields:
        gone = state.fields.pop(0)
        ops = f"        migrations.RemoveField(model_name='order', name='{gone}'),"
    elif p.kind in ("noop", "missing", "refuse"):
        ops = (
            f"        migrations.AddField(model_name='order', name='{p.col}',"
            " field=models.CharField(blank=True, default='', max_length=64)),\n"
            "        migrations.RunPython(backfill),"
        )
        state.fields.append(p.col)
    elif p.kind == "create" and state.fields and p.i % 2:
        field = state.fields[-1]
        ops = (
            f"        migrations.AlterField(model_name='order', name='{field}',"
            " field=models.CharField(blank=True, db_index=True, default='', max_length=64)),"
        )
    else:
        ops = (
            f"        migrations.AddField(model_name='order', name='{p.col}',"
            " field=models.CharField(blank=True, default='', max_length=64)),\n"
            "        migrations.RunPython(backfill, migrations.RunPython.noop),"
        )
        state.fields.append(p.col)
    backfill = (
        "\n\ndef backfill(apps, schema_editor):\n    Order = apps.get_model('shop', 'Order')\n"
        "    Order.objects.filter(pk__lt=0).update()\n"
        if "backfill" in ops
        else ""
    )
    state.last = name
    body = (
        "# Generated by Django 4.2.11 on 2024-03-01 10:00\n\n"
        f"from django.db import migrations, models\n{backfill}\n\n"
        "class Migration(migrations.Migration):\n\n"
        f"    dependencies = {deps}\n\n    operations = [\n{ops}\n    ]\n"
    )
    return {f"{name}.py": body}


def _rails(p: Pick) -> Files:
    cls = f"Change{p.col.title().replace('_', '')}On{p.table.title()}"
    if p.kind == "create":
        body = (
            f"  def change\n    create_table :{p.table}_{p.i} do |t|\n      t.string :{p.col}\n"
            f"      t.references :user, foreign_key: true\n      t.timestamps\n    end\n"
            f"    add_index :{p.table}_{p.i}, :{p.col}\n  end\n"
        )
    elif p.kind == "noop":
        body = (
            f"  def up\n    add_column :{p.table}, :{p.col}, :string\n  end\n\n"
            "  def down\n    # nothing to do\n  end\n"
        )
    elif p.kind == "missing":
        body = (
            f'  def change\n    execute "CREATE INDEX {p.col}_idx ON {p.table} ({p.col})"\n  end\n'
        )
    elif p.kind == "drop":
        body = f"  def change\n    remove_column :{p.table}, :{p.col}, :string\n  end\n"
    elif p.kind == "refuse":
        body = (
            f"  def up\n    change_column :{p.table}, :{p.col}, :text\n  end\n\n"
            "  def down\n    raise ActiveRecord::IrreversibleMigration\n  end\n"
        )
    else:
        body = (
            f"  def change\n    add_column :{p.table}, :{p.col}, :string,"
            ' default: "", null: false\n'
            f"    add_index :{p.table}, :{p.col}, algorithm: :concurrently\n  end\n"
        )
        body = "  disable_ddl_transaction!\n\n" + body
    return {f"{p.ts}_{p.col}.rb": f"class {cls} < ActiveRecord::Migration[7.1]\n{body}end\n"}


def _golang_migrate(p: Pick) -> Files:
    up, down = _sql_pair(p)
    stem = f"{p.i + 1:06d}_{p.col}"
    files = {f"{stem}.up.sql": up}
    if p.kind != "missing":
        files[f"{stem}.down.sql"] = down or "-- nothing to undo\n"
    return files


def _annotated(up_mark: str, down_mark: str) -> Callable[[Pick], Files]:
    def make(p: Pick) -> Files:
        up, down = _sql_pair(p)
        text = f"{up_mark}\n{up}\n"
        if p.kind != "missing":
            text += f"{down_mark}\n{down}"
        return {f"{p.ts}_{p.col}.sql": text}

    return make


def _flyway(p: Pick) -> Files:
    up, down = _sql_pair(p)
    files = {f"V{p.i + 1}__{p.col}.sql": up}
    if p.kind != "missing":
        files[f"U{p.i + 1}__{p.col}.sql"] = down or "-- nothing\n"
    return files


def _knex(p: Pick) -> Files:
    alter = f"  await knex.schema.alterTable('{p.table}', (t) => {{\n"
    up = f"{alter}    t.string('{p.col}', 64);\n  }});"
    down = f"{alter}    t.dropColumn('{p.col}');\n  }});"
    if p.kind == "create":
        up = (
            f"  await knex.schema.createTable('{p.table}_{p.i}', (t) => {{\n"
            "    t.increments('id');\n"
            f"    t.string('{p.col}').notNullable();\n    t.timestamps(true, true);\n  }});"
        )
        down = f"  await knex.schema.dropTableIfExists('{p.table}_{p.i}');"
    elif p.kind == "noop":
        down = "  // no-op"
    elif p.kind == "drop":
        up, down = down, up
    elif p.kind == "refuse":
        down = "  throw new Error('irreversible migration');"
    text = f"exports.up = async function (knex) {{\n{up}\n}};\n"
    if p.kind != "missing":
        text += f"\nexports.down = async function (knex) {{\n{down}\n}};\n"
    return {f"{p.ts}_{p.col}.js": text}


def _laravel(p: Pick) -> Files:
    up = (
        f"        Schema::table('{p.table}', function (Blueprint $table) {{\n"
        f"            $table->string('{p.col}')->nullable();\n        }});"
    )
    down = (
        f"        Schema::table('{p.table}', function (Blueprint $table) {{\n"
        f"            $table->dropColumn('{p.col}');\n        }});"
    )
    if p.kind == "create":
        up = (
            f"        Schema::create('{p.table}_{p.i}', function (Blueprint $table) {{\n"
            f"            $table->id();\n            $table->string('{p.col}');\n"
            "            $table->timestamps();\n        });"
        )
        down = f"        Schema::dropIfExists('{p.table}_{p.i}');"
    elif p.kind == "noop":
        down = "        //"
    elif p.kind == "drop":
        up, down = down, up
    elif p.kind == "refuse":
        down = "        throw new \\RuntimeException('irreversible');"
    methods = f"    public function up(): void\n    {{\n{up}\n    }}\n"
    if p.kind != "missing":
        methods += f"\n    public function down(): void\n    {{\n{down}\n    }}\n"
    text = (
        "<?php\n\nuse Illuminate\\Database\\Migrations\\Migration;\n"
        "use Illuminate\\Database\\Schema\\Blueprint;\n"
        "use Illuminate\\Support\\Facades\\Schema;\n\n"
        f"return new class extends Migration\n{{\n{methods}}};\n"
    )
    ts = p.ts
    return {f"{ts[:4]}_{ts[4:6]}_{ts[6:8]}_{ts[8:]}_{p.col}.php": text}


def _liquibase(p: Pick) -> Files:
    if p.kind == "create":
        change = (
            f'        <createTable tableName="{p.table}_{p.i}">\n'
            '            <column name="id" type="bigint" autoIncrement="true">\n'
            '                <constraints primaryKey="true"/>\n            </column>\n'
            f'            <column name="{p.col}" type="varchar(64)"/>\n        </createTable>'
        )
    elif p.kind in ("missing", "refuse"):
        change = f"        <sql>UPDATE {p.table} SET status = 'archived' WHERE id &lt; 0</sql>"
    elif p.kind == "drop":
        change = f'        <dropColumn tableName="{p.table}" columnName="{p.col}"/>'
    elif p.kind == "noop":
        change = (
            f"        <sql>ALTER TABLE {p.table} ADD {p.col} varchar(64)</sql>\n"
            "        <rollback>SELECT 1</rollback>"
        )
    else:
        change = (
            f'        <addColumn tableName="{p.table}">\n'
            f'            <column name="{p.col}" type="{p.type}"/>\n        </addColumn>'
        )
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<databaseChangeLog\n'
        '    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"\n'
        '    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
        '    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog\n'
        '    http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">\n'
        f'    <changeSet id="{p.i + 1}" author="warehouse-team">\n{change}\n    </changeSet>\n'
        "</databaseChangeLog>\n"
    )
    return {f"changes/{p.i + 1:05d}-{p.col}.xml": text}


LIQUIBASE_MASTER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<databaseChangeLog\n'
    '    xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
    '    <includeAll path="changes/" relativeToChangelogFile="true"/>\n</databaseChangeLog>\n'
)


def _makers(seed: int) -> dict[str, Callable[[Pick], Files]]:
    state = _DjangoState()
    return {
        "alembic": _alembic,
        "django": lambda p: _django(p, state),
        "rails": _rails,
        "golang-migrate": _golang_migrate,
        "goose": _annotated("-- +goose Up", "-- +goose Down"),
        "dbmate": _annotated("-- migrate:up", "-- migrate:down"),
        "sql-migrate": _annotated("-- +migrate Up", "-- +migrate Down"),
        "flyway": _flyway,
        "knex": _knex,
        "laravel": _laravel,
        "liquibase": _liquibase,
    }


def _framework_files(
    framework: str, folder: str, count: int, seed: int
) -> Iterator[tuple[str, str]]:
    """About ``count`` files of one framework under ``folder``."""
    rng = random.Random(f"{seed}-{framework}")
    make = _makers(seed)[framework]
    written, i = 0, 0
    if framework == "liquibase":
        yield f"{folder}/db.changelog-master.xml", LIQUIBASE_MASTER
        written += 1
    if framework == "django":
        yield f"{folder}/__init__.py", ""
        written += 1
    while written < count:
        for name, text in make(Pick(rng, i)).items():
            yield f"{folder}/{name}", text
            written += 1
        i += 1


def mixed(files: int = 10_000, seed: int = 0) -> tuple[Files, list[tuple[str, str]]]:
    """A mixed corpus of about ``files`` files and its ``(folder, framework)`` entries."""
    corpus: Files = {}
    entries = []
    for framework, folder, share in LAYOUT:
        corpus.update(_framework_files(framework, folder, round(files * share), seed))
        entries.append((folder, framework))
    return corpus, entries


def sql_files(files: int = 10_000, seed: int = 0) -> tuple[Files, list[tuple[str, str]]]:
    """``files`` golang-migrate SQL files (up/down pairs, some downs missing)."""
    folder = "db/migrations"
    return dict(_framework_files("golang-migrate", folder, files, seed)), [
        (folder, "golang-migrate")
    ]


def django_project(migrations: int = 2_000, seed: int = 0) -> tuple[Files, list[tuple[str, str]]]:
    """A minimal Django project: app ``shop`` with ``migrations`` migrations, sqlite settings."""
    folder = "shop/migrations"
    corpus = dict(_framework_files("django", folder, migrations + 1, seed))
    corpus["shop/__init__.py"] = ""
    corpus["shop/models.py"] = "from django.db import models  # noqa: F401\n"
    corpus["project/__init__.py"] = ""
    corpus["project/settings.py"] = (
        "SECRET_KEY = 'benchmark-only'\nDEBUG = False\nUSE_TZ = True\n"
        "INSTALLED_APPS = ['django.contrib.contenttypes', 'django_migration_linter', 'shop']\n"
        "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}}\n"
        "DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n"
    )
    corpus["manage.py"] = (
        "import os\nimport sys\n\nif __name__ == '__main__':\n"
        "    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'project.settings')\n"
        "    from django.core.management import execute_from_command_line\n\n"
        "    execute_from_command_line(sys.argv)\n"
    )
    return corpus, [(folder, "django")]


def config(service: str, entries: list[tuple[str, str]], scope: str = "all") -> str:
    """A deploy-readiness.yml declaring every framework folder (and nothing else to check)."""
    lines = [
        "version: 1",
        f"service: {service}",
        "rollback:",
        "  strategy: manual",
        "  runbook: RUNBOOK.md",
        "migrations:",
    ]
    for folder, framework in entries:
        lines += [f"  - path: {folder}", f"    framework: {framework}", f"    scope: {scope}"]
    lines += ["monitoring:", '  health_check: {url: "https://example.com/readyz"}']
    return "\n".join(lines) + "\n"


def _git_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME="bench",
        GIT_AUTHOR_EMAIL="bench@example.invalid",
        GIT_COMMITTER_NAME="bench",
        GIT_COMMITTER_EMAIL="bench@example.invalid",
        GIT_AUTHOR_DATE="2026-01-15T12:00:00+00:00",
        GIT_COMMITTER_DATE="2026-01-15T12:00:00+00:00",
        GIT_CONFIG_GLOBAL="/dev/null",
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def git(root: Path, *args: str, stdin: bytes | None = None) -> str:
    """Run git in ``root`` with a clean, fixed environment."""
    proc = subprocess.run(
        ["git", *args], cwd=root, env=_git_env(), input=stdin, capture_output=True, check=True
    )
    return proc.stdout.decode()


def write_files(root: Path, files: Files) -> None:
    """Write ``files`` under ``root``."""
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def write_repo(
    root: Path, files: Files, entries: list[tuple[str, str]], scope: str = "all"
) -> None:
    """A git repository at ``root`` holding ``files`` and a config, in one commit (one
    already there, from ``--keep``, is reused as it is)."""
    if (root / ".git").exists():
        return
    root.mkdir(parents=True, exist_ok=True)
    write_files(root, files)
    (root / "deploy-readiness.yml").write_text(config("bench", entries, scope), encoding="utf-8")
    (root / "RUNBOOK.md").write_text(
        "# Rollback\n\nRedeploy the previous image.\n", encoding="utf-8"
    )
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "corpus")


def write_history(
    root: Path,
    files: Files,
    entries: list[tuple[str, str]],
    commits: int = 2_000,
    changed: int = 10,
) -> None:
    """A ``commits``-commit history (via git fast-import) that adds ``files`` bit by bit.

    Commits add the frameworks' migrations interleaved, oldest first, as in a monorepo.
    The last commit edits ``changed // 2`` existing migrations and adds the rest, so
    ``--base HEAD~1`` sees exactly ``changed`` changed migrations. The work tree is
    checked out at HEAD (a history already there, from ``--keep``, is reused).
    """
    if (root / ".git").exists():
        return
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    folders: dict[str, list[str]] = {}
    for path in files:  # insertion order is each framework's own order
        folders.setdefault(path.rsplit("/", 1)[0].split("/changes")[0], []).append(path)
    order: list[str] = []
    for i in range(max(len(v) for v in folders.values())):
        order += [v[i] for v in folders.values() if i < len(v)]
    held_back = order[len(order) - (changed - changed // 2) :]
    paths = order[: len(order) - len(held_back)]
    per_commit = max(1, -(-len(paths) // (commits - 1)))
    extra = {
        "deploy-readiness.yml": config("bench", entries, "changed"),
        "RUNBOOK.md": "# Rollback\n\nRedeploy the previous image.\n",
    }
    out: list[bytes] = []

    def commit(n: int, blobs: dict[str, str]) -> None:
        out.append(f"commit refs/heads/main\nmark :{n}\n".encode())
        out.append(
            f"committer bench <bench@example.invalid> {1_700_000_000 + n * 60} +0000\n".encode()
        )
        message = f"migrations batch {n}".encode()
        out.append(b"data %d\n%s\n" % (len(message), message))
        if n > 1:
            out.append(f"from :{n - 1}\n".encode())
        for path, text in blobs.items():
            data = text.encode()
            out.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")

    commit(1, extra)
    for n in range(2, commits):
        start = (n - 2) * per_commit
        commit(n, {p: files[p] for p in paths[start : start + per_commit]})
    step = max(1, len(paths) // (changed // 2 or 1))
    edited = {p: files[p] + "\n" for p in paths[len(folders) :: step][: changed // 2]}
    commit(commits, {**edited, **{p: files[p] for p in held_back}})
    git(root, "fast-import", "--quiet", stdin=b"".join(out))
    git(root, "checkout", "-q", "-f", "main")


def main() -> None:
    """Write a mixed corpus repository to DIR."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    files, entries = mixed(args.files, args.seed)
    write_repo(args.dir, files, entries)
    print(f"{len(files)} files in {len(entries)} framework folders under {args.dir}")


if __name__ == "__main__":
    main()
