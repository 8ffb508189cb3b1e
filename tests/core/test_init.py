"""``rollback-gate init``: a starter config that passes ``validate``; ``--write`` never overwrites.

Every folder and file name is quoted when YAML would read it as something else.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rollback_gate.cli import main
from rollback_gate.config.loader import parse
from rollback_gate.scaffold import starter_config

FLAGD = '{"flags": {"new-checkout": {"state": "ENABLED", "variants": {"on": true, "off": false}, '
FLAGD += '"defaultVariant": "off"}}}\n'
RULES = """\
groups:
  - name: api
    rules:
      - alert: HighErrorRate
        expr: rate(errors_total{job="api"}[5m]) > 1
"""
REPO_FILES: dict[str, str | bytes] = {
    "alembic.ini": "[alembic]\nscript_location = alembic\n",
    "alembic/env.py": "from alembic import context\n",
    "alembic/versions/ab12_add.py": 'revision = "ab12"\ndown_revision = None\n\n'
    "def upgrade():\n    op.add_column('t', sa.Column('c', sa.Text()))\n\n"
    "def downgrade():\n    op.drop_column('t', 'c')\n",
    "flags/flags.flagd.json": FLAGD,
    "monitoring/alerts.yml": RULES,
    "monitoring/dashboards/api.json": '{"uid": "api", "title": "API", "panels": []}\n',
    "scripts/rollback.sh": "#!/usr/bin/env bash\nset -e\n",
    "docs/runbooks/rollback.md": "# Rollback\n",
    "deploy/api.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\n",
}


def test_init_detects_everything_and_passes_validate(git_repo: Any) -> None:
    git_repo.commit("init", REPO_FILES, executable=("scripts/rollback.sh",))
    result = CliRunner().invoke(main, ["init", "--repo", str(git_repo.root)])
    assert result.exit_code == 0, result.output
    text = result.stdout
    config = parse(text, repo=git_repo.root)
    assert config.service == "api"  # metadata.name of deploy/api.yaml, not the folder name
    assert "init: service: api (from deploy/api.yaml)" in result.stderr
    assert config.rollback is not None
    assert (config.rollback.strategy, config.rollback.script) == ("script", "scripts/rollback.sh")
    assert config.rollback.runbook == "docs/runbooks/rollback.md"
    assert config.rollback.manifests == ("deploy/api.yaml",)
    assert config.migrations is not None
    assert [(m.path, m.framework, m.reversal) for m in config.migrations] == [
        ("alembic/versions", "alembic", "down")
    ]
    assert config.feature_flags is not None
    assert (config.feature_flags.provider, config.feature_flags.definitions) == (
        "flagd",
        "flags/flags.flagd.json",
    )
    assert config.monitoring is not None
    assert config.monitoring.alerts == ("monitoring/alerts.yml",)
    assert config.monitoring.dashboards == ("monitoring/dashboards/api.json",)


def test_init_write_then_validate_then_refuse(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    git_repo.commit("init", REPO_FILES, executable=("scripts/rollback.sh",))
    runner = CliRunner()
    wrote = runner.invoke(main, ["init", "--repo", str(git_repo.root), "--write"])
    assert wrote.exit_code == 0, wrote.output
    target = git_repo.root / "deploy-readiness.yml"
    written = target.read_text()
    monkeypatch.chdir(git_repo.root)
    valid = runner.invoke(main, ["validate"])
    assert valid.exit_code == 0, valid.output
    again = runner.invoke(main, ["init", "--repo", str(git_repo.root), "--write"])
    assert again.exit_code == 2
    assert "already exists; not overwriting it" in again.stderr
    assert target.read_text() == written


@pytest.mark.parametrize("existing", ["deploy-readiness.yaml", ".github/deploy-readiness.yml"])
def test_init_write_refuses_when_any_config_exists(git_repo: Any, existing: str) -> None:
    git_repo.commit("init", {existing: "version: 1\n"})
    result = CliRunner().invoke(main, ["init", "--repo", str(git_repo.root), "--write"])
    assert result.exit_code == 2, result.output
    assert existing in result.stderr
    assert not (git_repo.root / "deploy-readiness.yml").exists()


@pytest.mark.parametrize("name", ["plain", "2024", "yes", "null", "#svc", "api: v2", "[x]"])
def test_starter_config_is_valid_for_any_folder_name(tmp_path: Path, name: str) -> None:
    repo = tmp_path / name
    repo.mkdir()
    text = starter_config(repo)
    config = parse(text, repo=repo)
    assert config.service == name


def test_starter_config_quotes_odd_paths(tmp_path: Path) -> None:
    repo = tmp_path / "svc"
    (repo / "ops: tools").mkdir(parents=True)
    (repo / "ops: tools" / "rollback.sh").write_text("#!/bin/sh\n")
    config = parse(starter_config(repo), repo=repo)
    assert config.rollback is not None and config.rollback.script == "ops: tools/rollback.sh"


OLD_SQL: dict[str, str | bytes] = {
    # Years-old migrations without down files: exempt once init sets `since:`.
    "db/migrations/000001_create_items.up.sql": "CREATE TABLE items (id INT);\n",
    "db/migrations/000002_add_items_name.up.sql": "ALTER TABLE items ADD COLUMN name TEXT;\n",
}


def test_init_on_an_existing_repository_exempts_old_migrations(git_repo: Any) -> None:
    git_repo.commit("history", {**OLD_SQL, "docs/runbooks/rollback.md": "# Rollback\n"})
    runner = CliRunner()
    wrote = runner.invoke(main, ["init", "--repo", str(git_repo.root), "--write"])
    assert wrote.exit_code == 0, wrote.output
    assert "since 000002 (the newest existing migration)" in wrote.stderr
    config = parse((git_repo.root / "deploy-readiness.yml").read_text(), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.since) for m in config.migrations] == [("db/migrations", "000002")]
    git_repo.commit("adopt rollback-gate")
    first = runner.invoke(main, ["check", "--repo", str(git_repo.root), "--format", "json"])
    rules = {f["rule"] for f in json.loads(first.stdout)["findings"]}
    assert "RG200" not in rules, first.stdout  # the old migrations do not fail the first run
    git_repo.commit(
        "new migration",
        {"db/migrations/000003_add_items_sku.up.sql": "ALTER TABLE items ADD COLUMN sku TEXT;\n"},
    )
    later = runner.invoke(main, ["check", "--repo", str(git_repo.root), "--format", "json"])
    paths = {f["path"] for f in json.loads(later.stdout)["findings"] if f["rule"] == "RG200"}
    assert paths == {"db/migrations/000003_add_items_sku.up.sql"}


def test_service_name_from_alert_rules(tmp_path: Path) -> None:
    repo = tmp_path / "checkout-repo"
    (repo / "monitoring").mkdir(parents=True)
    (repo / "monitoring" / "alerts.yml").write_text(
        RULES + "        labels: {severity: page, service: checkout}\n"
    )
    assert parse(starter_config(repo), repo=repo).service == "checkout"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (None, ".rollback-gate/drills.jsonl merge=union\n"),
        ("*.png binary", "*.png binary\n.rollback-gate/drills.jsonl merge=union\n"),
        (
            ".rollback-gate/drills.jsonl  merge=union\n",
            ".rollback-gate/drills.jsonl  merge=union\n",
        ),
    ],
    ids=["created", "appended", "already-there"],
)
def test_init_write_sets_union_merge_for_drill_records(
    git_repo: Any, before: str | None, after: str
) -> None:
    git_repo.commit("init", REPO_FILES, executable=("scripts/rollback.sh",))
    attributes = git_repo.root / ".gitattributes"
    if before is not None:
        attributes.write_text(before)
    result = CliRunner().invoke(main, ["init", "--repo", str(git_repo.root), "--write"])
    assert result.exit_code == 0, result.output
    assert attributes.read_text() == after
    assert ("merge=union" in result.stderr) is (before != after)
    # git itself reads it: the evidence file merges by union.
    check = git_repo.git("check-attr", "merge", "--", ".rollback-gate/drills.jsonl")
    assert check.endswith("merge: union")


def test_init_writes_the_reversal_mode_it_chose(git_repo: Any) -> None:
    git_repo.commit(
        "init",
        {
            "prisma/migrations/20240101000000_init/migration.sql": "CREATE TABLE t (id int);\n",
            "sql/V1__init.sql": "CREATE TABLE u (id int);\n",
            "sql/U1__init.sql": "DROP TABLE u;\n",
        },
    )
    result = CliRunner().invoke(main, ["init", "--repo", str(git_repo.root)])
    assert result.exit_code == 0, result.output
    config = parse(result.stdout, repo=git_repo.root)
    assert config.migrations is not None
    assert {(m.framework, m.reversal) for m in config.migrations} == {
        ("prisma", "forward-only"),
        ("flyway", "down"),
    }


PRISMA = "packages/database/migration"


def test_init_finds_a_prisma_folder_under_any_name(git_repo: Any) -> None:
    """formbricks keeps its migrations in packages/database/migration (singular)."""
    git_repo.commit(
        "init",
        {
            f"{PRISMA}/20240101000000_init/migration.sql": "CREATE TABLE t (id int);\n",
            f"{PRISMA}/20240102000000_b/migration.sql": "ALTER TABLE t ADD c int;\n",
        },
    )
    config = parse(starter_config(git_repo.root), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.framework) for m in config.migrations] == [(PRISMA, "prisma")]


def test_init_declares_charts_kustomizations_and_compose_files(git_repo: Any) -> None:
    git_repo.commit(
        "init",
        {
            "deploy/chart/Chart.yaml": "apiVersion: v2\nname: api\nversion: 0.1.0\n",
            "deploy/chart/values.yaml": "image: {repository: api, tag: 1.0.0}\n",
            "deploy/chart/templates/deployment.yaml": "kind: Deployment\n"
            'metadata: {name: "{{ .Release.Name }}"}\n',
            "k8s/base/kustomization.yaml": "resources: [job.yaml]\n",
            "k8s/base/job.yaml": "apiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\n",
            "compose.yaml": "services: {api: {image: 'api:1.0.0'}}\n",
            "ops/docker-compose.prod.yml": "services: {api: {image: 'api:1.0.0'}}\n",
            "README.md": "# svc\n",
        },
    )
    text = starter_config(git_repo.root)
    config = parse(text, repo=git_repo.root)
    assert config.rollback is not None and config.rollback.strategy == "helm"
    assert config.rollback.manifests == (
        "deploy/chart/**",
        "compose.yaml",
        "k8s/base/job.yaml",
        "k8s/base/kustomization.yaml",
        "ops/docker-compose.prod.yml",
    )


def test_init_declares_a_chart_at_the_root_by_its_own_files(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "Chart.yaml").write_text("apiVersion: v2\nname: api\nversion: 0.1.0\n")
    (tmp_path / "templates" / "d.yaml").write_text("kind: Deployment\n")
    config = parse(starter_config(tmp_path), repo=tmp_path)
    assert config.rollback is not None
    assert config.rollback.manifests == ("Chart.yaml", "values.yaml", "templates/**")


def test_init_leaves_test_fixtures_out_of_the_manifests(tmp_path: Path) -> None:
    deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: api}\n"
    for path in ("deploy/api.yaml", "src/plugin/tests/sample_k8s/job.yaml"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(deployment)
    config = parse(starter_config(tmp_path), repo=tmp_path)
    assert config.rollback is not None
    assert config.rollback.manifests == ("deploy/api.yaml",)


def test_init_finds_package_folders_and_skips_folders_holding_no_migration(
    git_repo: Any,
) -> None:
    """Round J: krayin/laravel-crm keeps each package's migrations in
    ``packages/Webkul/<name>/src/Database/Migrations``; nzbhydra2's release notes,
    ``core/src/main/resources/changelog.yaml``, look like a Liquibase changelog by name but
    hold no changeSet, so an entry for them would be RG206 at once."""
    php = (
        "<?php\nuse Illuminate\\Database\\Migrations\\Migration;\n"
        "return new class extends Migration {\n    public function up() {}\n"
        "    public function down() {}\n};\n"
    )
    lead = "packages/Webkul/Lead/src/Database/Migrations"
    git_repo.commit(
        "init",
        {
            f"{lead}/2021_03_12_060804_create_leads_table.php": php,
            "core/src/main/resources/changelog.yaml": "- version: v7.0.0\n  changes:\n"
            "    - type: FEATURE\n      text: New release notes\n",
        },
    )
    config = parse(starter_config(git_repo.root), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.framework) for m in config.migrations] == [(lead, "laravel")]


def test_init_tells_db_migrate_from_sequelize(git_repo: Any) -> None:
    """pages-core (round AX): db-migrate's files are named as sequelize-cli's, in a project
    whose models are Sequelize's; init wrote `framework: sequelize`."""
    js = (
        "exports.up = (db, callback) =>\n  db.addColumn('user_action', 'siteId', "
        "{ type: 'int', notNull: true }, callback);\n\n"
        "exports.down = (db, callback) => db.removeColumn('user_action', 'siteId', callback);\n"
    )
    git_repo.commit(
        "init",
        {
            "migrations/20180104152246-add-site-id-to-user-action.js": js,
            "package.json": '{"dependencies": {"db-migrate": "^0.11.14", "sequelize": "^6"}}\n',
        },
    )
    config = parse(starter_config(git_repo.root), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.framework) for m in config.migrations] == [("migrations", "db-migrate")]


def test_init_finds_knex_migrations_named_by_sequence(git_repo: Any) -> None:
    """Jellystat (round J) names its knex migrations 001_x.js (a migrationSource pattern
    in backend/migrations.js, no knexfile)."""
    js = (
        "exports.up = function (knex) {\n  return knex.schema.createTable('app_config', "
        "(t) => { t.increments('id'); });\n};\n\n"
        "exports.down = function (knex) {\n  return knex.schema.dropTable('app_config');\n};\n"
    )
    git_repo.commit("init", {"backend/migrations/001_app_config_table.js": js})
    config = parse(starter_config(git_repo.root), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.framework) for m in config.migrations] == [("backend/migrations", "knex")]


@pytest.mark.parametrize(
    ("folder", "names"),
    [
        # umzug's own `create` names (sso-requests, round AI)
        ("db/src/migrations", ["2021.07.01T15.57.60.create-requests.ts",
                               "2021.07.01T16.10.00.add-protocol.ts"]),
        # a two-digit sequence (graphprotocol's indexer agent, round AI)
        ("packages/agent/src/db/migrations", ["00-cost-models.ts", "01-add-protocol.ts"]),
    ],
)  # fmt: skip
def test_init_finds_umzug_migrations(git_repo: Any, folder: str, names: list[str]) -> None:
    ts = (
        "import { DataTypes } from 'sequelize';\n\n"
        "export const up = async ({ context: queryInterface }) => {\n"
        "  await queryInterface.addColumn('requests', 'protocol', { type: DataTypes.STRING });\n"
        "};\n\nexport const down = async ({ context: queryInterface }) => {\n"
        "  await queryInterface.removeColumn('requests', 'protocol');\n};\n"
    )
    git_repo.commit("init", {f"{folder}/{n}": ts for n in names})
    config = parse(starter_config(git_repo.root), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.framework) for m in config.migrations] == [(folder, "sequelize")]


def test_umzug_timestamps_are_versions_to_the_second() -> None:
    from rollback_gate.migrations.js.framework import version_of

    assert version_of("2021.07.01T15.57.60.create-requests.ts") == (
        "2021.07.01T15.57.60",
        "create-requests",
    )
    assert version_of("00-cost-models.ts") == ("00", "cost-models")


def test_init_finds_migrations_named_by_release_one_folder_deeper(git_repo: Any) -> None:
    """appsemble (round Z): ``packages/server/migrations/main/0.30.0.ts`` and ``…/apps/…``,
    Sequelize migrations named by the release they ship in (a test file beside each);
    ``init`` had declared none."""
    ts = (
        "import { type Sequelize, type Transaction } from 'sequelize';\n\n"
        "export const key = '0.30.0';\n\n"
        "export async function up(transaction: Transaction, db: Sequelize): Promise<void> {\n"
        "  const queryInterface = db.getQueryInterface();\n"
        "  await queryInterface.addColumn('User', 'locale', { type: 'STRING' }, "
        "{ transaction });\n}\n\n"
        "export async function down(transaction: Transaction, db: Sequelize): Promise<void> {\n"
        "  const queryInterface = db.getQueryInterface();\n"
        "  await queryInterface.removeColumn('User', 'locale', { transaction });\n}\n"
    )
    files = {
        "packages/server/migrations/main/0.30.0.ts": ts,
        "packages/server/migrations/main/0.30.0.test.ts": "describe('0.30.0', () => {});\n",
        "packages/server/migrations/apps/0.29.0.ts": ts,
    }
    git_repo.commit("init", files)
    config = parse(starter_config(git_repo.root), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.framework) for m in config.migrations] == [
        ("packages/server/migrations/apps", "sequelize"),
        ("packages/server/migrations/main", "sequelize"),
    ]


def test_init_finds_sql_migrate_files_named_with_a_hyphen(git_repo: Any) -> None:
    """goalert (round K): sql-migrate's `new` command writes 20170426134008-init.sql."""
    sql = "-- +migrate Up\nCREATE TABLE t (id int);\n\n-- +migrate Down\nDROP TABLE t;\n"
    git_repo.commit("init", {"migrate/migrations/20170426134008-init.sql": sql})
    config = parse(starter_config(git_repo.root), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.framework) for m in config.migrations] == [
        ("migrate/migrations", "sql-migrate")
    ]


def test_init_finds_alembic_revisions_kept_in_the_migrations_folder(git_repo: Any) -> None:
    """flaskbb (round K): Alembic's file_template puts a date and the revision id first,
    and the revisions sit in flaskbb/migrations itself (no versions/, no env.py)."""
    rev = (
        '"""init"""\nrevision = "8ad96e49dc6"\ndown_revision = None\n\n'
        "from alembic import op\nimport sqlalchemy as sa\n\n\n"
        "def upgrade():\n    op.create_table('users', sa.Column('id', sa.Integer()))\n\n\n"
        "def downgrade():\n    op.drop_table('users')\n"
    )
    git_repo.commit(
        "init",
        {
            "flaskbb/migrations/201501082314_8ad96e49dc6_init.py": rev,
            "flaskbb/migrations/__init__.py": "",
        },
    )
    config = parse(starter_config(git_repo.root), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.framework) for m in config.migrations] == [("flaskbb/migrations", "alembic")]


def _django(deps: str, operations: str) -> str:
    return (
        "from django.db import migrations, models\n\n\n"
        f"class Migration(migrations.Migration):\n    dependencies = [{deps}]\n"
        f"    operations = [{operations}]\n"
    )


def test_since_is_not_an_unnumbered_django_migration(git_repo: Any) -> None:
    """saleor (round R): ``fix_empty_data_in_lines.py``, a 2016 data migration, sorts
    after every numbered one; as ``since:`` it exempted each new migration of the app."""
    app = "shop/migrations"
    git_repo.commit(
        "history",
        {
            f"{app}/__init__.py": "",
            f"{app}/0001_initial.py": _django(
                "",
                "migrations.CreateModel(name='Order', fields=[('id', models.AutoField("
                "primary_key=True))])",
            ),
            f"{app}/0002_note.py": _django(
                "('shop', '0001_initial')",
                "migrations.AddField('order', 'note', models.TextField(null=True))",
            ),
            f"{app}/fix_empty_data.py": _django("('shop', '0001_initial')", ""),
            "docs/runbooks/rollback.md": "# Rollback\n",
        },
    )
    runner = CliRunner()
    wrote = runner.invoke(main, ["init", "--repo", str(git_repo.root), "--write"])
    assert wrote.exit_code == 0, wrote.output
    config = parse((git_repo.root / "deploy-readiness.yml").read_text(), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.since) for m in config.migrations] == [(app, "shop:0002_note")]
    git_repo.commit("adopt rollback-gate")
    git_repo.commit(
        "new migration",
        {
            f"{app}/0003_required.py": _django(
                "('shop', '0002_note')",
                "migrations.AddField('order', 'code', models.TextField(default='x'))",
            )
        },
    )
    later = runner.invoke(main, ["check", "--repo", str(git_repo.root), "--format", "json"])
    paths = {f["path"] for f in json.loads(later.stdout)["findings"] if f["rule"] == "RG222"}
    assert paths == {f"{app}/0003_required.py"}


def test_init_finds_flyway_migrations_without_a_prefix(git_repo: Any) -> None:
    """hmpps-approved-premises-api (round S) sets `sql-migration-prefix: ""`: its 599
    migrations are `20220803121537__premises_tables.sql` under `db/migration/all`; init
    found none. Numbered scripts outside `db/migration` are no Flyway folder."""
    folder = "src/main/resources/db/migration/all"
    git_repo.commit(
        "init",
        {
            f"{folder}/20220803121537__premises_tables.sql": "CREATE TABLE p (id int);\n",
            f"{folder}/20220803121539__add_service.sql": "ALTER TABLE p ADD COLUMN s text;\n",
            "script/migration/cas3/01__verify_data.sql": "SELECT 1;\n",
        },
    )
    config = parse(starter_config(git_repo.root), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.framework, m.since) for m in config.migrations] == [
        (folder, "flyway", "20220803121539")
    ]


def test_init_declares_one_folder_per_schema_version_as_one_history(git_repo: Any) -> None:
    """boundary (round W): its tool keeps ``postgres/<schema version>/<n>_x.up.sql``; init
    wrote one entry per version folder, so no check saw the versions before each. It now
    declares the parent, whose versions are ``<folder>.<file>`` (``since`` compares so), and
    a new file in a new version folder is checked."""
    base = "internal/db/schema/migrations/oss/postgres"
    git_repo.commit(
        "history",
        {
            f"{base}/0/01_domain_types.up.sql": "CREATE TABLE target (id int);\n",
            f"{base}/2/01_more.up.sql": "ALTER TABLE target ADD COLUMN name text;\n",
            f"{base}/10/01_names.up.sql": "CREATE TABLE host (id int);\n",
            f"{base}/10/02_more_names.up.sql": "CREATE TABLE host_set (id int);\n",
            "db/migrations/000001_init.up.sql": "CREATE TABLE a (id int);\n",
            "db/migrations/000001_init.down.sql": "DROP TABLE a;\n",
        },
    )
    runner = CliRunner()
    wrote = runner.invoke(main, ["init", "--repo", str(git_repo.root), "--write"])
    assert wrote.exit_code == 0, wrote.output
    config = parse((git_repo.root / "deploy-readiness.yml").read_text(), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.since) for m in config.migrations] == [
        ("db/migrations", "000001"),
        (base, "10.02"),
    ]
    git_repo.commit("adopt rollback-gate")
    git_repo.commit(
        "new version",
        {f"{base}/11/01_drop.up.sql": "ALTER TABLE target RENAME COLUMN name TO title;\n"},
    )
    later = runner.invoke(main, ["check", "--repo", str(git_repo.root), "--format", "json"])
    found = {(f["rule"], f["path"]) for f in json.loads(later.stdout)["findings"]}
    assert ("RG220", f"{base}/11/01_drop.up.sql") in found, later.stdout
    assert not any(r == "RG206" for r, _ in found), later.stdout


def test_init_declares_a_resources_master_changelog_once(git_repo: Any) -> None:
    """OpenClinica (round X): ``resources/migration/master.xml`` includes the changelogs of
    ``2.5/``, ``3.0/`` … whose files are named by date; init declared the three folders
    whose names it knew and left the others out. The master's folder covers them all."""
    res = "core/src/main/resources/migration"
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<databaseChangeLog '
        'xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
    )
    git_repo.commit(
        "history",
        {
            f"{res}/master.xml": head
            + '  <include file="migration/2.5/changeLogCreateTables.xml"/>\n'
            '  <include file="migration/3.0/2009-03-30-NA01.xml"/>\n</databaseChangeLog>\n',
            f"{res}/2.5/changeLogCreateTables.xml": head + '  <changeSet author="a" id="1">\n'
            '    <createTable tableName="crf"><column name="id" type="int"/></createTable>\n'
            "  </changeSet>\n</databaseChangeLog>\n",
            f"{res}/3.0/2009-03-30-NA01.xml": head + '  <changeSet author="a" id="2">\n'
            '    <addColumn tableName="crf"><column name="note" type="text"/></addColumn>\n'
            "  </changeSet>\n</databaseChangeLog>\n",
        },
    )
    config = parse(starter_config(git_repo.root), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.framework) for m in config.migrations] == [(res, "liquibase")]


def test_init_declares_a_folder_an_include_all_holds_once(git_repo: Any) -> None:
    """pay-adminusers (round AT): ``resources/migrations.xml`` holds
    ``<includeAll path="migrations"/>``, whose files are formatted-SQL changelogs: init
    declared both folders, and every changeSet was read twice."""
    res = "src/main/resources"
    sql = "--liquibase formatted sql\n--changeset uk.gov.pay:{0}\nCREATE TABLE t{0} (id int);\n"
    git_repo.commit(
        "history",
        {
            f"{res}/migrations.xml": '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
            '    <includeAll path="migrations"/>\n</databaseChangeLog>\n',
            **{f"{res}/migrations/{n:05d}_t{n}.sql": sql.format(n) for n in (1, 2)},
        },
    )
    config = parse(starter_config(git_repo.root), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.path, m.framework) for m in config.migrations] == [(res, "liquibase")]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (  # digital_marketplace: knexfile.ts in src/migrations, the migrations in tasks/
            {
                "src/migrations/knexfile.ts": "export default { migrations: "
                "{ directory: './tasks' } };\n",
                "src/migrations/tasks/20191110222844_init.ts": "import { Knex } from 'knex';\n"
                "export async function up(knex: Knex) {\n  await knex.schema.createTable("
                "'users', (t) => { t.increments('id'); });\n}\n"
                "export async function down(knex: Knex) {\n  await knex.schema.dropTable("
                "'users');\n}\n",
            },
            [("src/migrations/tasks", "knex")],
        ),
        (  # fluidity-app: dbmate folders in database/, named for the order they run in
            {
                "database/100-up-sql-shared/20220701151154-numeric.sql": "-- migrate:up\n"
                "CREATE DOMAIN uint256 AS NUMERIC(78, 0);\n\n-- migrate:down\n"
                "DROP DOMAIN uint256;\n",
                "database/README.md": "dbmate\n",
            },
            [("database/100-up-sql-shared", "dbmate")],
        ),
        (  # … but timestamped SQL without any tool's markers is no migrations folder
            {"database/dumps/20220701151154-prod.sql": "CREATE TABLE t (id int);\n"},
            [],
        ),
        (  # PoracleJS (round BF): knex files named v00_x.js, v02a_x.js beside helpers
            {
                "src/lib/db/migrations/v02a_admindisable.js": "exports.up = async function "
                "migrationUp(knex) {\n  await knex.schema.table('humans', (t) => { t.integer("
                "'admin_disable'); });\n};\nexports.down = async function migrationDown(knex) "
                "{\n  await knex.schema.table('humans', (t) => { t.dropColumn('admin_disable');"
                " });\n};\n",
                "src/lib/db/migrations/base.js": "module.exports = {};\n",
            },
            [("src/lib/db/migrations", "knex")],
        ),
        (  # simple-idm (round BG): goose files one folder under migrations/
            {
                "migrations/idm/20240612185201_enable-uuid.sql": "-- +goose Up\n"
                'CREATE EXTENSION IF NOT EXISTS "uuid-ossp";\n-- +goose Down\n',
                "migrations/idm_db.sql": "CREATE TABLE users (id uuid);\n",
            },
            [("migrations/idm", "goose")],
        ),
        (  # dockstore: Liquibase changelogs named migrations.1.X.0.xml in the resources
            {
                "svc/src/main/resources/migrations.1.3.0.xml": '<?xml version="1.0"?>\n'
                '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">\n'
                '  <changeSet id="1" author="a">\n    <createTable tableName="t">\n'
                '      <column name="id" type="bigint"/>\n    </createTable>\n'
                "  </changeSet>\n</databaseChangeLog>\n",
                "svc/src/main/resources/findbugs-exclude.xml": "<FindBugsFilter/>\n",
            },
            [("svc/src/main/resources", "liquibase")],
        ),
    ],
    ids=[
        "knex-tasks",
        "dbmate-database-folders",
        "timestamped-dump",
        "knex-v-numbered",
        "goose-service-folder",
        "liquibase-migrations-xml",
    ],
)
def test_init_finds_migrations_round_aa_missed(
    git_repo: Any, files: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    """Round AA: three of eleven repositories had their migrations declared by hand."""
    git_repo.commit("init", files)
    config = parse(starter_config(git_repo.root), repo=git_repo.root)
    assert [(m.path, m.framework) for m in config.migrations or ()] == expected


_DBMATE = "-- migrate:up\nCREATE TABLE {0} (id int);\n-- migrate:down\nDROP TABLE {0};\n"
_SQL_MIGRATE = "-- +migrate Up\nCREATE TABLE {0} (id int);\n-- +migrate Down\nDROP TABLE {0};\n"


@pytest.mark.parametrize(
    ("names", "markers", "since"),
    [
        # lomake (round AK): a migration named `20261712180000-…` (month 17) sorted after
        # every real one; as `since:` it exempted each migration written after it
        (("20260101000000_a", "20260319120000_b", "20261712180000_reason"), _DBMATE,
         ("dbmate", "20260319120000")),
        (("20260101000000_a", "20260319120000_b", "20291231000000_later"), _DBMATE,
         ("dbmate", "20260319120000")),  # yet to come
        (("20260101000000_a", "20260319120000_b", "20260401000000_next"), _DBMATE,
         ("dbmate", "20260401000000")),
        # stellar-disbursement-platform-backend (round CR): `init` wrote sql-migrate's
        # year alone (`since: "2026"`), which exempted every migration of 2026
        (("2025-12-01.0-a", "2026-01-13.0-b", "2029-01-01.0-c"), _SQL_MIGRATE,
         ("sql-migrate", "2026-01-13.0")),
    ],
)  # fmt: skip
def test_since_is_the_newest_migration_that_names_a_date_that_was(
    git_repo: Any,
    monkeypatch: pytest.MonkeyPatch,
    names: tuple[str, ...],
    markers: str,
    since: tuple[str, str],
) -> None:
    """``since:`` is the newest migration's whole version, skipping a timestamp that is no
    date or one still to come."""
    monkeypatch.setenv("ROLLBACK_GATE_NOW", "2026-06-01T00:00:00Z")
    files = {f"db/migrations/{n}.sql": markers.format(f"t{i}") for i, n in enumerate(names)}
    git_repo.commit("history", {**files, "docs/runbooks/rollback.md": "# Rollback\n"})
    wrote = CliRunner().invoke(main, ["init", "--repo", str(git_repo.root), "--write"])
    assert wrote.exit_code == 0, wrote.output
    config = parse((git_repo.root / "deploy-readiness.yml").read_text(), repo=git_repo.root)
    assert config.migrations is not None
    assert [(m.framework, m.since) for m in config.migrations] == [since]
