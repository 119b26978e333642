#!/usr/bin/env bash
# Runs hanchotd in the foreground on the sample log from events/, plus a demo directive whose
# deadlines are a minute or two from now, so reminders fire while you watch.
#   - reminders go to journald when one is running (read them with journalctl), else to stderr;
#     hanchotd says which when it starts;
#   - the historical sample's deadlines (2021–2022) have long passed: each open assignment gets
#     one "caught-up" reminder at start, as a systemd timer with Persistent= would;
#   - stop a demo reminder from a second shell with the `hanchot done` line printed below;
#   - Ctrl-C stops the daemon.
# Usage: scripts/run.sh [--lang en]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build
bin=$(swift build --show-bin-path)

mkdir -p run
log=run/demo.jsonl
rm -f "$log" "$log".idx
cp events/sample.jsonl "$log"      # the sample itself stays untouched
id="DEMO-$(date +%H%M%S)"
later() { TZ=Asia/Ho_Chi_Minh date -d "+$1 seconds" '+%Y-%m-%dT%H:%M:%S'; }
"$bin/hanchot" issue --config config/demo.toml --log "$log" --id "$id" --number "$id/VP" --title "Chỉ thị thử nghiệm (demo)" \
  --task "Gửi báo cáo tuần" --task "Họp giao ban" --due "$(later 60)" --due "$(later 150)" \
  --to "UBND xã" --to "Các chi bộ"
"$bin/hanchot" verify --config config/demo.toml --log "$log"
cat <<MSG

Demo log: $log (the sample from events/ plus directive $id, due in 1 and 2.5 minutes).
From a second shell:
  $bin/hanchot status --log $log
  $bin/hanchot done --log $log '$id' 1 --unit 'UBND xã'     # stops that unit's reminders
  journalctl -f SYSLOG_IDENTIFIER=hanchotd                  # when journald runs
Starting hanchotd (Ctrl-C to stop)…

MSG
exec "$bin/hanchotd" --log "$log" --config config/demo.toml "$@"
