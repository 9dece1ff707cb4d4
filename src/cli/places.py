"""`opora place …`: districts and settlements (with kind and distance), through the services of «Справочники».

    opora place add district NAME [--office NAME] --user ADMIN
    opora place add settlement NAME --district NAME [--kind «с.»|село|village] [--distance KM]
                                    [--municipality NAME] --user ADMIN
    opora place list [--district NAME] [--all] [--json] --user ADMIN
"""

from __future__ import annotations

import argparse
from typing import Any

from app.core.actor import Actor
from app.core.errors import ValidationError
from app.reference.places import DistrictData, SettlementData, create_district, create_settlement, list_settlements
from app.system.admin_names import dictionary_id, district_id, office_id
from cli.common import admin_command, print_table, sign_in
from db.session import Database


def add_place_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    actions, signed = admin_command(commands, common, "place", "районы и населённые пункты")
    add = actions.add_parser("add", parents=[signed], help="добавить район или населённый пункт")
    add.add_argument("kind_of_place", choices=("district", "settlement"), metavar="district|settlement")
    add.add_argument("name", help="наименование")
    add.add_argument("--office", help="отделение, которое обслуживает район")
    add.add_argument("--district", help="район населённого пункта")
    add.add_argument("--kind", help="тип пункта: «с.», «село», «деревня», «г.»…")
    add.add_argument("--distance", help="расстояние до отделения, км")
    add.add_argument("--municipality", help="поселение (муниципальное образование)")
    listing = actions.add_parser("list", parents=[signed], help="населённые пункты по районам")
    listing.add_argument("--district", help="только этот район")
    listing.add_argument("--all", action="store_true", help="и отключённые")
    listing.add_argument("--json", action="store_true", help="вывести в JSON")


def distance(value: str | None) -> float | None:
    """«45», «45,5» or «45.5 км» -> 45.5; anything else is a message on the distance field."""
    if value is None or not value.strip():
        return None
    text = value.strip().lower().removesuffix("км").strip().replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ValidationError({"distance_km": f"Поле «Расстояние до отделения, км»: «{value}» — не число."}) from None


COLUMNS = (("district", "Район"), ("municipality", "Поселение"), ("title", "Населённый пункт"),
           ("distance_km", "Км"), ("is_remote", "Отдалённый"), ("active", "Действует"))


def run_place(database: Database, actor: Actor, args: argparse.Namespace) -> int:
    if args.action == "add" and args.kind_of_place == "district":
        with database.write() as session:
            office = office_id(session, args.office) if args.office else None
            create_district(session, actor, DistrictData(name=args.name, office_id=office))
        print(f"Район «{' '.join(args.name.split())}» добавлен.")
        return 0
    if args.action == "add":
        km = distance(args.distance)
        with database.write() as session:
            if not args.district:
                raise ValidationError({"district_id": "Поле «Район»: укажите район (--district)."})
            district = district_id(session, args.district)
            kind = dictionary_id(session, "settlement_kind", args.kind, "kind_id", "Тип населённого пункта") \
                if args.kind else None
            create_settlement(session, actor, SettlementData(district_id=district, name=args.name,
                                                             municipality=args.municipality, kind_id=kind,
                                                             distance_km=km))
        print(f"Населённый пункт «{' '.join(args.name.split())}» добавлен.")
        return 0
    from app.core.permissions import MANAGE_DICTIONARIES, require

    require(actor, MANAGE_DICTIONARIES)
    with database.read() as session:
        district_filter = district_id(session, args.district) if args.district else None
        rows = list_settlements(session, district_filter, include_inactive=args.all)
    print_table([{"id": str(row.id), "district": row.district_name, "municipality": row.municipality,
                  "name": row.name, "kind": row.kind_short_name, "title": row.title, "distance_km": row.distance_km,
                  "is_remote": row.is_remote, "active": row.active} for row in rows], COLUMNS, args.json)
    return 0


def command_place(args: argparse.Namespace) -> int:
    database, actor = sign_in(args)
    try:
        return run_place(database, actor, args)
    finally:
        database.dispose()
