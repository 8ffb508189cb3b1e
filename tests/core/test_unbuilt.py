"""An audit's NOT NULLs and keys on SQLAlchemy tables the previous release never writes
(checks.unbuilt): simpler-grants-gov's models only its test factories built (round CF)."""

from __future__ import annotations

from typing import Any

import pytest

from rollback_gate.checks import migrations as engine
from rollback_gate.gate import CheckOptions, prepare
from rollback_gate.models import Finding, Severity


def _after_step(git_repo: Any, step: dict[str, str], rule: str) -> Finding:
    """The one ``rule`` finding once ``step`` is committed (the code before it is its
    previous release)."""
    git_repo.commit("step", step)
    ctx = prepare(CheckOptions(repo=git_repo.root))
    [found] = [f for f in engine.check(ctx) if f.rule == rule]
    return found


VERSIONS = "migrations/versions"
_INIT = (
    'revision = "a1"\ndown_revision = None\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n'
    "def upgrade():\n"
    '    op.create_table("job_lock", sa.Column("id", sa.Integer(), primary_key=True),\n'
    '                    sa.Column("job_type", sa.Text(), nullable=True))\n\n\n'
    'def downgrade():\n    op.drop_table("job_lock")\n'
)
_UNIQUE = (
    'revision = "b2"\ndown_revision = "a1"\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n'
    'def upgrade():\n    op.create_unique_constraint("uq_job_type", "job_lock", ["job_type"])\n\n\n'
    'def downgrade():\n    op.drop_constraint("uq_job_type", "job_lock")\n'
)
_REQUIRED = (
    'revision = "b2"\ndown_revision = "a1"\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n'
    'def upgrade():\n    op.add_column("job_lock", sa.Column("owner", sa.Text(), nullable=False))\n'
    '\n\ndef downgrade():\n    op.drop_column("job_lock", "owner")\n'
)
_MODEL = (
    "from sqlalchemy.orm import Mapped, mapped_column\nfrom app.db import Base\n\n\n"
    "class JobLock(Base):\n"
    '    __tablename__ = "job_lock"\n'
    "    id: Mapped[int] = mapped_column(primary_key=True)\n"
    "    job_type: Mapped[str | None]\n"
)
_READS = (
    "from sqlalchemy import select\nfrom app.models import JobLock\n\n\n"
    "def held(session, kind: str) -> JobLock | None:\n"
    "    return session.scalars(select(JobLock).where(JobLock.job_type == kind)\n"
    "                           .order_by(JobLock.id.desc())).first()\n"
)


def _audited(git_repo: Any, step: str, code: dict[str, str]) -> Finding:
    """The RG222 or RG224 of ``step`` in a `scope: all` audit whose release before it
    holds ``code``."""
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config(VERSIONS, "alembic", scope="all"),
        f"{VERSIONS}/a1_init.py": _INIT,
    })  # fmt: skip
    git_repo.commit("code", code)
    git_repo.commit("step", {f"{VERSIONS}/b2_step.py": step})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    [found] = [f for f in engine.check(ctx) if f.rule in ("RG222", "RG224")]
    return found


_BUILT = "def take(session, kind):\n    session.add({})\n"


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # simpler-grants-gov's JobLock (round CF): a model the code only queries
        ({"app/models.py": _MODEL, "app/locks.py": _READS}, True),
        # ... and one only its tests build
        (
            {
                "app/models.py": _MODEL,
                "app/locks.py": _READS,
                "tests/test_locks.py": "from app.models import JobLock\n\nJobLock(job_type='a')\n",
            },
            True,
        ),
        ({}, True),  # no code names the table or a class of it
        ({"app/models.py": _MODEL, "app/locks.py": _BUILT.format("JobLock(job_type=kind)")}, False),
        (
            {
                "app/models.py": _MODEL,
                "app/locks.py": _BUILT.format("models.JobLock(job_type=kind)"),
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL,
                "app/locks.py": "def take(s):\n"
                "    s.execute(insert(JobLock).values(job_type='a'))\n",
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL,
                "app/locks.py": "def take(s):\n    s.execute(JobLock.__table__.insert())\n",
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL,
                "app/locks.py": "MODELS = [JobLock]\n\n\ndef make(m):\n    return m()\n",
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL + "\n\nclass NightlyLock(JobLock):\n    pass\n",
                "app/locks.py": _BUILT.format("NightlyLock()"),
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL + "\n    @classmethod\n    def new(cls, kind):\n"
                "        return cls(job_type=kind)\n",
                "app/locks.py": _READS,
            },
            False,
        ),
        (
            {
                "app/tables.py": "job_lock = Table('job_lock', metadata, Column('id', Integer),"
                " Column('job_type', Text))\n"
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL,
                "app/raw.py": "SQL = 'INSERT INTO job_lock (job_type) VALUES (:k)'\n",
            },
            False,
        ),
        (
            {
                "app/models.py": _MODEL,
                "worker/lock.go": 'const take = "insert into job_lock (job_type) values ($1)"\n',
            },
            False,
        ),
        ({"app/models.py": _MODEL, "web/src/locks.ts": "type Lock = { job_lock: string }\n"}, True),
    ],
    ids=[
        "queried",
        "tests-only",
        "unnamed",
        "built",
        "built-by-module",
        "insert",
        "table-insert",
        "listed",
        "subclass-built",
        "classmethod",
        "core-table",
        "raw-sql",
        "go-sql",
        "ts-key",
    ],
)
@pytest.mark.parametrize("step", [_UNIQUE, _REQUIRED], ids=["unique", "not-null"])
def test_a_key_or_not_null_on_a_table_its_release_never_wrote_is_p3(
    git_repo: Any, step: str, code: dict[str, str], lowered: bool
) -> None:
    found = _audited(git_repo, step, code)
    assert (found.severity is Severity.P3) is lowered, found.message
    if lowered:
        # (or, for the key, its column named nowhere: NULL in every row, see test_renamed)
        assert any(
            why in found.message
            for why in ("JobLock", "names the table nowhere", "a unique key never refuses twice")
        )


MIGRATE = "db/migrate"
_RAILS_INIT = (
    "class CreateTeachers < ActiveRecord::Migration[7.1]\n  def change\n"
    "    create_table :teachers do |t|\n      t.string :name\n    end\n  end\nend\n"
)
_RAILS_STEP = (
    "class AddTrnToTeachers < ActiveRecord::Migration[7.1]\n  def change\n"
    "    add_column :teachers, :trn, :string, null: false\n  end\nend\n"
)
_RAILS_MODEL = (
    "class Teacher < ApplicationRecord\n  has_many :induction_periods\n"
    "  scope :named, ->(n) { where(name: n) }\n\n"
    "  def self.search(q)\n    where('name ILIKE ?', q)\n  end\n\n"
    "  def self.import(rows)\n    rows.each { |r| new(r).save! }\n  end\nend\n"
)
_RAILS_READS = (
    "class TeachersController < ApplicationController\n  def index\n"
    "    @teachers = Teacher.named(params[:n]).order(:name)\n"
    "    @found = Teacher.search(params[:q]) if Teacher.exists?\n  end\n\n"
    "  def show\n    @teacher = Teacher.find(params[:id])\n"
    '    flash[:note] = "Teacher records are read-only"\n  end\nend\n'
)


def _rails_audited(git_repo: Any, code: dict[str, str]) -> Finding:
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config(MIGRATE, "rails", scope="all"),
        f"{MIGRATE}/20240101000000_create_teachers.rb": _RAILS_INIT,
    })  # fmt: skip
    git_repo.commit("code", code)
    step = {f"{MIGRATE}/20240201000000_add_trn_to_teachers.rb": _RAILS_STEP}
    return _after_step(git_repo, step, "RG222")


def _controller(body: str) -> dict[str, str]:
    return {"app/controllers/teachers_controller.rb": _RAILS_READS.replace("  def show", body)}


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # register-early-career-teachers (round CG): models read, no row made outside seeds
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                "app/controllers/teachers_controller.rb": _RAILS_READS,
                "db/seeds.rb": "Teacher.create!(name: 'A')\n",
            },
            True,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                **_controller("  def create\n    Teacher.create!(name: 'A')\n  end\n\n  def show"),
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                **_controller("  def load\n    Teacher.import(rows)\n  end\n\n  def show"),
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                **_controller(
                    "  def add\n    school.teachers.create(name: 'A')\n  end\n\n  def show"
                ),
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                **_controller("  def add\n    school.teachers << t\n  end\n\n  def show"),
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                **_controller(
                    "  def add\n    school.build_teacher(name: 'A')\n  end\n\n  def show"
                ),
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                "app/models/school.rb": "class School < ApplicationRecord\n"
                "  accepts_nested_attributes_for :teachers\nend\n",
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                "app/admin/teachers.rb": "ActiveAdmin.register Teacher do\nend\n",
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                "app/models/mentor.rb": "class Mentor < Teacher\nend\n",
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                "lib/tasks/load.rake": "task :load do\n  'Teacher'.constantize.new.save\nend\n",
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                "lib/tasks/load.rake": "task :load do\n"
                '  exec_query("INSERT INTO teachers (name) VALUES (1)")\nend\n',
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                "Gemfile": "gem 'rails_admin'\n",
                "app/controllers/teachers_controller.rb": _RAILS_READS,
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                "app/dashboards/teacher_dashboard.rb": "class TeacherDashboard"
                " < Administrate::BaseDashboard\nend\n",
                "app/controllers/teachers_controller.rb": _RAILS_READS,
            },
            False,
        ),
        # npq-registration (round CG): an app's migrator service, in a folder named so
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                "app/controllers/teachers_controller.rb": _RAILS_READS,
                "app/services/migration/teachers.rb": "def run\n"
                "  ::Teacher.find_or_initialize_by(ecf_id: 1).update!(name: 'a')\nend\n",
            },
            False,
        ),
        ({"app/controllers/teachers_controller.rb": _RAILS_READS}, False),  # (no model)
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                **_controller(
                    "  def add\n    Teacher.where(name: 'A').update_all(kind: 'b')\n"
                    "  end\n\n  def show"
                ),
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                **_controller(
                    "  def add\n    Teacher.where(name: 'A')\n      .first_or_create!\n"
                    "  end\n\n  def show"
                ),
            },
            False,
        ),
        # rdv-service-public (round CJ): the join model's rows, written through `user_ids=`
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                "app/controllers/teachers_controller.rb": _RAILS_READS,
                "app/models/school.rb": "class School < ApplicationRecord\n"
                "  has_many :people, through: :teachers\nend\n",
            },
            False,
        ),
        # check-childrens-barred-list (round CN): a class method that reads, named `…?`
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL.removesuffix("end\n")
                + "\n  def self.includes_record?(name:)\n    where(name:).any?\n  end\nend\n",
                **_controller(
                    "  def find\n    Teacher.includes_record?(name: 'A')\n  end\n\n  def show"
                ),
            },
            True,
        ),
        # manage-courses-backend (round CS): the line's next expression is no part of the
        # model's chain; an enum's mapping is read; a controller's own `build_…` finds it
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                **_controller(
                    "  def list\n    render json: Teacher.all, serializer: Page.new.first\n"
                    "  end\n\n  def show"
                ),
            },
            True,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                **_controller(
                    "  def touch\n    Teacher.all.each { |t| t.update!(seen: true) }\n"
                    "  end\n\n  def show"
                ),
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL.removesuffix("end\n")
                + "  enum kind: { ect: 0, mentor: 1 }\nend\n",
                **_controller("  def kind\n    Teacher.kinds[params[:k]]\n  end\n\n  def show"),
            },
            True,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                **_controller(
                    "  before_action :build_teacher\n\n  def build_teacher\n"
                    "    @teacher = Teacher.find(params[:id])\n  end\n\n  def show"
                ),
            },
            True,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                "app/controllers/teachers_controller.rb": _RAILS_READS,
                "app/models/school.rb": "class School < ApplicationRecord\n"
                "  has_many :staff, class_name: 'Teacher'\nend\n",
                "app/controllers/schools_controller.rb": "class SchoolsController\n"
                "  def hire\n    school.staff.create!(name: 'A')\n  end\nend\n",
            },
            False,
        ),
        (
            {
                "app/models/teacher.rb": _RAILS_MODEL,
                "app/controllers/teachers_controller.rb": _RAILS_READS,
                "app/models/school.rb": "class School < ApplicationRecord\n"
                "  has_many :staff,\n           class_name: 'Teacher' do\n"
                "    def draft\n      select(&:draft?).last || new(name: 'A')\n    end\n"
                "  end\nend\n",
            },
            False,
        ),
    ],
    ids=[
        "read",
        "created",
        "class-method",
        "association",
        "appended",
        "built",
        "nested",
        "admin",
        "subclass",
        "constantized",
        "sql",
        "rails-admin",
        "administrate",
        "app-migrator",
        "no-model",
        "chained",
        "chained-over-lines",
        "through",
        "predicate",
        "next-expression",
        "block-writes",
        "enum-mapping",
        "own-builder",
        "aliased-association",
        "extension-block",
    ],
)
def test_a_rails_not_null_on_a_table_its_release_never_wrote_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    found = _rails_audited(git_repo, code)
    assert (found.severity is Severity.P3) is lowered, found.message
    assert ("makes no row of Teacher" in found.message) is lowered


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # search-gov (round CI): a stale route names the table, nothing else does
        ({"config/routes.rb": "resources :affiliate_templates\n"}, True),
        # (search-gov's own associations join other tables: affiliates_twitter_profiles)
        (
            {
                "config/routes.rb": "resources :affiliate_templates\n",
                "app/models/affiliate.rb": "class Affiliate < ApplicationRecord\n"
                "  has_and_belongs_to_many :twitter_profiles\nend\n",
            },
            True,
        ),
        (
            {
                "config/routes.rb": "resources :affiliate_templates\n",
                "app/models/affiliate.rb": "class Affiliate < ApplicationRecord\n"
                "  has_and_belongs_to_many :templates, join_table: JOINS\nend\n",
            },
            False,
        ),
        (
            {"app/jobs/copy.rb": 'sql = "INSERT INTO affiliate_templates (x) VALUES (1)"\n'},
            False,
        ),
        # (no code says it at all: a gem's table, Active Storage's blobs, or one a model
        # names at run time: littlesis, round CI)
        ({}, False),
    ],
    ids=["route-only", "other-habtm", "habtm-named-at-run-time", "sql", "said-nowhere"],
)
def test_a_rails_not_null_on_a_table_only_a_route_names_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    create = (
        "class CreateAffiliateTemplates < ActiveRecord::Migration[7.1]\n  def change\n"
        "    create_table :affiliate_templates do |t|\n      t.string :name\n    end\n"
        "  end\nend\n"
    )
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config(MIGRATE, "rails", scope="all"),
        f"{MIGRATE}/20240101000000_create_affiliate_templates.rb": create,
    })  # fmt: skip
    git_repo.commit("code", {"app/models/user.rb": "class User < ApplicationRecord\nend\n",
                             **code})  # fmt: skip
    step = {
        f"{MIGRATE}/20240201000000_add_kind.rb": "class AddKind < ActiveRecord::Migration[7.1]\n"
        "  def change\n    add_column :affiliate_templates, :kind, :string, null: false\n"
        "  end\nend\n"
    }
    found = _after_step(git_repo, step, "RG222")
    assert (found.severity is Severity.P3) is lowered, found.message


@pytest.mark.parametrize(
    ("model", "table", "joins"),
    [
        ("class Affiliate < ApplicationRecord\n  has_and_belongs_to_many :templates\n",
         "affiliates_templates", True),
        ("class Template < ApplicationRecord\n  has_and_belongs_to_many :affiliates\n",
         "affiliates_templates", True),
        ("class CatalogProduct < ApplicationRecord\n"
         "  has_and_belongs_to_many :catalog_categories\n", "catalog_categories_products", True),
        ("class Affiliate < ApplicationRecord\n  has_and_belongs_to_many :templates\n",
         "affiliate_templates", False),
        ("class Affiliate < ApplicationRecord\n"
         "  has_and_belongs_to_many :templates, join_table: :affiliate_templates\n",
         "affiliate_templates", False),  # (named: the table is said, and asked otherwise)
    ],
)  # fmt: skip
def test_a_has_and_belongs_to_many_joins_the_table_rails_names_after_both(
    model: str, table: str, joins: bool
) -> None:
    from rollback_gate.checks.unbuilt import _habtm_may_join

    assert _habtm_may_join({"app/models/m.rb": model + "end\n"}, [table]) is joins


_RENAME = (
    "class RenameTerms < ActiveRecord::Migration[7.1]\n  def change\n"
    "    rename_column :teachers, :name, :full_name\n  end\nend\n"
)


@pytest.mark.parametrize(
    ("writer", "lowered"),
    [("", True), ("  def create\n    Teacher.create!(kind: 'a')\n  end\n\n  def show", False)],
    ids=["unmade", "created"],
)
def test_a_rails_rename_no_insert_of_its_release_names_is_p3(
    git_repo: Any, writer: str, lowered: bool
) -> None:
    """register-early-career-teachers (round CG): Rails 7 inserts list every column, so a
    column is used wherever its table is inserted; where the release made no row of the
    table, a column it names nowhere is neither read nor written."""
    application = (
        "module App\n  class Application < Rails::Application\n"
        "    config.load_defaults 7.1\n  end\nend\n"
    )
    code = {
        "config/application.rb": application,
        "app/models/teacher.rb": "class Teacher < ApplicationRecord\nend\n",
        **(_controller(writer) if writer else {}),
    }
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config(MIGRATE, "rails", scope="all"),
        f"{MIGRATE}/20240101000000_create_teachers.rb": _RAILS_INIT,
    })  # fmt: skip
    git_repo.commit("code", code)
    found = _after_step(git_repo, {f"{MIGRATE}/20240201000000_rename_terms.rb": _RENAME}, "RG220")
    assert (found.severity is Severity.P3) is lowered, found.message


def _django(number: str, deps: str, operations: str) -> str:
    head = "from django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n"
    needs = f"    dependencies = [('shop', '{deps}')]\n" if deps else "    dependencies = []\n"
    return f"{head}{needs}    operations = [\n{operations}    ]\n"


_VOUCHER = (
    "from django.db import models\n\n\nclass Order(models.Model):\n    pass\n\n\n"
    "class Voucher({base}):\n    code = models.CharField(max_length=9)\n"
    "    order = models.ForeignKey(Order, on_delete=models.CASCADE{related})\n"
)
_VOUCHER_READS = (
    "from django.shortcuts import get_object_or_404\nfrom shop.models import Voucher\n\n\n"
    "def show(request, pk):\n    voucher = get_object_or_404(Voucher, pk=pk)\n"
    "    same = Voucher.objects.filter(code=voucher.code).exclude(pk=pk).count()\n"
    "    return voucher.order.voucher_set.all(), same, Voucher.DoesNotExist\n"
)


_DRF = (
    "\n\nclass VoucherSerializer(serializers.ModelSerializer):\n    class Meta:\n"
    "        model = Voucher\n        fields = '__all__'\n\n\n"
    "class VoucherViewSet({view}):\n    queryset = Voucher.objects.all()\n"
    "    serializer_class = VoucherSerializer\n{more}"
)


@pytest.mark.parametrize(
    ("model", "code", "lowered"),
    [
        # yjdh's ApplicationAlteration (round CD): the model only read by its release
        ({}, _VOUCHER_READS, True),
        ({}, _VOUCHER_READS + "\n\ndef make():\n    Voucher.objects.create(code='a')\n", False),
        ({}, _VOUCHER_READS + "\n\ndef make(o):\n    o.voucher_set.create(code='a')\n", False),
        (
            {"related": ", related_name='vouchers'"},
            _VOUCHER_READS.replace("voucher_set", "vouchers")
            + "\n\ndef make(o):\n    o.vouchers.create(code='a')\n",
            False,
        ),
        ({}, _VOUCHER_READS + "\n\nadmin.site.register(Voucher)\n", False),
        (
            {},
            _VOUCHER_READS + "\n\nclass VoucherForm(forms.ModelForm):\n"
            "    class Meta:\n        model = Voucher\n",
            False,
        ),
        (
            {},
            _VOUCHER_READS + "\n\ndef bump():\n"
            "    Voucher.objects.filter(code='a').update(code='b')\n",
            False,
        ),
        # fec-cms (round CG): Wagtail's editors create pages no code names
        ({"base": "Page"}, _VOUCHER_READS, False),
        # nectar-dashboard (round CS): a REST framework serializer only read-only views use
        ({}, _VOUCHER_READS + _DRF.format(view="viewsets.ReadOnlyModelViewSet", more=""), True),
        ({}, _VOUCHER_READS + _DRF.format(view="viewsets.ModelViewSet", more=""), False),
        (
            {},
            _VOUCHER_READS
            + _DRF.format(
                view="viewsets.ReadOnlyModelViewSet",
                more="\n    def perform_create(self, serializer):\n        serializer.save()\n",
            ),
            False,
        ),
        (
            {},
            _VOUCHER_READS
            + _DRF.format(view="viewsets.ReadOnlyModelViewSet", more="")
            + "\n\ndef load(rows):\n    VoucherSerializer(data=rows).save()\n",
            False,
        ),
    ],
    ids=[
        "read",
        "created",
        "related-manager",
        "related-name",
        "admin",
        "model-form",
        "updated",
        "wagtail-page",
        "read-only-serializer",
        "writable-viewset",
        "saving-view",
        "serializer-given-data",
    ],
)
def test_a_django_not_null_on_a_table_its_release_never_wrote_is_p3(
    git_repo: Any, model: dict[str, str], code: str, lowered: bool
) -> None:
    options = {"base": "models.Model", "related": "", **model}
    initial = _django(
        "0001", "",
        "        migrations.CreateModel(name='Order', fields=[\n"
        "            ('id', models.AutoField(primary_key=True))]),\n"
        "        migrations.CreateModel(name='Voucher', fields=[\n"
        "            ('id', models.AutoField(primary_key=True)),\n"
        "            ('code', models.CharField(max_length=9)),\n"
        "            ('order', models.ForeignKey(on_delete=models.CASCADE, to='shop.order'))]),\n",
    )  # fmt: skip
    added = _django(
        "0002", "0001_initial",
        "        migrations.AddField(model_name='voucher', name='serial',\n"
        "            field=models.IntegerField(), preserve_default=False),\n",
    )  # fmt: skip
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config("shop/migrations", "django", "all"),
        "shop/migrations/0001_initial.py": initial,
    })  # fmt: skip
    git_repo.commit("code", {"shop/__init__.py": "", "shop/models.py": _VOUCHER.format(**options),
                             "shop/views.py": code})  # fmt: skip
    found = _after_step(git_repo, {"shop/migrations/0002_voucher_serial.py": added}, "RG222")
    assert (found.severity is Severity.P3) is lowered, found.message


_NAMES = 'ALTER TABLE "User" ALTER COLUMN "name" SET NOT NULL;\n'
_SCHEMA = (
    "model User {\n  id    String @id\n  name  String?\n  posts Post[]\n}\n\n"
    "model Post {\n  id     String @id\n  author User   @relation(fields: [authorId], "
    "references: [id])\n  authorId String\n}\n"
)


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # metiers-numeriques (round CG): the release only counts its users
        ("export const ready = async () => prisma.user.count()\n", True),
        ("export const add = (name) => prisma.user.create({ data: { name } })\n", False),
        (
            "export const add = (name) =>\n  prisma.post.create({ data: {\n"
            "    author: {\n      connectOrCreate: { where: { id: 1 }, create: { name } } } } })\n",
            False,
        ),
        ("export const get = (m) => prisma[m].findMany()\nprisma.user.count()\n", False),
    ],
    ids=["counted", "created", "nested", "dynamic"],
)
def test_a_prisma_not_null_on_a_table_its_release_never_wrote_is_p3(
    git_repo: Any, code: str, lowered: bool
) -> None:
    folder = "prisma/migrations"
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config(folder, "prisma", scope="all"),
        f"{folder}/20240101000000_init/migration.sql": 'CREATE TABLE "User" ("id" TEXT '
        'PRIMARY KEY, "name" TEXT);\nCREATE TABLE "Post" ("id" TEXT PRIMARY KEY, '
        '"authorId" TEXT NOT NULL);\n',
        "prisma/schema.prisma": _SCHEMA,
    })  # fmt: skip
    git_repo.commit("code", {"src/users.ts": code})
    found = _after_step(git_repo, {f"{folder}/20240201000000_names/migration.sql": _NAMES}, "RG222")
    assert (found.severity is Severity.P3) is lowered, found.message


_RATE = (
    "<?php\n\nnamespace App\\Models;\n\nuse Illuminate\\Database\\Eloquent\\Model;\n\n"
    "class ExchangeRate extends Model\n{\n"
    "    public function scopeLatestFirst($q)\n    {\n        return $q->orderBy('id');\n    }\n}\n"
)
_RATE_READS = (
    "<?php\n\nnamespace App\\Http\\Controllers;\n\nuse App\\Models\\ExchangeRate;\n\n"
    "class RatesController extends Controller\n{\n    public function index()\n    {\n"
    "        $rates = ExchangeRate::where('active', 1)->latestFirst()->get();\n"
    "        $last = \\App\\Models\\ExchangeRate::latestFirst()->first();\n"
    "        return view('rates', compact('rates', 'last'));\n    }\n}\n"
)


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # ra_system (round CE): the release reads its exchange rates, never stores one
        ({}, True),
        ({"app/Http/Store.php": "<?php\nExchangeRate::create(['rate' => 1]);\n"}, False),
        ({"app/Http/Store.php": "<?php\n$r = new ExchangeRate();\n$r->save();\n"}, False),
        (
            {"app/Http/Store.php": "<?php\nExchangeRate::where('a', 1)->update(['b' => 2]);\n"},
            False,
        ),
        ({"app/Http/Store.php": "<?php\n$user->exchangeRates()->create(['rate' => 1]);\n"}, False),
        (
            {"app/Http/Store.php": "<?php\nDB::table('exchange_rates')->insert(['rate' => 1]);\n"},
            False,
        ),
        (
            {
                "app/Nova/Rate.php": "<?php\nclass Rate extends Resource\n{\n"
                "    public static $model = \\App\\Models\\ExchangeRate::class;\n}\n"
            },
            False,
        ),
        ({"app/Http/Store.php": "<?php\nExchangeRate::import($rows);\n"}, False),
        (
            {
                "app/Http/Store.php": "<?php\nExchangeRate::query()\n    ->where('a', 1)\n"
                "    ->update(['b' => 2]);\n"
            },
            False,
        ),
        # uk-controller-api (round CM): a class constant is read, and a line that names a
        # variable of the table's name writes another table
        ({"app/Http/Store.php": "<?php\n$min = ExchangeRate::DEFAULT_RATE;\n"}, True),
        (
            {
                "app/Http/Store.php": "<?php\n$exchange_rates = ExchangeRate::find(1);\n"
                "$stand->update(['rate_id' => $exchange_rates->id]);\n"
                "$exchange_rates->owners()->attach($user);\n"
            },
            True,
        ),
        (
            {
                "app/Http/Store.php": "<?php\n"
                "DB::insert('insert into exchange_rates (rate) values (1)');\n"
            },
            False,
        ),
        (
            {
                "app/Http/Store.php": "<?php\nSid::where('rate_id', ExchangeRate::where('a', 1)\n"
                "    ->firstOrFail()->id)->update(['b' => 2]);\n"
            },
            True,
        ),
    ],
    ids=[
        "read",
        "created",
        "new",
        "updated",
        "relation",
        "query-builder",
        "nova",
        "unknown",
        "updated-over-lines",
        "constant",
        "another-table-written",
        "raw-sql",
        "argument-of-another-write",
    ],
)
def test_a_laravel_not_null_on_a_table_its_release_never_wrote_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    folder = "database/migrations"
    create = git_repo.laravel_migration(
        folder, "2022_01_01_000000_create_exchange_rates",
        "        Schema::create('exchange_rates', function (Blueprint $table) {\n"
        "            $table->id();\n            $table->decimal('rate');\n        });\n",
    )  # fmt: skip
    step = git_repo.laravel_migration(
        folder, "2022_08_10_100543_add_currency",
        "        Schema::table('exchange_rates', function (Blueprint $table) {\n"
        "            $table->string('currency');\n        });\n",
    )  # fmt: skip
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config(folder, "laravel", scope="all"),
        **create,
    })  # fmt: skip
    reads = {"app/Http/Controllers/RatesController.php": _RATE_READS}
    git_repo.commit("code", {"app/Models/ExchangeRate.php": _RATE, **reads, **code})
    found = _after_step(git_repo, step, "RG222")
    assert (found.severity is Severity.P3) is lowered, found.message


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # egerep (round CH): the `egecrm` connection is another application's database
        ({}, True),
        (
            {
                "app/Jobs/Copy.php": "<?php\nDB::connection('crm')->table('students')"
                "->insert(['a' => 1]);\n"
            },
            False,
        ),
        (
            {
                "app/Jobs/Copy.php": "<?php\nDB::connection('crm')\n    ->table('students')\n"
                "    ->insert(['a' => 1]);\n"
            },
            False,
        ),
        (
            {
                "app/helpers.php": "<?php\nfunction crm($table)\n{\n"
                "    return DB::connection('crm')->table($table);\n}\n"
            },
            False,
        ),
        (
            {
                "app/Models/Student.php": "<?php\nclass Student extends Model\n{\n"
                "    protected $connection = 'crm';\n}\n",
                "app/Jobs/Copy.php": "<?php\nStudent::create(['a' => 1]);\n",
            },
            False,
        ),
        (
            {
                "app/Models/Student.php": "<?php\nclass Student extends Model\n{\n"
                "    protected $connection = 'crm';\n}\n",
                "app/Jobs/Copy.php": "<?php\n$n = Student::where('a', 1)->count();\n",
            },
            True,
        ),
        # (the app's own `students`, on its default connection, written: not this table)
        ({"app/Jobs/Mine.php": "<?php\nStudent::create(['a' => 1]);\n"}, True),
    ],
    ids=[
        "unused",
        "inserted",
        "inserted-over-lines",
        "any-table",
        "model-created",
        "model-read",
        "default-written",
    ],
)
def test_a_laravel_not_null_on_another_connection_s_table_is_p3_where_nothing_writes_it(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    """A migration on a connection that is not the app's default: the app's own model of
    a table by the same name (on the default connection) says nothing of this one."""
    folder = "database/migrations"
    create = git_repo.laravel_migration(
        folder, "2022_01_01_000000_create_students",
        "        Schema::connection('crm')->create('students', function (Blueprint $table) {\n"
        "            $table->id();\n        });\n",
    )  # fmt: skip
    step = git_repo.laravel_migration(
        folder, "2022_08_10_100543_add_grade",
        "        Schema::connection('crm')->table('students', function (Blueprint $table) {\n"
        "            $table->integer('grade');\n        });\n",
    )  # fmt: skip
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config(folder, "laravel", scope="all"),
        "config/database.php": "<?php\nreturn ['default' => env('DB_CONNECTION', 'mysql')];\n",
        **create,
    })  # fmt: skip
    default = {"app/Models/Student.php": "<?php\nclass Student extends Model\n{\n}\n",
               "app/Jobs/Own.php": "<?php\n$n = Student::count();\n"}  # fmt: skip
    git_repo.commit("code", {**default, **code})
    found = _after_step(git_repo, step, "RG222")
    assert (found.severity is Severity.P3) is lowered, found.message


_ENTITY = (
    'package app;\n\nimport jakarta.persistence.*;\n\n@Entity\n@Table(name = "privilege")\n'
    "public class Privilege {\n    @Id\n    private Long id;\n    private String name;\n\n"
    "    public Privilege() {\n    }\n}\n"
)
_ENTITY_READS = (
    "package app;\n\npublic class PrivilegeService {\n"
    "    private final PrivilegeRepository repository;\n\n"
    "    public Privilege byName(String name) {\n        return repository.findByName(name);\n"
    "    }\n}\n"
)


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # avni-server's reference tables (round CH): the entity only read by its release
        ({}, True),
        (
            {
                "src/main/java/app/Seed.java": "class Seed {\n  void run() {\n"
                "    repository.save(new Privilege());\n  }\n}\n"
            },
            False,
        ),
        (
            {"src/main/java/app/Seed.java": "class Seed {\n  Object x = Privilege.builder();\n}\n"},
            False,
        ),
        (
            {
                "src/main/java/app/PrivilegeMapper.java": "@Mapper\ninterface PrivilegeMapper {\n"
                "  Privilege toEntity(PrivilegeDto dto);\n}\n"
            },
            False,
        ),
        (
            {
                "src/main/java/app/Api.java": "class Api {\n"
                "  void add(@RequestBody Privilege p) {\n    repository.save(p);\n  }\n}\n"
            },
            False,
        ),
        ({"src/main/kotlin/app/Seed.kt": "fun seed() = repository.save(Privilege())\n"}, False),
        # EDUC-STUDENT-DATA-COLLECTION-API's SdcSagaEntity (round CH): a builder over lines
        (
            {
                "src/main/java/app/Seed.java": "class Seed {\n  void run() {\n"
                "    final var p = Privilege\n      .builder()\n      .build();\n  }\n}\n"
            },
            False,
        ),
    ],
    ids=[
        "read",
        "new",
        "builder",
        "mapstruct",
        "request-body",
        "kotlin-call",
        "builder-over-lines",
    ],
)
def test_a_flyway_not_null_on_a_table_its_jpa_release_never_wrote_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    folder = "src/main/resources/db/migration"
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config(folder, "flyway", scope="all"),
        f"{folder}/V1__privilege.sql": "CREATE TABLE privilege (id BIGINT PRIMARY KEY, "
        "name TEXT, type TEXT);\n",
    })  # fmt: skip
    main = "src/main/java/app"
    git_repo.commit("code", {f"{main}/Privilege.java": _ENTITY,
                             f"{main}/PrivilegeService.java": _ENTITY_READS, **code})  # fmt: skip
    required = "ALTER TABLE privilege ALTER COLUMN type SET NOT NULL;\n"
    found = _after_step(git_repo, {f"{folder}/V2__type.sql": required}, "RG222")
    assert (found.severity is Severity.P3) is lowered, found.message


@pytest.mark.parametrize(
    ("table", "code", "lowered"),
    [
        # rm-collection-exercise-service (round CI): samplelink, said by no code at all
        ("samplelink", {}, True),
        (
            "samplelink",
            {"src/main/java/app/Sql.java": 'String q = "insert into samplelink";\n'},
            False,
        ),
        # a join table JPA names itself (`survey_tags`) may be one no code says
        (
            "survey_tags",
            {
                "src/main/java/app/Survey.java": "@Entity\nclass Survey {\n  @ManyToMany\n"
                "  private Set<Tag> tags;\n}\n"
            },
            False,
        ),
        ("survey_tags", {}, True),
        # (a library's table: Hibernate Envers writes `<entity>_aud` for an @Audited one)
        ("survey_aud", {}, False),
    ],
    ids=["said-nowhere", "sql", "join-table", "no-join", "envers"],
)
def test_a_flyway_not_null_on_a_table_no_jvm_code_names_is_p3(
    git_repo: Any, table: str, code: dict[str, str], lowered: bool
) -> None:
    folder = "src/main/resources/db/migration"
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config(folder, "flyway", scope="all"),
        f"{folder}/V1__{table}.sql": f"CREATE TABLE {table} (id BIGINT PRIMARY KEY, kind TEXT);\n",
    })  # fmt: skip
    entity = '@Entity\n@Table(name = "other")\nclass Other {\n  @Id private Long id;\n}\n'
    git_repo.commit("code", {"src/main/java/app/Other.java": entity, **code})
    required = f"ALTER TABLE {table} ALTER COLUMN kind SET NOT NULL;\n"
    found = _after_step(git_repo, {f"{folder}/V2__kind.sql": required}, "RG222")
    assert (found.severity is Severity.P3) is lowered, found.message


_DAO = "src/main/java/app/EnvelopeRepository.java"


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # blob-router-service (round CS): a JDBC application whose code says no table yet
        ({}, True),
        # veilarbaktivitet (round CS): a code table its queries only join
        ({_DAO: 'q = "SELECT e.id FROM envelopes e JOIN kinds k ON k.id = e.kind";\n'}, True),
        ({_DAO: 'String q = "INSERT INTO envelopes (id) VALUES (?)";\n'}, False),
        ({_DAO: 'static final String TABLE = "envelopes";\n'}, False),  # (built at run time)
        ({_DAO: 'String q = """\n  INSERT INTO\n  envelopes (id) VALUES (?)""";\n'}, False),
    ],
    ids=["said-nowhere", "joined", "inserted", "constant", "split"],
)
def test_a_flyway_not_null_on_a_table_a_jdbc_release_only_reads_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    """Without JPA entities, the code names a table in SQL to write it: every line that
    names it reads (``SELECT``, ``FROM``, ``JOIN``) or the finding stays. The migrations
    sat in another folder then (veilarbaktivitet's moved since): its files are no code."""
    old, folder = "config/db/migration", "src/main/resources/db/migration"
    git_repo.commit_each({
        f"{old}/V1__envelopes.sql": "CREATE TABLE envelopes (id BIGINT PRIMARY KEY, kind TEXT);\n",
        "src/main/java/app/App.java": "class App {}\n",
        **code,
    })  # fmt: skip
    required = "ALTER TABLE envelopes ALTER COLUMN kind SET NOT NULL;\n"
    git_repo.commit("kind", {f"{old}/V2__kind.sql": required})
    (git_repo.root / folder).parent.mkdir(parents=True)
    git_repo.git("mv", old, folder)
    config = git_repo.migrations_config(folder, "flyway", scope="all")
    git_repo.commit("moved", {"deploy-readiness.yml": config})
    ctx = prepare(CheckOptions(repo=git_repo.root))
    found = [f for f in engine.check(ctx) if f.rule == "RG222"]
    assert [f.severity is Severity.P3 for f in found] == [lowered], found


def test_a_prisma_schema_is_read_where_the_release_kept_it(git_repo: Any) -> None:
    """sirena (round CH): the schema moved since (apps/backend/prisma → packages/db/prisma):
    the release's own copy is the one read."""
    folder = "prisma/migrations"
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config(folder, "prisma", scope="all"),
        f"{folder}/20240101000000_init/migration.sql": 'CREATE TABLE "User" ("id" TEXT '
        'PRIMARY KEY, "name" TEXT);\n',
        "apps/backend/prisma/schema.prisma": _SCHEMA,
    })  # fmt: skip
    git_repo.commit("code", {"src/users.ts": "export const n = () => prisma.user.count()\n"})
    git_repo.commit("step", {f"{folder}/20240201000000_names/migration.sql": _NAMES})
    git_repo.git("mv", "apps/backend/prisma", "prisma/schema")
    git_repo.commit("moved")
    ctx = prepare(CheckOptions(repo=git_repo.root))
    [found] = [f for f in engine.check(ctx) if f.rule == "RG222"]
    assert found.severity is Severity.P3, found.message


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # Medle (round CH): the release only searches the askers; its seeds insert them
        (
            {
                "src/askers.js": "export const find = (q) =>\n  knex('apiKeys').where('name', q)\n",
                "src/seeds/01_keys.js": "exports.seed = (knex) => knex('apiKeys').insert({})\n",
            },
            True,
        ),
        (
            {"src/askers.js": "export const add = (k) =>\n  knex('apiKeys')\n    .insert(k)\n"},
            False,
        ),
        (
            {"src/askers.js": "class Key extends Model {\n  static tableName = 'apiKeys'\n}\n"},
            False,
        ),
        # therr-app (round CC): the name in a constant its queries say
        (
            {
                "src/tables.js": "export const KEYS = 'apiKeys'\n",
                "src/keys.js": "export const add = (k) => knex.insert(k).into(KEYS)\n",
            },
            False,
        ),
    ],
    ids=["read", "inserted", "objection-model", "constant"],
)
def test_a_knex_key_on_a_table_its_release_only_reads_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    folder = "migrations"
    create = (
        "exports.up = (knex) => knex.schema.createTable('apiKeys', (t) => {\n"
        "  t.increments('id'); t.string('name'); });\nexports.down = () => null;\n"
    )
    unique = (
        "exports.up = (knex) => knex.schema.alterTable('apiKeys', (t) => {\n"
        "  t.unique('name'); });\nexports.down = () => null;\n"
    )
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config(folder, "knex", scope="all"),
        f"{folder}/20240101000000_keys.js": create,
    })  # fmt: skip
    git_repo.commit("code", code)
    found = _after_step(git_repo, {f"{folder}/20240201000000_unique.js": unique}, "RG224")
    assert (found.severity is Severity.P3) is lowered, found.message


_YOUTH = (
    "import { Entity, Column, PrimaryGeneratedColumn } from 'typeorm';\n\n"
    "@Entity()\nexport class Youth {\n  @PrimaryGeneratedColumn()\n  id: number;\n\n"
    "  @Column()\n  name: string;\n}\n"
)


def _typeorm(name: str, up: str) -> dict[str, str]:
    stamp = name.split("-")[0]
    return {
        f"src/migrations/{name}.ts": "import { MigrationInterface, QueryRunner } from 'typeorm';\n"
        f"export class M{stamp} implements MigrationInterface {{\n"
        f"  public async up(q: QueryRunner): Promise<void> {{\n    await q.query(`{up}`);\n  }}\n"
        "  public async down(q: QueryRunner): Promise<void> {}\n}\n"
    }


def _typeorm_audited(git_repo: Any, table: str, code: dict[str, str]) -> Finding:
    """The RG222 of a TypeORM step setting a new NOT NULL column on ``table``, audited
    against a release that holds ``code``."""
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config("src/migrations", "typeorm",
                                                           scope="all"),
        **_typeorm("1600000000000-init", f"CREATE TABLE {table} (id serial, name text)"),
    })  # fmt: skip
    git_repo.commit("code", code)
    step = _typeorm("1700000000000-step", f"ALTER TABLE {table} ADD flag int NOT NULL")
    return _after_step(git_repo, step, "RG222")


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # jpal-backend (round CJ): the entity, and a relation to it, only
        ({"src/survey.entity.ts": "@Entity()\nexport class Survey {\n"
          "  @ManyToOne(() => Youth)\n  youth: Youth;\n}\n"}, True),
        ({"src/youth.service.ts": "export class YouthService {\n"
          "  constructor(@InjectRepository(Youth) private repo: Repository<Youth>) {}\n"
          "  add(dto) {\n    return this.repo.save(dto);\n  }\n}\n"}, False),
        ({"src/seed.ts": "const y = new Youth();\n"}, False),
        ({"src/survey.entity.ts": "@Entity()\nexport class Survey {\n"
          "  @OneToMany(() => Youth, (y) => y.survey, {\n    cascade: true,\n  })\n"
          "  youths: Youth[];\n}\n"}, False),
        ({"src/youth.service.ts": "export class YouthService extends CrudBase<Youth> {}\n"},
         False),
        ({"src/raw.ts": "await q.query('INSERT INTO youth (name) VALUES ($1)');\n"}, False),
        # safe-events-service (round CG): AdminJS' panel creates the rows it lists
        ({"src/admin.ts": "const admin = new AdminJS({\n  resources: [Youth],\n});\n"},
         False),
    ],
    ids=["read", "repository-save", "new", "cascade", "generic-base", "sql", "admin"],
)  # fmt: skip
def test_a_typeorm_not_null_on_a_table_its_release_never_wrote_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    found = _typeorm_audited(git_repo, "youth", {"src/youth.entity.ts": _YOUTH, **code})
    assert (found.severity is Severity.P3) is lowered, found.message


@pytest.mark.parametrize(
    ("code", "lowered"),
    [
        # ssf (round CJ): no entity yet; the frontend's page of the same name writes nothing
        ({"web/orders.tsx": "const Orders = () => null;\nexport default Orders;\n"}, True),
        ({}, True),
        ({"src/repo.ts": "await ds.createQueryBuilder().insert().into('orders').values(o);\n"},
         False),
        ({"src/schema.ts": "export const O = new EntitySchema({ name: 'orders' });\n"}, False),
    ],
    ids=["page-of-the-name", "said-nowhere", "query-builder", "entity-schema"],
)  # fmt: skip
def test_a_typeorm_not_null_on_a_table_no_entity_maps_is_p3(
    git_repo: Any, code: dict[str, str], lowered: bool
) -> None:
    found = _typeorm_audited(git_repo, "orders", {"src/app.ts": "export const app = 1;\n", **code})
    assert (found.severity is Severity.P3) is lowered, found.message


def _sequelize_step(name: str, up: str) -> dict[str, str]:
    return {
        f"migrations/{name}.js": "module.exports = {\n  async up(queryInterface, Sequelize) {\n"
        f"    {up}\n  }},\n  async down(queryInterface) {{}}\n}};\n"
    }


_SEQ_MODELS = {
    "models/run.js": "module.exports = (sequelize, Sequelize) => {\n"
    "  const Run = sequelize.define('Run', { name: Sequelize.STRING });\n"
    "  Run.associate = (models) => {\n"
    "    Run.belongsToMany(models.Tag, { through: 'run_tags' });\n  };\n  return Run;\n};\n",
    "models/tag.js": "module.exports = (sequelize, Sequelize) => {\n"
    "  const Tag = sequelize.define('Tag', { text: Sequelize.STRING });\n"
    "  Tag.associate = (models) => {\n"
    "    Tag.belongsToMany(models.Run, { through: 'run_tags' });\n  };\n  return Tag;\n};\n",
}
_BASE = {
    "lib/repository.js": "class Repository {\n  constructor(model) { this.model = model; }\n"
    "  insert(e) { return this.model.create(e); }\n}\n"
}
_SEQ_READS = "const { Run } = require('../models');\nexports.list = () => Run.findAll();\n"


@pytest.mark.parametrize(
    ("code", "table", "lowered"),
    [
        # Bookkeeping (round CM): runs only read; run_tags joined by no mixin or include
        ({}, "runs", True),
        ({}, "run_tags", True),
        ({"lib/add.js": "exports.add = (r) => Run.create({ name: r })\n"}, "runs", False),
        ({"lib/add.js": "exports.add = (r) => models.Run.bulkCreate([r])\n"}, "runs", False),
        ({"lib/add.js": "const repo = new Repository(Run);\n"}, "runs", False),
        ({"lib/tag.js": "exports.tag = (run, tag) => run.addTag(tag)\n"}, "run_tags", False),
        (
            {"lib/tag.js": "exports.tag = (run, tags) => run.setTags(tags) // Tag\n"},
            "run_tags",
            False,
        ),
        (
            {"lib/add.js": "exports.add = (r) => Tag.create(r, { include: [Run] })\n"},
            "run_tags",
            False,
        ),
        # Bookkeeping's repositories: a base that writes whatever model it is given
        (
            {
                **_BASE,
                "lib/runs_repository.js": "class RunRepository extends Repository {\n"
                "  constructor() { super(Run); }\n}\n",
            },
            "runs",
            False,
        ),
        # … which writes no join table that no model maps
        (_BASE, "run_tags", True),
        # humane-society (round CP): the model imported under another name, then created
        (
            {
                "lib/add.js": "import PgRun from '../models/run';\n"
                "export const add = (r) => PgRun.create({ name: r });\n"
            },
            "runs",
            False,
        ),
        (
            {
                "lib/add.js": "const { Run: PgRun } = require('../models');\n"
                "import { Run as Other } from '../models';\n"
                "export const add = (r) => Other.create({ name: r });\n"
            },
            "runs",
            False,
        ),
        # … a service of the same name only read
        (
            {
                "lib/add.js": "import PgRun from '../models/run';\n"
                "export const list = () => PgRun.findAll();\n"
            },
            "runs",
            True,
        ),
    ],
    ids=[
        "read",
        "join-unwritten",
        "created",
        "bulk",
        "repository",
        "mixin",
        "set-mixin",
        "nested-include",
        "generic-base",
        "generic-base-join",
        "default-import-alias",
        "named-import-alias",
        "alias-read",
    ],
)
def test_a_sequelize_key_on_a_table_its_release_never_wrote_is_p3(
    git_repo: Any, code: dict[str, str], table: str, lowered: bool
) -> None:
    """Bookkeeping (round CM), Runebase (round CL): a key on a table the previous release's
    Sequelize code never gives a row: its model only read, or a join table no mixin
    (``addTag``, ``setTags``) nor nested ``include`` writes."""
    create = _sequelize_step(
        "20200101000000-init",
        "await queryInterface.createTable('runs', { id: Sequelize.INTEGER, name: "
        "Sequelize.STRING });\n    await queryInterface.createTable('run_tags', { run_id: "
        "Sequelize.INTEGER, tag_id: Sequelize.INTEGER });",
    )
    git_repo.commit_each({
        "deploy-readiness.yml": git_repo.migrations_config("migrations", "sequelize", scope="all"),
        **create,
    })  # fmt: skip
    git_repo.commit("code", {**_SEQ_MODELS, "lib/runs.js": _SEQ_READS, **code})
    column = "name" if table == "runs" else "run_id"
    step = _sequelize_step(
        "20200201000000-key", f"await queryInterface.addConstraint('{table}', "
        f"{{ fields: ['{column}'], type: 'unique', name: 'k' }});",
    )  # fmt: skip
    found = _after_step(git_repo, step, "RG224")
    assert (found.severity is Severity.P3) is lowered, found.message


@pytest.mark.parametrize(
    ("code", "writes"),
    [
        ("import { Youth as Y } from './youth.entity';\nconst y = new Y();\n", True),
        ("import Y from './youth.entity';\nexport const s = (r) => r.save(Y);\n", True),
        ("import { Youth as Y } from './youth.entity';\nexport const f = () => Y.name;\n", False),
        ("import { Other as Y } from './other.entity';\nconst y = new Y();\n", False),
    ],
    ids=["named-alias-built", "default-import-saved", "alias-read", "another-entity"],
)
def test_a_typeorm_entity_imported_under_another_name_is_the_entity(
    code: str, writes: bool
) -> None:
    """humane-society (round CP) for TypeORM: an entity a file imports under another name
    (``{ Youth as Y }``, a default import of its module) is written through that name."""
    from rollback_gate.checks.unbuilt import _typeorm_writes, _Writes

    try:
        _typeorm_writes(code, {"Youth"})
    except _Writes:
        assert writes
    else:
        assert not writes
