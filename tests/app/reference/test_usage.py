"""Whether a reference record is in use: the referring columns are found from the metadata."""

from __future__ import annotations

from app.reference.usage import referencing_columns
from db.models import DictionaryItem


def test_generic_discovery_finds_every_reference_to_dictionary_items():
    found = referencing_columns(DictionaryItem.__table__)
    columns = {f"{column.table.name}.{column.name}" for column in found}
    assert {"family_categories.category_id", "family_categories.end_reason_id",
            "rehab_sessions.delivery_mode_id", "case_grounds.ground_id", "services.kind_id",
            "services.form_id", "staff.position_id", "settlements.kind_id",
            "session_participants.absence_reason_id"} <= columns
    assert all(column.endswith("_id") for column in columns)
