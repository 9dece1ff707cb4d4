"""«Проверить установку»: does this installation work end to end? (`opora selfcheck`, the About dialog.)

Everything happens on a temporary SQLite database in a temporary folder that is removed afterwards: the
user's database, backups and settings are never touched. Each step returns one line; a failing step is
reported with its reason and the remaining steps still run, so one look tells what is broken. Steps that
need Qt (rendering offscreen, Qt fonts and translations) are passed in by the caller (`ui.about`), since
`app` never imports Qt.

Runs on the calling thread with no database of the caller's: the GUI calls it on a thread of its own.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from app.core.actor import COORDINATOR, Actor
from app.core.resources import resources_dir

log = logging.getLogger(__name__)

ORGANISATION = "ГБУ «Центр помощи семье и детям» (проверка установки)"
PASSWORD = "Проверка-2026"
FONT_FILES = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "PTSans-Regular.ttf")
TRANSLATION = "translations/opora_ru.qm"
TEMPLATES = "templates"


@dataclass(frozen=True)
class StepResult:
    name: str
    ok: bool
    detail: str
    seconds: float

    @property
    def line(self) -> str:
        return f"{'OK  ' if self.ok else 'СБОЙ'} {self.name}: {self.detail}"


@dataclass
class Workspace:
    """What the steps share: the temporary folder, the database and the people made in it."""

    folder: Path
    database: object = None  # db.session.Database once the schema step ran
    actor: Actor | None = None
    family_id: object = None
    files: dict[str, Path] = field(default_factory=dict)


Step = tuple[str, Callable[[Workspace], str]]


def _schema(work: Workspace) -> str:
    from app.accounts.users import NewUser, actor_for, create_user
    from app.reference.seeding import seed_reference_data
    from app.system.bootstrap import FirstSetup, initialize
    from db.migrate import head_revision, upgrade
    from db.models import User
    from db.session import Database

    database = Database(f"sqlite:///{work.folder / 'selfcheck.db'}")
    work.database = database
    upgrade(database.engine)
    with database.write() as session:
        seed_reference_data(session)
        initialize(session, FirstSetup(organization=ORGANISATION, admin_login="admin", admin_password=PASSWORD,
                                       office="Головное отделение"))
        from app.core.actor import system_actor

        saved = create_user(session, system_actor("selfcheck"),
                            NewUser("coord", PASSWORD, COORDINATOR, "Координатор"))
        user = session.get(User, saved.id)
        assert user is not None
        work.actor = actor_for(session, user)
    return f"схема создана (ревизия {head_revision()})"


def _family(work: Workspace) -> str:
    from app.registry.families import FamilyData, MemberData, NewFamily, register_family
    from app.registry.persons import PersonData
    from db.models import DictionaryItem, FamilyMember, Office, Person
    from db.session import Database

    database = work.database
    assert isinstance(database, Database) and work.actor is not None, "нет базы: не прошёл шаг схемы"
    with database.write() as session:
        def role(code: str) -> uuid.UUID:
            return session.execute(select(DictionaryItem.id).where(
                DictionaryItem.kind == "member_role", DictionaryItem.code == code)).scalar_one()

        office_id = session.execute(select(Office.id)).scalar_one()
        members = [
            MemberData(role("mother"), True, person=PersonData("Ёлкина", "Мария", "Сергеевна", "F", date(1988, 5, 4))),
            MemberData(role("child"), False, person=PersonData("Ёлкин", "Артём", "Игоревич", "M", date(2017, 2, 1))),
        ]
        work.family_id = register_family(session, work.actor, NewFamily(
            FamilyData(office_id=office_id, registered_on=date.today()), members)).id
    with database.read() as session:
        names = session.execute(
            select(Person.last_name).join(FamilyMember, FamilyMember.person_id == Person.id)
            .where(FamilyMember.family_id == work.family_id).order_by(Person.birth_date)).scalars().all()
        total = session.execute(select(func.count(FamilyMember.person_id))).scalar_one()
    if list(names) != ["Ёлкина", "Ёлкин"] or total != 2:
        raise AssertionError(f"прочитано не то, что записано: {names}")
    return "семья записана и прочитана (2 человека)"


def _report(work: Workspace) -> str:
    import zipfile

    from openpyxl import load_workbook

    from app.reports.catalog import ReportRequest
    from app.reports.export import export_report
    from app.reports.periods import quarter
    from db.session import Database

    database = work.database
    assert isinstance(database, Database) and work.actor is not None, "нет базы: не прошёл шаг схемы"
    today = date.today()
    period = quarter(today.year, (today.month - 1) // 3 + 1)
    folder = work.folder / "reports"
    folder.mkdir()
    with database.write() as session:
        exported = export_report(session, work.actor, ReportRequest("quarterly", period),
                                 ("xlsx", "docx", "pdf"), folder, name="quarterly")
    xlsx, docx, pdf = exported.files
    workbook = load_workbook(xlsx, read_only=True)
    if not workbook.sheetnames:
        raise AssertionError("в XLSX нет листов")
    workbook.close()
    with zipfile.ZipFile(docx) as archive:
        if "word/document.xml" not in archive.namelist():
            raise AssertionError("DOCX без основного текста")
    if not pdf.read_bytes().startswith(b"%PDF"):
        raise AssertionError("PDF повреждён")
    work.files["pdf"] = pdf
    sizes = ", ".join(f"{path.suffix[1:].upper()} {path.stat().st_size // 1024 or 1} КБ" for path in exported.files)
    return f"квартальный отчёт за {period.title}: {sizes}"


def _fonts(work: Workspace) -> str:
    from app.documents.pdf_fonts import register_pdf_fonts

    folder = resources_dir() / "fonts"
    missing = [name for name in FONT_FILES if not (folder / name).is_file()]
    if missing:
        raise AssertionError(f"нет файлов шрифтов в {folder}: {', '.join(missing)}")
    regular, bold = register_pdf_fonts()
    return f"{len(list(folder.glob('*.ttf')))} шрифтов в {folder}; для PDF: {regular}, {bold}"


def _resources(work: Workspace) -> str:
    folder = resources_dir()
    qm = folder / TRANSLATION
    if not qm.is_file() or qm.stat().st_size < 1024:
        raise AssertionError(f"нет файла перевода {qm}")
    templates = list((folder / TEMPLATES).glob("*.docx"))
    if not templates:
        raise AssertionError(f"нет шаблонов документов в {folder / TEMPLATES}")
    return f"перевод {qm.name} ({qm.stat().st_size // 1024} КБ), шаблонов документов: {len(templates)}"


BASE_STEPS: tuple[Step, ...] = (
    ("База данных", _schema),
    ("Запись и чтение семьи", _family),
    ("Отчёт XLSX, DOCX, PDF", _report),
    ("Шрифты", _fonts),
    ("Переводы и шаблоны", _resources),
)


def run_selfcheck(extra_steps: Sequence[Step] = (), on_step: Callable[[StepResult], None] | None = None,
                  base: bool = True) -> list[StepResult]:
    """Run the steps (the base ones unless `base` is False, then `extra_steps`) in a temporary folder.

    Never raises for a failed step: each result says whether it passed and why not.
    """
    folder = Path(tempfile.mkdtemp(prefix="opora-selfcheck-"))
    work = Workspace(folder)
    results: list[StepResult] = []
    try:
        for name, step in (*(BASE_STEPS if base else ()), *extra_steps):
            started = time.monotonic()
            try:
                result = StepResult(name, True, step(work), time.monotonic() - started)
            except Exception as error:  # a broken installation shows up here as any exception
                log.exception("selfcheck step %s failed", name)
                reason = str(error) or type(error).__name__
                result = StepResult(name, False, reason, time.monotonic() - started)
            results.append(result)
            if on_step is not None:
                on_step(result)
    finally:
        dispose = getattr(work.database, "dispose", None)
        if dispose is not None:
            dispose()
        shutil.rmtree(folder, ignore_errors=True)
    return results


def passed(results: Sequence[StepResult]) -> bool:
    return bool(results) and all(result.ok for result in results)

