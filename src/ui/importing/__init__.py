"""The import wizard: registries and journals from Excel/CSV (app.importing does the work)."""
