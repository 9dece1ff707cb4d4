"""Password hashing with argon2id, and the rules a new password must meet."""

from __future__ import annotations

import re
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app.core.checks import Checker

MIN_PASSWORD_LENGTH = 8
_hasher = PasswordHasher()

# The passwords tried first by anyone guessing (the top of the public leak lists, Russian ones included), and the
# words that, with digits or signs around them, make most of the rest («admin123», «password1», «Qwerty!»).
_COMMON_PASSWORDS = """
123456 123456789 12345678 1234567 12345 1234567890 111111 000000 123123 123321 654321 666666 121212 112233 777777
987654321 11111111 88888888 1q2w3e4r 1q2w3e4r5t 1qaz2wsx zaq12wsx qwertyuiop qwerty123 qwe123 asdfgh asdfghjkl
zxcvbnm a1b2c3d4 abc123 abcd1234 aa123456 password1 passw0rd p@ssw0rd iloveyou sunshine princess starwars
trustno1 whatever superman batman michael jennifer 1q2w3e qazwsx zxcvbn ghbdtn ytrhfcjdf
"""
_COMMON_WORDS = """
password pass passwd pasword parol parol' admin administrator root user login guest test qwerty qwertz azerty
asdf letmein welcome master dragon monkey football hockey shadow freedom changeme default secretpassword
пароль админ администратор йцукен йцукенг фыва привет любовь солнышко наташа катя россия москва
"""
COMMON_PASSWORDS = frozenset(_COMMON_PASSWORDS.split())
COMMON_WORDS = frozenset(_COMMON_WORDS.split())
_TRIMMED = re.compile(r"^[\W\d_]+|[\W\d_]+$")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


@cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def spend_verification_time(password: str) -> None:
    """Verify `password` against a hash of nothing: an unknown login then answers in the time of a real one, so
    timing does not tell which logins exist."""
    verify_password(_dummy_hash(), password)


def is_common_password(password: str) -> bool:
    """True for a password from the lists above, or a common word with only digits and signs around it."""
    lowered = password.lower()
    if lowered in COMMON_PASSWORDS or lowered in COMMON_WORDS:
        return True
    return _TRIMMED.sub("", lowered) in COMMON_WORDS


def check_new_password(check: Checker, field: str, password: str | None, login: str | None = None) -> None:
    """Length, letters and digits, not a common password, not the login (in either case, with digits around)."""
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        check.fail(field, f"Поле «Пароль»: не короче {MIN_PASSWORD_LENGTH} символов.")
    elif password.isdigit() or password.isalpha():
        check.fail(field, "Поле «Пароль»: используйте и буквы, и цифры.")
    elif is_common_password(password):
        check.fail(field, "Поле «Пароль»: это один из самых распространённых паролей, его подбирают первым. "
                          "Придумайте другой.")
    elif login and len(login) >= 2 and login.strip().lower() in password.lower():
        check.fail(field, "Поле «Пароль»: пароль не должен содержать логин.")
