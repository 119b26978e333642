#!/usr/bin/env bash
# Runs every test: unit tests of each module, end-to-end tests through the real binaries, and
# integration tests against a real journald (started here, standalone, if none is running).
# Usage: scripts/test.sh [extra `swift test` arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

# journald answers when systemd-cat can open a stream to it. A socket file alone proves nothing:
# a journald that exited leaves its sockets behind.
journal_answers() { systemd-cat -t hanchot-test true 2>/dev/null; }

keeper_pid=
cleanup() {
  if [ -n "$keeper_pid" ]; then kill "$keeper_pid" 2>/dev/null || true; wait "$keeper_pid" 2>/dev/null || true; fi
  if [ -s /tmp/hanchot-test-journald.log ] && grep -q "restarting" /tmp/hanchot-test-journald.log; then
    echo "test: journald had to be restarted during the run:"; tail -n 20 /tmp/hanchot-test-journald.log
  fi
}
trap cleanup EXIT INT TERM
if ! journal_answers; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "test: no journald answers on /run/systemd/journal, and only root can start one; the integration tests will fail" >&2
  else
    # No systemd here (CI): journald runs standalone as root on the usual sockets. A keeper
    # restarts it if it goes away mid-run (and says so at the end), so that one lost journald
    # is a line in the output, not a dozen failed tests.
    : >/tmp/hanchot-test-journald.log
    (
      set +e  # a journald that died must not end its keeper
      trap 'kill "$jd" 2>/dev/null; wait "$jd" 2>/dev/null; exit 0' TERM
      while true; do
        /lib/systemd/systemd-journald </dev/null >>/tmp/hanchot-test-journald.log 2>&1 &
        jd=$!
        for _ in $(seq 50); do journal_answers && break; sleep 0.1; done
        while kill -0 "$jd" 2>/dev/null && journal_answers; do sleep 1; done
        kill "$jd" 2>/dev/null; wait "$jd" 2>/dev/null
        echo "test: journald (pid $jd) stopped answering; restarting it at $(date +%T)" >>/tmp/hanchot-test-journald.log
      done
    ) </dev/null >/dev/null 2>&1 &
    keeper_pid=$!
    for _ in $(seq 100); do journal_answers && break; sleep 0.1; done
    journal_answers && echo "test: started a standalone journald (kept by pid $keeper_pid)" \
      || echo "test: could not start journald; see /tmp/hanchot-test-journald.log" >&2
  fi
fi

# The unit's hardening must not regress (systemd-analyze, offline: no systemd needed).
scripts/check-unit-security.sh systemd/hanchotd.service 1.0

swift build --build-tests
swift test --skip-build "$@"

# The fault suite, short (seconds, on the debug binaries just built): kill -9 rounds, torn tails,
# a full disk, journald stopped, the log replaced under the daemon, clock jumps. `make torture`
# runs the long one. HANCHOT_SKIP_TORTURE=1 skips it.
if [ "${HANCHOT_SKIP_TORTURE:-0}" != 1 ]; then
  tests/torture/run.sh --short
fi

# The service as installed, under a real systemd in a container (release build, then ~30 s).
# HANCHOT_SKIP_SYSTEM_TEST=1 skips it (e.g. when iterating on unit tests).
if [ "${HANCHOT_SKIP_SYSTEM_TEST:-0}" != 1 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    tests/system/run.sh
  else
    echo "test: skipping tests/system/run.sh (needs root for systemd-nspawn)"
  fi
fi
