"""Reports for the ministry: periods and the figures of each report."""
