"""Which backups to keep: the newest few, then one a day, one a week, one a month (as Anki does).

A pure function of the backups' times, so the policy is tested without files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ThinningPolicy:
    recent: int = 5  # the newest backups, whatever their age
    daily: int = 14  # then the newest backup of each of this many older days
    weekly: int = 8  # then one from each of this many older ISO weeks
    monthly: int = 12  # then one from each of this many older months


def backups_to_keep(times: Iterable[datetime], policy: ThinningPolicy) -> set[datetime]:
    """The subset of `times` to keep; the rest may be deleted.

    Walking from newest to oldest, a backup is kept while the recent allowance lasts; then, while
    the daily allowance lasts, if it is the first one seen of an older day; then likewise one per
    older week, then one per older month; everything older is dropped. Day, week and month are
    those of the times as given, so pass local times for local calendar days.
    """
    # One stage at a time: while a stage has allowance left, only its own period is considered.
    remaining = {"daily": policy.daily, "weekly": policy.weekly, "monthly": policy.monthly}
    kept: set[datetime] = set()
    last: dict[str, object] = {"daily": None, "weekly": None, "monthly": None}
    for index, moment in enumerate(sorted(set(times), reverse=True)):
        periods = {"daily": moment.date(), "weekly": moment.isocalendar()[:2],
                   "monthly": (moment.year, moment.month)}
        if index < policy.recent:
            keep = True
        else:
            stage = next((name for name, left in remaining.items() if left > 0), None)
            keep = stage is not None and periods[stage] != last[stage]
            if keep and stage is not None:
                remaining[stage] -= 1
        if keep:
            kept.add(moment)
            last = dict(periods)
    return kept
