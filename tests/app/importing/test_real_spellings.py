"""The first day (#12): files shaped like real centres' files — district «Моршанский р-н», settlements
«р.п. Сосновка», several values per cell one per line, «Тип занятия» in words, marks and reasons as
people write them — come in instead of being refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.importing.cells import CellError, parse_group
from app.importing.matching import district_key, place_key
from app.importing.outcome import ERROR, NEW
from app.importing.runner import ImportRequest, open_source, propose_mapping, run_import
from db.models import (
    District,
    Family,
    FamilyCategory,
    FamilyMember,
    HomeVisit,
    Person,
    RehabSession,
    Service,
    SessionParticipant,
    Settlement,
    VisitService,
    visit_staff,
)
from tests.app.importing.samples import snils, write_xlsx

CHILD_SNILS = snils("556677889")


@pytest.mark.parametrize("text", ["Моршанский р-н", "Моршанский район", "Моршанского р-на", "МО Моршанский",
                                  "Моршанский муниципальный округ", "Моршанский МР", "моршанский р-н."])
def test_district_spellings_meet(text):
    assert district_key(text) == district_key("Моршанский район")


@pytest.mark.parametrize("text", ["р.п. Сосновка", "рп Сосновка", "р. п. Сосновка", "пгт Сосновка", "пос. Сосновка",
                                  "п. Сосновка", "п.Сосновка", "Сосновка р.п.", "Сосновка (рп)", "Сосновка, пгт",
                                  "посёлок Сосновка", "Сосновка п.", "Сосновка р.п"])
def test_settlement_kind_before_or_after_the_name(text):
    assert place_key(text) == "сосновка"


def test_settlement_names_that_look_like_kinds_are_kept():
    assert place_key("Спасск") == "спасск" and place_key("Селезнёво") == "селезнево"
    assert place_key("Красный Яр") == "красный яр" and place_key("Городище") == "городище"
    assert place_key("Новое Село") == "новое село" and place_key("с. Красное Село") == "красное село"


@pytest.mark.parametrize(("text", "expected"), [("групповое", True), ("Групп.", True), ("гр.", True),
                                                ("индивидуальное", False), ("инд.", False), ("да", True),
                                                ("нет", False), (None, None)])
def test_session_type_in_words(text, expected):
    assert parse_group(text, "Тип занятия") is expected


def test_session_type_nonsense_names_the_column():
    with pytest.raises(CellError, match="Тип занятия"):
        parse_group("вторник", "Тип занятия")


def _places(database, world):
    with database.write() as session:
        district = District(name="Моршанский район", office_id=world.office_id)
        session.add(district)
        session.flush()
        session.add(Settlement(district_id=district.id, municipality="Сосновский поссовет", name="Сосновка",
                               distance_km=12))
        return district.id


def _run(database, actor, path, kind, dry_run=False):
    source = open_source(path, kind)
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    return run_import(database, actor, ImportRequest(source, mapping), before_write=lambda: None, dry_run=dry_run)


def test_registry_in_real_spellings_comes_in(database, world, tmp_path):
    district_id = _places(database, world)
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ п/п", "ФИО", "Дата рождения", "СНИЛС", "Район", "Населённый пункт", "Категория семьи",
         "Дата постановки на учёт"],
        [1, "Белова Ирина Сергеевна", "12.04.1987", None, "Моршанский р-н", "р.п. Сосновка",
         "многодетн.\nмалоимущая\nСОП", None],
        [1, "Белов Кирилл Андреевич", "03.05.2014", CHILD_SNILS, None, None, None, "15.01.2024"],
        [1, "Белова Дарья Андреевна", "01.01.2099", None, None, None, None, None],
        [1, "Белов Олег Андреевич", "09.09.2016", "112-233-445 00", None, None, None, None],
    ])
    summary, preview = _run(database, world.coordinator, path, "families")
    outcomes = [row.outcome for row in preview.rows]
    assert outcomes == [NEW, NEW, ERROR, ERROR], preview.rows
    assert "нет постановления КДН — дополнить" in preview.rows[0].reason
    assert "СНИЛС" in preview.rows[3].reason
    assert summary.created == 2
    with database.read() as session:
        family = session.execute(select(Family)).scalar_one()
        assert family.district_id == district_id and family.registered_on == date(2024, 1, 15)
        codes = {world_code for (world_code,) in session.execute(
            select(FamilyCategory.category_id).where(FamilyCategory.family_id == family.id))}
        assert codes == {world.code(session, "family_category", "large"),
                         world.code(session, "family_category", "tzhs"),
                         world.code(session, "family_category", "sop")}  # kept, flagged «дополнить»
        names = set(session.execute(select(Person.first_name).join(FamilyMember)).scalars())
        assert names == {"Ирина", "Кирилл"}


def test_family_per_row_bad_child_refuses_the_child_only(database, world, tmp_path):
    _places(database, world)
    path = write_xlsx(tmp_path / "families.xlsx", [
        ["ФИО законного представителя", "Дети", "СНИЛС ребёнка", "Адрес", "Район"],
        ["Орлова Нина Петровна", "Орлов Иван 01.02.2015\nОрлова Анна 30.02.2017", None, "р.п. Сосновка, ул. Мира, 4",
         "Моршанский р-н"],
    ])
    summary, preview = _run(database, world.coordinator, path, "families")
    row = preview.rows[0]
    assert row.outcome == NEW and "Не войдёт Орлова Анна" in row.reason and "такой даты нет" in row.reason
    assert summary.created == 1
    with database.read() as session:
        assert set(session.execute(select(Person.first_name)).scalars()) == {"Нина", "Иван"}


def _service(database, code):
    with database.read() as session:
        return session.execute(select(Service.id, Service.name).where(Service.code == code)).one()


def _registry(database, world, tmp_path):
    _places(database, world)
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Район", "Населённый пункт"],
        [1, "Белова Ирина Сергеевна", "12.04.1987", None, "Моршанский р-н", "рп Сосновка"],
        [1, "Белов Кирилл Андреевич", "03.05.2014", CHILD_SNILS, None, None],
        [1, "Белова Вера Андреевна", "03.03.2018", None, None, None],
        [1, "Белов Глеб Андреевич", "04.04.2019", None, None, None],
    ])
    summary, _preview = _run(database, world.coordinator, path, "families")
    assert summary.created == 4


def test_sessions_journal_in_words_with_group_rows(database, world, tmp_path):
    _registry(database, world, tmp_path)
    _id, name = _service(database, "psy_correction")
    path = write_xlsx(tmp_path / "sessions.xlsx", [
        ["Дата", "Время", "ФИО ребёнка", "Дата рождения", "СНИЛС", "Специалист", "Услуга", "Тип занятия",
         "Отметка", "Причина отсутствия", "Форма работы"],
        ["03.03.2025", "10:00", None, None, CHILD_SNILS, "Смирнова О.И.", name, "групповое", "+", None, "в центре"],
        ["03.03.2025", "10:00", "Белова Вера", "03.03.2018", None, "Смирнова О.И.", name, "групповое", "н",
         "сем. обстоятельства", "в центре"],
        ["03.03.2025", "10:00", "Белов Глеб", "31.02.2019", None, "Смирнова О.И.", name, "групповое", "+", None,
         "в центре"],
        ["04.03.2025", "11:00", "Белов Глеб", "04.04.2019", None, "Смирнова О.И.", name, "Групп.", "нет", "б/л",
         "в центре"],
        ["05.03.2025", "12:00", "Белов Глеб", "04.04.2019", None, "Смирнова О.И.", name, "инд.", "присутствовал",
         None, None],
    ])
    summary, preview = _run(database, world.coordinator, path, "sessions")
    assert [row.outcome for row in preview.rows] == [NEW, NEW, ERROR, NEW, NEW], preview.rows
    assert "не вошли строки 4" in preview.rows[0].reason
    assert "один ребёнок" in preview.rows[3].reason
    assert "форма работы не указана" in preview.rows[4].reason.lower()
    assert summary.created == 4
    with database.read() as session:
        sessions = session.execute(select(RehabSession).order_by(RehabSession.starts_at)).scalars().all()
        assert [s.is_group for s in sessions] == [True, False, False]
        reasons = {world.code(session, "absence_reason", code): code for code in ("family_reasons", "illness")}
        marks = session.execute(select(SessionParticipant.attended, SessionParticipant.absence_reason_id)
                                .join(RehabSession).order_by(RehabSession.starts_at)).all()
        assert sorted((a, reasons.get(r)) for a, r in marks) == sorted(
            [(True, None), (False, "family_reasons"), (False, "illness"), (True, None)], key=str)


def test_visit_journal_several_specialists_and_services_per_line(database, world, tmp_path):
    _registry(database, world, tmp_path)
    home_id, _home_name = _service(database, "psy_correction_home")
    other_id, other_name = _service(database, "ped_correction_home")
    path = write_xlsx(tmp_path / "visits.xlsx", [
        ["Дата посещения", "ФИО", "Дата рождения", "Специалисты", "Цель посещения", "Услуги", "Форма работы"],
        ["10.02.2025", "Белова Ирина Сергеевна", "12.04.1987", "Смирнова О.И.\nКузнецова А.П.", "Патронаж",
         f"Психологическая коррекция\n{other_name}", "на дому"],
    ])
    summary, preview = _run(database, world.coordinator, path, "visits")
    assert [row.outcome for row in preview.rows] == [NEW], preview.rows
    assert summary.created == 1
    with database.read() as session:
        visit = session.execute(select(HomeVisit)).scalar_one()
        staff = set(session.execute(select(visit_staff.c.staff_id).where(visit_staff.c.visit_id == visit.id))
                    .scalars())
        assert staff == {world.psychologist_id, world.speech_therapist_id}
        services = set(session.execute(select(VisitService.service_id).where(VisitService.visit_id == visit.id))
                       .scalars())
        assert services == {home_id, other_id}
