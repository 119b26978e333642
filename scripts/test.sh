#!/usr/bin/env bash
# Runs every test: unit tests of each module, end-to-end tests through the real binaries, and
# integration tests against a real journald (started here, standalone, if none is running).
# Usage: scripts/test.sh [extra `swift test` arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

journald_pid=
cleanup() {
  if [ -n "$journald_pid" ]; then kill "$journald_pid" 2>/dev/null || true; wait "$journald_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT INT TERM
if [ ! -S /run/systemd/journal/socket ] && [ "$(id -u)" -eq 0 ]; then
  # No systemd here (CI): journald runs standalone as root and listens on the usual socket.
  /lib/systemd/systemd-journald </dev/null >/tmp/hanchot-test-journald.log 2>&1 &
  journald_pid=$!
  for _ in $(seq 50); do [ -S /run/systemd/journal/socket ] && break; sleep 0.1; done
  echo "test: started a standalone journald (pid $journald_pid)"
fi

swift build --build-tests
swift test --skip-build "$@"

# The service as installed, under a real systemd in a container (release build, then ~30 s).
# HANCHOT_SKIP_SYSTEM_TEST=1 skips it (e.g. when iterating on unit tests).
if [ "${HANCHOT_SKIP_SYSTEM_TEST:-0}" != 1 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    tests/system/run.sh
  else
    echo "test: skipping tests/system/run.sh (needs root for systemd-nspawn)"
  fi
fi
