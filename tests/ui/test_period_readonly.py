"""Records of a submitted period open read-only (#17 item 5): every editor of a dated record — visit, session,
attendance, trip, trip results, event, plan row, case reopening, urgent-services act, assessment — opens a record of the
submitted quarter with the banner on top, its fields read-only and saving off; the same kind in the next quarter
opens editable; an editor opened, closed and opened again is read-only again; after the administrator reopens the
period it is editable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QPlainTextEdit, QWidget

from app.cases.cases import list_cases
from app.cases.papers import URGENT_ACT, list_papers
from app.effectiveness.assessments import family_assessments
from app.effectiveness.instruments import list_instruments
from app.periods.lock import reopen_submission
from app.reference.choices import family_card_choices
from app.registry.family_card import load_family_card
from app.rehab.calendar import week_sessions
from app.rehab.choices import load_session_choices
from db.models import PlanItem, SocialPaper, SupportCase
from db.models.effectiveness import Assessment
from tests.app.periods.test_period_readonly import BANNER, build_periods
from ui.context import UiContext
from ui.events.editor import open_event
from ui.families.assessment_dialog import AssessmentDialog
from ui.families.case_edits import EditCaseDialog, EditPlanItemDialog, ReopenCaseDialog
from ui.families.paper_dialog import PaperDialog
from ui.forms import select_data
from ui.period_readonly import BANNER_NAME
from ui.rehab.attendance_dialog import AttendanceDialog
from ui.rehab.editor import SessionEditor
from ui.trips.completion_dialog import TripCompletionDialog
from ui.trips.editor import TripEditor
from ui.visits.editor import open_visit

WAIT = 20000


@dataclass
class Opened:
    widget: QWidget
    ready: Callable[[], bool]
    save: QAbstractButton | None  # the button that writes (None: it is off until a change anyway)
    field: QWidget  # a field the user would type into


def _read(database, read):
    with database.read() as session:
        return read(session)


def _open(kind: str, context: UiContext, database, world, record_id) -> Opened:
    actor = context.actor
    if kind == "visit":
        editor = open_visit(context, record_id)
        return Opened(editor, editor.is_loaded, editor.save_button, editor.purpose)
    if kind == "event":
        editor = open_event(context, record_id)
        return Opened(editor, lambda: editor.is_loaded() and editor.period_lock.checked, None, editor.title_edit)
    if kind == "session":
        choices = _read(database, load_session_choices)
        dialog = SessionEditor(context, choices, record_id)
        return Opened(dialog, lambda: dialog.loaded and dialog.period_lock.checked, dialog.ok_button, dialog.topic)
    if kind == "attendance":
        choices = _read(database, load_session_choices)
        rows = _read(database, lambda s: week_sessions(s, actor, week_start=date(2026, 8, 10), days=70))
        dialog = AttendanceDialog(context, choices, [r for r in rows if r.id == record_id])
        return Opened(dialog, lambda: dialog.period_lock.checked, dialog.ok_button,
                      dialog.findChild(QAbstractButton, "allCame"))
    if kind == "trip":
        dialog = TripEditor(context, record_id)
        return Opened(dialog, lambda: dialog.loaded and dialog.period_lock.checked, dialog.ok_button, dialog.notes)
    if kind == "trip_results":
        dialog = TripCompletionDialog(context, record_id)
        return Opened(dialog, lambda: dialog.loaded and dialog.period_lock.checked, dialog.ok_button,
                      dialog.panels[0].done if dialog.panels else dialog.ok_button)
    if kind == "urgent_act":
        family_id = _read(database, lambda s: s.get(SocialPaper, record_id).family_id)
        card = _read(database, lambda s: load_family_card(s, world.coordinator, family_id, audited=False))
        [paper] = [p for p in _read(database, lambda s: list_papers(s, world.coordinator, family_id))
                   if p.id == record_id]
        cases = _read(database, lambda s: list_cases(s, world.coordinator, family_id))
        dialog = PaperDialog(context, family_id, URGENT_ACT, card.members, cases, paper)
        return Opened(dialog, lambda: dialog.period_lock.checked and not dialog.busy, dialog.ok_button,
                      dialog.number)
    choices = _read(database, family_card_choices)
    if kind == "assessment":
        family_id = world_family(database, record_id)
        [row] = [a for a in _read(database, lambda s: family_assessments(
            s, world.coordinator, family_id).assessments) if a.id == record_id]
        cases = _read(database, lambda s: list_cases(s, world.coordinator, family_id))
        dialog = AssessmentDialog(context, family_id, _read(database, list_instruments), choices, cases, [], row)
        return Opened(dialog, lambda: dialog.period_lock.checked, dialog.ok_button, dialog.notes)
    if kind == "case":
        family_id = _read(database, lambda s: s.get(SupportCase, record_id).family_id)
        [case] = [c for c in _read(database, lambda s: list_cases(s, world.coordinator, family_id))
                  if c.id == record_id]
        dialog = ReopenCaseDialog(context, case)
        return Opened(dialog, lambda: dialog.period_lock.checked, dialog.ok_button, dialog.reason)
    assert kind == "plan_item", kind
    family_id = _read(database, lambda s: s.get(SupportCase, s.get(PlanItem, record_id).case_id).family_id)
    cases = _read(database, lambda s: list_cases(s, world.coordinator, family_id))
    [(case, row)] = [(c, r) for c in cases for r in c.plan if r.id == record_id]
    dialog = EditPlanItemDialog(context, choices, case, row)
    return Opened(dialog, lambda: dialog.period_lock.checked, dialog.ok_button, dialog.measure)


def world_family(database, assessment_id):
    return _read(database, lambda s: s.get(Assessment, assessment_id).family_id)


def _editable(field: QWidget) -> bool:
    if isinstance(field, QLineEdit | QPlainTextEdit):
        return field.isEnabled() and not field.isReadOnly()
    return field.isEnabled()


def _show(qtbot, opened: Opened) -> Opened:
    opened.widget.show()
    qtbot.waitUntil(opened.ready, timeout=WAIT)
    return opened


def _close(opened: Opened) -> None:
    widget = opened.widget
    if hasattr(widget, "discard_confirmed"):
        widget.discard_confirmed = True
    widget.close()


# (editor, the kind of record it edits in the fixture)
EDITORS = [("visit", "visit"), ("session", "session"), ("attendance", "session"), ("trip", "trip"),
           ("trip_results", "trip"), ("event", "event"), ("case", "case"), ("urgent_act", "urgent_act"),
           ("assessment", "assessment")]


@pytest.fixture
def periods(sqlite_database, sqlite_world):
    return build_periods(sqlite_database, sqlite_world)


@pytest.mark.parametrize(("editor", "kind"), EDITORS)
def test_a_record_of_the_submitted_quarter_opens_read_only(qtbot, worker, sqlite_database, sqlite_world, periods,
                                                           editor, kind):
    context = UiContext(worker, sqlite_world.coordinator)
    locked_id, open_id = periods[kind]
    for _round in range(2):  # opened, closed and opened again: read-only again
        opened = _show(qtbot, _open(editor, context, sqlite_database, sqlite_world, locked_id))
        banner = opened.widget.findChild(QWidget, BANNER_NAME)
        assert banner is not None and banner.isVisible(), editor
        assert banner.text().startswith(BANNER), banner.text()
        assert "Открыть период может администратор" in banner.text()
        assert not _editable(opened.field), editor
        if opened.save is not None:
            assert not opened.save.isEnabled(), editor
        if editor == "visit":
            assert opened.widget.close_button.isEnabled() and opened.widget.act_button.isEnabled()
            assert not opened.widget.add_service_button.isEnabled()
        if editor == "trip":
            assert opened.widget.sheet_button.isEnabled()  # the route sheet prints what is shown
        _close(opened)
    opened = _show(qtbot, _open(editor, context, sqlite_database, sqlite_world, open_id))
    banner = opened.widget.findChild(QWidget, BANNER_NAME)
    if editor == "case":
        # Opened in the submitted quarter, closed after it: the banner says the opening date is fixed, that's all.
        assert banner.isVisible() and "дата начала сопровождения" in banner.text()
    else:
        assert not banner.isVisible(), editor
    assert _editable(opened.field), editor
    if opened.save is not None:
        assert opened.save.isEnabled(), editor
    _close(opened)

    # The administrator reopens the period: the record opens editable.
    with sqlite_database.write() as session:
        reopen_submission(session, sqlite_world.admin, periods["submission"], "Исправление после проверки")
    opened = _show(qtbot, _open(editor, context, sqlite_database, sqlite_world, locked_id))
    assert not opened.widget.findChild(QWidget, BANNER_NAME).isVisible()
    assert _editable(opened.field), editor
    if opened.save is not None:
        assert opened.save.isEnabled(), editor
    _close(opened)


def test_a_plan_row_done_in_the_submitted_quarter_keeps_its_date(qtbot, worker, sqlite_database, sqlite_world,
                                                                  periods):
    """A plan row is fixed only in its done date (as the guard says): its measure and due date can still be
    corrected, and the banner says what is fixed."""
    context = UiContext(worker, sqlite_world.coordinator)
    done, pending = periods["plan_item"]
    opened = _show(qtbot, _open("plan_item", context, sqlite_database, sqlite_world, done))
    banner = opened.widget.findChild(QWidget, BANNER_NAME)
    assert banner.isVisible() and "дата выполнения не меняется" in banner.text()
    assert _editable(opened.field) and opened.save.isEnabled()
    _close(opened)
    opened = _show(qtbot, _open("plan_item", context, sqlite_database, sqlite_world, pending))
    assert not opened.widget.findChild(QWidget, BANNER_NAME).isVisible()
    _close(opened)


def test_a_case_opened_in_the_submitted_quarter_keeps_its_dates_but_changes_its_level(qtbot, worker, sqlite_database,
                                                                                      sqlite_world, periods):
    """The case dialog freezes only the dates the guard fixes: the level of support of a case opened in the submitted
    quarter can still be changed and saved."""
    context = UiContext(worker, sqlite_world.coordinator)
    case_id = periods["case"][1]  # opened in the third quarter, closed in the fourth
    family_id = _read(sqlite_database, lambda s: s.get(SupportCase, case_id).family_id)
    [case] = [c for c in _read(sqlite_database, lambda s: list_cases(s, sqlite_world.coordinator, family_id))
              if c.id == case_id]
    choices = _read(sqlite_database, family_card_choices)
    for _round in range(2):
        dialog = EditCaseDialog(context, choices, family_id, [], case)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.period_lock.checked, timeout=WAIT)  # noqa: B023
        assert dialog.period_lock.banner.isVisible() and "дата начала сопровождения" in dialog.period_lock.banner.text()
        assert dialog.opened_on.isReadOnly() and dialog.support_level.isEnabled() and dialog.ok_button.isEnabled()
        if _round == 0:
            dialog.reject()
    level = choices.support_levels[-1].id
    select_data(dialog.support_level, level)
    with qtbot.waitSignal(context.changes.changed, timeout=WAIT):
        dialog.ok_button.click()
    with sqlite_database.read() as session:
        assert session.get(SupportCase, case_id).support_level_id == level
