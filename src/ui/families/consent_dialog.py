"""A consent to personal-data processing (152-ФЗ) for one person, and its withdrawal."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from app.core.dates import ADULT_AGE
from app.core.text import format_date
from app.registry.consents import ConsentData, ConsentRow, add_consent, withdraw_consent
from app.registry.family_card import MemberRow
from ui import style
from ui.context import UiContext
from ui.date_edit import DateEdit
from ui.forms import FormDialog, text_or_none


class ConsentDialog(FormDialog):
    """Records a signed consent; for a child the signer is picked from the family's legal representatives."""

    def __init__(self, context: UiContext, person: MemberRow, members: list[MemberRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.person = person
        self.setWindowTitle(self.tr("Consent to personal data processing"))
        wrap = self.errors.wrap
        who = QLabel(self.tr("Consent of {name}").format(name=person.full_name))
        font = who.font()
        font.setBold(True)
        who.setFont(font)
        self.signed_on = DateEdit("signed_on")
        self.signed_on.set_value(date.today())
        self.signer = QComboBox(objectName="signer_person_id")
        is_child = person.age is not None and person.age < ADULT_AGE
        if not is_child:
            self.signer.addItem(self.tr("{name} (in person)").format(name=person.full_name), person.person_id)
        adults = [m for m in members if m.left_on is None and m.person_id != person.person_id
                  and (m.age is None or m.age >= ADULT_AGE)]
        for member in sorted(adults, key=lambda m: not m.is_legal_representative):
            suffix = self.tr("legal representative") if member.is_legal_representative else member.role
            self.signer.addItem(f"{member.full_name} — {suffix}", member.person_id)
        self.signer.addItem(self.tr("Another person (type the name)"), None)
        self.signer.currentIndexChanged.connect(self._signer_changed)
        self.signer_name = QLineEdit(objectName="signer_name")
        self.signer_name.setPlaceholderText(self.tr("Full name of the signer"))
        self.scope = QPlainTextEdit(objectName="scope")
        self.scope.setPlaceholderText(self.tr("Purposes and the list of data, as written in the consent"))
        self.scope.setFixedHeight(70)
        self.includes_health = QCheckBox(self.tr("Includes health data (a special category of data)"),
                                         objectName="includes_health", checked=True)
        self.valid_until = DateEdit("valid_until")
        form = QFormLayout()
        form.addRow(self.tr("Signed on:"), wrap(self.signed_on))
        form.addRow(self.tr("Signed by:"), wrap(self.signer))
        form.addRow("", wrap(self.signer_name))
        form.addRow(self.tr("Scope:"), wrap(self.scope))
        form.addRow("", wrap(self.includes_health))
        form.addRow(self.tr("Valid until:"), wrap(self.valid_until))
        hint = QLabel(self.tr("Leave «Valid until» empty for a consent without a term."), objectName="hint")
        style.muted(hint)
        self.body.addWidget(who)
        self.body.addLayout(form)
        self.body.addWidget(hint)
        self._signer_changed()
        self.setMinimumWidth(560)

    def _signer_changed(self) -> None:
        other = self.signer.currentData() is None
        self.signer_name.setEnabled(other)
        if not other:
            self.signer_name.clear()

    def save(self) -> None:
        if not self.check_dates(self.signed_on, self.valid_until):
            return
        data = ConsentData(
            signed_on=self.signed_on.value(), signer_person_id=self.signer.currentData(),
            signer_name=text_or_none(self.signer_name), scope=text_or_none(self.scope),
            includes_health=self.includes_health.isChecked(), valid_until=self.valid_until.value())
        person_id, actor = self.person.person_id, self.context.actor
        self.write(lambda session: add_consent(session, actor, person_id, data))


class WithdrawDialog(FormDialog):
    """Records the day a consent was withdrawn; the consent itself stays as a document."""

    def __init__(self, context: UiContext, consent: ConsentRow, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.consent = consent
        self.setWindowTitle(self.tr("Withdraw the consent"))
        text = QLabel(self.tr("Consent signed on {day} by {signer}.").format(
            day=format_date(consent.signed_on), signer=consent.signer_name), wordWrap=True)
        self.withdrawn_on = DateEdit("withdrawn_on")
        self.withdrawn_on.set_value(date.today())
        form = QFormLayout()
        form.addRow(self.tr("Withdrawn on:"), self.errors.wrap(self.withdrawn_on))
        self.body.addWidget(text)
        self.body.addLayout(form)
        self.ok_button.setText(self.tr("Withdraw"))
        self.setMinimumWidth(420)

    def save(self) -> None:
        if not self.check_dates(self.withdrawn_on):
            return
        consent_id, day, actor = self.consent.id, self.withdrawn_on.value(), self.context.actor
        self.write(lambda session: withdraw_consent(session, actor, consent_id, day))
