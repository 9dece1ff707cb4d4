"""«Информационная справка» about an event: Russian numeral agreement and the DOCX reopened."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from app.core.folders import attachments_dir
from app.events.events import EventData, EventParticipant, create_event
from app.events.note import (
    agree,
    attendance_sentence,
    count,
    families_sentence,
    genitive,
    note_file_name,
    opening,
    participants_sentence,
    period_text,
    verb_for,
    write_event_note,
)
from tests.app.documents.gost_checks import assert_gost_layout
from tests.app.events.test_events import _event, _family


@pytest.mark.parametrize(("number", "expected"), [
    (0, "0 человек"), (1, "1 человек"), (2, "2 человека"), (4, "4 человека"), (5, "5 человек"),
    (11, "11 человек"), (12, "12 человек"), (14, "14 человек"), (21, "21 человек"), (22, "22 человека"),
    (51, "51 человек"), (111, "111 человек"), (136, "136 человек"), (1001, "1001 человек"),
])
def test_people_count(number, expected):
    assert count(number, "человек", "человека", "человек") == expected


@pytest.mark.parametrize(("number", "expected"), [
    (1, "1 специалист"), (3, "3 специалиста"), (5, "5 специалистов"), (11, "11 специалистов"),
    (13, "13 специалистов"), (21, "21 специалист"), (23, "23 специалиста"), (100, "100 специалистов"),
])
def test_noun_agreement(number, expected):
    assert f"{number} {agree(number, 'специалист', 'специалиста', 'специалистов')}" == expected


@pytest.mark.parametrize(("number", "expected"), [
    (1, "1 муниципального образования"), (2, "2 муниципальных образований"),
    (11, "11 муниципальных образований"), (21, "21 муниципального образования"),
    (31, "31 муниципального образования"), (5, "5 муниципальных образований"),
])
def test_genitive_after_iz(number, expected):
    assert genitive(number, "муниципального образования", "муниципальных образований") == expected


def test_verb_agrees_with_the_count():
    assert [verb_for(n, "принял", "приняли") for n in (1, 11, 21, 25, 101)] == [
        "принял", "приняли", "принял", "приняли", "принял"]


def test_periods():
    assert period_text(date(2026, 4, 14), None) == "14 апреля 2026 г."
    assert period_text(date(2024, 10, 16), date(2024, 10, 18)) == "с 16 по 18 октября 2024 г."
    assert period_text(date(2024, 9, 30), date(2024, 10, 2)) == "с 30 сентября по 2 октября 2024 г."
    assert period_text(date(2025, 12, 30), date(2026, 1, 2)) == "с 30 декабря 2025 г. по 2 января 2026 г."


def _data(**values) -> EventData:
    base = dict(office_id=None, type_id=None, title="Т", starts_on=date(2026, 4, 14))
    return EventData(**(base | values))


def test_sentences():
    data = _data(specialists_count=21, parents_count=18, children_count=1, others_count=11,
                 in_person_count=41, online_count=10, districts_count=31, regions_count=3)
    assert participants_sentence(data) == (
        "В мероприятии принял участие 51 человек из 31 муниципального образования 3 субъектов Российской "
        "Федерации, из них 21 специалист, 18 родителей, 1 ребёнок и 11 других участников.")
    assert attendance_sentence(data) == "Очно — 41 человек, в режиме онлайн — 10 человек."
    one = _data(specialists_count=21, districts_count=1, regions_count=1)
    assert participants_sentence(one) == (
        "В мероприятии принял участие 21 человек из 1 муниципального образования.")
    assert participants_sentence(_data()) == ""
    assert families_sentence(12, 9) == ("Из семей, состоящих на обслуживании в учреждении, приглашено 12 семей, "
                                        "приняли участие 9 семей.")
    assert families_sentence(1, 1).endswith("приглашена 1 семья, приняла участие 1 семья.")
    assert families_sentence(0, 0) == ""


def test_file_name_is_safe():
    name = note_file_name(_data(title='Клуб «Особый ребёнок»: сенсорная / интеграция?'))
    assert name == "Справка 14.04.2026 Клуб Особый ребёнок сенсорная интеграция.docx"


def test_attachments_dir_is_under_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("OPORA_DATA_DIR", str(tmp_path))
    assert attachments_dir() == tmp_path / "attachments"


def _text(path) -> str:
    document = Document(str(path))
    cells = [cell.text.replace("\xa0", " ") for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text.replace("\xa0", " ") for p in document.paragraphs] + cells)


def test_information_note_docx(database, world, tmp_path):
    with database.write() as session:
        first, mother = _family(world, session, "Антонова")
        second, _ = _family(world, session, "Борисова")
        data = _event(world, session, ends_on=date(2026, 4, 15), districts_count=31,
                      families=[EventParticipant(first, mother, True), EventParticipant(second, None, False)])
        event_id = create_event(session, world.specialist, data).id
    with database.read() as session:
        target = write_event_note(session, world.coordinator, event_id, tmp_path / "справка.docx",
                                  today=date(2026, 4, 20))
    assert_gost_layout(target)
    text = _text(target)
    assert "ИНФОРМАЦИОННАЯ СПРАВКА" in text
    assert "ГБУ «Тестовый центр помощи семье и детям»" in text
    # Nested quotes the Russian way, the date once.
    assert "о мероприятии «Клуб „Особый ребёнок“: сенсорная интеграция»" in text
    assert ("С 14 по 15 апреля 2026 г. прошло заседание клуба для родителей «Клуб „Особый ребёнок“: сенсорная "
            "интеграция»") in text
    assert "14.04.2026" not in text and "«Клуб «" not in text
    assert "место проведения: Актовый зал" in text
    assert "Мероприятие проводилось в смешанном формате (очно и онлайн)." in text
    assert "Партнёрами в организации мероприятия выступили: ЦРБ." in text
    assert "Организаторы мероприятия: Отделение реабилитации." in text
    assert ("В мероприятии приняли участие 30 человек из 31 муниципального образования, из них 4 специалиста, "
            "18 родителей, 6 детей и 2 других участника.") in text
    assert "Очно — 22 человека, в режиме онлайн — 8 человек." in text
    assert "приглашено 2 семьи, приняла участие 1 семья." in text
    assert "Антонова" not in text  # families are counted, never named: the note is for publication
    assert "Провести следующее заседание в мае" in text and "Презентация" in text
    assert "Справка составлена 20.04.2026" in text
    assert "{{" not in text and "{%" not in text


def test_note_without_optional_fields(database, world, tmp_path):
    with database.write() as session:
        data = _event(world, session, place=None, organisers=None, partners=None, materials=None,
                      resolution=None, specialists_count=0, parents_count=0, children_count=0, others_count=0,
                      in_person_count=0, online_count=0, districts_count=0, regions_count=0)
        event_id = create_event(session, world.specialist, data).id
    with database.read() as session:
        text = _text(write_event_note(session, world.coordinator, event_id, tmp_path / "note.docx"))
    assert "Участников всего" in text and "Партнёрами" not in text and "Итоги и решения" not in text
    assert "{{" not in text and "{%" not in text


def test_openings_agree_with_the_type_and_tense():
    assert opening("conference") == "прошла конференция"
    assert opening("seminar") == "прошёл семинар"
    assert opening("parent_club") == "прошло заседание клуба для родителей"
    assert opening("user_added_type") == "прошло мероприятие"
    assert opening("webinar", planned=True) == "состоится вебинар"
    planned = _data(specialists_count=5, districts_count=2)
    assert participants_sentence(planned, planned=True) == (
        "В мероприятии планируется участие 5 человек из 2 муниципальных образований.")


def test_note_for_an_event_still_ahead(database, world, tmp_path):
    with database.write() as session:
        event_id = create_event(session, world.specialist, _event(world, session, starts_on=date(2026, 4, 14))).id
    with database.read() as session:
        text = _text(write_event_note(session, world.coordinator, event_id, tmp_path / "note.docx",
                                      today=date(2026, 4, 1)))
    assert "14 апреля 2026 г. состоится заседание клуба для родителей" in text
    assert "Мероприятие пройдёт в смешанном формате" in text
    assert "В мероприятии планируется участие 30 человек" in text


@pytest.mark.parametrize(("title", "code", "expected"), [
    ("Мастер-класс «Рисуем вместе»", "master_class", "«Рисуем вместе»"),
    ("мастер-класс: Рисуем вместе", "master_class", "«Рисуем вместе»"),
    ("Семинар", "seminar", ""),
    ("Клуб «Особый ребёнок»", "parent_club", "«Клуб „Особый ребёнок“»"),
    ("«Школа „Мы вместе“»", "webinar", "«Школа „Мы вместе“»"),
])
def test_the_type_is_not_repeated_and_quotes_nest(title, code, expected) -> None:
    from app.events.note import title_after_type

    assert title_after_type(title, code) == expected
