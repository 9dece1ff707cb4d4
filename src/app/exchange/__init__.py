"""Exchange packages between district offices and the regional centre (SQLite changesets, in a child process).

Modules: `tables` (what travels), `envelope` (the encrypted file), `engine` (apsw: diff, apply, conflicts — run only
in the child), `child` (starting it), `partners` (identity, partners, keys), `packages` (export and import as the
GUI and the command line call them), `conflicts` (the queue and its review), `history` (read models).
"""
