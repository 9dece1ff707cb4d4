"""Use cases of Opora, a package per domain area (see README «Layout»). No Qt here; the GUI (`ui`), the command
line (`cli`) and the demo generator (`demo`) call the same services."""

__version__ = "0.1.0"
