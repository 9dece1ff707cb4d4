"""The file dialogs speak Russian wholly (Qt's catalogue misses «Look in:» and «Files of type:») and propose
the folder last used for the same kind of document."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QAbstractButton, QFileDialog, QHeaderView, QLabel, QWidget

from ui import generated_files
from ui.generated_files import choose_folder, choose_open_files, choose_save_file

WAIT = 20000
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _visible_texts(dialog: QFileDialog) -> list[str]:
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    texts += [b.text() or b.toolTip() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    for header in dialog.findChildren(QHeaderView):
        model = header.model()
        if header.isVisible() and model is not None:
            texts += [str(model.headerData(i, header.orientation())) for i in range(header.count())]
    return [t.replace("&", "") for t in texts if t]


def _english(texts: list[str]) -> list[str]:
    # File name patterns and extensions are not words to translate.
    return [t for t in texts if LATIN_WORD.search(re.sub(r"\(?\*\.[a-z]+\)?|\.docx|\.xlsx", "", t))]


def test_every_label_of_the_open_save_and_folder_dialogs_is_russian(qtbot, tmp_path: Path):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    for dialog in (
        choose_save_file(parent, "Сохранить отчёт", "reports", "отчёт.xlsx", "Книга Excel (*.xlsx)", lambda p: None),
        choose_open_files(parent, "Файл для импорта", "imports", "Таблицы (*.xlsx *.xls *.csv)", lambda p: None),
        choose_folder(parent, "Папка для акта", lambda p: None, kind="acts"),
    ):
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
        texts = _visible_texts(dialog)
        assert any("Папка" in t or "Имя файла" in t for t in texts), texts
        assert _english(texts) == [], dialog.windowTitle()
        dialog.reject()


def test_each_kind_of_document_remembers_its_own_folder(qtbot, tmp_path: Path):
    reports, imports = tmp_path / "Отчёты", tmp_path / "Выгрузки"
    reports.mkdir()
    imports.mkdir()
    parent = QWidget()
    qtbot.addWidget(parent)
    chosen: list[Path] = []
    save = choose_save_file(parent, "Сохранить", "reports", "отчёт.xlsx", "Книга Excel (*.xlsx)", chosen.append)
    save.setDirectory(str(reports))
    save.selectFile(str(reports / "квартал.xlsx"))
    save.accept()
    assert chosen == [reports / "квартал.xlsx"]
    opened: list[list[Path]] = []
    (imports / "реестр.xlsx").write_bytes(b"")
    pick = choose_open_files(parent, "Импорт", "imports", None, opened.append)
    pick.setDirectory(str(imports))
    pick.selectFile(str(imports / "реестр.xlsx"))
    pick.accept()
    assert opened == [[imports / "реестр.xlsx"]]

    assert generated_files.remembered_folder("reports") == reports
    assert generated_files.remembered_folder("imports") == imports
    again = choose_save_file(parent, "Сохранить", "reports", "отчёт.xlsx", "Книга Excel (*.xlsx)", chosen.append)
    assert Path(again.directory().absolutePath()) == reports
    again.reject()


def test_the_modal_questions_are_russian_and_remember_their_kinds_folder(qtbot, tmp_path: Path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    folder = tmp_path / "Ключи"
    folder.mkdir()
    (folder / "отделение.opora-key").write_bytes(b"")
    seen: list[list[str]] = []

    def answer(path: Path | None) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        seen.append(_visible_texts(dialog))
        if path is None:
            dialog.reject()
        else:
            dialog.setDirectory(str(path.parent))
            dialog.selectFile(str(path))
            dialog.accept()

    parent = QWidget()
    qtbot.addWidget(parent)
    QTimer.singleShot(200, lambda: answer(folder / "отделение.opora-key"))
    assert generated_files.ask_open_path(parent, "Ключ отделения", "keys", "Ключ (*.opora-key)") == \
        folder / "отделение.opora-key"
    QTimer.singleShot(200, lambda: answer(None))
    assert generated_files.ask_save_path(parent, "Сохранить ключ", "keys", "новый.opora-key", "Ключ (*.opora-key)") \
        is None
    assert generated_files.remembered_folder("keys") == folder
    assert all(_english(texts) == [] for texts in seen) and len(seen) == 2
