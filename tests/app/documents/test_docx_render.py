"""Filling Word templates: values, escaping, the user's override folder and broken templates."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from app.documents.docx_render import TemplateProblem, long_date, render_docx, signature_name, user_templates_dir


def _template(path, text: str) -> None:
    document = Document()
    document.add_paragraph(text)
    document.save(str(path))


def test_user_template_is_filled_with_escaped_values_and_filters(tmp_path):
    user_templates_dir().mkdir(parents=True, exist_ok=True)
    _template(user_templates_dir() / "probe.docx",
              "{{ name }} — {{ day|date }} — {{ day|longdate }} — {{ who|signature }}")
    target = render_docx("probe.docx", {"name": "ООО «Рога & копыта» <b>", "day": date(2026, 6, 5),
                                        "who": "Иванова Мария Петровна"}, tmp_path / "out.docx")
    text = Document(str(target)).paragraphs[0].text
    # «2026 г.» and «М.П. Иванова» are kept on one line by no-break spaces (ГОСТ layout finished on every file).
    assert text == "ООО «Рога & копыта» <b> — 05.06.2026 — 5 июня 2026\u00a0г. — М.П.\u00a0Иванова"


def test_broken_template_gives_a_clear_message_and_no_file(tmp_path):
    user_templates_dir().mkdir(parents=True, exist_ok=True)
    _template(user_templates_dir() / "broken.docx", "{{ name ")
    target = tmp_path / "out.docx"
    with pytest.raises(TemplateProblem, match="содержит ошибку"):
        render_docx("broken.docx", {"name": "x"}, target)
    assert not target.exists()
    (user_templates_dir() / "notdocx.docx").write_text("not a zip")
    with pytest.raises(TemplateProblem, match="повреждён"):
        render_docx("notdocx.docx", {}, target)
    with pytest.raises(TemplateProblem, match="Не найден шаблон"):
        render_docx("missing.docx", {}, target)
    assert list(tmp_path.iterdir()) == []


def test_sandbox_refuses_unsafe_attribute_access(tmp_path):
    user_templates_dir().mkdir(parents=True, exist_ok=True)
    _template(user_templates_dir() / "evil.docx", "{{ name.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateProblem):
        render_docx("evil.docx", {"name": "x"}, tmp_path / "out.docx")


def test_date_helpers():
    assert long_date(date(2026, 12, 31)) == "31 декабря 2026 г."
    assert long_date(None) == ""
    assert signature_name("Петров Иван") == "И. Петров"
