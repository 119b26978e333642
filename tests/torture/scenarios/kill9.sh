#!/usr/bin/env bash
# kill -9 rounds against the daemon and concurrent `hanchot done` writers.
#
# Writers (writer.sh) complete the assignments of a pool of directives, one `hanchot done` after
# another, each with its own event id. The daemon reminds the directives this script issues,
# one per round, due 2–3 s later (second-scale policy), so it appends `reminder.sent` all along.
# Each round: issue a directive, let things run a random while (sometimes only a few ms, to land
# in the daemon's start-up), kill -9 the daemon and, at random, some writers; start them again.
#
# At the end: every acknowledged append (a `done` or `issue` that exited 0) is in the log exactly
# once; no event id, completion or reminder step twice in the log; no line that is not JSON;
# `hanchot verify` clean (after `verify --repair` if a killed writer left a torn tail); a reminder
# delivered twice only as the documented crash window (first by a run that was killed, once).
. "$(dirname "$0")/../lib.sh"
name=kill9

rounds=$(pick 8 120)
writers=$(pick 3 4)
pool_directives=$(pick 30 240)
pool_tasks=$(pick 10 20)

LOG=$TMP/events.jsonl
CFG=$TMP/hanchot.toml
config "$CFG" '"2s", "1s"' 1s 3

# The pool: every writer's unit is an assignee of every task; writer w completes (d, t, Uw).
$PY pool --prefix P --directives "$pool_directives" --tasks "$pool_tasks" --units "$writers" >"$TMP/pool.ndjson"
while IFS= read -r doc; do
  printf '%s\n' "$doc" | hc issue - >/dev/null || { evidence "issuing the pool failed: $doc"; result $name FAIL; exit 1; }
done <"$TMP/pool.ndjson"
for w in $(seq "$writers"); do
  # Each writer walks the pool in its own order, so that writers meet on the same directives.
  python3 - "$pool_directives" "$pool_tasks" "$w" "$SEED" >"$TMP/items.$w" <<'EOF'
import random, sys
n, tasks, w, seed = (int(x) for x in sys.argv[1:])
items = [(d, t) for d in range(1, n + 1) for t in range(1, tasks + 1)]
random.Random(seed * 100 + w).shuffle(items)
for d, t in items:
    print(f"P{d:04d} {t} U{w} k-U{w}-P{d:04d}-{t}")
EOF
done

start_writer() {  # start_writer W
  bg "$TMP/writer.$1.out" bash "$TORTURE_DIR/writer.sh" "$HANCHOT" "$LOG" "$CFG" "$TMP/items.$1" "$TMP/acks.$1" "$TMP/pos.$1"
  writer_pid[$1]=$BG_PID
}
runs=0
sinks=()
start_run() {  # a new daemon run, with its own output file
  runs=$((runs + 1))
  sinks+=("$TMP/daemon.$runs.err")
  start_daemon "$TMP/daemon.$runs.err"
}

declare -a writer_pid
for w in $(seq "$writers"); do start_writer "$w"; done
start_run
daemon_kills=0 writer_kills=0 issue_acked=0
: >"$TMP/acks.issue"
for r in $(seq "$rounds"); do
  d1=$(local_time 2) d2=$(local_time 3)
  doc="{\"id\":\"iss-$r\",\"directive\":\"R$r\",\"number\":\"$r-TB\",\"title\":\"Vòng $r\",\"tasks\":[{\"id\":\"1\",\"text\":\"báo cáo\",\"assignees\":[\"A\",\"B\"],\"due\":\"$d1\"},{\"id\":\"2\",\"text\":\"họp\",\"assignees\":[\"A\",\"B\"],\"due\":\"$d2\"}]}"
  if printf '%s\n' "$doc" | hc issue - >>"$TMP/issue.out" 2>&1; then echo "iss-$r" >>"$TMP/acks.issue"; issue_acked=$((issue_acked + 1))
  else evidence "round $r: hanchot issue failed: $(tail -1 "$TMP/issue.out")"; fi
  if [ $((RANDOM % 5)) -eq 0 ]; then sleep "$(rand_sleep 0 120)"; else sleep "$(rand_sleep 150 1200)"; fi
  kill_group KILL "$DAEMON_PID"; daemon_kills=$((daemon_kills + 1))
  for w in $(seq "$writers"); do
    if [ $((RANDOM % 10)) -lt 3 ]; then
      kill_group KILL "${writer_pid[$w]}"; writer_kills=$((writer_kills + 1))
      start_writer "$w"
    fi
  done
  start_run
done
sleep 0.5
for w in $(seq "$writers"); do kill_group KILL "${writer_pid[$w]}"; done
kill_group KILL "$DAEMON_PID"; daemon_kills=$((daemon_kills + 1))

fail=0
if grep -h FAILED "$TMP"/writer.*.out >"$TMP/writer-failures" 2>/dev/null; then
  fail=1; evidence "a writer's hanchot done failed: $(head -1 "$TMP/writer-failures")"
fi
repaired=0
if ! hc verify >"$TMP/verify.out" 2>&1; then
  if grep -q "incomplete last line" "$TMP/verify.out" && [ "$(grep -c '^/' "$TMP/verify.out")" -eq 1 ]; then
    hc verify --repair >"$TMP/repair.out" 2>&1; repaired=1
  fi
  if ! hc verify >"$TMP/verify.out" 2>&1; then fail=1; evidence "hanchot verify: $(head -3 "$TMP/verify.out" | tr '\n' '|')"; fi
fi
# --repair moves aside only bytes without a newline, which no acknowledged append can own; the
# audit below checks that every acknowledged id is still in the log.
audit=$($PY audit --log "$LOG" --acks "$TMP"/acks.* --sink "${sinks[@]}" --all-killed)
arc=$?
while IFS= read -r e; do evidence "${e#E }"; done < <(grep '^E ' <<<"$audit")
fields=$(head -1 <<<"$audit")
[ $arc -eq 0 ] || fail=1
status=PASS; [ $fail -eq 0 ] || status=FAIL
result $name $status "rounds=$rounds writers=$writers daemon_kills=$daemon_kills writer_kills=$writer_kills" \
  "issued=$issue_acked $fields repaired_tail=$repaired"
