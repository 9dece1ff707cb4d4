"""Password hashing with argon2id."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.core.checks import Checker

MIN_PASSWORD_LENGTH = 8
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def check_new_password(check: Checker, field: str, password: str | None) -> None:
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        check.fail(field, f"Поле «Пароль»: не короче {MIN_PASSWORD_LENGTH} символов.")
    elif password.isdigit() or password.isalpha():
        check.fail(field, "Поле «Пароль»: используйте и буквы, и цифры.")
