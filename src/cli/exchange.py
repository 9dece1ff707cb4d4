"""`opora exchange …`: packages between district offices and the regional centre, as in «Обмен данными».

    opora exchange setup-centre --code ЦЕНТР --name NAME --user ADMIN
    opora exchange register-office --code ОТД-1 --name NAME --key-out FILE --user ADMIN
    opora exchange join KEYFILE --user ADMIN
    opora exchange partners [--json] --user LOGIN
    opora exchange export --to FILE_OR_DIR [--partner CODE] --user LOGIN
    opora exchange import FILE [--ack-to FILE] --user LOGIN
    opora exchange history [--json] --user LOGIN
    opora exchange conflicts [--json] --user LOGIN
    opora exchange resolve ID --take ours|theirs --user LOGIN
    opora exchange consolidated --period 2026-Q3 [--json] --user LOGIN
"""

from __future__ import annotations

import argparse
import uuid
from pathlib import Path
from typing import Any

from app.core.actor import Actor
from app.core.errors import ValidationError
from cli.common import CliError, admin_command, print_table, sign_in
from db.session import Database


def add_exchange_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    actions, signed = admin_command(commands, common, "exchange", "обмен пакетами между отделениями и центром")
    centre = actions.add_parser("setup-centre", parents=[signed], help="сделать эту базу региональным центром")
    centre.add_argument("--code", required=True, help="краткий код центра без пробелов, например ЦЕНТР")
    centre.add_argument("--name", required=True, help="название центра")
    office = actions.add_parser("register-office", parents=[signed],
                                help="зарегистрировать отделение и записать его файл ключа")
    office.add_argument("--code", required=True, help="краткий код отделения без пробелов, например ОТД-1")
    office.add_argument("--name", required=True, help="название отделения")
    office.add_argument("--key-out", required=True, metavar="FILE", help="куда записать файл ключа отделения")
    join = actions.add_parser("join", parents=[signed], help="загрузить файл ключа, выданный центром (один раз)")
    join.add_argument("key_file", metavar="KEYFILE")
    listing = actions.add_parser("partners", parents=[signed], help="с кем идёт обмен")
    listing.add_argument("--json", action="store_true")
    export = actions.add_parser("export", parents=[signed], help="записать пакет изменений для партнёра")
    export.add_argument("--to", required=True, metavar="FILE_OR_DIR", help="файл пакета или папка (имя — само)")
    export.add_argument("--partner", metavar="CODE", help="код получателя (не нужен, если партнёр один)")
    load = actions.add_parser("import", parents=[signed], help="загрузить пакет (перед этим — резервная копия)")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--ack-to", metavar="FILE", help="куда записать пакет-подтверждение (иначе рядом с пакетом)")
    history = actions.add_parser("history", parents=[signed], help="пакеты отправленные и полученные")
    history.add_argument("--json", action="store_true")
    queue = actions.add_parser("conflicts", parents=[signed], help="расхождения, ждущие решения")
    queue.add_argument("--json", action="store_true")
    resolve = actions.add_parser("resolve", parents=[signed], help="решить расхождение по одному полю")
    resolve.add_argument("id", help="номер расхождения из «opora exchange conflicts»")
    resolve.add_argument("--take", required=True, choices=("ours", "theirs"),
                         help="ours — оставить значение этой базы, theirs — принять значение партнёра")
    consolidated = actions.add_parser("consolidated", parents=[signed],
                                      help="квартальный отчёт по всем отделениям с разбивкой по отделениям")
    consolidated.add_argument("--period", required=True, help="период: 2026-Q3, 2026-H1, 2026-9M, 2026")
    consolidated.add_argument("--json", action="store_true")


def _partner_id(database: Database, code: str | None) -> uuid.UUID:
    from app.exchange.partners import list_partners

    with database.read() as session:
        partners = [row for row in list_partners(session) if row.active]
    if code:
        found = [row for row in partners if row.code.lower() == code.strip().lower()]
        if not found:
            known = ", ".join(row.code for row in partners) or "нет ни одного"
            raise CliError(f"Партнёр «{code}» не найден. Зарегистрированы: {known}.")
        return found[0].id
    if len(partners) != 1:
        known = ", ".join(row.code for row in partners) or "нет ни одного"
        raise CliError(f"Укажите получателя параметром --partner (зарегистрированы: {known}).")
    return partners[0].id


def _run(database: Database, actor: Actor, args: argparse.Namespace) -> int:
    from app.exchange import conflicts, packages, partners

    partners.require_exchange(actor)
    if args.action == "setup-centre":
        with database.write() as session:
            partners.set_up_centre(session, actor, args.code, args.name)
        print(f"Эта база — региональный центр «{args.code.strip()}». Регистрируйте отделения: "
              "opora exchange register-office.")
    elif args.action == "register-office":
        key_file = Path(args.key_out).expanduser().resolve()
        with database.write() as session:
            partners.register_office(session, actor, args.code, args.name, key_file)
        print(f"Отделение «{args.code.strip()}» зарегистрировано. Файл ключа: {key_file} — передайте его в "
              "отделение (он секретный: на флешке не оставляйте).")
    elif args.action == "join":
        with database.write() as session:
            partners.join_centre(session, actor, Path(args.key_file).expanduser().resolve())
        print("Ключ загружен: эта база — отделение в обмене с центром. Загрузите первый пакет центра "
              "(opora exchange import), затем отправляйте свои.")
    elif args.action == "partners":
        with database.read() as session:
            me = partners.current_identity(session)
            rows = partners.list_partners(session)
        if me is not None and not args.json:
            print(f"Эта база: «{me.code}» ({me.name}), {'центр' if me.is_centre else 'отделение'}.")
        print_table([{"code": row.code, "name": row.name, "role": "центр" if row.role == "centre" else "отделение",
                      "active": row.active} for row in rows],
                    (("code", "Код"), ("name", "Название"), ("role", "Роль"), ("active", "Действует")), args.json)
    elif args.action == "export":
        partner_id = _partner_id(database, args.partner)
        target = Path(args.to).expanduser().resolve()
        if target.is_dir():
            target = target / packages.default_package_name(database, partner_id)
        result = packages.export_package(database, actor, partner_id, target)
        size = f"{result.size_bytes / 1_048_576:.2f}".replace(".", ",")
        print(f"{result.message} Файл: {result.path} ({size} МБ).")
    elif args.action == "import":
        ack = Path(args.ack_to).expanduser().resolve() if args.ack_to else None
        result = packages.import_package(database, actor, Path(args.file).expanduser().resolve(), ack)
        print(result.message)
        if result.ack_path:
            print(f"Пакет-подтверждение для отправителя: {result.ack_path}.")
    elif args.action == "history":
        sent = packages.list_packages(database)
        print_table([{"when": row.created_at.strftime("%d.%m.%Y %H:%M"), "partner": row.partner_code,
                      "direction": "отправлен" if row.direction == "out" else "получен",
                      "kind": "данные" if row.kind == "data" else "подтверждение", "number": row.sequence,
                      "state": packages.STATE_TITLES.get(row.state, row.state), "changes": row.changes,
                      "conflicts": row.conflicts} for row in sent],
                    (("when", "Когда"), ("partner", "Партнёр"), ("direction", "Направление"), ("kind", "Вид"),
                     ("number", "№"), ("state", "Состояние"), ("changes", "Изменений"),
                     ("conflicts", "Расхождений")), args.json)
    elif args.action == "conflicts":
        with database.read() as session:
            queue = conflicts.list_conflicts(session, actor)
        print_table([{"id": str(row.id), "record": row.record, "field": row.column_title, "ours": row.local_text,
                      "theirs": row.incoming_text, "partner": row.partner_code} for row in queue],
                    (("id", "Номер"), ("record", "Запись"), ("field", "Поле"), ("ours", "Здесь"),
                     ("theirs", "У партнёра"), ("partner", "Партнёр")), args.json)
    elif args.action == "resolve":
        try:
            conflict_id = uuid.UUID(args.id.strip())
        except ValueError:
            raise ValidationError({"id": f"«{args.id}» — не номер расхождения (его показывает "
                                         "«opora exchange conflicts»)."}) from None
        choice = conflicts.LOCAL if args.take == "ours" else conflicts.INCOMING
        with database.write() as session:
            conflicts.resolve_conflict(session, actor, conflict_id, choice)
        print("Решение сохранено; оно уйдёт партнёрам со следующими пакетами.")
    elif args.action == "consolidated":
        _print_consolidated(database, actor, args)
    return 0


def _print_consolidated(database: Database, actor: Actor, args: argparse.Namespace) -> None:
    import json

    from app.exchange.consolidated import build_consolidated
    from app.reports.periods import parse_period

    period = parse_period(args.period)
    report = build_consolidated(database, actor, period)
    if args.json:
        print(json.dumps({"period": args.period, "offices": [
            {"office": item.office_name, "report": item.report.to_json_dict()} for item in report.offices],
            "region": report.region.to_json_dict()}, ensure_ascii=False, indent=1))
        return
    names = [item.office_name for item in report.offices]
    rows = [{"figure": name, **{f"o{index}": value for index, value in enumerate(values)}, "region": region}
            for name, values, region in report.figures()]
    print_table(rows, [("figure", "Показатель"), *((f"o{index}", name) for index, name in enumerate(names)),
                       ("region", "Всего по региону")], False)


def command_exchange(args: argparse.Namespace) -> int:
    database, actor = sign_in(args)
    try:
        return _run(database, actor, args)
    finally:
        database.dispose()
