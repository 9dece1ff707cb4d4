"""Seeding the dictionaries and the starter service catalogue from `resources/seed`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.resources import load_json
from app.effectiveness.instruments import seed_instruments
from db.models import DictionaryItem, Service


def seed_reference_data(session: Session) -> int:
    """Insert the shipped dictionary entries and services that the database lacks.

    Existing entries are left as the administrator edited them; only missing codes are added,
    so running it again (after an upgrade that ships new entries) is safe. Returns rows added.
    """
    added = 0
    existing = {(kind, code): item_id for kind, code, item_id in session.execute(
        select(DictionaryItem.kind, DictionaryItem.code, DictionaryItem.id))}
    dictionaries: dict[str, list[dict[str, Any]]] = load_json("seed/dictionaries.json")
    for kind, items in dictionaries.items():
        for order, item in enumerate(items):
            if (kind, item["code"]) in existing:
                continue
            attrs = dict(item.get("attrs", {}))
            entry = DictionaryItem(
                kind=kind,
                code=item["code"],
                name=item["name"],
                short_name=attrs.pop("short", None),
                attrs=attrs,
                sort_order=order,
            )
            session.add(entry)
            session.flush()
            existing[(kind, item["code"])] = entry.id
            added += 1
    known_services = set(session.execute(select(Service.code)).scalars())
    for item in load_json("seed/services.json"):
        if item["code"] in known_services:
            continue
        session.add(
            Service(
                code=item["code"],
                name=item["name"],
                kind_id=existing[("service_kind", item["kind"])],
                form_id=existing[("service_form", item["form"])],
                unit=item.get("unit", "услуга"),
                minutes=item.get("minutes"),
            )
        )
        added += 1
    added += seed_instruments(session)  # the default assessment instruments (#17)
    session.flush()
    return added
