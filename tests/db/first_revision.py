"""A database at the first schema revision, filled with plain inserts, for upgrade tests.

The filler reflects what revision 0001 created (not today's models), so it writes exactly the
old table shapes: every table gets ROWS rows, parents before children (reflection's dependency
order), values generated from each column's type, with realistic values where a column has a
meaning or a CHECK constraint. Row 0 fills every column; row 1 only the required ones and
`deleted_at` (a soft-deleted, minimal record), so NULLs are carried through the upgrade too.
Audit rows carry a hash chain `app.core.audit.verify_chain` accepts.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from alembic import command
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    Uuid,
    inspect,
)
from sqlalchemy.engine import Connection

from app.core.audit import GENESIS_HASH, _row_hash_v1
from db import migrate

FIRST_REVISION = "0001"
MISSING = "<column missing>"
ROWS = 2

Row = dict[str, Any]
Dump = dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]

# Realistic values, one per generated row, where a column means something (or is CHECK-constrained).
REALISTIC: dict[tuple[str, str], tuple[Any, ...]] = {
    ("organizations", "name"): ("ГБУ «Центр социальной помощи семье и детям»", "АНО «Опора семьи»"),
    ("organizations", "short_name"): ("ЦСПСД", "Опора"),
    ("organizations", "inn"): ("7701234567", "7702345678"),
    ("offices", "name"): ("Головное отделение", "Отделение в с. Покровское"),
    ("districts", "name"): ("Заречный район", "Покровский район"),
    ("settlements", "municipality"): ("Заречное сельское поселение", "Покровское сельское поселение"),
    ("settlements", "name"): ("д. Ёлкино", "с. Покровское"),
    ("dictionary_items", "kind"): ("position", "family_category"),
    ("dictionary_items", "code"): ("upgrade_psychologist", "upgrade_large_family"),
    ("dictionary_items", "name"): ("Педагог-психолог", "Многодетная семья"),
    ("services", "code"): ("upgrade-psy-01", "upgrade-ped-02"),
    ("services", "name"): ("Психологическое консультирование", "Социально-педагогическая диагностика"),
    ("services", "unit"): ("услуга", "час"),
    ("staff", "last_name"): ("Смирнова", "Кузнецов"),
    ("staff", "first_name"): ("Ольга", "Андрей"),
    ("staff", "middle_name"): ("Петровна", "Игоревич"),
    ("staff", "email"): ("smirnova@example.org", "kuznetsov@example.org"),
    ("users", "login"): ("admin", "specialist"),
    ("users", "role"): ("admin", "specialist"),
    ("users", "display_name"): ("Администратор", "Кузнецов А. И."),
    ("users", "password_hash"): ("$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",) * 2,
    ("persons", "last_name"): ("Иванова", "Иванов"),
    ("persons", "first_name"): ("Алёна", "Пётр"),
    ("persons", "middle_name"): ("Сергеевна", "Алексеевич"),
    ("persons", "last_name_key"): ("иванова", "иванов"),
    ("persons", "first_name_key"): ("алена", "петр"),
    ("persons", "middle_name_key"): ("сергеевна", "алексеевич"),
    ("persons", "sex"): ("F", "M"),
    ("persons", "snils"): ("11223344595", "11223344596"),
    ("families", "title"): ("Ивановы (д. Ёлкино)", "Ивановы (с. Покровское)"),
    ("families", "title_key"): ("ивановы (д. елкино)", "ивановы (с. покровское)"),
    ("families", "street"): ("ул. Центральная", "пер. Школьный"),
    ("diagnoses", "icd_code"): ("F84.0", "G80.1"),
    ("diagnoses", "title"): ("Детский аутизм", "Спастическая диплегия"),
    ("brigade_trips", "status"): ("done", "planned"),
    ("events", "title"): ("Родительский клуб «Вместе»", "Семинар для специалистов"),
    ("settings", "key"): ("backups_daily_kept", "remote_km"),
    ("settings", "value"): (14, 50.5),
    ("audit_log", "login"): ("admin", "system:init"),
    ("audit_log", "workstation"): ("PC-01", "PC-02"),
    ("audit_log", "action"): ("create", "update"),
    ("audit_log", "entity"): ("family", "person"),
    ("audit_log", "entity_id"): (str(uuid.UUID(int=1)), str(uuid.UUID(int=2))),
    ("audit_log", "fields"): ("district_id,title", "last_name,snils"),
}


def migrate_to(engine: Engine, revision: str) -> None:
    """Run the project's migrations up to `revision` only (db.migrate does it up to head)."""
    config = migrate.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def reflect(engine: Engine) -> MetaData:
    """The tables as they are in the database, alembic_version left out; UUID columns typed as the models type them."""
    metadata = MetaData()
    metadata.reflect(engine)
    metadata.remove(metadata.tables["alembic_version"])
    for table in metadata.tables.values():
        for column in table.columns:
            if _is_uuid(column, engine.dialect.name):
                column.type = Uuid()  # 32 hex digits in CHAR(32) on SQLite, native uuid on PostgreSQL
    return metadata


def _is_uuid(column: Column[Any], dialect: str) -> bool:
    if isinstance(column.type, Uuid):
        return True
    return dialect == "sqlite" and type(column.type).__name__ == "CHAR" and getattr(column.type, "length", 0) == 32


def _plain_value(table: str, column: Column[Any], row: int) -> Any:
    """A value for `column` in generated row `row`, from its type."""
    kind = column.type
    moment = datetime(2024, 3, 11 + row, 9, 30, 15, 123456 + row, tzinfo=UTC)
    if isinstance(kind, Uuid):
        return uuid.uuid4()
    if isinstance(kind, Boolean):
        return row % 2 == 0
    if isinstance(kind, Integer):
        return row + 1  # small: within every 0001 CHECK range (0–3, 1–5)
    if isinstance(kind, Float | Numeric):
        return 12.5 + row
    if isinstance(kind, DateTime):
        return moment if kind.timezone else moment.replace(tzinfo=None)
    if isinstance(kind, Date):
        return moment.date()
    if isinstance(kind, JSON):
        return {"примечание": f"{table}.{column.name}", "n": row, "items": [1, 2]}
    if isinstance(kind, Text):
        return f"«{column.name}» строки {row + 1}\nвторая строка; кавычки ' и \""
    if isinstance(kind, String):
        return f"{column.name} {row + 1}"[: kind.length or None]
    raise AssertionError(f"no value for {table}.{column.name} of type {kind!r}: extend the filler")


def _generated_row(table: Table, row: int, parents: Callable[[Column[Any]], Any]) -> Row:
    values: Row = {}
    for column in table.columns:
        if _is_autoincrement_key(table, column):
            continue  # the database numbers it (and keeps its sequence in step on PostgreSQL)
        fills = row == 1 if column.name == "deleted_at" else row == 0 or not column.nullable
        if not fills:
            continue
        if column.foreign_keys:
            values[column.name] = parents(column)
        elif (table.name, column.name) in REALISTIC:
            values[column.name] = REALISTIC[table.name, column.name][row]
        else:
            values[column.name] = _plain_value(table.name, column, row)
    return values


def _is_autoincrement_key(table: Table, column: Column[Any]) -> bool:
    keys = list(table.primary_key.columns)
    return keys == [column] and isinstance(column.type, Integer)


def _chain_audit(rows: list[Row]) -> None:
    """Give the audit rows the prev_hash/hash that `app.core.audit.verify_chain` recomputes."""
    previous = GENESIS_HASH
    for row in rows:
        at = row["at"] if row["at"].tzinfo else row["at"].replace(tzinfo=UTC)
        row["prev_hash"] = previous
        # Rows of revision 0001 were hashed the first way (v1): verify_chain must still accept them.
        row["hash"] = previous = _row_hash_v1(previous, at, row["login"], row["workstation"], row["action"],
                                              row["entity"], row.get("entity_id"), row["fields"])


def fill(engine: Engine, metadata: MetaData) -> dict[str, list[Row]]:
    """Insert ROWS rows into every table of `metadata`, parents first; returns what was written."""
    written: dict[str, list[Row]] = {}
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            rows = [_generated_row(table, row, _parent_picker(written, row)) for row in range(ROWS)]
            if table.name == "audit_log":
                for index, row in enumerate(rows):
                    row["at"] = row["at"] + timedelta(minutes=index)
                _chain_audit(rows)
            _insert(connection, table, rows)
            written[table.name] = rows
    return written


def _parent_picker(written: dict[str, list[Row]], row: int) -> Callable[[Column[Any]], Any]:
    def pick(column: Column[Any]) -> Any:
        (key,) = column.foreign_keys
        parent_rows = written[key.column.table.name]
        return parent_rows[row % len(parent_rows)][key.column.name]
    return pick


def _insert(connection: Connection, table: Table, rows: list[Row]) -> None:
    for row in rows:  # one by one: the rows name different columns
        connection.execute(table.insert(), row)


def dump(engine: Engine, metadata: MetaData) -> Dump:
    """Each table's rows as the driver returns them (no type conversion), by primary key, in `metadata`'s columns.

    A table or column the database no longer has shows as MISSING instead of failing the query.
    """
    result: Dump = {}
    inspector = inspect(engine)
    present = set(inspector.get_table_names())
    with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name not in present:
                result[table.name] = {}
                continue
            there = {column["name"] for column in inspector.get_columns(table.name)}
            names = [column.name for column in table.columns]
            keys = [names.index(column.name) for column in table.primary_key.columns]
            selected = ", ".join(_quoted(name) if name in there else f"'{MISSING}'" for name in names)
            rows = connection.exec_driver_sql(f"SELECT {selected} FROM {_quoted(table.name)}").fetchall()
            result[table.name] = {tuple(row[index] for index in keys): tuple(row) for row in rows}
    return result


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def lost_or_changed(before: Dump, after: Dump) -> dict[str, list[str]]:
    """Per table, the rows of `before` that `after` lacks or holds with other values (new rows are fine)."""
    problems: dict[str, list[str]] = {}
    for table, rows in before.items():
        now = after.get(table, {})
        for key, values in rows.items():
            if key not in now:
                problems.setdefault(table, []).append(f"lost {key}: {values}")
            elif now[key] != values:
                problems.setdefault(table, []).append(f"changed {key}: {values} -> {now[key]}")
    return problems
