"""Arbitrary cell values never crash the parsers, the header detection, the mapping or the planner:
every outcome is a value or a Russian CellError."""

from __future__ import annotations

from datetime import date, datetime, time

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from app.importing.addresses import split_address
from app.importing.cells import (
    CellError,
    cell_text,
    parse_date,
    parse_flag,
    parse_int,
    parse_sex,
    parse_snils,
    parse_time,
    split_full_name,
)
from app.importing.families_plan import plan_families
from app.importing.files import SheetData
from app.importing.headers import auto_mapping, detect_header
from app.importing.mappings import ColumnMapping
from app.importing.matching import Dictionaries
from app.importing.outcome import Decisions
from app.importing.rows import children_of

cells = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=40),
    st.sampled_from(["ФИО", "Дата рождения", "СНИЛС", "Адрес", "Категория", "01.02.2015", "31.02.2015",
                     "112-233-445 95", "да", "нет", "Иванова Мария", "=1+1", "\u00a0", "Итого"]),
    st.dates(min_value=date(1, 1, 1)), st.datetimes(min_value=datetime(1, 1, 1)), st.times(),
)
FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FAST
@given(cells)
@example("²")  # a Unicode digit that int() refuses: found by this test in CI
@example("٣ кв.")  # an Arabic-Indic decimal digit, which int() reads
def test_cell_parsers_return_values_or_cell_errors(value):
    assert cell_text(value) is None or isinstance(cell_text(value), str)
    for parse in (parse_date, parse_time, parse_flag, parse_int, parse_sex, parse_snils):
        try:
            result = parse(value, "Столбец")
        except CellError as error:
            assert "Столбец" in str(error)
        else:
            assert result is None or isinstance(result, date | time | bool | int | str)
    text = cell_text(value)
    split_full_name(text)
    split_address(text, {"центральный"})
    children_of(text)


@FAST
@given(st.lists(st.lists(cells, max_size=8), max_size=14))
def test_header_detection_and_mapping_never_crash(rows):
    sheet = SheetData("Лист", rows, merged=[(1, 1, 1, 3)])
    for kind in ("families", "sessions", "visits"):
        header = detect_header(sheet, kind)
        mapping = auto_mapping(header.labels, kind)
        assert len(set(mapping.values())) == len(mapping)


@FAST
@given(st.lists(st.lists(cells, min_size=6, max_size=6), min_size=1, max_size=8))
def test_family_planning_never_crashes(sqlite_database, sqlite_world, rows):
    header = ["№ семьи", "ФИО", "Дата рождения", "СНИЛС", "Адрес", "Категория семьи"]
    sheet = SheetData("Лист", [header, *rows])
    mapping = ColumnMapping("families", detect_header(sheet, "families"), {
        "family_key": 0, "full_name": 1, "birth_date": 2, "snils": 3, "address": 4, "category": 5})
    with sqlite_database.read() as session:
        plan = plan_families(session, sheet, mapping, Dictionaries.load(session), Decisions(), sqlite_world.office_id)
    assert all(row.outcome in ("new", "update", "duplicate", "error") for row in plan.preview.rows)
    assert all(row.reason for row in plan.preview.rows if row.outcome == "error")
