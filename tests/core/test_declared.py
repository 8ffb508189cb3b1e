"""The ORM models read from the base's text (never imported): what each one maps."""

from __future__ import annotations

import pytest

from rollback_gate.checks.declared import Model, candidates, models


def _one(path: str, text: str) -> Model:
    found = [m for m in models(path, text) if not m.mixin]
    assert len(found) == 1, found
    return found[0]


def test_django_keys_db_column_m2m_and_abstract() -> None:
    text = (
        "from django.db import models\n\n"
        "class Stamped(models.Model):\n    created = models.DateTimeField()\n"
        "    class Meta:\n        abstract = True\n\n"
        "class Order(Stamped):\n    owner = models.ForeignKey('User', on_delete=models.CASCADE)\n"
        "    code = models.CharField(db_column='legacy_code', max_length=3)\n"
        "    tags = models.ManyToManyField('Tag')\n"
    )
    found = {m.name: m for m in models("shop/models.py", text)}
    assert found["stamped"].mixin
    order = found["order"]
    assert not order.mixin and order.table is None
    # a many-to-many field by its name: RemoveField of it drops the join table it keeps
    assert set(order.columns) == {"owner_id", "owner", "legacy_code", "code", "tags"}
    assert order.maps("shop_order", "order")


def test_sqlalchemy_tablename_explicit_names_mapped_and_table() -> None:
    text = (
        "class Order(Base):\n    __tablename__ = 'orders'\n"
        "    note = Column('legacy_note', Text)\n    total: Mapped[int]\n"
        "    owner = relationship('User')\n\n"
        "class Audit(Base):\n    __table__ = Table('audits', meta, Column('at', DateTime))\n\n"
        "class Computed(Base):\n    __tablename__ = name_of('x')\n    a = Column(Integer)\n"
    )
    found = {m.name: m for m in models("app/models.py", text)}
    assert set(found["order"].columns) == {"legacy_note", "total"}
    assert found["order"].maps("orders", "Order") and not found["order"].maps("order", "Order")
    assert found["audit"].table == "audits" and "at" in found["audit"].columns
    assert "computed" not in found  # a computed table name is not known here


def test_ecto_fields_sources_belongs_to_timestamps_and_embedded() -> None:
    text = (
        'defmodule Shop.Order do\n  use Ecto.Schema\n\n  schema "orders" do\n'
        "    field :total, :integer\n    field :title, :string, source: :legacy_title\n"
        "    belongs_to :user, User\n    belongs_to :shop, Shop, foreign_key: :store_id\n"
        "    # field :note, :string\n    timestamps()\n  end\n\n"
        "  embedded_schema do\n    field :x, :string\n  end\nend\n"
    )
    order = _one("lib/shop/order.ex", text)
    assert order.table == "orders" and order.name == "order"
    assert set(order.columns) == {
        "total", "legacy_title", "user_id", "store_id", "inserted_at", "updated_at"
    }  # fmt: skip


def test_ecto_options_over_several_lines() -> None:
    """hygeia (round AX): ``belongs_to :transmission, Transmission,`` with ``foreign_key:
    :transmission_uuid`` on the next line maps ``transmission_uuid``, not
    ``transmission_id``: the column's drop read as unmapped, RG225 missed."""
    text = (
        'defmodule App.AutoTracing do\n  schema "auto_tracings" do\n'
        "    belongs_to :transmission, Transmission,\n"
        "      foreign_key: :transmission_uuid,\n      references: :uuid\n"
        "    field :known, :boolean\n  end\nend\n"
    )
    model = _one("lib/app/auto_tracing.ex", text)
    assert set(model.columns) == {"transmission_uuid", "known"}


def test_ecto_calls_with_parentheses() -> None:
    """nerves_hub: `belongs_to(:firmware, Firmware)`, `field(:name, :string)`."""
    text = (
        'defmodule App.DeploymentGroup do\n  schema "deployments" do\n'
        "    belongs_to(:firmware, Firmware)\n    field(:name, :string)\n"
        "    embeds_one :conditions, Conditions do\n      field(:version, :string)\n    end\n"
        "  end\nend\n"
    )
    model = _one("lib/app/deployment_group.ex", text)
    assert {"firmware_id", "name", "conditions"} <= set(model.columns)
    assert model.holds(5) and not model.holds(9)


def test_prisma_map_and_table_map() -> None:
    text = (
        'model Session {\n  id String @id\n  expiresAt DateTime @map("expires_at")\n'
        '  // note String\n  @@map("sessions")\n}\n\nmodel Other {\n  id Int @id\n}\n'
    )
    found = {m.name: m for m in models("prisma/schema.prisma", text)}
    assert found["session"].table == "sessions"
    assert set(found["session"].columns) == {"id", "expires_at"}
    assert found["other"].table == "other"


@pytest.mark.parametrize(
    ("text", "table", "columns"),
    [
        pytest.param(
            "@Entity('orders')\nexport class Order {\n  @PrimaryGeneratedColumn()\n  id: number;\n"
            "  @Column({\n    name: 'legacy_note',\n    type: 'text',\n  })\n  note: string;\n"
            "  @ManyToOne(() => User)\n  user: User;\n"
            "  @OneToOne(() => Invoice)\n  invoice: Invoice;\n}\n",
            "orders",
            # a @ManyToOne's side holds the key: userId (TypeORM's naming); a @OneToOne
            # without @JoinColumn is the inverse side, no column (regulated-professions)
            {"id", "legacy_note", "userid"},
            id="typeorm",
        ),
        pytest.param(
            "@DefaultScope(() => ({\n  include: [],\n}))\n"
            '@Table({ tableName: "users", modelName: "user" })\n@Fix\n'
            "class User extends ParanoidModel {\n  @Length({ max: 255 })\n  @Column\n"
            "  name: string;\n\n  get isAdmin() {\n    return true;\n  }\n}\n",
            "users",
            {"name"},
            id="sequelize-typescript",
        ),
        pytest.param(  # grouparoo (round V): a decorated accessor is a column
            '@Table({ tableName: "imports" })\nexport class Import extends Model {\n'
            "  @Column(DataType.TEXT)\n  // rawData: string;\n  get rawData(): Data {\n"
            '    return JSON.parse(this.getDataValue("rawData") || "{}");\n  }\n'
            "  set rawData(value: Data) {\n"
            '    this.setDataValue("rawData", JSON.stringify(value));\n  }\n'
            "  @Column\n  recordId: string;\n}\n",
            "imports",
            {"rawdata", "recordid"},
            id="sequelize-typescript-accessor",
        ),
    ],
)
def test_decorated_entities(text: str, table: str, columns: set[str]) -> None:
    model = _one("src/model.ts", text)
    assert model.table == table and set(model.columns) == columns


def test_a_base_entity_without_a_table_is_a_mixin() -> None:
    text = "export abstract class IdModel {\n  @PrimaryKey\n  @Column\n  id: string;\n}\n"
    (model,) = models("src/base.ts", text)
    assert model.mixin and set(model.columns) == {"id"}


def test_unparsable_python_gives_nothing() -> None:
    assert models("app/models.py", "class (:\n") == []


def test_candidates_are_declarations_and_column_lines() -> None:
    lines = [
        ("app/models.py", 3, "    __tablename__ = 'orders'"),
        ("app/mixins.py", 2, "    note = Column(Text)"),
        ("app/views.py", 9, "    return order.note"),
        ("docs/x.rb", 1, "class Order"),
    ]
    assert candidates(lines, {"note"}) == {"app/models.py", "app/mixins.py"}


def test_go_structs_named_by_table_name() -> None:
    """kratos (pop): `db:"messages"` tags; gorm's `column:`; `db:"-"` maps nothing; a
    struct that embeds another may inherit columns and is not read."""
    text = (
        "package login\n\ntype Flow struct {\n"
        '\tID uuid.UUID `json:"id" db:"id"`\n'
        '\tMessages text.Messages `json:"messages" db:"messages"`\n'
        '\tReturnTo string `json:"return_to" db:"-"`\n'
        '\tOwner string `gorm:"type:text;column:owner_ref"`\n'
        "\tCreatedAt time.Time\n}\n\n"
        'func (Flow) TableName() string { return "selfservice_login_flows" }\n\n'
        "type Other struct {\n\tgorm.Model\n\tName string\n}\n\n"
        'func (o *Other) TableName(ctx context.Context) string {\n\treturn "others"\n}\n'
    )
    model = _one("selfservice/flow/login/flow.go", text)
    assert model.table == "selfservice_login_flows"
    assert set(model.columns) == {"id", "messages", "owner_ref", "created_at"}


JAVA_ENTITY = """package org.example.entities;

import javax.persistence.*;

/** The {@code event} table; a brace in a comment: { */
@Entity
@Table(name = "event", schema = "public")
public class EventEntity extends BaseEntity<Long> implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String SQL = "select { from x";
    private Long id;
    private String orcid;
    @Transient
    private String display;
    private transient String cached;
    private int[] weights = {1, 2};

    @Id
    @SequenceGenerator(name = "event_seq", sequenceName = "event_seq")
    public Long getId() { return id; }

    @Column(name = "redirect_url")
    public String getRedirectUrl() { return redirectUrl; }

    public boolean isPublicPage() { return publicPage; }

    public void setLabel(String label) { this.label = label; }

    public String label(int n) { return label; }

    @ManyToOne
    private UserEntity owner;

    @ManyToOne
    @JoinColumn(name = "client_details_id")
    private ClientEntity client;

    @OneToMany(mappedBy = "event")
    private List<TagEntity> tags;

    static class Inner {
        private String innerField;
    }
}
"""


def test_jpa_entity_fields_getters_and_names() -> None:
    found = {m.name: m for m in models("src/EventEntity.java", JAVA_ENTITY)}
    event = found["evententity"]
    assert (event.table, event.mixin, event.extends, event.opaque) == (
        "event",
        False,
        "baseentity",
        False,
    )
    assert set(event.columns) == {
        "id", "orcid", "weights", "redirect_url", "redirecturl", "publicpage",
        "owner", "owner_id", "client_details_id", "client",
    }  # fmt: skip
    assert (
        event.columns["redirect_url"]
        == JAVA_ENTITY.splitlines().index('    @Column(name = "redirect_url")') + 1
    )
    assert found["inner"].mixin and not found["inner"].columns  # a plain class lends none


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "@MappedSuperclass\npublic abstract class BaseEntity<T extends Serializable> {\n"
            '    @Column(name = "last_modified")\n    public Date getLastModified() {\n'
            "        return lastModified;\n    }\n}\n",
            ("baseentity", None, True, "", False, {"last_modified", "lastmodified"}),
        ),
        (
            "@Entity\npublic class Account extends com.acme.Auditable {\n"
            "    @Embedded\n    private Address address;\n}\n",
            ("account", None, False, "auditable", True, {"address"}),
        ),
        (
            '@Entity\n@Table(name = "users")\nclass User(\n    @Id val id: Long,\n'
            '    @Column(name = "full_name") var name: String,\n    @Transient val temp: Int,\n'
            ") : BaseModel() {\n    var lastSeen: Instant? = null\n}\n",
            ("user", "users", False, "basemodel", False, {"id", "full_name", "name", "lastseen"}),
        ),
        (  # an annotation's arguments hold commas (hmpps-activities-management-api, round U)
            '@Entity\n@Table(name = "exclusion")\ndata class Exclusion(\n  @Id\n'
            "  val exclusionId: Long = 0,\n\n  @ManyToOne\n"
            '  @JoinColumn(name = "activity_schedule_slot_id", nullable = false)\n'
            "  val activityScheduleSlot: ActivityScheduleSlot,\n\n"
            "  @ManyToOne\n  @Transient\n  val gone: Other,\n)\n",
            (
                "exclusion",
                "exclusion",
                False,
                "",
                False,
                {"exclusionid", "activity_schedule_slot_id", "activityscheduleslot"},
            ),
        ),
        (  # a default value holding a lambda (familie-ks-sak's VilkårResultat, round X)
            '@Entity\n@Table(name = "vilkar_resultat")\nclass VilkarResultat(\n'
            "    @Id val id: Long = 0,\n"
            "    var vurderesEtter: Regelverk? = person?.let { it.regelverk() },\n"
            '    @Column(name = "regelsett")\n    var regelsett: Regelsett,\n'
            ") : BaseEntitet() {\n    fun harTom() = tom?.let { true } ?: false\n}\n",
            (
                "vilkarresultat",
                "vilkar_resultat",
                False,
                "baseentitet",
                False,
                {"id", "vurderesetter", "regelsett"},
            ),
        ),
        (  # an annotation's arguments hold braces (OpenClinica's RuleActionBean, round X)
            '@Entity\n@Table(name = "rule_action")\n@GenericGenerator(name = "g", '
            'parameters = { @Parameter(name = "sequence", value = "s") })\n'
            "public class RuleActionBean extends Base {\n    private String summary;\n}\n",
            ("ruleactionbean", "rule_action", False, "base", False, {"summary"}),
        ),
    ],
    ids=[
        "mapped-superclass",
        "embedded",
        "kotlin",
        "kotlin-annotation-arguments",
        "kotlin-lambda",
        "annotation-braces",
    ],
)
def test_jpa_superclasses_embedded_and_kotlin(text: str, expected: tuple[object, ...]) -> None:
    path = "src/Model.kt" if "val " in text else "src/Model.java"
    m = models(path, text)[0]
    assert (m.name, m.table, m.mixin, m.extends, m.opaque, set(m.columns)) == expected


def test_a_base_entity_without_semicolons_lends_its_columns() -> None:
    """medusa (round W): ``SoftDeletableEntity`` declares ``deleted_at`` with TypeORM's
    ``@DeleteDateColumn`` and no semicolons; every entity that extends it maps the column."""
    text = (
        'import { DeleteDateColumn } from "typeorm"\n\n'
        "export abstract class SoftDeletableEntity extends BaseEntity {\n"
        '  @DeleteDateColumn({ type: resolveDbType("timestamptz") })\n'
        "  deleted_at: Date | null\n}\n"
    )
    (model,) = models("src/soft-deletable-entity.ts", text)
    assert model.mixin and set(model.columns) == {"deleted_at"}
    line = ("src/soft-deletable-entity.ts", 5, "  deleted_at: Date | null")
    assert candidates([line], {"deleted_at"}) == {"src/soft-deletable-entity.ts"}


def test_a_python_2_model_file_is_read() -> None:
    """beaker (round AV): the release's SQLAlchemy models were Python 2 (`except E, e:`,
    `print "…"`, `0755`), which Python 3 cannot parse: no model was read, and four NOT
    NULLs its models declared read as breaks."""
    from rollback_gate.checks import declared

    text = (
        "import os\nfrom sqlalchemy import Column, Integer, Unicode\n\n\n"
        "class Job(DeclarativeMappedObject):\n"
        "    __tablename__ = 'job'\n"
        "    id = Column(Integer, primary_key=True)\n"
        "    dirty_version = Column(Unicode(36), nullable=False)\n\n"
        "    def save(self):\n"
        "        try:\n            os.chmod('x', 0755)\n"
        '        except OSError, e:\n            print "failed", e\n'
        "        exec 'pass'\n        return `self.id` <> 1L\n"
    )
    (job,) = [m for m in declared.models("model/scheduler.py", text) if m.table == "job"]
    assert "dirty_version" in job.never_null


def test_a_django_model_with_history_declares_its_historical_table_too() -> None:
    """obico-server 0010 (round AX): django-simple-history's ``historicalprinter`` copies
    the Printer's fields as the code saved them; a field the model never leaves NULL is
    never NULL in its history either, less the fields ``excluded_fields`` names."""
    text = (
        "from django.db import models\nfrom simple_history.models import HistoricalRecords\n\n"
        "class Printer(models.Model):\n"
        "    name = models.CharField(max_length=9)\n"
        "    seen = models.DateTimeField(auto_now_add=True)\n"
        "    note = models.TextField(null=True)\n"
        "    if os.environ.get('HISTORY') == 'True':\n"
        "        history = HistoricalRecords(excluded_fields=['seen'])\n\n"
        "class Plain(models.Model):\n    name = models.CharField(max_length=9)\n"
    )
    found = {m.name: m for m in models("app/models.py", text)}
    history = found["historicalprinter"]
    assert history.maps("app_historicalprinter", "historicalprinter")
    assert history.never_null == {"name"} and {"note", "history_date"} <= set(history.columns)
    assert "seen" not in history.columns
    assert "historicalplain" not in found
    named = models("app/models.py", text.replace("excluded_fields=['seen']", "table_name='h_p'"))
    assert {m.table for m in named if m.name == "historicalprinter"} == {"h_p"}


@pytest.mark.parametrize(
    ("options", "never_null"),
    [
        ('{ nullable: true, default: "PREMIERE_DOM" }', True),  # domifa (round CA)
        ("{ type: 'timestamptz', default: () => 'CURRENT_TIMESTAMP' }", True),
        ("{ nullable: true, defaultValue: 0 }", True),  # Sequelize's
        ("{ nullable: true, default: null }", False),
        ("{ nullable: true }", False),
        # rootspace (round CG): TypeORM makes a column NOT NULL unless it says otherwise
        ("'integer'", True),
        ("{ type: 'integer', nullable: false }", True),
        ("{ type: 'integer', nullable: isOptional }", False),
    ],
    ids=[
        "default",
        "default-function",
        "default-value",
        "default-null",
        "none",
        "plain",
        "not-nullable",
        "nullable-unknown",
    ],
)
def test_a_typeorm_column_with_a_default_is_never_null(options: str, never_null: bool) -> None:
    """The column TypeORM made from ``default:`` holds that DEFAULT, which every insert that
    leaves the property unset gets: an RG222's NOT NULL rejects none of them."""
    from rollback_gate.checks import declared

    text = (
        'import { Column, Entity } from "typeorm";\n\n@Entity({ name: "usager" })\n'
        f"export class UsagerTable {{\n  @Column({options})\n  typeDom: string;\n}}\n"
    )
    (model,) = declared.models("src/usager.typeorm.ts", text)
    assert ("typedom" in model.never_null) is never_null
    # (sequelize-typescript's `@Column` allows NULL unless it says `allowNull: false`)
    other = text.replace('from "typeorm"', 'from "sequelize-typescript"')
    (model,) = declared.models("src/usager.model.ts", other)
    assert ("typedom" in model.never_null) is (never_null and options != "'integer'")


SEQUELIZE_INIT = """import { DataTypes, Model, UUIDV4 } from 'sequelize'
export class Patient extends Model<PatientAttributes> {
  dob?: string
}
Patient.init(
  {
    id: { type: DataTypes.UUID, defaultValue: UUIDV4, primaryKey: true },
    firstName: {
      type: DataTypes.STRING // the name, {braces in a comment}
    },
    dob: { type: DataTypes.DATEONLY },
    fullName: { type: DataTypes.VIRTUAL },
    schoolID: DataTypes.INTEGER,
    'code': { type: DataTypes.STRING(12), field: 'patient_code', allowNull: false },
  },
  { sequelize: connect, tableName: 'patients', timestamps: true }
)
Sentry.init({ dsn: 'https://x' })
// Other.init({ a: DataTypes.STRING }, { sequelize })
"""


def test_a_sequelize_init_model_declares_its_columns_and_their_types() -> None:
    """otz-server (round CE): ``Patient.init({ dob: { type: DataTypes.DATEONLY } }, {
    tableName: 'patients' })``; not a virtual attribute, nor another library's ``init``."""
    [patient] = models("src/models/patients.models.ts", SEQUELIZE_INIT)
    assert (patient.name, patient.table, patient.opaque) == ("patient", "patients", True)
    assert set(patient.columns) == {
        "id", "firstname", "dob", "schoolid", "patient_code", "createdat", "updatedat"
    }  # fmt: skip
    assert patient.types["dob"] == "date"
    assert patient.types["patient_code"] == "varchar(12)"
    assert patient.never_null == {"id", "patient_code"}


def test_a_sequelize_class_s_super_init_with_the_sequelize_namespace_s_types() -> None:
    """mila-plus-backend (round CK): ``class Vacation extends Model { static init(sequelize)
    { super.init({ date_from: Sequelize.STRING, … }, { sequelize }) } }``: the class's own
    model, its types from the ``Sequelize`` namespace."""
    text = (
        "import Sequelize, { Model } from 'sequelize'\n\nclass Vacation extends Model {\n"
        "  static init(sequelize) {\n    super.init(\n      {\n"
        "        id: { type: Sequelize.UUID, defaultValue: Sequelize.UUIDV4, primaryKey: true },\n"
        "        date_from: Sequelize.STRING,\n      },\n      { sequelize }\n    )\n"
        "    return this\n  }\n}\nexport default Vacation\n"
    )
    [vacation] = models("src/app/models/Vacation.js", text)
    assert (vacation.name, vacation.table) == ("vacation", "vacations")
    assert vacation.types["date_from"] == "varchar(255)"


@pytest.mark.parametrize(
    ("options", "table", "columns"),
    [
        ("{ underscored: true, paranoid: true }", "users",
         {"id", "password_hash", "created_at", "updated_at", "deleted_at"}),
        ("{ freezeTableName: true, timestamps: false }", "user", {"id", "passwordhash"}),
        ("{ tableName: 'accounts', updatedAt: false }", "accounts",
         {"id", "passwordhash", "createdat"}),
    ],
)  # fmt: skip
def test_a_sequelize_define_names_its_table_and_adds_its_own_columns(
    options: str, table: str, columns: set[str]
) -> None:
    text = (
        "const User = sequelize.define('user', {\n"
        f"  passwordHash: DataTypes.STRING(64),\n}}, {options})\n"
    )
    [user] = models("src/user.js", text)
    assert (user.table, set(user.columns)) == (table, columns)


def test_a_sequelize_attribute_list_not_seen_whole_makes_no_model() -> None:
    text = "const User = sequelize.define('user', { ...common, name: DataTypes.STRING })\n"
    assert models("src/user.js", text) == []
