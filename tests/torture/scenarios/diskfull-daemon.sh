#!/usr/bin/env bash
# A full disk under the daemon (64 KiB tmpfs). A directive due now is reminded every second;
# the disk is filled while it runs, so the `reminder.sent` lines cannot be appended; then the
# filler is removed. While the daemon keeps running:
#   - every reminder it delivered is recorded in the log (those of the full-disk time too), once;
#   - no reminder is delivered twice (a failed record is not a reason to send again);
#   - the log holds no fragment of a failed append: `hanchot verify` is clean.
. "$(dirname "$0")/../lib.sh"
name=diskfull-daemon
is_root || skip $name "needs root to mount a tmpfs"
mnt=$TMP/mnt
mount_tmpfs "$mnt" 64k || skip $name "cannot mount a tmpfs here: $(head -1 "$TMP/mount.err")"

full_for=$(pick 3 6)        # seconds the disk stays full
allow=$(pick 10 40)         # seconds allowed, after space is back, to record what was sent
rounds=$(pick 1 3)
CFG=$TMP/hanchot.toml
config "$CFG" '"2s", "1s"' 1s 200

sent_steps() { grep -c '"type":"reminder.sent"' "$LOG" 2>/dev/null || true; }
all_recorded() {  # every delivery in the daemon's output has its reminder.sent in the log
  python3 - "$LOG" "$TMP/daemon.$r.err" <<'EOF'
import json, re, sys
log, err = sys.argv[1:]
sent = set()
for line in open(log, "rb").read().split(b"\n"):
    try:
        e = json.loads(line)
    except ValueError:
        continue
    if e.get("type") == "reminder.sent":
        sent.add((e["directive"], e["task"], e["unit"], e["step"]))
pat = re.compile(r"\[(?:upcoming|due|overdue|caught-up) ([^/\]]+)/([^/\]]+)/([^\]]+) (\S+)\]$")
missing = [m.groups() for m in (pat.search(l.rstrip("\n")) for l in open(err, encoding="utf-8", errors="replace")) if m and m.groups() not in sent]
print(len(missing))
sys.exit(1 if missing else 0)
EOF
}

# The tmpfs is full once the filler takes every free page, but the log's own last page may still
# have room for a few reminder lines. pad_page fills that page too, with a legitimate append: a
# completion whose note leaves less room than one `reminder.sent` line.
pad_base() {  # the length of the padding line without its note, from a trial on a copy
  cp "$LOG" "$TMP/trial.jsonl"
  HANCHOT_NOW=2026-01-05T10:00 HANCHOT_LANG=en "$HANCHOT" done "DF$1" 2 --unit "Phòng A" --id "pad-$1-0" --note x \
    --log "$TMP/trial.jsonl" --config "$CFG" >/dev/null
  pad_len=$(( $(stat -c %s "$TMP/trial.jsonl") - $(stat -c %s "$LOG") - 1 ))
}
pad_page() {
  local i size room note
  for i in 1 2 3 4 5; do
    size=$(stat -c %s "$LOG"); room=$(( (4096 - size % 4096) % 4096 ))
    note=$(( room - 40 - pad_len ))
    [ "$note" -ge 1 ] || return 0
    HANCHOT_NOW=2026-01-05T10:00 hc done "DF$1" 2 --unit "Phòng A" --id "pad-$1-$i" \
      --note "$(head -c "$note" /dev/zero | tr '\0' n)" >/dev/null 2>&1 && return 0
  done
}

fail=0 failed_records=0 delivered_full=0 unrecorded=0 fragments=0 dup_delivered=0 dup_recorded=0 not_full=0
for r in $(seq "$rounds"); do
  find "$mnt" -mindepth 1 -delete
  LOG=$mnt/events.jsonl
  due=$(local_time 3)
  printf '%s\n' "{\"id\":\"iss-$r\",\"directive\":\"DF$r\",\"number\":\"$r-CV\",\"title\":\"Đĩa đầy\",\"tasks\":[{\"id\":\"1\",\"text\":\"báo cáo\",\"assignees\":[\"Phòng A\",\"Phòng B\"],\"due\":\"$due\"},{\"id\":\"2\",\"text\":\"lưu hồ sơ\",\"assignees\":[\"Phòng A\"]}]}" \
    | hc issue - >/dev/null
  pad_base "$r"
  start_daemon "$TMP/daemon.$r.err"
  wait_for 10 bash -c "[ \$(grep -c reminder.sent '$LOG') -ge 2 ]" || { fail=1; evidence "round $r: no reminder recorded before the disk was filled"; }
  dd if=/dev/zero of="$mnt/fill" bs=4096 >/dev/null 2>&1
  dd if=/dev/zero of="$mnt/fill2" bs=512 >/dev/null 2>&1
  pad_page "$r"
  before=$(grep -c '^<' "$TMP/daemon.$r.err")
  sleep "$full_for"
  delivered_full=$((delivered_full + $(grep -c '^<' "$TMP/daemon.$r.err") - before))
  n=$(grep -c "could not record" "$TMP/daemon.$r.err")
  failed_records=$((failed_records + n))
  [ "$n" -gt 0 ] || { not_full=$((not_full + 1)); evidence "round $r: the daemon never failed to record while the disk was full ($(df -B1 --output=avail "$mnt" | tail -1) bytes free)"; }
  rm -f "$mnt/fill" "$mnt/fill2"
  wait_for "$allow" all_recorded >/dev/null
  kill_group TERM "$DAEMON_PID"
  m=$(all_recorded); unrecorded=$((unrecorded + m))
  [ "$m" -eq 0 ] || evidence "round $r: $m reminders delivered but never recorded, $allow s after space came back"
  if ! hc verify >"$TMP/verify" 2>&1; then
    fragments=$((fragments + $(grep -c '^/' "$TMP/verify")))
    evidence "round $r: verify: $(grep '^/' "$TMP/verify" | head -2 | tr '\n' '|')"
  fi
  audit=$($PY audit --log "$LOG" --sink "$TMP/daemon.$r.err")
  d=$(grep -o 'resent_bad=[0-9]*' <<<"$audit" | cut -d= -f2); dup_delivered=$((dup_delivered + ${d:-0}))
  d=$(grep -o ' dup=[0-9]*' <<<"$audit" | cut -d= -f2); dup_recorded=$((dup_recorded + ${d:-0}))
  while IFS= read -r e; do evidence "round $r: ${e#E }"; done < <(grep '^E ' <<<"$audit")
done
[ $((fail + unrecorded + fragments + dup_delivered + dup_recorded + not_full)) -eq 0 ] && status=PASS || status=FAIL
result $name $status "rounds=$rounds full_for=${full_for}s delivered_while_full=$delivered_full failure_reports=$failed_records" \
  "unrecorded=$unrecorded fragments=$fragments dup_delivered=$dup_delivered dup_recorded=$dup_recorded"
