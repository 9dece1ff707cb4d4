"""The derived tables kept set-wise while a package is applied at a PostgreSQL centre.

Row-level triggers keep the derived summaries in every writer's transaction: `contact_session_days` (0014,
`trg_contact_*`) and `report_session_months` / `report_place_months` (0015, `trg_rsum_*`) from the sessions and their
places, `consent_states` (0018, `trg_consent_*`) from the persons and their consents, `report_service_years` (0020,
`trg_rsvc_*`) from the places, sessions, visits' services, visits, families, staff and services. For an office's
quarter (50,000 sessions, 60,000 places) they fire 170,000 times or more, each a few upserts: most of what the server
spent applying a package (the services summary alone 33 s of its CPU on the 20,000-family centre). Within the
adapter's transaction `ALTER TABLE … DISABLE TRIGGER` is transactional on PostgreSQL, so the
adapter switches them off for the tables its package touches and does their arithmetic once, over the touched rows:

- sessions: before the first write, the contributions of every live (place, session) pair that involves a touched
  session or place — and of every touched live session — are taken with a minus sign (what the triggers subtract
  with OLD); after the last write, the same rows' contributions with a plus sign (NEW); the sums are upserted and
  rows that reach zero deleted, exactly as the triggers leave them;
- services given: the same, for every attended place of a touched place, session, specialist or service and every
  service of a touched visit service, visit, family or service (an update counts only when it changes a column the
  summary reads);
- consents: the state of every touched person (inserted or deleted, the old and new person of a touched consent)
  computed again from their consents;
- the families' contact days (0021, `trg_contact_family_*`): the (place, member) pairs of a touched place, session
  or membership, the touched visits and the family rows of a touched event or event row, as for the sessions.

The disabling takes a SHARE ROW EXCLUSIVE lock on those tables (readers go on; another writer of them waits for
the commit, and then finds the triggers enabled: other transactions never see them off). A rollback or a crash
leaves them enabled. A group whose triggers are not all present and enabled (dropped by a bulk import's pause, or
renamed by a later migration) is left to fire as it is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class Group:
    name: str
    triggers: tuple[tuple[str, str], ...]  # (table, trigger)

    @property
    def tables(self) -> set[str]:
        return {table for table, _ in self.triggers}


CONTACT = Group("contact", (
    ("rehab_sessions", "trg_contact_session_write"), ("rehab_sessions", "trg_contact_session_update"),
    ("session_participants", "trg_contact_place_write"), ("session_participants", "trg_contact_place_update")))
REPORT = Group("report", (
    ("rehab_sessions", "trg_rsum_session_write"), ("rehab_sessions", "trg_rsum_session_update"),
    ("session_participants", "trg_rsum_place_write"), ("session_participants", "trg_rsum_place_update")))
CONSENT = Group("consent", (
    ("persons", "trg_consent_person_write"), ("consents", "trg_consent_write"), ("consents", "trg_consent_update")))
SERVICES = Group("services", tuple(
    (table, f"trg_rsvc_{table}_{event}") for table in (
        "session_participants", "rehab_sessions", "staff", "services", "visit_services", "home_visits", "families")
    for event in ("write", "update")))
FAMILY_CONTACT = Group("family_contact", tuple(
    (table, f"trg_contact_family_{table}_{event}") for table in (
        "rehab_sessions", "session_participants", "family_members", "home_visits", "events", "event_families")
    for event in ("write", "update")))
GROUPS = (CONTACT, REPORT, CONSENT, SERVICES, FAMILY_CONTACT)

# Which touched rows each temp table of keys holds.
KEY_TABLES = {"rehab_sessions": "pg_touched_sessions", "session_participants": "pg_touched_places",
              "persons": "pg_touched_persons", "consents": "pg_touched_consents", "staff": "pg_touched_staff",
              "services": "pg_touched_services", "visit_services": "pg_touched_visit_services",
              "home_visits": "pg_touched_visits", "families": "pg_touched_families",
              "family_members": "pg_touched_members", "events": "pg_touched_events",
              "event_families": "pg_touched_event_families"}
# Of these tables, an update matters only when it changes one of these columns (the services summary's key: 0020's
# WATCHED); a family's new phone is not a change of the summary.
WATCHED = {"staff": ("office_id",), "services": ("kind_id", "form_id"),
           "home_visits": ("visit_date", "family_id", "deleted_at"), "families": ("office_id", "deleted_at"),
           "family_members": ("family_id", "person_id"), "events": ("starts_on", "deleted_at"),
           "event_families": ("event_id", "family_id")}

_LIVE = "r.deleted_at IS NULL AND NOT r.cancelled"
# Every live (place, session) pair of a touched session or place, with what the summaries group it by; once with
# -1 before the writes and once with +1 after them.
_PAIRS = ("INSERT INTO pg_pairs SELECT {sign}, p.person_id, p.attended, r.starts_at, r.staff_id, r.service_id, "
          "r.delivery_mode_id FROM (SELECT p.id FROM pg_touched_sessions t JOIN session_participants p ON "
          "p.session_id = t.id UNION SELECT id FROM pg_touched_places) k JOIN session_participants p ON p.id = k.id "
          f"JOIN rehab_sessions r ON r.id = p.session_id WHERE {_LIVE}")
_SESSIONS = ("INSERT INTO pg_sessions SELECT {sign}, r.starts_at, r.staff_id, r.service_id, r.delivery_mode_id "
             f"FROM pg_touched_sessions t JOIN rehab_sessions r ON r.id = t.id WHERE {_LIVE}")
_PERSONS = ("INSERT INTO pg_consent_persons SELECT id FROM pg_touched_persons "
            "UNION SELECT c.person_id FROM pg_touched_consents t JOIN consents c ON c.id = t.id")
# The services given (migration 0020, app.reports.service_summary): attended places of live sessions and services
# of live visits to live families, each under (year, office, form, recipient, kind) in its month.
_GIVEN_PLACES = (
    "INSERT INTO pg_given SELECT {sign}, EXTRACT(YEAR FROM r.starts_at)::integer, st.office_id, sv.form_id, "
    "p.person_id, sv.kind_id, EXTRACT(MONTH FROM r.starts_at)::integer, 1 FROM (SELECT p.id FROM pg_touched_sessions t "
    "JOIN session_participants p ON p.session_id = t.id UNION SELECT id FROM pg_touched_places "
    "UNION SELECT p.id FROM pg_touched_staff t JOIN rehab_sessions r ON r.staff_id = t.id "
    "JOIN session_participants p ON p.session_id = r.id UNION SELECT p.id FROM pg_touched_services t "
    "JOIN rehab_sessions r ON r.service_id = t.id JOIN session_participants p ON p.session_id = r.id) k "
    "JOIN session_participants p ON p.id = k.id JOIN rehab_sessions r ON r.id = p.session_id "
    "JOIN staff st ON st.id = r.staff_id JOIN services sv ON sv.id = r.service_id "
    "WHERE p.attended IS TRUE AND r.deleted_at IS NULL AND r.cancelled IS FALSE")
_GIVEN_VISITS = (
    "INSERT INTO pg_given SELECT {sign}, EXTRACT(YEAR FROM h.visit_date)::integer, f.office_id, sv.form_id, "
    "COALESCE(vs.person_id, h.family_id), sv.kind_id, EXTRACT(MONTH FROM h.visit_date)::integer, vs.quantity "
    "FROM (SELECT id FROM pg_touched_visit_services UNION SELECT vs.id FROM pg_touched_visits t "
    "JOIN visit_services vs ON vs.visit_id = t.id UNION SELECT vs.id FROM pg_touched_families t "
    "JOIN home_visits h ON h.family_id = t.id JOIN visit_services vs ON vs.visit_id = h.id "
    "UNION SELECT vs.id FROM pg_touched_services t JOIN visit_services vs ON vs.service_id = t.id) k "
    "JOIN visit_services vs ON vs.id = k.id JOIN home_visits h ON h.id = vs.visit_id "
    "JOIN families f ON f.id = h.family_id JOIN services sv ON sv.id = vs.service_id "
    "WHERE h.deleted_at IS NULL AND f.deleted_at IS NULL")
# The families' contact days (migration 0021): each (place, member) pair of a live session with a touched place,
# session or membership; each touched live visit; each family row of a live event with a touched event or row.
_FAMILY_PLACES = (
    "INSERT INTO pg_family_days SELECT {sign}, m.family_id, CAST(r.starts_at AS date) FROM ("
    "SELECT p.id AS place_id, m.id AS member_id FROM pg_touched_sessions t JOIN session_participants p ON "
    "p.session_id = t.id JOIN family_members m ON m.person_id = p.person_id UNION SELECT p.id, m.id FROM "
    "pg_touched_places t JOIN session_participants p ON p.id = t.id JOIN family_members m ON m.person_id = p.person_id "
    "UNION SELECT p.id, m.id FROM pg_touched_members t JOIN family_members m ON m.id = t.id "
    "JOIN session_participants p ON p.person_id = m.person_id) k JOIN session_participants p ON p.id = k.place_id "
    f"JOIN rehab_sessions r ON r.id = p.session_id JOIN family_members m ON m.id = k.member_id WHERE {_LIVE}")
_FAMILY_VISITS = ("INSERT INTO pg_family_days SELECT {sign}, h.family_id, h.visit_date FROM pg_touched_visits t "
                  "JOIN home_visits h ON h.id = t.id WHERE h.deleted_at IS NULL")
_FAMILY_EVENTS = (
    "INSERT INTO pg_family_days SELECT {sign}, ef.family_id, e.starts_on FROM (SELECT ef.id FROM pg_touched_events t "
    "JOIN event_families ef ON ef.event_id = t.id UNION SELECT id FROM pg_touched_event_families) k "
    "JOIN event_families ef ON ef.id = k.id JOIN events e ON e.id = ef.event_id WHERE e.deleted_at IS NULL")
CONTRIBUTIONS = {"contact": (_PAIRS,), "report": (_PAIRS, _SESSIONS), "consent": (_PERSONS,),
                 "services": (_GIVEN_PLACES, _GIVEN_VISITS),
                 "family_contact": (_FAMILY_PLACES, _FAMILY_VISITS, _FAMILY_EVENTS)}

_MONTH = "(EXTRACT(YEAR FROM starts_at)::integer * 100 + EXTRACT(MONTH FROM starts_at)::integer)"
_KEY = "month, staff_id, service_id, delivery_mode_id"
_ATTENDED = "sum(sign * CASE WHEN attended THEN 1 ELSE 0 END)"
_ABSENT = "sum(sign * CASE WHEN NOT attended THEN 1 ELSE 0 END)"
# The sums upserted, then the rows of the keys whose sum fell deleted where they reached zero (as the triggers do).
_APPLY = {
    "contact": (
        "INSERT INTO contact_session_days (person_id, day, sessions) SELECT person_id, CAST(starts_at AS date), "
        "sum(sign) FROM pg_pairs GROUP BY 1, 2 HAVING sum(sign) <> 0 ON CONFLICT (person_id, day) DO UPDATE SET "
        "sessions = contact_session_days.sessions + excluded.sessions",
        "DELETE FROM contact_session_days c USING (SELECT person_id, CAST(starts_at AS date) AS day FROM pg_pairs "
        "GROUP BY 1, 2 HAVING sum(sign) < 0) k WHERE c.person_id = k.person_id AND c.day = k.day AND c.sessions = 0"),
    "report": (
        f"INSERT INTO report_session_months ({_KEY}, sessions) SELECT {_MONTH}, staff_id, service_id, "
        "delivery_mode_id, sum(sign) FROM pg_sessions GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0 "
        f"ON CONFLICT ({_KEY}) DO UPDATE SET sessions = report_session_months.sessions + excluded.sessions",
        f"DELETE FROM report_session_months s USING (SELECT {_MONTH} AS month, staff_id, service_id, "
        "delivery_mode_id FROM pg_sessions GROUP BY 1, 2, 3, 4 HAVING sum(sign) < 0) k "
        f"WHERE (s.{_KEY.replace(', ', ', s.')}) = (k.{_KEY.replace(', ', ', k.')}) AND s.sessions = 0",
        f"INSERT INTO report_place_months ({_KEY}, person_id, places, attended, absent) SELECT {_MONTH}, staff_id, "
        f"service_id, delivery_mode_id, person_id, sum(sign), {_ATTENDED}, {_ABSENT} FROM pg_pairs "
        f"GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0 OR {_ATTENDED} <> 0 OR {_ABSENT} <> 0 "
        f"ON CONFLICT ({_KEY}, person_id) DO UPDATE SET places = report_place_months.places + excluded.places, "
        "attended = report_place_months.attended + excluded.attended, "
        "absent = report_place_months.absent + excluded.absent",
        f"DELETE FROM report_place_months s USING (SELECT {_MONTH} AS month, staff_id, service_id, "
        "delivery_mode_id, person_id FROM pg_pairs GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) < 0) k "
        f"WHERE (s.{_KEY.replace(', ', ', s.')}, s.person_id) = (k.{_KEY.replace(', ', ', k.')}, k.person_id) "
        "AND s.places = 0"),
    "services": (
        "INSERT INTO report_service_years (year, office_id, form_id, recipient_id, kind_id, {columns}) "
        "SELECT year, office_id, form_id, recipient_id, kind_id, {sums} FROM pg_given GROUP BY 1, 2, 3, 4, 5 "
        "ON CONFLICT (year, office_id, form_id, recipient_id, kind_id) DO UPDATE SET {adds}",
        "DELETE FROM report_service_years s USING (SELECT DISTINCT year, office_id, form_id, recipient_id, kind_id "
        "FROM pg_given) k WHERE (s.year, s.office_id, s.form_id, s.recipient_id, s.kind_id) = "
        "(k.year, k.office_id, k.form_id, k.recipient_id, k.kind_id) AND {no_count}"),
    "family_contact": (
        "INSERT INTO family_contact_days (family_id, day, contacts) SELECT family_id, day, sum(sign) "
        "FROM pg_family_days GROUP BY 1, 2 HAVING sum(sign) <> 0 ON CONFLICT (family_id, day) DO UPDATE SET "
        "contacts = family_contact_days.contacts + excluded.contacts",
        "DELETE FROM family_contact_days c USING (SELECT family_id, day FROM pg_family_days GROUP BY 1, 2 "
        "HAVING sum(sign) < 0) k WHERE c.family_id = k.family_id AND c.day = k.day AND c.contacts = 0"),
    "consent": (
        "DELETE FROM consent_states s USING pg_consent_persons k WHERE s.person_id = k.person_id",
        # As the migration's fill, for these persons only (a person gone has no row).
        "INSERT INTO consent_states (person_id, covered_until, withdrawn) SELECT p.id, COALESCE(max(CASE WHEN "
        "c.id IS NOT NULL AND c.withdrawn_on IS NULL THEN COALESCE(c.valid_until, '9999-12-31') END), "
        "'0001-01-01'), count(c.withdrawn_on) > 0 FROM persons p LEFT JOIN consents c ON c.person_id = p.id AND "
        "c.deleted_at IS NULL WHERE p.id IN (SELECT DISTINCT person_id FROM pg_consent_persons) GROUP BY p.id"),
}

_MONTHS = range(1, 13)
_SERVICE_PARTS = {
    "columns": ", ".join([f"n{m:02d}" for m in _MONTHS] + [f"q{m:02d}" for m in _MONTHS]),
    "sums": ", ".join([f"sum(CASE WHEN month = {m} THEN sign ELSE 0 END)" for m in _MONTHS]
                      + [f"sum(CASE WHEN month = {m} THEN sign * quantity ELSE 0 END)" for m in _MONTHS]),
    "adds": ", ".join(f"{c} = report_service_years.{c} + excluded.{c}"
                      for c in [f"n{m:02d}" for m in _MONTHS] + [f"q{m:02d}" for m in _MONTHS]),
    "no_count": " + ".join(f"s.n{m:02d}" for m in _MONTHS) + " = 0",
}
_APPLY["services"] = tuple(statement.format(**_SERVICE_PARTS) for statement in _APPLY["services"])

_TEMPS = (
    "CREATE TEMPORARY TABLE pg_touched_sessions (id uuid PRIMARY KEY) ON COMMIT DROP",
    "CREATE TEMPORARY TABLE pg_touched_places (id uuid PRIMARY KEY) ON COMMIT DROP",
    "CREATE TEMPORARY TABLE pg_touched_persons (id uuid PRIMARY KEY) ON COMMIT DROP",
    "CREATE TEMPORARY TABLE pg_touched_consents (id uuid PRIMARY KEY) ON COMMIT DROP",
    "CREATE TEMPORARY TABLE pg_pairs (sign integer, person_id uuid, attended boolean, starts_at timestamp, "
    "staff_id uuid, service_id uuid, delivery_mode_id uuid) ON COMMIT DROP",
    "CREATE TEMPORARY TABLE pg_sessions (sign integer, starts_at timestamp, staff_id uuid, service_id uuid, "
    "delivery_mode_id uuid) ON COMMIT DROP",
    "CREATE TEMPORARY TABLE pg_consent_persons (person_id uuid) ON COMMIT DROP",
    "CREATE TEMPORARY TABLE pg_given (sign integer, year integer, office_id uuid, form_id uuid, recipient_id uuid, "
    "kind_id uuid, month integer, quantity integer) ON COMMIT DROP",
    "CREATE TEMPORARY TABLE pg_family_days (sign integer, family_id uuid, day date) ON COMMIT DROP",
    *(f"CREATE TEMPORARY TABLE {name} (id uuid PRIMARY KEY) ON COMMIT DROP" for name in (
        "pg_touched_staff", "pg_touched_services", "pg_touched_visit_services", "pg_touched_visits",
        "pg_touched_families", "pg_touched_members", "pg_touched_events", "pg_touched_event_families")),
)
# While the touched rows are read: index probes from the few touched keys, never a scan of a million sessions (the
# planner's hash joins read whole tables: 2.6 s instead of 0.55 s for 60,000 keys), and no JIT compiling.
_PROBES = {"enable_hashjoin": "off", "enable_mergejoin": "off", "jit": "off"}


def _enabled(session: Session, tables: Iterable[str]) -> set[tuple[str, str]]:
    rows = session.execute(text(
        "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal AND t.tgenabled = 'O' AND c.relname = ANY(:tables) AND c.relnamespace = "
        "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"), {"tables": sorted(set(tables))}).all()
    return {(table, name) for table, name in rows}


class Pause:
    """The derived groups paused for one apply, inside the caller's transaction: `begin` before the first write
    (with every key any write of the apply will touch), `finish` after the last."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.groups: list[Group] = []

    def begin(self, touched: Mapping[str, Sequence[Any]]) -> None:
        """`touched`: table -> the keys (their SQLite form: a UUID as 32 hex digits) the apply may write."""
        wanted = [group for group in GROUPS if group.tables & {name for name, keys in touched.items() if keys}]
        if not wanted:
            return
        enabled = _enabled(self.session, {table for group in wanted for table in group.tables})
        self.groups = [group for group in wanted if set(group.triggers) <= enabled]
        if not self.groups:
            return
        for group in self.groups:
            for table, trigger in group.triggers:
                self.session.execute(text(f'ALTER TABLE "{table}" DISABLE TRIGGER "{trigger}"'))
        for statement in _TEMPS:
            self.session.execute(text(statement))
        raw = self.session.connection().connection.driver_connection
        assert raw is not None
        with raw.cursor() as cursor:
            for table, temp in KEY_TABLES.items():
                keys = sorted({str(key) for key in touched.get(table, ())})
                if keys:
                    with cursor.copy(f"COPY {temp} (id) FROM STDIN") as copy:
                        for key in keys:
                            copy.write_row((key,))
                # The empty ones too: a temporary table never analysed is costed as a few pages of rows, and with
                # hash joins off the planner then walked every session of a million to probe an empty list of
                # touched specialists (the services' places: 5.6 s of the server's CPU in each pass).
                cursor.execute(f"ANALYZE {temp}")
        self._contribute(-1)

    def _contribute(self, sign: int) -> None:
        done: set[str] = set()
        with self._probing():
            for group in self.groups:
                for statement in CONTRIBUTIONS[group.name]:
                    if statement not in done:  # the pairs serve two groups
                        done.add(statement)
                        self.session.execute(text(statement.format(sign=sign)))

    @contextlib.contextmanager
    def _probing(self) -> Iterator[None]:
        saved = {name: self.session.execute(text("SELECT current_setting(:name)"), {"name": name}).scalar_one()
                 for name in _PROBES}
        for name, value in _PROBES.items():
            self.session.execute(text("SELECT set_config(:name, :value, true)"), {"name": name, "value": value})
        yield
        for name, value in saved.items():
            self.session.execute(text("SELECT set_config(:name, :value, true)"), {"name": name, "value": value})

    def finish(self) -> None:
        """The touched rows' new contributions added, the summaries brought up to date, the triggers enabled again
        (other transactions never saw them off; a later write of this one fires them)."""
        if not self.groups:
            return
        self._contribute(1)
        for name in ("pg_pairs", "pg_sessions", "pg_consent_persons", "pg_given", "pg_family_days"):
            self.session.execute(text(f"ANALYZE {name}"))
        with self._probing():
            for group in self.groups:
                for statement in _APPLY[group.name]:
                    self.session.execute(text(statement))
        for group in self.groups:
            for table, trigger in group.triggers:
                self.session.execute(text(f'ALTER TABLE "{table}" ENABLE TRIGGER "{trigger}"'))
