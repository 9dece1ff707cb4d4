"""What the GUI needs to know before anyone logs in."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.core.derived_pause import pending as paused_pending
from app.reference.seeding import seed_reference_data
from app.system.backup_restore import migrate_with_backup
from app.system.bootstrap import is_initialized
from app.system.derived_tables import restore_paused
from app.system.integrity import CORRUPT, WriteBlock, check_on_open
from app.system.keystore import unlock
from app.system.trust import start_checks
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
    # Set when the database opened read-only: damaged (restore is offered) or on a network share.
    write_block: WriteBlock | None = None


UPGRADE = "upgrade"  # the schema is converted to this version's (migrations)
REBUILD = "rebuild"  # an import killed half-way left the summaries to rebuild (app.core.derived_pause)


def pending_start_work(database: Database) -> str | None:
    """What long work opening will do first (worker thread), so the start-up notice can say so instead of a plain
    «opening»: UPGRADE (on a large database done once and it can take many minutes: the summaries of 0014/0015
    are filled from every session), REBUILD (the derived tables of an interrupted import), or None."""
    unlock(database)
    if migrate.needs_upgrade(database.engine):
        return UPGRADE
    with database.read() as session:
        return REBUILD if paused_pending(session) else None


def prepare_database(database: Database) -> StartState:
    """Check the file, upgrade the schema (backed up first), seed missing dictionaries and describe
    the database (worker thread). The daily backup starts after sign-in (`app.system.backups.start_daily_backup`).

    A damaged database is only described, as far as it can still be read: the caller offers a restore.
    """
    unlock(database)  # an encrypted file gets its key before anything reads it
    block = check_on_open(database)
    if block is not None and block.kind == CORRUPT:
        return _damaged_state(database, block)
    migrate_with_backup(database)
    if block is None:
        restore_paused(database)  # a bulk import killed half-way left derived tables' triggers dropped
        with database.write() as session:
            seed_reference_data(session)
            start_checks(session)  # database identity; audit triggers recreated if someone dropped them
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
            write_block=block,
        )


def _damaged_state(database: Database, block: WriteBlock) -> StartState:
    organization = ""
    try:
        with database.read() as session:
            organization = session.execute(select(Organization.name)).scalar() or ""
    except Exception:  # the damage may reach this table too; the name is only decoration
        organization = ""
    return StartState(initialized=True, organization=organization, office="", location=database.location,
                      demo_login=None, demo_password=None, write_block=block)
