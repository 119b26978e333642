#!/usr/bin/env bash
# One writer: `hanchot done` for each item of ITEMS ("DIRECTIVE TASK UNIT EVENT-ID" per line),
# in order, from the position saved in POS (so a writer killed -9 and started again goes on
# where it was, re-running the item it may have been killed in: same event id, a no-op if it
# was written). An item is acknowledged — its id appended to ACKS — only after the CLI exited 0.
# A non-zero exit is a failure of hanchot (nothing else should make `done` fail here): it is
# written to standard error, and the item is not retried.
#   writer.sh HANCHOT LOG CONFIG ITEMS ACKS POS
set -u
hanchot=$1 log=$2 cfg=$3 items=$4 acks=$5 pos=$6
start=$(cat "$pos" 2>/dev/null); start=${start:-0}
i=0
while read -r d t u id; do
  if [ "$i" -ge "$start" ]; then
    if out=$(HANCHOT_LANG=en "$hanchot" done "$d" "$t" --unit "$u" --id "$id" --log "$log" --config "$cfg" 2>&1); then
      echo "$id" >>"$acks"
    else
      echo "FAILED (exit $?) done $d $t --unit $u --id $id: $out" >&2
    fi
    echo $((i + 1)) >"$pos.new" && mv -f "$pos.new" "$pos"  # never an empty POS
  fi
  i=$((i + 1))
done <"$items"
echo "writer done: $i items"
