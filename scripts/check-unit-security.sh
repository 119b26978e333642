#!/usr/bin/env bash
# Fails if the service's exposure, as `systemd-analyze security` rates it, rises above a ceiling
# (default 1.0; it is 0.4 today). Runs offline: no systemd needs to be running (as in CI).
# Usage: scripts/check-unit-security.sh [UNIT_FILE] [CEILING]
set -euo pipefail
cd "$(dirname "$0")/.."
unit=${1:-systemd/hanchotd.service}
ceiling=${2:-1.0}
out=$(systemd-analyze security --offline=yes "$unit" 2>&1) || true
level=$(printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
if [ -z "$level" ]; then
  printf '%s\n' "$out" >&2
  echo "unit security: could not read the exposure level of $unit" >&2
  exit 1
fi
if awk -v l="$level" -v c="$ceiling" 'BEGIN { exit !(l > c) }'; then
  printf '%s\n' "$out" | grep -E '^✗' >&2 || true
  echo "unit security: FAIL: $unit has exposure $level, above the ceiling $ceiling" >&2
  exit 1
fi
echo "unit security: $unit has exposure $level (ceiling $ceiling)"
