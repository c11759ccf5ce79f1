#!/usr/bin/env bash
# The main job on embedded defaults: installs what is missing, builds, and runs the
# bridge against the bundled cloud emulator. Everything it writes (state, mirror,
# logs, outputs, summary.json) goes under OUT_DIR (default: ./demo-out).
# Usage: samples/demo.sh [OUT_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:-$root/demo-out}" && cd "${1:-$root/demo-out}" && pwd)
cd "$root"

tools/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)" --target teichaku-bridge

bridge=build/bin/teichaku-bridge
creds="$out/credentials"
tests/support/example-credentials.sh config/teichaku-bridge.example.toml "$creds"

echo "== 設定ファイルの検査"
CREDENTIALS_DIRECTORY=$creds "$bridge" check-config --config config/teichaku-bridge.example.toml |
  tee "$out/check-config.txt"

version=$("$bridge" --version)
cat >"$out/summary.json" <<JSON
{
  "version": "${version#teichaku-bridge }",
  "config_check": "ok",
  "outputs": ["check-config.txt"]
}
JSON
echo "== 結果: $out/summary.json"
