"""Opening one session's editor from outside the calendar (e.g. a family's history)."""

from __future__ import annotations

import uuid

from app.core.changes import SESSIONS
from ui.context import UiContext
from ui.forms import open_dialog
from ui.sessions.choices import CACHE_KEY, SessionChoices, choices_job
from ui.sessions.session_dialog import SessionDialog

_open_dialogs: set[SessionDialog] = set()  # kept alive while shown: they have no parent window


def open_session(context: UiContext, session_id: uuid.UUID) -> None:
    """Show the session's editor, reading the pick lists first when no screen has them cached."""

    def show(choices: SessionChoices) -> None:
        context.cache[CACHE_KEY] = choices
        dialog = SessionDialog(context, choices, session_id)
        _open_dialogs.add(dialog)
        dialog.finished.connect(lambda _result: _open_dialogs.discard(dialog))
        open_dialog(dialog, lambda _dialog: context.announce(frozenset({SESSIONS})))

    cached = context.cache.get(CACHE_KEY)
    if cached is not None:
        show(cached)
    else:
        context.worker.submit(choices_job, show)
