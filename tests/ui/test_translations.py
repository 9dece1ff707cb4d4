"""The interface speaks Russian: every source string is translated and the catalogue loads."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication

from app.core.resources import resources_dir


def test_every_string_is_translated():
    tree = ET.parse(resources_dir() / "translations" / "opora_ru.ts")
    unfinished = [m.findtext("source") for m in tree.iter("message")
                  if m.find("translation") is not None and m.find("translation").get("type") == "unfinished"]
    assert unfinished == []


def test_translation_is_installed(qapp):
    assert QCoreApplication.translate("MainWindow", "Families") == "Семьи"
    assert QCoreApplication.translate("LoginDialog", "Sign in") == "Войти"
