"""A consent edited in the dialog that records one (#17 item 6): the consent's fields filled in, OK saves the
changes through `update_consent` (validated, in the person's scope, audited); a withdrawal stays as it was."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.registry.consents import ConsentData, ConsentRow, update_consent
from app.registry.family_card import MemberRow
from ui.context import UiContext
from ui.families.consent_dialog import ConsentDialog
from ui.forms import select_data, text_or_none


class EditConsentDialog(ConsentDialog):
    def __init__(self, context: UiContext, person: MemberRow, members: list[MemberRow], consent: ConsentRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, person, members, parent)
        self.consent = consent
        self.setWindowTitle(self.tr("Edit the consent"))
        self.signed_on.set_value(consent.signed_on)
        select_data(self.signer, consent.signer_person_id)
        if consent.signer_person_id is None:
            self.signer_name.setText(consent.signer_name)
        self._signer_changed()
        self.scope.setPlainText(consent.scope)
        self.includes_health.setChecked(consent.includes_health)
        self.valid_until.set_value(consent.valid_until)

    def save(self) -> None:
        if not self.check_dates(self.signed_on, self.valid_until):
            return
        data = ConsentData(
            signed_on=self.signed_on.value(), signer_person_id=self.signer.currentData(),
            signer_name=text_or_none(self.signer_name), scope=text_or_none(self.scope),
            includes_health=self.includes_health.isChecked(), valid_until=self.valid_until.value(),
            withdrawn_on=self.consent.withdrawn_on)
        consent_id, actor = self.consent.id, self.context.actor
        self.write(lambda session: update_consent(session, actor, consent_id, data))
