"""What every area shares: the acting user, errors, change flags, field checks, permissions and row access, the
audit log, dates and text.
"""
