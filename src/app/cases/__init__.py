"""Support cases of a family and their plans (ИППСУ, ИПР СОП, ИПРП)."""
