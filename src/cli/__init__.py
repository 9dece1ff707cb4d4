"""The `opora` command line: one module per command group, calling the same app services as the GUI."""
