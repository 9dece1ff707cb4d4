"""Use cases of Opora: services, read queries, reports, import, command line. No Qt here."""

__version__ = "0.1.0"
