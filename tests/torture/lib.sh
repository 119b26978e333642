# Shared by every scenario of tests/torture (sourced, not run).
#
# A scenario is a bash file in scenarios/ that the driver (run.sh) runs as its own process with
#   TORTURE_MODE   short | full
#   TORTURE_BIN    the directory holding hanchot and hanchotd
#   TORTURE_SEED   seed of $RANDOM (printed on failure, so a run can be repeated)
# It prints exactly one result line on standard output,
#   torture: NAME key=value … PASS|FAIL|SKIP (reason)
# preceded, on failure, by indented evidence lines; it exits 0 (PASS, SKIP) or 1 (FAIL).
#
# Everything a scenario starts in the background goes through `bg`: its own process group
# (setsid), output to a file, killed with its whole group by the EXIT trap installed here. The
# scenario's temp dir (mktemp -d) and any tmpfs it mounted go away in the same trap.
set -uo pipefail

TORTURE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
MODE=${TORTURE_MODE:-short}
BIN=${TORTURE_BIN:?TORTURE_BIN must name the directory of hanchot and hanchotd}
HANCHOT=$BIN/hanchot
HANCHOTD=$BIN/hanchotd
SEED=${TORTURE_SEED:-$$}
RANDOM=$SEED
PY="python3 $TORTURE_DIR/check.py"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/hanchot-torture.XXXXXX")
_bg_groups=()
_mounts=()
_on_exit=()

_torture_cleanup() {
  local rc=$?
  set +e
  local g
  for g in "${_bg_groups[@]}"; do
    kill -CONT -- "-$g" 2>/dev/null   # a stopped group does not die of SIGTERM
    kill -KILL -- "-$g" 2>/dev/null
  done
  for g in "${_bg_groups[@]}"; do wait "$g" 2>/dev/null; done
  local f
  for f in "${_on_exit[@]}"; do "$f"; done
  local m
  for m in "${_mounts[@]}"; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null; done
  if [ "${TORTURE_KEEP:-0}" = 1 ]; then echo "  (kept $TMP)" >&2; else rm -rf "$TMP"; fi
  exit "$rc"
}
trap _torture_cleanup EXIT
trap 'exit 130' INT TERM HUP

# at_exit FUNCTION: also run FUNCTION in the EXIT trap (after the background groups are gone).
at_exit() { _on_exit+=("$1"); }

# bg OUTFILE CMD...: runs CMD in the background in its own process group, stdin from /dev/null,
# stdout+stderr to OUTFILE (appended). Sets BG_PID (= its process group id).
bg() {
  local out=$1; shift
  setsid "$@" </dev/null >>"$out" 2>&1 &
  BG_PID=$!
  _bg_groups+=("$BG_PID")
}

# kill_group SIGNAL PGID: signals a whole background group and, for KILL/TERM, reaps it.
kill_group() {
  kill "-$1" -- "-$2" 2>/dev/null
  case $1 in KILL|9|TERM|15) wait "$2" 2>/dev/null ;; esac
  return 0
}

# mount_tmpfs DIR SIZE: a small tmpfs at DIR (unmounted in the EXIT trap). Fails when not root
# or when mounting is not allowed here.
mount_tmpfs() {
  mkdir -p "$1"
  mount -t tmpfs -o "size=$2,mode=0755" tmpfs "$1" 2>"$TMP/mount.err" || return 1
  _mounts+=("$1")
}

# Results. `evidence` lines are printed before the result line (indented), a few per scenario.
_evidence=()
evidence() { _evidence+=("$*"); }
result() {  # result NAME STATUS FIELDS...   (STATUS: PASS FAIL SKIP)
  local name=$1 status=$2; shift 2
  local e
  if [ "$status" = FAIL ]; then
    for e in "${_evidence[@]}"; do printf '    %s\n' "$e"; done
    printf '    (seed %s; TORTURE_SEED=%s TORTURE_KEEP=1 keeps the temp dir)\n' "$SEED" "$SEED"
  fi
  echo "torture: $name${*:+ $*} $status"
  [ "$status" != FAIL ]
}
skip() { echo "torture: $1 SKIP ($2)"; exit 0; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# The one config every scenario uses, with a second-scale reminder policy:
#   config FILE BEFORE OVERDUE_EVERY OVERDUE_LIMIT [LATE_AFTER]
config() {
  cat >"$1" <<EOF
# written by tests/torture
[locale]
timezone = "Asia/Ho_Chi_Minh"
language = "en"

[office_hours]
enabled = false

[calendar]
shift_deadlines = false

[reminders]
before = [$2]
at_due = true
overdue_every = "$3"
overdue_limit = $4
late_after = "${5:-1m}"
EOF
}

# local_time SECONDS_FROM_NOW: a deadline for the CLI, in the config's zone.
local_time() { TZ=Asia/Ho_Chi_Minh date -d "@$(( $(date +%s) + $1 ))" '+%Y-%m-%dT%H:%M:%S'; }

# hc ARGS...: the CLI, in English, against $LOG and $CFG (set by the scenario).
hc() { HANCHOT_LANG=en "$HANCHOT" "$@" --log "$LOG" --config "$CFG"; }

# start_daemon OUTFILE [SINK]: hanchotd on $LOG with $CFG; sets DAEMON_PID.
start_daemon() {
  bg "$1" "$HANCHOTD" --log "$LOG" --config "$CFG" --sink "${2:-stderr}"
  DAEMON_PID=$BG_PID
}

# wait_for SECONDS CMD...: polls CMD every 0.1 s until it succeeds; fails after SECONDS.
wait_for() {
  local end=$(( $(date +%s%N) + $1 * 1000000000 )); shift
  until "$@"; do
    [ "$(date +%s%N)" -lt "$end" ] || return 1
    sleep 0.1
  done
}

# rand_sleep LO_MS HI_MS: a random duration between LO_MS and HI_MS ms, as a sleep argument.
rand_sleep() { local ms=$(( $1 + RANDOM % ($2 - $1 + 1) )); printf '%d.%03d' $((ms / 1000)) $((ms % 1000)); }

pick() { [ "$MODE" = full ] && echo "$2" || echo "$1"; }  # pick SHORT FULL
