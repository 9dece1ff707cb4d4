"""#12 item 3: support comes in with the registry — support columns open cases, a default kind opens one
per family from its registration date, blank support cells open none — and after importing a registry
with its journals the quarterly report has families on support and children served."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.core.errors import PermissionDenied, ValidationError
from app.importing.outcome import ERROR, NEW
from app.importing.runner import ImportRequest, open_source, propose_mapping, run_import
from app.reports.periods import quarter
from app.reports.quarterly import compute_quarterly
from db.models import District, Family, Service, Settlement, SupportCase
from tests.app.importing.samples import snils, write_xlsx


def _run(database, actor, path, kind, **kwargs):
    source = open_source(path, kind)
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    dry = kwargs.pop("dry_run", False)
    return run_import(database, actor, ImportRequest(source, mapping, **kwargs), before_write=lambda: None,
                      dry_run=dry)


def _places(database, world):
    with database.write() as session:
        district = District(name="Моршанский район", office_id=world.office_id)
        session.add(district)
        session.flush()
        session.add(Settlement(district_id=district.id, municipality="Сосновский поссовет", name="Сосновка",
                               distance_km=12.5))


def _cases(database, world):
    with database.read() as session:
        rows = session.execute(select(Family.title, SupportCase.kind_id, SupportCase.opened_on, SupportCase.closed_on,
                                      SupportCase.closing_reason_id, SupportCase.responsible_staff_id,
                                      SupportCase.review_due_on)
                               .join(Family, Family.id == SupportCase.family_id).order_by(Family.title)).all()
        codes = {world.code(session, "case_kind", c): c for c in ("social_support", "ippsu", "iprp")}
        reasons = {world.code(session, "case_closing_reason", c): c for c in ("family_moved", "other")}
    return [(title.split()[0], codes.get(kind), opened, closed, reasons.get(reason), staff, review)
            for title, kind, opened, closed, reason, staff, review in rows]


def test_support_columns_open_cases_and_blank_cells_open_none(database, world, tmp_path):
    _places(database, world)
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "Район", "Населённый пункт", "Дата постановки на учёт",
         "Вид сопровождения", "Дата снятия", "Причина снятия", "Ответственный специалист"],
        [1, "Белова Ирина Сергеевна", "12.04.1987", "Моршанский р-н", "р.п. Сосновка", "15.01.2024",
         "ИППСУ", None, None, "Смирнова О.И."],
        [1, "Белов Кирилл Андреевич", "03.05.2014", None, None, None, None, None, None, None],
        [2, "Орлова Нина Петровна", "01.02.1990", "Моршанский р-н", "Сосновка", "10.02.2024",
         "соц. сопровождение", "20.05.2024", "переезд в другой район", "Кузнецова"],
        [2, "Орлов Иван Олегович", "05.05.2016", None, None, None, None, None, None, None],
        [3, "Зайцева Ольга Ивановна", "03.03.1988", "Моршанский р-н", "Сосновка", "11.03.2024",
         None, None, None, None],
        [3, "Зайцев Пётр Ильич", "04.04.2017", None, None, None, None, None, None, None],
        [4, "Лисина Анна Петровна", "05.05.1991", "Моршанский р-н", "Сосновка", "12.03.2024",
         "ИППСУ", "01.03.2024", None, None],
        [4, "Лисин Олег Петрович", "06.06.2018", None, None, None, None, None, None, None],
        [5, "Ежова Дина Юрьевна", "07.07.1992", "Моршанский р-н", "Сосновка", "13.03.2024",
         None, None, None, "Смирнова О.И."],
    ])
    summary, preview = _run(database, world.coordinator, path, "families")
    assert [r.outcome for r in preview.rows] == [NEW] * 6 + [ERROR, ERROR, NEW], preview.rows
    assert "раньше даты постановки" in preview.rows[6].reason
    assert "Вид сопровождения не указан" in preview.rows[8].reason
    assert summary.created == 7
    assert _cases(database, world) == [
        ("Белова", "ippsu", date(2024, 1, 15), None, None, world.psychologist_id, date(2027, 1, 15)),
        ("Орлова", "social_support", date(2024, 2, 10), date(2024, 5, 20), "family_moved",
         world.speech_therapist_id, None),
    ]
    # Re-importing the same file changes nothing.
    summary, _preview = _run(database, world.coordinator, path, "families")
    assert summary.created == 0 and len(_cases(database, world)) == 2


def test_default_kind_opens_support_from_the_registration_date(database, world, tmp_path):
    _places(database, world)
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "Населённый пункт", "Дата постановки на учёт / на сопровождение"],
        [1, "Белова Ирина Сергеевна", "12.04.1987", "р.п. Сосновка", None],
        [1, "Белов Кирилл Андреевич", "03.05.2014", None, "15.01.2024"],
    ])
    with pytest.raises(ValidationError, match="Вид сопровождения «поддержка» неизвестен"):
        _run(database, world.coordinator, path, "families", open_support="поддержка", dry_run=True)
    summary, _preview = _run(database, world.coordinator, path, "families", open_support="social_support")
    assert summary.created == 2
    assert _cases(database, world) == [("Белова", "social_support", date(2024, 1, 15), None, None, None, None)]
    with database.read() as session:
        assert session.execute(select(Family.registered_on)).scalar_one() == date(2024, 1, 15)


def test_after_registry_and_journals_the_quarterly_report_is_right(database, world, tmp_path):
    """The first day as a coordinator lives it: registry with registration dates, then the session and visit
    journals; the report of the quarter has the families on support and the children served."""
    _places(database, world)
    child_snils = snils("665544332")
    registry = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Район", "Населённый пункт", "Категория семьи",
         "Дата постановки на учёт"],
        [1, "Белова Ирина Сергеевна", "12.04.1987", None, "Моршанский р-н", "р.п. Сосновка", "многодетн.\nТЖС",
         "15.01.2025"],
        [1, "Белов Кирилл Андреевич", "03.05.2014", child_snils, None, None, None, None],
        [1, "Белова Вера Андреевна", "03.03.2018", None, None, None, None, None],
        [2, "Орлова Нина Петровна", "01.02.1990", None, "Моршанский р-н", "п. Сосновка", "неполная", "10.02.2025"],
        [2, "Орлов Иван Олегович", "05.05.2016", None, None, None, None, None],
    ])
    summary, _preview = _run(database, world.coordinator, registry, "families", open_support="social_support")
    assert summary.created == 5
    with database.read() as session:
        service = session.execute(select(Service.name).where(Service.code == "psy_correction")).scalar_one()
    sessions = write_xlsx(tmp_path / "sessions.xlsx", [
        ["Дата", "Время", "ФИО ребёнка", "Дата рождения", "СНИЛС", "Специалист", "Услуга", "Тип занятия",
         "Отметка", "Форма работы"],
        ["03.03.2025", "10:00", None, None, child_snils, "Смирнова О.И.", service, "групповое", "+", "в центре"],
        ["03.03.2025", "10:00", "Белова Вера", "03.03.2018", None, "Смирнова О.И.", service, "групповое", "+",
         "в центре"],
        ["04.03.2025", "11:00", "Белова Вера", "03.03.2018", None, "Смирнова О.И.", service, "инд.", "н",
         "в центре"],
    ])
    summary, preview = _run(database, world.coordinator, sessions, "sessions")
    assert summary.created == 3, preview.rows
    visits = write_xlsx(tmp_path / "visits.xlsx", [
        ["Дата посещения", "ФИО", "Дата рождения", "Специалисты", "Цель посещения", "Услуги", "Форма работы"],
        ["12.03.2025", "Орлов Иван Олегович", "05.05.2016", "Смирнова О.И.\nКузнецова А.П.", "Патронаж",
         "Психологическая коррекция", "на дому"],
    ])
    summary, preview = _run(database, world.coordinator, visits, "visits")
    assert summary.created == 1, preview.rows
    with database.read() as session:
        report = compute_quarterly(session, quarter(2025, 1))
    assert (report.support.at_start, report.support.taken_on, report.support.at_end) == (0, 2, 2)
    assert sum(row.count for row in report.support.by_district) == report.support.at_end
    assert report.children.served == 3  # Кирилл and Вера attended, Иван was given a service at the visit


def _admin_coordinator(world):
    return replace(world.admin, working_role="coordinator", office_ids=frozenset({world.office_id}))


def test_missing_places_are_created_not_fatal(database, world, tmp_path):
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["№ семьи", "ФИО", "Дата рождения", "Район", "Населённый пункт"],
        [1, "Белова Ирина Сергеевна", "12.04.1987", "Моршанский р-н", "р.п. Сосновка"],
        [1, "Белов Кирилл Андреевич", "03.05.2014", None, None],
        [2, "Орлова Нина Петровна", "01.02.1990", "Моршанский район", "д. Ракша"],
        [3, "Зайцева Ольга Ивановна", "03.03.1988", "Тестовый район", "Новое Село"],
        [4, "Лисина Анна Петровна", "05.05.1991", None, "Неведомо"],
    ])
    _summary, preview = _run(database, world.coordinator, path, "families", dry_run=True)
    assert [r.outcome for r in preview.rows] == [ERROR] * 5  # without creating, unknown places refuse rows
    with pytest.raises(PermissionDenied, match="администратор"):
        _run(database, world.coordinator, path, "families", create_places=True, dry_run=True)
    actor = _admin_coordinator(world)
    _summary, preview = _run(database, actor, path, "families", create_places=True, dry_run=True)
    assert [r.outcome for r in preview.rows] == [NEW, NEW, NEW, NEW, ERROR], preview.rows
    assert "«Сосновка» будет создан" in preview.rows[0].reason and "«Моршанский р-н» будет" in preview.rows[0].reason
    assert "укажите район" in preview.rows[4].reason
    with database.read() as session:
        assert session.execute(select(Settlement).where(Settlement.name == "Сосновка")).first() is None
    summary, _preview = _run(database, actor, path, "families", create_places=True)
    assert summary.created == 4
    with database.read() as session:
        places = session.execute(select(District.name, Settlement.name).join(District)
                                 .where(Settlement.name.in_(("Сосновка", "Ракша", "Новое Село")))
                                 .order_by(Settlement.name)).all()
        assert places == [("Тестовый район", "Новое Село"), ("Моршанский р-н", "Ракша"),
                          ("Моршанский р-н", "Сосновка")]
        families = session.execute(select(Family.title, Settlement.name).join(Settlement)
                                   .order_by(Family.title)).all()
        assert families == [("Белова Ирина Сергеевна", "Сосновка"), ("Зайцева Ольга Ивановна", "Новое Село"),
                            ("Орлова Нина Петровна", "Ракша")]
    summary, _preview = _run(database, actor, path, "families", create_places=True)
    assert summary.created == 0  # nothing twice, places included
    with database.read() as session:
        assert len(session.execute(select(District).where(District.name == "Моршанский р-н")).all()) == 1


def test_one_place_chosen_for_creation(database, world, tmp_path):
    path = write_xlsx(tmp_path / "registry.xlsx", [
        ["ФИО", "Дата рождения", "Район", "Населённый пункт"],
        ["Белова Ирина Сергеевна", "12.04.1987", "Тестовый район", "Сосновка"],
        ["Орлова Нина Петровна", "01.02.1990", "Тестовый район", "Ракша"],
    ])
    _summary, preview = _run(database, _admin_coordinator(world), path, "families", dry_run=True,
                             create={("settlement", "сосновка")})
    assert [r.outcome for r in preview.rows] == [NEW, ERROR]
