#!/usr/bin/env bash
# Installs what is missing to build, test and demo teichaku-bridge on Debian 12.
# Idempotent and non-interactive; Debian packages only. Shared by tests/run.sh and
# samples/demo.sh. Usage: tools/install-deps.sh [--with-test-tools]
set -euo pipefail

packages=(
  cmake ninja-build pkg-config g++ git ca-certificates
  libpoco-dev libtomlplusplus-dev rapidjson-dev libcurl4-openssl-dev libssl-dev
  libsqlite3-dev sqlite3 libpq-dev libxlsxwriter-dev openssl curl
)
if [[ "${1:-}" == "--with-test-tools" ]]; then
  packages+=(libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev
             postgresql python3 systemd)  # systemd: systemd-analyze verifies the unit
fi
# Node.js runs the official kintone JavaScript client against the emulator; an
# existing installation (any origin) is kept.
if [[ "${1:-}" == "--with-test-tools" ]] && ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
