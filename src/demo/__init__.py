"""The demonstration region: a generator of realistic synthetic data (bulk inserts for speed)."""
