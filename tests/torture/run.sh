#!/usr/bin/env bash
# The fault suite (issue 11): kill -9 rounds, every-offset truncation, a full disk, journald
# stopped and restarted, the log replaced under the daemon, the clock jumping.
#
#   tests/torture/run.sh [--short|--full] [--bin DIR] [--only NAME[,NAME…]] [--list]
#
#   --short   seconds; what scripts/test.sh runs (on .build/debug)            [default]
#   --full    minutes; what `make torture` runs (on release binaries)
#   --bin DIR the directory of hanchot and hanchotd (default: TORTURE_BIN, else .build/debug)
#   --only    run only these scenarios (names as --list prints them)
#   --jobs N  scenarios run at once (default: 2 with --short, 1 with --full)
#
# Each scenario prints one line, `torture: NAME counts… PASS|FAIL|SKIP`, with evidence lines
# above a FAIL. The driver exits 1 when any scenario failed (a SKIP is not a failure: disk-full
# scenarios need root for a tmpfs, the clock scenario the faketime package, the journald one root
# and either a mount namespace or no journald already running). TORTURE_SEED=N repeats a run's
# random choices; TORTURE_KEEP=1 keeps each scenario's temp dir. See tests/torture/README.md.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

mode=short
jobs=
bin=${TORTURE_BIN:-}
only=
# In this order (with --short, two at a time: the order pairs a waiting one with a busy one).
all=(clock truncate journald kill9 replace-mv replace-cat replace-cat-stopped replace-truncate
     diskfull-daemon concurrent diskfull-cli)
while [ $# -gt 0 ]; do
  case $1 in
    --short) mode=short ;;
    --full) mode=full ;;
    --bin) bin=$2; shift ;;
    --bin=*) bin=${1#--bin=} ;;
    --only) only=$2; shift ;;
    --jobs) jobs=$2; shift ;;
    --jobs=*) jobs=${1#--jobs=} ;;
    --only=*) only=${1#--only=} ;;
    --list) printf '%s\n' "${all[@]}"; exit 0 ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "torture: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
bin=${bin:-$repo/.build/debug}
bin=$(cd "$bin" 2>/dev/null && pwd) || { echo "torture: no such directory: $bin" >&2; exit 2; }
for b in hanchot hanchotd; do
  [ -x "$bin/$b" ] || { echo "torture: $bin/$b not found (build it first)" >&2; exit 2; }
done
command -v python3 >/dev/null || { echo "torture: python3 is needed" >&2; exit 2; }

selected=("${all[@]}")
if [ -n "$only" ]; then
  IFS=, read -r -a selected <<<"$only"
  for s in "${selected[@]}"; do
    printf '%s\n' "${all[@]}" | grep -qx -- "$s" || { echo "torture: unknown scenario $s (see --list)" >&2; exit 2; }
  done
fi

# Which file runs a scenario, and with what argument.
script_of() {
  case $1 in
    replace-*) echo "replace.sh ${1#replace-}" ;;
    *) echo "$1.sh" ;;
  esac
}

limit=$([ "$mode" = full ] && echo 1200 || echo 120)
# --short runs two scenarios at a time (most of them wait on the daemon's clock more than they
# use a core); --full one at a time, so that no scenario's timing depends on another's load.
jobs=${jobs:-$([ "$mode" = full ] && echo 1 || echo 2)}
seed=${TORTURE_SEED:-$(( $(date +%s) % 100000 ))}
work=$(mktemp -d "${TMPDIR:-/tmp}/hanchot-torture-run.XXXXXX")
running=()
cleanup() {
  local p
  for p in "${running[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${running[@]}"; do wait "$p" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'echo "torture: interrupted" >&2; exit 130' INT TERM HUP

echo "torture: $mode run of ${#selected[@]} scenarios on $bin (seed $seed, $jobs at a time)"
started=$(date +%s)
passed=0 failed=0 skipped=0 failed_names=()
declare -A pid_of=() t0_of=() rc_of=() took_of=()
launch() {
  local s=$1 file arg
  read -r file arg <<<"$(script_of "$s")"
  t0_of[$s]=$(date +%s.%N)
  # timeout runs the scenario in a process group of its own and sends it SIGTERM at the limit;
  # the scenario's EXIT trap then stops everything it started.
  TORTURE_MODE=$mode TORTURE_BIN=$bin TORTURE_SEED=$seed \
    timeout --kill-after=15 "$limit" bash "$here/scenarios/$file" ${arg:+"$arg"} \
    >"$work/$s.out" 2>"$work/$s.err" &
  pid_of[$s]=$!
  running+=("$!")
}
report() {  # prints one finished scenario's lines and counts its result
  local s=$1 rc=${rc_of[$1]} last
  cat "$work/$s.out"
  last=$(grep '^torture: ' "$work/$s.out" | tail -1)
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    echo "torture: $s FAIL (timed out after $limit s)"; last="torture: $s FAIL"
  elif [ -z "$last" ]; then
    echo "torture: $s FAIL (exit $rc without a result line)"; last="torture: $s FAIL"
  elif [ "$rc" -ne 0 ] && [ "${last% FAIL}" = "$last" ]; then
    echo "torture: $s FAIL (exit $rc after: ${last#torture: })"; last="torture: $s FAIL"
  fi
  case $last in
    *" PASS") passed=$((passed + 1)) ;;
    *" SKIP ("*) skipped=$((skipped + 1)) ;;
    *) failed=$((failed + 1)); failed_names+=("$s")
       if [ -s "$work/$s.err" ]; then echo "    stderr of $s (last lines):"; tail -n 8 "$work/$s.err" | sed 's/^/      /'; fi ;;
  esac
  echo "      ($s: ${took_of[$s]} s)"
}
running=()
next=0 printed=0 n=${#selected[@]}
while [ "$printed" -lt "$n" ]; do
  while [ "$next" -lt "$n" ] && [ "${#running[@]}" -lt "$jobs" ]; do launch "${selected[$next]}"; next=$((next + 1)); done
  done_pid=
  wait -n -p done_pid "${running[@]}"; rc=$?
  for s in "${selected[@]}"; do
    if [ "${pid_of[$s]:-}" = "$done_pid" ]; then
      rc_of[$s]=$rc
      took_of[$s]=$(awk -v a="${t0_of[$s]}" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    fi
  done
  still=()
  for p in "${running[@]}"; do [ "$p" = "$done_pid" ] || still+=("$p"); done
  running=("${still[@]}")
  while [ "$printed" -lt "$n" ] && [ -n "${rc_of[${selected[$printed]}]:-}" ]; do report "${selected[$printed]}"; printed=$((printed + 1)); done
done
echo "torture: $passed passed, $failed failed, $skipped skipped in $(( $(date +%s) - started )) s${failed_names:+ — failed: ${failed_names[*]}}"
[ "$failed" -eq 0 ]
