"""Office exchange: this installation's identity, its partners and their keys, the package ledger, the conflict
queue (all local-only), and the coordinators' decisions on conflicts (the one exchange table that travels)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base, Entity, utc_now


class ExchangeIdentity(Base):
    """Who this installation is in the exchange: one row, fixed once set (a centre or an office)."""

    __tablename__ = "exchange_identity"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # the node id other installations know us by
    role: Mapped[str] = mapped_column(String(10))  # "centre" | "office"
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class ExchangePartner(Base):
    """Another installation we exchange packages with, and the shared AES-256 key for that pair."""

    __tablename__ = "exchange_partners"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)  # the partner's node id
    role: Mapped[str] = mapped_column(String(10))
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    key: Mapped[bytes] = mapped_column(LargeBinary)
    registered_at: Mapped[datetime] = mapped_column(default=utc_now)
    active: Mapped[bool] = mapped_column(default=True)


class ExchangePackage(Base):
    """One package written or read: the ledger that makes imports idempotent and advances baselines."""

    __tablename__ = "exchange_packages"
    __table_args__ = (Index("ix_exchange_packages_partner", "partner_id", "direction", "sequence"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    partner_id: Mapped[uuid.UUID]
    direction: Mapped[str] = mapped_column(String(3))  # "out" | "in"
    kind: Mapped[str] = mapped_column(String(10))  # "data" | "ack"
    sequence: Mapped[int]
    acknowledges: Mapped[int] = mapped_column(default=0)  # the highest data sequence of ours the sender applied
    state: Mapped[str] = mapped_column(String(20))
    file_name: Mapped[str] = mapped_column(String(300), default="")
    schema_revision: Mapped[str] = mapped_column(String(40), default="")
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON: table -> rows changed
    sha256: Mapped[str] = mapped_column(String(64), default="")
    size_bytes: Mapped[int] = mapped_column(default=0)
    changeset: Mapped[bytes | None] = mapped_column(LargeBinary)  # an outgoing data package's, until acknowledged
    conflicts: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    by_login: Mapped[str] = mapped_column(String(60), default="")


class ExchangeConflict(Base):
    """A field changed on both sides since their common baseline: kept as it is here until a person chooses."""

    __tablename__ = "exchange_conflicts"
    __table_args__ = (Index("ix_exchange_conflicts_field", "table_name", "row_key", "column_name"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    package_id: Mapped[uuid.UUID | None]
    partner_id: Mapped[uuid.UUID | None]
    table_name: Mapped[str] = mapped_column(String(60))
    row_key: Mapped[str] = mapped_column(String(200))  # JSON list of the primary key's values
    column_name: Mapped[str] = mapped_column(String(60))
    base_value: Mapped[str | None] = mapped_column(Text)  # JSON; values are personal data: the file is the store
    local_value: Mapped[str | None] = mapped_column(Text)
    incoming_value: Mapped[str | None] = mapped_column(Text)
    local_changed_by: Mapped[uuid.UUID | None]
    local_changed_at: Mapped[datetime | None]
    incoming_changed_by: Mapped[uuid.UUID | None]
    incoming_changed_at: Mapped[datetime | None]
    detected_at: Mapped[datetime] = mapped_column(default=utc_now)
    state: Mapped[str] = mapped_column(String(10), default="open")  # "open" | "resolved"
    resolution_id: Mapped[uuid.UUID | None]


class ExchangeResolution(Entity):
    """A coordinator's choice for a conflicted field. It travels like any change, so every side applies it."""

    __tablename__ = "exchange_resolutions"
    table_name: Mapped[str] = mapped_column(String(60))
    row_key: Mapped[str] = mapped_column(String(200))
    column_name: Mapped[str] = mapped_column(String(60))
    value: Mapped[str | None] = mapped_column(Text)  # JSON of the chosen value
    candidates: Mapped[str] = mapped_column(Text, default="[]")  # JSON: the values that were in conflict
    decided_by_name: Mapped[str] = mapped_column(String(200), default="")
    decided_at: Mapped[datetime] = mapped_column(default=utc_now)


class ExchangeMirrorLog(Base):
    """A travelling row changed on a PostgreSQL centre since its mirror last caught up (app.exchange.mirror).
    Written only by the triggers `trg_mirror_*` of migration 0016; always empty on SQLite."""

    __tablename__ = "exchange_mirror_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    table_name: Mapped[str] = mapped_column(String(60))
    row_key: Mapped[str | None] = mapped_column(Text)  # JSON list of the primary key's values; NULL: the whole table


class ExchangeMirrorState(Base):
    """One row once a mirror exists: the triggers log only then, and its token tells a mirror whether the log it
    is about to read continues the one it last read (a restored or another machine's mirror does not)."""

    __tablename__ = "exchange_mirror_state"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    token: Mapped[uuid.UUID]
    generation: Mapped[int] = mapped_column(default=0)  # refreshes so far: orders them against imports
    refreshed_at: Mapped[datetime] = mapped_column(default=utc_now)
