"""The «Обмен данными» section: packages made and loaded, their history, the conflict queue and its review."""

from ui.exchange.section import ExchangeSection

__all__ = ["ExchangeSection"]
