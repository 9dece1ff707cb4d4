"""#12 first-day speed: how a big import runs (collector, page cache, ordered ids) and which sheet rows are data."""

from __future__ import annotations

import gc
import threading
import time
import uuid
from datetime import date, datetime

import pytest
from sqlalchemy import select

from app.importing import bulk_mode
from app.importing.files import SheetData
from app.importing.headers import Header
from app.importing.mappings import ColumnMapping
from app.importing.rows import DATA_ROWS_STEP, data_rows
from db.models import Office


def test_quiet_collector_stops_full_passes_and_puts_everything_back_nested_and_from_threads():
    before, was_enabled = gc.get_threshold(), gc.isenabled()
    gc.enable()
    try:
        inside: list[tuple] = []
        with bulk_mode.quiet_collector():
            assert not gc.isenabled()
            assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] == bulk_mode.QUIET_THRESHOLD
            with bulk_mode.quiet_collector():  # the plan inside the import's block
                pass
            assert not gc.isenabled() and gc.get_threshold()[2] == bulk_mode.QUIET_THRESHOLD

            def other() -> None:  # the GUI's worker reading a file while another import plans
                with bulk_mode.quiet_collector():
                    inside.append(gc.get_threshold())

            worker = threading.Thread(target=other)
            worker.start()
            worker.join()
            assert gc.get_threshold()[2] == bulk_mode.QUIET_THRESHOLD  # the thread's exit did not end ours
        assert inside == [(*before[:2], bulk_mode.QUIET_THRESHOLD)]
        assert gc.get_threshold() == before and gc.isenabled()
        with pytest.raises(RuntimeError), bulk_mode.quiet_collector():
            raise RuntimeError("a refusal half-way")
        assert gc.get_threshold() == before and gc.isenabled()
        gc.disable()  # the GUI switches automatic collection off (ui.garbage): it stays off afterwards
        with bulk_mode.quiet_collector():
            pass
        assert not gc.isenabled() and gc.get_threshold() == before
    finally:
        gc.set_threshold(*before)
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


def test_ordered_ids_are_uuids_in_creation_order_and_unique():
    first = [bulk_mode.ordered_id() for _ in range(20_000)]
    time.sleep(0.002)
    later = bulk_mode.ordered_id()
    assert len(set(first)) == len(first)
    assert {value.version for value in first} == {7} and {value.variant for value in first} == {uuid.RFC_4122}
    # SQLite stores 32 hex digits and PostgreSQL compares bytes: both sort a later millisecond after.
    assert max(value.hex for value in first) < later.hex and max(first) < later
    milliseconds = later.int >> 80
    assert abs(milliseconds - time.time() * 1000) < 60_000


def _pragma(session, name: str) -> int:
    return session.connection().connection.dbapi_connection.execute(f"PRAGMA {name}").fetchone()[0]


def _cache_size(session) -> int:
    return _pragma(session, "cache_size")


def test_the_page_cache_is_larger_for_each_chunk_and_put_back(sqlite_database):
    with sqlite_database.read() as session:
        normal = _cache_size(session)
        checkpoint_pages = _pragma(session, "wal_autocheckpoint")
    assert normal != -bulk_mode.IMPORT_CACHE_KIB and checkpoint_pages == 1000  # SQLite's default
    drivers = set()
    with sqlite_database.write() as session, bulk_mode.larger_page_cache(session, True):
        for _chunk in range(3):  # each chunk commits; the next may get another pooled connection
            assert _cache_size(session) == -bulk_mode.IMPORT_CACHE_KIB
            assert _pragma(session, "wal_autocheckpoint") == bulk_mode.IMPORT_WAL_PAGES
            drivers.add(id(session.connection().connection.dbapi_connection))
            session.execute(select(Office.id)).all()
            session.commit()
    with sqlite_database.read() as session:
        assert _cache_size(session) == normal and _pragma(session, "wal_autocheckpoint") == checkpoint_pages
    with sqlite_database.write() as session:  # refused half-way: still put back
        with pytest.raises(RuntimeError), bulk_mode.larger_page_cache(session, True):
            raise RuntimeError("refused")
        assert _cache_size(session) == normal and _pragma(session, "wal_autocheckpoint") == checkpoint_pages
    with sqlite_database.write() as session, bulk_mode.larger_page_cache(session, False):
        assert _cache_size(session) == normal  # PostgreSQL: nothing to do


def _mapping(columns: dict[str, int]) -> ColumnMapping:
    return ColumnMapping("sessions", Header(1, 1, ["Дата", "Время", "ФИО", "Примечание"]), columns)


def test_data_rows_skip_empty_and_total_lines_as_before():
    sheet = SheetData("Лист1", [
        ["Дата", "Время", "ФИО", "Примечание"],
        [datetime(2026, 3, 2), "9:00", "Иванов Пётр", None],
        [None, None, None, "только примечание"],  # an unmapped column only: not data
        ["  ", "\u00a0", "\u200b", None],  # blanks, a no-break space, a zero-width space
        [float("nan"), None, None],
        ["Итого занятий:", None, 12],
        [None, "  ВСЕГО", 3],  # «всего» after empty cells, in capitals
        [date(2026, 3, 3), None, None],  # a date alone is data
        [0, None, None],  # so is a zero
        [False],  # and a flag
        ["Исаев Иван", None, "Исаев Иван"],  # a name starting with «И» is not «Итого»
    ])
    rows = data_rows(sheet, _mapping({"date": 0, "time": 1, "full_name": 2}))
    assert [row.number for row in rows] == [2, 8, 9, 10, 11]


def test_data_rows_report_progress_on_a_big_sheet_and_cancel_stops_them():
    from app.core.errors import Cancelled

    lines = [[date(2026, 3, 2), "Иванов Пётр"] for _ in range(2 * DATA_ROWS_STEP)]
    sheet = SheetData("Лист1", [["Дата", "ФИО"], *lines])
    calls: list[tuple[int, int, str]] = []
    rows = data_rows(sheet, _mapping({"date": 0, "full_name": 1}), lambda *call: calls.append(call))
    assert len(rows) == 2 * DATA_ROWS_STEP
    assert [call[0] for call in calls] == [DATA_ROWS_STEP, 2 * DATA_ROWS_STEP]
    assert {call[1] for call in calls} == {len(sheet.rows)}

    def cancel(*_call: object) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        data_rows(sheet, _mapping({"date": 0, "full_name": 1}), cancel)
