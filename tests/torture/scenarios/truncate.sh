#!/usr/bin/env bash
# Every-offset truncation of the last events of a log (what a crash mid-write leaves): nothing
# before the cut is lost, the torn bytes are reported, the next append starts on a fresh line.
# Two logs: events/sample.jsonl and one past the directive-index threshold, with a stale .idx.
# The cases are in truncate.py.
. "$(dirname "$0")/../lib.sh"
name=truncate
CFG=$TMP/hanchot.toml
config "$CFG" '"7d", "1d"' 1d 3
out=$(python3 "$TORTURE_DIR/truncate.py" --hanchot "$HANCHOT" --config "$CFG" --work "$TMP" \
        --repo "$TORTURE_DIR/../.." --mode "$MODE" 2>&1)
rc=$?
while IFS= read -r e; do evidence "${e#E }"; done < <(grep '^E ' <<<"$out")
fields=$(grep -v '^E ' <<<"$out" | tail -1)
[ $rc -eq 0 ] && status=PASS || status=FAIL
result $name $status "$fields"
