"""Which columns the code's ORM models map, read from the base commit's text (never run).

An ORM reads and writes only the columns its model declares: an Ecto ``schema`` without
the ``field``, a Prisma ``model`` without the field, a SQLAlchemy or Django class without
the attribute, a TypeORM or sequelize-typescript entity without the decorated property.
When the base release's model of a table is found and does not declare a column, the ORM
no longer touches it, whatever else in the code spells the same word (a getter, another
model's field, a JSON key). :mod:`rollback_gate.checks.dropped` then counts only raw SQL
as a use. When the model declares it, that declaration is the reference to cite.

Python files are read with :mod:`ast`; the others with patterns over their declaration
blocks. A class that declares columns but maps no table (a mixin, an abstract model, a
base entity) may lend them to any model: a column declared there is never called unmapped.
ActiveRecord and Eloquent declare no columns (they map every one): not read here.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rollback_gate import lazyre
from rollback_gate.migrations.base import matching_bracket, parse_quietly, top_level_items
from rollback_gate.migrations.js import SOURCES

SUFFIXES = (".py", ".ex", ".exs", ".prisma", ".ts", ".js", ".mts", ".go", ".hbm.xml")


@dataclass(frozen=True)
class Model:
    """One model (or mixin) class: where it is, the table it maps, the columns it declares."""

    path: str
    line: int
    name: str  # the class or model name, lower-case
    table: str | None  # the table it names explicitly, lower-case
    mixin: bool  # maps no table: its columns may be inherited by any model
    columns: Mapping[str, int]  # lower-case column name → line
    end: int = 0  # the block's last line (0: its first)
    indent: int = -1  # the indentation of the block's members (-1: not known)
    # Modules its base classes are imported from, other than the ORM's own (Python):
    # a package outside the repository may lend it columns no file here shows.
    bases_from: tuple[str, ...] = ()
    # JPA: the class it extends (lower-case, "" for none), whose persistent state it
    # inherits; and whether it holds columns this reader cannot list (an @Embedded object)
    extends: str = ""
    opaque: bool = False
    # The columns the model never leaves NULL: SQLAlchemy's Python-side ``default=`` (or
    # ``insert_default=``), ``nullable=False`` or ``primary_key=True``; Ecto's ``field …,
    # default: v``; a Django field without ``null=True``; JPA's (:func:`_never_null`) and
    # Hibernate's ``not-null="true"``; a Prisma field neither optional nor a list. The ORM
    # writes them whenever the
    # code leaves them unset, or the code always sets them (h's ``pubid``, round V).
    never_null: frozenset[str] = frozenset()
    # JPA: the members it leaves unmapped on purpose (``@Transient``, ``transient``), lower
    # case: a name written there is no column (hmpps-education-and-work-plan-api's
    # ``@Transient var notes``, round AZ)
    transient: frozenset[str] = frozenset()
    # Python: the names of the classes it derives from (lower case), whose fields an
    # abstract one lends it (codabench's `ChaHubSaveMixin` in another app, round BU)
    bases: tuple[str, ...] = ()
    # The column types the model declares, where it says them plainly (a Django field's,
    # ``varchar(8)`` for ``CharField(max_length=8)``; a TypeORM or sequelize-typescript
    # decorator's type, or TypeORM's for a property typed ``string``): what it writes
    types: Mapping[str, str] = dataclasses.field(default_factory=dict)

    def member(self, text: str) -> bool:
        """Whether a line of the block sits at its members' depth (not in a method)."""
        return self.indent < 0 or len(text) - len(text.lstrip()) == self.indent

    def holds(self, line: int) -> bool:
        """Whether ``line`` lies in the model's block: a name written there that the
        parser did not read as a column may still be one."""
        return self.line <= line <= max(self.line, self.end)

    def maps(self, table: str, model: str) -> bool:
        """Whether this model is the one of ``table`` (whose conventional model is
        ``model``): by its explicit table name, else by its own name."""
        if self.mixin:
            return False
        if self.table is not None:
            # (a SQL step's quoted name keeps only identifier characters, as the SQL reader
            # spells it: cirmo-dpia's `@Entity('pia-intake')` is its "pia-intake", round BO)
            return self.table == table.lower() or UNSPELLED.sub("_", self.table) == table.lower()
        return self.name in (model.lower(), table.lower(), table.lower().replace("_", ""))


def models(path: str, text: str) -> list[Model]:
    """The models and mixins declared in ``text`` (a file at ``path``)."""
    if path.endswith(".py"):
        return _python(path, text)
    if path.endswith((".ex", ".exs")):
        return _ecto(path, text)
    if path.endswith(".prisma"):
        return _prisma(path, text)
    if path.endswith((".ts", ".js", ".mts")):
        return _decorated(path, text) + _sequelize(path, text)
    if path.endswith(".go"):
        return _go(path, text)
    if path.endswith((".java", ".kt")):
        return jpa(path, text)
    if path.endswith(".hbm.xml"):
        return _hibernate(path, text)
    return []


# -- Hibernate's XML mappings --------------------------------------------------------------

UNSPELLED = lazyre.compile(r"[^\w.$]")  # (what the SQL reader makes "_" in a quoted name)
_HBM_CLASS = lazyre.compile(
    r"<(class|joined-subclass|union-subclass)\b([^>]*)>(.*?)</\1>", re.DOTALL | re.IGNORECASE
)
_HBM_SUBCLASS = lazyre.compile(  # (nested in a class: found apart, with their own table)
    r"<(joined-subclass|union-subclass)\b([^>]*)>(.*?)</\1>", re.DOTALL | re.IGNORECASE
)
_HBM_NESTED = lazyre.compile(
    r"<(joined-subclass|union-subclass|set|list|bag|idbag|map|array|primitive-array)\b"
    r"[^>]*?(?:/>|>.*?</\1>)",
    re.DOTALL | re.IGNORECASE,
)
_HBM_MEMBER = lazyre.compile(
    r"<(id|property|many-to-one|one-to-one|version|timestamp|key-property|key-many-to-one"
    r"|natural-id|column)\b([^>]*)>",
    re.IGNORECASE,
)
_HBM_ATTR = lazyre.compile(r"\b([\w-]+)\s*=\s*\"([^\"]*)\"")


def _hibernate(path: str, text: str) -> list[Model]:
    """Hibernate ``*.hbm.xml`` mappings: each ``<class table="t">`` (or joined subclass) is
    a model of ``t``, its columns those its properties name (``column="c"``, a nested
    ``<column name="c">``, else the property's own name, Hibernate's default); a
    ``<subclass>`` maps into its class's table; a collection's ``<key>`` and columns are
    its own table's (dhis2's ``User.hbm.xml`` mapping ``userinfo.twoFA``, round Y)."""
    out: list[Model] = []
    blocks = [*_HBM_CLASS.finditer(text), *_HBM_SUBCLASS.finditer(text)]
    for m in blocks:
        attrs = dict(_HBM_ATTR.findall(m.group(2)))
        name = attrs.get("name", "").rsplit(".", 1)[-1].lower()
        table = attrs.get("table", "").strip('`"').lower() or None
        body = _HBM_NESTED.sub(lambda n: "\n" * n.group(0).count("\n"), m.group(3))
        at = m.start(3)
        columns: dict[str, int] = {}
        never_null: set[str] = set()
        for member in _HBM_MEMBER.finditer(body):
            kind, said = member.group(1).lower(), dict(_HBM_ATTR.findall(member.group(2)))
            column = (said.get("column") or said.get("name", "")).strip('`"').lower()
            if not column:
                continue
            line = text.count("\n", 0, at + member.start()) + 1
            columns.setdefault(column, line)
            if said.get("not-null") == "true" or kind == "id":
                never_null.add(column)
        end = text.count("\n", 0, m.end()) + 1
        out.append(Model(path, text.count("\n", 0, m.start()) + 1, name, table, False, columns,
                         end, never_null=frozenset(never_null)))  # fmt: skip
    return out


# A grep line that may open a model block of a table or model it names.
DECLARES = lazyre.compile(
    r"__tablename__|db_table|\b(?:typed_)?schema\s+\"|@@map|^\s*model\s+\w+\s*\{|@Table\b|@Entity\b"
    r"|\bclass\s+\w+|\bdefmodule\s|\bTableName\b|<(?:class|joined-subclass|union-subclass)\b",
)
# A grep line that may declare a column (in a mixin as much as a model).
COLUMN_LINE = lazyre.compile(
    r"^\s*(?:\w+\s*(?::[^=]*)?=\s*(?:[\w.]*\.)?(?:Column|mapped_column|\w*Field|ForeignKey)\("
    r"|\w+\s*:\s*Mapped\["
    r"|(?:field|belongs_to|embeds_one|embeds_many)\s+:\w+"
    r"|(?:(?:public|private|protected|readonly|declare)\s+)*\w+[?!]?\s*:\s*[\w<>\[\]|. ]+(?:;|\s*$)"
    r"|\w+\s+\w+[?\[\]]*(?:\s+@|\s*$))"
)


def candidates(lines: Iterable[tuple[str, int, str]], column_words: set[str]) -> set[str]:
    """Files worth reading for models: a grep line there may open a model block, or may
    declare one of ``column_words``."""
    out: set[str] = set()
    for path, _, text in lines:
        if not path.endswith(SUFFIXES) or path in out:
            continue
        if DECLARES.search(text):
            out.add(path)
        elif COLUMN_LINE.match(text):
            low = text.lower()
            if any(w in low for w in column_words):
                out.add(path)
    return out


# -- JVM and .NET: which classes are persistent at all ----------------------------------

JVM = (".java", ".kt", ".kts", ".scala", ".groovy", ".cs")
JVM_CLASS = lazyre.compile(r"\b(?:class|record)\s+(\w+)")
_PERSISTENT = lazyre.compile(
    r"@(?:Entity|Table|MappedSuperclass|Embeddable|Document)\b|\[Table\(|\bDbSet<"
    r"|\bextends\s+(?:\w+\.)?(?:JpaRepository|CrudRepository)\b"
)


TS = SOURCES
# (and the variable a `define(…)` is assigned to: `const WhitelistEmail =
# sequelize.define('whitelist_email', …)`, the model lunch's code calls, round BS: a miss)
TS_DECLARED = lazyre.compile(
    r"\b(?:class|interface|type|enum)\s+(\w+)|\bdefine\s*\(\s*['\"`](\w+)"
    r"|\b(?:const|let|var)\s+(\w+)\s*=\s*(?:\w+\s*\.\s*)*define\s*\("
)


def declared_classes(path: str, text: str) -> set[str]:
    """Classes (lower-case) a JVM/.NET file declares; for TypeScript and JavaScript also
    interfaces, types and Sequelize ``define('Name', …)`` models (and the variable given
    one); a Prisma schema's models."""
    if path.endswith(JVM):
        return {m.group(1).lower() for m in JVM_CLASS.finditer(text)}
    if path.endswith(TS):
        return {next(g for g in m.groups() if g).lower() for m in TS_DECLARED.finditer(text)}
    if path.endswith(".prisma"):
        return {m.group(1).lower() for m in _PRISMA_MODEL_NAME.finditer(text)}
    return set()


_PRISMA_MODEL_NAME = lazyre.compile(r"^\s*model\s+(\w+)", re.MULTILINE)


def plain_classes(path: str, text: str) -> set[str]:
    """Classes (lower-case) a JVM, .NET, TypeScript or JavaScript file declares with no
    persistence mark: a DTO or a message named like a table's model is not its mapping
    (kestra's ``WorkerInstance`` queue message, once the table's repository was gone;
    beabee's ``interface ManualPaymentData``, round J). In TypeScript and JavaScript an
    interface or type never maps a table, and a class only with ``@Entity`` just above it,
    ``extends Model`` (or a base model of the project's, ``BaseModel``) or
    ``X.init(``/``define('X'``."""
    if path.endswith(JVM):
        spring = "org.springframework.data" in text and _ID_MEMBER.search(text) is not None
        return set() if spring or _PERSISTENT.search(text) else declared_classes(path, text)
    if not path.endswith(TS):
        return set()
    plain = set()
    for m in TS_DECLARED.finditer(text):
        name = next(g for g in m.groups() if g)
        if m.group(2) or m.group(3):  # define('Name', …): Sequelize's model
            continue
        head = _flat(text[max(0, m.start() - 2000) : m.start()])
        tail = text[m.end() : m.end() + 120]
        if m.group(0).startswith("class") and (
            re.search(r"@(?:Child|View)?Entity\b[^\n]*\n(?:\s*@[^\n]*\n)*\s*(?:export\s+)?"
                      r"(?:default\s+)?(?:abstract\s+)?$", head)
            # (or a project's base model: `extends BaseModel<…>`, traditional-knowledge's
            # Sequelize 7 models, whose `UserPermission` read as a DTO, round BU: a miss)
            or re.match(r"\s+extends\s+(?:\w+\.)?\w*Model\b", tail)
            or re.search(rf"\b{re.escape(name)}\.init\s*\(", text)
        ):  # fmt: skip
            continue
        plain.add(name.lower())
    return plain


# -- Python: SQLAlchemy and Django ---------------------------------------------------------

_SQLA_COLUMNS = frozenset({"Column", "mapped_column"})
_DJANGO_NO_COLUMN = frozenset({"GenericRelation", "GenericForeignKey"})
_DJANGO_KEYS = frozenset({"ForeignKey", "OneToOneField", "ParentalKey", "TreeForeignKey"})


def _django_key(name: str) -> bool:
    """Whether a Django field class is a key (its column ``<name>_id``): Django's, and a
    project's own named so (ESP-Website's ``AjaxForeignKey``, round CH)."""
    return name in _DJANGO_KEYS or (name.endswith("ForeignKey") and name not in _DJANGO_NO_COLUMN)


def _python(path: str, text: str) -> list[Model]:
    tree = _parsed(text)
    if tree is None:
        return []
    imported = _imports(tree)
    # SQLModel: every annotated attribute of its classes is a field, a column where the
    # class is a table (gpustack's `embedding_only: Annotated[bool, …]` on a base of the
    # `Model` table, dropped while the scheduler wrote it: round BV, lowered to P3)
    sqlmodel = any(m.split(".")[0] == "sqlmodel" for m in imported.values())
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ClassDef)
            and (model := _python_class(path, node, sqlmodel=sqlmodel)) is not None
        ):
            roots = {_root(b) for b in node.bases} - {""}
            modules = {imported[r] for r in roots if r in imported}
            kept = tuple(sorted(m for m in modules if m.split(".")[0] not in _ORM_PACKAGES))
            out.append(dataclasses.replace(model, bases_from=kept) if kept else model)
            if (history := _history(node, model)) is not None:
                out.append(history)
    return out


_HISTORY_COLUMNS = ("history_id", "history_date", "history_type", "history_change_reason",
                    "history_user_id")  # fmt: skip


def _history(node: ast.ClassDef, model: Model) -> Model | None:
    """The table django-simple-history keeps for a model with ``history =
    HistoricalRecords()``: ``<app>_historical<model>`` (or its ``table_name=``), each row a
    copy of the instance's fields (less ``excluded_fields=``) as the code saved it, so a
    field the model never leaves NULL is never NULL there either (obico's
    ``historicalprinter``, round AX)."""
    if model.mixin:
        return None
    # (in the class body, or under an `if` there: obico's `if os.environ.get(…) == 'True':`)
    body = [*node.body, *(s for i in node.body if isinstance(i, ast.If) for s in i.body)]
    for stmt in body:
        _, value = _assignment(stmt)
        if isinstance(value, ast.Call) and _call_name(value) == "HistoricalRecords":
            break
    else:
        return None
    excluded = _keyword(value, "excluded_fields")
    left = (
        {s.lower() for e in excluded.elts if (s := _string(e))}
        if isinstance(excluded, (ast.List, ast.Tuple))
        else set()
    )
    if excluded is not None and not isinstance(excluded, (ast.List, ast.Tuple)):
        return None  # the fields it leaves out are not known here
    if _keyword(value, "custom_model_name") is not None:
        return None
    table = _string(_keyword(value, "table_name"))
    columns = {c: n for c, n in model.columns.items() if c not in left}
    columns |= {c: stmt.lineno for c in _HISTORY_COLUMNS}
    return Model(model.path, stmt.lineno, f"historical{model.name}", table and table.lower(),
                 False, columns, stmt.lineno, -1,
                 never_null=frozenset(c for c in model.never_null if c not in left),
                 types={c: t for c, t in model.types.items() if c not in left})  # fmt: skip


# Python 2's spellings Python 3 cannot parse, written the way Python 3 says the same: an
# older release's models are read as evidence (beaker's 2014 models, round AV: `except
# InvalidRequestError, e:`), never run
_PY2 = (
    (lazyre.compile(r"^([ \t]*except\b[^,:\n]*),[ \t]*(\w+)[ \t]*:", re.M), r"\1 as \2:"),
    (lazyre.compile(r"^([ \t]*)print\b[ \t]+(?![(=\s])(.*)$", re.M), r"\1print(\2)"),
    (lazyre.compile(r"^([ \t]*)exec\b[ \t]+(?![(=\s])(.*)$", re.M), r"\1exec(\2)"),
    (lazyre.compile(r"(?<![\w.'\"])0([0-7]+)\b(?!\.)"), r"0o\1"),
    (lazyre.compile(r"\b[uU][rR](['\"])"), r"r\1"),
    (lazyre.compile(r"(?<=\d)[lL]\b"), ""),
    (lazyre.compile(r"<>"), "!="),
)
_BLANKED_LINES = 8  # lines left out, at most, where Python 2's code still does not parse


def _parsed(text: str) -> ast.Module | None:
    """``text`` parsed; a Python 2 module as Python 3 reads the same (:data:`_PY2`), the
    few lines that still fail left out (a model's columns are rarely among them)."""
    try:
        return parse_quietly(text)
    except (SyntaxError, ValueError, RecursionError):
        pass
    for pattern, replacement in _PY2:
        text = pattern.sub(replacement, text)
    lines = text.split("\n")
    for _ in range(_BLANKED_LINES + 1):
        try:
            return parse_quietly("\n".join(lines))
        except SyntaxError as exc:
            at = (exc.lineno or 0) - 1
            if not 0 <= at < len(lines) or not lines[at].strip():
                return None
            indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
            lines[at] = f"{indent}pass"
        except (ValueError, RecursionError):
            return None
    return None


# Packages whose base classes (``models.Model``, ``DeclarativeBase``, ``db.Model``) lend a
# model no column of the application's.
_ORM_PACKAGES = frozenset(
    {"django", "sqlalchemy", "flask_sqlalchemy", "sqlmodel", "peewee", "tortoise", "typing",
     "abc", "enum", "dataclasses", "pydantic"}
)  # fmt: skip


def _root(node: ast.expr) -> str:
    """The name a base class expression starts from: ``OrgMixin``, ``models`` of
    ``models.Model``; "" for anything else (a call, a subscript)."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return node.id if isinstance(node, ast.Name) else ""


def _imports(tree: ast.Module) -> dict[str, str]:
    """Module-level names bound by imports → the absolute module they come from (a
    relative import is the repository's own: left out)."""
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                out[alias.asname or alias.name] = node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                out[alias.asname or alias.name.split(".")[0]] = alias.name
    return out


def _call_name(node: ast.AST | None) -> str:
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute):
            return func.attr
        if isinstance(func, ast.Name):
            return func.id
    return ""


def _string(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _keyword(call: ast.Call, name: str) -> ast.AST | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _python_class(path: str, node: ast.ClassDef, *, sqlmodel: bool = False) -> Model | None:
    table: str | None = None
    abstract = False
    columns: dict[str, int] = {}
    never_null: set[str] = set()
    types: dict[str, str] = {}
    for stmt in node.body:
        target, value = _assignment(stmt)
        if target == "__tablename__":
            table = _string(value)
            if table is None:  # computed (declared_attr …): not known here
                return None
        elif target == "__table__" and isinstance(value, ast.Call):
            table = _string(value.args[0]) if value.args else None
            for arg in value.args[1:]:
                name = _string(arg.args[0]) if isinstance(arg, ast.Call) and arg.args else None
                if _call_name(arg) == "Column" and name is not None:
                    columns[name.lower()] = arg.lineno
        elif isinstance(stmt, ast.ClassDef) and stmt.name == "Meta":
            for inner in stmt.body:
                key, val = _assignment(inner)
                if key == "db_table":
                    table = _string(val)
                elif key == "abstract" and isinstance(val, ast.Constant) and val.value is True:
                    abstract = True
        elif target is not None:
            fielded = sqlmodel and _sqlmodel_field(stmt, value)
            typ = _django_type(value)
            for column in [target] if fielded else _python_columns(target, stmt, value):
                columns[column.lower()] = stmt.lineno
                if _sqla_never_null(value) or _django_never_null(value) or _mapped_required(stmt):
                    never_null.add(column.lower())
                if typ:
                    types[column.lower()] = typ
    if not columns and table is None:
        return None
    mixin = abstract or (table is None and _mixin(node))
    if sqlmodel and not any(
        k.arg == "table" and isinstance(k.value, ast.Constant) and k.value.value is True
        for k in node.keywords
    ):
        mixin = True  # a SQLModel class without `table=True` maps none: it lends its fields
    if table is None and not mixin and _flask_model(node, columns):
        table = snake(node.name)  # Flask-SQLAlchemy names the table after the class
    end = node.end_lineno or node.lineno
    indent = node.body[0].col_offset if node.body else -1
    name = node.name.lower()
    bases = tuple(
        (b.id if isinstance(b, ast.Name) else b.attr).lower()
        for b in node.bases
        if isinstance(b, (ast.Name, ast.Attribute))
    )
    return Model(path, node.lineno, name, table and table.lower(), mixin, columns, end, indent,
                 never_null=frozenset(never_null), bases=bases, types=types)  # fmt: skip


def _django_type(value: ast.AST | None) -> str:
    """The column type of a Django field (``varchar(8)``), "" for another call or one not
    known (a relation's is its target's key)."""
    name = _call_name(value)
    if not isinstance(value, ast.Call) or not name.endswith("Field") or _django_key(name):
        return ""
    from rollback_gate.migrations.python.django_state import field_type

    return field_type(value)


def _django_never_null(value: ast.AST | None) -> bool:
    """Whether a Django field is never NULL in what the model writes: Django makes every
    field NOT NULL unless ``null=True`` (a many-to-many field has no column)."""
    name = _call_name(value)
    if not (isinstance(value, ast.Call) and (name.endswith("Field") or _django_key(name))):
        return False
    if name in _DJANGO_NO_COLUMN or name == "ManyToManyField":
        return False
    null = _keyword(value, "null")
    return not (isinstance(null, ast.Constant) and null.value is True)


def _sqla_never_null(value: ast.AST | None) -> bool:
    """Whether a SQLAlchemy ``Column``/``mapped_column`` call never leaves the column NULL:
    it gives inserts a value of its own (``default=`` or ``insert_default=`` other than
    ``None``; ``server_default=`` is the database's, which the migrations may never have
    made), or declares it NOT NULL (``nullable=False``, ``primary_key=True``), which the
    schema the application's own tests build from the models enforces on every insert its
    code makes (h's ``group.authority``, round V)."""
    if not (isinstance(value, ast.Call) and _call_name(value) in _SQLA_COLUMNS):
        return False
    given = [_keyword(value, "default"), _keyword(value, "insert_default")]
    if any(g is not None and not (isinstance(g, ast.Constant) and g.value is None) for g in given):
        return True
    nullable, primary = _keyword(value, "nullable"), _keyword(value, "primary_key")
    return (isinstance(nullable, ast.Constant) and nullable.value is False) or (
        isinstance(primary, ast.Constant) and primary.value is True
    )


def _mapped_required(stmt: ast.stmt) -> bool:
    """Whether a SQLAlchemy 2 column is NOT NULL by its annotation: ``Mapped[str]``, not
    ``Mapped[str | None]`` or ``Mapped[Optional[str]]``, and its ``mapped_column`` does not
    say ``nullable=True`` (SQLAlchemy derives ``nullable`` from the annotation: c2cgeoportal's
    ``name: Mapped[str] = mapped_column(Unicode)``, round CG)."""
    if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.annotation, ast.Subscript):
        return False
    outer = stmt.annotation.value
    if not (isinstance(outer, ast.Name) and outer.id == "Mapped") and not (
        isinstance(outer, ast.Attribute) and outer.attr == "Mapped"
    ):
        return False
    inner = stmt.annotation.slice
    if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
        try:
            inner = ast.parse(inner.value, mode="eval").body
        except SyntaxError:
            return False
    if _optional(inner):
        return False
    value = stmt.value
    if value is None:
        return True
    if not (isinstance(value, ast.Call) and _call_name(value) == "mapped_column"):
        return False
    nullable = _keyword(value, "nullable")
    return nullable is None or (isinstance(nullable, ast.Constant) and nullable.value is False)


def _optional(note: ast.AST) -> bool:
    """Whether a type annotation admits None (``X | None``, ``Optional[X]``, ``Union[…,
    None]``, ``None``, or one not read: a string that does not parse)."""
    if isinstance(note, ast.Constant):
        return note.value is None or (isinstance(note.value, str) and "None" in note.value)
    if isinstance(note, ast.BinOp) and isinstance(note.op, ast.BitOr):
        return _optional(note.left) or _optional(note.right)
    if isinstance(note, ast.Subscript):
        outer = note.value
        head = outer.id if isinstance(outer, ast.Name) else getattr(outer, "attr", "")
        if head == "Optional":
            return True
        if head == "Union":
            items = note.slice.elts if isinstance(note.slice, ast.Tuple) else [note.slice]
            return any(_optional(i) for i in items)
    return isinstance(note, ast.Name) and note.id in ("None", "Any")


def _flask_model(node: ast.ClassDef, columns: Mapping[str, int]) -> bool:
    """A direct subclass of Flask-SQLAlchemy's ``db.Model`` (any ``<name>.Model`` but
    Django's ``models.Model``) declaring SQLAlchemy columns: without ``__tablename__``
    the extension names its table after the class (copr's ``Build`` is ``build``,
    round AJ); a subclass of another model may share its table, so is left alone."""
    based = any(
        isinstance(b, ast.Attribute) and b.attr == "Model"
        and isinstance(b.value, ast.Name) and b.value.id != "models"
        for b in node.bases
    )  # fmt: skip
    return (
        based
        and bool(columns)
        and any(_call_name(_assignment(stmt)[1]) in _SQLA_COLUMNS for stmt in node.body)
    )


def _mixin(node: ast.ClassDef) -> bool:
    """A class that lends its columns rather than mapping a table named after itself: no
    base (or ``object``), a ``…Mixin``/``…Base`` name, or ``__abstract__ = True``. Any
    other class with columns is a model whose table the ORM names after the class."""
    if node.name.endswith(("Mixin", "Base", "Mixins")):
        return True
    if all(isinstance(b, ast.Name) and b.id == "object" for b in node.bases):
        return True
    return any(
        _assignment(stmt)[0] == "__abstract__"
        and isinstance(_assignment(stmt)[1], ast.Constant)
        and getattr(_assignment(stmt)[1], "value", None) is True
        for stmt in node.body
    )


def _assignment(stmt: ast.stmt) -> tuple[str | None, ast.AST | None]:
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
        return (target.id if isinstance(target, ast.Name) else None), stmt.value
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id, stmt.value
    return None, None


def _sqlmodel_field(stmt: ast.stmt, value: ast.AST | None) -> bool:
    """Whether a statement of a SQLModel class declares a field: an annotated attribute,
    not a ``ClassVar``, a ``Relationship(…)`` or a private one (``_x``)."""
    if not isinstance(stmt, ast.AnnAssign) or not isinstance(stmt.target, ast.Name):
        return False
    annotation = stmt.annotation
    head = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    kind = head.attr if isinstance(head, ast.Attribute) else getattr(head, "id", "")
    return (
        not stmt.target.id.startswith("_")
        and kind != "ClassVar"
        and _call_name(value) != "Relationship"
    )


def _python_columns(attribute: str, stmt: ast.stmt, value: ast.AST | None) -> list[str]:
    """The column a class attribute declares; a Django key also by its field name, which
    is how a ``RemoveField`` names it, and a many-to-many field by its name (it has no
    column, but ``RemoveField`` of it drops its join table: taiga's ``watchers``, which a
    mixin still declared)."""
    name = _call_name(value)
    if isinstance(value, ast.Call) and name in _SQLA_COLUMNS:
        explicit = _string(value.args[0]) if value.args else None
        return [explicit or attribute]
    if isinstance(value, ast.Call) and (name.endswith("Field") or _django_key(name)):
        if name in _DJANGO_NO_COLUMN:
            return []
        explicit = _string(_keyword(value, "db_column"))
        if explicit:
            return [explicit, attribute]
        return [f"{attribute}_id", attribute] if _django_key(name) else [attribute]
    if value is None and isinstance(stmt, ast.AnnAssign):
        annotation = stmt.annotation
        base = annotation.value if isinstance(annotation, ast.Subscript) else None
        if isinstance(base, ast.Name) and base.id == "Mapped":
            return [attribute]
    return []


# -- Ecto ----------------------------------------------------------------------------------

# ``schema "t" do``, and TypedEctoSchema's ``typed_schema "t" do`` (transport-site, round N)
_ECTO_SCHEMA = lazyre.compile(
    r"^([ \t]*)(embedded_|typed_embedded_)?(?:typed_)?schema\s+(?:\"(\w+)\"\s+)?do\b", re.M
)
_ECTO_FIELD = lazyre.compile(r"^\s*(field|belongs_to|embeds_one|embeds_many)\s*\(?\s*:(\w+)(.*)$")
_ECTO_SOURCE = lazyre.compile(r"\b(?:source|foreign_key):\s*:(\w+)")
_ECTO_DEFAULT = lazyre.compile(r"\bdefault:\s*(?!nil\b)\S")


def _ecto(path: str, text: str) -> list[Model]:
    out = []
    lines = text.splitlines()
    for m in _ECTO_SCHEMA.finditer(text):
        if m.group(2) or not m.group(3):
            continue  # an embedded schema maps no table of its own
        start = text.count("\n", 0, m.start())
        indent = m.group(1)
        columns: dict[str, int] = {}
        never_null: set[str] = set()
        for n in range(start + 1, len(lines)):
            line = lines[n]
            if line.startswith(indent + "end") and line.strip() == "end":
                break
            if re.match(r"\s*timestamps\b", line):
                # Ecto sets both on every insert (cambiatus' products, round AK), under
                # the names `timestamps(inserted_at: :created_at)` gives, or none (`false`)
                for key in ("inserted_at", "updated_at"):
                    named = re.search(rf"\b{key}:\s*(?::(\w+)|(false))", line)
                    if named is None or not named.group(2):
                        column = named.group(1).lower() if named else key
                        columns.setdefault(column, n + 1)
                        never_null.add(column)
            f = _ECTO_FIELD.match(line)
            if f is None:
                continue
            kind, name, rest = f.groups()
            # its options may go on over the next lines (hygeia's `belongs_to :transmission,
            # Transmission,` then `foreign_key: :transmission_uuid,`: round AX)
            more = n + 1
            while rest.rstrip().endswith(",") and more < min(len(lines), n + 6):
                rest += " " + lines[more].strip()
                more += 1
            source = _ECTO_SOURCE.search(rest)
            if source:
                name = source.group(1)
            elif kind == "belongs_to":
                name = f"{name}_id"
            columns[name.lower()] = n + 1
            if kind == "field" and _ECTO_DEFAULT.search(rest):
                never_null.add(name.lower())
        else:
            continue  # no `end`: not a block read here
        model = re.search(r"defmodule\s+([\w.]+)", text[: m.start()])
        name = model.group(1).rsplit(".", 1)[-1].lower() if model else ""
        body = [x for x in lines[start + 1 : n] if x.strip()]
        indent = len(body[0]) - len(body[0].lstrip()) if body else -1
        never_null |= _required_by_every_cast(text) & columns.keys()
        out.append(Model(path, start + 1, name, m.group(3).lower(), False, columns, n + 1, indent,
                         never_null=frozenset(never_null)))  # fmt: skip
    return out


_ECTO_CAST = lazyre.compile(r"\bcast\s*\(")
_ECTO_REQUIRED = lazyre.compile(r"\bvalidate_required\s*\(\s*(?:\w+\s*,\s*)?\[([^\]]*)\]")


def _required_by_every_cast(text: str) -> set[str]:
    """The fields (lower case) that every changeset of an Ecto schema's module requires:
    each ``cast(…)`` of the module matched by a ``validate_required([…])`` that lists them
    (teslamate's ``validate_required([:car_id, :start_date])``, the module's one changeset:
    round BZ, two). A module with a changeset that does not require a field may insert it
    NULL; one whose lists are not written out says nothing."""
    casts = len(_ECTO_CAST.findall(text))
    lists = [
        {a.lower() for a in re.findall(r":(\w+)", m.group(1))}
        for m in _ECTO_REQUIRED.finditer(text)
    ]
    if not casts or len(lists) < casts:
        return set()
    counts: dict[str, int] = {}
    for fields in lists:
        for field in fields:
            counts[field] = counts.get(field, 0) + 1
    return {field for field, n in counts.items() if n >= casts}


# -- Prisma --------------------------------------------------------------------------------

_PRISMA_MODEL = lazyre.compile(r"^model\s+(\w+)\s*\{(.*?)^\}", re.M | re.S)
_PRISMA_FIELD = lazyre.compile(r"^\s*(\w+)\s+(\w+)")
_PRISMA_MAP = lazyre.compile(r"@map\(\s*(?:name:\s*)?\"(\w+)\"")
_PRISMA_TABLE = lazyre.compile(r"^\s*@@map\(\s*(?:name:\s*)?\"(\w+)\"", re.M)
_PRISMA_IGNORE = lazyre.compile(r"(?<!@)@ignore\b")  # teable's from_user (round L)


def prisma_relations(text: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Of a Prisma schema: each model's table (lower case, ``@@map`` or the model's name) →
    the model, and each model → the fields (lower case) of the schema that have it as
    their type (the client writes its rows through them too: ``exam.create({data: {risks:
    {create: …}}})``)."""
    tables: dict[str, str] = {}
    fields: dict[str, set[str]] = {}
    for m in _PRISMA_MODEL.finditer(text):
        mapped = _PRISMA_TABLE.search(m.group(2))
        tables[(mapped.group(1) if mapped else m.group(1)).lower()] = m.group(1)
        for line in m.group(2).splitlines():
            f = _PRISMA_FIELD.match(line)
            if f is not None and not line.strip().startswith("//"):
                fields.setdefault(f.group(2), set()).add(f.group(1).lower())
    return tables, fields


# defaults Prisma's client computes and sends on create (not ``dbgenerated()``, which the
# database applies, and only where it was made: ``autoincrement()`` is the database's too)
_PRISMA_FILLED = lazyre.compile(
    r"@updatedAt\b|@default\(\s*(?:now|uuid|cuid|nanoid|ulid)\s*\([^)]*\)\s*\)"
)


def _prisma(path: str, text: str) -> list[Model]:
    out = []
    # a field whose type is a model (or that says `@relation`) is a relation: no column of
    # its own (gitpoap's `creatorEmail Email? @relation(fields: [creatorEmailId])`, cited
    # as the use of a dropped `creatorEmail` column, round BV)
    models = {m.group(1) for m in _PRISMA_MODEL.finditer(text)}
    for m in _PRISMA_MODEL.finditer(text):
        first = text.count("\n", 0, m.start()) + 1
        body = m.group(2)
        columns: dict[str, int] = {}
        required: set[str] = set()
        for n, line in enumerate(body.splitlines()):
            f = _PRISMA_FIELD.match(line)
            if f is None or line.strip().startswith("//") or _PRISMA_IGNORE.search(line):
                continue  # (an @ignore field is not in the client: nothing reads it)
            if f.group(2) in models or "@relation" in line:
                continue
            mapped = _PRISMA_MAP.search(line)
            column = (mapped.group(1) if mapped else f.group(1)).lower()
            columns[column] = first + n
            if not line[f.end() :].startswith(("?", "[]")) or _PRISMA_FILLED.search(line):
                # a required field: the client writes a value on every create (typebot's
                # Json fields made NOT NULL, round AB); so does an optional one the client
                # fills itself: ``@default(now())``, ``@updatedAt`` (dyrectorio's
                # ``updatedAt DateTime? @updatedAt``, round AL)
                required.add(column)
        table = _PRISMA_TABLE.search(body)
        # Prisma names the table after the model, exactly, unless @@map says otherwise.
        name = table.group(1) if table else m.group(1)
        last = text.count("\n", 0, m.end()) + 1
        out.append(Model(path, first, m.group(1).lower(), name.lower(), False, columns, last,
                         never_null=frozenset(required)))  # fmt: skip
    return out


# -- Go: pop, gorm, sqlx structs with a TableName method -----------------------------------

_GO_TABLE = lazyre.compile(
    r"func\s*\(\s*(?:\w+\s+)?\*?(\w+)\s*\)\s*TableName\s*\([^)]*\)\s*string\s*\{\s*"
    r"return\s+\"(\w+)\""
)
_GO_STRUCT = lazyre.compile(r"^type\s+(\w+)\s+struct\s*\{", re.M)
_GO_FIELD = lazyre.compile(r"^\s*([A-Za-z_]\w*)\s+[^\s`/]+\s*(`[^`]*`)?")
_GO_EMBEDDED = lazyre.compile(r"^\s*\*?[\w.]+\s*(`[^`]*`)?\s*(//.*)?$")
_GO_TAG = lazyre.compile(r"\bdb:\"([\w-]+)|\bgorm:\"[^\"]*\bcolumn:(\w+)")
_GO_TYPE = lazyre.compile(r"^\s*[A-Za-z_]\w*\s+([^\s`/]+)")
# a Go type whose zero value may be written as NULL: a pointer, a slice, a map, an
# interface, raw JSON, or a nullable wrapper (``nulls.String``, ``sql.NullInt64``,
# ``pgtype.Text``, ``uuid.NullUUID``)
_GO_NULLABLE = lazyre.compile(
    r"^(?:\*|\[|map\[|interface\b|any$|func\b|chan\b)|Null|RawMessage|JSONText"
    r"|^(?:nulls|null|zero|pgtype|optional|opt)\."
)


def pop_models(path: str, text: str, pop: bool = False) -> list[Model]:
    """:func:`_go`'s models, and where the app uses pop or gorm (``pop``, or the file
    imports one) those of the structs without a ``TableName()`` too, which map the table
    the ORM names after them (``Move``: ``moves``), each with no table of its own
    (:attr:`Model.table` None): found by its class's name. For what a model never leaves
    NULL only (a struct may map no table)."""
    return _go(path, text, derived=pop or _GO_ORM.search(text) is not None)


_GO_ORM = lazyre.compile(r"\bgobuffalo/pop\b|\bgorm\.io/gorm\b|\bjinzhu/gorm\b")


def _go(path: str, text: str, derived: bool = False) -> list[Model]:
    """Structs whose ``TableName()`` names a table (with ``derived``, every struct): each
    field is a column, by its ``db`` tag (pop, sqlx), gorm's ``column:`` or its name in
    snake case; ``db:"-"`` is none. A struct embedding another may inherit columns from
    it: not read."""
    tables = {m.group(1): m.group(2).lower() for m in _GO_TABLE.finditer(text)}
    if not tables and not derived:
        return []
    out = []
    lines = text.splitlines()
    for m in _GO_STRUCT.finditer(text):
        if m.group(1) not in tables and not derived:
            continue
        start = text.count("\n", 0, m.start())
        columns: dict[str, int] = {}
        written: set[str] = set()  # a column pop or gorm never writes NULL to
        embedded = False
        n = start + 1
        while n < len(lines) and lines[n].strip() != "}":
            line = lines[n]
            stripped = line.strip()
            n += 1
            if not stripped or stripped.startswith("//"):
                continue
            field = _GO_FIELD.match(line)
            if field is None:
                embedded = embedded or _GO_EMBEDDED.match(line) is not None
                continue
            tag = _GO_TAG.search(field.group(2) or "")
            column = (tag.group(1) or tag.group(2)) if tag else snake(field.group(1))
            if column != "-":
                columns[column.lower()] = n
                kind = _GO_TYPE.match(line)
                if tag and kind and not _GO_NULLABLE.search(kind.group(1)):
                    # pop and gorm insert every column of the struct, a zero value for a
                    # field the code left alone (transcom/mymove's `Locator string`,
                    # round BR: six)
                    written.add(column.lower())
        if embedded:
            continue
        indent = next((len(x) - len(x.lstrip()) for x in lines[start + 1 : n] if x.strip()), -1)
        name = m.group(1).lower()
        out.append(Model(path, start + 1, name, tables.get(m.group(1)), False, columns, n,
                         indent, never_null=frozenset(written)))  # fmt: skip
    return out


def snake(name: str) -> str:
    """``GenEmail`` → ``gen_email``, as Flask-SQLAlchemy and gorm name a table or column."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", name).lower()


# -- Sequelize's Model.init and sequelize.define ----------------------------------------------

_SEQUELIZE_MODEL = lazyre.compile(
    r"\b(\w+)\.init\s*\(\s*\{|\.define\s*(?:<[^>]*>)?\s*\(\s*[\"'`](\w+)[\"'`]\s*,\s*\{"
)
_JS_NOISE = lazyre.compile(
    r"//[^\n]*|/\*.*?\*/|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`",
    re.DOTALL,
)
_ATTRIBUTE = lazyre.compile(r"^\s*(?:([A-Za-z_$][\w$]*)|[\"'](\w+)[\"'])\s*:\s*(\S)", re.DOTALL)
_OPTION_STRING = r"\b{}\s*:\s*[\"'`]([\w$]+)[\"'`]"
# (`DataTypes.STRING`, or the class's own `Sequelize.STRING`: mila-plus-backend, round CK)
_DATA_TYPE = lazyre.compile(
    r"\b(?:DataTypes?|Sequelize)\.([A-Z]+)\b(\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))?"
)
_SIZED = {"STRING": "varchar({})", "CHAR": "char({})", "DECIMAL": "numeric({},{})"}


def _sequelize_type(typed: re.Match[str]) -> str:
    """The column type of ``DataTypes.X`` (or ``DataTypes.STRING(64)``), "" where not known."""
    kind, sized, size, scale = typed.groups()
    if not sized:
        return _SEQUELIZE_TYPES.get(kind, "")
    if kind == "DECIMAL":
        return _SIZED[kind].format(size, scale) if scale else ""
    return _SIZED[kind].format(size) if kind in _SIZED else ""


def _sequelize(path: str, text: str) -> list[Model]:
    """Sequelize models declared by ``Model.init({…}, {…})`` or ``sequelize.define('m',
    {…}, {…})``: each attribute's column (its ``field:``, else its name, in snake case
    under ``underscored: true``) and type (``DataTypes.DATEONLY`` is a ``date``), the
    timestamps and primary key Sequelize adds, the table ``tableName:`` names (else the
    model's name, made plural unless ``freezeTableName``). Associations add key columns no
    attribute declares, anywhere in the code, so such a model is ``opaque``: a column it
    does not declare is not known to be unused (otz-server's ``Patient.init`` with ``dob:
    { type: DataTypes.DATEONLY }``, round CE). An attribute list this reader cannot see
    whole (a spread, a variable) makes no model."""
    if ".init" not in text and ".define" not in text:
        return []
    from rollback_gate.migrations.base import plural

    code = _blank(text, _JS_NOISE)
    out = []
    for m in _SEQUELIZE_MODEL.finditer(text):
        if code[m.start()] != text[m.start()]:
            continue  # (in a comment or a string)
        start = m.end() - 1
        end = matching_bracket(code, start, "{", "}")
        attributes = _object_entries(code, text, start + 1, end - 1)
        if attributes is None:
            continue
        after = code[end:]
        options = ""
        o = re.match(r"\s*,\s*\{", after)
        if o is not None:
            at = end + o.end() - 1
            options = text[at : matching_bracket(code, at, "{", "}")]
        if not _DATA_TYPE.search(text[start:end]) or (m.group(1) and "sequelize" not in options):
            continue  # (another library's init: `Sentry.init({ dsn })`)
        underscored = re.search(r"\bunderscored\s*:\s*true\b", options) is not None
        named = re.search(_OPTION_STRING.format("tableName"), options)
        model = m.group(1) or m.group(2)
        if model == "super":  # (`static init(sequelize) { super.init({…}) }` in its class)
            owner = list(re.finditer(r"\bclass\s+(\w+)\s+extends\b", code[: m.start()]))
            if not owner:
                continue
            model = owner[-1].group(1)
        given = re.search(_OPTION_STRING.format("modelName"), options)
        model = given.group(1) if given and m.group(1) else model
        frozen = re.search(r"\bfreezeTableName\s*:\s*true\b", options) is not None
        table = named.group(1) if named else model if frozen else plural(model)
        columns: dict[str, int] = {}
        types: dict[str, str] = {}
        never_null: set[str] = set()
        for key, value, line in attributes:
            typed = _DATA_TYPE.search(value)
            if typed and typed.group(1) == "VIRTUAL":
                continue  # (no column)
            field = re.search(_OPTION_STRING.format("field"), value) if value[:1] == "{" else None
            column = (field.group(1) if field else snake(key) if underscored else key).lower()
            columns[column] = line
            if typed and (typ := _sequelize_type(typed)):
                types[column] = typ
            if re.search(
                r"\ballowNull\s*:\s*false\b|\bprimaryKey\s*:\s*true\b|\bdefaultValue\s*:", value
            ):
                never_null.add(column)
        line = text.count("\n", 0, m.start()) + 1
        for implicit in _implicit_columns(options, underscored, columns):
            columns.setdefault(implicit, line)
        out.append(Model(path, line, model.lower(), table.lower(), False, columns,
                         text.count("\n", 0, end) + 1, opaque=True,
                         never_null=frozenset(never_null), types=types))  # fmt: skip
    return out


def _object_entries(
    code: str, text: str, start: int, end: int
) -> list[tuple[str, str, int]] | None:
    """``(key, value text, line)`` of each entry of the object literal between ``start``
    and ``end`` (``code`` with its comments and strings blanked, ``text`` as written);
    None where one is a spread, a computed key or a shorthand."""
    out = []
    for at, item in top_level_items(code, start, end):
        entry = text[at : at + len(item)]
        if not entry.strip():
            continue
        m = _ATTRIBUTE.match(entry)
        if m is None:
            return None
        key = m.group(1) or m.group(2)
        value = entry[m.start(3) :].strip()
        out.append((key, value, text.count("\n", 0, at + m.start(3)) + 1))
    return out


def _implicit_columns(options: str, underscored: bool, columns: Mapping[str, int]) -> list[str]:
    """The columns Sequelize adds to a model's attributes: ``id`` where none is its key,
    the timestamps unless ``timestamps: false`` (each unless set ``false``), ``deletedAt``
    under ``paranoid: true``."""
    out = ["id"] if "id" not in columns else []
    if re.search(r"\btimestamps\s*:\s*false\b", options) is None:
        for name in ("createdAt", "updatedAt"):
            if re.search(rf"\b{name}\s*:\s*false\b", options) is None:
                out.append(snake(name) if underscored else name.lower())
        if re.search(r"\bparanoid\s*:\s*true\b", options):
            out.append("deleted_at" if underscored else "deletedat")
    return out


# -- TypeORM and sequelize-typescript --------------------------------------------------------

_CLASS = lazyre.compile(
    r"^(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+(\w+)(?:<[^>{]*>)?"
    r"(?:\s+extends\s+(?:\w+\.)*(\w+))?",
    re.M,
)
# the ORMs' own base classes, which lend a model no column of the table (TypeORM's Active
# Record ``BaseEntity``, sequelize-typescript's ``Model``)
TS_LIBRARY_BASES = frozenset({"baseentity", "model"})
_TABLE_DECORATOR = lazyre.compile(r"^[ \t]*@(Table|Entity)\b[ \t]*(?:\(([^@]*?)\)[ \t]*)?$", re.M)
_DECORATOR_NAME = lazyre.compile(
    r"(?:tableName|name)\s*:\s*[\"'`]([\w-]+)[\"'`]|^\s*[\"'`]([\w-]+)[\"'`]"
)
_COLUMN_DECORATOR = lazyre.compile(
    # (and Sequelize 7's `@Attribute(DataTypes.INTEGER)`, `@NotNull`, `@ColumnName("c")`:
    # elcc-data-management's `Payment`, whose columns none was read, round BT: a miss)
    r"^\s*@(\w*Column|ColumnName|Attribute|NotNull|ForeignKey|PrimaryKey|CreatedAt|UpdatedAt"
    r"|DeletedAt|Index|Unique"
    r"|AllowNull|Default|IsEmail|IsUUID|Length|Is\w*|Min|Max|Validate\w*|Comment|DataType"
    r"|JoinColumn|AutoIncrement|Generated|ManyToOne|OneToOne)\b(.*)$"
)
# TypeORM's relations whose side holds the foreign key: `@ManyToOne(…) industry` is the
# column `industryId` (its default naming), `@OneToOne` only with a `@JoinColumn`
_RELATION = frozenset({"ManyToOne", "OneToOne"})
_PROPERTY = lazyre.compile(
    r"^\s*(?:(?:public|private|protected|readonly|declare|override)\s+)*(\w+)[?!]?\s*[:;=]"
)
_COLUMN_NAME = lazyre.compile(
    r"\b(?:name|field|columnName)\s*:\s*[\"'`](\w+)[\"'`]|^\(\s*[\"'`](\w+)[\"'`]\s*\)"
)
# a decorated accessor is a column too: sequelize-typescript's `@Column(DataType.TEXT)
# get rawData() { … getDataValue("rawData") … }` (grouparoo, round V)
_ACCESSOR = lazyre.compile(
    r"^\s*(?:(?:public|private|protected|static|override)\s+)*(?:get|set)\s+(\w+)\s*\("
)


def _decorated(path: str, text: str) -> list[Model]:
    # (`@DeleteDateColumn`, `@PrimaryGeneratedColumn` …: any decorator ending in Column)
    if "Column" not in text and "@Table" not in text and "@Entity" not in text:
        return []
    out = []
    lines = text.splitlines()
    for m in _CLASS.finditer(text):
        start = text.count("\n", 0, m.start())
        # The class's decorators: the lines above it, back to the previous block's end.
        first = start
        while first > 0 and lines[first - 1].rstrip() not in ("}", "};"):
            first -= 1
        decorator = None
        for d in _TABLE_DECORATOR.finditer("\n".join(lines[first:start])):
            decorator = d
        body_end = _class_end(lines, start)
        required: set[str] = set()
        types: dict[str, str] = {}
        columns = _decorated_columns(
            lines, start + 1, body_end, required, types, typeorm=_TYPEORM.search(text) is not None
        )
        body = [x for x in lines[start + 1 : body_end] if x.strip()]
        indent = len(body[0]) - len(body[0].lstrip()) if body else -1
        if decorator is None:
            if columns:
                out.append(Model(path, start + 1, m.group(1).lower(), None, True, columns,
                                 body_end + 1, indent))  # fmt: skip
            continue
        named = _DECORATOR_NAME.search(decorator.group(2) or "")
        table = (named.group(1) or named.group(2)) if named else None
        name = m.group(1).lower()
        out.append(Model(path, start + 1, name, table and table.lower(), False, columns,
                         body_end + 1, indent, extends=(m.group(2) or "").lower(),
                         never_null=frozenset(required), types=types))  # fmt: skip
    return out


def _class_end(lines: list[str], start: int) -> int:
    depth = 0
    for n in range(start, len(lines)):
        depth += lines[n].count("{") - lines[n].count("}")
        if depth <= 0 and n > start and "}" in lines[n]:
            return n
    return len(lines)


# What says a decorated property is never NULL when the app writes it: Sequelize's
# ``@AllowNull(false)`` or ``allowNull: false`` (checked before each INSERT), a default it
# writes, a timestamp or a key it fills; TypeORM's explicit ``nullable: false``, the
# columns it fills (appsemble's "models and migrations mismatch" migration, round Z).
_FILLED = frozenset({
    "PrimaryKey", "CreatedAt", "UpdatedAt", "PrimaryGeneratedColumn", "PrimaryColumn",
    "CreateDateColumn", "UpdateDateColumn", "VersionColumn",
})  # fmt: skip
_TYPEORM = lazyre.compile(r"""from\s+["']typeorm["']|require\(\s*["']typeorm["']\s*\)""")
_NULLABLE_OPTION = lazyre.compile(r"\bnullable\s*:\s*(?!false\b)")
_NOT_NULL_OPTION = lazyre.compile(
    r"\b(?:allowNull|nullable)\s*:\s*false\b"
    # a default the ORM or the column it made gives every row an insert leaves it out of:
    # TypeORM's `default:` (its schema's DEFAULT), Sequelize's `defaultValue:` (domifa's
    # `@Column({ nullable: true, default: "PREMIERE_DOM" })`, round CA)
    r"|\b(?:default|defaultValue)\s*:\s*(?!null\b|undefined\b|\(\)\s*=>\s*[\"'`]?null\b)[^\s,}]"
)
_ALLOW_NULL_FALSE = lazyre.compile(r"^\(\s*false\s*\)")
_DEFAULT_VALUE = lazyre.compile(r"^\(\s*(?!null\s*\)|undefined\s*\))\S")


def _never_null_decorated(kind: str, args: str) -> bool:
    if kind in _FILLED:
        return True
    if kind == "AllowNull":
        return _ALLOW_NULL_FALSE.match(args.strip()) is not None
    if kind == "NotNull":
        return True
    if kind == "Default":
        return _DEFAULT_VALUE.match(args.strip()) is not None
    column = kind.endswith("Column") or kind == "Attribute"
    return column and _NOT_NULL_OPTION.search(args) is not None


# TypeORM's `@Column("varchar")`, `@Column({ type: "time" })`; sequelize-typescript's
# `@Column(DataType.TEXT)`, `@Column({ type: DataType.DATEONLY })`
_TYPE_ARG = lazyre.compile(
    r"^\(\s*[\"'`]([a-z][\w ]*)[\"'`]|\btype\s*:\s*[\"'`]([a-z][\w ]*)[\"'`]"
    r"|\bDataTypes?\.([A-Z]+)\b(?!\s*\()"
)
_SEQUELIZE_TYPES = {"STRING": "varchar(255)", "TEXT": "text", "INTEGER": "integer",
                    "BIGINT": "bigint", "BOOLEAN": "boolean", "DATEONLY": "date",
                    "DATE": "timestamptz", "UUID": "uuid", "FLOAT": "float", "DOUBLE": "double",
                    "JSON": "json", "JSONB": "jsonb", "SMALLINT": "smallint"}  # fmt: skip
_STRING_PROPERTY = lazyre.compile(r"^[^:]*\w[?!]?\s*:\s*string\s*[;=]?\s*$")


def _decorated_type(kind: str, args: str) -> str:
    """The column type a TypeORM or sequelize-typescript column decorator says, "" for none."""
    if kind not in ("Column", "PrimaryColumn", "Attribute"):
        return ""
    m = _TYPE_ARG.search(args.strip())
    if m is None:
        return ""
    return m.group(1) or m.group(2) or _SEQUELIZE_TYPES.get(m.group(3), "")


def _decorated_columns(
    lines: list[str],
    start: int,
    end: int,
    required: set[str] | None = None,
    types: dict[str, str] | None = None,
    *,
    typeorm: bool = False,
) -> dict[str, int]:
    """The columns of a decorated class body (to ``required`` those never NULL, to
    ``types`` those whose type it says: :func:`_decorated_type`). In a TypeORM entity
    (``typeorm``) a ``@Column`` is NOT NULL unless it says ``nullable: true``."""
    columns: dict[str, int] = {}
    never_null = False
    pending = False  # a column decorator seen, its property not yet
    explicit: str | None = None
    seen: set[str] = set()  # the decorators of the property to come
    typed = ""  # the type the property's decorators say
    n = start
    while n < end:
        line = lines[n]
        d = _COLUMN_DECORATOR.match(line)
        if d is not None:
            # The decorator's arguments, to their closing bracket (often over lines).
            args, depth = d.group(2), d.group(2).count("(") - d.group(2).count(")")
            while depth > 0 and n + 1 < end:
                n += 1
                args += lines[n]
                depth += lines[n].count("(") - lines[n].count(")")
            seen.add(d.group(1))
            typed = typed or _decorated_type(d.group(1), args)
            never_null = never_null or _never_null_decorated(d.group(1), args)
            if typeorm and d.group(1) == "Column" and not _NULLABLE_OPTION.search(args):
                # (TypeORM's default: its schema and the migrations it generates make the
                # column NOT NULL; rootspace's `@Column('integer') boardId`, round CG)
                never_null = True
            pending = pending or d.group(1) not in ("Index", "OneToOne")
            named = _COLUMN_NAME.search(args.strip()) if d.group(1) not in _RELATION else None
            if named and (named.group(1) or d.group(1) == "ColumnName"):
                explicit = named.group(1) or named.group(2)  # (`@ColumnName("c")`'s alone)
        elif pending and line.strip() and not line.strip().startswith(("@", "//", "*", "/*")):
            p = _ACCESSOR.match(line) or _PROPERTY.match(line)
            if p is not None:
                relation = seen & _RELATION and not seen & {"Column", "PrimaryColumn"}
                column = explicit or (f"{p.group(1)}Id" if relation else p.group(1))
                columns[column.lower()] = n + 1
                if never_null and required is not None:
                    required.add(column.lower())
                if types is not None and not relation and seen & {"Column", "PrimaryColumn"}:
                    # (TypeORM types a property declared `string` character varying)
                    typed = typed or ("varchar" if _STRING_PROPERTY.match(line) else "")
                if types is not None and typed:
                    types[column.lower()] = typed
            pending, explicit, seen, never_null, typed = False, None, set(), False, ""
        n += 1
    return columns


# -- JPA: Java and Kotlin entities -----------------------------------------------------------

JPA_MARK = r"@((javax|jakarta)\.persistence\.)?(Entity|MappedSuperclass|Embeddable)\b|@(Table|Id)\b"
"""A file holding this (a POSIX extended regex, for git) may declare JPA entities or the
classes that lend them columns."""
JPA_SUFFIXES = (".java", ".kt")
# Comments and string literals, blanked (same length, newlines kept) before the structure
# is read: a brace or a `class` in them is no code.
_JVM_NOISE = lazyre.compile(
    r"//[^\n]*|/\*.*?\*/|\"\"\"(?:.|\n)*?\"\"\"|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])+'",
    re.DOTALL,
)
_JVM_CLASS_AT = lazyre.compile(r"(?<![\w.$@])class\s+(\w+)")
_ANNOTATION = lazyre.compile(r"@((?:\w+\.)*\w+)(?::\w+)?")
_NAME_ARG = lazyre.compile(r"\bname\s*=\s*\"(\w+)\"")
_VALUE_ARG = lazyre.compile(r"\(\s*(?:value\s*=\s*)?\"(\w+)\"")  # Spring Data's @Table("t")
_ID_MEMBER = lazyre.compile(r"@Id\b")
_COLUMN_ANNOTATIONS = frozenset({"Column", "JoinColumn", "PrimaryKeyJoinColumn", "JoinColumns"})
_TO_ONE = frozenset({"ManyToOne", "OneToOne"})
_COLLECTIONS = frozenset({"OneToMany", "ManyToMany", "ElementCollection"})
_HIDDEN = frozenset({"Embedded", "EmbeddedId", "AttributeOverride", "AttributeOverrides",
                     "AssociationOverride", "AssociationOverrides"})  # fmt: skip
_GETTER = lazyre.compile(r"(?:get|is)([A-Z]\w*)$")
# what maps a getter under field access (`@Access(AccessType.PROPERTY)` on it, a column)
_MAPPING = _COLUMN_ANNOTATIONS | _TO_ONE | _COLLECTIONS | _HIDDEN | {"Access", "Id", "Basic"}
_KOTLIN_PROPERTY = lazyre.compile(r"\bva[lr]\s+(\w+)")


def _blank(text: str, noise: re.Pattern[str] = _JVM_NOISE) -> str:
    """``text`` with its comments and string literals (``noise``) blanked, lines kept."""
    return noise.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def _annotations(text: str, code: str, start: int, end: int) -> list[tuple[str, str, int, int]]:
    """The annotations in ``[start, end)``: (simple name, argument text, span start, end)."""
    out = []
    for m in _ANNOTATION.finditer(code, start, end):
        stop = m.end()
        rest = code[stop:end]
        gap = len(rest) - len(rest.lstrip())
        if rest.lstrip().startswith("("):
            stop = matching_bracket(code, stop + gap, "(", ")")
        out.append((m.group(1).rpartition(".")[2], text[m.end() : stop], m.start(), stop))
    return out


def jpa(path: str, text: str) -> list[Model]:
    """JPA entities (``@Entity``, with ``@Table(name = …)`` or named by their class) and the
    classes they inherit from (``@MappedSuperclass``, ``@Embeddable`` and plain classes,
    read as mixins: a plain class lends no column), from Java or Kotlin text.

    JPA maps every field or getter of an entity unless ``@Transient``, ``static`` or
    ``transient``, so each counts (field and property access alike: a getter named like
    a dropped column keeps it mapped, fail closed), under its ``@Column``/``@JoinColumn``
    name where one is given; a to-one relation ``owner`` is the column ``owner_id``.
    ``@Embedded`` state is listed nowhere here: such a model is ``opaque``."""
    if not re.search(r"\bclass\b", text):
        return []
    code = _blank(text)
    kotlin = path.endswith(".kt")
    out = []
    for m in _JVM_CLASS_AT.finditer(code):
        head_start = _statement_start(code, m.start())
        found = _annotations(text, code, head_start, m.start())
        marks = {a[0]: a[1] for a in found}
        body_at = code.find("{", m.end())
        opening = code.find("(", m.end())
        constructor = kotlin and 0 <= opening < body_at
        if constructor and _CONSTRUCTOR_HEAD.fullmatch(code, m.end(), opening):
            # the body opens after the primary constructor, whose defaults may hold a
            # lambda: `= personResultat?.let { … }` (familie-ks-sak's VilkårResultat, round X)
            body_at = code.find("{", matching_bracket(code, opening, "(", ")"))
        header_end = len(code) if body_at < 0 else body_at
        if kotlin:
            # `class A(…) : B(…)`: the next declaration may start before any `{`
            nxt = _JVM_CLASS_AT.search(code, m.end())
            if nxt is not None and nxt.start() < header_end:
                header_end, body_at = nxt.start(), -1
        header = code[m.end() : header_end]
        extends = _superclass(header, kotlin)
        body_end = matching_bracket(code, body_at, "{", "}") if body_at >= 0 else header_end
        columns: dict[str, int] = {}
        required: set[str] = set()
        skipped: set[str] = set()
        opaque = False
        jpa_marked = "Entity" in marks or "MappedSuperclass" in marks or "Embeddable" in marks
        # Spring Data JDBC/R2DBC (its annotations imported): an aggregate with `@Table("t")`,
        # or only an `@Id` member (its table named by the class: IepPrison → iep_prison;
        # hmpps-incentives-api's dropped tables, round Z); not a MongoDB `@Document`
        spring = (
            not jpa_marked
            and "Document" not in marks
            and "org.springframework.data" in text
            and ("Table" in marks or _ID_MEMBER.search(code, m.end(), body_end) is not None)
        )
        if jpa_marked or spring:
            if kotlin:
                opaque = _kotlin_members(text, code, m.end(), body_end, columns, required, skipped)
            else:
                at, stop = body_at + 1, body_end - 1
                opaque = _java_members(text, code, at, stop, columns, required, skipped)
        if "DiscriminatorColumn" in marks:
            # the class's inheritance column: JPA writes it on every insert (DTYPE unless
            # named: hmpps-approved-premises' lost_beds.service, round AR)
            named = _NAME_ARG.search(marks["DiscriminatorColumn"])
            at = next(a[2] for a in found if a[0] == "DiscriminatorColumn")
            column = named.group(1).lower() if named else "dtype"
            columns.setdefault(column, text.count("\n", 0, at) + 1)
        if jpa_marked and body_at >= 0:
            required |= _pre_persisted(code, body_at, body_end, columns)
        entity = "Entity" in marks or spring
        said = marks.get("Table", "") or marks.get("Entity", "")
        named = _NAME_ARG.search(said) or _VALUE_ARG.match(said)
        table = named.group(1).lower() if named and entity else None
        line = text.count("\n", 0, m.start()) + 1
        end = text.count("\n", 0, body_end) + 1
        indent = -1 if kotlin or body_at < 0 else _body_indent(text, body_at, body_end)
        types = _column_definitions(text, code, m.end(), body_end) if jpa_marked else {}
        out.append(Model(path, line, m.group(1).lower(), table, not entity, columns, end,
                         indent, (), extends, opaque, frozenset(required),
                         frozenset(skipped - columns.keys()), types=types))  # fmt: skip
    return out


_COLUMN_DEFINITION = lazyre.compile(
    r"@(?:\w+\.)*Column\s*\(([^()]*?\bcolumnDefinition\s*=\s*(?:\"([^\"]+)\"|([A-Z_][\w.]*))[^()]*)\)"
)
_STRING_CONSTANT = (
    r"\b(?:static\s+final\s+String|const\s+val)\s+{}\s*(?::\s*String\s*)?=\s*\"([^\"]+)\""
)
_DEFINITION_END = lazyre.compile(r"\s+(?:not\s+null|null|default|unique|primary|check)\b.*$", re.I)


def _column_definitions(text: str, code: str, start: int, end: int) -> dict[str, str]:
    """The column types an entity's ``@Column(columnDefinition = "text[]")`` says, by the
    column (its ``name``, else the member's, as Hibernate and Spring name it): what the
    release writes there (appreg-api's ``text[]``, round CK)."""
    out: dict[str, str] = {}
    for m in _COLUMN_DEFINITION.finditer(text, start, end):
        said = m.group(2)
        if said is None:  # (a constant of the file: pip-data-management's `DEFINITION`)
            held = re.search(
                _STRING_CONSTANT.format(re.escape(m.group(3).rpartition(".")[2])), text
            )
            if held is None:
                continue
            said = held.group(1)
        typ = _DEFINITION_END.sub("", said.strip()).lower()
        named = _NAME_ARG.search(m.group(1))
        if named is not None:
            out[named.group(1).lower()] = typ
            continue
        member = re.search(r"(\w+)\s*[;=:]", code[m.end() : end])
        if member is not None:
            for column in (member.group(1).lower(), snake(member.group(1))):
                out[column] = typ
    return out


_PRE_PERSIST = lazyre.compile(r"@PrePersist\b[^{;]*\{")
_ASSIGNED = lazyre.compile(r"(?<![\w.])(?:this\.)?(\w+)\s*=(?!=)")


def _pre_persisted(code: str, body_at: int, body_end: int, columns: Mapping[str, int]) -> set[str]:
    """The columns a ``@PrePersist`` method of the entity assigns: JPA runs it before every
    insert, so the previous release writes them (credhub's ``uuid``, set to
    ``UUID.randomUUID()`` where it is null: round AK, three)."""
    out: set[str] = set()
    for m in _PRE_PERSIST.finditer(code, body_at, body_end):
        end = matching_bracket(code, m.end() - 1, "{", "}")
        for a in _ASSIGNED.finditer(code, m.end(), end):
            name = a.group(1)
            out |= {n for n in (name.lower(), snake(name)) if n in columns}
    return out


def _body_indent(text: str, body_at: int, body_end: int) -> int:
    """The indentation of a Java class body's first member line (-1 where none shows): a
    nested class's fields, deeper, are not the entity's (hmpps-auth's ``UserBuilder``
    keeps a ``mobile`` the ``User`` entity no longer maps: round AB)."""
    start = text.find("\n", body_at)
    for line in text[start + 1 if start >= 0 else body_end : body_end].splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith(("//", "/*", "*")):
            return len(line) - len(line.lstrip())
    return -1


def _statement_start(code: str, end: int) -> int:
    """Where the declaration ending at ``end`` starts: just past the last ``;``, ``{`` or
    ``}`` outside parentheses (an annotation's arguments may hold braces: OpenClinica's
    ``@GenericGenerator(…, parameters = { @Parameter(…) })`` above ``@Entity``'s class hid
    the class's ``@Entity`` and ``@Table``, round X)."""
    depth = 0
    for i in range(end - 1, -1, -1):
        c = code[i]
        if c == ")":
            depth += 1
        elif c == "(":
            depth -= 1
        elif depth <= 0 and c in ";{}":
            return i + 1
    return 0


# what stands between a Kotlin class's name and its primary constructor's `(`
_CONSTRUCTOR_HEAD = lazyre.compile(
    r"\s*(?:<[^{}()]*>)?\s*(?:(?:private|protected|internal|public)\s+)?(?:@\w+\s+)*"
    r"(?:constructor\s*)?"
)


def _superclass(header: str, kotlin: bool) -> str:
    if kotlin:
        # after the primary constructor: `: Base(…)` (interfaces take no parentheses)
        opening, colon = header.find("("), header.find(":")
        if opening >= 0 and (colon < 0 or opening < colon):
            header = header[matching_bracket(header, opening, "(", ")") :]
        found = re.match(r"\s*:\s*((?:\w+\.)*\w+)\s*(?:<[^>]*>)?\s*\(", header)
    else:
        found = re.search(r"\bextends\s+((?:\w+\.)*\w+)", _flat(header))
    return found.group(1).rpartition(".")[2].lower() if found else ""


def _line(text: str, at: int) -> int:
    return text.count("\n", 0, at) + 1


def _flat(code: str) -> str:
    """``code`` without what its brackets hold (an annotation's ``name = …``)."""
    while True:
        flat = re.sub(r"\([^()]*\)|<[^<>]*>", "", code)
        if flat == code:
            return flat
        code = flat


def _java_members(
    text: str,
    code: str,
    start: int,
    end: int,
    columns: dict[str, int],
    required: set[str],
    skipped: set[str],
) -> bool:
    """Add the columns the members of a Java class body map (to ``required`` those it never
    leaves NULL: :func:`_never_null`); True if one is hidden."""
    opaque = False
    at = start
    n = start
    fields = _field_access(code, start, end)
    while n < end:
        c = code[n]
        if c == "(":
            n = matching_bracket(code, n, "(", ")")
            continue
        if c not in ";{":
            n += 1
            continue
        stop = n
        if c == "{":
            n = matching_bracket(code, n, "{", "}")
            if "=" in _flat(code[at:stop]):  # an array initializer: the field runs on to `;`
                continue
        else:
            n += 1
        opaque |= _java_member(text, code, at, stop, columns, required, fields, skipped)
        at = n
    return opaque


_ID_AT = lazyre.compile(
    r"@(?:\w+\.)*(?:Id|EmbeddedId)\b(?:\s*\([^)]*\))?"
    r"(?:\s*@[\w.]+(?:\s*\([^)]*\))?)*\s+(?:(?:private|protected|public|final)\s+)*"
    r"[\w<>\[\],.?]+\s+\w+\s*([;=(])"
)


def _field_access(code: str, start: int, end: int) -> bool:
    """Whether a Java entity's body puts its ``@Id`` on a field: JPA then maps fields
    only, and a getter without a mapping annotation is plain code (hmpps-auth's
    ``getMobile()``, computed from the user's contacts: round AB). False where the id is
    on a getter, or not in this class (inherited: not known, so getters still count)."""
    m = _ID_AT.search(code, start, end)
    return m is not None and m.group(1) != "("


def _java_member(
    text: str,
    code: str,
    start: int,
    stop: int,
    columns: dict[str, int],
    required: set[str],
    fields: bool = False,
    skipped: set[str] | None = None,
) -> bool:
    notes = _annotations(text, code, start, stop)
    kinds = {a[0] for a in notes}
    rest = list(code[start:stop])
    for _, _, a, b in notes:
        rest[a - start : b - start] = [" "] * (b - a)
    decl = "".join(rest)
    method, name, where = _property(decl, start)
    if "Transient" in kinds:
        if skipped is not None and name is not None:
            skipped.add(name.lower())  # left out on purpose: no column of its name
        return False
    if re.search(r"\b(?:static|class|interface|enum)\b", decl):
        return False
    explicit = [(n, a) for kind, args, a, _ in notes if kind in _COLUMN_ANNOTATIONS
                for n in _NAME_ARG.findall(args)]  # fmt: skip
    if method and fields and not explicit and not kinds & _MAPPING:
        return False  # field access: a getter maps nothing unless annotated
    if not method and re.search(r"\btransient\b", decl):
        name = None
    paren = decl.find("(")
    for column, at in explicit:
        columns.setdefault(column.lower(), _line(text, at))
    if name is not None and not (kinds & _COLLECTIONS and not explicit):
        line = _line(text, where)
        columns.setdefault(name.lower(), line)
        if kinds & (_TO_ONE | {"JoinColumn"}) and not explicit:
            columns.setdefault(f"{name.lower()}_id", line)
        primitive = paren < 0 and _PRIMITIVE.search(decl.split("=")[0]) is not None
        if _never_null(notes, primitive):
            required.update(_member_columns(name, [n for n, _ in explicit], kinds))
    return bool(kinds & _HIDDEN)


# What says a JPA member is never NULL when the app writes it: an id or version, a Bean
# Validation or Lombok constraint (checked before an insert), ``@Column(nullable = false)``
# (a Hibernate check, or the NOT NULL the schema the app's tests build from its entities
# has), a required to-one relation, or a Java primitive or Kotlin non-null type (no value
# of it is null). dhis2's ``not-null="true"`` mappings are the same (round Y).
_REQUIRED_MARKS = frozenset({"Id", "Version", "NotNull", "NonNull", "NotBlank", "NotEmpty"})
_NOT_NULLABLE = lazyre.compile(r"\bnullable\s*=\s*false\b")
_NOT_OPTIONAL = lazyre.compile(r"\boptional\s*=\s*false\b")
_MAPPED_BY = lazyre.compile(r"\bmappedBy\s*=")
_PRIMITIVE = lazyre.compile(r"(?:^|\s)(?:int|long|short|byte|boolean|double|float|char)\s+\w+\s*$")
_KOTLIN_TYPE = lazyre.compile(r"\s*:\s*")


def _never_null(notes: list[tuple[str, str, int, int]], typed: bool) -> bool:
    """Whether a member with these annotations (and a type that holds no null, when
    ``typed``) is never NULL in what the app writes. The inverse side of a relation
    (``mappedBy``) writes no column of its table (hmpps-interventions-service's
    ``EndOfServiceReport.referral``, round U)."""
    if any(kind in _TO_ONE and _MAPPED_BY.search(args) for kind, args, _, _ in notes):
        return False
    for kind, args, _, _ in notes:
        if kind in _REQUIRED_MARKS:
            return True
        if kind in ("Column", "JoinColumn") and _NOT_NULLABLE.search(args):
            return True
        if kind in _TO_ONE and _NOT_OPTIONAL.search(args):
            return True
    return typed


def _kotlin_non_null(code: str, at: int) -> bool:
    """Whether the property whose name ends at ``at`` is declared with a type that holds
    no null (``: String``, ``: Map<K, V?>``; not ``: String?``, nor a type left to
    inference)."""
    colon = _KOTLIN_TYPE.match(code, at)
    if colon is None:
        return False
    depth = 0
    n = colon.end()
    while n < len(code) and n < colon.end() + 300:
        c = code[n]
        if c in "<(":
            depth += 1
        elif c in ">)" and depth > 0:
            depth -= 1
        elif depth == 0 and c in "=,){}\n;":
            break
        n += 1
    typed = code[colon.end() : n].strip()
    return bool(typed) and not typed.endswith("?") and not typed.startswith("(")


def _member_columns(name: str, explicit: list[str], kinds: set[str]) -> set[str]:
    """The columns a member maps: those it names, else its own name as Hibernate and as
    Spring's naming (``firstName``: ``firstname``, ``first_name``) write it, ``…_id`` for
    a relation."""
    if explicit:
        return {n.lower() for n in explicit}
    names = {name.lower(), snake(name)}
    if kinds & (_TO_ONE | {"JoinColumn"}):
        names = {f"{n}_id" for n in names}
    return names


def _separator_before(code: str, start: int, end: int) -> int:
    """The last ``,``, ``;``, ``{`` or ``}`` in ``code[start:end]`` outside parentheses
    (-1 if none)."""
    depth = 0
    for i in range(end - 1, start - 1, -1):
        c = code[i]
        if c == ")":
            depth += 1
        elif c == "(":
            if depth == 0:
                return i  # (the constructor's own parenthesis: nothing before it counts)
            depth -= 1
        elif depth == 0 and c in ",;{}":
            return i
    return -1


def _property(decl: str, start: int) -> tuple[bool, str | None, int]:
    """A Java member declaration (annotations blanked) at offset ``start``: whether it is a
    method, the property it names (a field's name, or a getter's without parameters: JPA's
    property access) and where that name is written; None for any other member."""
    paren = decl.find("(")
    if paren >= 0 and "=" not in decl[:paren]:  # a method: a getter is a property
        method = re.search(r"(\w+)\s*$", decl[:paren])
        getter = _GETTER.match(method.group(1)) if method else None
        if method is None or getter is None or decl[paren + 1 :].split(")")[0].strip():
            return True, None, start
        name = getter.group(1)[:1].lower() + getter.group(1)[1:]
        return True, name, start + decl.find(method.group(1))
    found = re.search(r"(\w+)\s*(?:=|$)", decl.split("=")[0].rstrip() + " ")
    if found is None or not re.search(r"\w[\w<>\[\],.?\s]*\s+\w+\s*$", decl.split("=")[0]):
        return False, None, start
    return False, found.group(1), start + decl.find(found.group(1))


def _kotlin_members(
    text: str,
    code: str,
    start: int,
    end: int,
    columns: dict[str, int],
    required: set[str],
    skipped: set[str],
) -> bool:
    """Add the columns of a Kotlin class's `val`/`var` properties (constructor and body, at
    any depth but nested classes', fail closed; to ``required`` those never NULL: a type
    without ``?``, or :func:`_never_null`'s annotations); True if one is hidden."""
    opaque = False
    for m in _KOTLIN_PROPERTY.finditer(code, start, end):
        line_start = code.rfind("\n", start, m.start()) + 1
        head = max(line_start - 400, start)
        # the annotations of this property: back to the previous property or statement
        # (a comma inside an annotation's arguments is not one: `@JoinColumn(name = "a_id",
        # nullable = false)`, hmpps-activities-management-api, round U)
        prev = _separator_before(code, head, m.start())
        notes = _annotations(text, code, max(prev + 1, head), m.start())
        kinds = {a[0] for a in notes}
        if "Transient" in kinds:
            skipped.add(m.group(1).lower())
            continue
        opaque |= bool(kinds & _HIDDEN)
        line = _line(text, m.start())
        explicit = [n for kind, args, _, _ in notes if kind in _COLUMN_ANNOTATIONS
                    for n in _NAME_ARG.findall(args)]  # fmt: skip
        for n in explicit:
            columns.setdefault(n.lower(), line)
        name = m.group(1).lower()
        if not kinds & _COLLECTIONS:
            columns.setdefault(name, line)
            if kinds & (_TO_ONE | {"JoinColumn"}) and not explicit:
                columns.setdefault(f"{name}_id", line)
            if _never_null(notes, _kotlin_non_null(code, m.end())):
                required.update(_member_columns(m.group(1), explicit, kinds))
    return opaque
