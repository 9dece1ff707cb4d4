"""A free-text address cell split into the parts the family card keeps.

«с. Центральный, ул. Ленина, д. 5, корп. 2, кв. 3» → settlement «с. Центральный», street
«ул. Ленина», house «5», building «2», apartment «3». What cannot be told apart stays in the street.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.core.text import clean, fold

_HOUSE = re.compile(r"^(?:д\.?|дом)\s*(\d[\w/\-]*)$", re.IGNORECASE)
_BUILDING = re.compile(r"^(?:корп\.?|корпус|к\.|стр\.?|строение)\s*(\w[\w\-]*)$", re.IGNORECASE)
_APARTMENT = re.compile(r"^(?:кв\.?|квартира|комн\.?|комната)\s*(\w[\w\-]*)$", re.IGNORECASE)
_STREET = re.compile(r"^(?:ул\.?|улица|пер\.?|переулок|пр-т|просп\.?|проспект|мкр\.?|микрорайон|пл\.?|площадь|"
                     r"ш\.?|шоссе|б-р|бульвар|проезд|туп\.?|тупик|наб\.?|набережная|кв-л|квартал)(?:\s|\.|$)",
                     re.IGNORECASE)
_PLACE = re.compile(r"^(?:с\.|п\.|г\.|пгт\.?|рп\.?|ст-ца|х\.|аул|село|поселок|посёлок|деревня|город|станица|"
                    r"хутор|пос\.|д\.\s*[А-ЯЁа-яё])", re.IGNORECASE)
_REGION = re.compile(r"(?:област|край|республик|округ|район|р-н|\bао\b|^\d{6}$)", re.IGNORECASE)
_NUMBER = re.compile(r"^\d+[А-ЯЁа-яё]?(?:/\d+)?$")


@dataclass(frozen=True)
class Address:
    settlement: str | None = None
    district: str | None = None
    street: str | None = None
    house: str | None = None
    building: str | None = None
    apartment: str | None = None


def split_address(text: str | None, known_place: set[str] | None = None) -> Address:
    """Split on commas and recognise each part by its marker; `known_place` are folded settlement names
    so that a bare «Центральный» is taken for the settlement, not the street."""
    parts = [part.strip() for part in (text or "").split(",") if part.strip()]
    found: dict[str, str] = {}
    rest: list[str] = []
    for part in parts:
        for name, pattern in (("house", _HOUSE), ("building", _BUILDING), ("apartment", _APARTMENT)):
            match = pattern.match(part)
            if match and name not in found:
                found[name] = match.group(1)
                break
        else:
            if _STREET.match(part) and "street" not in found:
                found["street"] = part
            elif _PLACE.match(part) and "settlement" not in found:
                found["settlement"] = part
            elif _REGION.search(part):
                if re.search(r"район|р-н|округ", part, re.IGNORECASE) and "district" not in found:
                    found["district"] = part
            elif _NUMBER.match(part) and "street" in found and "house" not in found:
                found["house"] = part
            elif _NUMBER.match(part) and "house" in found and "apartment" not in found:
                found["apartment"] = part
            elif known_place and fold(part) in known_place and "settlement" not in found:
                found["settlement"] = part
            else:
                rest.append(part)
    if rest and "street" not in found:
        found["street"] = ", ".join(rest)
    return Address(**{key: clean(value) for key, value in found.items()})
