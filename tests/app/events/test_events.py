"""Events: participant arithmetic, families, the period list and attached files."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.core.errors import NotFound, PermissionDenied, ValidationError
from app.events.events import (
    MAX_FILE_BYTES,
    EventData,
    EventParticipant,
    attach_file,
    create_event,
    delete_event,
    event_files,
    list_events,
    load_event,
    remove_file,
    update_event,
)
from app.registry.families import FamilyData, MemberData, NewFamily, register_family
from app.registry.persons import PersonData
from db.models import AuditEntry, Event, EventFamily, EventFile, FamilyMember, Person

SPRING = (date(2026, 3, 1), date(2026, 5, 31))


def _family(world, session, last_name: str) -> tuple:
    """Returns (family_id, mother_id)."""
    family = FamilyData(office_id=world.office_id, registered_on=date(2025, 1, 15))
    member = MemberData(world.code(session, "member_role", "mother"), True,
                        person=PersonData(last_name, "Ольга", None, "F", date(1990, 1, 1)))
    family_id = register_family(session, world.specialist, NewFamily(family, [member])).id
    mother = session.execute(select(Person.id).join(FamilyMember, FamilyMember.person_id == Person.id)
                             .where(FamilyMember.family_id == family_id)).scalar_one()
    return family_id, mother


def _event(world, session, **overrides) -> EventData:
    values = dict(
        office_id=world.office_id, type_id=world.code(session, "event_type", "parent_club"),
        title="Клуб «Особый ребёнок»: сенсорная интеграция", starts_on=date(2026, 4, 14), ends_on=None,
        place="Актовый зал", format_id=world.code(session, "event_format", "mixed"),
        organisers="Отделение реабилитации", partners="ЦРБ", specialists_count=4, parents_count=18,
        children_count=6, others_count=2, in_person_count=22, online_count=8, districts_count=3,
        regions_count=1,
        materials="Презентация", resolution="Провести следующее заседание в мае", notes=None,
    )
    values.update(overrides)
    return EventData(**values)


def test_create_event_and_list_it(database, world):
    with database.write() as session:
        first, mother = _family(world, session, "Антонова")
        second, _ = _family(world, session, "Борисова")
        data = _event(world, session, families=[EventParticipant(first, mother, True),
                                                EventParticipant(second, None, None)])
        saved = create_event(session, world.specialist, data)
    assert saved.changes == frozenset({"events"})
    with database.read() as session:
        rows = list_events(session, world.coordinator, *SPRING)
        loaded = load_event(session, world.coordinator, saved.id)
        fields = session.execute(select(AuditEntry.fields).where(AuditEntry.entity == "event")).scalar_one()
    assert len(rows) == 1
    row = rows[0]
    assert (row.title, row.type_name, row.format_name) == (data.title, "Заседание клуба для родителей",
                                                           "Смешанный формат")
    assert (row.starts_on, row.ends_on) == (date(2026, 4, 14), date(2026, 4, 14))
    assert (row.participants_total, row.in_person_count, row.online_count) == (30, 22, 8)
    assert (row.families_count, row.files_count) == (2, 0)
    assert loaded == replace(data, ends_on=date(2026, 4, 14))
    assert {"title", "in_person_count", "families"} <= set(fields.split(","))


def test_event_rules_name_their_fields_and_save_nothing(database, world):
    with database.write() as session:
        family, _mother = _family(world, session, "Антонова")
        _other, stranger = _family(world, session, "Борисова")
        data = _event(world, session, title="  ", starts_on=date(2026, 4, 14), ends_on=date(2026, 4, 13),
                      specialists_count=-1, parents_count=100_001, districts_count=1001, regions_count=90,
                      type_id=world.code(session, "event_format", "mixed"),
                      families=[EventParticipant(family, stranger), EventParticipant(uuid.uuid4()),
                                EventParticipant(family), EventParticipant(family)])
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_event(session, world.specialist, data)
    errors = caught.value.errors
    assert set(errors) == {"title", "ends_on", "specialists_count", "parents_count", "districts_count",
                           "regions_count", "type_id", "families.0.person_id", "families.1.family_id",
                           "families.3.family_id", "in_person_count"}
    assert "«Название» обязательно" in errors["title"]
    assert "раньше, чем «Дата начала»" in errors["ends_on"]
    assert "«Специалисты»: целое число от 0 до 100000" in errors["specialists_count"]
    assert "от 0 до 1000" in errors["districts_count"]
    assert "«Число субъектов РФ»: целое число от 0 до 89" in errors["regions_count"]
    assert "«Вид мероприятия»" in errors["type_id"]
    assert "члена этой семьи" in errors["families.0.person_id"]
    assert "не найдена" in errors["families.1.family_id"]
    assert "уже есть в списке" in errors["families.3.family_id"]
    with database.read() as session:
        assert session.execute(select(Event.id)).all() == []
        assert session.execute(select(EventFamily.id)).all() == []


def test_in_person_and_online_must_add_up(database, world):
    with database.read() as session:
        mismatch = _event(world, session, in_person_count=20, online_count=5)
        only_in_person = _event(world, session, in_person_count=25, online_count=0)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_event(session, world.specialist, mismatch)
    assert set(caught.value.errors) == {"in_person_count"}
    message = caught.value.errors["in_person_count"]
    assert "вместе 25, а участников всего 30" in message and "суммы должны совпадать" in message
    with database.write() as session:
        # With one of the two left at zero there is nothing to add up.
        create_event(session, world.specialist, only_in_person)


def test_format_limits_the_counts(database, world):
    with database.read() as session:
        in_person = _event(world, session, format_id=world.code(session, "event_format", "in_person"))
        remote = _event(world, session, format_id=world.code(session, "event_format", "remote"))
        remote_ok = _event(world, session, format_id=world.code(session, "event_format", "remote"),
                           in_person_count=0, online_count=30)
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_event(session, world.specialist, in_person)
    assert set(caught.value.errors) == {"online_count"}
    assert "проходит очно" in caught.value.errors["online_count"]
    with database.write() as session, pytest.raises(ValidationError) as caught:
        create_event(session, world.specialist, remote)
    assert set(caught.value.errors) == {"in_person_count"}
    assert "проходит дистанционно" in caught.value.errors["in_person_count"]
    with database.write() as session:
        create_event(session, world.specialist, remote_ok)


def test_update_replaces_families_and_reports_changes(database, world):
    with database.write() as session:
        first, mother = _family(world, session, "Антонова")
        second, _ = _family(world, session, "Борисова")
        data = _event(world, session, families=[EventParticipant(first, mother, None)])
        event_id = create_event(session, world.specialist, data).id
    changed = replace(data, title="Клуб: итоги года", families=[EventParticipant(first, mother, True),
                                                                  (second, None, False)])
    with database.write() as session:
        assert update_event(session, world.coordinator, event_id, changed).changes == frozenset({"events"})
    with database.read() as session:
        loaded = load_event(session, world.coordinator, event_id)
        fields = session.execute(select(AuditEntry.fields).where(AuditEntry.action == "update",
                                                                 AuditEntry.entity == "event")).scalar_one()
    assert loaded.families == changed.families
    assert set(fields.split(",")) == {"title", "families"}
    with database.write() as session:
        assert update_event(session, world.coordinator, event_id, loaded).changes == frozenset()


def test_period_and_type_filters_and_soft_delete(database, world):
    with database.write() as session:
        seminar = world.code(session, "event_type", "seminar")
        shift_type = world.code(session, "event_type", "profile_shift")

        def add(**values) -> uuid.UUID:
            return create_event(session, world.specialist, _event(world, session, **values)).id

        add(title="Февраль", starts_on=date(2026, 2, 10))
        shift = add(title="Профильная смена", type_id=shift_type, starts_on=date(2026, 2, 25),
                    ends_on=date(2026, 3, 7))
        add(title="Семинар", type_id=seminar, starts_on=date(2026, 4, 1))
        add(title="Июнь", starts_on=date(2026, 6, 1))
    with database.read() as session:
        assert [r.title for r in list_events(session, world.coordinator, *SPRING)] == ["Семинар", "Профильная смена"]
        assert [r.title for r in list_events(session, world.coordinator, *SPRING, type_id=seminar)] == ["Семинар"]
    with database.write() as session:
        delete_event(session, world.specialist, shift)
    with database.read() as session:
        assert [r.title for r in list_events(session, world.coordinator, *SPRING)] == ["Семинар"]
        with pytest.raises(NotFound):
            load_event(session, world.coordinator, shift)


def test_attach_and_remove_a_file(database, world, tmp_path):
    source = tmp_path / "Программа семинара.DOCX"
    source.write_bytes(b"PK\x03\x04 programme")
    storage = tmp_path / "files"
    with database.write() as session:
        event_id = create_event(session, world.specialist, _event(world, session)).id
    with database.write() as session:
        saved = attach_file(session, world.specialist, event_id, source, storage, note="Программа")
    with database.read() as session:
        files = event_files(session, event_id)
        assert list_events(session, world.coordinator, *SPRING)[0].files_count == 1
    assert len(files) == 1
    stored = storage / files[0].stored_name
    assert files[0].id == saved.id
    assert (files[0].original_name, files[0].size_bytes, files[0].note) == (source.name, 14, "Программа")
    assert files[0].stored_name.endswith(".docx") and source.stem not in files[0].stored_name
    uuid.UUID(files[0].stored_name.removesuffix(".docx"))
    assert stored.read_bytes() == source.read_bytes()
    # A removal that is rolled back keeps the file; a committed one deletes it from disk.
    with pytest.raises(RuntimeError), database.write() as session:
        remove_file(session, world.specialist, saved.id, storage)
        raise RuntimeError("the action failed after the removal")
    assert stored.exists()
    with database.write() as session:
        remove_file(session, world.specialist, saved.id, storage)
    assert not stored.exists()
    with database.read() as session:
        assert event_files(session, event_id) == []
    with database.write() as session, pytest.raises(NotFound):
        remove_file(session, world.specialist, saved.id, storage)


def test_attachment_rolled_back_leaves_no_copy(database, world, tmp_path):
    source = tmp_path / "фото.jpg"
    source.write_bytes(b"\xff\xd8\xff jpeg")
    storage = tmp_path / "files"
    with database.write() as session:
        event_id = create_event(session, world.specialist, _event(world, session)).id
    with pytest.raises(RuntimeError), database.write() as session:
        attach_file(session, world.specialist, event_id, source, storage)
        assert len(list(storage.iterdir())) == 1
        raise RuntimeError("the action failed after the copy")
    assert list(storage.iterdir()) == []
    with database.read() as session:
        assert session.execute(select(EventFile.id)).all() == []


def test_too_large_missing_and_empty_files_are_refused(database, world, tmp_path):
    big = tmp_path / "видео.mp4"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 50 MB written to the disk
    empty = tmp_path / "пусто.txt"
    empty.write_bytes(b"")
    storage = tmp_path / "files"
    with database.write() as session:
        event_id = create_event(session, world.specialist, _event(world, session)).id
    for path, text in ((big, "50,0 МБ, а прикрепить можно файл не больше 50 МБ"), (empty, "пустой"),
                       (tmp_path / "нет.pdf", "не найден")):
        with database.write() as session, pytest.raises(ValidationError) as caught:
            attach_file(session, world.specialist, event_id, path, storage)
        assert text in caught.value.errors["file"]
    assert not storage.exists()
    with database.read() as session:
        assert event_files(session, event_id) == []


def test_administrator_cannot_edit_events(database, world, tmp_path):
    with database.write() as session, pytest.raises(PermissionDenied):
        create_event(session, world.admin, _event(world, session))
    with database.write() as session:
        event_id = create_event(session, world.specialist, _event(world, session)).id
    with database.write() as session, pytest.raises(PermissionDenied):
        attach_file(session, world.admin, event_id, tmp_path / "x.txt", tmp_path)
