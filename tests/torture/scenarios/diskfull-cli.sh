#!/usr/bin/env bash
# A full disk under the CLI, on a 64 KiB tmpfs. For each gap G, the log is padded so that its
# last page has G bytes left, the rest of the tmpfs is filled, and then `hanchot done` and
# `hanchot issue` are tried:
#   - an append that does not fit in those G bytes must fail: non-zero exit, a message naming the
#     full disk, and the log byte-identical to before (no fragment such as `{"v"` left behind);
#   - one that fits (G large) must simply succeed;
#   - after the filler is removed, the same `done` succeeds and `hanchot verify` is clean.
. "$(dirname "$0")/../lib.sh"
name=diskfull-cli
is_root || skip $name "needs root to mount a tmpfs"
mnt=$TMP/mnt
mount_tmpfs "$mnt" 64k || skip $name "cannot mount a tmpfs here: $(head -1 "$TMP/mount.err")"
page=$(getconf PAGESIZE)

CFG=$TMP/hanchot.toml
config "$CFG" '"7d"' 1d 3
export HANCHOT_NOW=2026-01-05T10:00   # fixed times: every line has a known length
gaps=($(pick "0 1 5 150 3000" "0 1 2 5 17 37 64 100 150 199 1000 3000"))

# append done|issue LOG: the two appends tried on the full disk.
append() {
  case $1 in
    done) HANCHOT_LANG=en "$HANCHOT" done F 1 --unit "Văn phòng" --id "full-$gap" --log "$2" --config "$CFG" ;;
    issue) printf '%s\n' '{"id":"iss-G","directive":"G","number":"2-CV/F","title":"Văn bản không vừa","tasks":[{"id":"1","text":"x","assignees":["A"]}]}' \
             | HANCHOT_LANG=en "$HANCHOT" issue - --log "$2" --config "$CFG" ;;
  esac
}

rounds=0 attempts=0 refused=0 fitted=0 unchanged=0 fragments=0 unclear=0 recovered=0 bad=0
for gap in "${gaps[@]}"; do
  rounds=$((rounds + 1))
  find "$mnt" -mindepth 1 -delete
  LOG=$mnt/events.jsonl
  doc='{"id":"iss-F","directive":"F","number":"1-CV/F","title":"Đầy đĩa","tasks":[{"id":"1","text":"báo cáo","assignees":["Ủy ban","Văn phòng","Công an","Quân sự"]}]}'
  printf '%s\n' "$doc" | hc issue - >/dev/null || { bad=$((bad + 1)); evidence "gap $gap: issue failed"; continue; }
  # Pad with a completion whose note makes the log end G bytes before a page boundary.
  size=$(stat -c %s "$LOG")
  cp "$LOG" "$TMP/trial.jsonl"
  HANCHOT_LANG=en "$HANCHOT" done F 1 --unit "Ủy ban" --id pad --note x --log "$TMP/trial.jsonl" --config "$CFG" >/dev/null
  base=$(( $(stat -c %s "$TMP/trial.jsonl") - size - 1 ))   # the line without its note text
  target=$(( (size + base + 1 + page - 1) / page * page ))
  [ $((target - gap - size - base)) -ge 1 ] || target=$((target + page))
  note_len=$((target - gap - size - base))
  hc done F 1 --unit "Ủy ban" --id pad --note "$(head -c "$note_len" /dev/zero | tr '\0' n)" >/dev/null
  if [ $(( $(stat -c %s "$LOG") % page )) -ne $(( (page - gap) % page )) ]; then
    bad=$((bad + 1)); evidence "gap $gap: padding left the log at $(stat -c %s "$LOG") bytes"; continue
  fi
  dd if=/dev/zero of="$mnt/fill" bs=$page >/dev/null 2>&1
  dd if=/dev/zero of="$mnt/fill2" bs=512 >/dev/null 2>&1
  for try in done issue; do
    attempts=$((attempts + 1))
    cp "$LOG" "$TMP/before.jsonl"
    # The same append on a copy on a disk with room: what the log would become if it fitted.
    cp "$TMP/before.jsonl" "$TMP/shadow.jsonl"
    append "$try" "$TMP/shadow.jsonl" >/dev/null 2>&1
    len=$(( $(stat -c %s "$TMP/shadow.jsonl") - $(stat -c %s "$TMP/before.jsonl") ))
    room=$(( (page - $(stat -c %s "$TMP/before.jsonl") % page) % page ))   # bytes left in the last page
    append "$try" "$LOG" >"$TMP/out" 2>&1; rc=$?
    grew=$(( $(stat -c %s "$LOG") - $(stat -c %s "$TMP/before.jsonl") ))
    if [ "$len" -le "$room" ]; then
      # It fits in the page the log already has: it must succeed, with the very same bytes.
      if [ "$rc" -eq 0 ] && cmp -s "$LOG" "$TMP/shadow.jsonl"; then
        fitted=$((fitted + 1))
      else
        bad=$((bad + 1)); evidence "gap $gap: hanchot $try ($len bytes) fits in the last page's $room bytes but: exit $rc, $(head -1 "$TMP/out")"
      fi
      continue
    fi
    if [ "$rc" -eq 0 ]; then
      bad=$((bad + 1)); evidence "gap $gap: hanchot $try ($len bytes, $room left) succeeded on a full disk; the log grew by $grew bytes"
      continue
    fi
    refused=$((refused + 1))
    grep -qi "no space left" "$TMP/out" || { unclear=$((unclear + 1)); evidence "gap $gap: hanchot $try failed without naming the full disk: $(head -2 "$TMP/out" | tr '\n' '|')"; }
    if cmp -s "$LOG" "$TMP/before.jsonl"; then
      unchanged=$((unchanged + 1))
    else
      fragments=$((fragments + 1))
      evidence "gap $gap: the failed hanchot $try (exit $rc: $(head -1 "$TMP/out")) left $grew bytes: $(tail -c "$(( grew > 0 && grew < 60 ? grew : 60 ))" "$LOG" | od -An -c | tr -s ' ' | tr -d '\n')"
    fi
  done
  rm -f "$mnt/fill" "$mnt/fill2"
  if hc done F 1 --unit "Văn phòng" --id "full-$gap" >"$TMP/out" 2>&1 && hc verify >"$TMP/verify" 2>&1 \
     && grep -q '"id":"full-'"$gap"'"' "$LOG"; then
    recovered=$((recovered + 1))
  else
    bad=$((bad + 1)); evidence "gap $gap: after freeing space: $(head -1 "$TMP/out") / verify: $(head -2 "$TMP/verify" | tr '\n' '|')"
  fi
done
status=PASS
[ $((fragments + unclear + bad)) -eq 0 ] && [ "$recovered" -eq "$rounds" ] || status=FAIL
result $name $status "rounds=$rounds appends_tried=$attempts refused=$refused fitted=$fitted unchanged=$unchanged" \
  "fragments=$fragments unclear_message=$unclear recovered=$recovered other_failures=$bad"
