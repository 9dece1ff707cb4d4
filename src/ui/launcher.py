"""Entry point of the `opora` executable: a command runs in `app.cli`, no command opens the GUI.

Qt is imported only when the window is wanted, so command-line use stays light.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def gui_target(args: Sequence[str]) -> tuple[bool, str | None]:
    """(True, database) when the arguments ask for the window: nothing, `--db X` or `--db=X`."""
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db":
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db="):
        return True, args[0].split("=", 1)[1]
    return False, None


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    wants_gui, database = gui_target(args)
    if not wants_gui:
        from app.cli import run

        return run(args)
    from ui.application import run_gui

    return run_gui(database)


if __name__ == "__main__":
    sys.exit(main())
