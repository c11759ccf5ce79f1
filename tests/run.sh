#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test in a
# normal build (warnings as errors) and in an ASan+UBSan build. Non-zero on any failure.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

tools/install-deps.sh --with-test-tools
tests/setup-node.sh

jobs=$(nproc)
creds=$(mktemp -d)
trap 'rm -rf "$creds"' EXIT
tests/support/example-credentials.sh config/teichaku-bridge.example.toml "$creds"

for preset in default asan; do
  bindir=build
  [[ $preset == default ]] || bindir=build-$preset
  echo "== ${preset}: configure and build (${SECONDS} s so far)"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "== ${preset}: check the example configuration"
  CREDENTIALS_DIRECTORY=$creds "$bindir/bin/teichaku-bridge" check-config \
    --config config/teichaku-bridge.example.toml >/dev/null
  echo "== ${preset}: tests"
  ctest --preset "$preset" -j "$jobs"
done

# The libFuzzer targets (query parser, webhook body), each for a bounded time (clang; only the
# fuzz targets are built).
echo "== fuzz: query parser, webhook body (${SECONDS} s so far)"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$jobs" --target query_fuzz webhook_fuzz
ctest --test-dir build-fuzz -R '^(query|webhook)_fuzz_smoke$' --output-on-failure -j "$jobs"
echo "== all passed in ${SECONDS} s"
