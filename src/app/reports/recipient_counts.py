"""The services section's distinct recipients of every office and of the region, counted in one ordered pass (#16).

The services' yearly summary (`report_service_years`, migration 0022) is keyed (year, recipient, office, kind,
form), so a year's rows come grouped by recipient. Each recipient's kinds × forms of a period are folded into one
integer, a bit per (kind, form) pair: rows are unique per (recipient, office, kind, form), so the SUM of the bits of
one recipient's rows in one office is their OR, and over the offices SUM(DISTINCT bit) is. Grouping those values
gives how many recipients share each set of pairs, and every grouping of the section follows from that short
histogram: a recipient counts once in each kind, each form and each (kind, form) of its set, and once in all. One
pass serves the quarter and the year to date (the госзадание's services by form) together, per office and for the
region, instead of eight distinct counts each sorting the period's rows.

The quantities (services given) add up: they are read from the summary's totals by office × kind × form (migration
0023), kept by triggers on the summary itself.

Used for whole months of one year (`app.reports.service_summary.year_months`) while the pairs fit in one 63-bit
integer (there are 8 kinds × 3 forms in the dictionaries today); otherwise the caller counts as before.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    String,
    case,
    cast,
    func,
    literal,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Session

from db.models import Office, Service, ServiceTotal, ServiceYear

MAX_PAIRS = 62  # bits of a signed 64-bit integer that a sum of distinct powers of two may use

# A section's rows as `app.reports.quarterly._services_section` reads them: (level, kind, form, services,
# recipients) with level 0 kind × form, 1 kind, 2 in all, 3 form.
Rows = list[tuple[Any, ...]]


def _months_sum(prefix: str, first: int, last: int, table: Any = ServiceYear) -> ColumnElement[int]:
    return sum((getattr(table, f"{prefix}{month:02d}") for month in range(first, last + 1)), start=literal(0))


class Pairs:
    """The bit of each (kind, form) pair of the services: bit = kind's base × form's bit."""

    def __init__(self, kinds: Sequence[Any], forms: Sequence[Any]) -> None:
        self.kinds, self.forms = list(kinds), list(forms)

    @property
    def fits(self) -> bool:
        return 0 < len(self.kinds) * len(self.forms) <= MAX_PAIRS

    def bit(self) -> ColumnElement[int]:
        width = len(self.forms)
        kind_base = case({kind: 1 << (index * width) for index, kind in enumerate(self.kinds)},
                         value=ServiceYear.kind_id)
        form_bit = case({form: 1 << index for index, form in enumerate(self.forms)}, value=ServiceYear.form_id)
        return cast(kind_base, BigInteger) * cast(form_bit, BigInteger)

    def pair(self, position: int) -> tuple[Any, Any]:
        width = len(self.forms)
        return self.kinds[position // width], self.forms[position % width]


def service_pairs(session: Session) -> Pairs:
    """Every kind and form a service has: the summary's rows take theirs from the services (0020's triggers move
    them when a service changes), so no row has a pair without a bit."""
    kinds = sorted(session.execute(select(Service.kind_id).distinct()).scalars(), key=str)
    forms = sorted(session.execute(select(Service.form_id).distinct()).scalars(), key=str)
    return Pairs(kinds, forms)


@cache
def _positions(mask: int) -> tuple[int, ...]:
    return tuple(position for position in range(mask.bit_length()) if mask >> position & 1)


def counted_sections(session: Session, pairs: Pairs, year: int, period: tuple[int, int], to_date: int | None,
                     offices: Sequence[uuid.UUID], keys: Sequence[Any], with_region: bool, region: Any = None
                     ) -> tuple[dict[Any, Rows], dict[Any, Rows]]:
    """The services rows of the months `period` (first, last) of `year` and, with `to_date`, of months 1…to_date
    (levels 2 and 3 only: what the госзадание reads), for each office and, `with_region`, under `region`."""
    first, last = period
    in_period = _months_sum("n", first, last) > 0
    in_to_date = _months_sum("n", 1, to_date) > 0 if to_date else literal(False)
    bit = pairs.bit()
    period_bit = case((in_period, bit), else_=0)
    to_date_bit = case((in_to_date, bit), else_=0)
    where = [ServiceYear.year == year, ServiceYear.office_id.in_(list(offices)),
             or_(in_period, in_to_date) if to_date else in_period]
    recipients: dict[Any, Counts] = defaultdict(Counts)
    histogram = _histogram_sqlite if session.get_bind().dialect.name == "sqlite" else _histogram_grouped
    for (office, period_mask, to_date_mask), count in histogram(session, where, period_bit, to_date_bit,
                                                                with_region).items():
        recipients[region if office is None else office].add(pairs, period_mask, to_date_mask, count)
    quantities: dict[Any, dict[tuple[Any, Any], tuple[int, int]]] = defaultdict(dict)
    for office, kind, form, in_months, in_year in session.execute(
            select(ServiceTotal.office_id, ServiceTotal.kind_id, ServiceTotal.form_id,
                   _months_sum("q", first, last, ServiceTotal), _months_sum("q", 1, to_date or 1, ServiceTotal))
            .where(ServiceTotal.year == year, ServiceTotal.office_id.in_(list(offices)))):
        if not in_months and not (to_date and in_year):
            continue  # a total of other months only: no row of the period's grouping
        in_year = in_year if to_date else 0
        quantities[office][(kind, form)] = (int(in_months), int(in_year))
        if with_region:
            before = quantities[region].get((kind, form), (0, 0))
            quantities[region][(kind, form)] = (before[0] + int(in_months), before[1] + int(in_year))
    services = {key: recipients[key].period_rows(quantities[key]) for key in keys}
    year_rows = {key: recipients[key].to_date_rows(quantities[key]) for key in keys} if to_date else {}
    return services, year_rows


Histogram = dict[tuple[Any, int, int], int]  # (office or None for the region, period mask, to-date mask) -> recipients


def _histogram_sqlite(session: Session, where: list[ColumnElement[bool]], period_bit: ColumnElement[int],
                      to_date_bit: ColumnElement[int], with_region: bool) -> Histogram:
    """The recipients grouped in the key's order (no sort), each with its masks and its lowest and highest office;
    the histogram of those served by one office grouped by SQLite too, so only its few hundred rows come to Python
    (the fold of 220,000 rows here cost 0.6 s of interpreter time, which the other half of the report waited for).
    A recipient of one office has the same masks in the region. The rare recipient of several offices (a child
    served by a specialist of another office) is read per office and folded here: over the offices a (kind, form)
    pair may repeat, so the region's masks are the OR of the offices'."""
    per_recipient = (
        select(ServiceYear.recipient_id.label("recipient"), func.min(ServiceYear.office_id).label("first_office"),
               func.max(ServiceYear.office_id).label("last_office"), func.sum(period_bit).label("period_mask"),
               func.sum(to_date_bit).label("to_date_mask"))
        .where(*where).group_by(ServiceYear.recipient_id).cte("per_recipient").prefix_with("MATERIALIZED"))
    one = per_recipient.c.first_office == per_recipient.c.last_office
    single = (select(type_coerce(per_recipient.c.first_office, String), per_recipient.c.period_mask,
                     per_recipient.c.to_date_mask, func.count(), literal(None))
              .where(one).group_by(per_recipient.c.first_office, per_recipient.c.period_mask,
                                   per_recipient.c.to_date_mask))
    several = select(literal(None), literal(0), literal(0), literal(0),
                     type_coerce(per_recipient.c.recipient, String)).where(~one)
    counts: Histogram = defaultdict(int)
    spread: list[str] = []
    for office, period_mask, to_date_mask, count, recipient in session.connection().execute(
            union_all(single, several)):
        if recipient is not None:
            spread.append(recipient)
            continue
        counts[(office, period_mask, to_date_mask)] += count
        if with_region:
            counts[(None, period_mask, to_date_mask)] += count
    for start in range(0, len(spread), 500):
        _fold_spread(session, where, period_bit, to_date_bit, spread[start:start + 500], counts, with_region)
    office_of = {office.hex: office for office in session.execute(select(Office.id)).scalars()}
    return {(office if office is None else office_of[office], period, to_date): count
            for (office, period, to_date), count in counts.items()}


def _fold_spread(session: Session, where: list[ColumnElement[bool]], period_bit: ColumnElement[int],
                 to_date_bit: ColumnElement[int], recipients: list[str], counts: Histogram, with_region: bool) -> None:
    """Recipients served by several offices: each office's masks, and the region's OR of them."""
    region: dict[str, tuple[int, int]] = {}
    for recipient, office, period_mask, to_date_mask in session.connection().execute(
            select(type_coerce(ServiceYear.recipient_id, String), type_coerce(ServiceYear.office_id, String),
                   func.sum(period_bit), func.sum(to_date_bit))
            .where(*where, type_coerce(ServiceYear.recipient_id, String).in_(recipients))
            .group_by(ServiceYear.recipient_id, ServiceYear.office_id)):
        counts[(office, period_mask, to_date_mask)] += 1
        before = region.get(recipient, (0, 0))
        region[recipient] = (before[0] | period_mask, before[1] | to_date_mask)
    if with_region:
        for period_mask, to_date_mask in region.values():
            counts[(None, period_mask, to_date_mask)] += 1


def _histogram_grouped(session: Session, where: list[ColumnElement[bool]], period_bit: ColumnElement[int],
                       to_date_bit: ColumnElement[int], with_region: bool) -> Histogram:
    """The histograms grouped by the database (PostgreSQL hashes them): per recipient and office, and per recipient
    over the offices with BIT_OR."""
    per_office = (select(ServiceYear.office_id.label("office_id"), func.sum(period_bit).label("period_mask"),
                         func.sum(to_date_bit).label("to_date_mask"))
                  .where(*where).group_by(ServiceYear.recipient_id, ServiceYear.office_id).subquery())
    statements = [select(per_office.c.office_id, per_office.c.period_mask, per_office.c.to_date_mask, func.count())
                  .group_by(per_office.c.office_id, per_office.c.period_mask, per_office.c.to_date_mask)]
    if with_region:  # over the offices a recipient's (kind, form) pair may repeat: the OR of its bits
        per_recipient = (select(func.bit_or(period_bit).label("period_mask"),
                                func.bit_or(to_date_bit).label("to_date_mask"))
                         .where(*where).group_by(ServiceYear.recipient_id).subquery())
        statements.append(select(literal(None).label("office_id"), per_recipient.c.period_mask,
                                 per_recipient.c.to_date_mask, func.count())
                          .group_by(per_recipient.c.period_mask, per_recipient.c.to_date_mask))
    counts: Histogram = {}
    for statement in statements:
        for office, period_mask, to_date_mask, count in session.execute(statement):
            counts[(office, int(period_mask or 0), int(to_date_mask or 0))] = int(count)
    return counts


class Counts:
    """Recipients by kind × form, kind, form and in all, for the period and the year to date, from masks."""

    def __init__(self) -> None:
        self.pair: dict[tuple[Any, Any], int] = defaultdict(int)
        self.kind: dict[Any, int] = defaultdict(int)
        self.form: dict[Any, int] = defaultdict(int)
        self.total = 0
        self.year_form: dict[Any, int] = defaultdict(int)
        self.year_total = 0

    def add(self, pairs: Pairs, period_mask: int, to_date_mask: int, count: int) -> None:
        if period_mask:
            kinds, forms = set(), set()
            for position in _positions(period_mask):
                kind, form = pairs.pair(position)
                self.pair[(kind, form)] += count
                kinds.add(kind)
                forms.add(form)
            for kind in kinds:
                self.kind[kind] += count
            for form in forms:
                self.form[form] += count
            self.total += count
        if to_date_mask:
            for form in {pairs.pair(position)[1] for position in _positions(to_date_mask)}:
                self.year_form[form] += count
            self.year_total += count

    def period_rows(self, quantities: dict[tuple[Any, Any], tuple[int, int]]) -> Rows:
        by_kind: dict[Any, int] = defaultdict(int)
        by_form: dict[Any, int] = defaultdict(int)
        rows: Rows = []
        for (kind, form), (quantity, _) in quantities.items():
            by_kind[kind] += quantity
            by_form[form] += quantity
        for (kind, form), count in self.pair.items():
            rows.append((0, kind, form, quantities.get((kind, form), (0, 0))[0], count))
        rows += [(1, kind, None, by_kind[kind], count) for kind, count in self.kind.items()]
        rows += [(3, None, form, by_form[form], count) for form, count in self.form.items()]
        rows.append((2, None, None, sum(by_kind.values()), self.total))
        return rows

    def to_date_rows(self, quantities: dict[tuple[Any, Any], tuple[int, int]]) -> Rows:
        by_form: dict[Any, int] = defaultdict(int)
        for (_, form), (_, quantity) in quantities.items():
            by_form[form] += quantity
        rows: Rows = [(3, None, form, by_form[form], count) for form, count in self.year_form.items()]
        rows.append((2, None, None, sum(by_form.values()), self.year_total))
        return rows
