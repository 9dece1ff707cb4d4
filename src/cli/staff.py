"""`opora staff …`: the centre's employees, through the same services as «Справочники».

    opora staff add --last-name ФАМИЛИЯ --first-name ИМЯ [--middle-name ОТЧЕСТВО] --position ДОЛЖНОСТЬ
                    --office ОТДЕЛЕНИЕ [--phone PHONE] [--email EMAIL] --user ADMIN
    opora staff list [--office NAME] [--all] [--json] --user ADMIN
"""

from __future__ import annotations

import argparse
from typing import Any

from app.core.actor import Actor
from app.core.text import full_name
from app.reference.staff import StaffData, create_staff, list_staff
from app.system.admin_names import dictionary_id, office_id
from cli.common import admin_command, print_table, sign_in
from db.session import Database


def add_staff_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    actions, signed = admin_command(commands, common, "staff", "сотрудники")
    add = actions.add_parser("add", parents=[signed], help="добавить сотрудника")
    add.add_argument("--last-name", default="", help="фамилия")
    add.add_argument("--first-name", default="", help="имя")
    add.add_argument("--middle-name", help="отчество")
    add.add_argument("--position", default="", help="должность: «Педагог-психолог» или код psychologist")
    add.add_argument("--office", default="", help="отделение")
    add.add_argument("--phone", help="телефон")
    add.add_argument("--email", help="электронная почта")
    listing = actions.add_parser("list", parents=[signed], help="список сотрудников")
    listing.add_argument("--office", help="только этого отделения")
    listing.add_argument("--all", action="store_true", help="и уволенные (отключённые)")
    listing.add_argument("--json", action="store_true", help="вывести в JSON")


COLUMNS = (("name", "ФИО"), ("position", "Должность"), ("office", "Отделение"), ("phone", "Телефон"),
           ("active", "Работает"))


def run_staff(database: Database, actor: Actor, args: argparse.Namespace) -> int:
    if args.action == "add":
        with database.write() as session:
            position = dictionary_id(session, "position", args.position, "position_id", "Должность")
            office = office_id(session, args.office)
            create_staff(session, actor, StaffData(
                last_name=args.last_name, first_name=args.first_name, middle_name=args.middle_name,
                position_id=position, office_id=office, phone=args.phone, email=args.email))
        print(f"Сотрудник {full_name(args.last_name.strip(), args.first_name.strip(), args.middle_name)} добавлен.")
        return 0
    from app.core.permissions import MANAGE_DICTIONARIES, require

    require(actor, MANAGE_DICTIONARIES)
    with database.read() as session:
        office_filter = office_id(session, args.office) if args.office else None
        rows = list_staff(session, office_filter, include_inactive=args.all)
    print_table([{"id": str(row.id), "name": row.full_name, "short_name": row.short_name,
                  "position": row.position_name, "position_code": row.position_code, "office": row.office_name,
                  "phone": row.phone, "email": row.email, "active": row.active} for row in rows],
                COLUMNS, args.json)
    return 0


def command_staff(args: argparse.Namespace) -> int:
    database, actor = sign_in(args)
    try:
        return run_staff(database, actor, args)
    finally:
        database.dispose()
