"""The exceptions services raise; the UI and the command line turn them into Russian messages."""

from __future__ import annotations

# The error key for refusals about the record as a whole rather than one of its fields.
RECORD_FIELD = "record"


class OporaError(Exception):
    """Base of every expected error: its text is a complete Russian sentence for the user."""


class ValidationError(OporaError):
    """Input that cannot be saved. `errors` maps a field name to a Russian message about it."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("\n".join(self.errors.values()))


class PermissionDenied(OporaError):
    """The acting user's role does not allow the action."""


class NotFound(OporaError):
    """The record does not exist or was deleted."""


class AuthenticationFailed(OporaError):
    """Wrong login or password, or a locked account."""


class Cancelled(OporaError):
    """Long work stopped at the user's request."""

    def __init__(self) -> None:
        super().__init__("Операция отменена пользователем.")
