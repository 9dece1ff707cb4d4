"""What each role may do. Checked inside services, so hiding a button is never the only guard."""

from __future__ import annotations

from app.core.actor import ADMIN, COORDINATOR, SPECIALIST, Actor
from app.core.errors import PermissionDenied

MANAGE_USERS = "manage_users"
MANAGE_DICTIONARIES = "manage_dictionaries"
EDIT_RECORDS = "edit_records"
VIEW_RECORDS = "view_records"
RUN_REPORTS = "run_reports"
VIEW_AUDIT = "view_audit"

_ALLOWED: dict[str, frozenset[str]] = {
    MANAGE_USERS: frozenset({ADMIN}),
    MANAGE_DICTIONARIES: frozenset({ADMIN}),
    EDIT_RECORDS: frozenset({COORDINATOR, SPECIALIST}),
    VIEW_RECORDS: frozenset({COORDINATOR, SPECIALIST}),
    RUN_REPORTS: frozenset({ADMIN, COORDINATOR}),
    VIEW_AUDIT: frozenset({ADMIN}),
}
# Case content goes by the working role, so an administrator needs one to see it.
_BY_CASE_ROLE = frozenset({EDIT_RECORDS, VIEW_RECORDS})

_DENIED_TEXT = {
    MANAGE_USERS: "Управлять пользователями может только администратор.",
    MANAGE_DICTIONARIES: "Изменять справочники может только администратор.",
    EDIT_RECORDS: "Изменять записи о семьях и работе с ними могут специалисты и координаторы "
                  "(администратору нужна дополнительная рабочая роль).",
    VIEW_RECORDS: "Просматривать записи о семьях могут специалисты и координаторы "
                  "(администратору нужна дополнительная рабочая роль).",
    RUN_REPORTS: "Формировать отчёты могут координаторы и администраторы.",
    VIEW_AUDIT: "Журнал аудита доступен только администратору.",
}


def allowed(actor: Actor, permission: str) -> bool:
    # The program's own work (setup, demo generation) runs as a system actor with no user.
    if actor.user_id is None:
        return True
    role = actor.case_role if permission in _BY_CASE_ROLE else actor.role
    return role in _ALLOWED[permission]


def require(actor: Actor, permission: str) -> None:
    if not allowed(actor, permission):
        raise PermissionDenied(_DENIED_TEXT[permission])
