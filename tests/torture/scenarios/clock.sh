#!/usr/bin/env bash
# The daemon's clock jumps forward a day, then back an hour (libfaketime, changed at run time
# through FAKETIME_TIMESTAMP_FILE; the monotonic clock is left alone, as a real clock step
# leaves it, so the daemon can tell).
#
# What libfaketime can and cannot do here (measured): the daemon reads the faked time
# (clock_gettime), and the Dispatch wall-clock timer is translated to the real clock when it is
# armed (timerfd_settime with TFD_TIMER_ABSTIME, converted by libfaketime with the offset of
# that moment). So a jump does not move a timer that is already armed, as a real clock step
# would (the kernel fires an absolute CLOCK_REALTIME timer at once when the clock steps past
# it): the daemon sees the jump at its next wake-up — the next planned step, a change of the
# log, or the heartbeat (≤ 60 s). The scenario is built on that: a "ticker" assignment's step
# wakes the daemon 1.5 s after the forward jump; after the backward jump an append to the log
# does (the daemon's pulse runs on the monotonic clock and catches a step back within 60 s —
# --full waits 65 s for it and fails on heartbeat_saw_back=missed).
#
# Policy: before 2h and 1h, at the deadline, then every 20 min up to 6 times. With T0 = start:
#   X due T0+1d-30m   after +1d: overdue-1 is the latest missed step → one catch-up
#   Y due T0+3h       after +1d: every step missed → one catch-up (overdue-6), then nothing
#   Z due T0+1d+30m   after +1d: before-1h → one catch-up
#   W due T0+23h+6s   after +1d: overdue-2 → one catch-up; overdue-3 falls due 3 s later (sent
#                     on time); after -1h its deadline and overdue-1..2 are "past" again but
#                     handled: nothing may be sent
#   K due T0+3s       the ticker; caught up at start (before-1h), overdue-6 after the jump
# Real time line: +1d at T0+1.5 s, seen at T0+3 (K's step), W's overdue-3 at T0+6, -1h at T0+8.
# Checks: both jumps reported by the daemon with their size; after the forward jump exactly the
# six reminders above, once each (the five catch-ups marked caught-up); after the backward jump
# none; no step twice in the daemon's output or the log.
. "$(dirname "$0")/../lib.sh"
name=clock
lib=
for f in /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1 /usr/local/lib/faketime/libfaketime.so.1; do
  [ -r "$f" ] && { lib=$f; break; }
done
[ -n "$lib" ] && command -v faketime >/dev/null || skip $name "libfaketime and faketime are not installed (Debian: apt-get install faketime)"

LOG=$TMP/events.jsonl
CFG=$TMP/hanchot.toml
config "$CFG" '"2h", "1h"' 20m 6
T0=$(date +%s.%N); T0=${T0%.*}   # whole seconds: deadlines are in seconds
at() { TZ=Asia/Ho_Chi_Minh date -d "@$((T0 + $1))" '+%Y-%m-%dT%H:%M:%S'; }
issue_one() {  # issue_one ID DUE_OFFSET_SECONDS
  printf '{"id":"iss-%s","directive":"%s","number":"%s/TB","title":"Đồng hồ","tasks":[{"id":"1","text":"báo cáo","assignees":["Phòng %s"],"due":"%s"}]}\n' \
    "$1" "$1" "$1" "$1" "$(at "$2")" | hc issue - >/dev/null
}
issue_one X $((86400 - 1800))
issue_one Y $((3 * 3600))
issue_one Z $((86400 + 1800))
issue_one W $((86400 - 3600 + 6))
issue_one K 3

clockfile=$TMP/faketime
echo "+0" >"$clockfile"
err=$TMP/daemon.err
# Not `LD_PRELOAD=libfaketime.so.1 hanchotd …`: that runs the daemon with no arguments at all
# (CommandLine.arguments is empty in any Swift program started so — libfaketime's constructor
# setenv()s FAKETIME_SHARED, and Swift's runtime seems to find argv next to the original environ).
# The faketime wrapper sets FAKETIME_SHARED (and LD_PRELOAD) before it starts the program; its
# FAKETIME is dropped so that the timestamp file rules.
bg "$err" faketime -f +0 env -u FAKETIME FAKETIME_TIMESTAMP_FILE="$clockfile" FAKETIME_NO_CACHE=1 \
  FAKETIME_DONT_FAKE_MONOTONIC=1 "$HANCHOTD" --log "$LOG" --config "$CFG" --sink stderr
DAEMON_PID=$BG_PID
until_real() { sleep "$(awk -v t="$T0" -v x="$1" -v n="$(date +%s.%N)" 'BEGIN { d = t + x - n; printf "%.2f", (d > 0 ? d : 0) }')"; }
real_since() { awk -v t="$T0" -v x="$1" -v n="$(date +%s.%N)" 'BEGIN { printf "%.1f", n - t - x }'; }

fail=0
until_real 1.5
[ "$(grep -c '^<' "$err")" -eq 1 ] || { fail=1; evidence "before the jump: $(grep -c '^<' "$err") reminders, 1 expected (K caught up): $(grep '^<' "$err" | sed 's/.*\[/[/' | tr '\n' ' ')"; }
echo "+1d" >"$clockfile"
wait_for 12 grep -q "wall clock jumped by" "$err" || { fail=1; evidence "the daemon did not notice the forward jump within 12 s"; }
fwd_line=$(grep -n "wall clock jumped by" "$err" | head -1)
fwd=$(sed -n 's/.*jumped by \(-\{0,1\}[0-9]*\) s.*/\1/p' <<<"$fwd_line")
fwd_noticed_after=$(real_since 1.5)
until_real 8
echo "+23h" >"$clockfile"     # back an hour
jumps() { [ "$(grep -c 'wall clock jumped by' "$err")" -ge 2 ]; }
heartbeat=not-waited
if [ "$MODE" = full ]; then
  # Nothing is planned for 10 minutes of the faked clock: only the daemon's 60 s pulse wakes it.
  # The pulse runs on the monotonic clock (a wall-clock timer armed before a step back would
  # sleep an hour longer: libdispatch finds its deadline an hour ahead and re-arms), so it must
  # notice the backward jump within a minute.
  if wait_for 65 jumps; then heartbeat=noticed; else heartbeat=missed; fail=1; evidence "the 60 s pulse did not notice the backward jump within 65 s"; fi
fi
how=heartbeat
if ! jumps; then
  how=append
  sleep 0.3
  printf '{"id":"iss-poke","directive":"POKE","number":"POKE","title":"đánh thức","tasks":[{"id":"1","text":"x","assignees":["A"]}]}\n' | hc issue - >/dev/null
  wait_for 5 jumps || { fail=1; evidence "the daemon did not notice the backward jump after an append to the log"; }
fi
back_noticed_after=$(real_since 8)
sleep 1.5
kill_group TERM "$DAEMON_PID"
back=$(grep "wall clock jumped by" "$err" | sed -n '2s/.*jumped by \(-\{0,1\}[0-9]*\) s.*/\1/p')

[ -n "$fwd" ] && [ "$fwd" -ge 86390 ] && [ "$fwd" -le 86410 ] || { fail=1; evidence "forward jump reported as '${fwd:-none}' s, ~86400 expected"; }
[ -n "$back" ] && [ "$back" -ge -3610 ] && [ "$back" -le -3590 ] || { fail=1; evidence "backward jump reported as '${back:-none}' s, ~-3600 expected"; }

# Reminders by phase: [kind directive/task/unit step], in order.
fl=$(cut -d: -f1 <<<"$fwd_line")
bl=$(grep -n "wall clock jumped by" "$err" | sed -n 2p | cut -d: -f1)
phase() { sed -n "$1,$2p" "$err" | grep '^<' | sed 's/.*\[\([a-z-]*\) \([A-Z]*\)\/[^ ]* [^ ]* \([a-z0-9-]*\)\]$/\1:\2:\3/' | sort; }
after_fwd=$(phase "${fl:-1}" "$(( ${bl:-$(wc -l <"$err")} - 1 ))" | tr '\n' ' ')
after_back=$(phase "${bl:-999999}" '$' | tr '\n' ' ')
expected_fwd="caught-up:K:overdue-6 caught-up:W:overdue-2 caught-up:X:overdue-1 caught-up:Y:overdue-6 caught-up:Z:before-1h overdue:W:overdue-3 "
[ "$after_fwd" = "$expected_fwd" ] || { fail=1; evidence "after the forward jump: got [${after_fwd}], expected [${expected_fwd}]"; }
[ -z "$after_back" ] || { fail=1; evidence "after the backward jump, sent again: $after_back"; }
audit=$($PY audit --log "$LOG" --sink "$err")
[ $? -eq 0 ] || fail=1
while IFS= read -r e; do evidence "${e#E }"; done < <(grep '^E ' <<<"$audit")
hc verify >"$TMP/verify" 2>&1 || { fail=1; evidence "verify: $(head -2 "$TMP/verify" | tr '\n' '|')"; }
sent_fwd=$(wc -w <<<"$after_fwd"); sent_back=$(wc -w <<<"$after_back")
[ $fail -eq 0 ] && status=PASS || status=FAIL
result $name $status "forward=${fwd:-?}s noticed_after=${fwd_noticed_after}s(next-step) sent_after_forward=$sent_fwd/6" \
  "back=${back:-?}s noticed_after=${back_noticed_after}s($how) heartbeat_saw_back=$heartbeat sent_after_back=$sent_back $(grep -o 'reminders=[0-9]* delivered=[0-9]*' <<<"$audit") dup=$(grep -o ' dup=[0-9]*' <<<"$audit" | cut -d= -f2)"
