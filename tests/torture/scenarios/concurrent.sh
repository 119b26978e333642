#!/usr/bin/env bash
# Concurrent writers beside the daemon, no faults: W processes × N `hanchot done` each (8 × 500
# in --full) on one log while hanchotd follows it and appends its own `reminder.sent` lines.
# Every completion must be acknowledged and in the log exactly once, every line whole JSON,
# `hanchot verify` clean, and the daemon's reminders recorded once each.
. "$(dirname "$0")/../lib.sh"
name=concurrent
writers=$(pick 4 8)
per=$(pick 50 500)
tasks=2
directives=$((per / tasks))
LOG=$TMP/events.jsonl
CFG=$TMP/hanchot.toml
config "$CFG" '"2s", "1s"' 1s 30

# The writers' directives (no deadlines), and a few the daemon reminds every second meanwhile.
$PY pool --prefix C --directives "$directives" --tasks "$tasks" --units "$writers" >"$TMP/pool.ndjson"
while IFS= read -r doc; do printf '%s\n' "$doc" | hc issue - >/dev/null || exit 1; done <"$TMP/pool.ndjson"
$PY pool --prefix T --directives 3 --tasks 2 --units 2 --unit-prefix "Tổ " --due "$(local_time 2)" | while IFS= read -r doc; do
  printf '%s\n' "$doc" | hc issue - >/dev/null
done
start_daemon "$TMP/daemon.err"
pids=()
for w in $(seq "$writers"); do
  for d in $(seq "$directives"); do
    for t in $(seq "$tasks"); do printf 'C%04d %s U%s c-U%s-%04d-%s\n' "$d" "$t" "$w" "$w" "$d" "$t"; done
  done >"$TMP/items.$w"
  bg "$TMP/writer.$w.out" bash "$TORTURE_DIR/writer.sh" "$HANCHOT" "$LOG" "$CFG" "$TMP/items.$w" "$TMP/acks.$w" "$TMP/pos.$w"
  pids+=("$BG_PID")
done
t0=$(date +%s.%N)
for p in "${pids[@]}"; do wait "$p"; done
took=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
kill_group TERM "$DAEMON_PID"

fail=0
if grep -h FAILED "$TMP"/writer.*.out >"$TMP/failures"; then fail=1; evidence "$(wc -l <"$TMP/failures") writer appends failed: $(head -1 "$TMP/failures")"; fi
hc verify >"$TMP/verify" 2>&1 || { fail=1; evidence "verify: $(head -3 "$TMP/verify" | tr '\n' '|')"; }
audit=$($PY audit --log "$LOG" --acks "$TMP"/acks.* --sink "$TMP/daemon.err" --expect-acked $((writers * per)))
[ $? -eq 0 ] || fail=1
while IFS= read -r e; do evidence "${e#E }"; done < <(grep '^E ' <<<"$audit")
[ $fail -eq 0 ] && status=PASS || status=FAIL
result $name $status "writers=$writers per_writer=$per seconds=$took $(head -1 <<<"$audit")"
