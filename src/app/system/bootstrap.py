"""Opening a database and first-time setup: the composition of db and app for the entry points."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.accounts.users import LoginResult, NewUser, authenticate, count_users, create_user
from app.core import audit
from app.core.actor import ADMIN, Actor, system_actor
from app.core.changes import Saved
from app.core.checks import Checker
from app.core.errors import AuthenticationFailed, OporaError
from app.reference.seeding import seed_reference_data
from app.system.backup_restore import migrate_with_backup, restore_hint
from app.system.derived_tables import restore_paused
from app.system.integrity import CORRUPT, check_on_open, write_block
from app.system.keystore import unlock
from app.system.trust import start_checks
from db.models import Office, Organization
from db.session import Database


def open_database(target: str | None = None) -> Database:
    """Open (creating if needed) and upgrade the database named by `--db`, env or default.

    A damaged file is refused with the restore command to run; one on a network share opens
    read-only (see app.system.integrity). Migrations are preceded by a forced backup.
    """
    database = unlock(Database.open(target))  # an encrypted file gets its key first
    block = check_on_open(database)
    if block is not None and block.kind == CORRUPT:
        hint = restore_hint(database)
        database.dispose()
        raise OporaError(f"{block.message} {hint}")
    migrate_with_backup(database)
    if block is None:
        restore_paused(database)  # a bulk import killed half-way left derived tables' triggers dropped
        with database.write() as session:
            seed_reference_data(session)
            start_checks(session)  # database identity; audit triggers recreated if someone dropped them
    return database


def is_initialized(session: Session) -> bool:
    """True once an organisation and at least one user exist."""
    has_org = session.execute(select(func.count(Organization.id))).scalar_one() > 0
    return has_org and count_users(session) > 0


@dataclass(frozen=True)
class FirstSetup:
    organization: str
    admin_login: str
    admin_password: str
    office: str = ""
    admin_name: str = ""


def initialize(session: Session, setup: FirstSetup) -> Saved:
    """Create the organisation, its main office and the first administrator.

    On a database that already has them, only a missing administrator is added (upgrade case).
    """
    check = Checker()
    org_name = check.text("organization", setup.organization, "Организация", required=True)
    office_name = check.text("office", setup.office, "Отделение", max_length=200)
    check.done()
    actor = system_actor("init")
    organization = session.execute(select(Organization)).scalar()
    if organization is None:
        organization = Organization(name=org_name or "", short_name=None)
        session.add(organization)
        session.flush()
        session.add(Office(organization_id=organization.id, name=office_name or "Головное отделение",
                           is_main=True))
        audit.record(session, actor, "create", "organization", organization.id, ["name"])
    return create_user(
        session,
        actor,
        NewUser(login=setup.admin_login, password=setup.admin_password, role=ADMIN,
                display_name=setup.admin_name or "Администратор"),
    )


def log_in(database: Database, login: str, password: str) -> LoginResult:
    """Authenticate in its own unit of work, keeping failed-attempt counts even on failure."""
    if write_block(database) is not None:
        # A read-only database cannot record the attempt: check the password and write nothing.
        with database.read() as session:
            return authenticate(session, login, password, record=False)
    failure: AuthenticationFailed | None = None
    with database.write() as session:
        try:
            return authenticate(session, login, password)
        except AuthenticationFailed as error:
            failure = error  # leave the block normally so the counters are committed
    raise failure


__all__ = ["Actor", "FirstSetup", "initialize", "is_initialized", "log_in", "open_database"]
