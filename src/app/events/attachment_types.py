"""Which files may be attached to an event, and which may be opened from the program.

Attaching refuses programs and scripts: by extension (the list Windows and the desktop run on a double click) and
by content (a Windows, Linux or macOS program, or a script with «#!», renamed to «.pdf» is still a program).
Opening is allowed only for the types a viewer shows — documents, tables, presentations, images, audio and video —
and only when the stored file's content is not a program; anything else (an archive, an unknown type) is not
handed to the desktop, which would run whatever program claims it.
"""

from __future__ import annotations

from pathlib import Path

from app.core.errors import OporaError

_EXECUTABLE = """
    exe com bat cmd msi msp mst scr pif cpl dll sys drv ocx hta jar ps1 psm1 psd1 vbs vbe js jse wsf wsh wsc sct
    lnk url scf inf reg application gadget msc appref-ms chm sh bash zsh csh ksh run bin out elf appimage desktop
    command tool py pyw pyc pl rb php apk app dmg pkg deb rpm snap flatpak iso img vhd vhdx xbap docm xlsm pptm dotm
    xltm potm ppam xlam svg html htm xhtml mht
"""
# Shown by a viewer, not run: documents, tables, presentations, images, audio and video.
_VIEWER = """
    pdf doc docx odt rtf txt csv xls xlsx ods ppt pptx odp jpg jpeg png gif bmp tif tiff webp heic
    mp3 wav ogg m4a mp4 avi mov mkv wmv webm
"""
EXECUTABLE_SUFFIXES = frozenset(_EXECUTABLE.split())
VIEWER_SUFFIXES = frozenset(_VIEWER.split())
_PROGRAM_HEADERS = (b"MZ", b"\x7fELF", b"#!", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe",
                    b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")


class AttachmentRefused(OporaError):
    """A file that must not be attached or opened."""


def _suffix(name: str) -> str:
    return Path(name).suffix.lower().lstrip(".")


def looks_like_program(head: bytes) -> bool:
    return any(head.startswith(header) for header in _PROGRAM_HEADERS)


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(8)
    except OSError:
        return b""


def attach_refusal(path: Path) -> str | None:
    """Why `path` may not be attached (a Russian sentence naming the file), or None."""
    suffix = _suffix(path.name)
    if suffix in EXECUTABLE_SUFFIXES:
        return (f"Файл «{path.name}» — программа или сценарий (.{suffix}): такие файлы к мероприятиям не "
                "прикрепляются. Прикрепите документ, таблицу, презентацию, изображение или видео.")
    if looks_like_program(_head(path)):
        return (f"Файл «{path.name}» по содержимому — программа, хотя назван как .{suffix or 'файл без типа'}: "
                "такие файлы к мероприятиям не прикрепляются.")
    return None


def openable_attachment(stored: Path, original_name: str) -> Path:
    """`stored`, if a viewer may open it; else AttachmentRefused saying what to do instead."""
    suffix = _suffix(original_name)
    if suffix not in VIEWER_SUFFIXES or _suffix(stored.name) != suffix:
        raise AttachmentRefused(
            f"Файл «{original_name}» не открывается из программы: его тип (.{suffix or 'без типа'}) не документ, "
            "не таблица и не изображение, и открыть его могла бы другая программа. Если он нужен, попросите "
            "администратора проверить его антивирусом.")
    if not stored.is_file():
        raise AttachmentRefused(f"Файл «{original_name}» не найден в папке вложений: он удалён или перенесён.")
    if looks_like_program(_head(stored)):
        raise AttachmentRefused(f"Файл «{original_name}» по содержимому — программа: он не открывается.")
    return stored
