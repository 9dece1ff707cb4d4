"""Running an export or import job in a child process.

The engine uses apsw's SQLite while the application holds the same file through SQLAlchemy's; two SQLite
libraries in one process must not open one file (their POSIX locks would not see each other), so the job runs in
a process of its own, started by `spawn` (no inherited connections). The parent waits; the child's transaction is
its own, so killing it mid-way leaves the database as it was.
"""

from __future__ import annotations

import logging
import multiprocessing
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from app.core.errors import Cancelled, OporaError
from app.core.progress import Progress
from app.exchange.envelope import PackageRefused

log = logging.getLogger("opora.exchange")
POLL_S = 0.2


@dataclass(frozen=True)
class Outcome:
    committed: bool = False  # a notice, not the answer: the job's transaction committed
    result: Any = None
    refusal: str = ""
    failure: str = ""  # a traceback for the log (no values of records are in it)


def _child(pipe: Connection, job: str, args: tuple[Any, ...]) -> None:
    from app.exchange import jobs

    try:
        functions: dict[str, Callable[..., Any]] = {"export": jobs.export_package, "import": jobs.import_package}
        pipe.send(Outcome(result=functions[job](*args, on_commit=lambda: pipe.send(Outcome(committed=True)))))
    except PackageRefused as error:
        pipe.send(Outcome(refusal=str(error)))
    except BaseException:  # everything goes back to the parent, which logs it
        pipe.send(Outcome(failure=traceback.format_exc()))
    finally:
        pipe.close()


def run_job(job: str, *args: Any, progress: Progress | None = None, label: str = "") -> Any:
    """Run `jobs.<job>_package(*args)` in a child process and return its result (or raise its refusal).

    While it runs, `progress(0, 0, label)` is called every POLL_S; when it raises `Cancelled` before the child said
    its transaction committed, the child is killed and `Cancelled` raised. The kill may still land in the instant
    between the commit and that notice: callers check the ledger then (see `app.exchange.packages`)."""
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sending, job, args), daemon=True)
    process.start()
    sending.close()
    committed = False
    try:
        while True:
            if receiving.poll(POLL_S):
                outcome: Outcome = receiving.recv()
                if not outcome.committed:
                    break
                committed = True  # done in the database: a Cancel from now on is too late and is not honoured
                continue
            if progress is None:
                continue
            try:
                progress(0, 0, label)
            except Cancelled:
                if committed:
                    continue
                process.kill()
                raise
    except EOFError:
        outcome = Outcome(failure=f"the exchange process ended with code {process.exitcode} and no answer")
    finally:
        process.join()
        receiving.close()
    if outcome.refusal:
        raise PackageRefused(outcome.refusal)
    if outcome.failure:
        log.error("exchange %s failed in the child process:\n%s", job, outcome.failure)
        raise OporaError("Обмен не выполнен из-за непредвиденного сбоя; база данных не изменена. Подробности "
                         "записаны в журнал программы.")
    return outcome.result
