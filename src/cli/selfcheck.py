"""`opora selfcheck`: «Проверить установку» from the command line (the About dialog has the same button).

Prints one line per step and exits with status 1 when any step failed. Nothing of the user's is touched: the
check works on a temporary database (see app.system.selfcheck). Qt renders offscreen unless QT_QPA_PLATFORM
says otherwise, so the check runs on a server or over SSH as well as at the desk.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import Any

from app.system.selfcheck import StepResult, Workspace, passed, run_selfcheck


def add_selfcheck_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    commands.add_parser("selfcheck", help="проверить установку: база, отчёты, шрифты, переводы, отрисовка окна")


def _print(result: StepResult) -> None:
    print(result.line, flush=True)


def _qt_missing(error: Exception) -> Callable[[Workspace], str]:
    def step(_work: Workspace) -> str:
        raise RuntimeError(f"Qt не загружается: {error}")

    return step


def command_selfcheck(args: argparse.Namespace) -> int:
    from app import __version__

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    print(f"Проверка установки Опоры {__version__}", flush=True)
    try:
        from ui.about import qt_selfcheck_steps

        steps = qt_selfcheck_steps()
    except Exception as error:  # Qt itself does not load: the remaining checks still tell what works
        steps = (("Qt", _qt_missing(error)),)
    results = run_selfcheck(steps, on_step=_print)
    if passed(results):
        print(f"Установка в порядке: {len(results)} проверок пройдено.")
        return 0
    failed = sum(not result.ok for result in results)
    print(f"Установка неисправна: не пройдено проверок — {failed} из {len(results)}.", file=sys.stderr)
    return 1
