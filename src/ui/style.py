"""One style sheet for consistent spacing and colours across screens."""

STYLE_SHEET = """
QListWidget#navigation { background: #263238; color: #ECEFF1; border: none; font-size: 11pt; padding-top: 8px; }
QListWidget#navigation::item { padding: 6px 10px; }
QListWidget#navigation::item:selected { background: #00897B; color: white; }
QLabel#sectionTitle { font-size: 16pt; font-weight: bold; color: #263238; padding: 4px 0 8px 0; }
QLabel#fieldError { color: #C62828; }
QLabel#warningBanner { background: #FFF3E0; color: #BF360C; border: 1px solid #FFB74D; padding: 6px; }
QStatusBar QLabel { padding: 0 8px; color: #455A64; }
"""
