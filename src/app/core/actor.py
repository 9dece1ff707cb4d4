"""Who is acting: passed first (after the session) to every service."""

from __future__ import annotations

import socket
import uuid
from dataclasses import dataclass, field

ADMIN = "admin"
COORDINATOR = "coordinator"
SPECIALIST = "specialist"

ROLE_TITLES = {ADMIN: "Администратор", COORDINATOR: "Координатор", SPECIALIST: "Специалист"}


@dataclass(frozen=True)
class Actor:
    """The logged-in user as services see it (no ORM object, safe to pass between threads)."""

    user_id: uuid.UUID | None
    login: str
    role: str
    staff_id: uuid.UUID | None = None
    office_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    display_name: str = ""
    workstation: str = field(default_factory=socket.gethostname)
    # An administrator sees family data only when also given a working role.
    working_role: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def case_role(self) -> str | None:
        """The role that decides which families this user works with (None: no family data)."""
        if self.role == ADMIN:
            return self.working_role if self.working_role in (COORDINATOR, SPECIALIST) else None
        return self.role


def system_actor(purpose: str = "system") -> Actor:
    """The actor for work the program does itself (first setup, demo data, migrations)."""
    return Actor(user_id=None, login=purpose, role=ADMIN, display_name=purpose)
