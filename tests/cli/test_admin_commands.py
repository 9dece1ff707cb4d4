"""The administrator's command line: `opora user|office|place|staff`, with their refusals and audit rows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import AuditEntry, District, Office, Settlement, Staff, User
from tests.world import PASSWORD

NEW = "Новый-пароль-1"


@pytest.fixture(autouse=True)
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    monkeypatch.setenv("OPORA_NEW_PASSWORD", NEW)


def _audit(database, login: str, entity: str) -> list:
    """(action, entity, fields) of the audit rows `login` wrote about `entity` records."""
    with database.read() as session:
        return list(session.execute(select(AuditEntry.action, AuditEntry.entity, AuditEntry.fields)
                                    .where(AuditEntry.login == login, AuditEntry.entity == entity)).all())


def _listed(opora, *args: str) -> list[dict]:
    status, out, err = opora(*args, "--json")
    assert status == 0, err
    return json.loads(out)


# --- user -----------------------------------------------------------------------------------------------------


def test_user_add_and_list_like_the_users_page(opora, sqlite_database, monkeypatch):
    status, out, err = opora("user", "add", "Petrova", "--role", "координатор", "--name", "Петрова Е.А.",
                             "--office", "центральное ОТДЕЛЕНИЕ", "--user", "admin")
    assert status == 0, err
    assert "petrova" in out
    status, out, err = opora("user", "add", "ivanova", "--role", "specialist", "--staff", "Смирнова О.И.",
                             "--user", "admin")
    assert status == 0, err
    rows = {row["login"]: row for row in _listed(opora, "user", "list", "--user", "admin")}
    assert rows["petrova"]["role"] == "coordinator" and rows["petrova"]["offices"] == "Центральное отделение"
    assert rows["ivanova"]["staff"] == "Смирнова О.И." and rows["ivanova"]["active"] is True
    assert {"admin", "coord", "spec"} <= set(rows)
    # The table for people: headings and one line per user.
    status, out, _ = opora("user", "list", "--user", "admin")
    assert status == 0 and out.splitlines()[0].startswith("Логин") and len(out.splitlines()) == 1 + len(rows)
    created = [entry for entry in _audit(sqlite_database, "admin", "user") if entry[0] == "create"]
    assert len(created) == 2
    # The new user signs in with the password given through OPORA_NEW_PASSWORD (and, a coordinator, may not
    # manage users).
    monkeypatch.setenv("OPORA_PASSWORD", NEW)
    status, _, err = opora("user", "list", "--user", "petrova")
    assert status == 1 and "только администратор" in err
    with sqlite_database.read() as session:
        assert session.execute(select(User.last_login_at).where(User.login == "petrova")).scalar() is not None


@pytest.mark.parametrize(("args", "field"), [
    (("user", "add", "Петрова", "--role", "coordinator"), "Поле «Логин»"),
    (("user", "add", "coord", "--role", "coordinator"), "Поле «Логин»: пользователь «coord» уже есть"),
    (("user", "add", "petrova", "--role", "director"), "Поле «Роль»"),
    (("user", "add", "petrova", "--role", "specialist"), "Поле «Сотрудник»"),
    (("user", "add", "petrova", "--role", "specialist", "--staff", "Иванов И.И."),
     "Поле «Сотрудник»: «Иванов И.И.» не найдено"),
    (("user", "add", "petrova", "--role", "coordinator", "--office", "Северное"), "Поле «Отделение»"),
    (("user", "add", "petrova", "--role", "coordinator", "--working-role", "coordinator"),
     "Поле «Рабочая роль»"),
    (("user", "set-role", "nobody", "coordinator"), "Поле «Логин»: пользователя «nobody» нет"),
])
def test_user_bad_input_names_the_field(opora, sqlite_database, args, field):
    status, out, err = opora(*args, "--user", "admin")
    assert status == 1 and field in err and "Traceback" not in err + out
    with sqlite_database.read() as session:
        assert session.execute(select(User.id).where(User.login == "petrova")).first() is None


def test_user_weak_password_is_refused(opora, monkeypatch):
    monkeypatch.setenv("OPORA_NEW_PASSWORD", "12345678")
    status, _, err = opora("user", "add", "petrova", "--role", "coordinator", "--user", "admin")
    assert status == 1 and "Поле «Пароль»: используйте и буквы, и цифры" in err


def test_user_commands_need_an_administrator(opora, monkeypatch):
    for args in (("user", "list"), ("user", "add", "petrova", "--role", "coordinator"),
                 ("user", "set-role", "spec", "admin"), ("user", "deactivate", "spec"), ("user", "unlock", "spec"),
                 ("user", "reset-password", "spec")):
        status, _, err = opora(*args, "--user", "coord")
        assert status == 1 and "Управлять пользователями может только администратор" in err, args
    monkeypatch.setenv("OPORA_PASSWORD", "wrong-password-1")
    status, _, err = opora("user", "list", "--user", "admin")
    assert status == 1 and "Неверный логин или пароль" in err


def test_the_last_administrator_cannot_be_removed(opora, sqlite_database, monkeypatch):
    status, _, err = opora("user", "set-role", "admin", "coordinator", "--user", "admin")
    assert status == 1 and "Поле «Роль»: это последний администратор" in err
    status, _, err = opora("user", "deactivate", "admin", "--user", "admin")
    assert status == 1 and "собственную учётную запись" in err
    # With a second administrator the first one can go; then the second is the last one.
    assert opora("user", "add", "admin2", "--role", "admin", "--user", "admin")[0] == 0
    monkeypatch.setenv("OPORA_PASSWORD", NEW)
    status, out, err = opora("user", "set-role", "admin", "coordinator", "--user", "admin2")
    assert status == 0 and "Координатор (изменена)" in out, err
    status, _, err = opora("user", "set-role", "admin2", "specialist", "--user", "admin2")
    assert status == 1 and "последний администратор" in err
    status, _, err = opora("user", "deactivate", "admin2", "--user", "admin2")
    assert status == 1
    status, out, err = opora("user", "deactivate", "coord", "--user", "admin2")
    assert status == 0 and "отключена" in out
    rows = {row["login"]: row for row in _listed(opora, "user", "list", "--user", "admin2")}
    assert rows["coord"]["active"] is False and rows["admin"]["role"] == "coordinator"
    assert rows["admin2"]["role"] == "admin" and rows["admin2"]["active"] is True


def test_an_administrator_with_a_working_role(opora):
    status, _, err = opora("user", "set-role", "coord", "администратор", "--working-role", "координатор",
                           "--user", "admin")
    assert status == 0, err
    row = next(r for r in _listed(opora, "user", "list", "--user", "admin") if r["login"] == "coord")
    assert row["role"] == "admin" and row["working_role"] == "coordinator"


def _lock_out(opora, monkeypatch, login: str) -> None:
    monkeypatch.setenv("OPORA_PASSWORD", "wrong-password-1")
    for _ in range(5):
        opora("user", "list", "--user", login)
    monkeypatch.setenv("OPORA_PASSWORD", PASSWORD)
    status, _, err = opora("user", "list", "--user", login)
    assert status == 1 and "временно заблокирована" in err


def test_a_locked_out_administrator_is_unlocked_by_whoever_can_write_the_file(opora, sqlite_database, monkeypatch):
    _lock_out(opora, monkeypatch, "admin")
    status, out, err = opora("user", "unlock", "admin")  # no --user: nobody can sign in
    assert status == 0, err
    assert "от имени ОС:" in out and "разблокирован" in out
    assert opora("user", "list", "--user", "admin")[0] == 0
    with sqlite_database.read() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.login.like("ОС:%"))).scalar_one()
        assert entry.action == "update" and entry.entity == "user" and entry.user_id is None
        assert entry.fields == "failed_attempts,locked_until"
    status, out, _ = opora("audit", "verify", "--user", "admin")
    assert status == 0


def test_recovery_is_refused_without_write_access_to_the_file(opora, sqlite_database, monkeypatch):
    _lock_out(opora, monkeypatch, "admin")
    monkeypatch.setattr("app.system.recovery.can_write", lambda path: False)
    status, _, err = opora("user", "unlock", "admin")
    assert status == 1 and "нет права записи в файл базы" in err
    status, _, err = opora("user", "reset-password", "admin")
    assert status == 1 and "нет права записи" in err
    with sqlite_database.read() as session:
        assert session.execute(select(AuditEntry.id).where(AuditEntry.login.like("ОС:%"))).first() is None


def test_a_forgotten_password_is_reset_from_the_command_line(opora, sqlite_database, monkeypatch):
    status, out, err = opora("user", "reset-password", "admin")
    assert status == 0 and "временным" in out, err
    monkeypatch.setenv("OPORA_PASSWORD", NEW)
    assert opora("user", "list", "--user", "admin")[0] == 0
    with sqlite_database.read() as session:
        assert session.execute(select(User.must_change_password).where(User.login == "admin")).scalar_one()
    monkeypatch.setenv("OPORA_NEW_PASSWORD", "short")
    status, _, err = opora("user", "reset-password", "spec", "--user", "admin")
    assert status == 1 and "Поле «Пароль»: не короче 8 символов" in err


# --- office, place, staff ---------------------------------------------------------------------------------------


def test_office_add_and_list(opora, sqlite_database):
    status, out, err = opora("office", "add", "Северное   отделение", "--address", "г. Вологда, ул. Мира, 5",
                             "--phone", "8 (8172) 12-34-56", "--user", "admin")
    assert status == 0 and "«Северное отделение» добавлено" in out, err
    rows = _listed(opora, "office", "list", "--user", "admin")
    assert [row["name"] for row in rows] == ["Центральное отделение", "Северное отделение"]
    assert rows[0]["is_main"] is True and rows[1]["is_main"] is False
    status, _, err = opora("office", "add", "СЕВЕРНОЕ отделение", "--user", "admin")
    assert status == 1 and "Поле «Наименование отделения»: отделение «СЕВЕРНОЕ отделение» уже есть" in err
    status, _, err = opora("office", "add", " ", "--user", "admin")
    assert status == 1 and "Поле «Наименование отделения»" in err
    status, _, err = opora("office", "add", "Южное", "--phone", "звоните", "--user", "admin")
    assert status == 1 and "Телефон" in err
    status, _, err = opora("office", "add", "Южное", "--user", "coord")
    assert status == 1 and "Изменять справочники может только администратор" in err
    assert [e[0] for e in _audit(sqlite_database, "admin", "office")] == ["create"]
    with sqlite_database.read() as session:
        assert session.execute(select(Office.name).where(Office.name == "Южное")).first() is None


def test_place_add_districts_and_settlements_with_kind_and_distance(opora, sqlite_database):
    status, _, err = opora("place", "add", "district", "Кирилловский район", "--office", "Центральное отделение",
                           "--user", "admin")
    assert status == 0, err
    status, _, err = opora("place", "add", "settlement", "Горицы", "--district", "кирилловский РАЙОН",
                           "--kind", "с.", "--distance", "45,5 км", "--municipality", "Горицкое СП",
                           "--user", "admin")
    assert status == 0, err
    status, _, err = opora("place", "add", "settlement", "Ферапонтово", "--district", "Кирилловский район",
                           "--kind", "деревня", "--distance", "120", "--user", "admin")
    assert status == 0, err
    rows = _listed(opora, "place", "list", "--district", "Кирилловский район", "--user", "admin")
    assert [(r["title"], r["distance_km"], r["is_remote"]) for r in rows] == [
        ("д. Ферапонтово", 120.0, True), ("с. Горицы", 45.5, False)]  # by settlement municipality, then name
    with sqlite_database.read() as session:
        district = session.execute(select(District).where(District.name == "Кирилловский район")).scalar_one()
        assert district.office_id is not None
        assert session.execute(select(Settlement.municipality).where(Settlement.name == "Горицы")).scalar_one() \
            == "Горицкое СП"
    entities = sorted(e[1] for e in _audit(sqlite_database, "admin", "district") +
                      _audit(sqlite_database, "admin", "settlement"))
    assert entities == ["district", "settlement", "settlement"]


SETTLEMENT = ("place", "add", "settlement", "Горицы", "--district", "Тестовый район")


@pytest.mark.parametrize(("args", "field"), [
    (("place", "add", "settlement", "Горицы", "--district", "Кирилловский"),
     "Поле «Район»: «Кирилловский» не найдено. Есть: «Соседний район», «Тестовый район»"),
    (("place", "add", "settlement", "Горицы"), "Поле «Район»: укажите район"),
    ((*SETTLEMENT, "--kind", "мегаполис"), "Поле «Тип населённого пункта»"),
    ((*SETTLEMENT, "--distance", "далеко"), "Поле «Расстояние до отделения, км»: «далеко» — не число"),
    ((*SETTLEMENT, "--distance", "-5"), "Поле «Расстояние до отделения, км»"),
    (("place", "add", "settlement", "ЦЕНТРАЛЬНЫЙ", "--district", "Тестовый район", "--municipality",
      "Центральное МО"), "уже есть"),
    (("place", "add", "district", "тестовый район"), "Поле «Наименование района»: район «тестовый район» уже есть"),
    (("place", "add", "district", "Новый", "--office", "Нет такого"), "Поле «Отделение»"),
])
def test_place_bad_input_names_the_field(opora, args, field):
    status, out, err = opora(*args, "--user", "admin")
    assert status == 1 and field in err and "Traceback" not in out + err


def test_staff_add_and_list(opora, sqlite_database):
    status, out, err = opora("staff", "add", "--last-name", "Белова", "--first-name", "Ирина", "--middle-name",
                             "Сергеевна", "--position", "педагог-психолог", "--office", "Центральное отделение",
                             "--phone", "+7 921 123-45-67", "--user", "admin")
    assert status == 0 and "Белова Ирина Сергеевна" in out, err
    status, _, err = opora("staff", "add", "--last-name", "Орлов", "--first-name", "Пётр", "--position",
                           "driver", "--office", "Центральное отделение", "--user", "admin")
    assert status == 0, err
    rows = _listed(opora, "staff", "list", "--user", "admin")
    assert [row["short_name"] for row in rows] == ["Белова И.С.", "Кузнецова А.П.", "Орлов П.", "Смирнова О.И."]
    assert next(r for r in rows if r["short_name"] == "Орлов П.")["position_code"] == "driver"
    with sqlite_database.read() as session:
        assert session.execute(select(Staff.phone).where(Staff.last_name == "Белова")).scalar_one()
    assert len(_audit(sqlite_database, "admin", "staff")) == 2
    # The new employee can be linked to a specialist account at once.
    status, _, err = opora("user", "add", "belova", "--role", "specialist", "--staff", "Белова Ирина Сергеевна",
                           "--user", "admin")
    assert status == 0, err


IRINA = ("--last-name", "Белова", "--first-name", "Ирина")
CENTRAL = ("--office", "Центральное отделение")
PSYCHOLOGIST = ("--position", "Педагог-психолог")


@pytest.mark.parametrize(("args", "field"), [
    (("--first-name", "Ирина", *PSYCHOLOGIST, *CENTRAL), "Поле «Фамилия»"),
    ((*IRINA, "--position", "повар", *CENTRAL), "Поле «Должность»: «повар» не найдено"),
    ((*IRINA, *PSYCHOLOGIST, "--office", "Северное"), "Поле «Отделение»"),
    ((*IRINA, *PSYCHOLOGIST, *CENTRAL, "--email", "belova@"), "Поле «Электронная почта»"),
    (("--last-name", "Belova1", "--first-name", "Ирина", *PSYCHOLOGIST, *CENTRAL), "Поле «Фамилия»"),
])
def test_staff_bad_input_names_the_field(opora, sqlite_database, args, field):
    status, out, err = opora("staff", "add", *args, "--user", "admin")
    assert status == 1 and field in err and "Traceback" not in out + err
    with sqlite_database.read() as session:
        assert session.execute(select(Staff.id).where(Staff.first_name == "Ирина")).first() is None


def test_dictionary_commands_need_an_administrator(opora):
    for args in (("office", "list"), ("place", "list"), ("staff", "list"),
                 ("place", "add", "district", "Новый"),
                 ("staff", "add", "--last-name", "Белова", "--first-name", "Ирина", "--position", "Врач",
                  "--office", "Центральное отделение")):
        status, _, err = opora(*args, "--user", "spec")
        assert status == 1 and "только администратор" in err, args
