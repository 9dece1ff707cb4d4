"""Event attachments (#15 item 7): programs refused by extension and by content, nothing copied; only files a
viewer shows are opened, and a program renamed and attached before this check is still not opened."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import ValidationError
from app.events.attachment_types import AttachmentRefused, openable_attachment
from app.events.events import attach_file, create_event, event_files
from tests.app.events.test_events import _event

PROGRAMS = [
    ("setup.exe", b"MZ\x90\x00 windows program"),
    ("Программа.BAT", b"@echo off"),
    ("script.ps1", b"Write-Host"),
    ("ярлык.lnk", b"L\x00\x00\x00"),
    ("macro.docm", b"PK\x03\x04"),
    ("Отчёт.pdf", b"MZ\x90\x00 a program renamed to .pdf"),
    ("photo.jpg", b"\x7fELF\x02\x01 a Linux program"),
    ("readme.txt", b"#!/bin/sh\nrm -rf ~\n"),
    ("Справка.docx", b"\xcf\xfa\xed\xfe macOS program"),
]


@pytest.mark.parametrize(("name", "content"), PROGRAMS)
def test_programs_are_refused_and_nothing_is_copied(database, world, tmp_path, name, content):
    source = tmp_path / name
    source.write_bytes(content)
    storage = tmp_path / "files"
    with database.write() as session:
        event_id = create_event(session, world.specialist, _event(world, session)).id
    with database.write() as session, pytest.raises(ValidationError) as caught:
        attach_file(session, world.specialist, event_id, source, storage)
    assert name in caught.value.errors["file"] and "программа" in caught.value.errors["file"]
    assert not storage.exists() or list(storage.iterdir()) == []
    with database.read() as session:
        assert event_files(session, event_id) == []


def test_documents_are_attached_and_opened(database, world, tmp_path):
    source = tmp_path / "Программа семинара.PDF"
    source.write_bytes(b"%PDF-1.4 programme")
    storage = tmp_path / "files"
    with database.write() as session:
        event_id = create_event(session, world.specialist, _event(world, session)).id
        attach_file(session, world.specialist, event_id, source, storage)
    with database.read() as session:
        row = event_files(session, event_id)[0]
    stored = storage / row.stored_name
    assert openable_attachment(stored, row.original_name) == stored


@pytest.mark.parametrize("name", ["архив.zip", "данные.xml", "без типа", "page.html", "drawing.svg"])
def test_types_without_a_plain_viewer_are_not_opened(tmp_path, name):
    stored = tmp_path / ("abc" + Path(name).suffix)
    stored.write_bytes(b"PK\x03\x04")
    with pytest.raises(AttachmentRefused, match="не открывается"):
        openable_attachment(stored, name)


def test_a_program_attached_before_the_check_is_not_opened(tmp_path):
    stored = tmp_path / "0a1b.pdf"
    stored.write_bytes(b"MZ\x90\x00 renamed program")
    with pytest.raises(AttachmentRefused, match="программа"):
        openable_attachment(stored, "Отчёт.pdf")
