"""Effectiveness of support: assessment instruments (data an administrator edits), assessments of a family or
a child at intake, reviews and closing, and the dynamics of a case (DOMAIN.md «Effectiveness»)."""
