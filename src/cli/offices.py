"""`opora office …`: the centre's offices (отделения), through the same services as «Справочники».

    opora office add NAME [--address TEXT] [--phone PHONE] [--main] --user ADMIN
    opora office list [--all] [--json] --user ADMIN
"""

from __future__ import annotations

import argparse
from typing import Any

from app.core.actor import Actor
from app.reference.organization import OfficeData, create_office, list_offices
from cli.common import admin_command, print_table, sign_in
from db.session import Database


def add_office_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    actions, signed = admin_command(commands, common, "office", "отделения организации")
    add = actions.add_parser("add", parents=[signed], help="добавить отделение")
    add.add_argument("name", help="наименование отделения")
    add.add_argument("--address", help="адрес")
    add.add_argument("--phone", help="телефон")
    add.add_argument("--main", action="store_true", help="сделать головным")
    listing = actions.add_parser("list", parents=[signed], help="список отделений")
    listing.add_argument("--all", action="store_true", help="и закрытые")
    listing.add_argument("--json", action="store_true", help="вывести в JSON")


COLUMNS = (("name", "Отделение"), ("address", "Адрес"), ("phone", "Телефон"), ("is_main", "Головное"),
           ("active", "Действует"))


def run_office(database: Database, actor: Actor, args: argparse.Namespace) -> int:
    if args.action == "add":
        with database.write() as session:
            create_office(session, actor, OfficeData(name=args.name, address=args.address, phone=args.phone,
                                                     is_main=args.main))
        print(f"Отделение «{' '.join(args.name.split())}» добавлено.")
        return 0
    from app.core.permissions import MANAGE_DICTIONARIES, require

    require(actor, MANAGE_DICTIONARIES)
    with database.read() as session:
        rows = list_offices(session, include_inactive=args.all)
    print_table([{"id": str(row.id), "name": row.name, "address": row.address, "phone": row.phone,
                  "is_main": row.is_main, "active": row.active} for row in rows], COLUMNS, args.json)
    return 0


def command_office(args: argparse.Namespace) -> int:
    database, actor = sign_in(args)
    try:
        return run_office(database, actor, args)
    finally:
        database.dispose()
