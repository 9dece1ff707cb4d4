"""Filling Word templates (docxtpl) safely: sandboxed, autoescaped, never a half-written file.

Templates live in `resources/templates`; a file of the same name in the user's templates folder
(`<data dir>/templates`) overrides the built-in one, so a coordinator can copy and edit a template
without touching the installation.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import TemplateError
from jinja2.sandbox import SandboxedEnvironment

from app.core.errors import OporaError
from app.core.folders import write_atomically
from app.core.resources import resources_dir
from app.core.text import format_date
from db.engine import data_dir

MONTHS_GENITIVE = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
                   "октября", "ноября", "декабря")


class TemplateProblem(OporaError):
    """A template that is missing or cannot be filled; the message names the file."""


def user_templates_dir() -> Path:
    return data_dir() / "templates"


def template_path(name: str) -> Path:
    """The user's copy of template `name` if there is one, else the built-in one."""
    for folder in (user_templates_dir(), resources_dir() / "templates"):
        candidate = folder / name
        if candidate.is_file():
            return candidate
    raise TemplateProblem(f"Не найден шаблон документа «{name}» ни в папке пользователя, ни в программе.")


def long_date(value: date | None) -> str:
    """«5 июня 2026 г.», as ГОСТ Р 7.0.97 allows for dates in text."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def signature_name(full: str | None) -> str:
    """«Иванова Мария Петровна» → «М.П. Иванова» for a signature block."""
    parts = (full or "").split()
    if not parts:
        return ""
    if "." in parts[0]:  # already «М.П. Иванова»
        return " ".join(parts)
    initials = "".join(f"{part[0]}." for part in parts[1:3])
    return f"{initials} {parts[0]}".strip()


def jinja_environment() -> SandboxedEnvironment:
    environment = SandboxedEnvironment(autoescape=True)
    environment.filters["date"] = format_date
    environment.filters["longdate"] = long_date
    environment.filters["signature"] = signature_name
    return environment


def render_docx(name: str, context: Mapping[str, Any], target: Path) -> Path:
    """Fill template `name` with `context` and write it to `target` atomically.

    The ГОСТ Р 7.0.97 layout rules are then finished on the filled document (docx_layout.finish_layout),
    on a user's copy of a template as on the built-in one. A broken template raises TemplateProblem with
    a Russian message; `target` is then untouched.
    """
    from docxtpl import DocxTemplate  # heavy: imported only when a document is made

    from app.documents.docx_layout import finish_layout
    from app.documents.stamp import stamp_docx

    source = template_path(name)
    try:
        document = DocxTemplate(str(source))
        document.render(dict(context), jinja_env=jinja_environment(), autoescape=True)
    except TemplateError as error:
        raise TemplateProblem(
            f"Шаблон «{source}» содержит ошибку и не может быть заполнен: {error}. "
            "Исправьте шаблон или удалите свою копию, чтобы использовался встроенный."
        ) from error
    except Exception as error:  # a damaged .docx (not a zip, broken XML)
        raise TemplateProblem(f"Файл шаблона «{source}» повреждён или не является документом Word.") from error
    finish_layout(document.docx)
    stamp_docx(document.docx)  # the export's audit head, when one is being written (app.documents.stamp)
    return write_atomically(target, document.save)
