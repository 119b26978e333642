#!/usr/bin/env bash
# Runs every test: unit tests of each module and end-to-end tests through the real binaries.
# Usage: scripts/test.sh [extra `swift test` arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
