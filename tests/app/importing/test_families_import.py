"""Registry import end to end: messy layouts, duplicates in the file and in the database, decisions,
unknown dictionary values, idempotent re-import, nothing written on refusal, the error report."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.importing.error_report import export_error_report
from app.importing.matching import SETTLEMENT
from app.importing.outcome import DUPLICATE, ERROR, NEW, UPDATE, Decisions
from app.importing.runner import ImportRequest, open_source, propose_mapping, run_import
from app.registry.persons import PersonData, create_person
from db.models import AuditEntry, ChildProfile, Family, FamilyCategory, FamilyMember, Person
from tests.app.importing.samples import snils, write_csv, write_xlsx

MOTHER_SNILS = snils("112233445")


def _request(database, path, kind="families", **kwargs):
    source = open_source(path, kind)
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    return ImportRequest(source, mapping, **kwargs)


def _import(database, actor, request, **kwargs):
    calls = []
    summary, preview = run_import(database, actor, request, before_write=lambda: calls.append(1), **kwargs)
    return summary, preview, calls


def _count(database, model):
    with database.read() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def _registry(tmp_path):
    return write_xlsx(tmp_path / "registry.xlsx", [
        ["ГБУ «Центр»: реестр семей", None, None, None, None, None, None],
        [None],
        ["№ семьи", "Ф.И.О.", "Дата рождения", "СНИЛС", "Адрес", "Категория семьи", "Ребёнок-инвалид"],
        [1, "ИВАНОВА Мария Петровна", "01.02.1985", MOTHER_SNILS, "с. Центральный, ул. Ленина, д. 5, кв. 3",
         "многодетная, ТЖС", None],
        [None, "Иванов Пётр Сергеевич", datetime(2015, 3, 4), None, None, None, "да"],
        [None, "иванова алёна сергеевна", "7.9.18", None, None, None, "нет"],
        [2, "Петрова Анна Ивановна", "1990-05-06", "123-456", "Дальнее", "Неполная", None],
        [3, "Сидорова Ольга Викторовна", "31.02.1988", None, "Дальнее", None, None],
        [4, "Кузнецова Ирина Олеговна", "12.12.1992", snils("223344556"), "Дальнее", "Неполная семья", None],
        [4, "Кузнецова Ирина Олеговна", "12.12.1992", None, None, None, None],
        [4, "Кузнецов Илья Андреевич", "2.1.20", None, None, None, None],
        ["Итого семей: 4", None, None, None, None, None, None],
    ], merged=["A1:G1"])


def test_person_per_row_registry_with_errors_and_duplicates(database, world, tmp_path):
    request = _request(database, _registry(tmp_path))
    summary, preview, backups = _import(database, world.coordinator, request)
    outcomes = {row.row: row.outcome for row in preview.rows}
    assert outcomes == {4: NEW, 5: NEW, 6: NEW, 7: ERROR, 8: ERROR, 9: NEW, 10: DUPLICATE, 11: NEW}
    reasons = {row.row: row.reason for row in preview.rows}
    assert "СНИЛС" in reasons[7] and "11 цифр" in reasons[7]
    assert "такой даты нет" in reasons[8]
    assert "повторяет строку 9" in reasons[10]
    assert (summary.created, summary.updated, summary.skipped, summary.errors) == (5, 0, 1, 2)
    assert backups == [1]
    with database.read() as session:
        families = session.execute(select(Family).order_by(Family.title)).scalars().all()
        assert [f.title for f in families] == ["Иванова Мария Петровна", "Кузнецова Ирина Олеговна"]
        ivanova = families[0]
        assert (ivanova.street, ivanova.house, ivanova.apartment) == ("ул. Ленина", "5", "3")
        assert ivanova.settlement_id == world.near_settlement_id and ivanova.district_id == world.district_id
        codes = {world.code(session, "family_category", c) for c in ("large", "tzhs", "disabled_child")}
        assert set(session.execute(select(FamilyCategory.category_id)
                                   .where(FamilyCategory.family_id == ivanova.id)).scalars()) == codes
        alena = session.execute(select(Person).where(Person.first_name == "Алёна")).scalar_one()
        assert (alena.last_name, alena.birth_date, alena.sex) == ("Иванова", date(2018, 9, 7), "F")
        roles = dict(session.execute(select(Person.first_name, FamilyMember.is_legal_representative)
                                     .join(FamilyMember, FamilyMember.person_id == Person.id)).all())
        assert roles == {"Мария": True, "Пётр": False, "Алёна": False, "Ирина": True, "Илья": False}
        assert session.execute(select(func.count()).select_from(AuditEntry)
                               .where(AuditEntry.entity == "person", AuditEntry.action == "create")).scalar() == 5


def test_reimport_changes_nothing_and_updates_only_on_request(database, world, tmp_path):
    path = _registry(tmp_path)
    _import(database, world.coordinator, _request(database, path))
    counts = [_count(database, model) for model in (Person, Family, FamilyMember, FamilyCategory)]
    audit_rows = _count(database, AuditEntry)
    summary, preview, _ = _import(database, world.coordinator, _request(database, path))
    assert (summary.created, summary.updated) == (0, 0)
    assert {row.outcome for row in preview.rows} == {DUPLICATE, ERROR}
    assert [_count(database, model) for model in (Person, Family, FamilyMember, FamilyCategory)] == counts
    assert _count(database, AuditEntry) == audit_rows + 1  # only the import's own line
    summary, _preview, _ = _import(database, world.coordinator, _request(database, path, decisions=Decisions("update")))
    assert (summary.created, summary.updated) == (0, 0)
    changed = write_xlsx(tmp_path / "changed.xlsx", [
        ["ФИО", "Дата рождения", "Телефон", "Категория семьи", "Адрес"],
        ["Иванова Мария Петровна", "01.02.1985", "+7 914 111-22-33", "многодетная; неполная", "Центральный"],
    ])
    request = _request(database, changed, decisions=Decisions("skip", {2: "update"}))
    summary, preview, _ = _import(database, world.coordinator, request, dry_run=True)
    assert preview.rows[0].outcome == UPDATE and "телефон" in preview.rows[0].reason
    assert (summary.updated, summary.dry_run) == (1, True)
    summary, preview, _ = _import(database, world.coordinator, request)
    assert summary.updated == 1
    with database.read() as session:
        mother = session.execute(select(Person).where(Person.snils == MOTHER_SNILS.replace("-", "").replace(" ", ""))
                                 ).scalar_one()
        assert mother.phone == "+7 (914) 111-22-33"  # normalised like a typed phone
        family = session.execute(select(Family).where(Family.title == "Иванова Мария Петровна")).scalar_one()
        assert family.phone == "+7 (914) 111-22-33"
        single = world.code(session, "family_category", "single_parent")
        assert session.execute(select(FamilyCategory).where(FamilyCategory.family_id == family.id,
                                                            FamilyCategory.category_id == single)).scalar()


def test_match_against_database_by_folded_name_and_birth_and_create_decision(database, world, tmp_path):
    with database.write() as session:
        create_person(session, world.coordinator, PersonData("Семёнова", "Алёна", "Петровна", "F", date(1990, 1, 2)))
    path = write_csv(tmp_path / "r.csv", [["Фамилия", "Имя", "Отчество", "Дата рождения", "Пол"],
                                          ["СЕМЕНОВА", "алена", "петровна", "02.01.1990", "ж"]], "cp1251")
    summary, preview, _ = _import(database, world.coordinator, _request(database, path))
    assert preview.rows[0].outcome == DUPLICATE and "Семёнова Алёна Петровна" in preview.rows[0].reason
    assert summary.skipped == 1 and _count(database, Person) == 1
    summary, preview, _ = _import(database, world.coordinator, _request(database, path, decisions=Decisions("create")))
    assert summary.created == 1 and _count(database, Person) == 2


def test_snils_owned_by_someone_else_is_an_error(database, world, tmp_path):
    with database.write() as session:
        create_person(session, world.coordinator, PersonData("Орлова", "Вера", None, "F", date(1980, 1, 1),
                                                             snils=MOTHER_SNILS))
    path = write_xlsx(tmp_path / "r.xlsx", [["ФИО", "Дата рождения", "СНИЛС"],
                                            ["Иванова Мария Петровна", "01.02.1985", MOTHER_SNILS]])
    summary, preview, _ = _import(database, world.coordinator, _request(database, path))
    assert preview.rows[0].outcome == ERROR and "Орлова Вера" in preview.rows[0].reason
    assert summary.errors == 1 and _count(database, Family) == 0


def test_family_per_row_layout_with_children_list(database, world, tmp_path):
    path = write_xlsx(tmp_path / "families.xlsx", [
        ["Мать", None, "Ребёнок", None, "Населённый пункт", "Район", "Ребёнок-инвалид",
         "Дата установления инвалидности"],
        ["ФИО", "Дата рождения", "ФИО", "Дата рождения", None, None, None, None],
        ["Орлова Вера Ивановна", "01.01.1980", "Орлов Глеб Андреевич", "05.05.2016", "Соседнее", "Соседний район",
         "да", "01.06.2020"],
        ["Лебедева Ольга Юрьевна", "02.02.1982", "Лебедев Лев Ильич 03.03.2012; Лебедева Ия Ильинична 04.04.2014",
         None, "с. Дальнее", "Тестовый", None, None],
    ], merged=["A1:B1", "C1:D1", "E1:E2", "F1:F2", "G1:G2", "H1:H2"])
    summary, preview, _ = _import(database, world.coordinator, _request(database, path))
    assert [row.outcome for row in preview.rows] == [NEW, NEW], preview.rows
    assert summary.created == 2
    with database.read() as session:
        titles = dict(session.execute(select(Family.title, Family.settlement_id)).all())
        assert titles == {"Орлова Вера Ивановна": world.other_settlement_id,
                          "Лебедева Ольга Юрьевна": world.far_settlement_id}
        assert _count(database, Person) == 5
        profile = session.execute(select(ChildProfile)).scalar_one()
        assert profile.is_disabled and profile.disability_since == date(2020, 6, 1)


def test_unknown_settlement_is_listed_then_mapped(database, world, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [["ФИО", "Дата рождения", "Населённый пункт"],
                                            ["Орлова Вера Ивановна", "01.01.1980", "пос. Заречный"],
                                            ["Орлов Глеб Андреевич", "05.05.2016", "пос. Заречный"]])
    summary, preview, _ = _import(database, world.coordinator, _request(database, path), dry_run=True)
    assert [(u.dictionary, u.text) for u in preview.unknown] == [(SETTLEMENT, "пос. Заречный")]
    assert all(row.outcome == ERROR and "Заречный" in row.reason for row in preview.rows)
    request = _request(database, path, resolved={(SETTLEMENT, "пос. заречный"): world.far_settlement_id})
    summary, preview, _ = _import(database, world.coordinator, request)
    assert summary.created == 2 and preview.unknown == []
    with database.read() as session:
        assert session.execute(select(Family.settlement_id)).scalar_one() == world.far_settlement_id


def test_refusals_write_nothing(database, world, tmp_path):
    path = _registry(tmp_path)
    request = _request(database, path)
    from app.core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        _import(database, world.admin, request)
    request.mapping.columns.clear()
    with pytest.raises(Exception, match="ФИО"):
        _import(database, world.coordinator, request)

    def cancel(done, total, label):
        from app.core.errors import Cancelled

        raise Cancelled()

    with pytest.raises(Exception, match="отменена"):
        _import(database, world.coordinator, _request(database, path), progress=cancel)
    assert _count(database, Person) == 0 and _count(database, Family) == 0


def test_error_report_lists_rejected_rows_as_text(database, world, tmp_path):
    path = write_csv(tmp_path / "r.csv", [["ФИО", "Дата рождения", "Примечание"],
                                          ["=HYPERLINK(\"x\")", "01.01.1980", "-1"],
                                          ["Орлова Вера Ивановна", "нет даты", "@SUM(A1)"]])
    request = _request(database, path)
    _summary, preview, _ = _import(database, world.coordinator, request, dry_run=True)
    target = export_error_report(preview, request.source.header.labels, tmp_path / "errors.xlsx", "r.csv")
    sheet = load_workbook(target).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row[0] == "Строка файла")
    assert rows[header][:5] == ["Строка файла", "Причина", "ФИО", "Дата рождения", "Примечание"]
    assert [row[0] for row in rows[header + 1:]] == [2, 3]
    assert "русские буквы" in rows[header + 1][1] and "не похоже на дату" in rows[header + 2][1]
    formula_cell = sheet.cell(header + 2, 3)
    assert formula_cell.value == "=HYPERLINK(\"x\")" and formula_cell.data_type == "s"
