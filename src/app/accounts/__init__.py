"""User accounts: signing in, passwords, and the administrator's side of accounts."""
