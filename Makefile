# Opora: set-up, run, test. Everything a fresh Debian 12 (root) machine needs is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The app's venv holds the runtime packages only (`make run`); the test and installer tools come on top when
# `make test` / `make deb` need them.
STAMP := $(VENV)/.runtime-stamp
TEST_STAMP := $(VENV)/.test-stamp
INSTALLER_STAMP := $(VENV)/.installer-stamp
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

# Libraries Qt needs at run time (offscreen too) and the venv module, what the tests add (LibreOffice Calc makes
# the legacy .xls of the import test, Writer turns a Word document into the PDF that «Печать» prints, NSIS compiles
# the Windows installer script), and what packaging needs.
RUNTIME_APT := python3-venv libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 \
	libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1 libx11-xcb1 libxcb-xinerama0
TEST_APT := postgresql xvfb poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui nsis
INSTALLER_APT := binutils debootstrap nsis
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' src/app/__init__.py)
BUNDLE := build/dist/opora
DEB := build/opora_$(VERSION)_amd64.deb
BUNDLE_INPUTS := $(shell find src resources -type f -not -path '*/__pycache__/*' -not -name '*.pyc' 2>/dev/null) \
	installer/opora.spec installer/opora_entry.py

.PHONY: run test demo bench lint screenshots translations translations-update system-deps test-deps install \
	install-test bundle deb test-installer clean

run: install translations
	$(BIN)/opora

DEMO_DB := out/demo.db

demo: install translations
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/opora demo --db $(DEMO_DB) --families 2000 --seed 1
	$(BIN)/opora --db $(DEMO_DB)

# Everything, the .deb's install test on a fresh Debian 12 root included (about 9 min on top of the suite's 6:
# the bundle 2.5, the install test 5, debootstrap once 1.5).
test: test-deps install-test translations deb
	OPORA_DEB=$(DEB) scripts/run-tests.sh

# The Linux package: a PyInstaller bundle (rebuilt only when a source, resource or the spec changed) in a .deb.
bundle: $(BUNDLE)/opora

$(BUNDLE)/opora: $(INSTALLER_STAMP) $(QM) $(BUNDLE_INPUTS)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/pyinstaller \
		installer/opora.spec
	touch $@

deb: $(DEB)

$(DEB): $(BUNDLE)/opora installer/linux/build-deb.sh installer/linux/depends.py installer/linux/opora.desktop
	installer/linux/build-deb.sh $(BUNDLE) build

# Installs the .deb into a fresh Debian 12 minbase root (debootstrap, kept in build/), runs it, purges it.
test-installer: $(DEB) install-test
	OPORA_DEB=$(DEB) $(BIN)/python -m pytest -m installer tests/installer

screenshots: install translations
	test -f $(DEMO_DB) || $(BIN)/opora demo --db $(DEMO_DB) --families 2000 --seed 1
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots --db $(DEMO_DB) --out screenshots \
	  --help-images resources/help/images

bench: install
	$(BIN)/python bench/make_dataset.py
	$(BIN)/python bench/bench_search.py
	$(BIN)/python bench/bench_gui.py
	$(BIN)/python bench/bench_sessions.py
	$(BIN)/python bench/bench_reports.py
	$(BIN)/python bench/bench_import.py
	$(BIN)/python bench/bench_caseload.py
	$(BIN)/python bench/bench_worklist.py
	$(BIN)/python bench/bench_exchange.py

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

translations: install $(QM)

# After adding tr() strings: re-read the sources into the .ts, fill the new entries from JSON lists
# ([{"context", "source", "translation"}], e.g. `make translations-update TR=new.json`), rebuild the .qm.
translations-update: install
	$(BIN)/pyside6-lupdate $$(find src/ui -name '*.py' | sort) -ts resources/translations/opora_ru.ts -no-obsolete
	$(BIN)/python scripts/fill_translations.py $(TR)
	$(BIN)/pyside6-lrelease resources/translations/opora_ru.ts -qm resources/translations/opora_ru.qm

resources/translations/%.qm: resources/translations/%.ts
	$(BIN)/pyside6-lrelease $< -qm $@

system-deps:
	@scripts/apt-ensure.sh $(RUNTIME_APT)

test-deps:
	@scripts/apt-ensure.sh $(RUNTIME_APT) $(TEST_APT)

install: $(STAMP)

install-test: $(TEST_STAMP)

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

$(INSTALLER_STAMP): $(STAMP)
	@scripts/apt-ensure.sh $(INSTALLER_APT)
	$(BIN)/pip install --quiet -e '.[installer]'
	touch $(INSTALLER_STAMP)

clean:
	rm -rf $(VENV) build dist src/*.egg-info resources/translations/*.qm
