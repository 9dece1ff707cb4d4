"""The Reports section: choose a report, a period and offices or districts, preview it, export it."""
