"""RG224 and materialized views: a unique index on one constrains no row the application
writes (opencollective-api, round H), whether git lists the files or they are read."""

from __future__ import annotations

import itertools
import os
import posixpath
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.checks.history import unwritten
from rollback_gate.checks.history.order import undo
from rollback_gate.gate import CheckOptions, prepare
from rollback_gate.models import Severity

GO = "db/migrations"
VIEW = (
    'CREATE MATERIALIZED VIEW "CollectiveTagStats" AS SELECT "HostCollectiveId", tag, '
    "count(*) FROM tags GROUP BY 1, 2;\n"
)
FILES = {
    f"{GO}/000001_stats.up.sql": VIEW,
    f"{GO}/000001_stats.down.sql": 'DROP MATERIALIZED VIEW "CollectiveTagStats";\n',
    f"{GO}/000002_unique.up.sql": 'CREATE UNIQUE INDEX stats_uq ON "CollectiveTagStats" '
    '("HostCollectiveId", tag);\n',
    f"{GO}/000002_unique.down.sql": "DROP INDEX stats_uq;\n",
    f"{GO}/000003_orders.up.sql": "CREATE UNIQUE INDEX orders_ref_uq ON orders (ref);\n",
    f"{GO}/000003_orders.down.sql": "DROP INDEX orders_ref_uq;\n",
}


def _rg224(root: Any) -> list[tuple[str, int | None]]:
    ctx = prepare(CheckOptions(repo=root))
    return [(f.path or "", f.line) for f in engine.check(ctx) if f.rule == "RG224"]


@pytest.mark.parametrize("with_git", [True, False])
def test_a_unique_index_on_a_materialized_view_is_no_rg224(git_repo: Any, with_git: bool) -> None:
    config = git_repo.migrations_config(GO, "golang-migrate", scope="all")
    git_repo.commit("all", {"deploy-readiness.yml": config, **FILES})
    if not with_git:
        shutil.rmtree(git_repo.root / ".git")
    assert _rg224(git_repo.root) == [(f"{GO}/000003_orders.up.sql", 1)]


def test_a_unique_index_on_a_scenic_materialized_view_is_no_rg224(git_repo: Any) -> None:
    """content-data-api (round AQ): Scenic's ``create_view :last_thirty_days, materialized:
    true`` makes a materialized view; the unique index on it is there for ``REFRESH …
    CONCURRENTLY``, and no code writes its rows. A plain view's (``create_view`` alone)
    table name says nothing, and a table's index stays a finding."""
    folder = "db/migrate"

    def rb(stamp: str, body: str) -> dict[str, str]:
        return {
            f"{folder}/{stamp}_step.rb": f"class Step{stamp} < ActiveRecord::Migration[5.2]\n"
            f"  def change\n{body}  end\nend\n"
        }

    files = {
        **rb(
            "20181101000000",
            "    create_table :facts do |t|\n      t.string :ref\n    end\n"
            "    create_view :last_thirty_days, materialized: true\n"
            "    create_view(:last_months, :materialized => { no_data: true }, version: 2)\n",
        ),
        **rb(
            "20181204140034",
            "    add_index :last_thirty_days, :warehouse_item_id, unique: true\n"
            "    add_index :last_months, :warehouse_item_id, unique: true\n"
            "    add_index :facts, :ref, unique: true\n",
        ),
    }
    config = git_repo.migrations_config(folder, "rails", scope="all")
    git_repo.commit_each({"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [(f"{folder}/20181204140034_step.rb", 5)]


def _changelog(body: str) -> str:
    return (
        '<?xml version="1.0"?>\n<databaseChangeLog>\n  <changeSet id="1" author="a">\n'
        f"    {body}\n  </changeSet>\n</databaseChangeLog>\n"
    )


def test_a_table_created_in_the_same_version_folder_is_new(git_repo: Any) -> None:
    """eclipse/kapua (round H): each module keeps its changelogs in version folders; a
    foreign key one module's 1.3.0 changelog adds to a table another's 1.3.0 creates is
    on a new table, one added in 1.4.0 is not."""
    column = '<column name="id" type="bigint"/>'
    fk = (
        '<addForeignKeyConstraint constraintName="{n}" baseTableName="{t}" '
        'baseColumnNames="scope_id" referencedTableName="accounts" referencedColumnNames="id"/>'
    )
    files = {
        "auth/liquibase/1.3.0/mfa.xml": _changelog(
            f'<createTable tableName="mfa_option">{column}</createTable>'
        ),
        "keys/liquibase/1.3.0/mfa-fk.xml": _changelog(fk.format(n="fk_a", t="mfa_option")),
        "keys/liquibase/1.4.0/users-fk.xml": _changelog(fk.format(n="fk_b", t="users")),
        "keys/liquibase/1.4.0/mfa-fk2.xml": _changelog(fk.format(n="fk_c", t="mfa_option")),
    }
    config = (
        "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n"
        "  - {path: auth/liquibase, framework: liquibase, scope: all}\n"
        "  - {path: keys/liquibase, framework: liquibase, scope: all}\n"
    )
    git_repo.commit("all", {"deploy-readiness.yml": config, **files})
    assert sorted(_rg224(git_repo.root)) == [
        ("keys/liquibase/1.4.0/mfa-fk2.xml", 4),
        ("keys/liquibase/1.4.0/users-fk.xml", 4),
    ]


def test_jhipster_entity_and_constraints_changelogs_are_one_release(git_repo: Any) -> None:
    """21-points (round I): JHipster writes an entity's table and its foreign keys as two
    changelogs named from one timestamp; another timestamp's key is on an old table."""
    column = '<column name="id" type="bigint"/>'
    fk = (
        '<addForeignKeyConstraint constraintName="{n}" baseTableName="{t}" '
        'baseColumnNames="user_id" referencedTableName="users" referencedColumnNames="id"/>'
    )
    folder = "src/main/resources/config/liquibase/changelog"
    files = {
        f"{folder}/20170725030037_added_entity_Points.xml": _changelog(
            f'<createTable tableName="points">{column}</createTable>'
        ),
        f"{folder}/20170725030037_added_entity_constraints_Points.xml": _changelog(
            fk.format(n="fk_points_user", t="points")
        ),
        f"{folder}/20170801000000_added_entity_constraints_Weight.xml": _changelog(
            fk.format(n="fk_weight_user", t="points")
        ),
    }
    config = (
        "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n"
        f"  - {{path: {folder}, framework: liquibase, scope: all}}\n"
    )
    git_repo.commit("all", {"deploy-readiness.yml": config, **files})
    assert _rg224(git_repo.root) == [
        (f"{folder}/20170801000000_added_entity_constraints_Weight.xml", 4)
    ]


def test_the_other_n1_rules_know_a_version_folders_new_tables_and_columns(git_repo: Any) -> None:
    """mystamps (round L): a table created in ``version/0.4`` is new to the previous
    release for RG222 and RG223 too, and a column a file of ``0.4.4`` added is new for a
    rename; the same changes in another version are breaks, and a column the release
    added and then made NOT NULL stays RG222 (the previous release never writes it)."""
    folder = "src/main/resources/liquibase/version"
    files = {
        f"{folder}/0.4/2016-08-22--sales.xml": _changelog(
            '<createTable tableName="series_sales"><column name="id" type="bigint"/>'
            '<column name="date" type="DATETIME"/></createTable>'
        ),
        f"{folder}/0.4/2016-09-28--sales-price.xml": _changelog(
            '<addNotNullConstraint tableName="series_sales" columnName="price"'
            ' columnDataType="DECIMAL(19,2)"/>'
        ),
        f"{folder}/0.4/2016-10-10--sales-date.xml": _changelog(
            '<modifyDataType tableName="series_sales" columnName="date" newDataType="DATE"/>'
        ),
        f"{folder}/0.4.4/2020-05-04--condition.xml": _changelog(
            '<addColumn tableName="collections_series"><column name="condition"'
            ' type="VARCHAR(4)"/></addColumn>'
        ),
        f"{folder}/0.4.4/2020-05-23--condition-renamed.xml": _changelog(
            '<renameColumn tableName="collections_series" oldColumnName="condition"'
            ' newColumnName="cond" columnDataType="VARCHAR(4)"/>'
        ),
        f"{folder}/0.4.4/2020-05-24--condition-required.xml": _changelog(
            '<addNotNullConstraint tableName="collections_series" columnName="cond"'
            ' columnDataType="VARCHAR(4)"/>'
        ),
        f"{folder}/0.5/2021-01-01--sales-price.xml": _changelog(
            '<addNotNullConstraint tableName="series_sales" columnName="amount"'
            ' columnDataType="DECIMAL(19,2)"/>'
        ),
        f"{folder}/0.5/2021-01-02--name.xml": _changelog(
            '<renameColumn tableName="collections_series" oldColumnName="name"'
            ' newColumnName="title" columnDataType="VARCHAR(4)"/>'
        ),
    }
    config = (
        "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n"
        "  - {path: src/main/resources/liquibase, framework: liquibase, scope: all}\n"
    )
    git_repo.commit("all", {"deploy-readiness.yml": config, **files})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = sorted(
        (f.rule, (f.path or "").rsplit("/", 1)[-1])
        for f in engine.check(ctx)
        if f.rule in ("RG220", "RG222", "RG223")
    )
    assert found == [
        ("RG220", "2021-01-02--name.xml"),
        ("RG222", "2020-05-24--condition-required.xml"),
        ("RG222", "2021-01-01--sales-price.xml"),
    ]


def test_a_table_the_findings_own_file_creates_again_is_judged_by_its_analyser(
    git_repo: Any,
) -> None:
    """bionic-gpt (round J): one file adds a NOT NULL column, then drops the table and
    creates it again; the file's release is itself (a timestamp of its own), and the table
    is no new one for the previous release's INSERTs, which fail on the first statement."""
    folder = "db/migrations"
    up = (
        "-- migrate:up\nALTER TABLE rate_limits ADD COLUMN tpm_limit INT NOT NULL;\n"
        "DROP TABLE rate_limits;\nCREATE TABLE rate_limits (id int, tpm_limit INT NOT NULL);\n"
        "-- migrate:down\nDROP TABLE rate_limits;\n"
    )
    files = {
        f"{folder}/20240101000000_init.sql": "-- migrate:up\nCREATE TABLE rate_limits (id int);\n"
        "-- migrate:down\nDROP TABLE rate_limits;\n",
        f"{folder}/20240606061822_token_limits.sql": up,
    }
    config = git_repo.migrations_config(folder, "dbmate", scope="all")
    git_repo.commit("all", {"deploy-readiness.yml": config, **files})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [(f.rule, f.line) for f in engine.check(ctx) if f.rule == "RG222"] == [("RG222", 2)]


def _knex(name: str, body: str) -> dict[str, str]:
    return {
        f"migrations/{name}.js": f"exports.up = function (knex) {{\n  return knex.schema.{body}\n}}"
        "\n\nexports.down = function (knex) {\n  return knex.schema.dropTable('x')\n}\n"
    }


def _many_tables(prefix: str = "2000") -> dict[str, str]:
    """More than one release's worth of files in one commit (twenty-one tables, named
    ``<prefix>NN_tNN``) and ``200099_t0-key``, a unique key on the first table."""
    files: dict[str, str] = {}
    for i in range(21):
        table = f"t{i}"
        files.update(_knex(f"{prefix}{i:02d}_{table}", f"createTable('{table}', (t) => {{}})"))
    files.update(_knex("200099_t0-key", "table('t0', (t) => {\n    t.unique(['code'])\n  })"))
    return files


def test_files_one_commit_adds_are_one_release(git_repo: Any) -> None:
    """central-ledger, openboxes, OpenELIS (round O): a feature's table and its indexes in
    two files of one commit ship together, so a key on that table is on a new one; so do
    the files of a later commit adding more than twenty (a branch squashed into one:
    ethernal's 34-migration pull request, round Y), while the folder's first commit, so
    large, is an imported history and no release. Nothing is grouped on a shallow clone,
    nor when one commit added every file (the bundled examples' start)."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    limit = "createTable('limit', (t) => {\n    t.increments('id')\n    t.string('code')\n  })"
    git_repo.commit(
        "limits",
        {
            "deploy-readiness.yml": config,
            **_knex("100100_limit", limit),
            **_knex("100101_limit-indexes", "table('limit', (t) => {\n  t.unique(['code'])\n})"),
        },
    )
    git_repo.commit(
        "later",
        _knex("100200_limit-more", "table('limit', (t) => {\n    t.unique(['x'])\n  })"),
    )
    imported = _many_tables()
    git_repo.commit("branch", imported)
    found = sorted(p for p, _ in _rg224(git_repo.root))
    assert found == ["migrations/100200_limit-more.js"]


@pytest.mark.parametrize("scaffold", [False, True])
def test_an_import_that_deleted_the_folder_s_scaffold_migration_is_one(
    git_repo: Any, scaffold: bool
) -> None:
    """gradcert (round CF): the folder's one scaffold migration (`create_things`) deleted
    by the commit that brought 439 of the real history: an import still, not a history
    moved in place (which deletes about as many files as it adds). Twenty RG224 were
    judged against a release whose only table was `things`."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    if scaffold:
        git_repo.commit(
            "scaffold",
            {
                "deploy-readiness.yml": config,
                "migrations/100000_things.rb": "class CreateThings < ActiveRecord::Migration\n"
                "  def change\n    create_table :things do |t|\n      t.string :name\n"
                "    end\n  end\nend\n",
            },
        )
        git_repo.git("rm", "-q", "migrations/100000_things.rb")
    git_repo.commit("import", {"deploy-readiness.yml": config, **_many_tables()})
    key = "table('t1', (t) => {\n    t.unique(['code'])\n  })"
    git_repo.commit("later", _knex("300000_t1-key", key))
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [(f.rule, f.path) for f in engine.check(ctx) if f.rule == "RG224"]
    assert found == [("RG224", "migrations/300000_t1-key.js")]


@pytest.mark.parametrize("dump", [False, True])
def test_a_folder_s_first_commit_adding_many_files_is_an_import(git_repo: Any, dump: bool) -> None:
    """LiteFarm's and Autolab's histories came in with their repositories' first commits
    (round Y), as corda's Enterprise changelogs (round AK), wanderer's and usertour's
    (round AG), and thunderdome's files that replaced its schema.sql (round AK): no
    release of this repository ran them against an older schema, so their N−1 findings
    are left out, and a note says how many. A later file's stay."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    if dump:
        git_repo.commit(
            "schema", {"deploy-readiness.yml": config, "schema.sql": "CREATE TABLE t0 (id int);\n"}
        )
        git_repo.git("rm", "-q", "schema.sql")
    imported = {"deploy-readiness.yml": config, **_many_tables()}
    git_repo.commit("import", imported)
    key = "table('t1', (t) => {\n    t.unique(['code'])\n  })"
    git_repo.commit("later", _knex("300000_t1-key", key))
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [(f.rule, f.path) for f in engine.check(ctx) if f.rule == "RG224"]
    assert found == [("RG224", "migrations/300000_t1-key.js")]
    assert any("1 RG220-RG224 finding(s) not reported" in n and "came into migrations with"
               in n for n in ctx.notes), ctx.notes  # fmt: skip


def test_an_import_after_the_last_tag_an_audit_falls_back_to_is_still_one(git_repo: Any) -> None:
    """OpenHands (round BW: two): its enterprise history, 74 migrations, came in with one
    commit long after the last tag an audit of the main line falls back to as its base. Its
    files are added by the change, but only those of the commit right after the tag are the
    change's own release: the import is still no release of this repository."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    git_repo.commit("start", {"deploy-readiness.yml": config, "README.md": "x\n"})
    git_repo.git("tag", "v1")
    git_repo.commit("after the tag", {"README.md": "y\n"})
    git_repo.commit("import", _many_tables())
    key = "table('t1', (t) => {\n    t.unique(['code'])\n  })"
    git_repo.commit("later", _knex("300000_t1-key", key))
    git_repo.commit("head", {"README.md": "z\n"})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert ctx.diff is not None and ctx.diff.how.startswith("last tag")
    found = [(f.rule, f.path) for f in engine.check(ctx) if f.rule == "RG224"]
    assert found == [("RG224", "migrations/300000_t1-key.js")]


@pytest.mark.parametrize("with_history", [True, False])
def test_a_repository_merged_in_with_its_history_brings_its_releases(
    git_repo: Any, with_history: bool
) -> None:
    """Obojobo (round BJ: three misses): obojobo-express merged in with its history under
    packages/, then moved by a branch's commit. The merged repository's own commits added
    its migrations one release at a time, and its releases ran them: no import. One commit
    adding them all over there is an import still."""
    git_repo.commit("start", {"README.md": "x\n"})
    git_repo.git("checkout", "-q", "--orphan", "other")
    git_repo.git("rm", "-rq", "--cached", ".")
    (git_repo.root / "README.md").unlink()
    tables, key = _many_tables(), "migrations/200099_t0-key.js"
    if with_history:
        git_repo.commit("tables", {p: t for p, t in tables.items() if p != key})
        git_repo.commit("key", {key: tables[key]})
    else:
        git_repo.commit("all", tables)
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "-s", "ours", "--no-commit", "--allow-unrelated-histories", "other")
    git_repo.git("read-tree", "--prefix=pkg/express/", "-u", "other")
    git_repo.git("commit", "-q", "-m", "Merging other")
    git_repo.git("checkout", "-q", "-b", "feat")
    (git_repo.root / "pkg/app").mkdir()
    git_repo.git("mv", "pkg/express", "pkg/app/express")
    git_repo.git("commit", "-q", "-m", "move")
    git_repo.git("checkout", "-q", "main")
    git_repo.git("merge", "-q", "--no-ff", "feat", "-m", "Merge feat")
    config = git_repo.migrations_config("pkg/app/express/migrations", "knex", scope="all")
    later = {
        f"pkg/app/express/{p}": t for p, t in _knex("300000_t99", "createTable('t99')").items()
    }
    git_repo.commit("later", {"deploy-readiness.yml": config, **later})
    found = [p for p, _ in _rg224(git_repo.root)]
    assert found == (["pkg/app/express/migrations/200099_t0-key.js"] if with_history else [])


def test_an_imported_file_edited_since_the_base_is_still_the_import_s(git_repo: Any) -> None:
    """academico (round AW): the first commit's files, one of them edited after the last
    tag the run takes as its base: changed since the base, it was still no release of this
    repository that first ran it (the edit is RG204's question)."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    git_repo.commit("import", {"deploy-readiness.yml": config, **_many_tables()})
    git_repo.git("tag", "v1")
    key = "table('t0', (t) => {\n    t.unique(['code'])\n  })\n// tidied\n"
    git_repo.commit("edit", _knex("200099_t0-key", key))
    git_repo.commit("later", {"README.md": "x\n"})
    ctx = prepare(CheckOptions(repo=git_repo.root, base="v1"))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG224"] == []


def test_a_commit_adding_every_migration_is_no_release(git_repo: Any) -> None:
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    limit = "createTable('limit', (t) => {\n    t.increments('id')\n    t.string('code')\n  })"
    git_repo.commit(
        "start",
        {
            "deploy-readiness.yml": config,
            **_knex("100100_limit", limit),
            **_knex("100101_limit-key", "table('limit', (t) => {\n  t.unique(['code'])\n})"),
        },
    )
    assert [p for p, _ in _rg224(git_repo.root)] == ["migrations/100101_limit-key.js"]


def test_a_new_folder_beside_older_ones_is_one_release(
    git_repo: Any,
) -> None:
    """karrot (round T): a Django app added with its first migrations, in a project whose
    other apps had migrations before, is new: its tables are the release's. One commit
    adding every folder at once stays the project's start (no release)."""
    config = (
        "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n"
        "  - {path: old/migrations, framework: knex, scope: all}\n"
        "  - {path: new/migrations, framework: knex, scope: all}\n"
    )
    limit = "createTable('limit', (t) => {\n    t.increments('id')\n    t.string('code')\n  })"
    key = "table('limit', (t) => {\n  t.unique(['code'])\n})"

    def knex(folder: str, name: str, body: str) -> dict[str, str]:
        return {f"{folder}/{k.split('/', 1)[1]}": v for k, v in _knex(name, body).items()}

    start = {**knex("old/migrations", "1_other", "createTable('other', (t) => {})")}
    _commit_at(git_repo, "2024-01-01T00:00:00Z", {"deploy-readiness.yml": config, **start})
    app = {**knex("new/migrations", "1_limit", limit), **knex("new/migrations", "2_key", key)}
    _commit_at(git_repo, "2024-02-01T00:00:00Z", app)
    assert _rg224(git_repo.root) == []


def _commit_at(git_repo: Any, when: str, files: dict[str, str]) -> None:
    """Commit ``files`` with author and committer time ``when`` (the fixture gives every
    commit the same time)."""
    git_repo.write(files)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME="T", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="T",
        GIT_COMMITTER_EMAIL="t@example.invalid", GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_DATE=when, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1",
    )  # fmt: skip
    for args in (["add", "-A"], ["commit", "-qm", when]):
        subprocess.run(["git", *args], cwd=git_repo.root, env=env, check=True)


def test_a_shallow_clone_groups_nothing_by_commit(git_repo: Any, tmp_path: Any) -> None:
    """Its one commit seems to add every file: no release is read from it."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    limit = "createTable('limit', (t) => {\n    t.increments('id')\n    t.string('code')\n  })"
    git_repo.commit("base", {"deploy-readiness.yml": config, **_knex("100100_limit", limit)})
    git_repo.commit(
        "key", _knex("100101_limit-key", "table('limit', (t) => {\n    t.unique(['code'])\n  })")
    )
    shallow = tmp_path / "shallow"
    git_repo.git("clone", "-q", "--depth", "1", f"file://{git_repo.root}", str(shallow))
    assert [p for p, _ in _rg224(shallow)] == ["migrations/100101_limit-key.js"]


def test_a_table_of_another_schema_is_another_table(git_repo: Any) -> None:
    """indico 1b7e98f581bc (round L): one commit creates ``users.tokens`` (Alembic's
    ``schema=``) and makes ``oauth.tokens.scopes`` NOT NULL: that one is no new table."""
    versions = "alembic/versions"

    def revision(rev: str, parent: str, body: str) -> dict[str, str]:
        return {
            f"{versions}/{rev}_step.py": f"revision = {rev!r}\ndown_revision = {parent!r}\n\n\n"
            f"def upgrade():\n{body}\n\ndef downgrade():\n    op.execute('SELECT 1')\n"
        }

    config = git_repo.migrations_config(versions, "alembic", scope="all")
    git_repo.commit("start", {"deploy-readiness.yml": config, **revision("a1", "", "    pass\n")})
    git_repo.commit(
        "tokens",
        {
            **revision(
                "b2", "a1",
                "    op.create_table('tokens', sa.Column('scopes', sa.Text()), schema='users')\n",
            ),
            **revision(
                "c3", "b2",
                "    op.alter_column('tokens', 'scopes', nullable=False, schema='oauth')\n"
                "    op.alter_column('tokens', 'name', nullable=False, schema='users')\n",
            ),
        },
    )  # fmt: skip
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule == "RG222"]
    assert [o.key.split(":")[2] for f in found for o in (f, *f.related)] == ["oauth.tokens.scopes"]


def test_files_a_commit_moved_are_no_release(git_repo: Any) -> None:
    """FitTrackee (round K): a folder moved shows as its files added here (git may not
    see the renames), and deleted elsewhere under the same names: no release."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    limit = "createTable('limit', (t) => {\n    t.increments('id')\n    t.string('code')\n  })"
    key = "table('limit', (t) => {\n  t.unique(['code'])\n})"
    old = {
        f"old/{k}": v
        for k, v in {**_knex("100100_limit", limit), **_knex("100101_key", key)}.items()
    }
    git_repo.commit_each({"deploy-readiness.yml": config, **old})
    git_repo.commit_each(_knex("100200_other", "createTable('other', (t) => {})"))
    for path in old:
        (git_repo.root / path).unlink()
    git_repo.commit("move", {f"{k[4:]}": v + "\n// moved\n" * 40 for k, v in old.items()})
    assert [p for p, _ in _rg224(git_repo.root)] == ["migrations/100101_key.js"]


def test_files_a_release_wrote_before_a_folder_moved_stay_one_release(git_repo: Any) -> None:
    """karrot (round T): the package renamed from ``foodsaving`` to ``karrot``; the table
    and its key, written by one commit before the move, are still one release."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    limit = "createTable('limit', (t) => {\n    t.increments('id')\n    t.string('code')\n  })"
    key = "table('limit', (t) => {\n  t.unique(['code'])\n})"
    old = {
        f"old/{k}": v
        for k, v in {**_knex("100100_limit", limit), **_knex("100101_key", key)}.items()
    }
    other = {
        f"old/{k}": v
        for i in range(21)
        for k, v in _knex(f"1002{i:02d}_o{i}", f"createTable('o{i}', (t) => {{}})").items()
    }  # (a package moved moves many files at once)
    git_repo.commit("feature", {"deploy-readiness.yml": config, **old})
    git_repo.commit("other", other)
    for path in [*old, *other]:
        (git_repo.root / path).unlink()
    moved = {k[4:]: v + "\n// moved\n" * 40 for k, v in {**old, **other}.items()}
    git_repo.commit("move", moved)
    assert _rg224(git_repo.root) == []


def _under(folder: str) -> Callable[[str], str]:
    return lambda path: f"{folder}/{path}"


def _as_ts(path: str) -> str:
    return path.removesuffix(".js") + ".ts"


@pytest.mark.parametrize(
    "places",
    [
        [_under("old")],  # a few files moved (isomercms' database/ → src/database/)
        [_under("older"), _under("old")],  # moved twice (linkwarden)
        [_as_ts],  # rewritten in another language beside itself (misskey's .ts → .js)
    ],
)
def test_a_release_stays_one_after_its_files_moved(
    git_repo: Any, places: list[Callable[[str], str]]
) -> None:
    """isomercms, linkwarden, misskey (round U): a table and the key on it, written by one
    commit, then moved by commits that add fewer files than an imported history does.
    ``places`` are where the files were before they reached ``migrations/``."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    limit = "createTable('limit', (t) => {\n    t.increments('id')\n    t.string('code')\n  })"
    key = "table('limit', (t) => {\n  t.unique(['code'])\n})"
    files = {
        **_knex("100100_limit", limit),
        **_knex("100101_key", key),
        **_knex("100102_other", "createTable('other', (t) => {})"),
    }
    stages = [*places, str]  # the last: where they are now
    first = {stages[0](k): v for k, v in files.items()}
    git_repo.commit("feature", {"deploy-readiness.yml": config, **first})
    git_repo.commit_each(_knex("100200_later", "createTable('later', (t) => {})"))
    for step, (was, now) in enumerate(itertools.pairwise(stages)):
        for k in files:
            (git_repo.root / was(k)).unlink()
        git_repo.commit(
            f"move {step}", {now(k): v + f"\n// {step}\n" * 40 for k, v in files.items()}
        )
    assert _rg224(git_repo.root) == []


def test_a_release_renamed_in_place_then_moved_stays_one(git_repo: Any) -> None:
    """obico-server (round AX): ``0003_auto_…0551`` renamed ``0003_auto_…1354`` in
    ``web/app/migrations``, then the folder moved to ``backend/``: followed back through
    the move and the rename, the key and its table are still one commit's release."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    limit = "createTable('limit', (t) => {\n    t.increments('id')\n    t.string('code')\n  })"
    key = "table('limit', (t) => {\n  t.unique(['code'])\n})"
    files = {
        **_knex("100100_limit", limit),
        **_knex("100101_key", key),
        **_knex("100102_other", "createTable('other', (t) => {})"),
    }
    git_repo.commit(
        "feature", {"deploy-readiness.yml": config, **{f"old/{k}": v for k, v in files.items()}}
    )
    git_repo.commit_each(_knex("100200_later", "createTable('later', (t) => {})"))
    git_repo.git("mv", "old/migrations/100101_key.js", "old/migrations/100301_key.js")
    git_repo.commit("rename")
    now = {k.replace("100101", "100301"): v for k, v in files.items()}
    for k in now:
        (git_repo.root / "old" / k).unlink()
    git_repo.commit("move", {k: v + "\n// moved\n" * 40 for k, v in now.items()})
    assert _rg224(git_repo.root) == []


def test_a_commit_that_renamed_files_before_they_moved_is_no_release(git_repo: Any) -> None:
    """prefect (round S): its ``d9d98a9ebb6f_…`` files were renamed in place (timestamps
    put before them), then moved twice; the renaming commit, reached by following the
    moves back, is no release: it deleted the files' first names beside them."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    limit = "createTable('limit', (t) => {\n    t.increments('id')\n    t.string('code')\n  })"
    key = "table('limit', (t) => {\n  t.unique(['code'])\n})"
    first = {f"old/{k}": v for k, v in _knex("100100_limit", limit).items()}
    second = {f"old/{k}": v for k, v in _knex("100101_key", key).items()}
    git_repo.commit("limit", {"deploy-readiness.yml": config, **first})
    git_repo.commit("key", second)
    renamed = {}
    for path, text in {**first, **second}.items():
        (git_repo.root / path).unlink()
        folder, name = path.rsplit("/", 1)
        renamed[f"{folder}/2022_{name}"] = text + "\n// renamed\n" * 40
    git_repo.commit("rename", renamed)
    later = {f"old/{k}": v for k, v in _knex("100200_later", "createTable('l', (t) => {})").items()}
    git_repo.commit("later", later)
    renamed.update(later)
    for path in renamed:
        (git_repo.root / path).unlink()
    git_repo.commit("move", {k[4:]: v + "\n// moved\n" * 40 for k, v in renamed.items()})
    assert [p for p, _ in _rg224(git_repo.root)] == ["migrations/2022_100101_key.js"]


def test_a_release_moved_on_a_merged_branch_stays_one(git_repo: Any) -> None:
    """cherrypick (round U): Misskey added ``migration/*.ts`` and later rewrote them as
    ``packages/backend/migration/*.js``; merged into a branch that never had the old folder,
    git's default history simplification hides the commits that added the old files."""
    limit = "createTable('limit', (t) => {\n    t.increments('id')\n    t.string('code')\n  })"
    key = "table('limit', (t) => {\n  t.unique(['code'])\n})"
    files = {
        **_knex("100100_limit", limit),
        **_knex("100101_key", key),
        **_knex("100102_other", "createTable('other', (t) => {})"),
    }
    old = {f"upstream/{k[:-3]}.ts": v for k, v in files.items()}
    config = git_repo.migrations_config("packages/migrations", "knex", scope="all")
    git_repo.commit("start", {"deploy-readiness.yml": config})
    git_repo.git("checkout", "-q", "-b", "upstream")
    git_repo.commit("feature", old)
    git_repo.commit_each(
        {f"upstream/{k}": v for k, v in _knex("100200_later", "createTable('l')").items()}
    )
    for path in [*old, "upstream/migrations/100200_later.js"]:
        (git_repo.root / path).unlink()
    moved = {f"packages/{k}": v + "\n// rewritten\n" * 40 for k, v in files.items()}
    moved["packages/migrations/100200_later.js"] = "exports.up = () => {}\n" + "// x\n" * 40
    git_repo.commit("refactoring", moved)
    git_repo.git("checkout", "-q", "main")
    git_repo.commit("fork's own work", {"README.md": "fork\n"})
    git_repo.git("merge", "-q", "--no-ff", "-m", "merge upstream", "upstream")
    assert _rg224(git_repo.root) == []


def test_the_down_file_of_a_release_creates_nothing_it_ships(git_repo: Any) -> None:
    """lightninglabs/loop (round O): a down file added with its up file (one commit) may
    create the table the up file changes; it runs on a rollback only, never on deploy."""
    config = git_repo.migrations_config(GO, "golang-migrate", scope="all")
    git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{GO}/000001_init.up.sql": "CREATE TABLE sweeps (id int);\n",
            f"{GO}/000001_init.down.sql": "DROP TABLE sweeps;\n",
        }
    )
    git_repo.commit(
        "batches",
        {
            f"{GO}/000002_batches.up.sql": "ALTER TABLE sweeps ADD COLUMN o text NOT NULL;\n",
            f"{GO}/000002_batches.down.sql": "DROP TABLE sweeps;\nCREATE TABLE sweeps (id int);\n",
        },
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG222"] == [
        f"{GO}/000002_batches.up.sql"
    ]


@pytest.mark.parametrize(
    ("path", "undone"),
    [
        ("db/migrations/000002_x.down.sql", True),
        ("db/migration/U2__x.sql", True),
        ("migrations/sqls/20181207115121-drop-verified-down.sql", True),  # db-migrate
        ("migrations/sqls/20181207115121-drop-verified-up.sql", False),
        ("db/migration/V3__slow-down.sql", False),  # a name, outside db-migrate's sqls/
    ],
)
def test_down_files_are_told_by_their_names(path: str, undone: bool) -> None:
    assert undo(path) is undone


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("m/20211004_pk.cockroach.up.sql", "m/20211004_pk.up.sql", True),  # hydra
        ("m/20211004_pk.sqlite.up.sql", "m/20211004_pk.postgres.down.sql", True),
        ("db/h2/V6.0_2015__x.sql", "db/postgres/V6.0_2015__x.sql", True),  # DSpace
        ("db/postgres/V6.0_2015__x.sql", "db/postgres/V6.0_2016__y.sql", False),
        ("p/20230829_a/migration.sql", "p/20230830_b/migration.sql", False),  # Prisma
    ],
)
def test_another_databases_variant_is_the_same_migration(a: str, b: str, same: bool) -> None:
    assert (unwritten._migration(a) == unwritten._migration(b)) is same


def test_a_table_rebuilt_in_place_is_not_new_to_the_release(git_repo: Any) -> None:
    """A file of the commit drops and creates a table again (a rebuild, SQLite's way):
    the table was there for the previous release, so a key another file of the commit
    adds to it is a break."""
    config = git_repo.migrations_config(GO, "golang-migrate", scope="all")
    git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{GO}/000001_init.up.sql": "CREATE TABLE t (id int, code text);\n",
            f"{GO}/000001_init.down.sql": "DROP TABLE t;\n",
        }
    )
    git_repo.commit(
        "rebuild and key",
        {
            f"{GO}/000002_rebuild.up.sql": "DROP TABLE t;\nCREATE TABLE t (id int, code text);\n",
            f"{GO}/000002_rebuild.down.sql": "SELECT 1;\n",
            f"{GO}/000003_key.up.sql": "ALTER TABLE t ADD CONSTRAINT t_code UNIQUE (code);\n",
            f"{GO}/000003_key.down.sql": "ALTER TABLE t DROP CONSTRAINT t_code;\n",
        },
    )
    assert [p for p, _ in _rg224(git_repo.root)] == [f"{GO}/000003_key.up.sql"]


def _rails(name: str, body: str) -> dict[str, str]:
    cls = "".join(w.title() for w in name.split("_")[1:])
    return {
        f"db/migrate/{name}.rb": f"class {cls} < ActiveRecord::Migration[7.2]\n"
        f"  def change\n{body}  end\nend\n"
    }


def test_files_one_commit_adds_are_one_release_whatever_their_timestamps(git_repo: Any) -> None:
    """maybe (round R): a Rails file's timestamp names a release of that one file, but
    the commit that added it with six others is the release: ``api_keys`` created by one
    of them is new to the previous release when another adds a required column, and a
    column one of them added is renamed by another before any release knew it."""
    config = git_repo.migrations_config("db/migrate", "rails", scope="all")
    git_repo.commit(
        "base",
        {
            "deploy-readiness.yml": config,
            **_rails("20240101000000_create_families", "    create_table :families do |t|\n"
                     "      t.datetime :last_synced_at\n    end\n"),
        },
    )  # fmt: skip
    git_repo.commit(
        "feature",
        {
            **_rails("20241106193743_add_auto_sync",
                     "    add_column :families, :last_auto_synced_at, :datetime\n"),
            **_rails("20241114164118_rename_auto_sync",
                     "    rename_column :families, :last_auto_synced_at, :auto_synced_at\n"),
            **_rails("20250612150749_create_api_keys",
                     "    create_table :api_keys do |t|\n      t.string :name\n    end\n"),
            **_rails("20250613100842_add_display_key",
                     "    add_column :api_keys, :display_key, :string, null: false\n"),
        },
    )  # fmt: skip
    git_repo.commit(
        "later",
        {
            **_rails("20250701000000_add_owner",
                     "    add_column :api_keys, :owner, :string, null: false\n"
                     "    rename_column :families, :auto_synced_at, :synced_at\n"),
        },
    )  # fmt: skip
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = sorted(
        (f.rule, f.path or "") for f in engine.check(ctx) if f.rule in ("RG220", "RG222")
    )
    assert found == [
        ("RG220", "db/migrate/20250701000000_add_owner.rb"),
        ("RG222", "db/migrate/20250701000000_add_owner.rb"),
    ]


def test_a_column_renamed_then_added_again_by_a_later_file_of_the_release_is_a_rename(
    git_repo: Any,
) -> None:
    """publish-teacher-training (round BC): `site.address3` renamed to `town`, and the pull
    request's next migration adds an empty `address3`. The previous release reads blanks
    there and writes towns into it: the rename is a break, not a column the release added
    (only an earlier file's add would make it one)."""
    config = git_repo.migrations_config("db/migrate", "rails", scope="all")
    git_repo.commit(
        "base",
        {
            "deploy-readiness.yml": config,
            **_rails("20230101000000_create_sites",
                     "    create_table :sites do |t|\n      t.string :address3\n    end\n"),
        },
    )  # fmt: skip
    git_repo.commit(
        "feature",
        {
            **_rails("20230406225627_change_address3_to_town",
                     "    rename_column :sites, :address3, :town\n"),
            **_rails("20230411085021_add_address3_to_site",
                     "    add_column :sites, :address3, :text\n"),
        },
    )  # fmt: skip
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [(f.rule, f.path) for f in engine.check(ctx) if f.rule == "RG220"]
    assert found == [("RG220", "db/migrate/20230406225627_change_address3_to_town.rb")]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("m/1_a.rb", "add_column :families, :synced_at, :datetime\n"),
        ("m/1_a.py", 'op.add_column("families", sa.Column("synced_at", sa.DateTime()))\n'),
        ("m/1_a.js", "await queryInterface.addColumn('families', 'synced_at', {});\n"),
        ("m/1_a.ts", 'await q.addColumn("families", new TableColumn({ name: "synced_at" }));\n'),
        ("m/1_a.sql", "ALTER TABLE families ADD COLUMN synced_at timestamp;\n"),
    ],
)
def test_the_columns_a_release_adds_are_read_in_every_framework(
    git_repo: Any, path: str, text: str
) -> None:
    config = git_repo.migrations_config("m", "knex", scope="all")
    git_repo.commit("one", {"deploy-readiness.yml": config, path: text})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert unwritten._added(ctx, [path]) == {"families.synced_at"}


def _goose(name: str, up: str) -> dict[str, str]:
    return {f"{GO}/{name}.sql": f"-- +goose Up\n{up}\n-- +goose Down\nSELECT 1;\n"}


def _images(git_repo: Any) -> None:
    """A goose history of one table, ``images (id, url)``, judged under ``scope: all``."""
    config = git_repo.migrations_config(GO, "goose", scope="all")
    git_repo.commit(
        "base",
        {"deploy-readiness.yml": config,
         **_goose("20250101000000_init", "CREATE TABLE images (id int, url text);")},
    )  # fmt: skip


def test_the_migrations_one_commit_adds_are_read_as_one_release(git_repo: Any) -> None:
    """device-definitions-api (round R): one commit adds a nullable column in one file
    and a unique index over it in the next: the previous release writes only NULL there,
    which no unique key rejects. A key over an old column stays a break, and so does one
    over a column a commit of its own added."""
    _images(git_repo)
    git_repo.commit(
        "feature",
        {
            **_goose("20250430211700_images_hash", "ALTER TABLE images ADD COLUMN hash text;"),
            **_goose("20250430211755_images_index",
                     "CREATE UNIQUE INDEX images_hash ON images (hash);\n"
                     "CREATE UNIQUE INDEX images_url ON images (url);"),
        },
    )  # fmt: skip
    git_repo.commit(
        "later", _goose("20250501000000_images_size", "ALTER TABLE images ADD COLUMN size int;")
    )
    git_repo.commit(
        "key",
        _goose("20250502000000_size_key", "CREATE UNIQUE INDEX images_size ON images (size);"),
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [
        (o.path, o.line) for f in engine.check(ctx) if f.rule == "RG224" for o in (f, *f.related)
    ]
    assert sorted(found) == [
        (f"{GO}/20250430211755_images_index.sql", 3),
        (f"{GO}/20250502000000_size_key.sql", 2),
    ]


def test_a_commit_that_renamed_a_migration_beside_them_is_no_release(git_repo: Any) -> None:
    """mealie (round R): a commit gives ``0341b154f79a_.py`` a name and adds a revision;
    git without rename detection shows both added, but the renamed one shipped long ago:
    the new revision's keys over the columns it added are keys over old columns."""
    config = git_repo.migrations_config(GO, "goose", scope="all")
    git_repo.commit(
        "base",
        {"deploy-readiness.yml": config,
         **_goose("20250101000000_init", "CREATE TABLE foods (id int, name text);")},
    )  # fmt: skip
    git_repo.commit("norm", _goose("20250201000000_", "ALTER TABLE foods ADD COLUMN norm text;"))
    git_repo.git("mv", f"{GO}/20250201000000_.sql", f"{GO}/20250201000000_normalized.sql")
    git_repo.commit(
        "rename and keys", _goose("20250301000000_keys", "CREATE UNIQUE INDEX f ON foods (norm);")
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f.path for f in engine.check(ctx) if f.rule == "RG224"]
    assert found == [f"{GO}/20250301000000_keys.sql"]


def test_a_commit_that_renamed_one_file_and_added_more_is_a_release_of_those(
    git_repo: Any,
) -> None:
    """taskcafe's eaffaa7 (round CD): two files renamed (``0012-…`` → ``0012_…``) and
    eight new ones added, among them a table (0037) and the key a later file of the same
    commit draws on it (0040). Added more than renamed, the commit is a release of its new
    files: the table is new to the previous release. Renaming as many as it adds (mealie,
    above), it is none."""
    config = git_repo.migrations_config(GO, "goose", scope="all")
    git_repo.commit(
        "base",
        {"deploy-readiness.yml": config,
         **_goose("20250101000000_init", "CREATE TABLE foods (id int, name text);"),
         **_goose("20250201000000-norm", "ALTER TABLE foods ADD COLUMN norm text;")},
    )  # fmt: skip
    git_repo.git("mv", f"{GO}/20250201000000-norm.sql", f"{GO}/20250201000000_norm.sql")
    git_repo.commit(
        "rename and more",
        {**_goose("20250301000000_members", "CREATE TABLE members (a int, b int);"),
         **_goose("20250301000003_members_key", "ALTER TABLE members ADD UNIQUE (a, b);")},
    )  # fmt: skip
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG224"] == []


def test_a_release_renamed_later_is_still_the_commit_that_wrote_it(git_repo: Any) -> None:
    """sync-engine (round R): ``113_…`` to ``116_…`` written in one commit, renumbered
    ``114_…`` to ``117_…`` by a later one: the release is the first commit's."""
    _images(git_repo)
    git_repo.commit(
        "feature",
        {
            **_goose("20250201000000_hash", "ALTER TABLE images ADD COLUMN hash text;"),
            **_goose("20250201000001_key", "CREATE UNIQUE INDEX images_hash ON images (hash);"),
        },
    )
    for old, new in (("20250201000001_key", "20250301000001_key"),
                     ("20250201000000_hash", "20250301000000_hash")):  # fmt: skip
        git_repo.git("mv", f"{GO}/{old}.sql", f"{GO}/{new}.sql")
    git_repo.commit("renumber")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG224"] == []


def test_a_commit_moving_a_history_here_is_no_release(git_repo: Any) -> None:
    """amplication (round S): a later commit added its whole prisma history to a new
    package, deleting it where it was: no branch squashed into one, but a move."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    git_repo.commit(
        "start",
        {"deploy-readiness.yml": config, **_knex("100000_first", "createTable('a', (t) => {})")},
    )
    legacy = {}
    for i in range(21):
        legacy.update({f"legacy/{i:03d}_t{i}.sql": f"CREATE TABLE t{i} (id int);\n"})
    git_repo.commit("legacy", legacy)
    moved = _many_tables()
    for i in range(21):
        git_repo.git("rm", "-q", f"legacy/{i:03d}_t{i}.sql")
    git_repo.commit("move", moved)
    assert [p for p, _ in _rg224(git_repo.root)] == ["migrations/200099_t0-key.js"]


def test_a_commit_bringing_back_a_squashed_history_is_no_release(git_repo: Any) -> None:
    """vito (round T): "revert migration squash" added its 51 migrations back and deleted
    the schema dump that had replaced them: those migrations ran in earlier releases."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    git_repo.commit(
        "start",
        {
            "deploy-readiness.yml": config,
            # (named to sort first: the fixture's commits share one second, and the
            # folder's first commit is then the one that added its earliest-named file)
            **_knex("0000000_first", "createTable('a', (t) => {})"),
            "database/schema/sqlite-schema.sql": "CREATE TABLE t0 (id int);\n",
        },
    )
    back = _many_tables("0000")
    git_repo.git("rm", "-q", "database/schema/sqlite-schema.sql")
    git_repo.commit("revert squash", back)
    assert [p for p, _ in _rg224(git_repo.root)] == ["migrations/200099_t0-key.js"]


def test_a_squashed_branch_that_deleted_a_schema_test_folder_is_one_release(
    git_repo: Any,
) -> None:
    """edgehog (round AC): the squash of a 45-migration branch also deleted tests under
    ``backend/test/edgehog_web/schema/``, a GraphQL schema's tests and no schema dump:
    the table one of its files creates is new to the previous release. (The fixture's
    commits share one second, as a rebase's do: the folder's first commit is the one that
    added its earliest-named file.)"""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    git_repo.commit(
        "start",
        {
            "deploy-readiness.yml": config,
            **_knex("100000_first", "createTable('a', (t) => {})"),
            "test/web/schema/query_test.js": "test('q', () => {});\n",
        },
    )
    branch = _many_tables()
    git_repo.git("rm", "-q", "test/web/schema/query_test.js")
    git_repo.commit("squashed branch", branch)
    assert _rg224(git_repo.root) == []


def _asked_of_git(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """Every git command line run from here on (each still runs)."""
    from rollback_gate import repo as repo_module

    asked: list[tuple[str, ...]] = []
    real = repo_module.git

    def counting(cwd: Any, *args: str, **kw: Any) -> Any:
        asked.append(args)
        return real(cwd, *args, **kw)

    monkeypatch.setattr(repo_module, "git", counting)
    return asked


def test_what_commits_added_or_deleted_is_asked_of_git_once(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Several history judges ask about the same releases: git answers each commit once."""
    from rollback_gate import repo as repo_module

    first = git_repo.commit("one", {"a/1.sql": "SELECT 1;\n", "b/2.sql": "SELECT 2;\n"})
    (git_repo.root / "a/1.sql").unlink()
    second = git_repo.commit("two", {"a/3.sql": "SELECT 3;\n"})
    repo = repo_module.GitRepo(git_repo.root)
    asked = _asked_of_git(monkeypatch)
    assert repo.deleted_in([second]) == {second: {"a/1.sql"}}
    assert repo.deleted_in([first, second]) == {first: set(), second: {"a/1.sql"}}
    assert repo.deleted_in([second, first]) == {second: {"a/1.sql"}, first: set()}
    assert repo.added_in([first]) == {first: {"a/1.sql", "b/2.sql"}}
    shows = [a for a in asked if a[0] == "show"]
    assert [a[-1] for a in shows] == [second, first, first]  # each (status, commit) once


def test_what_a_commit_added_in_some_folders_is_asked_of_those_folders_only(
    git_repo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A judge that weighs one migration folder gets that folder's files: git neither diffs
    nor lists the 10,000 other files the commit added (a 20 MB git at the run's peak)."""
    from rollback_gate import repo as repo_module

    files = {f"src/{n}.py": "x = 1\n" for n in range(3)}
    first = git_repo.commit("one", {**files, "db/1.sql": "SELECT 1;\n", "db/x/2.sql": "-- 2\n"})
    (git_repo.root / "db/1.sql").unlink()
    (git_repo.root / "src/0.py").unlink()
    second = git_repo.commit("two", {"db/3.sql": "SELECT 3;\n"})
    repo = repo_module.GitRepo(git_repo.root)
    asked = _asked_of_git(monkeypatch)
    assert repo.added_in([first], ["db"]) == {first: {"db/1.sql", "db/x/2.sql"}}
    assert repo.deleted_in([second], ["db/"]) == {second: {"db/1.sql"}}
    assert repo.deleted_in([second]) == {second: {"db/1.sql", "src/0.py"}}
    assert repo.added_in([first], ["db"]) == {first: {"db/1.sql", "db/x/2.sql"}}  # asked once
    shows = [a for a in asked if a[0] == "show"]
    assert [a[a.index(c) + 1 :] for a, c in zip(shows, (first, second, second), strict=True)] == [
        ("--", ":(top)db"),
        ("--", ":(top)db"),
        (),
    ]


_BRANCH_FILES = {
    "db/migrations/000002_create_blocks.up.sql": (
        "CREATE TABLE user_blocks (id bigint PRIMARY KEY, moderator bigint, ends timestamp);\n"
    ),
    "db/migrations/000002_create_blocks.down.sql": "DROP TABLE user_blocks;\n",
    "db/migrations/000003_alter_blocks.up.sql": (
        "ALTER TABLE user_blocks RENAME COLUMN moderator TO moderator_id;\n"
    ),
    "db/migrations/000003_alter_blocks.down.sql": (
        "ALTER TABLE user_blocks RENAME COLUMN moderator_id TO moderator;\n"
    ),
}


def _start_main(git_repo: Any) -> str:
    """The config and a first migration, committed on the main line; its branch's name."""
    config = git_repo.migrations_config("db/migrations", "golang-migrate", scope="all")
    git_repo.commit("start", {
        "deploy-readiness.yml": config,
        "db/migrations/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n",
        "db/migrations/000001_users.down.sql": "DROP TABLE users;\n",
    })  # fmt: skip
    return str(git_repo.git("rev-parse", "--abbrev-ref", "HEAD").strip())


def _branch_history(
    git_repo: Any, merge_message: str | None, moved_to: str | None = None
) -> list[str]:
    """main: the config and a first migration; a branch adds the table and, in a second
    commit, renames its column; merged with ``merge_message`` (None: the branch's commits
    made on main itself), then the folder moved to ``moved_to``. The RG220 findings of a
    ``scope: all`` check."""
    main = _start_main(git_repo)
    if merge_message is not None:
        git_repo.git("checkout", "-q", "-b", "feature")
    files = list(_BRANCH_FILES.items())
    git_repo.commit("create blocks", dict(files[:2]))
    git_repo.commit("alter blocks", dict(files[2:]))
    if merge_message is not None:
        git_repo.git("checkout", "-q", main)
        git_repo.commit("unrelated", {"README.md": "hello\n"})
        git_repo.git("merge", "-q", "--no-ff", "-m", merge_message, "feature")
    if moved_to is not None:
        (git_repo.root / moved_to).parent.mkdir(parents=True, exist_ok=True)
        git_repo.git("mv", "db/migrations", moved_to)
        config = git_repo.migrations_config(moved_to, "golang-migrate", scope="all")
        git_repo.commit("move the migrations", {"deploy-readiness.yml": config})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    return sorted(f.path or "" for f in engine.check(ctx) if f.rule == "RG220")


def test_a_branch_merged_to_the_main_line_is_one_release(git_repo: Any) -> None:
    """openstreetmap (round AA): the table a feature branch creates and the column it then
    renames reach the main line in one merge, which is the release; the previous release
    never knew the table."""
    assert _branch_history(git_repo, "Merge pull request #7 from o/feature") == []


def test_a_branch_merged_to_the_main_line_is_one_release_after_its_folder_moved(
    git_repo: Any,
) -> None:
    """tamanu (round AG): the merge brought the table and the rename under the folder's
    old name; the folder moved since."""
    assert _branch_history(git_repo, "Merge pull request #7", "packages/db/migrations") == []


def test_a_migration_the_merge_itself_adds_ships_with_it(git_repo: Any) -> None:
    """akvo-rsr (round AI): the merge that took the main line into the branch renumbered
    a migration, so git's log shows no commit adding it (a merge's own additions show
    only diffed with -m); the branch's merge to the main line shipped it with the rest."""
    main = _start_main(git_repo)
    git_repo.git("checkout", "-q", "-b", "feature")
    files = list(_BRANCH_FILES.items())
    git_repo.commit("create blocks", dict(files[:2]))
    git_repo.git("checkout", "-q", main)
    git_repo.commit("unrelated", {"README.md": "hello\n"})
    git_repo.git("checkout", "-q", "feature")
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", main)
    git_repo.write(dict(files[2:]))
    git_repo.git("add", "-A")
    git_repo.git("commit", "-q", "-m", f"Merge branch '{main}' into feature")
    git_repo.git("checkout", "-q", main)
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #7", "feature")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG220"] == []


def test_a_merge_that_itself_adds_a_whole_history_is_no_release(git_repo: Any) -> None:
    """The same, with the merge bringing more than twenty migrations of its own: an
    imported history, judged migration by migration (expertiza's hidden 2012 history)."""
    main = _start_main(git_repo)
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.commit("readme", {"README.md": "hello\n"})
    git_repo.git("checkout", "-q", main)
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "feature")
    filler = {f"db/migrations/{n:06d}_filler.up.sql": "SELECT 1;\n" for n in range(10, 31)} | {
        f"db/migrations/{n:06d}_filler.down.sql": "SELECT 1;\n" for n in range(10, 31)
    }
    git_repo.write({**_BRANCH_FILES, **filler})
    git_repo.git("add", "-A")
    git_repo.git("commit", "-q", "-m", "Merge pull request #7")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG220"] == [
        "db/migrations/000003_alter_blocks.up.sql"
    ]


def test_the_same_commits_on_the_main_line_are_two_releases(git_repo: Any) -> None:
    assert _branch_history(git_repo, None) == ["db/migrations/000003_alter_blocks.up.sql"]


def test_a_pull_of_the_main_line_into_itself_is_no_release(git_repo: Any) -> None:
    """civitai (round AA): ``git pull`` on main made "Merge remote-tracking branch
    'origin/main'" the main line's commit, its second parent every commit others pushed:
    those stay releases of their own."""
    message = "Merge remote-tracking branch 'origin/main'"
    assert _branch_history(git_repo, message) == ["db/migrations/000003_alter_blocks.up.sql"]


def test_a_pull_request_merged_on_the_pulled_main_line_is_one_release(git_repo: Any) -> None:
    """bluebottle (round AS): a stale local main pulled in nine months of the main line
    ("Merge branch 'master' of github.com:…"); on that line, a pull request's merge
    brought the table and its column's rename: one release, no RG220."""
    main = _start_main(git_repo)
    git_repo.git("checkout", "-q", "-b", "upstream")
    git_repo.git("checkout", "-q", "-b", "feature")
    files = list(_BRANCH_FILES.items())
    git_repo.commit("create blocks", dict(files[:2]))
    git_repo.commit("alter blocks", dict(files[2:]))
    git_repo.git("checkout", "-q", "upstream")
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #1 from x/feature", "feature")
    git_repo.git("checkout", "-q", main)
    git_repo.commit("local work", {"README.md": "hello\n"})
    pull = f"Merge branch '{main}' of github.com:x/y"
    git_repo.git("merge", "-q", "--no-ff", "-m", pull, "upstream")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG220"] == []


def test_files_a_branch_s_merge_itself_added_ship_with_the_branch(git_repo: Any) -> None:
    """plusfraichemaville (round CO): a feature branch's merge of the main line added the
    table's migration itself (an "evil merge": new against both parents, which a plain
    ``git log`` does not show), a later commit of the branch altered the table, and the
    pull request reached HEAD's line through a pull of the main line. Both ship with the
    pull request's merge: one release, no RG220."""
    main = _start_main(git_repo)
    git_repo.git("checkout", "-q", "-b", "upstream")
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.commit("feature work", {"README.md": "blocks\n"})
    git_repo.git("checkout", "-q", "upstream")
    git_repo.commit("upstream work", {"NOTES.md": "notes\n"})
    git_repo.git("checkout", "-q", "feature")
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "upstream")
    files = list(_BRANCH_FILES.items())
    git_repo.commit("wip", dict(files[:2]))  # (commits the merge, with the table's files)
    git_repo.commit("alter blocks", dict(files[2:]))
    git_repo.git("checkout", "-q", "upstream")
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #1 from x/feature", "feature")
    git_repo.git("checkout", "-q", main)
    git_repo.commit("local work", {"LOCAL.md": "hello\n"})
    git_repo.git(
        "merge", "-q", "--no-ff", "-m", f"Merge branch '{main}' of github.com:x/y", "upstream"
    )
    wip = git_repo.git("log", "--format=%H", "--grep=^wip$", "--all").split()
    assert len(git_repo.git("rev-list", "--parents", "-n1", wip[0]).split()) == 3  # a merge
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG220"] == []


def test_commit_times_read_on_a_clone_missing_a_tree(git_repo: Any) -> None:
    """Flowise (round AB): its mirror, cut to a size, lacked a tree that `git show -s`
    reads, so asking every commit's time at once failed, and no release was grouped
    (sixteen false positives on tables one commit made). `git log --no-walk` reads none."""
    from rollback_gate.repo import GitRepo

    first = git_repo.commit("one", {"a.txt": "a\n", "d/b.txt": "b\n"})
    second = git_repo.commit("two", {"d/c.txt": "c\n"})
    tree = git_repo.git("rev-parse", f"{second}:d").strip()
    (git_repo.root / ".git" / "objects" / tree[:2] / tree[2:]).unlink()
    times = GitRepo(git_repo.root).commit_times([first, second])
    assert set(times) == {first, second}


def test_files_of_one_name_moved_are_told_apart_by_their_folder() -> None:
    """typebot (round AB): every Prisma migration is ``migration.sql``; a commit that moved
    them all was taken for the release that wrote each."""
    from rollback_gate.checks.history.unwritten import _moved_from

    new = "packages/prisma/postgresql/migrations"
    commits = {f"{new}/2022_a/migration.sql": "move", f"{new}/2022_b/migration.sql": "move"}
    names = {p: p for p in commits}
    deleted = {"move": {"packages/db/migrations/2022_a/migration.sql",
                        "packages/db/migrations/2022_b/migration.sql"}}  # fmt: skip
    assert _moved_from(commits, names, deleted) == {
        f"{new}/2022_a/migration.sql": "packages/db/migrations/2022_a/migration.sql",
        f"{new}/2022_b/migration.sql": "packages/db/migrations/2022_b/migration.sql",
    }


def test_one_file_of_both_steps_split_in_two_as_it_moved_keeps_its_first_name() -> None:
    """chirpstack-network-server (round CO): sql-migrate's ``migrations/0012_lorawan_11.sql``
    made golang-migrate's ``internal/storage/migrations/0012_lorawan_11.up.sql`` and
    ``.down.sql`` by one commit; the release that wrote it is the first name's."""
    from rollback_gate.checks.history.unwritten import _moved_from

    new = "internal/storage/migrations"
    commits = {f"{new}/0012_lorawan_11.{step}.sql": "convert" for step in ("up", "down")}
    commits[f"{new}/0013_more.up.sql"] = "convert"
    deleted = {"convert": {"migrations/0012_lorawan_11.sql", "migrations/0011_other.sql"}}
    assert _moved_from(commits, {p: p for p in commits}, deleted) == {
        f"{new}/0012_lorawan_11.up.sql": "migrations/0012_lorawan_11.sql",
        f"{new}/0012_lorawan_11.down.sql": "migrations/0012_lorawan_11.sql",
    }


def test_the_main_line_merged_into_a_branch_then_taken_is_no_release(git_repo: Any) -> None:
    """planningalerts (round AA, found by the regression run): "Merge branch 'master' into
    request-non-commercial-api-key", then the main line fast-forwarded to that branch: its
    first parents run through the branch, and the main line's own releases (47 migrations)
    came in as the merge's second parent; each stays a release of its own."""
    main = _start_main(git_repo)
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.commit("feature work", {"README.md": "api keys\n"})
    git_repo.git("checkout", "-q", main)
    files = list(_BRANCH_FILES.items())
    git_repo.commit("create blocks", dict(files[:2]))
    git_repo.commit("alter blocks", dict(files[2:]))
    git_repo.git("checkout", "-q", "feature")
    git_repo.git("merge", "-q", "--no-ff", "-m", f"Merge branch '{main}' into feature", main)
    git_repo.git("checkout", "-q", main)
    git_repo.git("merge", "-q", "--ff-only", "feature")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = sorted(f.path or "" for f in engine.check(ctx) if f.rule == "RG220")
    assert found == ["db/migrations/000003_alter_blocks.up.sql"]


def test_another_line_merged_into_head_s_branch_is_one_release(git_repo: Any) -> None:
    """cherrypick (round AA): a fork's "Merge remote-tracking branch 'upstream/master' into
    develop", develop being the branch checked out: the fork ships the upstream's
    migrations together, in that merge."""
    head = git_repo.git("symbolic-ref", "--short", "HEAD").strip()  # (no commit yet)
    message = f"Merge remote-tracking branch 'upstream/master' into {head}"
    assert _branch_history(git_repo, message) == []


def test_a_new_folder_s_large_first_commit_is_one_release(git_repo: Any) -> None:
    """Flowise (round AB): its MariaDB folder came with 23 files at once, a new database's
    whole history, while the other databases' folders had migrations before; a later file
    of that first commit altering a table an earlier one creates is no break."""
    pg, maria = "db/postgres", "db/mariadb"
    cfg = (
        "version: 1\nservice: api\nrollback: {strategy: manual}\nmigrations:\n"
        f"  - path: {pg}\n    framework: golang-migrate\n    scope: all\n"
        f"  - path: {maria}\n    framework: golang-migrate\n    scope: all\n"
    )
    _commit_at(git_repo, "2024-01-01T00:00:00Z", {
        "deploy-readiness.yml": cfg,
        f"{pg}/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n",
        f"{pg}/000001_users.down.sql": "DROP TABLE users;\n",
    })  # fmt: skip
    files = {
        f"{maria}/000001_chat.up.sql": "CREATE TABLE chat (id bigint PRIMARY KEY, msg text);\n",
        f"{maria}/000001_chat.down.sql": "DROP TABLE chat;\n",
    }
    for n in range(2, 24):
        files[f"{maria}/{n:06d}_t{n}.up.sql"] = f"CREATE TABLE t{n} (id int);\n"
        files[f"{maria}/{n:06d}_t{n}.down.sql"] = f"DROP TABLE t{n};\n"
    files[f"{maria}/000024_rename.up.sql"] = "ALTER TABLE chat RENAME COLUMN msg TO message;\n"
    files[f"{maria}/000024_rename.down.sql"] = "ALTER TABLE chat RENAME COLUMN message TO msg;\n"
    _commit_at(git_repo, "2024-02-01T00:00:00Z", files)
    _commit_at(git_repo, "2024-03-01T00:00:00Z", {
        f"{maria}/000025_more.up.sql": "ALTER TABLE chat RENAME COLUMN message TO body;\n",
        f"{maria}/000025_more.down.sql": "ALTER TABLE chat RENAME COLUMN body TO message;\n",
    })  # fmt: skip
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = sorted(f.path or "" for f in engine.check(ctx) if f.rule == "RG220")
    assert found == [f"{maria}/000025_more.up.sql"]


def test_commit_times_are_asked_of_git_once(git_repo: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The release grouping's new-folder and merged-branch checks ask the same commits."""
    from rollback_gate import repo as repo_module

    first = git_repo.commit("one", {"a/1.sql": "SELECT 1;\n"})
    second = git_repo.commit("two", {"a/2.sql": "SELECT 2;\n"})
    repo = repo_module.GitRepo(git_repo.root)
    asked = _asked_of_git(monkeypatch)
    assert set(repo.commit_times([first])) == {first}
    assert set(repo.commit_times([first, second])) == {first, second}
    assert set(repo.commit_times([second, first])) == {first, second}
    assert [a[-1] for a in asked if a[0] == "log"] == [first, second]  # each commit once


def _django(app: str, name: str, deps: list[tuple[str, str]], ops: str) -> dict[str, str]:
    return {
        f"backend/{app}/migrations/{name}.py": "from django.db import migrations\n\n\n"
        "class Migration(migrations.Migration):\n"
        f"    dependencies = {deps!r}\n\n    operations = [\n{ops}    ]\n"
    }


def test_a_table_another_app_s_migration_of_the_release_renamed_is_new_to_it(
    git_repo: Any,
) -> None:
    """doccano (round AD): one pull request moved RoleMapping from the api app to the roles
    app (``AlterModelTable`` to ``roles_rolemapping``), then renamed it there (``RenameModel``
    to ``Member``): the first rename is the break; the second renames a name the previous
    release never knew. A table a later migration renames into the old name is a swap: the
    rename of the previous release's table stays (labels' ``relation`` made
    ``relationold``, then ``relationnew`` made ``relation``)."""
    config = git_repo.migrations_config("backend/api/migrations", "django", scope="all") + (
        "  - path: backend/roles/migrations\n    framework: django\n    scope: all\n"
    )
    git_repo.commit(
        "start",
        {
            "deploy-readiness.yml": config,
            **_django("api", "0001_initial", [],
                      "        migrations.CreateModel(name='RoleMapping', fields=[]),\n"
                      "        migrations.CreateModel(name='Relation', fields=[]),\n"),
            **_django("roles", "0001_initial", [], ""),
        },
    )  # fmt: skip
    rename = "        migrations.RenameModel(old_name='{}', new_name='{}'),\n"
    move = "        migrations.AlterModelTable(name='RoleMapping', table='roles_rolemapping'),\n"
    files = {
        **_django("api", "0002_move", [("api", "0001_initial")], move),
        **_django(
            "roles",
            "0002_rename",
            [("api", "0002_move"), ("roles", "0001_initial")],
            rename.format("RoleMapping", "Member"),
        ),
        **_django(
            "api", "0003_old", [("api", "0002_move")], rename.format("Relation", "RelationOld")
        ),
        **_django(
            "api",
            "0004_new",
            [("api", "0003_old")],
            "        migrations.CreateModel(name='RelationNew', fields=[]),\n"
            + rename.format("RelationNew", "Relation"),
        ),
    }
    git_repo.commit("move", files)
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = sorted(f.path for f in engine.check(ctx) if f.rule == "RG221")
    assert found == ["backend/api/migrations/0002_move.py", "backend/api/migrations/0003_old.py"]


def test_a_table_renamed_away_is_the_previous_release_s_though_a_later_file_makes_one(
    git_repo: Any,
) -> None:
    """roadmap (round AD's re-run): one release renames ``roles`` to ``perms`` and a later
    migration of it creates a new ``roles``: the previous release's table was renamed away
    all the same (RG221)."""
    config = git_repo.migrations_config("db/migrate", "rails", scope="all")
    git_repo.commit(
        "start",
        {
            "deploy-readiness.yml": config,
            "db/migrate/20160101000000_create_roles.rb": _rails_step(
                "CreateRoles", "create_table :roles"
            ),
        },
    )
    git_repo.commit(
        "release",
        {
            "db/migrate/20161115143222_rename_roles_to_perms.rb": _rails_step(
                "RenameRolesToPerms", "rename_table :roles, :perms"
            ),
            "db/migrate/20161122152339_new_roles.rb": _rails_step(
                "NewRoles", "create_table :roles"
            ),
        },
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f.path for f in engine.check(ctx) if f.rule == "RG221"]
    assert found == ["db/migrate/20161115143222_rename_roles_to_perms.rb"]


def _rails_step(name: str, up: str) -> str:
    return (
        f"class {name} < ActiveRecord::Migration[4.2]\n  def up\n    {up}\n  end\n\n"
        "  def down\n  end\nend\n"
    )


def test_a_column_renamed_on_a_table_an_earlier_deploy_of_the_version_renamed(
    git_repo: Any,
) -> None:
    """dhis2 (round AD's re-run): the 2.41 folder renamed ``programstageinstance`` to
    ``event`` in one commit and ``event.duedate`` in a later one; the version folder is one
    release for the tables it creates, but each rename was deployed on its own and broke
    the code of its day: the column rename stays RG220."""
    folder = "db/migration/2.41"
    config = git_repo.migrations_config("db/migration", "flyway", scope="all")
    git_repo.commit(
        "start",
        {
            "deploy-readiness.yml": config,
            "db/migration/2.40/V2_40_1__events.sql": "CREATE TABLE programstageinstance "
            "(id int, duedate date);\n",
        },
    )
    git_repo.commit(
        "table",
        {f"{folder}/V2_41_20__rename.sql": "ALTER TABLE programstageinstance RENAME TO event;\n"},
    )
    git_repo.commit(
        "column",
        {
            f"{folder}/V2_41_35__due.sql": "ALTER TABLE event RENAME COLUMN duedate "
            "TO scheduleddate;\n"
        },
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = sorted((f.rule, f.path) for f in engine.check(ctx) if f.rule in ("RG220", "RG221"))
    assert found == [
        ("RG220", f"{folder}/V2_41_35__due.sql"),
        ("RG221", f"{folder}/V2_41_20__rename.sql"),
    ]


def test_a_migration_folder_renamed_beside_new_ones_leaves_them_one_release(
    git_repo: Any,
) -> None:
    """keyshade (round AE): a squashed pull request added three Prisma migrations and, by
    mistake, renamed an old one's folder. Every Prisma migration is ``migration.sql``, so
    the one deleted was taken for each new file's former name: the three were no release,
    and a column added NOT NULL to a table the first of them creates was RG222."""
    config = git_repo.migrations_config("prisma/migrations", "prisma", scope="all")
    init = "prisma/migrations/20240101000000_init/migration.sql"
    git_repo.commit("init", {"deploy-readiness.yml": config,
                             init: 'CREATE TABLE "User" ("id" TEXT NOT NULL);\n'})  # fmt: skip
    (git_repo.root / init).unlink()
    git_repo.commit(
        "sessions",
        {
            "prisma/migrations/20240101000000_add_users/migration.sql": (
                'CREATE TABLE "User" ("id" TEXT NOT NULL);\n'
            ),
            "prisma/migrations/20250101000000_session/migration.sql": (
                'CREATE TABLE "Session" ("id" TEXT NOT NULL, "ip" TEXT NOT NULL);\n'
            ),
            "prisma/migrations/20250102000000_hash/migration.sql": (
                'ALTER TABLE "Session" DROP COLUMN "ip",\nADD COLUMN "ipHash" TEXT NOT NULL;\n'
            ),
        },
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG222"] == []


def _renumbered_after_merge(git_repo: Any, again_on_main: bool) -> list[str]:
    """A branch creates ``posts`` and adds a foreign key to it (one release: its merge);
    the main line then renames the key's file (``again_on_main``: the branch had renamed
    it already, and the main line makes the same rename again, as i-educar's two branches
    did). The RG224 findings of a ``scope: all`` check."""
    main = _start_main(git_repo)
    git_repo.git("checkout", "-q", "-b", "feature")
    key = "ALTER TABLE posts ADD CONSTRAINT posts_user FOREIGN KEY (user_id) REFERENCES users;\n"
    git_repo.commit("posts", {
        "db/migrations/000002_posts.up.sql": "CREATE TABLE posts (id bigint, user_id bigint);\n",
        "db/migrations/000002_posts.down.sql": "DROP TABLE posts;\n",
        "db/migrations/000003_key.up.sql": key,
        "db/migrations/000003_key.down.sql": "ALTER TABLE posts DROP CONSTRAINT posts_user;\n",
    })  # fmt: skip
    if again_on_main:
        git_repo.git("branch", "-q", "renamed", "feature")
    git_repo.git("checkout", "-q", main)
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #8", "feature")
    for side in ("renamed", main) if again_on_main else (main,):
        git_repo.git("checkout", "-q", side)
        for ext in ("up", "down"):
            git_repo.git(
                "mv", f"db/migrations/000003_key.{ext}.sql", f"db/migrations/000004_key.{ext}.sql"
            )
        git_repo.commit("renumber")
    if again_on_main:
        git_repo.git("merge", "-q", "--no-ff", "-m", "Merge branch renamed", "renamed")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    return [f.path or "" for f in engine.check(ctx) if f.rule == "RG224"]


@pytest.mark.parametrize("again_on_main", [False, True])
def test_a_migration_renamed_on_the_main_line_ships_with_the_merge_that_brought_it(
    git_repo: Any, again_on_main: bool
) -> None:
    """i-educar (round AL): a commit of the main line that only renamed migrations (600
    files renumbered) is no release; the key still ships with the table it was made for."""
    assert _renumbered_after_merge(git_repo, again_on_main) == []


def test_a_rename_made_again_on_another_branch_keeps_the_first_name_s_commit(
    git_repo: Any,
) -> None:
    """i-educar (round AL): two branches renumber the same files; the log shows the
    rename twice, the second time from a name already renamed away."""
    from rollback_gate.repo import GitRepo

    git = GitRepo(git_repo.root)
    log = [  # newest first, as `git log --name-status` gives it
        ("c4", ["R100", "m/b.sql", "m/c.sql"]),
        ("c3", ["R100", "m/a.sql", "m/b.sql"]),
        ("c2", ["R100", "m/b.sql", "m/c.sql"]),
        ("c1", ["R100", "m/a.sql", "m/b.sql"]),
        ("c0", ["A", "m/a.sql", "A", "m/other.sql"]),
    ]
    assert git._followed(log)[0] == {"m/c.sql": "c0", "m/other.sql": "c0"}


def test_a_branch_s_release_is_found_after_its_folder_moved_twice(git_repo: Any) -> None:
    """aiida (round AI, again after round AL's renames): a branch created ``posts`` and,
    in a second commit, a key on it, merged to the main line; the folder moved twice
    since, and another branch added a file between the moves. The main line's log of the
    folders the files came from follows the first move, and still knows the old names."""
    main = _start_main(git_repo)
    git_repo.git("mv", "db/migrations", "db/old")
    git_repo.commit("move to old", {
        "deploy-readiness.yml": git_repo.migrations_config("db/old", "golang-migrate", scope="all"),
    })  # fmt: skip
    git_repo.git("checkout", "-q", "-b", "feature")
    git_repo.commit("posts", {
        "db/old/000002_posts.up.sql": "CREATE TABLE posts (id bigint, user_id bigint);\n",
        "db/old/000002_posts.down.sql": "DROP TABLE posts;\n",
    })  # fmt: skip
    git_repo.commit("key", {
        "db/old/000003_key.up.sql": "ALTER TABLE posts ADD CONSTRAINT posts_user "
        "FOREIGN KEY (user_id) REFERENCES users;\n",
        "db/old/000003_key.down.sql": "ALTER TABLE posts DROP CONSTRAINT posts_user;\n",
    })  # fmt: skip
    git_repo.git("checkout", "-q", main)
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #9", "feature")
    git_repo.git("mv", "db/old", "db/mid")
    git_repo.commit("move to mid")
    git_repo.git("checkout", "-q", "-b", "other")
    git_repo.commit("zones", {
        "db/mid/000004_zones.up.sql": "CREATE TABLE zones (id bigint);\n",
        "db/mid/000004_zones.down.sql": "DROP TABLE zones;\n",
    })  # fmt: skip
    git_repo.git("checkout", "-q", main)
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #10", "other")
    git_repo.git("mv", "db/mid", "db/migrations")
    git_repo.commit("move back", {
        "deploy-readiness.yml": git_repo.migrations_config(
            "db/migrations", "golang-migrate", scope="all"
        ),
    })  # fmt: skip
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG224"] == []


def _laravel(name: str, up: str) -> dict[str, str]:
    return {
        f"database/migrations/{name}.php": "<?php\n\nuse Illuminate\\Database\\Migrations\\"
        "Migration;\nuse Illuminate\\Database\\Schema\\Blueprint;\n"
        "use Illuminate\\Support\\Facades\\Schema;\n\nreturn new class extends Migration {\n"
        f"    public function up()\n    {{\n{up}    }}\n\n"
        "    public function down()\n    {\n        Schema::table('escola', function "
        "(Blueprint $table) {\n            $table->dropColumn('gone');\n        });\n    }\n};\n"
    }


def test_a_laravel_column_the_release_added_is_new_to_it(git_repo: Any) -> None:
    """i-educar (round AL): a column added by ``Schema::table`` (``$table`` and ``->`` on two
    lines, ``addColumn('type', 'name')``) and renamed by a later file of the same release:
    the previous release never knew it. A column it did know is still RG220."""
    config = git_repo.migrations_config("database/migrations", "laravel", scope="all")
    git_repo.commit("base", {"deploy-readiness.yml": config, **_laravel(
        "2023_01_01_000000_create_escola",
        "        Schema::create('escola', function (Blueprint $table) {\n"
        "            $table->id();\n            $table->string('nome');\n        });\n",
    )})  # fmt: skip
    git_repo.commit("release", {
        **_laravel(
            "2023_04_27_100809_add_formas",
            "        Schema::table(\n            'pmieducar.escola',\n"
            "            static fn (Blueprint $table) => $table\n"
            "                ->addColumn('int_array', 'formas')\n                ->nullable()\n"
            "        );\n        Schema::table('escola', function (Blueprint $table) {\n"
            "            $table->string('apelido')->nullable();\n"
            "            $table->string('nome', 80)->change();\n        });\n",
        ),
        **_laravel(
            "2023_05_04_100809_rename_formas",
            "        Schema::table('escola', function (Blueprint $table) {\n"
            "            $table->renameColumn('formas', 'formas_parceria');\n"
            "            $table->renameColumn('apelido', 'alcunha');\n"
            "            $table->renameColumn('nome', 'name');\n        });\n",
        ),
    })  # fmt: skip
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule == "RG220"]
    assert [(f.message.split(" to ")[0].split()[-1], len(f.related)) for f in found] == [
        ("escola.nome", 0)
    ]


def test_first_migrations_of_one_name_moved_are_told_apart_by_their_path() -> None:
    """hypha (round AM): every app's first migration is ``0001_initial.py``; the commit
    that moved ``opentech/`` to ``hypha/`` was taken for the release that wrote each. The
    path they share from the end tells them apart; where two share as much, none is
    chosen."""
    from rollback_gate.checks.history.unwritten import _moved_from

    commits = {
        "hypha/apply/projects/migrations/0001_initial.py": "move",
        "hypha/public/projects/migrations/0001_initial.py": "move",
        "hypha/other/migrations/0001_initial.py": "move",
    }
    names = {p: p for p in commits}
    deleted = {"move": {
        "opentech/apply/projects/migrations/0001_initial.py",
        "opentech/public/projects/migrations/0001_initial.py",
        "x/a/migrations/0001_initial.py",
        "y/a/migrations/0001_initial.py",
    }}  # fmt: skip
    assert _moved_from(commits, names, deleted) == {
        "hypha/apply/projects/migrations/0001_initial.py": (
            "opentech/apply/projects/migrations/0001_initial.py"
        ),
        "hypha/public/projects/migrations/0001_initial.py": (
            "opentech/public/projects/migrations/0001_initial.py"
        ),
    }


def test_a_branch_that_moved_its_files_before_the_merge_ships_them_with_it(
    git_repo: Any,
) -> None:
    """django-cms (round AM): a branch wrote migrations in ``migrations_django/``, moved
    them to ``migrations/`` and was merged; the main line never had the first folder, so
    the merge is found under the name the files have now."""
    main = _start_main(git_repo)
    git_repo.git("checkout", "-q", "-b", "develop")
    git_repo.commit("posts", {
        "db/staging/000002_posts.up.sql": "CREATE TABLE posts (id bigint, user_id bigint);\n",
        "db/staging/000002_posts.down.sql": "DROP TABLE posts;\n",
    })  # fmt: skip
    git_repo.commit("key", {
        "db/staging/000003_key.up.sql": "ALTER TABLE posts ADD CONSTRAINT posts_user "
        "FOREIGN KEY (user_id) REFERENCES users;\n",
        "db/staging/000003_key.down.sql": "ALTER TABLE posts DROP CONSTRAINT posts_user;\n",
    })  # fmt: skip
    for name in ("000002_posts", "000003_key"):
        for ext in ("up", "down"):
            git_repo.git("mv", f"db/staging/{name}.{ext}.sql", f"db/migrations/{name}.{ext}.sql")
    git_repo.commit("move into place")
    git_repo.git("checkout", "-q", main)
    git_repo.git(
        "merge", "-q", "--no-ff", "-m", "Merge remote-tracking branch 'develop'", "develop"
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [f.path for f in engine.check(ctx) if f.rule == "RG224"] == []


def test_a_file_a_merge_itself_added_and_a_branch_moved_ships_with_that_merge(
    git_repo: Any,
) -> None:
    """hypha (round AM): ``0020`` came with a merge (no branch commit shows adding it),
    and a later branch moved the folder; the move is no release, the merge is."""
    config = git_repo.migrations_config("db/new", "golang-migrate", scope="all")
    git_repo.commit("start", {
        "deploy-readiness.yml": config,
        "db/old/000001_users.up.sql": "CREATE TABLE users (id bigint PRIMARY KEY);\n",
        "db/old/000001_users.down.sql": "DROP TABLE users;\n",
    })  # fmt: skip
    main = str(git_repo.git("rev-parse", "--abbrev-ref", "HEAD").strip())
    git_repo.git("checkout", "-q", "-b", "side")
    git_repo.commit("side work", {"README.md": "side\n"})
    git_repo.git("checkout", "-q", main)
    git_repo.git("merge", "-q", "--no-ff", "--no-commit", "side")
    files = {
        "db/old/000002_posts.up.sql": "CREATE TABLE posts (id bigint, user_id bigint);\n",
        "db/old/000002_posts.down.sql": "DROP TABLE posts;\n",
        "db/old/000003_key.up.sql": "ALTER TABLE posts ADD CONSTRAINT posts_user "
        "FOREIGN KEY (user_id) REFERENCES users;\n",
        "db/old/000003_key.down.sql": "ALTER TABLE posts DROP CONSTRAINT posts_user;\n",
    }
    git_repo.commit("Merge branch 'side'", files)
    merge = str(git_repo.git("rev-parse", "HEAD").strip())
    git_repo.git("checkout", "-q", "-b", "move")
    git_repo.git("mv", "db/old", "db/new")
    git_repo.commit("move the folder")
    git_repo.git("checkout", "-q", main)
    git_repo.git("merge", "-q", "--no-ff", "-m", "Merge branch 'move'", "move")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    commits, _, _ = unwritten.origins_of(ctx, ["db/new"])
    assert commits["db/new/000003_key.up.sql"] == merge
    assert [f.path for f in engine.check(ctx) if f.rule == "RG224"] == []


def test_a_migration_renamed_as_it_moved_is_found_by_its_version() -> None:
    """Crownicles (round AO): the v5 branch moved ``src/`` to ``Core/src/`` and renamed
    ``016-addMonsterDescription.ts`` to ``016-add-monster-description.ts`` on the way;
    the version and the folders it shares from the end (``game/migrations``, not
    ``logs/migrations``) tell which file it was. Two of one version as close: none."""
    from rollback_gate.checks.history.unwritten import _moved_from

    new = "Core/src/core/database"
    commits = {
        f"{new}/game/migrations/016-add-monster-description.ts": "move",
        f"{new}/logs/migrations/016-add-fights.ts": "move",
        f"{new}/game/migrations/017-new.ts": "move",
        f"{new}/game/migrations/018-twice.ts": "move",
    }
    names = {p: p for p in commits}
    deleted = {"move": {
        "src/core/database/game/migrations/016-addMonsterDescription.ts",
        "src/core/database/logs/migrations/016-addFights.ts",
        "src/core/database/game/migrations/018-a.ts",
        "src/core/database/game/migrations/018-b.ts",
        "src/core/database/game/models/Monster.ts",
    }}  # fmt: skip
    assert _moved_from(commits, names, deleted) == {
        f"{new}/game/migrations/016-add-monster-description.ts": (
            "src/core/database/game/migrations/016-addMonsterDescription.ts"
        ),
        f"{new}/logs/migrations/016-add-fights.ts": (
            "src/core/database/logs/migrations/016-addFights.ts"
        ),
    }


@pytest.mark.parametrize(("sibling", "silent"), [("postgres", True), ("../other/postgres", False)])
def test_a_table_a_sibling_flyway_location_made_in_the_commit_is_new(
    git_repo: Any, sibling: str, silent: bool
) -> None:
    """darts-api (round AU): Flyway's ``common`` and ``postgres`` locations are one
    sequence; a commit creates a table in one and draws its primary key in the other,
    with one file in each: one release, so the table is new to the key. Folders that are
    not siblings are not one database. A key on a table of the previous release stays."""
    common = "db/migration/common"
    vendor = posixpath.normpath(f"db/migration/{sibling}")
    config = git_repo.migrations_config(common, "flyway", scope="all") + (
        f"  - path: {vendor}\n    framework: flyway\n    scope: all\n"
    )
    git_repo.commit(
        "start",
        {
            "deploy-readiness.yml": config,
            "src/App.java": 'class App { String a = "INSERT INTO a (id) VALUES (1)", '
            't = "INSERT INTO t (id) VALUES (1)"; }\n',
            f"{common}/V1__init.sql": "CREATE TABLE a (id int, code int);\n",
            f"{vendor}/V1_1__init.sql": "CREATE INDEX a_id ON a (id);\n",
        },
    )
    git_repo.commit(
        "release",
        {
            f"{common}/V2__t.sql": "CREATE TABLE t (id int, code int);\n",
            f"{vendor}/V2_1__t_pk.sql": "CREATE UNIQUE INDEX t_pk ON t (code);\n"
            "ALTER TABLE t ADD PRIMARY KEY USING INDEX t_pk;\n"
            "ALTER TABLE a ADD CONSTRAINT a_u UNIQUE (code);\n",
        },
    )
    git_repo.commit("next", {f"{common}/V3__u.sql": "CREATE TABLE u (id int);\n"})
    ctx = prepare(CheckOptions(repo=git_repo.root, base="HEAD~1"))
    found = [(f.line, len(f.related)) for f in engine.check(ctx) if f.rule == "RG224"]
    assert found == ([(3, 0)] if silent else [(1, 1)])


def test_a_unique_key_a_runsql_draws_again_after_unique_together_went_is_no_new_one(
    git_repo: Any,
) -> None:
    """tock (round BD): 0045 removes `unique_together` (`set('')`, an empty set, no key
    added), 0046's RunSQL draws the key again DEFERRABLE; one pull request ships both."""
    config = git_repo.migrations_config("backend/hours/migrations", "django", scope="all")
    model = (
        "        migrations.CreateModel(name='TimecardObject', fields=[], "
        "options={'unique_together': {('timecard', 'project')}}),\n"
    )
    git_repo.commit(
        "base", {"deploy-readiness.yml": config, **_django("hours", "0001_initial", [], model)}
    )
    add = (
        "ALTER TABLE public.hours_timecardobject ADD CONSTRAINT hours_timecardobject_uniq "
        "UNIQUE (project_id, timecard_id) DEFERRABLE"
    )
    removed = (
        "        migrations.AlterUniqueTogether(name='timecardobject', unique_together=set('')),\n"
    )
    files = {
        **_django("hours", "0002_delete_uniq", [("hours", "0001_initial")], removed),
        **_django(
            "hours",
            "0003_deferrable_unique",
            [("hours", "0002_delete_uniq")],
            f"        migrations.RunSQL({add!r}, 'SELECT 1'),\n",
        ),
    }
    git_repo.commit("pull request", files)
    ctx = prepare(CheckOptions(repo=git_repo.root))
    assert [(f.rule, f.path) for f in engine.check(ctx) if f.rule == "RG224"] == []


@pytest.mark.parametrize("dump", [True, False])
def test_a_later_commit_replacing_a_schema_dump_by_an_older_history_is_an_import(
    git_repo: Any, dump: bool
) -> None:
    """ehealth.api's prm_repo (round BM: seven): the previous releases loaded the schema
    from structure.sql; then one commit deleted the dump and brought the thirty migrations
    that make it, all older than the folder's newest. No release ran them against an
    older schema. Without the dump deleted, such a commit stays a release of its own."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    _commit_at(
        git_repo,
        "2017-08-22T00:00:00Z",
        {
            "deploy-readiness.yml": config,
            "db/structure.sql": "CREATE TABLE t0 (id int);\n",
            **_knex("300000_t0-note", "table('t0', (t) => {\n    t.text('note')\n  })"),
        },
    )
    if dump:
        git_repo.git("rm", "-q", "db/structure.sql")
    tables = _many_tables()
    tables.update(_knex("200098_legacy-key", "table('legacy', (t) => {\n  t.unique(['code'])\n})"))
    _commit_at(git_repo, "2017-09-01T00:00:00Z", tables)
    _commit_at(
        git_repo,
        "2017-09-02T00:00:00Z",
        _knex("300100_t1-key", "table('t1', (t) => {\n  t.unique(['code'])\n})"),
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = sorted(f.path for f in engine.check(ctx) if f.rule == "RG224")
    assert found == [*([] if dump else ["migrations/200098_legacy-key.js"]),
                     "migrations/300100_t1-key.js"]  # fmt: skip


@pytest.mark.parametrize(("later", "found"), [(".nullable().alter()", False), ("", True)])
def test_a_knex_column_restated_nullable_by_a_later_file_is_no_break(
    git_repo: Any, later: str, found: bool
) -> None:
    """sm (round CP): one release adds ``c`` ``.notNullable().defaultTo(1)`` and a later
    file restates it ``.nullable().alter()`` (no default): the column ends nullable, so
    the previous release's inserts, which leave it out, pass. Restated NOT NULL without the
    default, they fail."""
    config = git_repo.migrations_config("migrations", "knex", scope="changed")
    base = git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            **_knex("100000_items", "createTable('items', (t) => {\n  t.increments('id')\n})"),
            "src/items.js": "export const add = (db) => db('items').insert({})\n",
        }
    )
    restated = later or ".notNullable().alter()"
    git_repo.commit(
        "pr",
        {
            **_knex(
                "200000_a",
                "alterTable('items', (t) => {\n  t.integer('c').notNullable().defaultTo(1)\n})",
            ),
            **_knex("200001_b", f"alterTable('items', (t) => {{\n  t.integer('c'){restated}\n}})"),
        },
    )
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    assert bool([f for f in engine.check(ctx) if f.rule == "RG222"]) is found


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        ({"src/Legacy.kt": 'val q = "SELECT id FROM legacy_edits"\n'}, False),
        ({"src/LegacyEdit.kt": "@Entity class LegacyEdit(val id: Long)\n"}, False),
        ({"src/Health.kt": 'fun health() = "ok"\n'}, True),
        ({"db/schema.sql": "CREATE TABLE legacy_edits (id int);\n"}, True),  # a dump's
    ],
    ids=["sql", "model-class", "unnamed", "dump-only"],
)
def test_a_table_the_previous_release_names_nowhere_is_no_break(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    """hmpps-workload (round BS: three): a NOT NULL and keys on tables its previous release
    (a health-check skeleton) never names: that release neither reads nor writes them, P3
    (code of another repository still may). Named by the code, in SQL or as its model's
    class, they stay."""
    folder = "src/main/resources/db/migration"
    config = git_repo.migrations_config(folder, "flyway", scope="changed")
    base = git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{folder}/V1__init.sql": "CREATE TABLE legacy_edits (id int, note text);\n",
            **code,
        }
    )
    sql = "ALTER TABLE legacy_edits ALTER note SET NOT NULL;\n"
    git_repo.commit("pr", {f"{folder}/V2__required.sql": sql})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    (f,) = [f for f in engine.check(ctx) if f.rule == "RG222"]
    assert (f.severity is Severity.P3) is lowered
    assert ("names the table nowhere" in f.message) is lowered


def test_a_table_named_at_run_time_keeps_its_finding(git_repo: Any) -> None:
    """neutron-lbaas (round BP): a table named at run time (`${table}`) is not known
    unnamed, whatever the base's code names."""
    config = git_repo.migrations_config("migrations", "knex", scope="changed")
    base = git_repo.commit_each(
        {"deploy-readiness.yml": config, "src/health.js": "module.exports = () => 'ok'\n",
         **_knex("100000_t", "createTable('t', (t) => {\n  t.string('code')\n})")}
    )  # fmt: skip
    step = "raw(`ALTER TABLE ${table} ALTER COLUMN code SET NOT NULL`)"
    git_repo.commit("pr", _knex("200000_nn", step))
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    found = [f for f in engine.check(ctx) if f.rule == "RG222"]
    assert found and all(f.severity is not Severity.P3 for f in found)


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # db-service (round CQ): `centre` and the key's `school` said, `centres` nowhere
        ({"lib/app/report.ex": "defmodule App.Report do\n"
          "  def title(centre, school), do: {centre, school}\nend\n"}, True),
        ({"lib/app/centre.ex": 'defmodule App.Centre do\n  use Ecto.Schema\n\n'
          '  schema "centres" do\n    field :school_id, :integer\n  end\nend\n'}, False),
    ],
    ids=["unnamed", "schema"],
)  # fmt: skip
def test_an_ecto_table_is_looked_for_by_its_name_alone(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    """Ecto writes a table only by its name (its schema's, a join's, an `insert_all`'s):
    neither its singular nor a key column's word elsewhere is a use of it."""
    folder = "priv/repo/migrations"
    config = git_repo.migrations_config(folder, "ecto", scope="changed")
    create = (
        "defmodule App.Repo.Migrations.Create do\n  use Ecto.Migration\n\n  def change do\n"
        "    create table(:centres) do\n      add :school_id, :integer\n    end\n  end\nend\n"
    )
    base = git_repo.commit_each(
        {"deploy-readiness.yml": config, f"{folder}/20240101000000_create.exs": create, **code}
    )
    key = (
        "defmodule App.Repo.Migrations.Key do\n  use Ecto.Migration\n\n  def change do\n"
        "    create unique_index(:centres, [:school_id])\n  end\nend\n"
    )
    git_repo.commit("pr", {f"{folder}/20240201000000_key.exs": key})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    (f,) = [f for f in engine.check(ctx) if f.rule == "RG224"]
    assert (f.severity is Severity.P3) is lowered, f.message


def test_a_django_table_is_looked_for_as_its_model_and_its_history_s_model() -> None:
    """varfish (round BN) and cadasta (round BO): `var_stats_qc_referencesite` is the model
    `ReferenceSite` of an app label with underscores; `party_historicaltenurerelationship`
    is django-simple-history's copy of `TenureRelationship`. Both were lowered as unnamed
    by the code that names their models (the after-maps caught it)."""
    assert "referencesite" in unwritten._spellings("var_stats_qc_referencesite", django=True)
    spelt = unwritten._spellings("party_historicaltenurerelationship", django=True)
    assert "tenurerelationship" in spelt
    assert "qcreferencesite" not in unwritten._spellings("var_stats_qc_referencesite")


@pytest.mark.parametrize(
    ("path", "table"),
    [
        ("db/migrate/20210803072613_add_service_name.active_storage.rb", "notes"),
        ("db/migrate/20210803072613_add_service_name.rb", "active_storage_blobs"),
    ],
)
def test_a_framework_s_own_table_is_never_taken_as_unnamed(
    git_repo: Any, path: str, table: str
) -> None:
    """bookmove (round BL): `active_storage_blobs`, which ActiveStorage's own code reads
    and writes, made NOT NULL by a migration its engine installed: the app's code never
    names it, yet the previous release writes it."""
    config = git_repo.migrations_config("db/migrate", "rails", scope="all")
    git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            "db/migrate/20200101000000_init.rb": "class Init < ActiveRecord::Migration[6.1]\n"
            f"  def change\n    create_table :{table} do |t|\n      t.string :service_name\n"
            "    end\n  end\nend\n",
            "app/models/health.rb": "class Health\nend\n",
            path: "class AddServiceName < ActiveRecord::Migration[6.1]\n  def up\n"
            f"    change_column_null :{table}, :service_name, false\n  end\n\n  def down\n"
            f"    change_column_null :{table}, :service_name, true\n  end\nend\n",
        }
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    (f,) = [f for f in engine.check(ctx) if f.rule == "RG222"]
    assert f.severity is not Severity.P3


def test_code_naming_the_column_keeps_a_table_it_derives_the_name_of(git_repo: Any) -> None:
    """eperusteet (round BI): a JPA join table's name is Hibernate's, never written in the
    code, whose field names the column (`laajaalalaisetOsaamiset`): the table is used."""
    folder = "src/main/resources/db/migration"
    config = git_repo.migrations_config(folder, "flyway", scope="changed")
    base = git_repo.commit_each(
        {
            "deploy-readiness.yml": config,
            f"{folder}/V1__init.sql": "CREATE TABLE peruste_osaaminen (laaja_osaamiset_id int);\n",
            "src/Peruste.java": "class Peruste { @ManyToMany List<Taito> laajaOsaamiset; }\n",
        }
    )
    sql = "ALTER TABLE peruste_osaaminen ALTER COLUMN laaja_osaamiset_id SET NOT NULL;\n"
    git_repo.commit("pr", {f"{folder}/V2__required.sql": sql})
    ctx = prepare(CheckOptions(repo=git_repo.root, base=base))
    (f,) = [f for f in engine.check(ctx) if f.rule == "RG222"]
    assert f.severity is not Severity.P3


@pytest.mark.parametrize(
    ("rewritten", "edit"),
    [
        (True, ""),
        (False, ""),
        (False, "-- paths\n"),
        (False, "CREATE INDEX p_t ON paths(target_id);\n"),
        (False, "undone"),
    ],
)
def test_a_key_whose_commit_rewrote_the_table_s_migration_in_place_is_p3(
    git_repo: Any, rewritten: bool, edit: str
) -> None:
    """gitness (round BX, four): the commit that added ``0002``'s unique index over
    ``paths(repo_id, is_primary)`` also edited ``0001_create_table_paths`` to add those
    columns; the release before it had neither. Where ``0001`` was not edited, or only in
    what the key does not name (its comments: pet-rescue's class renamed, round BY; an index
    of another column; larastreamers' method signatures, gitness' postgres key taken off),
    the key is judged as before."""
    config = git_repo.migrations_config(GO, "golang-migrate", scope="all")
    create = "CREATE TABLE paths (id INTEGER PRIMARY KEY, target_id INTEGER{});\n"
    columns = ", repo_id INTEGER, is_primary BOOLEAN"
    first = {
        f"{GO}/0001_create_table_paths.up.sql": create.format(
            "" if rewritten or edit == "undone" else columns
        ),
        f"{GO}/0001_create_table_paths.down.sql": "DROP TABLE paths;\n",
    }
    git_repo.commit("first", {"deploy-readiness.yml": config, **first})
    # (the code writes the key's columns: a key over columns it never names is P3 anyway,
    # test_renamed's lear)
    insert = "INSERT INTO paths (target_id, repo_id, is_primary) VALUES ($1, $2, $3)"
    git_repo.commit("code", {"paths.go": f"const q = `{insert}`\n"})
    second = {
        f"{GO}/0002_paths_unique.up.sql": "CREATE UNIQUE INDEX p ON paths(repo_id, is_primary);\n",
        f"{GO}/0002_paths_unique.down.sql": "DROP INDEX p;\n",
    }
    if rewritten or edit == "undone":
        second[f"{GO}/0001_create_table_paths.up.sql"] = create.format(columns)
    elif edit:
        second[f"{GO}/0001_create_table_paths.up.sql"] = edit + create.format(columns)
    git_repo.commit("key", second)
    if edit == "undone":  # (teslamate, round BZ: the edit taken back by a later commit)
        git_repo.commit("undo", {f"{GO}/0001_create_table_paths.up.sql": create.format("")})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    [rg224] = [f for f in engine.check(ctx) if f.rule == "RG224"]
    assert (rg224.severity is Severity.P3) is rewritten, rg224.message
    assert ("rewrote" in rg224.message) is rewritten


@pytest.mark.parametrize(("same", "expected"), [(True, []), (False, ["migrations/100101_key.js"])])
def test_a_file_deleted_and_added_back_as_it_was_ships_with_its_first_release(
    git_repo: Any, same: bool, expected: list[str]
) -> None:
    """TANF-app (round CE): search_indexes' 0015 and 0016 shipped together; a later release
    deleted 0016 and the next added it back unchanged ("reverted migrations to reflect what
    exists in prod"). It ran with 0015, on the table 0015 made; added back with other
    content, it is a new migration under an old name."""
    config = git_repo.migrations_config("migrations", "knex", scope="all")
    git_repo.commit_each(
        {"deploy-readiness.yml": config, **_knex("100000_a", "createTable('a', (t) => {})")}
    )
    limit = "createTable('limit', (t) => {\n    t.increments('id')\n    t.string('code')\n  })"
    key = _knex("100101_key", "table('limit', (t) => {\n  t.unique(['code'])\n})")
    git_repo.commit("release", {**_knex("100100_limit", limit), **key})
    (git_repo.root / "migrations/100101_key.js").unlink()
    git_repo.commit("deleted")
    git_repo.commit("other", _knex("100200_b", "createTable('b', (t) => {})"))
    back = key if same else {p: v + "// edited\n" for p, v in key.items()}
    git_repo.commit("added back", {**back, **_knex("100300_c", "createTable('c', (t) => {})")})
    assert [p for p, _ in _rg224(git_repo.root)] == expected


@pytest.mark.parametrize("together", [True, False])
def test_a_liquibase_table_renamed_by_an_earlier_file_of_the_commit_is_new(
    git_repo: Any, together: bool
) -> None:
    """aerogear-unifiedpush-server's 1.1.0-Final (round CF): ``PushMessageInformation``
    renamed ``push_message_info`` by one file, its columns set NOT NULL by a later one of
    the same commit: the previous release knows no ``push_message_info`` (RG221 says the
    rename breaks it). A rename that shipped before leaves the NOT NULL a finding."""

    def changelog(body: str) -> str:
        return (
            '<?xml version="1.0"?>\n<databaseChangeLog>\n  <changeSet author="a" id="1">\n'
            f"{body}  </changeSet>\n</databaseChangeLog>\n"
        )

    folder = "db/changelog"
    config = git_repo.migrations_config(folder, "liquibase", scope="all")
    init = changelog(
        '    <createTable tableName="PushMessageInformation">\n'
        '      <column name="id" type="int"/>\n      <column name="total" type="int"/>\n'
        "    </createTable>\n"
    )
    git_repo.commit("init", {"deploy-readiness.yml": config, f"{folder}/1.0/init.xml": init})
    rename = {
        f"{folder}/1.1/a-rename.xml": changelog(
            '    <renameTable oldTableName="PushMessageInformation"'
            ' newTableName="push_message_info"/>\n'
        )
    }
    required = {
        f"{folder}/1.1/b-required.xml": changelog(
            '    <addNotNullConstraint tableName="push_message_info" columnName="total"'
            ' columnDataType="int"/>\n'
        )
    }
    if together:
        git_repo.commit("release", {**rename, **required})
    else:
        git_repo.commit("rename", rename)
        git_repo.commit("required", required)
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f.path for f in engine.check(ctx) if f.rule == "RG222"]
    assert found == ([] if together else [f"{folder}/1.1/b-required.xml"])


def test_a_table_the_release_made_and_the_finding_s_own_file_renamed_is_new(
    git_repo: Any,
) -> None:
    """openstax/accounts (round CL): one pull request's first migration creates
    ``signup_contact_infos``; its next renames it ``signup_states`` and sets a column
    there NOT NULL: the previous release knew neither name. A table of an older release
    constrained in the same file keeps its finding."""
    folder = "db/migrate"
    config = git_repo.migrations_config(folder, "rails", scope="all")

    def step(stamp: str, body: str) -> dict[str, str]:
        return {
            f"{folder}/{stamp}_step.rb": (
                f"class Step{stamp} < ActiveRecord::Migration[5.0]\n  def up\n{body}"
                "  end\n\n  def down\n  end\nend\n"
            )
        }

    old = step("20160101000000", "    create_table :old_infos do |t|\n      t.string :kind\n"
                                  "    end\n")  # fmt: skip
    git_repo.commit("old", {"deploy-readiness.yml": config, **old})
    made = step("20161108000000", "    create_table :signup_contact_infos do |t|\n"
                                  "      t.string :kind\n    end\n")  # fmt: skip
    renamed = step(
        "20161205000000",
        "    rename_table :signup_contact_infos, :signup_states\n"
        "    add_column :signup_states, :role, :string\n"
        "    change_column :signup_states, :role, :string, null: false\n"
        "    change_column_null :old_infos, :kind, false\n",
    )
    git_repo.commit("pull request", {**made, **renamed})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule == "RG222"]
    assert sorted(x.line or 0 for f in found for x in (f, *f.related)) == [6]


@pytest.mark.parametrize(("named_before", "kept"), [(False, []), (True, ["session_step"])])
def test_a_table_whose_maker_the_main_line_brought_later_is_new(
    git_repo: Any, named_before: bool, kept: list[str]
) -> None:
    """avoqado-server (round CS): ``20251114012207`` gave ``CheckoutSession`` a NOT NULL
    column; ``20251113200135``, which makes the table and runs first, was committed minutes
    later. The release before the first had no such table: no finding. Where a file of
    that release named the table already (made, then made again by a later file of its
    name), the finding stays."""
    _images(git_repo)
    if named_before:
        git_repo.commit(
            "first", _goose("20250110000000_sessions", "CREATE TABLE sessions (id int);")
        )
    git_repo.commit(
        "step",
        _goose("20250302000000_session_step", "ALTER TABLE sessions ADD COLUMN step int NOT NULL;"),
    )
    git_repo.commit(
        "maker",
        _goose("20250301000000_sessions_made", "CREATE TABLE IF NOT EXISTS sessions (id int);"),
    )
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f.path for f in engine.check(ctx) if f.rule == "RG222"]
    assert [posixpath.basename(p).split("_", 1)[1].removesuffix(".sql") for p in found] == kept
