"""«Сегодня» reads its lists first and then counts the deadlines — two units of work on the one database thread,
the counts in two halves on two connections at once (app.worklist.counting); a second read started meanwhile wins,
the first one's answers are dropped; the result is the same as the one-read overview. A group's rows are read when
it is opened, a page at a time, with a «show more» row while rows remain."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from app.core.dates import add_years
from app.worklist.deadlines import compute_deadlines, enabled_kinds
from app.worklist.settings import write_deadline_setting
from app.worklist.today import today_overview
from tests.app.worklist.test_deadlines import _family, _sop, open_new_case
from ui.context import UiContext
from ui.today import section as section_module
from ui.today.section import TodaySection

WAIT = 20000
TODAY = date.today()


def test_the_lists_then_the_counts_equal_the_overview(qtbot, worker, sqlite_database, sqlite_world,
                                                                    monkeypatch):
    world = sqlite_world
    _family(sqlite_database, world, "Петрова", add_years(TODAY, -7), consent=False)
    with sqlite_database.write() as session:
        write_deadline_setting(session, world.admin, "ipra", False, 60)  # switched off: not even read
        kinds = enabled_kinds(session)
    assert "ipra" not in kinds and len(kinds) == 8
    reads: list[object] = []
    original = section_module.run_query

    def counting(parent, context, read, on_done, on_failed=None):
        reads.append(read)
        return original(parent, context, read, on_done, on_failed)

    counted: list[dict] = []
    original_read = section_module.run_read
    together = section_module.count_deadlines_together

    def counting_read(parent, context, read, on_done, on_failed=None):
        reads.append(read)
        return original_read(parent, context, read, on_done, on_failed)

    def counting_kinds(database, actor, today, kinds=None):
        counts = together(database, actor, today, kinds)
        counted.append(counts)
        return counts

    monkeypatch.setattr(section_module, "run_query", counting)
    monkeypatch.setattr(section_module, "run_read", counting_read)
    monkeypatch.setattr(section_module, "count_deadlines_together", counting_kinds)
    today = TodaySection(UiContext(worker, world.coordinator))
    qtbot.addWidget(today)
    qtbot.waitUntil(today.is_loaded, timeout=WAIT)
    # the lists, then the counts of the kinds switched on (the switched-off one not even read), then the first
    # page of the one group (three groups or fewer are opened at once)
    assert len(reads) == 1 + 1 + 1
    assert len(counted) == 1 and list(counted[0]) == kinds
    with sqlite_database.read() as session:
        whole = today_overview(session, world.coordinator, today.overview.today)
    assert today.overview.counts == whole.counts and whole.counts["consent"] == (2, 2)
    assert set(whole.counts) == set(kinds) and sum(count.total for count in whole.counts.values()) == 2

    emitted: list[dict] = []
    today.counts_changed.connect(emitted.append)
    reads.clear()
    today.load()
    today.load()  # read again before the first finished: one screen, one count
    qtbot.waitUntil(today.is_loaded, timeout=WAIT)
    qtbot.wait(200)
    assert len(emitted) == 1 and emitted[0]["today"] == 2 and today.overview.counts == whole.counts
    assert today.deadlines.topLevelItem(0).text(0).startswith("Согласие на обработку персональных данных (2)")


def test_a_groups_rows_are_made_when_it_is_opened(qtbot, worker, sqlite_database, sqlite_world):
    world = sqlite_world
    for last in ("Петрова", "Сидорова"):
        _family(sqlite_database, world, last, add_years(TODAY, -7), consent=False)
    adult = _family(sqlite_database, world, "Орлова", add_years(TODAY + timedelta(days=20), -18))
    open_new_case(sqlite_database, world, adult, opened_on=TODAY - timedelta(days=120))  # and silent since
    with sqlite_database.write() as session:
        sop = _sop(session, world)
    _family(sqlite_database, world, "Кузнецова", add_years(TODAY, -6), [sop])
    today = TodaySection(UiContext(worker, world.coordinator))
    qtbot.addWidget(today)
    qtbot.waitUntil(today.is_loaded, timeout=WAIT)
    tree = today.deadlines
    groups = {tree.topLevelItem(i).text(0).rsplit(" (", 1)[0]: tree.topLevelItem(i)
              for i in range(tree.topLevelItemCount())}
    assert len(groups) == 4 and all(g.childCount() == 0 and not g.isExpanded() for g in groups.values())
    consent = groups["Согласие на обработку персональных данных"]
    assert consent.text(0).endswith("(4)")
    consent.setExpanded(True)  # the rows are read when the group is first opened
    qtbot.waitUntil(lambda: consent.childCount() == 4 and bool(consent.child(3).data(0, section_module.RECORD_ROLE)),
                    timeout=WAIT)
    assert consent.child(0).data(0, section_module.RECORD_ROLE)[0] == "family"
    consent.setExpanded(False)
    consent.setExpanded(True)  # not read twice
    qtbot.wait(200)
    assert consent.childCount() == 4 and groups["Семья в СОП без посещения"].childCount() == 0


def test_a_large_group_is_read_a_page_at_a_time(qtbot, worker, sqlite_database, sqlite_world, monkeypatch):
    world = sqlite_world
    for last in ("Петрова", "Сидорова", "Кузнецова"):
        _family(sqlite_database, world, last, add_years(TODAY, -7), consent=False)
    monkeypatch.setattr(section_module, "PAGE_SIZE", 4)  # 6 members without a consent: pages of 4 and 2
    pages: list[tuple[int, int]] = []
    original = section_module.deadline_page

    def paging(session, actor, kind, today, offset, limit):
        pages.append((offset, limit))
        return original(session, actor, kind, today, offset, limit)

    monkeypatch.setattr(section_module, "deadline_page", paging)
    today = TodaySection(UiContext(worker, world.coordinator))
    qtbot.addWidget(today)
    qtbot.waitUntil(today.is_loaded, timeout=WAIT)
    consent = today.groups["consent"]
    assert consent.text(0).endswith("(6)")
    qtbot.waitUntil(lambda: consent.childCount() == 5, timeout=WAIT)
    assert pages == [(0, 4)]  # one group: opened at once, its first page read (on the worker)
    more = consent.child(4)
    assert more.data(0, section_module.MORE_ROLE) == "consent" and "2" in more.text(0)
    assert more.data(0, section_module.RECORD_ROLE) is None
    today.deadlines.itemClicked.emit(more, 0)
    qtbot.waitUntil(lambda: consent.childCount() == 6 and bool(consent.child(5).data(0, section_module.RECORD_ROLE)),
                    timeout=WAIT)
    assert pages == [(0, 4), (4, 4)]
    people = [consent.child(row).text(1) for row in range(6)]
    with sqlite_database.read() as session:
        whole = [d for d in compute_deadlines(session, world.coordinator, today.overview.today)
                 if d.kind == "consent"]
    assert len(set(people)) == 6  # no row twice, none left out, in the order of the whole list
    assert people == [f"{d.family_title} · {d.person_name}" if d.person_name != d.family_title else d.family_title
                      for d in whole]
    assert [consent.child(row).data(0, section_module.RECORD_ROLE)[1] for row in range(6)] == \
        [uuid.UUID(d.family_id) for d in whole]


def test_a_page_that_fails_to_read_can_be_read_again(qtbot, worker, sqlite_database, sqlite_world, monkeypatch):
    world = sqlite_world
    for last in ("Петрова", "Сидорова"):
        _family(sqlite_database, world, last, add_years(TODAY, -7), consent=False)
    errors: list[BaseException] = []
    monkeypatch.setattr(section_module, "show_error", lambda _parent, error: errors.append(error))
    original, calls = section_module.deadline_page, []

    def failing_once(session, actor, kind, today, offset, limit):
        calls.append(offset)
        if len(calls) == 1:
            raise RuntimeError("the database is busy")
        return original(session, actor, kind, today, offset, limit)

    monkeypatch.setattr(section_module, "deadline_page", failing_once)
    today = TodaySection(UiContext(worker, world.coordinator))
    qtbot.addWidget(today)
    qtbot.waitUntil(lambda: bool(errors), timeout=WAIT)  # the one group opened at once, its read failed
    consent = today.groups["consent"]
    retry = consent.child(consent.childCount() - 1)
    assert consent.childCount() == 1 and retry.data(0, section_module.MORE_ROLE) == "consent" and "4" in retry.text(0)
    today.deadlines.itemClicked.emit(retry, 0)
    qtbot.waitUntil(lambda: consent.childCount() == 4, timeout=WAIT)
    assert calls == [0, 0] and all(consent.child(row).data(0, section_module.RECORD_ROLE) for row in range(4))
