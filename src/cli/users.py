"""`opora user …`: user accounts from the command line, through the same services as the Users page.

    opora user add LOGIN --role ROLE [--name NAME] [--staff "Смирнова О.И."] [--working-role ROLE]
                   [--office NAME …] --user ADMIN          # the new password: OPORA_NEW_PASSWORD or a prompt
    opora user list [--json] --user ADMIN
    opora user set-role LOGIN ROLE [--working-role ROLE] --user ADMIN
    opora user reset-password LOGIN [--user ADMIN]          # temporary password, changed at the next sign-in
    opora user unlock LOGIN [--user ADMIN]
    opora user deactivate LOGIN --user ADMIN

Roles: admin, coordinator, specialist (or «администратор», «координатор», «специалист»).
`unlock` and `reset-password` without `--user` are the recovery path when nobody can sign in: they run as
the OS user who can write the database file, and the audit log says so (see app.system.recovery).
"""

from __future__ import annotations

import argparse
from typing import Any

from app.accounts.user_admin import UserData, list_users, reset_password, set_active, unlock, update_user
from app.accounts.users import NewUser, create_user
from app.core.actor import ADMIN, ROLE_TITLES, Actor
from app.core.text import fold, format_date
from app.system.admin_names import office_id, staff_id, user_id
from cli.common import admin_command, print_table, read_new_password, read_password
from db.base import utc_now
from db.session import Database

RECOVERY_ACTIONS = ("unlock", "reset-password")


def add_user_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    actions, signed = admin_command(commands, common, "user", "учётные записи пользователей")
    optional = argparse.ArgumentParser(add_help=False, parents=[common])
    optional.add_argument("--user", dest="admin", metavar="LOGIN",
                          help="администратор; без него — от имени пользователя ОС, которому доступен файл базы")

    add = actions.add_parser("add", parents=[signed], help="завести пользователя")
    add.add_argument("login", help="логин (латинские буквы, цифры, точки, дефисы)")
    add.add_argument("--role", required=True, help="admin, coordinator или specialist")
    add.add_argument("--name", default="", help="имя для списка пользователей")
    add.add_argument("--staff", help="сотрудник, например «Смирнова О.И.» (обязателен для специалиста)")
    add.add_argument("--working-role", help="рабочая роль администратора: coordinator или specialist")
    add.add_argument("--office", action="append", default=[], metavar="NAME", help="отделение (можно несколько)")

    listing = actions.add_parser("list", parents=[signed], help="список пользователей")
    listing.add_argument("--json", action="store_true", help="вывести в JSON")

    role = actions.add_parser("set-role", parents=[signed], help="сменить роль")
    role.add_argument("login")
    role.add_argument("role", help="admin, coordinator или specialist")
    role.add_argument("--working-role", help="рабочая роль администратора: coordinator или specialist")

    for name, text in (("reset-password", "задать временный пароль (снимает и блокировку)"),
                       ("unlock", "снять блокировку после неудачных попыток входа")):
        action = actions.add_parser(name, parents=[optional], help=text)
        action.add_argument("login")

    deactivate = actions.add_parser("deactivate", parents=[signed], help="отключить учётную запись")
    deactivate.add_argument("login")


def role_code(value: str | None) -> str:
    """«координатор» or «Coordinator» -> "coordinator"; anything else is passed on for the service to refuse."""
    text = (value or "").strip()
    for code, title in ROLE_TITLES.items():
        if fold(text) in (code, fold(title)):
            return code
    return text


def _working_role(value: str | None) -> str | None:
    return role_code(value) if value else None


def _row(row: Any, now: Any) -> dict[str, object]:
    return {
        "login": row.login, "name": row.display_name, "role": row.role,
        "role_title": ROLE_TITLES.get(row.role, row.role), "working_role": row.working_role,
        "staff": row.staff_name, "offices": row.offices, "active": row.active, "locked": row.is_locked(now),
        "failed_attempts": row.failed_attempts,
        "last_login": row.last_login_at.isoformat() if row.last_login_at else None,
        "last_login_shown": format_date(row.last_login_at.date()) if row.last_login_at else "",
        "must_change_password": row.must_change_password, "id": str(row.id),
    }


COLUMNS = (("login", "Логин"), ("name", "Имя"), ("role_title", "Роль"), ("staff", "Сотрудник"),
           ("offices", "Отделения"), ("active", "Активен"), ("locked", "Заблокирован"),
           ("last_login_shown", "Последний вход"))


def run_user(database: Database, actor: Actor, args: argparse.Namespace) -> int:
    if args.action == "list":
        with database.read() as session:
            rows = list_users(session, actor)
        now = utc_now()
        print_table([_row(row, now) for row in rows], COLUMNS, args.json)
        return 0
    if args.action == "add":
        password = read_new_password()
        with database.write() as session:
            staff = staff_id(session, args.staff, "staff_id") if args.staff else None
            offices = tuple(office_id(session, name, "office_ids") for name in args.office)
            create_user(session, actor, NewUser(
                login=args.login, password=password, role=role_code(args.role), display_name=args.name,
                staff_id=staff, working_role=_working_role(args.working_role), office_ids=offices))
        print(f"Пользователь {args.login.strip().lower()} заведён ({ROLE_TITLES.get(role_code(args.role))}).")
        return 0
    if args.action == "set-role":
        with database.write() as session:
            target = user_id(session, args.login)
            current = next(row for row in list_users(session, actor) if row.id == target)
            new_role = role_code(args.role)
            working = _working_role(args.working_role) if new_role == ADMIN else None
            saved = update_user(session, actor, target, UserData(
                display_name=current.display_name, role=new_role, working_role=working,
                staff_id=current.staff_id, office_ids=current.office_ids))
        changed = "изменена" if saved.changes else "не изменилась"
        print(f"Роль пользователя {args.login}: {ROLE_TITLES.get(new_role, new_role)} ({changed}).")
        return 0
    if args.action == "reset-password":
        password = read_new_password("Временный пароль: ")
        with database.write() as session:
            reset_password(session, actor, user_id(session, args.login), password)
        print(f"Пароль пользователя {args.login} заменён временным; при входе его попросят сменить пароль.")
        return 0
    if args.action == "unlock":
        with database.write() as session:
            saved = unlock(session, actor, user_id(session, args.login))
        print(f"Пользователь {args.login} разблокирован." if saved.changes
              else f"Пользователь {args.login} не был заблокирован.")
        return 0
    if args.action == "deactivate":
        with database.write() as session:
            saved = set_active(session, actor, user_id(session, args.login), False)
        print(f"Учётная запись {args.login} отключена." if saved.changes
              else f"Учётная запись {args.login} уже была отключена.")
        return 0
    raise AssertionError(args.action)


def command_user(args: argparse.Namespace) -> int:
    from app.system.bootstrap import log_in, open_database
    from app.system.recovery import recovery_actor

    database = open_database(args.db)
    try:
        if args.admin is None and args.action in RECOVERY_ACTIONS:
            actor = recovery_actor(database)
            print(f"Без входа в программу: действие выполняется от имени {actor.login} и записывается в журнал.")
        else:
            actor = log_in(database, args.admin, read_password()).actor
        return run_user(database, actor, args)
    finally:
        database.dispose()



