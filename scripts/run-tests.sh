#!/usr/bin/env bash
# `npm test`: node's test runner via tsx over the given test files, one file at a time.
# Integration tests of several files share each notebook's QUICK run through LW_QUICK_CACHE
# (test/helpers/notebook-run.ts), a temporary folder removed when the tests end.
set -uo pipefail
cache="$(mktemp -d "${TMPDIR:-/tmp}/lw-quick-XXXXXX")"
trap 'rm -rf "$cache"' EXIT
export LW_QUICK_CACHE="$cache"
node --import tsx --test --test-concurrency=1 --test-reporter=tap "$@"
