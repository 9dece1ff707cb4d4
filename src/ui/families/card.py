"""The family card: one window per family with tabs for the family, members, categories, consents,
support cases and history. `FamilyCardWindow(context, None)` registers a new family.

Data comes in one worker round trip (`card_models.load_card`); the family tab is saved with Ctrl+S,
everything else is saved by its own dialog at once. Every write goes through `ui.ops.run_op`, which
announces the changed areas (app.core.changes) once, so the registry list hears it through its own
subscription; the card itself re-reads after its own writes (`after_write`).
"""

from __future__ import annotations

import html
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.core.changes import Saved
from app.core.errors import ValidationError
from app.core.permissions import EDIT_RECORDS, allowed
from app.core.text import format_date
from app.reference.choices import FamilyCardChoices, family_card_choices
from app.registry.families import NewFamily, register_family, update_family
from app.system.view_audit import AUDITED, NOTED, UNRECORDED, Viewed, read_with_view_audit
from ui import style
from ui.context import UiContext
from ui.date_edit import date_errors
from ui.errors import show_error
from ui.families.card_assessments import AssessmentsTab
from ui.families.card_cases import CasesTab
from ui.families.card_categories import CategoriesTab
from ui.families.card_consents import ConsentsTab
from ui.families.card_family import FamilyTab
from ui.families.card_history import HistoryTab
from ui.families.card_members import MembersTab, consent_text
from ui.families.card_models import CardData, load_card
from ui.families.card_papers import PapersTab
from ui.families.lazy_tabs import LazyTab, LazyTabs
from ui.forms import FieldErrors
from ui.openers import open_record
from ui.ops import run_op
from ui.resources import icon
from ui.worker import alive

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from db.session import Database


CHOICES_CACHE_KEY = "family_card_choices"


class FamilyCardWindow(QWidget):
    # The tabs other than «Семья», built on first use (ui.families.lazy_tabs).
    members_tab = LazyTab[MembersTab]("members")
    categories_tab = LazyTab[CategoriesTab]("categories")
    consents_tab = LazyTab[ConsentsTab]("consents")
    cases_tab = LazyTab[CasesTab]("cases")
    assessments_tab = LazyTab[AssessmentsTab]("assessments")
    papers_tab = LazyTab[PapersTab]("papers")
    history_tab = LazyTab[HistoryTab]("history")

    def __init__(self, context: UiContext, family_id: uuid.UUID | None) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.context, self.family_id = context, family_id
        self.responsible_staff_id: uuid.UUID | None = None  # set when the card arrives
        self.office_id: uuid.UUID | None = None
        self.choices: FamilyCardChoices | None = None
        self.data: CardData | None = None
        self.can_edit = allowed(context.actor, EDIT_RECORDS)
        self.dirty = self.saving = self.close_after_save = self.discard_confirmed = False
        self.unsaved_box: QMessageBox | None = None
        self._generation = 0
        self.setWindowIcon(icon("families"))
        self.resize(1180, 700)
        self.setMinimumSize(960, 600)
        self._build()
        self._switch_mode()
        self.load()

    # --- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = style.section_title(QLabel())
        self.subtitle = QLabel(objectName="subtitle")
        style.muted(self.subtitle)
        self.banner = style.warning_banner(QLabel(wordWrap=True))
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.linkActivated.connect(self._banner_link)
        self.banner.hide()
        self.errors = FieldErrors()
        self.family_tab = FamilyTab(self.errors, self.mark_dirty)
        self.tabs = QTabWidget(objectName="card_tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.family_tab, icon("families"), self.tr("Family"))
        # The other tabs are built when first opened or used (see ui.families.lazy_tabs).
        self.lazy = LazyTabs(self.tabs, self._tab_built)
        for name, make, tab_icon, text in (
            ("members", lambda: MembersTab(self), icon("user"), self.tr("Members")),
            ("categories", lambda: CategoriesTab(self), icon("filter"), self.tr("Categories")),
            ("consents", lambda: ConsentsTab(self), icon("lock"), self.tr("Consents")),
            ("cases", lambda: CasesTab(self), icon("reports"), self.tr("Support")),
            ("assessments", lambda: AssessmentsTab(self), icon("check"), self.tr("Assessments")),
            ("papers", lambda: PapersTab(self), icon("print"), self.tr("Documents")),
            ("history", self._make_history, icon("calendar"), self.tr("History")),
        ):
            self.lazy.add(name, make, tab_icon, text)
        self.status = QLabel(objectName="status")
        style.muted(self.status)
        self.audit_notice = style.warning_banner(QLabel(objectName="audit_notice"))
        self.audit_notice.setWordWrap(True)
        self.audit_notice.hide()
        self.save_button = QPushButton(icon("save"), self.tr("Save"), objectName="save")
        self.save_button.setToolTip("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(icon("close"), self.tr("Close"), objectName="close")
        self.close_button.setToolTip("Esc")
        self.close_button.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.banner)
        layout.addWidget(self.audit_notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.errors.general)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)

    def _make_history(self) -> HistoryTab:
        tab = HistoryTab()
        tab.open_record.connect(lambda kind, record_id: open_record(self.context, kind, record_id))
        return tab

    def _tab_built(self, _name: str, tab: QWidget) -> None:
        if hasattr(tab, "update_buttons"):
            tab.update_buttons()

    def _switch_mode(self) -> None:
        """New family: only the family and members (and categories) until the first save."""
        new = self.family_id is None
        for name in ("consents", "cases", "papers", "history"):
            index = self.lazy.index(name)
            self.tabs.setTabEnabled(index, not new)
            self.tabs.setTabToolTip(index, self.tr("Available once the family is saved") if new else "")
        if new:
            self.title.setText(self.tr("New family"))
            self.setWindowTitle(self.tr("New family[*] — Opora"))
            self.subtitle.setText(self.tr("Fill in the family and add its members, then save (Ctrl+S)."))
        self._update_state()

    def is_loaded(self) -> bool:
        """True once the pickers and (for a saved family) the card have arrived from the worker."""
        return self.choices is not None and (self.family_id is None or self.data is not None)

    def _update_state(self) -> None:
        loaded = self.is_loaded()
        self.family_tab.setEnabled(loaded and self.can_edit and not self.saving)
        self.save_button.setEnabled(loaded and self.can_edit and self.dirty and not self.saving)
        for tab in self.lazy.built(("members", "categories", "consents", "cases", "papers")):
            tab.update_buttons()  # type: ignore[attr-defined]

    # --- loading --------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the pickers (once) and the card in one job; stale answers are dropped."""
        self._generation += 1
        if self.choices is None and CHOICES_CACHE_KEY in self.context.cache:
            self._loaded(self._generation, self.context.cache[CHOICES_CACHE_KEY], None)
        generation, family_id, need_choices = self._generation, self.family_id, self.choices is None
        actor = self.context.actor
        if need_choices:
            self.status.setText(self.tr("Loading…"))

        def read(session: Session, audited: bool) -> tuple[FamilyCardChoices | None, CardData | None]:
            choices = family_card_choices(session) if need_choices else None
            return choices, load_card(session, actor, family_id, audited) if family_id is not None else None

        def job(database: Database) -> Viewed[tuple[FamilyCardChoices | None, CardData | None]]:
            # A write unit because opening a card is audited (it changes nothing a screen shows, so nothing is
            # announced); on a read-only database the card is read all the same and the view is kept on this
            # computer until it can go into the audit log (app.system.view_audit).
            return read_with_view_audit(database, read, lambda _result: [] if family_id is None else [
                (actor, "view", "family", family_id, ())])

        def done(viewed: Viewed[tuple[FamilyCardChoices | None, CardData | None]]) -> None:
            self._loaded(generation, *viewed.value)
            self._show_view_record(viewed.recorded)

        self.context.worker.submit(job, alive(self, done), alive(self, self._load_failed))

    def _show_view_record(self, recorded: str) -> None:
        """Say so when this opening of the card is not in the audit log (a read-only database)."""
        if recorded == NOTED:
            self.audit_notice.setText(self.tr(
                "The database is open read-only, so this view of the card could not be written to the audit log. "
                "It is noted on this computer and will be added to the log at the next sign-in when the database "
                "can be written."))
        elif recorded == UNRECORDED:
            self.audit_notice.setText(self.tr(
                "The database is open read-only and this computer's journal cannot be written either: this view "
                "of the card is not recorded anywhere. Tell the administrator."))
        self.audit_notice.setVisible(recorded != AUDITED)

    def _load_failed(self, error: BaseException) -> None:
        self.status.setText("")
        show_error(self, error)

    def _loaded(self, generation: int, choices: FamilyCardChoices | None, data: CardData | None) -> None:
        if generation != self._generation:
            return
        if choices is not None:
            self.context.cache[CHOICES_CACHE_KEY] = choices
            self.choices = choices
            self.family_tab.set_choices(choices)
            if self.family_id is None:
                self.family_tab.set_defaults(self.context.actor)
                self.lazy.when_built("members", "pending", lambda tab: cast(MembersTab, tab).refresh_pending())
        if self.status.text() == self.tr("Loading…"):
            self.status.setText("")
        if data is not None:
            self.data = data
            self._show(data)
        self._update_state()

    def _show(self, data: CardData) -> None:
        card = data.card
        self.responsible_staff_id = card.responsible_staff_id  # the default specialist of new cases and plan rows
        self.office_id = card.office_id  # whose staff the pickers show first
        title = card.title or self.tr("Family without current members")
        self.title.setText(title)
        self.setWindowTitle(self.tr("{title}[*] — family card").format(title=title))
        place = ", ".join(part for part in (card.district, card.settlement) if part)
        self.subtitle.setText(" · ".join(part for part in (
            card.office, place, self.tr("registered on {day}").format(day=format_date(card.registered_on)),
            self.tr("responsible: {name}").format(name=card.responsible) if card.responsible else "") if part))
        if not self.dirty:  # never overwrite what the user is typing in the family tab
            self.family_tab.show_card(card)
        show = self.lazy.when_built
        show("members", "data", lambda tab: cast(MembersTab, tab).show_members(card.members))
        show("categories", "data", lambda tab: cast(CategoriesTab, tab).show_categories(card.categories))
        show("consents", "data", lambda tab: cast(ConsentsTab, tab).show_consents(card.members, data.consents))
        show("cases", "data", lambda tab: cast(CasesTab, tab).show_cases(data.cases, card.members))
        show("assessments", "data",
             lambda tab: cast(AssessmentsTab, tab).show_family(card.id, data.cases, card.members))
        show("papers", "data", lambda tab: cast(PapersTab, tab).show_papers(data.papers, data.cases, card.members))
        show("history", "data", lambda tab: cast(HistoryTab, tab).show_history(card.history))
        self._show_banner(data)

    def _show_banner(self, data: CardData) -> None:
        missing = data.card.members_without_consent
        lines = []
        if missing:
            names = ", ".join(f"{html.escape(m.full_name)} ({consent_text(m.consent)})" for m in missing)
            lines.append(self.tr("No valid consent to personal data processing: {names}. "
                                 "<a href=\"consents\">Open consents</a>").format(names=names))
        pending = [c for c in data.card.categories if c.decision_missing]
        if pending:  # a СОП family imported without its КДН и ЗП decision
            lines.append(self.tr("{categories}: no KDN decision — complete it. <a href=\"categories\">Enter the "
                                 "decision</a>").format(categories=", ".join(html.escape(c.name) for c in pending)))
        if not lines:
            self.banner.hide()
            return
        self.banner.setText("<br>".join(lines))
        self.banner.show()

    def _banner_link(self, link: str) -> None:
        if link == "categories":
            self.tabs.setCurrentWidget(self.categories_tab)
            self.categories_tab.select_missing_decision()
        else:
            self.tabs.setCurrentWidget(self.consents_tab)

    # --- editing and saving ---------------------------------------------------------------------
    def mark_dirty(self) -> None:
        if not self.dirty:
            self.dirty = True
            self.setWindowModified(True)
            self.status.setText(self.tr("Unsaved changes"))
            self._update_state()

    def save(self) -> None:
        if self.saving or not self.save_button.isEnabled():
            return
        self.errors.clear()
        for tab in self.lazy.built(("members", "categories")):  # a tab never opened has nothing to clear
            tab.show_error("")  # type: ignore[attr-defined]
        problems = date_errors([self.family_tab.registered_on])
        if problems:
            self.errors.show(problems)
            self.tabs.setCurrentWidget(self.family_tab)
            return
        data, actor, family_id = self.family_tab.data(), self.context.actor, self.family_id
        # Members and categories added before the first save wait in their tabs (none if a tab was never opened).
        members = self.members_tab.pending_members() if self.lazy.built(("members",)) else []
        categories = list(self.categories_tab.pending) if self.lazy.built(("categories",)) else []
        if family_id is None:
            def action(session: Session) -> Saved:
                return register_family(session, actor, NewFamily(data, members, categories))
        else:
            def action(session: Session) -> Saved:
                return update_family(session, actor, family_id, data)
        self.saving = True
        self.status.setText(self.tr("Saving…"))
        self._update_state()
        run_op(self, self.context, action, self._saved, self._save_failed)

    def _saved(self, saved: Saved) -> None:
        self.saving = False
        self.dirty = False
        self.setWindowModified(False)
        if self.family_id is None:
            self.family_id = saved.id
            for tab in self.lazy.built(("members", "categories")):
                tab.pending.clear()  # type: ignore[attr-defined]
            self._switch_mode()
        self.status.setText(self.tr("Saved at {time}").format(time=datetime.now().strftime("%H:%M")))
        self._update_state()
        if self.close_after_save:
            self.discard_confirmed = True
            self.close()
            return
        self.load()

    def _save_failed(self, error: BaseException) -> None:
        self.saving = False
        self.close_after_save = False
        self.status.setText(self.tr("Not saved: see the messages"))
        self._update_state()
        if not isinstance(error, ValidationError):
            show_error(self, error)
            return
        own = {k: v for k, v in error.errors.items() if not k.startswith(("members.", "categories."))}
        self.errors.show(own)
        self._show_list_errors(error.errors, "members.", self.members_tab)
        self._show_list_errors(error.errors, "categories.", self.categories_tab)
        if not own:
            first = next(iter(error.errors))
            self.tabs.setCurrentWidget(self.members_tab if first.startswith("members.") else self.categories_tab)

    def _show_list_errors(self, errors: dict[str, str], prefix: str, tab: Any) -> None:
        """Messages about a not yet saved member or category, named after its row in the table."""
        lines = []
        for key, message in errors.items():
            if key.startswith(prefix):
                index = int(key.split(".")[1])
                row = tab.model.row(index)
                lines.append(f"{row.full_name if prefix == 'members.' else row.name}: {message}" if row else message)
                if row is not None and len(lines) == 1:
                    tab.table.selectRow(index)
        tab.show_error("\n".join(lines))

    def after_write(self, _result: Any = None) -> None:
        """A dialog of the card saved something (`run_op` has announced it already): re-read the card."""
        self.status.setText(self.tr("Saved at {time}").format(time=datetime.now().strftime("%H:%M")))
        self.load()

    # --- closing --------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty and not self.discard_confirmed:
            event.ignore()
            self.ask_unsaved()
            return
        super().closeEvent(event)

    def ask_unsaved(self) -> None:
        """Save / Discard / Cancel, asked without a nested event loop (the box is window-modal)."""
        if self.unsaved_box is not None and self.unsaved_box.isVisible():
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Unsaved changes"),
                          self.tr("The family card has unsaved changes. Save them before closing?"),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("unsaved")
        box.button(QMessageBox.StandardButton.Save).setText(self.tr("Save"))
        box.button(QMessageBox.StandardButton.Discard).setText(self.tr("Don't save"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        box.buttonClicked.connect(lambda button: self._unsaved_answer(box.standardButton(button)))
        self.unsaved_box = box
        box.open()

    def _unsaved_answer(self, answer: QMessageBox.StandardButton) -> None:
        if answer == QMessageBox.StandardButton.Save:
            self.close_after_save = True
            self.save()
        elif answer == QMessageBox.StandardButton.Discard:
            self.discard_confirmed = True
            self.close()


_open_cards: dict[uuid.UUID, FamilyCardWindow] = {}


def open_family_card(context: UiContext, family_id: uuid.UUID) -> FamilyCardWindow:
    """Open a family's card from anywhere (the «Сегодня» screen, a deadline), or bring its open card forward."""
    card = _open_cards.get(family_id)
    if card is None or not shiboken6.isValid(card) or not card.isVisible():
        card = FamilyCardWindow(context, family_id)
        card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _open_cards[family_id] = card
    card.show()
    card.raise_()
    card.activateWindow()
    return card
