#!/usr/bin/env bash
# Benchmarks hanchotd (release build, real journald): start -> READY=1 on a 1M-event log, RSS with
# 100k open assignments, reminder lateness over >= 1,000 reminders, shell append -> reminder latency.
# Starts a standalone journald when none runs (root), and stops it on exit.
# Usage: scripts/bench-daemon.sh [--events N] [--reminders N] [--samples N]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --static-swift-stdlib --scratch-path .build-release --product hanchotd
bin=.build-release/release

journald_pid=
cleanup() {
  if [ -n "$journald_pid" ]; then kill "$journald_pid" 2>/dev/null || true; wait "$journald_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT INT TERM
# A socket file alone proves nothing (an exited journald leaves it): ask journald itself.
journal_answers() { systemd-cat -t hanchot-bench true 2>/dev/null; }
if ! journal_answers && [ "$(id -u)" -eq 0 ]; then
  /lib/systemd/systemd-journald </dev/null >/tmp/hanchot-bench-journald.log 2>&1 &
  journald_pid=$!
  for _ in $(seq 50); do journal_answers && break; sleep 0.1; done
fi
python3 scripts/bench_daemon.py --bin "$bin" "$@"
