"""Exchange packages between district offices and the regional centre (SQLite changesets, in a child process).

Modules: `tables` (what travels), `envelope` (the encrypted file), `engine` (apsw: connections, diff, baselines,
audit rows), `merge` (applying a changeset, the three-way conflict handler, decisions), `adoption` (a new office
takes the centre's dictionaries), `jobs` (export and import as whole jobs, run in the child), `child` (starting
it), `partners` (identity, partners, keys), `packages` (export and import as the GUI and the command line call
them), `conflicts` (the queue and its review), `consolidated` (the centre's report by office), `pg_adapter` (a
centre on PostgreSQL), `values` (values in SQLite's storage form).
"""
