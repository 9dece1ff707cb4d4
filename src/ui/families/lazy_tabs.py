"""Tabs built the first time they are opened or used.

The family card has eight tabs; building all of them took 51 ms of the card's 190 ms on every opening, though most
openings look at one or two. A lazy tab stands in the tab widget as an empty placeholder until it is shown or its
widget is asked for (`get`); then it is built, put in the placeholder's place (same index, text, icon, enabled
state and tooltip), and what was waiting for it (`when_built`: the card's data, a refresh) is applied in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, cast

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QTabWidget, QWidget

TabT = TypeVar("TabT", bound=QWidget)


@dataclass
class _Lazy:
    make: Callable[[], QWidget]
    icon: QIcon
    text: str
    placeholder: QWidget
    widget: QWidget | None = None
    waiting: dict[str, Callable[[QWidget], None]] = field(default_factory=dict)


class LazyTabs:
    def __init__(self, tabs: QTabWidget, on_built: Callable[[str, QWidget], None] | None = None) -> None:
        self.tabs = tabs
        self.on_built = on_built
        self._lazy: dict[str, _Lazy] = {}
        tabs.currentChanged.connect(self._current_changed)

    def add(self, name: str, make: Callable[[], QWidget], icon: QIcon, text: str) -> None:
        placeholder = QWidget()
        self._lazy[name] = _Lazy(make, icon, text, placeholder)
        self.tabs.addTab(placeholder, icon, text)

    def index(self, name: str) -> int:
        """The tab's position, built or not (building keeps it)."""
        lazy = self._lazy[name]
        return self.tabs.indexOf(lazy.widget or lazy.placeholder)

    def built(self, names: tuple[str, ...]) -> list[QWidget]:
        """The widgets of those of `names` that have been built."""
        return [widget for name in names if (widget := self._lazy[name].widget) is not None]

    def when_built(self, name: str, key: str, call: Callable[[QWidget], None]) -> None:
        """Call now if the tab is built, else when it is; a later call under the same `key` replaces the waiting one
        (the newest data wins)."""
        lazy = self._lazy[name]
        if lazy.widget is not None:
            call(lazy.widget)
            return
        lazy.waiting.pop(key, None)
        lazy.waiting[key] = call

    def get(self, name: str) -> QWidget:
        """The tab's widget, built now if it was not."""
        lazy = self._lazy[name]
        if lazy.widget is None:
            self._build(name, lazy)
        assert lazy.widget is not None
        return lazy.widget

    def _build(self, name: str, lazy: _Lazy) -> None:
        widget = lazy.make()
        lazy.widget = widget
        index = self.tabs.indexOf(lazy.placeholder)
        current = self.tabs.currentIndex()
        enabled, tooltip = self.tabs.isTabEnabled(index), self.tabs.tabToolTip(index)
        blocked = self.tabs.blockSignals(True)
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, widget, lazy.icon, lazy.text)
            self.tabs.setTabEnabled(index, enabled)
            self.tabs.setTabToolTip(index, tooltip)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(blocked)
        lazy.placeholder.deleteLater()
        waiting, lazy.waiting = lazy.waiting, {}
        for call in waiting.values():
            call(widget)
        if self.on_built is not None:
            self.on_built(name, widget)

    def _current_changed(self, index: int) -> None:
        shown = self.tabs.widget(index)
        for name, lazy in self._lazy.items():
            if lazy.widget is None and lazy.placeholder is shown:
                self._build(name, lazy)
                return


class LazyTab(Generic[TabT]):
    """A window's attribute that gives the tab `name` of its `lazy` (a `LazyTabs`), building it on first use."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, window: Any, owner: type | None = None) -> TabT:
        return cast(TabT, window.lazy.get(self.name))
