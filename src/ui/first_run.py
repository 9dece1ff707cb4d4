"""The first-run wizard: organisation, office, exchange identity (centre or office), districts and settlements,
first administrator."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.accounts.users import LoginResult
from app.core.errors import ValidationError
from app.exchange.partners import CENTRE, OFFICE, IdentityChoice, check_identity_choice, fix_identity
from app.system.first_run import FirstRun, PlaceSeed, check_places, complete_first_run
from ui import generated_files, style
from ui.errors import user_message
from ui.forms import error_label, show_message
from ui.resources import icon
from ui.worker import DatabaseWorker


class OrganizationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Your organisation"))
        self.setSubTitle(self.tr("The name appears in report headings; the office is where this computer works."))
        self.organization = QLineEdit()
        self.organization.setObjectName("organization")
        self.organization.setPlaceholderText(self.tr("e.g. Centre for social help to families and children"))
        self.office = QLineEdit()
        self.office.setObjectName("office")
        self.errors = error_label()
        form = QFormLayout(self)
        form.addRow(self.tr("Organisation:"), self.organization)
        form.addRow(self.tr("Office:"), self.office)
        form.addRow(self.errors)
        self.registerField("organization*", self.organization)


class IdentityPage(QWizardPage):
    """The installation's identity in the office exchange, fixed once: the regional centre (its code and name)
    or an office (the key file its centre issued, now or later in «Обмен данными»)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Regional centre or office"))
        self.setSubTitle(self.tr("Offices without internet exchange packages with the regional centre. "
                                 "This is chosen once and does not change afterwards."))
        self.centre = QRadioButton(self.tr("Regional centre (or a centre working on its own)"), objectName="centre")
        self.office = QRadioButton(self.tr("Office of a regional centre"), objectName="office_role")
        self.roles = QButtonGroup(self)
        self.roles.addButton(self.centre)
        self.roles.addButton(self.office)
        self.centre.setChecked(True)
        self.code = QLineEdit("ЦЕНТР", objectName="centre_code")
        self.name = QLineEdit(objectName="centre_name")
        self.key_file = QLineEdit(objectName="key_file")
        self.key_file.setPlaceholderText(self.tr("empty: load it later in Data exchange"))
        self.browse = QPushButton(icon("open"), self.tr("Choose…"), objectName="choose_key")
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self.choose_key_file)
        self.office_note = QLabel(self.tr(
            "An office's code and name come from the key file the regional centre issues when it registers the "
            "office. Without the file now, load it later in Data exchange → «Load the office key…»."))
        self.office_note.setWordWrap(True)
        style.muted(self.office_note)
        self.errors = error_label()
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_file, 1)
        key_row.addWidget(self.browse)
        form = QFormLayout(self)
        form.addRow(self.centre)
        form.addRow(self.tr("Centre code:"), self.code)
        form.addRow(self.tr("Centre name:"), self.name)
        form.addRow(self.office)
        form.addRow(self.tr("Office key file:"), key_row)
        form.addRow(self.office_note)
        form.addRow(self.errors)
        self.centre.toggled.connect(self._role_changed)
        self._role_changed()

    def initializePage(self) -> None:
        """The centre's name proposed from the organisation typed on the first page (kept once edited)."""
        if not self.name.text().strip():
            self.name.setText(str(self.field("organization") or "").strip())

    def _role_changed(self) -> None:
        centre = self.centre.isChecked()
        for widget in (self.code, self.name):
            widget.setEnabled(centre)
        for widget in (self.key_file, self.browse):
            widget.setEnabled(not centre)

    def choose_key_file(self) -> None:
        path = generated_files.ask_open_path(self, self.tr("The office key file"), "exchange_keys",
                                             self.tr("Opora exchange key (*.opora-key);;All files (*)"))
        if path is not None:
            self.key_file.setText(str(path))

    def choice(self) -> IdentityChoice:
        if self.centre.isChecked():
            return IdentityChoice(CENTRE, self.code.text(), self.name.text())
        key = self.key_file.text().strip()
        return IdentityChoice(OFFICE, key_file=Path(key) if key else None)

    def validatePage(self) -> bool:
        try:
            check_identity_choice(self.choice())
        except ValidationError as error:
            show_message(self.errors, "\n".join(error.errors.values()))
            return False
        show_message(self.errors, "")
        return True


class PlacesPage(QWizardPage):
    COLUMNS = 4

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Districts and settlements"))
        self.setSubTitle(self.tr("Optional: you can skip this and fill the dictionaries later."))
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("places")
        self.table.setHorizontalHeaderLabels(
            [self.tr("District"), self.tr("Municipality"), self.tr("Settlement"), self.tr("Distance, km")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        add = QPushButton(icon("add"), self.tr("Add row"))
        add.setObjectName("add_place")
        # clicked(bool) must not reach add_row as its values.
        add.clicked.connect(lambda _checked=False: self.add_row())
        remove = QPushButton(icon("delete"), self.tr("Remove row"))
        remove.setObjectName("remove_place")
        remove.clicked.connect(self.remove_row)
        for button in (add, remove):
            # Enter or Space meant for the table or a message must not press these (a row would be lost).
            button.setAutoDefault(False)
            button.setDefault(False)
        self.errors = error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.errors)

    def add_row(self, values: tuple[str, ...] = ()) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(self.COLUMNS):
            text = values[column] if column < len(values) else ""
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.setCurrentCell(row, 0)
        if not values:  # typing starts in the new row's first cell
            self.table.setFocus()
            self.table.editItem(self.table.item(row, 0))

    def remove_row(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())

    def places(self) -> list[PlaceSeed]:
        rows = []
        for row in range(self.table.rowCount()):
            cells = [(self.table.item(row, c).text() if self.table.item(row, c) else "") for c in range(self.COLUMNS)]
            if any(cell.strip() for cell in cells):
                rows.append(PlaceSeed(row + 1, cells[0], cells[1], cells[2], cells[3]))
        return rows

    def validatePage(self) -> bool:
        """Rows are checked when leaving the page, not only at «Finish»."""
        self.table.setCurrentCell(-1, -1)  # commit a cell still being edited
        try:
            check_places(self.places())
        except ValidationError as error:
            show_message(self.errors, "\n".join(error.errors.values()))
            return False
        show_message(self.errors, "")
        return True


class AdminPage(QWizardPage):
    def __init__(self, can_encrypt: bool = True) -> None:
        super().__init__()
        self.setTitle(self.tr("First administrator"))
        self.setSubTitle(self.tr("There are no built-in accounts: this is the only way in until you add users."))
        self.full_name = QLineEdit()
        self.full_name.setObjectName("admin_name")
        self.login = QLineEdit()
        self.login.setObjectName("admin_login")
        self.password = QLineEdit()
        self.password.setObjectName("admin_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setObjectName("admin_repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.encrypt = QCheckBox(self.tr("Encrypt the database"))
        self.encrypt.setObjectName("encrypt")
        self.encrypt_note = QLabel(self.tr(
            "The database file and its backups will open only on this computer (and where an administrator "
            "imports the key), so a copied file cannot be read. Export the key later in Administration → "
            "Encryption and keep it apart from the database. Encryption can also be turned on later."))
        self.encrypt_note.setWordWrap(True)
        style.muted(self.encrypt_note)
        self.errors = error_label()
        form = QFormLayout(self)
        form.addRow(self.tr("Full name:"), self.full_name)
        form.addRow(self.tr("Login:"), self.login)
        form.addRow(self.tr("Password:"), self.password)
        form.addRow(self.tr("Repeat password:"), self.repeat)
        if can_encrypt:  # SQLite only: a PostgreSQL server encrypts its own disks
            form.addRow(self.encrypt)
            form.addRow(self.encrypt_note)
        else:
            self.encrypt.hide()
            self.encrypt_note.hide()
        form.addRow(self.errors)
        self.registerField("admin_login*", self.login)
        self.registerField("admin_password*", self.password)


WizardPage = OrganizationPage | IdentityPage | PlacesPage | AdminPage


class FirstRunWizard(QWizard):
    """Collects the first setup and saves it in one unit of work on the database worker."""

    def __init__(self, worker: DatabaseWorker) -> None:
        super().__init__()
        self.worker = worker
        self.saving = False
        self.result_login: LoginResult | None = None  # the new administrator, signed in on success
        self.setWindowTitle(self.tr("Opora — first start"))
        self.setWindowIcon(icon("opora"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, icon("opora").pixmap(56, 56))
        # Going back must not wipe what was typed (QWizard's default cleanupPage resets fields).
        self.setOption(QWizard.WizardOption.IndependentPages, True)
        self.setMinimumSize(720, 480)
        self.organization_page = OrganizationPage()
        self.identity_page = IdentityPage()
        self.places_page = PlacesPage()
        self.admin_page = AdminPage(can_encrypt=worker.database.is_sqlite)
        for page in self.own_pages():
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))

    def own_pages(self) -> tuple[WizardPage, ...]:
        return self.organization_page, self.identity_page, self.places_page, self.admin_page

    def collected(self) -> FirstRun:
        return FirstRun(
            organization=self.organization_page.organization.text(),
            office=self.organization_page.office.text(),
            admin_name=self.admin_page.full_name.text(),
            admin_login=self.admin_page.login.text(),
            admin_password=self.admin_page.password.text(),
            places=self.places_page.places(),
            encrypt=self.admin_page.encrypt.isChecked(),
        )

    def accept(self) -> None:
        """Finish: check the repeated password here, save through the worker, close on success."""
        if self.saving:
            return
        for page in self.own_pages():
            show_message(page.errors, "")
        if self.admin_page.password.text() != self.admin_page.repeat.text():
            show_message(self.admin_page.errors, self.tr("The passwords do not match."))
            return
        # QWizard owns its buttons' enabled state; the `saving` flag guards against a double click.
        self.saving = True
        data, choice = self.collected(), self.identity_page.choice()
        self.worker.submit(
            lambda database: complete_first_run(
                database, data, lambda session, actor: fix_identity(session, actor, choice)),
            self._saved, self._failed)

    def _saved(self, result: LoginResult) -> None:
        self.saving = False
        self.result_login = result
        super().accept()

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        if not isinstance(error, ValidationError):
            show_message(self.admin_page.errors, user_message(error))
            return
        pages: dict[str, WizardPage] = {"organization": self.organization_page, "office": self.organization_page,
                 "exchange": self.identity_page}
        for field, message in error.errors.items():
            page = pages.get(field.split(".")[0], self.places_page if field.startswith("places") else self.admin_page)
            show_message(page.errors, (page.errors.text() + "\n" + message).strip())
        first_page = next((p for p in self.own_pages() if p.errors.text()), None)
        if first_page is not None:
            while self.currentPage() is not first_page and self.currentId() > 0:
                self.back()
