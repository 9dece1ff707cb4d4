"""The «Сегодня» home screen."""

from ui.today.section import TodaySection

__all__ = ["TodaySection"]
