#!/usr/bin/env bash
# Benchmarks hanchot in one command: builds release binaries (in .build-bench, so that it does not
# disturb other builds), generates a realistic 1,000,000-event log in a temporary directory, and
# measures replay, `hanchot done` latency and concurrent appends, ending with a summary block.
#
# Usage: scripts/bench.sh [extra `hanchot-bench all` options, e.g. --runs 50 --skip-indexed-append]
#   EVENTS=200000 scripts/bench.sh     a smaller log
#   BENCH_DIR=/some/dir scripts/bench.sh   where the scratch files go (default: a new mktemp -d)
# Needs: swift (6.x), about 1.2 GB of free disk in the scratch directory, a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

events=${EVENTS:-1000000}
scratch=.build-bench

# Built as `make install` builds them: the Swift standard library linked in, and `hanchot` fully
# static (start-up is most of what `hanchot done` costs).
flags=(-c release --static-swift-stdlib --scratch-path "$scratch")
cli_flags=(-c release --scratch-path "$scratch-cli" -Xswiftc -static-executable)
echo "bench: building release binaries in $scratch and $scratch-cli"
swift build "${flags[@]}" --product hanchot-bench
swift build "${cli_flags[@]}" --product hanchot
bin=$(swift build "${flags[@]}" --show-bin-path)
cli_bin=$(swift build "${cli_flags[@]}" --show-bin-path)

parent=${BENCH_DIR:-${TMPDIR:-/tmp}}
mkdir -p "$parent"
dir=$(mktemp -d "$parent/hanchot-bench.XXXXXX")

pid=
cleanup() {
  status=$?
  trap - EXIT INT TERM
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    # The benchmark runs in its own process group (set -m below): end it and its children.
    kill -TERM -- "-$pid" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT INT TERM

echo "bench: scratch directory $dir (removed at the end)"
set -m  # background jobs get their own process group, so the trap can end all of it
"$bin/hanchot-bench" all --events "$events" --dir "$dir" --hanchot "$cli_bin/hanchot" "$@" &
pid=$!
set +m
wait "$pid"
