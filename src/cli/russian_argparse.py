"""argparse's own words in Russian: usage, headings and the errors of a mistyped command.

The commands' help is Russian already; argparse's messages («the following arguments are required», «invalid
choice», «usage:») came out English around it. argparse looks its messages up through gettext at the moment it
uses them, so a lookup over its own message ids is installed before the parser is built. Ids missing here (ones
only a programming error raises) stay English."""

from __future__ import annotations

import argparse
from typing import Any

_WORDS: dict[str, str] = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "show program's version number and exit": "показать версию программы и выйти",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "аргумент %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "не указаны обязательные аргументы: %s",
    "one of the arguments %s is required": "нужен один из аргументов: %s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "недопустимое значение %(value)r (возможные: %(choices)s)",
    "invalid %(type)s value: %(value)r": "недопустимое значение %(value)r (ожидается %(type)s)",
    "expected one argument": "ожидается одно значение",
    "expected at most one argument": "ожидается не больше одного значения",
    "expected at least one argument": "ожидается хотя бы одно значение",
    "not allowed with argument %s": "нельзя указывать вместе с %s",
    "ignored explicit argument %r": "лишнее значение %r",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначный параметр %(option)s: подходят %(matches)s",
    "unexpected option string: %s": "неожиданный параметр: %s",
    "can't open '%(filename)s': %(error)s": "не удаётся открыть «%(filename)s»: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "неизвестная команда %(parser_name)r (возможные: %(choices)s)",
}
# (singular, plural) ids: Russian has three forms; argparse passes the count.
_PLURALS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("expected %s argument", "expected %s arguments"): (
        "ожидается %s значение", "ожидается %s значения", "ожидается %s значений"),
}


def _russian_plural(count: int) -> int:
    if count % 10 == 1 and count % 100 != 11:
        return 0
    return 1 if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14 else 2


def _gettext(message: str) -> str:
    return _WORDS.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    forms = _PLURALS.get((singular, plural))
    if forms is None:
        return singular if count == 1 else plural
    return forms[_russian_plural(count)]


def install() -> None:
    """Make argparse speak Russian in this process (idempotent)."""
    # Assigned through a variable typed as a plain object: argparse's stubs do not declare its gettext names.
    module: Any = argparse
    module._ = _gettext
    module.ngettext = _ngettext
