"""`opora import families|sessions|visits FILE`: moving existing Excel/CSV registries and journals in.

    opora import families registry.xlsx [--sheet NAME] [--mapping FILE] [--dry-run]
                 [--on-duplicate skip|update|create] [--open-support KIND] [--create-places] [--create-staff]
                 [--errors OUT.xlsx] [--json] --user LOGIN

The file is written after a backup, in chunks of whole families or sessions committed about every second, so
other users' saves are not locked out; an import stopped half-way is resumed by running it again (what is
already in the database is skipped). `--dry-run` only previews. Rows that
need a choice about an unknown dictionary value are errors here (map them with the wizard or a
mapping file); `--errors` lists every rejected row with its reason.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from app.core.actor import Actor
from app.importing.fields import KINDS, field_labels
from app.importing.outcome import DECISIONS, ERROR, Decisions, ImportSummary, Preview
from app.importing.runner import ImportRequest, open_source, propose_mapping, run_import
from cli.common import read_password
from db.session import Database


def add_import_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser("import", parents=[common], help="импортировать семьи или журналы из Excel/CSV")
    parser.add_argument("kind", choices=KINDS, help="families — реестр семей; sessions — журнал занятий; "
                        "visits — журнал посещений")
    parser.add_argument("file", metavar="FILE", help="файл .xlsx, .xls или .csv")
    parser.add_argument("--sheet", metavar="NAME", help="лист книги (по умолчанию первый)")
    parser.add_argument("--mapping", metavar="FILE", help="JSON: {\"fields\": {поле: заголовок столбца}}")
    parser.add_argument("--dry-run", action="store_true", help="только проверить, ничего не записывая")
    parser.add_argument("--on-duplicate", choices=DECISIONS, default="skip",
                        help="что делать с записями, которые уже есть в базе (по умолчанию skip)")
    parser.add_argument("--open-support", metavar="KIND",
                        help="реестр: открыть каждой новой семье сопровождение этого вида с даты постановки на "
                             "учёт, если в файле нет столбца «Вид сопровождения» (social_support, ippsu, "
                             "ipr_sop, iprp, rehab_course)")
    parser.add_argument("--create-places", action="store_true",
                        help="реестр: создать в справочнике районы и населённые пункты, которых в нём нет "
                             "(нужны права администратора с рабочей ролью)")
    parser.add_argument("--create-staff", action="store_true",
                        help="журналы: создать записи сотрудников (без учётных записей) для специалистов, которых "
                             "нет в справочнике; должность — из столбца «Должность», если он есть (нужны права "
                             "на справочники)")
    parser.add_argument("--errors", metavar="OUT.xlsx", help="записать строки с ошибками и причины в XLSX")
    parser.add_argument("--json", action="store_true", help="напечатать итог в формате JSON")
    parser.add_argument("--user", required=True, metavar="LOGIN", help="специалист или координатор")


def backup_hook(database: Database) -> Any:
    """The backup taken right before writing (none on PostgreSQL, where the server keeps backups)."""
    def before_write() -> None:
        from app.system.backups import backup_before

        backup_before(database, "import")

    return before_write


def run_import_command(database: Database, actor: Actor, args: argparse.Namespace
                       ) -> tuple[ImportSummary, Preview, list[str]]:
    source = open_source(Path(args.file).expanduser(), args.kind, args.sheet)
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    if args.mapping:
        from app.importing.mappings import ColumnMapping, read_mapping_file

        columns = read_mapping_file(Path(args.mapping).expanduser(), args.kind, source.header)
        mapping = ColumnMapping(args.kind, source.header, columns)
    request = ImportRequest(source, mapping, Decisions(args.on_duplicate), open_support=args.open_support,
                            create_places=args.create_places, create_staff=args.create_staff)
    summary, preview = run_import(database, actor, request, before_write=backup_hook(database), dry_run=args.dry_run)
    if args.errors:
        from app.importing.error_report import export_error_report

        export_error_report(preview, source.header.labels, Path(args.errors).expanduser(), source.book.path.name)
    labels = field_labels(args.kind)
    described = [f"{labels[key]} ← «{source.header.labels[column]}»" for key, column in sorted(
        mapping.columns.items(), key=lambda item: item[1]) if column < len(source.header.labels)]
    return summary, preview, described


def print_result(summary: ImportSummary, preview: Preview, described: list[str], as_json: bool) -> None:
    if as_json:
        unknown = [{"dictionary": u.dictionary, "text": u.text, "rows": u.rows} for u in preview.unknown]
        print(json.dumps(summary.to_json() | {"unknown": unknown, "notes": preview.notes}, ensure_ascii=False,
                         indent=2))
        return
    print("Столбцы: " + "; ".join(described))
    print(summary.describe())
    for note in preview.notes:
        print(f"  {note}")
    reasons = Counter(row.reason for row in preview.rows if row.outcome == ERROR)
    for reason, count in reasons.most_common(5):
        print(f"  {count} × {reason}", file=sys.stderr)
    for entry in preview.unknown:
        print(f"  Нет в справочнике: «{entry.text}» ({entry.dictionary}, строк: {entry.rows})", file=sys.stderr)
    if any(entry.dictionary == "staff" for entry in preview.unknown):
        print("  Сотрудников, которых нет в справочнике, создаст --create-staff (нужны права на справочники) — или "
              "добавьте их в справочник «Сотрудники».", file=sys.stderr)


def command_import(args: argparse.Namespace) -> int:
    from app.system.bootstrap import log_in, open_database

    database = open_database(args.db)
    actor = log_in(database, args.user, read_password()).actor
    print_result(*run_import_command(database, actor, args), as_json=args.json)
    return 0
