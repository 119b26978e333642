#!/usr/bin/env bash
# System test: hanchot as installed by `make install`, under a real systemd (PID 1 in
# systemd-nspawn, booted by shared/tools/sdbox.sh on the host's own /usr).
#
#   sudo tests/system/run.sh          (needs root: systemd-nspawn, nsenter)
#
# Environment:
#   SDBOX_SH      path of sdbox.sh (default: ../shared/tools/sdbox.sh next to the repository)
#   HST_WORK      where the stage and logs go (default: .build-system in the repository)
#   HST_SKIP_BUILD=1  reuse the stage from the last run (no `make install`)
#
# Prints one PASS/FAIL line per check, then "N passed, M failed"; exits non-zero on any failure.
# Logs (build, box console, the box's whole journal) stay in $HST_WORK/logs for a failed run.
set -euo pipefail

started=$(date +%s.%N)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
SDBOX_SH=${SDBOX_SH:-$(cd "$repo/.." && pwd)/shared/tools/sdbox.sh}
work=${HST_WORK:-$repo/.build-system}
stage=$work/stage
logs=$work/logs
box=hst$$
booted=
build_pid=
summary_done=

# --- reporting --------------------------------------------------------------------------------
passed=0 failed=0
pass() { printf 'PASS  %s\n' "$1"; passed=$((passed + 1)); }
fail() { printf 'FAIL  %s%s\n' "$1" "${2:+ — $2}"; failed=$((failed + 1)); }
# check NAME CMD...: PASS when CMD succeeds.
check() { local name=$1; shift; if "$@"; then pass "$name"; else fail "$name"; fi; }
note() { printf '      %s\n' "$*"; }
elapsed() { awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

summary() {
  [ -n "$summary_done" ] && return
  summary_done=1
  echo "wall time: $(elapsed) s"
  echo "$passed passed, $failed failed"
}

cleanup() {
  local rc=$?
  set +e
  trap - ERR
  if [ -n "$build_pid" ]; then
    kill -TERM -- "-$build_pid" 2>/dev/null || kill -TERM "$build_pid" 2>/dev/null
    wait "$build_pid" 2>/dev/null
  fi
  if [ -n "$booted" ]; then
    bx journalctl -b --no-pager -o short-precise >"$logs/journal.txt" 2>&1
    sdbox_stop "$box" >>"$logs/sdbox.log" 2>&1
    cp "${SDBOX_STATE:-/var/tmp/sdbox}/$box.console" "$logs/console.txt" 2>/dev/null
    rm -f "${SDBOX_STATE:-/var/tmp/sdbox}/$box.console"
  fi
  if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  summary
  [ "$failed" -eq 0 ] || { echo "logs: $logs"; exit 1; }
  exit "$rc"
}
trap cleanup EXIT
trap 'fail "interrupted by a signal"; exit 130' INT TERM
trap 'fail "aborted at line $LINENO" "$BASH_COMMAND"' ERR

# --- helpers ----------------------------------------------------------------------------------
# Run in the box with a clean environment (nsenter would pass the host's on).
BOXENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 SYSTEMD_PAGER= SYSTEMD_COLORS=0)
bx() { sdbox_exec "$box" "${BOXENV[@]}" "$@" </dev/null; }
bxin() { sdbox_exec "$box" "${BOXENV[@]}" "$@"; }          # with stdin
prop() { bx systemctl show -p "$1" --value hanchotd.service 2>/dev/null || true; }
# wait_until SECONDS CMD...: polls CMD every 0.2 s.
wait_until() {
  local end; end=$(( $(date +%s%N) + ${1%.*} * 1000000000 )); shift
  while ! "$@"; do
    [ "$(date +%s%N)" -lt "$end" ] || return 1
    sleep 0.2
  done
}
# The daemon's journal entries (JSON lines) since the box booted.
unit_json() { bx journalctl -b -u hanchotd.service -o json --no-pager 2>/dev/null || true; }
# reminders UNIT [KIND] [AFTER_USEC]: how many reminders of our directive went to UNIT.
reminders() {
  unit_json | jq -s --arg d "$DIRECTIVE" --arg u "$1" --arg k "${2:-}" --arg t "${3:-0}" \
    '[.[] | select(.HANCHOT_DIRECTIVE == $d and .HANCHOT_UNIT == $u and ($k == "" or .HANCHOT_KIND == $k)
                   and (.__REALTIME_TIMESTAMP | tonumber) > ($t | tonumber))] | length'
}
at_least() { local n; n=$(reminders "$2" "${3:-}" "${4:-0}"); [ "${n:-0}" -ge "$1" ]; }
# unit_messages_since USEC: MESSAGE of the daemon's entries and of systemd's about the unit.
unit_messages_since() {
  bx journalctl -b -u hanchotd.service -o json --no-pager 2>/dev/null \
    | jq -r --arg t "$1" 'select((.__REALTIME_TIMESTAMP | tonumber) > ($t | tonumber)) | .MESSAGE // empty' || true
}
journal_has_since() { unit_messages_since "$1" | grep -q -- "$2"; }
now_us() { date +%s%6N; }
status_has() { prop StatusText | grep -q -- "$1"; }
is_active() { [ "$(bx systemctl is-active hanchotd.service 2>/dev/null || true)" = active ]; }

# --- 1. prerequisites, build, stage -------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || { echo "run as root (systemd-nspawn needs it)" >&2; exit 2; }
mkdir -p "$logs"
rm -f "$logs"/*.txt "$logs"/*.log
need_pkgs=()
command -v systemd-nspawn >/dev/null || need_pkgs+=(systemd-container)
command -v jq >/dev/null || need_pkgs+=(jq)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "installing ${need_pkgs[*]}"
  apt-get install -y --no-install-recommends "${need_pkgs[@]}" >"$logs/apt.log" 2>&1 \
    || { apt-get update >>"$logs/apt.log" 2>&1 && apt-get install -y --no-install-recommends "${need_pkgs[@]}" >>"$logs/apt.log" 2>&1; }
fi
[ -r "$SDBOX_SH" ] || { fail "sdbox.sh found" "$SDBOX_SH (set SDBOX_SH)"; exit 1; }
# shellcheck source=/dev/null
. "$SDBOX_SH"

if [ "${HST_SKIP_BUILD:-}" = 1 ] && [ -x "$stage/usr/local/bin/hanchotd" ]; then
  note "reusing the stage in $stage"
else
  echo "building and staging (make install DESTDIR=$stage PREFIX=/usr/local; log: $logs/build.log)"
  rm -rf "$stage"
  t=$(date +%s)
  # In the background, in its own process group, so that a signal stops the script (and the
  # build with it) at once rather than after the build.
  build() {
    setsid make -C "$repo" install DESTDIR="$stage" PREFIX=/usr/local >"$logs/build.log" 2>&1 </dev/null &
    build_pid=$!
    local rc=0; wait "$build_pid" || rc=$?
    build_pid=
    return "$rc"
  }
  # Sources edited during the build (other work going on in the tree): try again, twice.
  built=
  for attempt in 1 2 3; do
    if build; then built=1; break; fi
    grep -q 'modified during the build' "$logs/build.log" || break
    note "sources changed during the build; building again"
  done
  if [ -n "$built" ]; then
    pass "make install DESTDIR=… PREFIX=/usr/local ($(( $(date +%s) - t )) s)"
  else
    fail "make install DESTDIR=… PREFIX=/usr/local" "see $logs/build.log"; tail -20 "$logs/build.log"; exit 1
  fi
fi
# Release binaries must not need the Swift runtime: the box has only the host's /usr.
if ldd "$stage/usr/local/bin/hanchotd" 2>/dev/null | grep -q 'libswift\|libFoundation\|not found'; then
  fail "hanchotd links no Swift runtime library" "$(ldd "$stage/usr/local/bin/hanchotd" | grep 'swift\|Foundation\|not found' | tr '\n' ' ')"
else
  pass "hanchotd links no Swift runtime library (--static-swift-stdlib)"
fi

# --- 2. boot, install into the box ------------------------------------------------------------
# The box's /usr is the host's, read-only: the stage's /usr goes on top as an overlay, so files
# land where `make install` put them (/usr/local/bin, /usr/lib/sysusers.d, …). /etc is the box's
# own tmpfs: the stage's /etc is copied in. PAM config comes from the host for runuser.
t=$(date +%s.%N)
booted=1
if sdbox_start "$box" --overlay-ro="/usr:$stage/usr:/usr" \
     --bind-ro=/etc/pam.d:/etc/pam.d --bind-ro=/etc/security:/etc/security >"$logs/sdbox.log" 2>&1; then
  pass "box booted ($(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s)"
else
  fail "box booted" "$(tail -3 "$logs/sdbox.log" | tr '\n' ' ')"; exit 1
fi
tar -C "$stage/etc" -cf - . | bxin tar -C /etc -xf - --no-same-owner --no-overwrite-dir
# What a package's postinst does.
bx systemd-sysusers /usr/lib/sysusers.d/hanchot.conf
bx systemd-tmpfiles --create /usr/lib/tmpfiles.d/hanchot.conf
bx journalctl --update-catalog
bx systemctl daemon-reload
check "sysusers: user and group hanchot exist" \
  bash -c '[ "$1" = hanchot ] && [ -n "$2" ]' _ "$(bx id -gn hanchot 2>/dev/null || true)" "$(bx getent group hanchot || true)"
st_dir=$(bx stat -c '%a %U:%G' /var/lib/hanchot 2>/dev/null || true)
st_log=$(bx stat -c '%a %U:%G' /var/lib/hanchot/events.jsonl 2>/dev/null || true)
check "tmpfiles: /var/lib/hanchot is 2770 hanchot:hanchot ($st_dir)" [ "$st_dir" = "2770 hanchot:hanchot" ]
check "tmpfiles: events.jsonl is 660 hanchot:hanchot ($st_log)" [ "$st_log" = "660 hanchot:hanchot" ]
check "catalog: entries are in the catalog database" \
  bash -c 'grep -q "Upcoming deadline" <<<"$1"' _ "$(bx journalctl --list-catalog 6f1c0a4e2b8d4c7a9e35d1b2c4f6a801 2>/dev/null || true)"

# A second-scale policy: reminders 5 s and 3 s before, at the deadline, then every 2 s.
write_config() {  # write_config LANGUAGE
  bxin sh -c 'cat >/etc/hanchot/hanchot.toml && chmod 0644 /etc/hanchot/hanchot.toml' <<EOF
# hanchot system test (tests/system/run.sh)
[log]
path = "/var/lib/hanchot/events.jsonl"

[locale]
timezone = "Asia/Ho_Chi_Minh"
language = "$1"

[office_hours]
# Second-scale policy: fire at any hour the test runs.
enabled = false

[calendar]
# Deadlines seconds away stay where they are, even on a weekend.
shift_deadlines = false

[reminders]
before = ["5s", "3s"]
at_due = true
overdue_every = "2s"
overdue_limit = 100
late_after = "1m"
EOF
}
write_config vi
if out=$(bx hanchot config check /etc/hanchot/hanchot.toml 2>&1); then pass "hanchot config check: $out"
else fail "hanchot config check accepts the test config" "$out"; fi

# --- 3. static checks of the unit -------------------------------------------------------------
verify_out=$(bx systemd-analyze verify /etc/systemd/system/hanchotd.service 2>&1 || echo "(exit status $?)")
if [ -z "$verify_out" ]; then pass "systemd-analyze verify prints nothing"
else fail "systemd-analyze verify prints nothing" "$verify_out"; fi
security_out=$(bx systemd-analyze security --no-pager hanchotd.service 2>&1 || true)
printf '%s\n' "$security_out" >"$logs/security.txt"
exposure=$(sed -n 's/.*Overall exposure level for hanchotd.service: *\([0-9][0-9.]*\).*/\1/p' <<<"$security_out" | tail -1)
if [ -n "$exposure" ] && awk -v e="$exposure" 'BEGIN { exit !(e <= 1.5) }'; then
  pass "systemd-analyze security: overall exposure $exposure ≤ 1.5"
else
  fail "systemd-analyze security: overall exposure ≤ 1.5" "got '${exposure:-?}' (see $logs/security.txt)"
fi

# --- 4. an operator issues a directive ------------------------------------------------------
bx useradd -G hanchot op
DIRECTIVE="HST-$$/2025"
UNIT_A="UBND xã Tân Hội"
UNIT_B="Phòng Tư pháp"
# Due ~8 s from now, Asia/Ho_Chi_Minh local time (UTC+7, no DST).
due_epoch=$(( $(date +%s) + 8 ))
due=$(date -u -d "@$((due_epoch + 7 * 3600))" +%Y-%m-%dT%H:%M:%S)
if out=$(bx runuser -u op -- hanchot issue --id "$DIRECTIVE" --number "HST-$$" --title "Kiểm thử hệ thống" \
           --task "Báo cáo kết quả" --due "$due" --to "$UNIT_A" --to "$UNIT_B" 2>&1); then
  pass "operator (group hanchot) issues a directive due $due with 2 units: $out"
else
  fail "operator (group hanchot) issues a directive" "$out"
fi
st_log=$(bx stat -c '%a %U:%G' /var/lib/hanchot/events.jsonl 2>/dev/null || true)
check "the log is still 660 hanchot:hanchot after the operator's append ($st_log)" [ "$st_log" = "660 hanchot:hanchot" ]

# --- 5. start: returns after READY=1 ----------------------------------------------------------
t=$(date +%s.%N)
if bx systemctl start hanchotd.service 2>"$logs/start.err"; then
  state=$(bx systemctl is-active hanchotd.service 2>/dev/null || true)
  took=$(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  check "systemctl start returns with the service active, not activating ($state, ${took} s)" [ "$state" = active ]
else
  fail "systemctl start hanchotd.service" "$(cat "$logs/start.err")"
fi
status=$(prop StatusText)
check "StatusText says \"việc đang mở\" ($status)" bash -c 'grep -q "^2 việc đang mở" <<<"$1"' _ "$status"
main_pid=$(prop MainPID)
user=$(bx ps -o user= -p "$main_pid" 2>/dev/null | tr -d ' ' || true)
check "the daemon runs as user hanchot ($user)" [ "$user" = hanchot ]

# --- 6. reminders in the journal; catalog; done ----------------------------------------------
if wait_until 20 at_least 1 "$UNIT_A" due && wait_until 2 at_least 1 "$UNIT_B" due; then
  pass "reminders reach the journal up to the deadline for both units"
else
  fail "reminders reach the journal up to the deadline for both units" \
    "A: $(reminders "$UNIT_A") B: $(reminders "$UNIT_B"); daemon: $(unit_messages_since 0 | tail -5 | tr '\n' '|')"
fi
first=$(unit_json | jq -c --arg d "$DIRECTIVE" --arg u "$UNIT_A" 'select(.HANCHOT_DIRECTIVE == $d and .HANCHOT_UNIT == $u)' | head -1)
printf '%s\n' "$first" >"$logs/first-reminder.json"
check "journalctl -o json: a reminder carries MESSAGE_ID and the HANCHOT_* fields" \
  bash -c '[ -n "$1" ] && jq -e --arg d "$2" --arg u "$3" "
      .MESSAGE_ID == \"6f1c0a4e2b8d4c7a9e35d1b2c4f6a801\" and .HANCHOT_KIND == \"upcoming\" and .HANCHOT_DIRECTIVE == \$d
      and .HANCHOT_UNIT == \$u and .HANCHOT_TASK == \"1\" and .HANCHOT_NUMBER != null and .HANCHOT_DUE != null
      and .HANCHOT_STEP != null and .HANCHOT_PLANNED != null and .HANCHOT_DAYS_LEFT != null and .PRIORITY != null
      and .SYSLOG_IDENTIFIER == \"hanchotd\" and .MESSAGE != null" <<<"$1" >/dev/null' _ "$first" "$DIRECTIVE" "$UNIT_A"
steps_a=$(unit_json | jq -r --arg d "$DIRECTIVE" --arg u "$UNIT_A" \
  'select(.HANCHOT_DIRECTIVE == $d and .HANCHOT_UNIT == $u) | "\(.HANCHOT_KIND):\(.HANCHOT_STEP):\(.PRIORITY)"' | tr '\n' ' ')
check "unit A got upcoming, upcoming, due, in order, priorities notice→warning ($steps_a)" \
  bash -c '[[ "$1" == upcoming:before-5s:5\ upcoming:before-3s:5\ due:due:4* ]]' _ "$steps_a"
catalog=$(bx journalctl -b -x -u hanchotd.service --no-pager MESSAGE_ID=6f1c0a4e2b8d4c7a9e35d1b2c4f6a801 2>&1 || true)
printf '%s\n' "$catalog" >"$logs/catalog-x.txt"
check "journalctl -x shows the catalog text with the fields filled in" \
  bash -c 'grep -q "Subject: Upcoming deadline: HST-[0-9]* task 1 for $2" <<<"$1" && grep -q "hanchot done .$3. .1. --unit .$2." <<<"$1"' \
  _ "$catalog" "$UNIT_A" "$DIRECTIVE"

if out=$(bx runuser -u op -- hanchot done "$DIRECTIVE" 1 --unit "$UNIT_A" 2>&1); then
  pass "operator records done for one unit: $out"
else
  fail "operator records done for one unit" "$out"
fi
st_log=$(bx stat -c '%a %U:%G' /var/lib/hanchot/events.jsonl 2>/dev/null || true)
check "the log stays 660 hanchot:hanchot (daemon and operator both appended) ($st_log)" [ "$st_log" = "660 hanchot:hanchot" ]
check "the daemon sees the completion (StatusText: 1 open)" wait_until 5 status_has "^1 việc đang mở"
mark=$(now_us)
if wait_until 10 at_least 2 "$UNIT_B" overdue "$mark"; then
  n_a=$(reminders "$UNIT_A" "" "$mark")
  check "after done: overdue reminders go on for the other unit, none for the completed one (A: $n_a)" [ "$n_a" -eq 0 ]
  overdue_prio=$(unit_json | jq -r --arg d "$DIRECTIVE" 'select(.HANCHOT_DIRECTIVE == $d and .HANCHOT_KIND == "overdue") | .PRIORITY' | sort -u | tr '\n' ' ')
  check "overdue reminders have priority err ($overdue_prio)" [ "$overdue_prio" = "3 " ]
else
  fail "after done: overdue reminders go on for the other unit" "B overdue since done: $(reminders "$UNIT_B" overdue "$mark")"
fi

# --- 7. reload and stop -----------------------------------------------------------------------
write_config en
mark=$(now_us); pid_before=$(prop MainPID)
if bx systemctl reload hanchotd.service 2>"$logs/reload.err"; then pass "systemctl reload hanchotd.service"
else fail "systemctl reload hanchotd.service" "$(cat "$logs/reload.err")"; fi
check "a \"reloaded\" line reaches the journal" wait_until 5 journal_has_since "$mark" "^reloaded the configuration"
pid_after=$(prop MainPID)
check "after reload: still active, same PID ($pid_before → $pid_after)" \
  bash -c '[ "$1" = active ] && [ "$2" = "$3" ]' _ "$(bx systemctl is-active hanchotd.service 2>/dev/null || true)" "$pid_before" "$pid_after"
check "the reloaded config is in use (StatusText switches to English)" wait_until 3 status_has "^1 open"

mark=$(now_us); t=$(date +%s.%N)
if bx systemctl stop hanchotd.service 2>"$logs/stop.err"; then
  took=$(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  pass "systemctl stop hanchotd.service (${took} s)"
else
  fail "systemctl stop hanchotd.service" "$(cat "$logs/stop.err")"
fi
# The stopped unit is unloaded right away (nothing references it), so `systemctl show` no longer
# has its exit status: read systemd's own account in the journal instead.
check "stop is clean: \"Deactivated successfully\"" wait_until 3 journal_has_since "$mark" "Deactivated successfully"
bad=$(unit_messages_since "$mark" | grep -i 'SIGKILL\|killing\|timed out\|Main process exited\|Failed with result' | head -3 || true)
check "stop is clean: no SIGKILL, no stop timeout, no failure exit status${bad:+ ($bad)}" [ -z "$bad" ]
check "the daemon logged its clean shutdown" journal_has_since "$mark" "^stopping$"

# --- 8. watchdog ------------------------------------------------------------------------------
bx mkdir -p /etc/systemd/system/hanchotd.service.d
bxin sh -c 'cat >/etc/systemd/system/hanchotd.service.d/90-systest-watchdog.conf' <<'EOF'
[Service]
WatchdogSec=2s
EOF
bx systemctl daemon-reload
mark=$(now_us)
bx systemctl start hanchotd.service || true
check "started again with WatchdogSec=2s ($(prop WatchdogUSec))" bash -c '[ "$1" = active ] && [ "$2" = 2s ]' _ \
  "$(bx systemctl is-active hanchotd.service 2>/dev/null || true)" "$(prop WatchdogUSec)"
pid0=$(prop MainPID); n0=$(prop NRestarts)
if ! [[ "$pid0" =~ ^[0-9]+$ ]] || [ "$pid0" -le 1 ]; then
  fail "watchdog: the daemon is running" "MainPID '$pid0'; skipping the watchdog checks"
  exit 1
fi
sleep 3.5   # longer than WatchdogSec: a daemon that does not ping would be killed by now
check "the daemon feeds the watchdog (same PID after 3.5 s > WatchdogSec)" \
  bash -c '[ "$1" = active ] && [ "$2" = "$3" ] && [ "$4" = "$5" ]' _ \
  "$(bx systemctl is-active hanchotd.service 2>/dev/null || true)" "$pid0" "$(prop MainPID)" "$n0" "$(prop NRestarts)"
t=$(date +%s.%N)
bx kill -STOP "$pid0"
restarted() {
  local pid n; pid=$(prop MainPID); n=$(prop NRestarts)
  [ "${n:-0}" -gt "${n0:-0}" ] && [ -n "$pid" ] && [ "$pid" != 0 ] && [ "$pid" != "$pid0" ] && is_active
}
if wait_until 40 restarted; then
  took=$(awk -v a="$t" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  pass "a hung daemon (SIGSTOP) is restarted by the watchdog (NRestarts $n0→$(prop NRestarts), PID $pid0→$(prop MainPID), ${took} s)"
else
  fail "a hung daemon (SIGSTOP) is restarted by the watchdog" \
    "state $(bx systemctl is-active hanchotd.service 2>/dev/null || true), NRestarts $(prop NRestarts), PID $(prop MainPID)"
fi
check "the journal shows the watchdog timeout" journal_has_since "$mark" "[Ww]atchdog timeout"
bx systemctl stop hanchotd.service || true

trap - ERR
exit 0
