#!/usr/bin/env bash
# The log replaced under a running daemon:
#   replace.sh mv            mv other.jsonl events.jsonl           (a new inode)
#   replace.sh cat           cat other.jsonl > events.jsonl        (in place: same inode, new bytes)
#   replace.sh cat-stopped   the same while the daemon is paused (kill -STOP … -CONT), so it
#                            only ever sees the final bytes, never the truncation
#   replace.sh truncate      : > events.jsonl, then a new directive is issued into it
# The old log holds directive OLD-r (reminded every second), the new content NEW-r (its
# deadline has passed by then) and, to make it longer than the old log, directives without
# deadlines. Afterwards the daemon must have said it replays the log, must remind NEW-r, and
# must never remind OLD-r after saying so; the final log must verify clean and name OLD-r in no
# `reminder.sent`; no reminder step twice.
. "$(dirname "$0")/../lib.sh"
variant=${1:?variant: mv, cat, cat-stopped or truncate}
name=replace-$variant
rounds=$(pick 1 3)
after=$(pick 2 4)      # seconds to watch the daemon after the replacement
CFG=$TMP/hanchot.toml
config "$CFG" '"2s", "1s"' 1s 200

directive_doc() {  # directive_doc ID DUE_IN_SECONDS UNIT…
  local id=$1 due; due=$(local_time "$2"); shift 2
  local units; units=$(printf '"%s",' "$@"); units=${units%,}
  printf '{"id":"iss-%s","directive":"%s","number":"%s/TB","title":"Thay sổ","tasks":[{"id":"1","text":"báo cáo","assignees":[%s],"due":"%s"}]}\n' \
    "$id" "$id" "$id" "$units" "$due"
}

fail=0 noticed=0 old_after=0 new_reminded=0 old_recorded=0 problems=0 dups=0
for r in $(seq "$rounds"); do
  dir=$TMP/r$r; mkdir -p "$dir"
  LOG=$dir/events.jsonl
  directive_doc "OLD-$r" 1 "Cũ 1" "Cũ 2" | hc issue - >/dev/null
  # The new content, built as its own log.
  other=$dir/other.jsonl
  if [ "$variant" != truncate ]; then
    directive_doc "NEW-$r" 2 "Mới 1" "Mới 2" | HANCHOT_LANG=en "$HANCHOT" issue - --log "$other" --config "$CFG" >/dev/null
    $PY pool --prefix "Z$r-" --directives 1 --tasks 120 --units 3 \
      | HANCHOT_LANG=en "$HANCHOT" issue - --log "$other" --config "$CFG" >/dev/null
  fi
  err=$dir/daemon.err
  start_daemon "$err"
  wait_for 10 bash -c "[ \$(grep -c '\[.* OLD-$r/' '$err') -ge 2 ]" || { fail=1; evidence "round $r: OLD-$r was never reminded"; }
  old_size=$(stat -c %s "$LOG")
  [ "$variant" = truncate ] || [ "$(stat -c %s "$other")" -gt "$old_size" ] || { fail=1; evidence "round $r: the new content is not longer than the log"; }
  mark=$(wc -l <"$err")
  case $variant in
    mv) mv "$other" "$LOG" ;;
    cat) cat "$other" >"$LOG" ;;
    cat-stopped)
      kill -STOP "$DAEMON_PID"; sleep 0.3
      cat "$other" >"$LOG"
      sleep 0.3; kill -CONT "$DAEMON_PID" ;;
    truncate)
      : >"$LOG"; sleep 1
      directive_doc "NEW-$r" 0 "Mới 1" "Mới 2" | hc issue - >/dev/null ;;
  esac
  sleep "$after"
  kill_group TERM "$DAEMON_PID"

  tail -n +"$((mark + 1))" "$err" >"$dir/after.err"
  notice=$(grep -n "was replaced" "$dir/after.err" | head -1 | cut -d: -f1)
  if [ -n "$notice" ]; then
    noticed=$((noticed + 1))
    n=$(tail -n +"$notice" "$dir/after.err" | grep -c "^<.*\[[a-z-]* OLD-$r/")
  else
    evidence "round $r: the daemon never said it replays the log ($(grep -v '^<' "$dir/after.err" | tail -2 | tr '\n' '|'))"
    n=$(grep -c "^<.*\[[a-z-]* OLD-$r/" "$dir/after.err")
  fi
  old_after=$((old_after + n))
  [ "$n" -eq 0 ] || evidence "round $r: $n reminders for OLD-$r after the replacement, e.g. $(grep "^<.*\[[a-z-]* OLD-$r/" "$dir/after.err" | tail -1)"
  m=$(grep -c "^<.*\[[a-z-]* NEW-$r/" "$dir/after.err")
  if [ "$m" -gt 0 ]; then new_reminded=$((new_reminded + 1)); else evidence "round $r: NEW-$r of the new content was never reminded"; fi
  o=$(grep '"type":"reminder.sent"' "$LOG" | grep -c "\"directive\":\"OLD-$r\"")
  old_recorded=$((old_recorded + o))
  [ "$o" -eq 0 ] || evidence "round $r: the new log records $o reminders of OLD-$r"
  if ! hc verify >"$dir/verify" 2>&1; then
    problems=$((problems + 1)); evidence "round $r: verify: $(grep '^/' "$dir/verify" | head -2 | tr '\n' '|')"
  fi
  audit=$($PY audit --log "$LOG" --sink "$err")
  d=$(grep -o 'resent_bad=[0-9]*' <<<"$audit" | cut -d= -f2); e=$(grep -o ' dup=[0-9]*' <<<"$audit" | cut -d= -f2)
  dups=$((dups + ${d:-0} + ${e:-0}))
  while IFS= read -r e; do evidence "round $r: ${e#E }"; done < <(grep '^E ' <<<"$audit" | grep -v "never delivered")
done
ok=$(( fail == 0 && noticed == rounds && old_after == 0 && new_reminded == rounds && old_recorded == 0 && problems == 0 && dups == 0 ))
[ $ok -eq 1 ] && status=PASS || status=FAIL
result "$name" $status "rounds=$rounds noticed=$noticed new_reminded=$new_reminded old_reminded_after=$old_after" \
  "old_recorded=$old_recorded verify_failures=$problems dup=$dups"
