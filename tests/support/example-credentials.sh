#!/usr/bin/env bash
# Creates placeholder secret files (mode 0600) for every ${CREDENTIALS_DIRECTORY}/NAME
# that a configuration file references, so check-config can run on the example.
# Usage: tests/support/example-credentials.sh CONFIG DIR
set -euo pipefail
config=$1
dir=$2
mkdir -p "$dir"
chmod 700 "$dir"
grep -o '^[a-z_]*_file = "\${CREDENTIALS_DIRECTORY}/[A-Za-z0-9._-]*' "$config" | sed 's|.*}/||' |
  while read -r name; do
    (umask 077 && printf 'placeholder-%s' "$name" >"$dir/$name")
  done
