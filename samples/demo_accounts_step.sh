#!/usr/bin/env bash
# Demo step: account provisioning for the sample roster against the demo's emulator.
# Runs `accounts plan` and `accounts apply` for samples/rosters/staff-roster.csv and writes
# OUT_DIR/accounts/ (plan.json, plan.txt, apply.txt and one initial-password file per
# centre, all private). Prints one summary line.
#
# Usage: samples/demo_accounts_step.sh BRIDGE CONFIG OUT_DIR
# CONFIG needs [cybozu] (enabled = true, base_url = the emulator, admin_login,
# admin_password_file) and a [plugins.<name>] with type = "provisioner_accounts" and
# centres_file = "<repo>/samples/apps/centres.json" (docs/accounts.md).
set -euo pipefail
if [[ $# -ne 3 ]]; then
  echo "使い方: $0 BRIDGE CONFIG OUT_DIR" >&2
  exit 2
fi
bridge=$1
config=$2
out=$3/accounts
root=$(cd "$(dirname "$0")/.." && pwd)
umask 077
mkdir -p "$out"

"$bridge" accounts plan --config "$config" --roster "$root/samples/rosters/staff-roster.csv" \
  --out "$out/plan.json" >"$out/plan.txt"
"$bridge" accounts apply --config "$config" --plan "$out/plan.json" --out "$out" >"$out/apply.txt"

totals=$(sed -n 's/^合計: //p' "$out/plan.txt")
files=$(find "$out" -maxdepth 1 -name 'initial-passwords-*.csv' | wc -l)
people=$(find "$out" -maxdepth 1 -name 'initial-passwords-*.csv' -exec grep -hv '^#' {} + |
  grep -cv '^ログイン名,' || true)
echo "accounts: ${totals}、初期パスワードのファイル ${files} 件（${people} 人） → ${out}/"
