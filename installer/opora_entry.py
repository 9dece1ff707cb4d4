"""The frozen program's entry point (PyInstaller): the same `opora` as `.venv/bin/opora`."""

import sys

from cli.main import main

if __name__ == "__main__":
    sys.exit(main())
