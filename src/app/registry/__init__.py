"""The family registry: families, persons, children (disability, ИПРА, ОВЗ), identity papers, consents, the list
and the card.
"""
