"""Mobile-brigade trips: planning, reading, completion and the route sheet."""
