"""What every area shares: the acting user, errors, change flags, field checks, permissions and row access, the
audit log, dates and text.
"""

# The period lock guards every ORM session from the first import of the application layer on.
from app.core import period_guard  # noqa: F401
