"""What needs attention: deadlines computed from the records (no manual reminders)."""
