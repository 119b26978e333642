#!/usr/bin/env bash
# Runs hanchot on the sample log in events/: builds it, verifies the log, and shows what is open,
# as it stood on 5 January 2022 (the sample's deadlines are in 2021–2022).
# Usage: scripts/run.sh [extra `hanchot status` arguments, e.g. --lang en or --overdue]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --product hanchot
bin=$(swift build --show-bin-path)/hanchot
log=events/sample.jsonl
"$bin" verify --log "$log"
echo
"$bin" status --log "$log" --as-of 2022-01-05 "$@"
