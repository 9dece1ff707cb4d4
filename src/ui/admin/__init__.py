"""The Administration section: users, audit log, backups, settings and report indicators."""
