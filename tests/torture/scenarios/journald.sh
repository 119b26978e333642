#!/usr/bin/env bash
# journald stopped and restarted under the daemon (--sink journal). A directive due now is
# reminded every second; journald (a standalone /lib/systemd/systemd-journald) is stopped for a
# few seconds, then started again, one or more times (3 in --full). Checked in
# `journalctl -o json HANCHOT_DIRECTIVE=…` and in the log:
#   - every reminder recorded as sent (`reminder.sent`) is in the journal, and the other way
#     round: none marked sent while journald was away, none sent but not recorded;
#   - no step twice in the journal; every step of each assignment up to its last reminder is
#     accounted for exactly once, as a reminder or in the HANCHOT_MISSED list of the catch-up
#     that replaced it (none silently lost);
#   - delivery resumes after each restart; the outage is reported once on standard error and its
#     end once in the journal.
#
# It stops journald, so it runs in a mount namespace of its own (unshare -m) where a tmpfs hides
# /run/systemd/journal and /run/log/journal (and /var/log/journal): its journald, sockets and
# journal files are private, and a journald already running — the one scripts/test.sh keeps
# alive, the system's — is never touched. Without unshare: it uses the usual sockets when no
# journald runs; else --short skips, and --full stops a standalone journald and starts it again
# at the end (never systemd's own).
if [ -z "${TORTURE_JOURNAL_NS:-}" ] && [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null \
   && mkdir -p /run/systemd/journal /run/log/journal 2>/dev/null \
   && unshare --mount --propagation private true 2>/dev/null; then
  exec unshare --mount --propagation private env TORTURE_JOURNAL_NS=1 bash "$0" "$@"
fi
. "$(dirname "$0")/../lib.sh"
name=journald
jd=/lib/systemd/systemd-journald
is_root || skip $name "needs root to run journald"
[ -x "$jd" ] || skip $name "$jd is not installed"
command -v journalctl >/dev/null && command -v systemd-cat >/dev/null || skip $name "journalctl/systemd-cat missing"
journal_answers() { systemd-cat -t hanchot-torture true 2>/dev/null; }

cycles=$(pick 1 3)
outage=$(pick 2 5)
foreign=
where=private
if [ "${TORTURE_JOURNAL_NS:-}" = 1 ]; then
  for d in /run/systemd/journal /run/log/journal /var/log/journal; do
    [ -d "$d" ] || continue
    mount_tmpfs "$d" 64m || skip $name "cannot mount a tmpfs on $d in a mount namespace: $(head -1 "$TMP/mount.err")"
  done
elif journal_answers; then
  where=shared
  [ "$MODE" = full ] || skip $name "no mount namespace here (unshare -m), and a journald is already running (scripts/test.sh keeps one alive): stopping it would fight its keeper"
  [ "$(cat /proc/1/comm 2>/dev/null)" != systemd ] || skip $name "no mount namespace here, and journald belongs to systemd (PID 1): not stopping the system's journal"
  foreign=$(pgrep -x systemd-journal | head -1)
  [ -n "$foreign" ] || skip $name "a journald answers but its process is not visible"
  foreign_cmd=$(tr '\0' ' ' </proc/"$foreign"/cmdline)
  kill -TERM "$foreign"
  for _ in $(seq 30); do kill -0 "$foreign" 2>/dev/null || break; sleep 0.1; done
  sleep 2
  if journal_answers; then skip $name "journald came back by itself after it was stopped (a keeper restarts it)"; fi
  # Put it back as it was when this scenario ends (detached: it is not ours to stop).
  restore_foreign() { setsid ${foreign_cmd:-$jd} </dev/null >/dev/null 2>&1 & }
  at_exit restore_foreign
else
  where=shared
fi

jd_pid=
start_journald() {
  bg "$TMP/journald.out" "$jd"
  jd_pid=$BG_PID
  wait_for 10 journal_answers
}
stop_journald() { kill_group TERM "$jd_pid"; jd_pid=; ! journal_answers; }
start_journald || { evidence "journald did not start: $(tail -2 "$TMP/journald.out")"; result $name FAIL; exit 1; }

LOG=$TMP/events.jsonl
CFG=$TMP/hanchot.toml
config "$CFG" '"2s", "1s"' 1s 200
D="JD-$$-$(date +%s)"   # the journal outlives this run: a directive id of its own
printf '{"id":"iss-%s","directive":"%s","number":"%s","title":"journald","tasks":[{"id":"1","text":"báo cáo","assignees":["Phòng A","Phòng B"],"due":"%s"}]}\n' \
  "$D" "$D" "$D" "$(local_time 3)" | hc issue - >/dev/null
err=$TMP/daemon.err
start_daemon "$err" journal
entries() { journalctl -o json --no-pager HANCHOT_DIRECTIVE="$D" 2>/dev/null | grep -c . || true; }
fail=0
wait_for 15 bash -c "[ \$(journalctl -o json --no-pager HANCHOT_DIRECTIVE='$D' 2>/dev/null | grep -c .) -ge 2 ]" \
  || { fail=1; evidence "no reminder reached the journal before the first outage"; }
resumed=0
for c in $(seq "$cycles"); do
  stop_journald || { fail=1; evidence "cycle $c: journald still answers after it was stopped"; }
  sleep "$outage"
  n0=$(entries)   # journalctl reads the files: still there with journald gone
  start_journald || { fail=1; evidence "cycle $c: journald did not start again"; break; }
  if wait_for 40 bash -c "[ \$(journalctl -o json --no-pager HANCHOT_DIRECTIVE='$D' 2>/dev/null | grep -c .) -gt $n0 ]"; then
    resumed=$((resumed + 1))
  else
    evidence "cycle $c: no reminder reached the journal within 40 s of its restart"
  fi
  sleep 2
done
kill_group TERM "$DAEMON_PID"
sleep 0.5
journalctl -o json --no-pager HANCHOT_DIRECTIVE="$D" >"$TMP/journal.json" 2>/dev/null
journalctl -o json --no-pager _PID="$DAEMON_PID" >"$TMP/daemon-journal.json" 2>/dev/null

check=$(python3 - "$TMP/journal.json" "$LOG" "$TMP/daemon-journal.json" <<'EOF'
import collections, json, sys
journal, log, daemon = sys.argv[1:]
def steps_of(n):
    return ["before-2s", "before-1s", "due"] + [f"overdue-{k}" for k in range(1, n + 1)]
policy = steps_of(200)
entries = [json.loads(l) for l in open(journal) if l.strip()]
seen = collections.Counter()
accounted = collections.defaultdict(collections.Counter)
last = {}
catchups = 0
for e in entries:
    key = (e["HANCHOT_TASK"], e["HANCHOT_UNIT"])
    step = e["HANCHOT_STEP"]
    seen[key + (step,)] += 1
    accounted[key][step] += 1
    missed = e.get("HANCHOT_MISSED") or []
    if isinstance(missed, str):
        missed = [missed]
    if missed:
        catchups += 1
    for m in missed:
        accounted[key][m] += 1
    last[key] = max(last.get(key, -1), policy.index(step))
recorded = set()
for line in open(log, "rb").read().split(b"\n"):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if e.get("type") == "reminder.sent":
        recorded.add((e["task"], e["unit"], e["step"]))
evidence = []
dup = [k for k, c in seen.items() if c > 1]
evidence += [f"step {'/'.join(k)} is in the journal {seen[k]} times" for k in dup[:4]]
lost = sorted(recorded - set(seen))        # marked sent, never stored
unrec = sorted(set(seen) - recorded)       # stored, never marked sent
evidence += [f"step {'/'.join(k)} recorded as sent but not in the journal" for k in lost[:4]]
evidence += [f"step {'/'.join(k)} in the journal but not recorded in the log" for k in unrec[:4]]
gaps = twice = 0
for key, counts in accounted.items():
    for s in policy[: last[key] + 1]:
        if counts[s] == 0:
            gaps += 1
            if len(evidence) < 12: evidence.append(f"step {'/'.join(key)}/{s} neither sent nor named as missed")
        elif counts[s] > 1:
            twice += 1
            if len(evidence) < 12: evidence.append(f"step {'/'.join(key)}/{s} accounted {counts[s]} times")
notices = sum(1 for l in open(daemon) if l.strip() and "delivered again" in json.loads(l).get("MESSAGE", ""))
print(f"journal={len(entries)} recorded={len(recorded)} catchups={catchups} lost={len(lost)} unrecorded={len(unrec)} "
      f"dup={len(dup)} swallowed={gaps} twice={twice} recovery_notices={notices}")
for e in evidence: print("E " + e)
sys.exit(1 if dup or lost or unrec or gaps or twice else 0)
EOF
)
[ $? -eq 0 ] || fail=1
while IFS= read -r e; do evidence "${e#E }"; done < <(grep '^E ' <<<"$check")
fields=$(head -1 <<<"$check")
reports=$(grep -c "reminders not delivered" "$err")
notices=$(sed -n 's/.*recovery_notices=\([0-9]*\).*/\1/p' <<<"$fields")
[ "$reports" -eq "$cycles" ] || { fail=1; evidence "the outage was reported $reports times on standard error, $cycles expected: $(grep 'not delivered' "$err" | head -2 | tr '\n' '|')"; }
[ "${notices:-0}" -eq "$cycles" ] || { fail=1; evidence "the end of the outage was reported ${notices:-0} times in the journal, $cycles expected"; }
[ "$resumed" -eq "$cycles" ] || fail=1
hc verify >"$TMP/verify" 2>&1 || { fail=1; evidence "verify: $(head -2 "$TMP/verify" | tr '\n' '|')"; }
[ $fail -eq 0 ] && status=PASS || status=FAIL
result $name $status "journald=$where outages=$cycles outage_s=$outage resumed=$resumed stderr_reports=$reports $fields${foreign:+ (stopped a running journald, pid $foreign, and restarted it)}"
