"""Reading files: header rows anywhere in the first ten, merged headers, CSV encodings, legacy .xls,
and hostile files refused before anything is parsed."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from app.importing import files
from app.importing.files import HostileFile, open_book, read_sheet
from app.importing.headers import auto_mapping, detect_header
from app.importing.runner import open_source
from tests.app.importing.samples import snils, write_csv, write_xlsx


def test_openpyxl_reads_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_header_found_below_a_title_with_a_merged_two_row_header(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["Реестр семей, состоящих на учёте", None, None, None, None, None],
        ["на 01.09.2025", None, None, None, None, None],
        [None],
        ["№ п/п", "ФИО", None, None, "Дата рожд.", "Ребёнок-инвалид (да/нет)"],
        [None, "Фамилия", "Имя", "Отчество", None, None],
        [1, "Иванова", "Мария", "Петровна", "01.02.1985", "нет"],
    ], merged=["A1:F1", "B4:D4", "E4:E5", "F4:F5", "A4:A5"])
    source = open_source(path, "families")
    assert (source.header.first_row, source.header.last_row) == (4, 5)
    mapping = auto_mapping(source.header.labels, "families")
    assert mapping == {"last_name": 1, "first_name": 2, "middle_name": 3, "birth_date": 4, "disabled_child": 5}


def test_group_header_above_picks_the_child_and_the_parent_columns(tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["Мать", None, None, "Ребёнок", None, "Адрес"],
        ["ФИО", "Дата рождения", "СНИЛС", "ФИО", "Дата рождения", None],
    ], merged=["A1:C1", "D1:E1", "F1:F2"])
    source = open_source(path, "families")
    assert source.header.labels[0] == "Мать / ФИО"
    mapping = auto_mapping(source.header.labels, "families")
    assert mapping["rep_full_name"] == 0 and mapping["rep_birth_date"] == 1 and mapping["rep_snils"] == 2
    assert mapping["children"] == 3 and mapping["child_birth_date"] == 4 and mapping["address"] == 5


def test_windows_1251_csv_is_detected(tmp_path):
    path = write_csv(tmp_path / "r.csv", [["Ф.И.О.", "Дата рождения", "СНИЛС"],
                                         ["Ёлкина Алёна Сергеевна", "3.4.85", snils("112233445")]], "cp1251")
    source = open_source(path, "families")
    assert source.sheet.rows[1][0] == "Ёлкина Алёна Сергеевна"
    assert auto_mapping(source.header.labels, "families") == {"full_name": 0, "birth_date": 1, "snils": 2}


def test_utf8_csv_with_commas(tmp_path):
    path = write_csv(tmp_path / "r.csv", [["ФИО", "Телефон"], ["Петров Иван Ильич", "+7 914 000-00-00"]],
                     delimiter=",")
    assert read_sheet(open_book(path)).rows[1] == ["Петров Иван Ильич", "+7 914 000-00-00"]


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice converts the test workbook to .xls")
def test_legacy_xls_is_read_with_dates(tmp_path):
    source = write_xlsx(tmp_path / "legacy.xlsx", [["ФИО", "Дата рождения"], ["Иванова Мария Петровна",
                                                                             datetime(1985, 2, 1)]])
    office = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([office, "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    sheet = read_sheet(open_book(tmp_path / "legacy.xls"))
    assert sheet.rows[1][0] == "Иванова Мария Петровна"
    assert sheet.rows[1][1].date() == date(1985, 2, 1)


def test_formulas_are_read_as_saved_values_never_evaluated(tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", [["ФИО", "Телефон"], ["Иванова Мария Петровна", "=1+1"]])
    assert read_sheet(open_book(path)).rows[1] == ["Иванова Мария Петровна"]  # no cached value: nothing


def test_wrong_signature_is_refused(tmp_path):
    fake = tmp_path / "registry.xlsx"
    fake.write_text("ФИО;Дата рождения\n", encoding="utf-8")
    with pytest.raises(HostileFile, match="не является книгой Excel"):
        open_book(fake)
    pdf = tmp_path / "registry.csv"
    pdf.write_bytes(b"%PDF-1.4 fake")
    with pytest.raises(HostileFile, match="PDF"):
        open_book(pdf)
    xls = tmp_path / "registry.xls"
    shutil.copy(write_xlsx(tmp_path / "real.xlsx", [["ФИО"]]), xls)
    with pytest.raises(HostileFile, match="zip"):
        open_book(xls)
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(HostileFile, match="другой zip"):
        open_book(other)


def test_zip_bomb_is_refused_before_openpyxl(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "bomb.xlsx", [["ФИО"]])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.xml", b"<a>" + b" " * (30 * 1024 * 1024) + b"</a>")
    opened = []
    monkeypatch.setattr(files, "_open_xlsx", lambda p: opened.append(p))
    with pytest.raises(HostileFile, match="zip-бомб"):
        open_book(path)
    monkeypatch.setattr(files, "MAX_UNPACKED", 1024 * 1024)
    monkeypatch.setattr(files, "MAX_RATIO", 10_000)
    with pytest.raises(HostileFile, match="после распаковки"):
        open_book(path)
    assert opened == []


def test_xml_entity_attack_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "lol.xlsx", [["ФИО"], ["Иванова Мария Петровна"]])
    attacked = tmp_path / "attack.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(attacked, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + data
            target.writestr(item, data)
    with pytest.raises(HostileFile, match="XML-сущности"):
        open_book(attacked)


def test_defusedxml_refuses_entities_even_past_the_prefix_scan(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "lol.xlsx", [["ФИО"], ["Иванова Мария Петровна"]])
    attacked = tmp_path / "attack.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(attacked, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "boom">]>' + data.replace(b"<sheetPr>", b"<sheetPr>&a;", 1)
            target.writestr(item, data)
    monkeypatch.setattr(files, "_DANGEROUS_XML", (b"never-present",))
    with pytest.raises(HostileFile, match="XML-сущности"):
        read_sheet(open_book(attacked))


def test_too_many_rows_and_cells_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 50)
    path = write_csv(tmp_path / "long.csv", [["ФИО"]] + [[f"Иванов Иван {i}"] for i in range(60)])
    with pytest.raises(HostileFile, match="больше 50 строк"):
        read_sheet(open_book(path))
    monkeypatch.setattr(files, "MAX_ROWS", 1000)
    monkeypatch.setattr(files, "MAX_CELLS", 100)
    wide = write_xlsx(tmp_path / "wide.xlsx", [[f"c{i}" for i in range(30)] for _ in range(5)])
    with pytest.raises(HostileFile, match="ячеек"):
        read_sheet(open_book(wide))


def test_unknown_extension_and_missing_sheet(tmp_path):
    with pytest.raises(HostileFile, match="поддерживаются"):
        open_book(tmp_path / "x.docx")
    path = write_xlsx(tmp_path / "r.xlsx", [["ФИО"]], extra_sheets=["Журнал"])
    book = open_book(path)
    assert book.sheet_names == ["Реестр", "Журнал"]
    with pytest.raises(Exception, match="нет листа «Нет»"):
        read_sheet(book, "Нет")
    assert detect_header(read_sheet(book, "Журнал"), "families").labels == []
