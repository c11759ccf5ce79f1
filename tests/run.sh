#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test in a
# normal build (warnings as errors) and in an ASan+UBSan build. Non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

tools/install-deps.sh --with-test-tools
tests/setup-node.sh

jobs=$(nproc)
for preset in default asan; do
  echo "== ${preset}: configure and build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "== ${preset}: check the example configuration"
  "build$([[ $preset == default ]] || echo "-$preset")/bin/teichaku-bridge" check-config \
    --config config/teichaku-bridge.example.toml
  echo "== ${preset}: tests"
  ctest --preset "$preset" -j "$jobs"
done
