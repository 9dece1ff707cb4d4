"""Persistence layer of Opora: engine, sessions, ORM models and migrations.

Nothing here imports Qt or application services; `app` builds on this package.
"""
