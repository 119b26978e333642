#!/usr/bin/env bash
# Installs what hanchot needs on a fresh Debian 12 machine (idempotent; skips what is there).
#   libsystemd-dev, pkg-config : the daemon's journald and sd_notify bindings (C, libsystemd)
#   systemd                    : /lib/systemd/systemd-journald and journalctl for integration tests
# Swift itself (6.x) must already be on PATH.
set -euo pipefail

need=()
for pkg in libsystemd-dev pkg-config systemd; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v swift >/dev/null || { echo "setup: swift is not on PATH (install Swift 6 first)" >&2; exit 1; }
