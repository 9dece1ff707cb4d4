"""The administrator's view of the audit log: filtered pages, XLSX export and the chain check.

Times are stored in UTC and shown in the computer's local time; a period filter is a range of
local days. Reading or exporting the log is itself recorded (an export is a copy of it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from app.core import audit
from app.core.actor import Actor
from app.core.audit import GAP, TRUNCATED, ChainCheck, ChainHead, chain_head, parse_head, verify_chain
from app.core.errors import ValidationError
from app.core.permissions import VIEW_AUDIT, require
from app.core.progress import Progress, no_progress
from app.documents.xlsx import Column, SheetWriter, new_workbook, period_text, save_workbook
from app.system.backups import known_audit_head
from app.system.trust import database_id
from db.models import AuditEntry

ACTION_TITLES = {
    "login": "Вход",
    "login_failed": "Неудачный вход",
    "view": "Просмотр карточки",
    "view_health": "Просмотр сведений о здоровье",
    "create": "Создание",
    "update": "Изменение",
    "delete": "Удаление",
    "export": "Выгрузка",
    "print": "Печать",
    "backup": "Резервная копия",
    "restore": "Восстановление",
    "recreate": "Восстановление защиты журнала",
    "rebuild": "Перестроение",
}
ENTITY_TITLES = {
    "family": "Семья",
    "person": "Человек",
    "family_member": "Член семьи",
    "family_category": "Категория семьи",
    "child_profile": "Профиль ребёнка",
    "diagnosis": "Диагноз",
    "identity_document": "Документ",
    "consent": "Согласие",
    "support_case": "Сопровождение",
    "plan_item": "Строка плана",
    "home_visit": "Посещение",
    "rehab_session": "Занятие",
    "rehab_session_series": "Серия занятий",
    "brigade_trip": "Выезд",
    "event": "Мероприятие",
    "event_file": "Файл мероприятия",
    "audit_triggers": "Защита журнала аудита от изменений",
    "user": "Пользователь",
    "organization": "Организация",
    "office": "Отделение",
    "staff": "Сотрудник",
    "district": "Район",
    "settlement": "Населённый пункт",
    "service": "Услуга",
    "dictionary_item": "Значение справочника",
    "backup": "Резервная копия",
    "setting": "Настройка",
    "report": "Отчёт",
    "audit_log": "Журнал аудита",
    "caseload": "Закрепление семей за специалистами",
}
MAX_EXPORT_ROWS = 1_000_000  # an XLSX sheet holds 1 048 576 rows
COLUMNS = [
    Column("№ записи", 10, "int"),
    Column("Дата и время", 19),
    Column("Пользователь", 16),
    Column("Рабочее место", 18),
    Column("Действие", 24),
    Column("Вид записи", 20),
    Column("Код записи", 38),
    Column("Изменённые поля", 40),
]


@dataclass(frozen=True)
class AuditFilter:
    date_from: date | None = None
    date_to: date | None = None
    login: str | None = None
    action: str | None = None
    entity: str | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime  # local time, aware
    login: str
    workstation: str
    action: str
    entity: str
    entity_id: str | None
    fields: str

    @property
    def action_title(self) -> str:
        return ACTION_TITLES.get(self.action, self.action)

    @property
    def entity_title(self) -> str:
        return ENTITY_TITLES.get(self.entity, self.entity)


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int


def _local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def _conditions(criteria: AuditFilter) -> list[ColumnElement[bool]]:
    if criteria.date_from and criteria.date_to and criteria.date_to < criteria.date_from:
        raise ValidationError({"period": "Поле «Период»: конец периода раньше его начала."})
    conditions: list[ColumnElement[bool]] = []
    if criteria.date_from is not None:
        conditions.append(AuditEntry.at >= _local_midnight_utc(criteria.date_from))
    if criteria.date_to is not None:
        conditions.append(AuditEntry.at < _local_midnight_utc(criteria.date_to + timedelta(days=1)))
    if criteria.login:
        conditions.append(AuditEntry.login == criteria.login.strip().lower())
    if criteria.action:
        conditions.append(AuditEntry.action == criteria.action)
    if criteria.entity:
        conditions.append(AuditEntry.entity == criteria.entity)
    return conditions


def _row(entry: tuple) -> AuditRow:
    return AuditRow(entry[0], entry[1].astimezone(), *entry[2:])


_ROW_COLUMNS = (AuditEntry.id, AuditEntry.at, AuditEntry.login, AuditEntry.workstation, AuditEntry.action,
                AuditEntry.entity, AuditEntry.entity_id, AuditEntry.fields)


def search_audit(session: Session, actor: Actor, criteria: AuditFilter, *, offset: int = 0,
                 limit: int = 200) -> AuditPage:
    """One page of matching rows, newest first, with the total count."""
    require(actor, VIEW_AUDIT)
    conditions = _conditions(criteria)
    total = session.execute(select(func.count(AuditEntry.id)).where(*conditions)).scalar_one()
    rows = session.execute(select(*_ROW_COLUMNS).where(*conditions).order_by(AuditEntry.id.desc())
                           .offset(offset).limit(limit)).all()
    return AuditPage([_row(tuple(row)) for row in rows], total)


def audit_choices(session: Session, actor: Actor) -> tuple[list[str], list[str], list[str]]:
    """The logins, actions and record types present in the log, for the filter lists."""
    require(actor, VIEW_AUDIT)

    def distinct(column: InstrumentedAttribute[str]) -> list[str]:
        return sorted(value for value in session.execute(select(column).distinct()).scalars() if value)

    return distinct(AuditEntry.login), distinct(AuditEntry.action), distinct(AuditEntry.entity)


def export_audit_xlsx(session: Session, actor: Actor, criteria: AuditFilter, target: Path,
                      progress: Progress = no_progress) -> Path:
    """Write the matching rows (oldest first) to an XLSX file; the export itself is audited."""
    require(actor, VIEW_AUDIT)
    conditions = _conditions(criteria)
    total = session.execute(select(func.count(AuditEntry.id)).where(*conditions)).scalar_one()
    if total > MAX_EXPORT_ROWS:
        raise ValidationError({"period": f"Поле «Период»: записей {total}, в один файл помещается не больше "
                                         f"{MAX_EXPORT_ROWS}. Выберите период короче."})
    book = new_workbook()
    period = period_text(criteria.date_from, criteria.date_to) if criteria.date_from and criteria.date_to else ""
    # The chain head, printed: whoever keeps this file can later show that rows up to it were removed or rewritten.
    head = chain_head(session)
    head_text = f"Последняя запись журнала на момент выгрузки: № {head.last_id}, контрольная сумма {head.hash}"
    writer = SheetWriter(book, "Журнал аудита", COLUMNS, report="Журнал аудита",
                         period=". ".join(part for part in (period, head_text) if part))
    entries = session.execute(select(*_ROW_COLUMNS).where(*conditions).order_by(AuditEntry.id)
                              .execution_options(yield_per=2000))
    for done, entry in enumerate(entries, 1):
        row = _row(tuple(entry))
        writer.row([row.id, f"{row.at:%d.%m.%Y %H:%M:%S}", row.login, row.workstation, row.action_title,
                    row.entity_title, row.entity_id or "", row.fields])
        if done % 2000 == 0:
            progress(done, total, "Журнал аудита")
    writer.finish(freeze_column=2)
    path = save_workbook(book, target)
    audit.record(session, actor, "export", "audit_log", None, ["xlsx"])
    return path


def check_chain(session: Session, actor: Actor, printed: str | None = None) -> ChainCheck:
    """Recompute the hash chain (administrators only), against the head kept in the newest own backup, or against
    a head read off a printed report (`printed`: «Контрольная сумма журнала аудита: № 1234 · 3f9a…»)."""
    require(actor, VIEW_AUDIT)
    if printed is not None:
        head = parse_head(printed)
        if head is None:
            raise ValidationError({"head": "Параметр --head: укажите номер записи и контрольную сумму, как они "
                                           "напечатаны в отчёте, например «№ 1234 · 3f9ac1d2e4b5a6f7»."})
        return verify_chain(session, head)
    return verify_chain(session, known_head(session))


def _database_path(session: Session) -> Path | None:
    bind = session.get_bind()
    url = getattr(bind, "url", None)
    if url is None or url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def known_head(session: Session) -> ChainHead | None:
    """The audit head last kept outside the table: in the newest own backup's manifest (None on PostgreSQL, whose
    backups are the server's, or before the first backup)."""
    manifest = known_audit_head(database_id(session), _database_path(session))
    return ChainHead(manifest.audit_last_id, manifest.audit_hash) if manifest is not None else None


def chain_message(check: ChainCheck) -> str:
    """The result of a chain check as one Russian sentence."""
    if check.ok:
        return f"Журнал аудита цел: проверено записей — {check.rows}, цепочка контрольных сумм не нарушена."
    if check.problem == GAP:
        return (f"Журнал аудита повреждён: запись № {check.first_broken_id} идёт после пропуска в номерах — "
                "записи перед ней удалены.")
    if check.problem == TRUNCATED and check.expected_head is not None:
        return (f"Журнал аудита повреждён: последней известной записью была № {check.expected_head.last_id} "
                f"(по резервной копии или выгруженному отчёту), а в базе её нет или она другая — новейшие записи "
                f"удалены или журнал переписан.")
    return (f"Журнал аудита повреждён: запись № {check.first_broken_id} изменена или удалена, либо перед ней "
            f"удалены записи (проверено записей до неё — {check.rows - 1}).")
