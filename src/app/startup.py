"""What the GUI needs to know before anyone logs in."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.bootstrap import is_initialized
from app.seeding import seed_reference_data
from db import migrate
from db.models import Office, Organization, Setting
from db.session import Database

DEMO_LOGIN_SETTING = "demo_login"


@dataclass(frozen=True)
class StartState:
    initialized: bool
    organization: str
    office: str
    location: str
    demo_login: str | None
    demo_password: str | None


def prepare_database(database: Database) -> StartState:
    """Upgrade the schema, seed missing dictionaries and describe the database (worker thread)."""
    migrate.upgrade(database.engine)
    with database.write() as session:
        seed_reference_data(session)
    with database.read() as session:
        organization = session.execute(select(Organization.name)).scalar() or ""
        office = session.execute(
            select(Office.name).order_by(Office.is_main.desc(), Office.name).limit(1)
        ).scalar() or ""
        demo = session.get(Setting, DEMO_LOGIN_SETTING)
        demo_value = demo.value if demo and isinstance(demo.value, dict) else {}
        return StartState(
            initialized=is_initialized(session),
            organization=organization,
            office=office,
            location=database.location,
            demo_login=demo_value.get("login"),
            demo_password=demo_value.get("password"),
        )
