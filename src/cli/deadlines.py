"""`opora deadlines`: what needs attention in the families a user works with, computed from the records.

    opora deadlines --user LOGIN [--json] [--kind KIND …] [--xlsx FILE] [--date ДД.ММ.ГГГГ]
    opora deadlines --user ADMIN --check-contacts [--repair]
    opora deadlines --user ADMIN --check-consents [--repair]

Prints a table (or JSON for scripts); `--xlsx` also writes the list as a workbook (a coordinator's weekly list,
e.g. from a scheduled task). Exit status 0; the kinds an administrator switched off are not listed.
`--check-contacts` compares the persons' session days that «без контакта» reads (kept by database triggers) with
the sessions: status 0 when equal, 3 when they differ; with `--repair` a difference is rebuilt away (audited).
`--check-consents` does the same for the persons' consent states that «согласие» reads.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.core.errors import ValidationError
from app.core.text import format_date
from app.worklist.settings import KINDS
from cli.common import check_derived, print_table, read_password


def add_deadlines_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("deadlines", parents=[common],
                                 help="сроки: ИПРА, ИППСУ, согласия, план, СОП, возраст, семьи без контакта")
    parser.add_argument("--user", required=True, metavar="LOGIN", help="пользователь, чьи семьи смотреть")
    parser.add_argument("--json", action="store_true", help="вывести JSON (для скриптов)")
    parser.add_argument("--kind", action="append", choices=[kind.code for kind in KINDS], metavar="KIND",
                        help="только этот вид: " + ", ".join(kind.code for kind in KINDS))
    parser.add_argument("--xlsx", metavar="FILE", help="записать список в файл Excel")
    parser.add_argument("--date", metavar="ДД.ММ.ГГГГ", help="считать на эту дату (по умолчанию сегодня)")
    parser.add_argument("--check-contacts", action="store_true",
                        help="сверить сводку дней занятий (для «без контакта») с занятиями; администратор")
    parser.add_argument("--check-consents", action="store_true",
                        help="сверить сводку согласий (для «согласие») с согласиями; администратор")
    parser.add_argument("--repair", action="store_true",
                        help="с --check-contacts или --check-consents: перестроить при расхождении")


def _day(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return datetime.strptime(value.strip(), "%d.%m.%Y").date()
    except ValueError:
        raise ValidationError({"date": "Параметр --date: укажите дату в виде ДД.ММ.ГГГГ."}) from None


def command_deadlines(args: argparse.Namespace) -> int:
    from app.system.bootstrap import log_in, open_database
    from app.worklist.deadlines import compute_deadlines
    from app.worklist.workbook import write_deadlines_xlsx

    if args.check_consents:
        return _check_consents(args)
    if args.check_contacts or args.repair:
        return _check_contacts(args)
    today = _day(args.date)
    database = open_database(args.db)
    try:
        actor = log_in(database, args.user, read_password()).actor
        with database.read() as session:
            found = compute_deadlines(session, actor, today, args.kind)
    finally:
        database.dispose()
    rows = [{"kind": d.kind, "title": d.title, "due_on": d.due_on.isoformat() if d.due_on else None,
             "due": format_date(d.due_on) if d.due_on else "сейчас", "overdue": d.overdue(today),
             "family_id": str(d.family_id), "family": d.family_title,
             "person_id": str(d.person_id) if d.person_id else None, "person": d.person_name, "detail": d.detail}
            for d in found]
    print_table(rows, [("due", "Срок"), ("title", "Вид"), ("family", "Семья"), ("person", "Член семьи"),
                       ("detail", "Что сделать")], args.json)
    if args.xlsx:
        path = write_deadlines_xlsx(found, Path(args.xlsx), today, actor.display_name)
        if not args.json:
            print(f"Записан файл: {path}")
    return 0


def _check_contacts(args: argparse.Namespace) -> int:
    from app.core.derived import DerivedCheck
    from app.worklist.contact_days import REPAIR_COMMAND, check_contact_days, repair_contact_days_as_admin

    if not args.check_contacts:
        raise ValidationError({"repair": "Параметр --repair: укажите его вместе с --check-contacts "
                                         "или --check-consents."})
    return check_derived(args, lambda session: DerivedCheck(check_contact_days(session), REPAIR_COMMAND),
                         repair_contact_days_as_admin)


def _check_consents(args: argparse.Namespace) -> int:
    from app.core.derived import DerivedCheck
    from app.worklist.consent_states import REPAIR_COMMAND, check_consent_states, repair_consent_states_as_admin

    if args.check_contacts:
        raise ValidationError({"check_consents": "Параметры --check-contacts и --check-consents: укажите один."})
    return check_derived(args, lambda session: DerivedCheck(check_consent_states(session), REPAIR_COMMAND),
                         repair_consent_states_as_admin)
