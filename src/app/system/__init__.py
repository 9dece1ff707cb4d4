"""Keeping the database safe: opening and first run, integrity, backups and restore, encryption and keys, the
audit log viewer.
"""
