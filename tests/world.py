"""A small known organisation every test database starts with (built once per run)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.actor import ADMIN, COORDINATOR, SPECIALIST, Actor
from app.system.bootstrap import FirstSetup, initialize
from db.models import DictionaryItem, District, Office, Settlement, Staff, User

PASSWORD = "secret123"


@dataclass(frozen=True)
class World:
    office_id: uuid.UUID
    district_id: uuid.UUID
    near_settlement_id: uuid.UUID
    far_settlement_id: uuid.UUID
    other_district_id: uuid.UUID
    other_settlement_id: uuid.UUID
    psychologist_id: uuid.UUID
    speech_therapist_id: uuid.UUID
    admin: Actor
    coordinator: Actor
    specialist: Actor

    def code(self, session: Session, kind: str, code: str) -> uuid.UUID:
        return session.execute(
            select(DictionaryItem.id).where(DictionaryItem.kind == kind, DictionaryItem.code == code)
        ).scalar_one()


def build_world(session: Session) -> None:
    """Populate a freshly migrated database: organisation, office, places, staff and three users."""
    from app.accounts.users import NewUser, create_user

    initialize(session, FirstSetup(organization="ГБУ «Тестовый центр помощи семье и детям»",
                                   admin_login="admin", admin_password=PASSWORD, office="Центральное отделение"))
    office = session.execute(select(Office)).scalar_one()
    district = District(name="Тестовый район", office_id=office.id)
    other = District(name="Соседний район", office_id=office.id)
    session.add_all([district, other])
    session.flush()
    session.add_all([
        Settlement(district_id=district.id, municipality="Центральное МО", name="Центральный", distance_km=0),
        Settlement(district_id=district.id, municipality="Дальнее МО", name="Дальнее", distance_km=150),
        Settlement(district_id=other.id, municipality="Соседнее МО", name="Соседнее", distance_km=40),
    ])
    position = {code: session.execute(select(DictionaryItem.id).where(
        DictionaryItem.kind == "position", DictionaryItem.code == code)).scalar_one()
        for code in ("psychologist", "speech_therapist")}
    psychologist = Staff(last_name="Смирнова", first_name="Ольга", middle_name="Ивановна",
                         position_id=position["psychologist"], office_id=office.id)
    therapist = Staff(last_name="Кузнецова", first_name="Анна", middle_name="Петровна",
                      position_id=position["speech_therapist"], office_id=office.id)
    session.add_all([psychologist, therapist])
    session.flush()
    system = Actor(user_id=None, login="setup", role=ADMIN)
    create_user(session, system, NewUser("coord", PASSWORD, COORDINATOR, "Координатор"))
    create_user(session, system, NewUser("spec", PASSWORD, SPECIALIST, "Смирнова О.И.", psychologist.id))


def load_world(session: Session) -> World:
    office = session.execute(select(Office)).scalar_one()

    def settlement(name: str) -> uuid.UUID:
        return session.execute(select(Settlement.id).where(Settlement.name == name)).scalar_one()

    def district(name: str) -> uuid.UUID:
        return session.execute(select(District.id).where(District.name == name)).scalar_one()

    def staff(last: str) -> uuid.UUID:
        return session.execute(select(Staff.id).where(Staff.last_name == last)).scalar_one()

    def actor(login: str) -> Actor:
        user = session.execute(select(User).where(User.login == login)).scalar_one()
        return Actor(user_id=user.id, login=user.login, role=user.role, staff_id=user.staff_id,
                     office_ids=frozenset({office.id}), display_name=user.display_name)

    return World(
        office_id=office.id,
        district_id=district("Тестовый район"),
        near_settlement_id=settlement("Центральный"),
        far_settlement_id=settlement("Дальнее"),
        other_district_id=district("Соседний район"),
        other_settlement_id=settlement("Соседнее"),
        psychologist_id=staff("Смирнова"),
        speech_therapist_id=staff("Кузнецова"),
        admin=actor("admin"),
        coordinator=actor("coord"),
        specialist=actor("spec"),
    )
