"""Names in the genitive (and other cases) for documents, with the nominative as the safe fallback."""

from __future__ import annotations

import pytest

from app.documents import declension
from app.documents.declension import decline_name, decline_part


@pytest.mark.parametrize(("last", "first", "middle", "sex", "expected"), [
    ("Иванова", "Мария", "Петровна", "F", "Ивановой Марии Петровны"),
    ("Иванов", "Иван", "Иванович", "M", "Иванова Ивана Ивановича"),
    ("Королёва", "Алёна", "Фёдоровна", "F", "Королёвой Алёны Фёдоровны"),
    ("Королёв", "Пётр", "Артёмович", "M", "Королёва Петра Артёмовича"),
    ("Петрова-Водкина", "Анна", "Ильинична", "F", "Петровой-Водкиной Анны Ильиничны"),
    ("Римский-Корсаков", "Никита", "Ильич", "M", "Римского-Корсакова Никиты Ильича"),
    ("Толстая", "Любовь", "Львовна", "F", "Толстой Любови Львовны"),
    ("Толстой", "Лев", "Николаевич", "M", "Толстого Льва Николаевича"),
    ("Белых", "Илья", "Сергеевич", "M", "Белых Ильи Сергеевича"),
    ("Черных", "Ольга", None, "F", "Черных Ольги"),
    ("Шевчук", "Ольга", "Ивановна", "F", "Шевчук Ольги Ивановны"),
    ("Шевчук", "Олег", "Иванович", "M", "Шевчука Олега Ивановича"),
    ("Лужкова", "Саша", None, "F", "Лужковой Саши"),
    ("Мамедов", "Эльчин", "Гасан оглы", "M", "Мамедова Эльчина Гасан оглы"),
])
def test_genitive_of_common_names(last, first, middle, sex, expected):
    assert decline_name(last, first, middle, sex) == expected


def test_other_cases_and_gender_from_patronymic():
    assert decline_name("Иванова", "Мария", "Петровна", "F", "dative") == "Ивановой Марии Петровне"
    assert decline_name("Иванов", "Иван", "Иванович", "M", "instrumental") == "Ивановым Иваном Ивановичем"
    # Sex not recorded: the patronymic tells it.
    assert decline_name("Иванова", "Мария", "Петровна", None) == "Ивановой Марии Петровны"
    assert decline_name("ИВАНОВА", "МАРИЯ", "ПЕТРОВНА", "F") == "ИВАНОВОЙ МАРИИ ПЕТРОВНЫ"


def test_fallback_is_the_nominative():
    assert decline_part("Иванова", "lastname", "vocative", "female") == "Иванова"
    assert decline_part("Иванова", "nickname", "genitive", "female") == "Иванова"
    assert decline_part("", "lastname", "genitive", "female") == ""
    assert decline_name("Иванова", "Мария", None, None, "genitive").startswith("Иванов")


def test_without_petrovich_names_stay_as_written(monkeypatch):
    monkeypatch.setattr(declension, "_rules", lambda: None)
    assert decline_name("Иванова", "Мария", "Петровна", "F") == "Иванова Мария Петровна"


def test_broken_rules_never_raise(monkeypatch):
    monkeypatch.setattr(declension, "_rules", lambda: {"lastname": {"suffixes": [{"broken": True}]}})
    assert decline_part("Иванова", "lastname", "genitive", "female") == "Иванова"
