"""Field checks: each collects Russian messages naming the field and what is expected."""

from __future__ import annotations

import re
from datetime import date

from app.core.errors import ValidationError
from app.core.text import clean, normalise_phone

NAME_PATTERN = re.compile(r"^[А-ЯЁа-яё]+(?:[ -][А-ЯЁа-яё]+)*$")
ICD10_PATTERN = re.compile(r"^[A-ZА-Я]\d{2}(?:\.\d{1,2})?$")
_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN11_WEIGHTS = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def snils_checksum_ok(digits: str) -> bool:
    """СНИЛС control number: Σ d[i]·(9−i), then mod 101, then mod 100.

    Numbers up to 001-001-998 were issued before the checksum and are accepted as they are.
    """
    if len(digits) != 11 or not digits.isdigit():
        return False
    if int(digits[:9]) <= 1001998:
        return True
    total = sum(int(digit) * (9 - index) for index, digit in enumerate(digits[:9]))
    return (total % 101) % 100 == int(digits[9:])


def snils_with_checksum(nine_digits: str) -> str:
    """Append the control number to nine digits (used by demo data and tests)."""
    total = sum(int(digit) * (9 - index) for index, digit in enumerate(nine_digits))
    return f"{nine_digits}{(total % 101) % 100:02d}"


def inn_checksum_ok(digits: str) -> bool:
    """ИНН of a person (12 digits, two control digits) or of an organisation (10 digits)."""
    if not digits.isdigit():
        return False
    values = [int(digit) for digit in digits]

    def control(weights: tuple[int, ...]) -> int:
        return sum(v * w for v, w in zip(values, weights, strict=False)) % 11 % 10

    if len(values) == 10:
        return control(_INN10_WEIGHTS) == values[9]
    if len(values) == 12:
        return control(_INN11_WEIGHTS) == values[10] and control(_INN12_WEIGHTS) == values[11]
    return False


def digits_only(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")


class Checker:
    """Collects field errors of one input so the user sees them all at once.

    Each method returns the cleaned value (or None) so a service reads:
    `last = check.name("last_name", data.last_name, "Фамилия", required=True)`.
    """

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def done(self) -> None:
        """Raise one ValidationError carrying every collected message."""
        if self.errors:
            raise ValidationError(self.errors)

    def text(
        self, field: str, value: str | None, label: str, *, required: bool = False, max_length: int = 300
    ) -> str | None:
        cleaned = clean(value)
        if cleaned is None:
            if required:
                self.fail(field, f"Поле «{label}» обязательно для заполнения.")
            return None
        if len(cleaned) > max_length:
            self.fail(field, f"Поле «{label}»: не длиннее {max_length} символов (сейчас {len(cleaned)}).")
        return cleaned

    def name(self, field: str, value: str | None, label: str, *, required: bool = False) -> str | None:
        """A part of a Russian name: Cyrillic letters, hyphen and single spaces between words."""
        cleaned = self.text(field, value, label, required=required, max_length=100)
        if cleaned and not NAME_PATTERN.match(cleaned):
            self.fail(
                field,
                f"Поле «{label}»: допускаются только русские буквы, дефис и пробел "
                f"(например, «Петрова-Водкина»).",
            )
            return cleaned
        if cleaned:
            # Keep the user's own capitalisation inside the word (e.g. «Мак-Кинли»), only the start.
            cleaned = "-".join(p[:1].upper() + p[1:] for p in cleaned.split("-"))
        return cleaned

    def snils(self, field: str, value: str | None, label: str = "СНИЛС") -> str | None:
        if not clean(value):
            return None
        digits = digits_only(value)
        if len(digits) != 11:
            self.fail(field, f"Поле «{label}»: нужно 11 цифр в виде 123-456-789 01.")
            return None
        if not snils_checksum_ok(digits):
            self.fail(field, f"Поле «{label}»: контрольное число не сходится — проверьте цифры.")
            return None
        return digits

    def inn(self, field: str, value: str | None, label: str = "ИНН", *, person: bool = True) -> str | None:
        if not clean(value):
            return None
        digits = digits_only(value)
        expected = 12 if person else 10
        if len(digits) != expected:
            self.fail(field, f"Поле «{label}»: нужно {expected} цифр.")
            return None
        if not inn_checksum_ok(digits):
            self.fail(field, f"Поле «{label}»: контрольные цифры не сходятся — проверьте номер.")
            return None
        return digits

    def oms_policy(self, field: str, value: str | None) -> str | None:
        if not clean(value):
            return None
        digits = digits_only(value)
        if len(digits) != 16:
            self.fail(field, "Поле «Полис ОМС»: единый номер полиса — 16 цифр.")
            return None
        return digits

    def phone(self, field: str, value: str | None, label: str = "Телефон") -> str | None:
        cleaned = clean(value)
        if cleaned is None:
            return None
        if not re.fullmatch(r"[\d\s()+\-,;доб.]{5,40}", cleaned) or len(digits_only(cleaned)) < 5:
            self.fail(field, f"Поле «{label}»: укажите номер цифрами, например +7 (914) 123-45-67.")
            return cleaned
        return normalise_phone(cleaned)

    def past_date(
        self, field: str, value: date | None, label: str, *, required: bool = False, today: date | None = None
    ) -> date | None:
        """A date that has already happened (birth, signature, decision)."""
        if value is None:
            if required:
                self.fail(field, f"Поле «{label}» обязательно: укажите дату в виде ДД.ММ.ГГГГ.")
            return None
        if value > (today or date.today()):
            self.fail(field, f"Поле «{label}»: дата не может быть в будущем.")
        elif value.year < 1900:
            self.fail(field, f"Поле «{label}»: укажите дату после 1900 года.")
        return value

    def date_order(self, field: str, start: date | None, end: date | None, label: str, start_label: str) -> None:
        if start and end and end < start:
            self.fail(field, f"Поле «{label}»: дата не может быть раньше, чем «{start_label}».")

    def number_range(
        self, field: str, value: float | None, label: str, low: float, high: float, *, required: bool = False
    ) -> float | None:
        if value is None:
            if required:
                self.fail(field, f"Поле «{label}» обязательно: число от {low:g} до {high:g}.")
            return None
        if not low <= value <= high:
            self.fail(field, f"Поле «{label}»: ожидается число от {low:g} до {high:g}.")
        return value

    def icd10(self, field: str, value: str | None) -> str | None:
        """МКБ-10 code, validated loosely: a letter, two digits, optional dot and 1–2 digits."""
        cleaned = clean(value)
        if cleaned is None:
            self.fail(field, "Поле «Код МКБ-10» обязательно, например F84.0.")
            return None
        code = cleaned.upper().replace(",", ".")
        # Cyrillic look-alikes typed on a Russian layout are mapped to Latin letters.
        code = code.translate(str.maketrans("АВЕКМНОРСТХ", "ABEKMHOPCTX"))
        if not ICD10_PATTERN.match(code):
            self.fail(field, "Поле «Код МКБ-10»: ожидается код вида F84.0 (буква, две цифры, точка, цифра).")
        return code

    def choice(self, field: str, value: object, label: str, allowed: object, *, required: bool = True) -> None:
        if value is None:
            if required:
                self.fail(field, f"Поле «{label}» обязательно: выберите значение из списка.")
            return
        if value not in allowed:  # type: ignore[operator]
            self.fail(field, f"Поле «{label}»: выберите значение из списка.")
