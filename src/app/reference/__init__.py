"""Reference data an administrator keeps: dictionaries, places, staff, organisation and offices, the service
catalogue.
"""
