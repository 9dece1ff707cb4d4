"""Cell values as real spreadsheets hold them, turned into dates, СНИЛС, names, flags and numbers.

Every parser takes whatever a reader produced (str, int, float, date, datetime, time, bool or None)
and either returns a clean value or raises `CellError` with a Russian message naming the column.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from app.core.checks import Checker, digits_only
from app.core.errors import OporaError
from app.core.text import clean, fold

EXCEL_EPOCH = date(1899, 12, 30)
_DATE_DMY = re.compile(
    r"^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{2}|\d{4})(?:\s*г\.?)?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?::\d{2})?$")
_TRUE = {"да", "+", "1", "есть", "имеется", "true", "истина", "x", "х", "v", "✓", "✔", "присутствовал",
         "присутствовала", "был", "была", "явка", "п"}
_FALSE = {"нет", "-", "0", "false", "ложь", "отсутствовал", "отсутствовала", "не был", "не была", "н", "нн",
          "неявка", "не явился", "не явилась", "−", "–", "не присутствовал", "не присутствовала", "отс", "отс."}
_MALE = {"м", "муж", "муж.", "мужской", "m", "male", "мальчик"}
_FEMALE = {"ж", "жен", "жен.", "женский", "f", "female", "девочка"}
_FEMALE_SURNAME_ENDINGS = ("ова", "ева", "ёва", "ина", "ына", "ая", "яя")


class CellError(OporaError):
    """A cell that cannot be read as its column expects; the text names the column."""


def cell_text(value: object) -> str | None:
    """Any cell as trimmed text; integral floats lose their «.0» (numbers typed as СНИЛС or phone)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):  # NaN and infinities are not data
            return None
        if value.is_integer():
            return str(int(value))
        return str(value)
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M") if (value.hour, value.minute) != (0, 0) else f"{value:%d.%m.%Y}"
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, time):
        return f"{value:%H:%M}"
    return _clean_text(value) if isinstance(value, str) else _clean_text(str(value))


@lru_cache(maxsize=1 << 16)
def _clean_text(text: str) -> str | None:
    # A journal repeats the same few texts (dates, marks, names of specialists and services) a million times.
    return clean(text.replace("\u00a0", " ").replace("\u200b", ""))


def _two_digit_year(year: int, today: date) -> int:
    return 2000 + year if year <= today.year % 100 else 1900 + year


def parse_date(value: object, label: str, today: date | None = None) -> date | None:
    """Excel dates, Excel serial numbers and text dates dd.mm.yyyy, d.m.yy, yyyy-mm-dd."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError(f"Столбец «{label}»: ожидается дата в виде ДД.ММ.ГГГГ.")
    if isinstance(value, int | float):
        if value != value or not 1 <= value < 2_958_466:  # 9999-12-31 is Excel's last day
            raise CellError(f"Столбец «{label}»: число {cell_text(value)} не похоже на дату.")
        return EXCEL_EPOCH + timedelta(days=int(value))
    text = cell_text(value)
    if text is None:
        return None
    text = text.rstrip(".")
    try:
        if match := _DATE_DMY.match(text):
            day, month, year = (int(part) for part in match.groups())
            if len(match.group(3)) == 2:
                year = _two_digit_year(year, today or date.today())
            return date(year, month, day)
        if match := _DATE_YMD.match(text):
            year, month, day = (int(part) for part in match.groups())
            return date(year, month, day)
    except ValueError:
        raise CellError(f"Столбец «{label}»: такой даты нет в календаре — «{text}».") from None
    raise CellError(f"Столбец «{label}»: «{_short(text)}» не похоже на дату ДД.ММ.ГГГГ.")


def parse_time(value: object, label: str) -> time | None:
    """«10:00», «9.30», an Excel time or a day fraction."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return time(minutes // 60 % 24, minutes % 60)
    text = cell_text(value)
    if text is None:
        return None
    match = _TIME.match(text)
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return time(int(match.group(1)), int(match.group(2)))
    raise CellError(f"Столбец «{label}»: ожидается время в виде ЧЧ:ММ, а в ячейке «{_short(text)}».")


def parse_snils(value: object, label: str = "СНИЛС") -> str | None:
    """11 digits with or without dashes and spaces; a number keeps leading zeros Excel dropped."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = cell_text(value)
        if text is not None and text.isdigit() and len(text) < 11:
            text = text.zfill(11)
    else:
        text = cell_text(value)
    if text is None:
        return None
    check = Checker()
    digits = check.snils("snils", text, label)
    if check.errors:
        raise CellError(check.errors["snils"].replace("Поле", "Столбец", 1))
    return digits


def parse_flag(value: object, label: str) -> bool | None:
    """да/нет, +/−, 1/0, true/false, «есть»…; empty is None."""
    if isinstance(value, bool):
        return value
    text = fold(cell_text(value))
    if not text:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"Столбец «{label}»: ожидается «да» или «нет», а в ячейке «{_short(text)}».")


_GROUP = ("групп", "гр.", "гр")
_INDIVIDUAL = ("индивид", "инд.", "инд")


def parse_group(value: object, label: str) -> bool | None:
    """«Тип занятия» as written: «групповое», «групп.», «гр.» → True; «индивидуальное», «инд.» → False;
    else a yes/no mark of a «Групповое» column."""
    text = fold(cell_text(value))
    if text.startswith(_GROUP) and not text.startswith("группа риска"):
        return True
    if text.startswith(_INDIVIDUAL):
        return False
    try:
        return parse_flag(value, label)
    except CellError:
        raise CellError(f"Столбец «{label}»: ожидается «групповое» или «индивидуальное», "
                        f"а в ячейке «{_short(text)}».") from None


def cell_lines(value: object) -> str | None:
    """A text cell with its line breaks kept (one value per line, Alt+Enter), each line trimmed."""
    if not isinstance(value, str):
        return cell_text(value)
    lines = [cell_text(line) for line in value.replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line) or None


def parse_int(value: object, label: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    text = cell_text(value) or ""
    digits = text.split()[0] if text else ""
    if digits.isdecimal():  # not isdigit(): «²» is a digit to Unicode but int() refuses it
        return int(digits)
    raise CellError(f"Столбец «{label}»: ожидается целое число, а в ячейке «{_short(text)}».")


def parse_sex(value: object, label: str = "Пол") -> str | None:
    text = fold(cell_text(value))
    if not text:
        return None
    if text in _MALE:
        return "M"
    if text in _FEMALE:
        return "F"
    raise CellError(f"Столбец «{label}»: ожидается «м» или «ж», а в ячейке «{_short(text)}».")


def guess_sex(last: str | None, first: str | None, middle: str | None) -> str | None:
    """Sex from a Russian patronymic, else from the surname's ending; None when it cannot be told."""
    patronymic = fold(middle)
    if patronymic.endswith(("вна", "чна", "шна", "кызы", "кизи")):
        return "F"
    if patronymic.endswith(("вич", "ьич", "ич", "оглы", "улы", "уулу")):
        return "M"
    surname = fold(last)
    if surname.endswith(_FEMALE_SURNAME_ENDINGS):
        return "F"
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын", "ий", "ый", "ой")):
        return "M"
    return None


def split_full_name(text: str | None) -> tuple[str | None, str | None, str | None]:
    """«Иванова Мария Петровна» → parts; a longer patronymic («Гасан оглы») keeps the rest of the words."""
    cleaned = clean((text or "").replace(",", " "))
    if not cleaned:
        return None, None, None
    words = cleaned.split(" ")
    last = words[0]
    first = words[1] if len(words) > 1 else None
    middle = " ".join(words[2:]) or None
    return last, first, middle


def surname_stem(last: str | None) -> str:
    """The family's surname whatever the member's sex: «Иванова» and «Иванов» give «иванов»."""
    key = fold(last)
    if key.endswith(("ова", "ева", "ина", "ына")):
        return key[:-1]
    if key.endswith(("ская", "цкая")):
        return key[:-2] + "ий"
    return key


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def snils_digits(value: object) -> str:
    """Digits of a СНИЛС-like cell without validating (for matching and messages)."""
    return digits_only(cell_text(value))


_DECISION_DATE = re.compile(r"(\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2}))(?:\s*г\.?)?")
_DECISION_WORDS = re.compile(r"(?i)\b(?:постановлени[еяю]|пост\.?|решени[еяю]|кдн(?:\s*и\s*зп)?|от)\b|№|n\s*(?=\d)")


def parse_decision(value: object, label: str, today: date | None = None) -> tuple[str | None, date | None]:
    """A КДН и ЗП decision as registries write it in one cell: «№ 12 от 05.06.2025», «пост. 3/15 от
    12.03.24 г.», «12», or only a date; (number, date), either None when the cell lacks it."""
    if isinstance(value, date | datetime):
        return None, parse_date(value, label, today)
    text = cell_text(value)
    if text is None:
        return None, None
    day = None
    if match := _DECISION_DATE.search(text):
        day = parse_date(match.group(1), label, today)
        text = text[:match.start()] + " " + text[match.end():]
    number = clean(_DECISION_WORDS.sub(" ", text).strip(" .,;:-–—"))
    if number and len(number) > 40:
        raise CellError(f"Столбец «{label}»: номер постановления длиннее 40 знаков — «{_short(number)}».")
    return number or None, day
