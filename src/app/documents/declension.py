"""Russian names in grammatical cases («семьи Ивановой Марии Петровны»), over the Petrovich rules.

The rules come from the `petrovich` package (Petrovich 2.0.1); its own matcher is not used because it
skips «androgynous» rules whenever a gender is given (so «Никита» stays «Никита») and treats a «keep
as is» rule as «try the next rule» (so «Белых» becomes «Белыха»). The matcher below follows the
original Petrovich algorithm: exceptions first, then the first suffix rule of the person's gender or
of both genders; «.» keeps the word. Anything that cannot be declined stays in the nominative, so a
document never shows a broken name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Petrovich's order of the cases in its rules' `mods` lists.
CASES = ("genitive", "dative", "accusative", "instrumental", "prepositional")
_GENDERS = {"M": "male", "F": "female"}
_PARTS = ("lastname", "firstname", "middlename")
_HUSHING = frozenset("гкхжчшщ")


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any] | None:
    try:
        from petrovich.main import Petrovich

        return Petrovich().data
    except Exception:  # the package missing or its rules unreadable: names stay as written
        return None


def _gender(sex: str | None, middle_name: str | None) -> str | None:
    if sex in _GENDERS:
        return _GENDERS[sex]
    middle = (middle_name or "").lower()
    if middle.endswith(("ич", "оглы")):
        return "male"
    if middle.endswith(("на", "кызы")):
        return "female"
    return None


def _apply(word: str, mod: str) -> str:
    if mod == ".":
        return word
    cut = mod.count("-")
    ending = mod.replace("-", "")
    stem = word[:-cut] if cut else word
    # Spelling rule the rules data lacks: no «ы» after г, к, х, ж, ч, ш, щ («Саша» → «Саши»).
    if ending.startswith("ы") and stem[-1:].lower() in _HUSHING:
        ending = "и" + ending[1:]
    if word.isupper():
        ending = ending.upper()
    return stem + ending


def _gender_fits(rule: dict[str, Any], gender: str | None) -> bool:
    return gender is None or rule["gender"] in (gender, "androgynous")


def _tags_fit(rule: dict[str, Any], first_of_several: bool) -> bool:
    tags = set(rule.get("tags", ()))
    return not tags or (tags == {"first_word"} and first_of_several)


def _decline_word(word: str, part: str, case_index: int, gender: str | None, first_of_several: bool) -> str:
    rules = _rules()
    if rules is None or not word:
        return word
    lower = word.lower()
    for rule in rules[part].get("exceptions", ()):
        if _gender_fits(rule, gender) and _tags_fit(rule, first_of_several) and lower in rule["test"]:
            return _apply(word, rule["mods"][case_index])
    for rule in rules[part]["suffixes"]:
        if not (_gender_fits(rule, gender) and _tags_fit(rule, first_of_several)):
            continue
        if any(lower.endswith(test) for test in rule["test"]):
            return _apply(word, rule["mods"][case_index])
    return word


def decline_part(value: str | None, part: str, case: str, gender: str | None) -> str:
    """One of «lastname», «firstname», «middlename» in `case`; double names («Петрова-Водкина»)
    decline each half. Unknown case or any failure: the value as given."""
    if not value:
        return value or ""
    if part not in _PARTS or case not in CASES:
        return value
    try:
        index = CASES.index(case)
        halves = value.split("-")
        several = len(halves) > 1
        return "-".join(_decline_word(half, part, index, gender, several and i == 0)
                        for i, half in enumerate(halves))
    except Exception:  # a malformed rule must never cost the user a document
        return value


def decline_name(last: str | None, first: str | None, middle: str | None, sex: str | None,
                 case: str = "genitive") -> str:
    """«Иванова Мария Петровна», sex «F», genitive → «Ивановой Марии Петровны»."""
    gender = _gender(sex, middle)
    words = [decline_part(last, "lastname", case, gender), decline_part(first, "firstname", case, gender),
             decline_part(middle, "middlename", case, gender)]
    return " ".join(word for word in words if word)
