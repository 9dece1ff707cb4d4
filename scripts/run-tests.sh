#!/usr/bin/env bash
# The whole test suite: lint, type check, layer contract, then pytest on SQLite and a throwaway PostgreSQL.
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
