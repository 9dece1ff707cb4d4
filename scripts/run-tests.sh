#!/usr/bin/env bash
# The whole test suite: lint, type check, layer contract, pytest on SQLite and a throwaway PostgreSQL, then (with
# OPORA_DEB naming the built package) the install test.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
cluster=$(mktemp -d /tmp/opora-pg-XXXXXX)
trap 'scripts/pg-test-cluster.sh stop "$cluster"' EXIT
OPORA_TEST_PG_URL=$(scripts/pg-test-cluster.sh start "$cluster")
export OPORA_TEST_PG_URL
$BIN/ruff check src tests bench
$BIN/mypy
$BIN/python -m pytest "$@"
if [ $# -eq 0 ] && [ -n "${OPORA_DEB:-}" ]; then
  # The built .deb installed into a fresh Debian 12 root (make test builds it first; see installer/README.md).
  $BIN/python -m pytest -m installer tests/installer
fi
