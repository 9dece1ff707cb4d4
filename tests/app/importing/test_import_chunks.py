"""#15 (b): a long import commits whole families in chunks, so other users' saves wait a moment instead of
failing with «database is locked» behind it; an import stopped half-way is resumed by importing again."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from app.core.errors import Cancelled
from app.importing import families_write, outcome
from app.importing.runner import ImportRequest, ImportStopped, open_source, propose_mapping, run_import
from app.registry.persons import PersonData, create_person
from db.models import Family, Person
from tests.app.importing.samples import write_xlsx

FAMILIES = 300


LETTERS = "абвгдежзиклмнопрстуфхцчшэюя"


def _stem(number: int) -> str:
    """A distinct surname stem per family: «Ба», «Бб», … in Russian letters only."""
    word = ""
    while True:
        number, rest = divmod(number, len(LETTERS))
        word += LETTERS[rest]
        if not number:
            return "Т" + word


def _registry(tmp_path):
    rows = [["№ семьи", "ФИО", "Дата рождения", "Населённый пункт"]]
    for number in range(1, FAMILIES + 1):
        rows.append([number, f"{_stem(number)}ова Мария Ивановна", "01.02.1985", "Центральный"])
        rows.append([number, f"{_stem(number)}ов Иван Петрович", "03.04.2015", None])
    return write_xlsx(tmp_path / "big.xlsx", rows)


def _request(database, path):
    source = open_source(path, "families")
    with database.read() as session:
        mapping, _saved = propose_mapping(session, source)
    return ImportRequest(source, mapping)


def _count(database, model):
    with database.read() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(outcome, "CHECKPOINT_SECONDS", 0.05)
    monkeypatch.setattr(families_write, "FRESH_CHUNK", 10)


def test_another_user_saves_while_a_long_import_runs(sqlite_database, sqlite_world, tmp_path, small_chunks):
    request = _request(sqlite_database, _registry(tmp_path))
    started = threading.Event()

    def slow(done, total, label):
        # A big file on a slow disk: each chunk takes a while (the lock would be held for the whole file).
        if done:
            started.set()
        time.sleep(0.1)

    result: list[object] = []
    importer = threading.Thread(target=lambda: result.append(run_import(
        sqlite_database, sqlite_world.coordinator, request, before_write=lambda: None, progress=slow)))
    importer.start()
    assert started.wait(20)
    waits = []
    for number in range(3):
        began = time.monotonic()
        with sqlite_database.write() as session:  # another user's save, on its own connection
            create_person(session, sqlite_world.specialist, PersonData(
                last_name="Другая", first_name=f"Запись {LETTERS[number]}", middle_name=None, sex="F"))
        waits.append(time.monotonic() - began)
        time.sleep(0.2)
    import_still_running = importer.is_alive()
    importer.join(60)
    assert import_still_running, "the import ended before the other saves: make the file bigger"
    assert max(waits) < 1.5, waits  # a moment, not the whole import (the busy timeout is 15 s)
    summary, _preview = result[0]
    assert summary.created == 2 * FAMILIES
    assert _count(sqlite_database, Family) == FAMILIES
    assert _count(sqlite_database, Person) == 2 * FAMILIES + 3


def test_an_import_stopped_half_way_is_resumed_by_importing_again(sqlite_database, sqlite_world, tmp_path,
                                                                  small_chunks):
    path = _registry(tmp_path)

    def stop_half_way(done, total, label):
        time.sleep(0.02)
        if label.startswith("Запись") and done >= FAMILIES // 2:  # half-way through writing (not planning)
            raise Cancelled()

    with pytest.raises(ImportStopped, match="уже записанное сохранено"):
        run_import(sqlite_database, sqlite_world.coordinator, _request(sqlite_database, path),
                   before_write=lambda: None, progress=stop_half_way)
    written = _count(sqlite_database, Family)
    assert 0 < written < FAMILIES
    assert _count(sqlite_database, Person) == 2 * written  # whole families only
    summary, _preview = run_import(sqlite_database, sqlite_world.coordinator, _request(sqlite_database, path),
                                   before_write=lambda: None)
    assert (summary.created, summary.skipped) == (2 * (FAMILIES - written), 2 * written)
    assert _count(sqlite_database, Family) == FAMILIES and _count(sqlite_database, Person) == 2 * FAMILIES
