"""The operation runner: a write announces its change flags once, centrally; reads announce nothing; answers for
closed windows are dropped; subscribers hear only the flags they asked for."""

from __future__ import annotations

import uuid

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from sqlalchemy import text

from app.core.actor import ADMIN, Actor
from app.core.changes import DICTIONARIES, FAMILIES, SETTINGS, VISITS, Saved
from app.core.errors import ValidationError
from ui.context import UiContext
from ui.ops import run_op, run_query
from ui.worker import DatabaseWorker


@pytest.fixture
def context(sqlite_database):
    worker = DatabaseWorker(sqlite_database, lambda error: None)
    yield UiContext(worker=worker, actor=Actor(user_id=None, login="t", role=ADMIN))
    worker.stop()


def _listener(context: UiContext) -> list[tuple[frozenset[str], object]]:
    heard: list[tuple[frozenset[str], object]] = []
    context.changes.changed.connect(lambda flags, initiator: heard.append((flags, initiator)))
    return heard


def test_a_write_announces_its_flags_once_with_the_initiator_then_calls_back(qtbot, context):
    parent = QWidget()
    heard, done = _listener(context), []
    saved = Saved(uuid.uuid4(), frozenset({VISITS, FAMILIES}))
    context.changes.changed.connect(lambda *_args: done.append("announced"))
    run_op(parent, context, lambda session: session.execute(text("select 1")) and saved,
           on_done=lambda result: done.append(result))
    qtbot.waitUntil(lambda: len(done) == 2, timeout=5000)
    assert heard == [(frozenset({VISITS, FAMILIES}), parent)]
    assert done == ["announced", saved]  # screens refresh before the initiator's own follow-up


def test_a_read_announces_nothing(qtbot, context):
    heard, results = _listener(context), []
    run_query(None, context, lambda session: session.execute(text("select 41 + 1")).scalar_one(), results.append)
    qtbot.waitUntil(lambda: results == [42], timeout=5000)
    assert heard == []


def test_a_failed_write_announces_nothing_and_reports_the_error(qtbot, context):
    heard, errors = _listener(context), []

    def refuse(_session):
        raise ValidationError({"name": "Поле «Название»: укажите название."})

    run_op(None, context, refuse, on_failed=errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    assert isinstance(errors[0], ValidationError) and heard == []


def test_the_answer_for_a_closed_window_is_dropped_but_the_change_is_still_announced(qtbot, context):
    parent = QWidget()
    heard, done = _listener(context), []
    run_op(parent, context, lambda _session: frozenset({SETTINGS}), on_done=done.append)
    shiboken6.delete(parent)  # closed and deleted before the worker answers
    qtbot.waitUntil(lambda: len(heard) == 1, timeout=5000)
    qtbot.wait(50)
    assert done == [] and heard[0][0] == frozenset({SETTINGS})


def test_subscribers_hear_only_their_flags_and_only_while_they_live(qtbot, context):
    screen, other = QWidget(), QWidget()
    heard_screen, heard_other = [], []
    context.changes.subscribe(screen, {VISITS}, lambda flags, _who: heard_screen.append(flags))
    context.changes.subscribe(other, {DICTIONARIES}, lambda flags, _who: heard_other.append(flags))
    context.changes.announce({VISITS, FAMILIES})
    assert heard_screen == [frozenset({VISITS, FAMILIES})] and heard_other == []
    shiboken6.delete(screen)
    context.changes.announce({VISITS})
    assert len(heard_screen) == 1


def test_unknown_flags_are_refused(context):
    with pytest.raises(ValueError, match="unknown change flags"):
        context.changes.announce({"visit"})
    with pytest.raises(ValueError, match="unknown change flags"):
        context.changes.subscribe(QWidget(), {"famlies"}, lambda *_args: None)
