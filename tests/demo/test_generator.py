"""Demonstration data: volumes, invariants the services would keep, determinism, integrity."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import fields
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from app.core.checks import snils_checksum_ok
from app.core.errors import Cancelled, OporaError
from app.core.text import fold, full_name
from app.system.bootstrap import FirstSetup, initialize, log_in, open_database
from app.system.startup import prepare_database
from db.engine import CACHE_KIB
from db.models import (
    Consent,
    DictionaryItem,
    Family,
    FamilyCategory,
    FamilyMember,
    Organization,
    Person,
    RehabSession,
    Staff,
    SupportCase,
    User,
)
from db.session import Database
from demo.generator import DEMO_LOGIN, DEMO_PASSWORD, DemoSummary, generate_demo

TODAY = date(2026, 3, 16)
COUNTED = [f.name for f in fields(DemoSummary) if f.type == "int" and f.name != "users"]


def _fresh(path: Path) -> Database:
    return open_database(str(path))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary, list]]:
    """60 families, generated once for the module; with the progress calls recorded."""
    database = _fresh(tmp_path_factory.mktemp("demo") / "t.db")
    calls: list[tuple[int, int, str]] = []
    summary = generate_demo(database, families=60, seed=1, today=TODAY,
                            progress=lambda done, total, label: calls.append((done, total, label)))
    yield database, summary, calls
    database.dispose()


@pytest.fixture(scope="module")
def medium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    database = _fresh(tmp_path_factory.mktemp("demo") / "t.db")
    summary = generate_demo(database, families=300, seed=3, today=TODAY)
    yield database, summary
    database.dispose()


def _count(database: Database, table: str) -> int:
    with database.read() as session:
        return session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_counts_match_summary_and_scale(small) -> None:
    database, summary, _calls = small
    for name in COUNTED:
        assert _count(database, name) == getattr(summary, name), name
    assert summary.families == 60
    assert 2.2 * 60 <= summary.persons <= 2.8 * 60
    assert summary.family_members == summary.persons
    assert 40 * 60 <= summary.rehab_sessions <= 60 * 60
    assert summary.session_participants >= summary.rehab_sessions
    assert 8 * 60 <= summary.home_visits <= 12 * 60
    assert 0.6 * 60 <= summary.support_cases <= 1.4 * 60
    assert summary.plan_items >= 2 * summary.support_cases
    assert 5 <= summary.districts <= 8 and summary.offices == summary.districts
    for name in ("staff", "settlements", "family_categories", "identity_documents", "consents",
                 "child_profiles", "case_grounds", "brigade_trips", "trip_stops", "trip_families", "events"):
        assert getattr(summary, name) > 0, name
    assert summary.total_rows > summary.rehab_sessions
    assert "семей 60" in summary.describe()


def test_names_keys_and_titles_are_what_the_services_would_store(small) -> None:
    database, _summary, _calls = small
    with database.read() as session:
        persons = session.execute(select(Person)).scalars().all()
        for person in persons:
            assert person.last_name_key == fold(person.last_name)
            assert person.first_name_key == fold(person.first_name)
            assert person.middle_name_key == fold(person.middle_name)
            assert person.sex in ("M", "F")
            assert isinstance(person.birth_date, date)
            assert person.created_at.tzinfo is not None
        for family in session.execute(select(Family)).scalars():
            rows = session.execute(
                select(Person.last_name, Person.first_name, Person.middle_name)
                .join(FamilyMember, FamilyMember.person_id == Person.id)
                .where(FamilyMember.family_id == family.id)
                .order_by(FamilyMember.is_legal_representative.desc(), Person.birth_date, Person.last_name_key)
            ).all()
            assert rows, "every family has members"
            assert family.title == full_name(*rows[0])
            assert family.title_key == fold(family.title)
            assert family.responsible_staff_id is not None
            responsible = session.get(Staff, family.responsible_staff_id)
            assert responsible is not None and responsible.office_id == family.office_id


def test_surname_and_patronymic_agree_with_sex(medium) -> None:
    database, _summary = medium
    with database.read() as session:
        rows = session.execute(select(Person.last_name, Person.middle_name, Person.sex)).all()
    for last, middle, sex in rows:
        if sex == "F":
            assert not last.endswith(("ов", "ев", "ёв", "ин", "ский")), last
            assert middle is None or middle.endswith(("вна", "чна")), middle
        else:
            assert not last.endswith(("ова", "ева", "ина", "ская")), last
            assert middle is None or middle.endswith(("вич", "ич")), middle
    assert any("ё" in last for last, _m, _s in rows), "some surnames carry ё"


def test_every_snils_passes_the_checksum(medium) -> None:
    database, summary = medium
    with database.read() as session:
        numbers = session.execute(select(Person.snils)).scalars().all()
    stored = [number for number in numbers if number is not None]
    assert len(stored) >= 0.85 * summary.persons
    assert len(set(stored)) == len(stored)
    assert all(snils_checksum_ok(number) and int(number[:9]) > 1001998 for number in stored)


def test_all_categories_and_positions_are_used(medium) -> None:
    database, _summary = medium
    with database.read() as session:
        def used(kind: str, column: object) -> tuple[set[str], set[str]]:
            every = set(session.execute(select(DictionaryItem.code).where(DictionaryItem.kind == kind)).scalars())
            seen = set(session.execute(
                select(DictionaryItem.code).where(DictionaryItem.id.in_(select(column)))).scalars())
            return every, seen

        for kind, column in (("family_category", FamilyCategory.category_id), ("position", Staff.position_id),
                             ("support_level", SupportCase.support_level_id)):
            every, seen = used(kind, column)
            assert seen == every, (kind, every - seen)
        positions_per_office = session.execute(
            select(Staff.office_id, func.count(func.distinct(Staff.position_id))).group_by(Staff.office_id)).all()
        n_positions = len(used("position", Staff.position_id)[0])
        assert positions_per_office and all(count == n_positions for _office, count in positions_per_office)
        multi = session.execute(
            select(func.count()).select_from(
                select(FamilyCategory.family_id).group_by(FamilyCategory.family_id)
                .having(func.count() > 1).subquery())).scalar_one()
        ended = session.execute(select(func.count()).where(FamilyCategory.ended_on.is_not(None),
                                                           FamilyCategory.end_reason_id.is_not(None))).scalar_one()
        sop_without_kdn = session.execute(text(
            "SELECT count(*) FROM family_categories fc JOIN dictionary_items d ON d.id = fc.category_id "
            "WHERE d.code = 'sop' AND (fc.kdn_intake_number IS NULL OR fc.kdn_intake_date IS NULL)")).scalar_one()
        withdrawn = session.execute(select(func.count()).where(Consent.withdrawn_on.is_not(None))).scalar_one()
        # Family support has a level; a programme of services or a rehabilitation course has none.
        levels = dict(session.execute(text(
            "SELECT k.code, count(c.support_level_id) * 1.0 / count(*) FROM support_cases c "
            "JOIN dictionary_items k ON k.id = c.kind_id GROUP BY k.code")).all())
    assert multi > 0 and ended > 0 and withdrawn > 0
    assert sop_without_kdn == 0
    assert levels == {"social_support": 1, "ipr_sop": 1, "ippsu": 0, "iprp": 0, "rehab_course": 0}


def test_sessions_fit_the_working_day_and_never_overlap(medium) -> None:
    database, _summary = medium
    with database.read() as session:
        overlaps = session.execute(text(
            "SELECT count(*) FROM (SELECT staff_id, starts_at FROM rehab_sessions "
            "GROUP BY staff_id, starts_at HAVING count(*) > 1)")).scalar_one()
        starts = session.execute(select(RehabSession.starts_at, RehabSession.duration_min).limit(3000)).all()
        before_registration = session.execute(text(
            "SELECT count(*) FROM session_participants p JOIN rehab_sessions s ON s.id = p.session_id "
            "JOIN family_members m ON m.person_id = p.person_id JOIN families f ON f.id = m.family_id "
            "WHERE date(s.starts_at) < f.registered_on")).scalar_one()
        groups = session.execute(text(
            "SELECT count(*) FROM rehab_sessions WHERE is_group = 1")).scalar_one()
        visits_from_trips = session.execute(text(
            "SELECT count(*) FROM home_visits WHERE trip_id IS NOT NULL")).scalar_one()
    assert overlaps == 0
    assert before_registration == 0
    assert groups > 0 and visits_from_trips > 0
    for starts_at, minutes in starts:
        assert isinstance(starts_at, datetime) and starts_at.tzinfo is None
        assert starts_at.weekday() < 5
        assert starts_at.hour * 60 + starts_at.minute >= 9 * 60
        assert starts_at.hour * 60 + starts_at.minute + minutes <= 17 * 60
        assert 30 <= minutes <= 45


def _digest(database: Database) -> str:
    with database.read() as session:
        rows = session.execute(
            select(Person.last_name, Person.first_name, Person.middle_name, Person.birth_date, Person.snils)
            .order_by(Person.id)).all()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_same_seed_gives_the_same_data(tmp_path: Path) -> None:
    digests = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        database = _fresh(tmp_path / f"{name}.db")
        generate_demo(database, families=25, seed=seed, today=TODAY)
        digests.append(_digest(database))
        database.dispose()
    assert digests[0] == digests[1]
    assert digests[0] != digests[2]


def test_foreign_keys_hold(small, medium) -> None:
    for database in (small[0], medium[0]):
        with database.read() as session:
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []


def test_progress_is_reported_in_order(small) -> None:
    _database, _summary, calls = small
    assert len(calls) > 10
    assert all(0 < done <= total for done, total, _label in calls)
    assert [done for done, _t, _l in calls] == sorted(done for done, _t, _l in calls)
    assert calls[-1][0] == calls[-1][1]
    assert any(label == "Сеансы занятий" for _d, _t, label in calls)


def test_demo_login_works_and_is_offered_at_start(small) -> None:
    database, summary, _calls = small
    assert (summary.demo_login, summary.demo_password) == (DEMO_LOGIN, DEMO_PASSWORD)
    result = log_in(database, DEMO_LOGIN, DEMO_PASSWORD)
    assert result.actor.role == "coordinator"
    # The demo coordinator sees the whole demo registry: every office is theirs.
    from sqlalchemy import func, select

    from app.registry.family_list import FamilyFilter, search_families
    from db.models import Family, Office

    with database.read() as session:
        assert result.actor.office_ids == frozenset(session.execute(select(Office.id)).scalars())
        visible = search_families(session, FamilyFilter(), actor=result.actor, limit=1).total
        assert visible == session.execute(select(func.count()).select_from(Family)
                                          .where(Family.deleted_at.is_(None))).scalar_one()
    state = prepare_database(database)
    assert (state.demo_login, state.demo_password) == (DEMO_LOGIN, DEMO_PASSWORD)
    assert state.organization and state.office


def test_refuses_a_database_with_families(small) -> None:
    database, _summary, _calls = small
    with pytest.raises(OporaError):
        generate_demo(database, families=5, seed=1, today=TODAY)


def test_initialized_database_keeps_its_organisation_and_users(tmp_path: Path) -> None:
    database = _fresh(tmp_path / "init.db")
    with database.write() as session:
        initialize(session, FirstSetup(organization="ГБУ «Тестовый центр»", admin_login="admin",
                                       admin_password="secret123", office="Центральное отделение"))
    summary = generate_demo(database, families=20, seed=2, today=TODAY)
    assert summary.organizations == 0 and summary.demo_login is None and summary.users == 0
    assert prepare_database(database).demo_login is None
    with database.read() as session:
        assert session.execute(select(func.count(Organization.id))).scalar_one() == 1
        assert session.execute(select(User.login)).scalars().all() == ["admin"]
        assert session.execute(select(func.count(Family.id))).scalar_one() == 20
    database.dispose()


def _indexes(database: Database, kind: str = "index") -> list[tuple[str, str]]:
    with database.read() as session:
        return session.execute(text(
            "SELECT name, sql FROM sqlite_master WHERE type = :kind AND sql IS NOT NULL ORDER BY name"),
            {"kind": kind}).all()


def _derived_differences(database: Database) -> list[str]:
    """Each derived table compared with its sources: the messages of those that disagree."""
    from app.reports.service_summary import check_service_summary
    from app.reports.session_summary import check_summary
    from app.worklist.consent_states import check_consent_states
    from app.worklist.contact_days import check_contact_days

    with database.read() as session:
        found = [check(session) for check in (check_summary, check_service_summary, check_consent_states,
                                              check_contact_days)]
    return [difference.message for difference in found if not difference.ok]


def test_indexes_come_back_as_migrated(tmp_path: Path, small) -> None:
    fresh = _fresh(tmp_path / "fresh.db")
    assert _indexes(small[0]) == _indexes(fresh)
    assert _indexes(small[0], "trigger") == _indexes(fresh, "trigger")
    fresh.dispose()


def test_derived_tables_are_built_as_their_triggers_would_keep_them(small, medium) -> None:
    """The derived tables' triggers are paused while the demo writes and the tables rebuilt once at the end."""
    for database in (small[0], medium[0]):
        assert _derived_differences(database) == []
        for table in ("report_session_months", "report_service_totals", "consent_states", "contact_session_days"):
            assert _count(database, table) > 0, table
        assert _count(database, "paused_triggers") == 0


def test_cancelled_run_leaves_nothing(tmp_path: Path) -> None:
    database = _fresh(tmp_path / "cancel.db")
    before, triggers = _indexes(database), _indexes(database, "trigger")

    def cancel_late(done: int, total: int, label: str) -> None:
        if done >= total - 2:
            raise Cancelled()

    with pytest.raises(Cancelled):
        generate_demo(database, families=15, seed=1, today=TODAY, progress=cancel_late)
    assert _count(database, "families") == 0
    assert _count(database, "rehab_sessions") == 0
    assert _count(database, "users") == 0
    assert _indexes(database) == before
    assert _indexes(database, "trigger") == triggers
    with database.read() as session:
        # the connection setting of db.engine is back, not the generator's larger cache
        assert session.execute(text("PRAGMA cache_size")).scalar_one() == -CACHE_KIB
    database.dispose()


def test_demo_fills_an_organised_database_on_every_backend(database):
    """On SQLite and PostgreSQL alike: reuses the existing organisation and makes no demo user."""
    from sqlalchemy import func, select

    from db.models import Family, RehabSession, SessionParticipant

    summary = generate_demo(database, families=15, seed=3)
    with database.read() as session:
        assert session.execute(select(func.count(Family.id))).scalar_one() == 15
        sessions = session.execute(select(func.count(RehabSession.id))).scalar_one()
        participants = session.execute(select(func.count(SessionParticipant.id))).scalar_one()
    assert sessions > 0 and participants >= sessions
    assert summary.demo_login is None
    assert _derived_differences(database) == []
