# Opora: set-up, run, test. Everything a fresh Debian 12 (root) machine needs is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

# Libraries Qt needs at run time (offscreen too), and what the tests add.
RUNTIME_APT := libegl1 libgl1 libglib2.0-0 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 \
	libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
	libxcb-randr0 libxcb-shape0 libxcb-xfixes0 libxcb-sync1 libxcb-xkb1 libx11-xcb1 libxcb-xinerama0
TEST_APT := postgresql xvfb poppler-utils

.PHONY: run test demo bench lint screenshots translations translations-update system-deps test-deps install clean

run: install translations
	$(BIN)/opora

DEMO_DB := out/demo.db

demo: install translations
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/opora demo --db $(DEMO_DB) --families 2000 --seed 1
	$(BIN)/opora --db $(DEMO_DB)

test: test-deps install translations
	scripts/run-tests.sh

screenshots: install translations
	test -f $(DEMO_DB) || $(BIN)/opora demo --db $(DEMO_DB) --families 2000 --seed 1
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots --db $(DEMO_DB) --out screenshots

bench: install
	$(BIN)/python bench/make_dataset.py
	$(BIN)/python bench/bench_search.py
	$(BIN)/python bench/bench_gui.py
	$(BIN)/python bench/bench_sessions.py
	$(BIN)/python bench/bench_reports.py
	$(BIN)/python bench/bench_import.py

lint: install
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

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory system-deps
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build dist src/*.egg-info resources/translations/*.qm
