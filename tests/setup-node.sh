#!/usr/bin/env bash
# Installs the npm packages the JavaScript conformance suite needs, from the lock file.
set -euo pipefail
dir=$(cd "$(dirname "$0")/js" 2>/dev/null && pwd) || exit 0
[[ -f "$dir/package-lock.json" ]] || exit 0
if [[ ! -d "$dir/node_modules" ]] || [[ "$dir/package-lock.json" -nt "$dir/node_modules" ]]; then
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
