"""`opora period`: submitted report periods — the period lock (#17 item 5).

    opora period submit --period 2026-Q3 [--office NAME …] --user COORDINATOR
    opora period reopen --period 2026-Q3 --reason TEXT [--office NAME] --user ADMIN
    opora period list [--year 2026] [--json] --user LOGIN
    opora period compare --period 2026-Q3 [--office NAME] [--json] --user LOGIN

`submit` keeps the quarterly figures as submitted and makes the quarter's records in those offices read-only;
`reopen` opens the submission covering the office (the only one, when --office is not given) with a reason;
`compare` prints the figures that would now differ and the records changed since the submission.
"""

from __future__ import annotations

import argparse
import json
import uuid
from typing import Any

from app.core.errors import NotFound, ValidationError
from app.core.text import format_date
from app.periods.lock import SubmissionRow


def add_period_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("period", parents=[common],
                                 help="сданные периоды: отметить отчёт сданным, открыть период, сравнить цифры")
    parser.add_argument("action", choices=("submit", "reopen", "list", "compare"),
                        help="submit — отметить сданным; reopen — открыть; list — список; compare — сравнить цифры")
    parser.add_argument("--user", required=True, metavar="LOGIN", help="координатор (submit) или администратор")
    parser.add_argument("--period", metavar="ГГГГ-QN", help="квартал, например 2026-Q3")
    parser.add_argument("--office", action="append", default=[], metavar="NAME", help="отделение (можно несколько)")
    parser.add_argument("--reason", metavar="TEXT", help="причина открытия периода (reopen)")
    parser.add_argument("--year", type=int, metavar="ГГГГ", help="только этот год (list)")
    parser.add_argument("--json", action="store_true", help="вывести JSON")


def _quarter(text: str | None) -> tuple[int, int]:
    from app.reports.periods import parse_period, quarter

    period = parse_period(text)
    number = (period.start.month - 1) // 3 + 1
    if quarter(period.start.year, number) != period:
        raise ValidationError({"period": f"Поле «Период»: сдаётся квартальный отчёт — укажите квартал, например "
                                         f"{period.start.year}-Q3, а не «{(text or '').strip()}»."})
    return period.start.year, number


def _offices(session: Any, names: list[str]) -> list[uuid.UUID]:
    from sqlalchemy import select

    from db.models import Office

    known = {name.casefold(): office_id for office_id, name in session.execute(select(Office.id, Office.name))}
    found = []
    for name in names:
        office_id = known.get(name.strip().casefold())
        if office_id is None:
            raise ValidationError({"office": f"Поле «Отделение»: отделение «{name.strip()}» не найдено."})
        found.append(office_id)
    return found


def _one_submission(rows: list[SubmissionRow], offices: list[uuid.UUID], period: str) -> SubmissionRow:
    if offices:
        rows = [row for row in rows if set(offices) & set(row.office_ids)]
    if not rows:
        raise NotFound(f"Период {period} не отмечен сданным по этим отделениям.")
    if len(rows) > 1:
        raise ValidationError({"office": "Поле «Отделение»: квартал сдан несколькими отчётами — укажите отделение "
                                         "(--office)."})
    return rows[0]


def _plain(row: SubmissionRow) -> dict[str, object]:
    return {"id": str(row.id), "period": row.title, "offices": ", ".join(row.office_names),
            "submitted": format_date(row.submitted_at.date()), "by": row.submitted_by,
            "locked": row.locked, "reopened": format_date(row.reopened_at.date() if row.reopened_at else None),
            "reopened_by": row.reopened_by, "reason": row.reopen_reason}


def command_period(args: argparse.Namespace) -> int:
    from app.periods.lock import (
        compare_submission,
        list_submissions,
        reopen_submission,
        submissions_of,
        submit_quarter,
    )
    from app.system.bootstrap import log_in, open_database
    from cli.common import print_table, read_password

    database = open_database(args.db)
    actor = log_in(database, args.user, read_password()).actor
    if args.action == "list":
        with database.read() as session:
            plain = [_plain(row) for row in list_submissions(session, actor, args.year)]
        print_table(plain, [("period", "Период"), ("offices", "Отделения"), ("submitted", "Сдан"), ("by", "Кем"),
                           ("locked", "Закрыт"), ("reopened", "Открыт"), ("reason", "Причина")], args.json)
        return 0
    year, number = _quarter(args.period)
    if args.action == "submit":
        with database.write() as session:
            submit_quarter(session, actor, year, number, _offices(session, args.office))
        print(f"Отчёт за {args.period.strip()} отмечен сданным: записи периода в этих отделениях только для чтения.")
        return 0
    with database.write() if args.action == "reopen" else database.read() as session:
        offices = _offices(session, args.office)
        rows = submissions_of(session, actor, year, number, offices)
        if args.action == "reopen":
            row = _one_submission([r for r in rows if r.locked], offices, args.period.strip())
            reopen_submission(session, actor, row.id, args.reason)
            print(f"{row.title} открыт: записи периода снова можно изменять. Причина записана в журнал.")
            return 0
        row = _one_submission(rows[:1] if not offices else rows, offices, args.period.strip())
        comparison = compare_submission(session, actor, row.id)
    if args.json:
        print(json.dumps({
            "submission": _plain(row),
            "figures": [{"figure": c.label, "submitted": c.submitted, "now": c.now} for c in comparison.figures],
            "records": [{"at": c.at.isoformat(), "login": c.login, "action": c.action, "record": c.what,
                         "date": c.day.isoformat() if c.day else None} for c in comparison.records],
        }, ensure_ascii=False, indent=2))
        return 0
    if not comparison.differs:
        print(f"{row.title}: цифры совпадают с отчётом, отмеченным сданным {format_date(row.submitted_at.date())}.")
    else:
        print(f"{row.title}: цифры отличаются от отчёта, отмеченного сданным {format_date(row.submitted_at.date())}:")
        for change in comparison.figures:
            print(f"  {change.label}: было {change.submitted:g}, сейчас {change.now:g}")
    for record in comparison.records:
        print(f"  {format_date(record.at.date())} {record.login}: {record.what} от {format_date(record.day)} "
              f"{record.action}")
    return 0
