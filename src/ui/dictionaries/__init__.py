"""The administrator's dictionaries: places, staff, the service catalogue and the other lists."""
