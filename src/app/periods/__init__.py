"""Submitted report periods and their lock (#17 item 5)."""
