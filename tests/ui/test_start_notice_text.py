"""The start-up notice names the long work ahead, in Russian: the schema update, or finishing an interrupted
import."""

from __future__ import annotations

from app.system.startup import REBUILD, UPGRADE
from ui.session_start import updating_text


def test_the_notice_says_what_is_being_done(qapp):
    assert updating_text(UPGRADE).startswith("Обновление базы для этой версии")
    rebuild = updating_text(REBUILD)
    assert rebuild.startswith("Завершается прерванный импорт") and "не выключайте компьютер" in rebuild
