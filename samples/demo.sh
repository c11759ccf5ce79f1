#!/usr/bin/env bash
# The main job on embedded defaults, with no cloud service reachable: installs what is
# missing, builds, starts the bundled cloud emulator, creates the Raito Plus apps in it,
# seeds synthetic data (no real person), creates the staff accounts from the sample roster
# (plan + apply), syncs into the encrypted SQLite mirror, writes the statistics and the
# data checks, runs the daemon briefly (a share between two centres, its receipt, a
# release date → Garoon), and writes a summary. Everything it writes — emulator state, credentials, mirror, logs,
# outputs, summary.json — stays under OUT_DIR (default: ./demo-out), which is emptied
# first.
#
# Usage: samples/demo.sh [OUT_DIR]
# Environment: TEICHAKU_DEMO_CASES (default 480), TEICHAKU_DEMO_SEED (default 1),
#              TEICHAKU_DEMO_CANARY (a name put into some cases, for privacy checks).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$root/demo-out}
mkdir -p "$out"
out=$(cd "$out" && pwd)
cd "$root"
cases=${TEICHAKU_DEMO_CASES:-480}
seed=${TEICHAKU_DEMO_SEED:-1}

say() { printf '\n== %s\n' "$*"; }

say "準備: 足りないパッケージを入れてビルドします"
tools/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)" --target teichaku-bridge cybozu-emulator \
  exporter_stats_national exporter_stats_period provisioner_accounts

bridge=$root/build/bin/teichaku-bridge
emulator=$root/build/bin/cybozu-emulator

# A fresh, private working folder: previous runs never leak into this one.
rm -rf "${out:?}"/{credentials,data,emulator,logs,outputs,bridge.toml,summary.json,sync-summary.json,garoon-received.json}
umask 077
mkdir -p "$out"/{credentials,data,emulator,logs,outputs}

secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
secret >"$out/credentials/emulator-admin-password"
secret >"$out/credentials/webhook-secret"
secret >"$out/credentials/garoon-password"
# A free loopback port for the daemon's webhook endpoint (the emulator needs it in its config).
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || {
      echo "$p"
      return
    }
  done
}
bridge_port=$(free_port)
apps=(cases support_records tasks shares staff reports)
names=(対象者 支援記録 タスク センター間共有 職員名簿 月次報告)
{
  echo "concurrencyLimit = 100"
  echo "[kintone]"
  echo "deployDelayMs = 50"
  for i in "${!apps[@]}"; do
    token=$(secret)
    printf '%s' "$token" >"$out/credentials/kintone-${apps[$i]}-token"
    # The apps exist empty, with their API tokens, as an administrator would create
    # them in kintone; `apps deploy` adds the fields.
    printf '[[apps]]\nid = %d\nname = "%s"\n[[apps.tokens]]\ntoken = "%s"\npermissions = ["view", "add", "edit", "delete"]\n' \
      $((101 + i)) "${names[$i]}" "$token"
    # kintone tells the daemon about changes to cases and shares (kintone-api.md §7).
    if [[ ${apps[$i]} == cases || ${apps[$i]} == shares ]]; then
      printf '[[apps.webhooks]]\nurl = "http://127.0.0.1:%d/hooks/kintone/%s"\nevents = ["ADD_RECORD", "UPDATE_RECORD"]\n' \
        "$bridge_port" "$(cat "$out/credentials/webhook-secret")"
    fi
  done
  # The Garoon external notification the bridge sends through (garoon-cybozu-api.md).
  printf '[garoon]\n[[garoon.notificationApps]]\ncode = "teichaku"\nname = "定着支援"\n'
  printf 'allowedUrlPrefixes = ["http://127.0.0.1:"]\nallowedSenders = ["bridge"]\n'
} >"$out/emulator/emulator.toml"

say "エミュレーターを起動します（127.0.0.1 のみ）"
"$emulator" --listen 127.0.0.1:0 --admin-password-file "$out/credentials/emulator-admin-password" \
  --config "$out/emulator/emulator.toml" >"$out/emulator/stdout.log" 2>"$out/emulator/stderr.log" &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true' EXIT
base=""
for _ in $(seq 1 100); do
  base=$(head -n 1 "$out/emulator/stdout.log" 2>/dev/null | sed -n 's/^ready //p')
  [[ -n $base ]] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$out/emulator/stderr.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $base ]] || { echo "エミュレーターが起動しません" >&2; exit 1; }
echo "  $base"

{
  cat <<TOML
# samples/demo.sh が作った設定（エミュレーター用）
[bridge]
data_dir = "$out/data"
mapping_file = "$root/mappings/raito-plus.toml"

[kintone]
base_url = "$base"
admin_login = "Administrator"
admin_password_file = "$out/credentials/emulator-admin-password"
max_concurrency = 4
TOML
  for i in "${!apps[@]}"; do
    printf '\n[kintone.apps.%s]\napp_id = %d\napi_token_file = "%s"\n' \
      "${apps[$i]}" $((101 + i)) "$out/credentials/kintone-${apps[$i]}-token"
  done
  cat <<TOML

[garoon]
enabled = true
base_url = "$base"
username = "bridge"
password_file = "$out/credentials/garoon-password"
notification_app_code = "teichaku"

[cybozu]
enabled = true
base_url = "$base"
admin_login = "Administrator"
admin_password_file = "$out/credentials/emulator-admin-password"

[server]
listen = "127.0.0.1:$bridge_port"
webhook_secret_file = "$out/credentials/webhook-secret"

[schedule]
incremental_poll_minutes = 1
outbox_interval_seconds = 1

[store]
engine = "sqlite"
key_file = "$out/data/keys/mirror.keys"

[logging]
level = "notice"
console = false
file = "$out/logs/bridge.log"

[plugins]
directory = "$root/build/lib/teichaku/plugins"

[plugins.national]
type = "stats_national"
definitions = "$root/mappings/statistics/national.toml"

[plugins.monthly]
type = "stats_period"
definitions = "$root/mappings/statistics/national.toml"

[plugins.accounts]
type = "provisioner_accounts"
centres_file = "$root/samples/apps/centres.json"
TOML
} >"$out/bridge.toml"
mkdir -p "$out/data/keys"

say "設定ファイルを検査します"
"$bridge" check-config --config "$out/bridge.toml" | tee "$out/outputs/check-config.txt"

say "ミラーの暗号鍵を作ります"
"$bridge" key init --config "$out/bridge.toml"

say "Raito Plus のアプリを作成します"
"$bridge" apps deploy --config "$out/bridge.toml" --apps "$root/samples/apps/apps.toml"

say "架空のデータを登録します（${cases} 人、seed=${seed}）"
seed_args=(--cases "$cases" --seed "$seed")
[[ -n ${TEICHAKU_DEMO_CANARY:-} ]] && seed_args+=(--canary "$TEICHAKU_DEMO_CANARY")
"$bridge" samples seed --config "$out/bridge.toml" "${seed_args[@]}"

say "職員名簿からアカウントを作ります（計画 → 適用、samples/rosters/staff-roster.csv）"
samples/demo_accounts_step.sh "$bridge" "$out/bridge.toml" "$out/outputs" | tee "$out/outputs/accounts-summary.txt"

say "ミラーに同期します"
"$bridge" sync --config "$out/bridge.toml" --full --summary "$out/sync-summary.json"

say "職員名簿アプリ（kintone）からも計画を作ります（CSV と同じ人たちなので、変更は 0 件のはずです）"
"$bridge" query --config "$out/bridge.toml" --app staff --format csv 'order by $id asc' \
  >"$out/outputs/accounts/roster-from-kintone.csv"
"$bridge" accounts plan --config "$out/bridge.toml" --roster "$out/outputs/accounts/roster-from-kintone.csv" \
  --out "$out/outputs/accounts/plan-from-kintone.json" | tail -n 2

say "ミラーに問い合わせます（kintone には接続しません）"
"$bridge" query --config "$out/bridge.toml" --app cases --format csv \
  '依頼区分 in ("特別調整") and 現在の状況 in ("フォローアップ") order by $id asc limit 5' \
  >"$out/outputs/query-sample.csv"
echo "  outputs/query-sample.csv（$(($(wc -l <"$out/outputs/query-sample.csv") - 1)) 件）"

say "統計を作ります（令和7年度の国の実施状況調べ、上半期の月次）"
"$bridge" stats --config "$out/bridge.toml" --plugin national --fy 2025 --out "$out/outputs"
"$bridge" stats --config "$out/bridge.toml" --plugin monthly --from 2025-04-01 --to 2025-09-30 \
  --out "$out/outputs"

say "データ点検（未入力・矛盾のあるケースをセンターごとに一覧）"
"$bridge" stats --config "$out/bridge.toml" --plugin national --check --fy 2025 --out "$out/outputs/checks"

say "デーモンを短時間動かします（センター間共有 → 受領確認 → 出所予定を Garoon へ）"
samples/demo_daemon_step.sh "$bridge" "$out/bridge.toml" "$out" "$base" | tee "$out/outputs/daemon-step.txt"

say "デーモンの間の変更（共有、作られたタスク）もミラーに同期します"
"$bridge" sync --config "$out/bridge.toml"

say "監査ログを検証します"
"$bridge" audit verify --config "$out/bridge.toml"

# Counts: the source (kintone emulator, totalCount) and the mirror (ids only, in clear).
counts=""
for i in "${!apps[@]}"; do
  app=${apps[$i]}
  source_count=$(curl -sf -H "X-Cybozu-API-Token: $(cat "$out/credentials/kintone-$app-token")" \
    "$base/k/v1/records.json?app=$((101 + i))&totalCount=true&query=limit%201&fields%5B0%5D=%24id" |
    sed -n 's/.*"totalCount":"\([0-9]*\)".*/\1/p')
  mirror_count=$(sqlite3 "$out/data/mirror.db" "SELECT COUNT(*) FROM records WHERE app = '$app';")
  counts+=$(printf '%s\n    "%s": {"source": %s, "mirror": %s}' "${counts:+,}" "$app" "${source_count:-null}" "$mirror_count")
done

# What the emulator's Garoon received while the daemon ran (demo_daemon_step.sh prints
# "notifications=N events=M" on its last line).
garoon_counts() {
  local line n e
  line=$(grep -o 'notifications=[0-9]* events=[0-9]*' "$out/outputs/daemon-step.txt" | tail -n 1)
  n=${line#notifications=}
  n=${n%% *}
  e=${line##*events=}
  printf '"notifications": %s, "events": %s' "${n:-0}" "${e:-0}"
}

cat >"$out/summary.json" <<JSON
{
  "version": "$("$bridge" --version | cut -d' ' -f2)",
  "emulator": "$base",
  "cases_seeded": $cases,
  "seed": $seed,
  "apps": {$counts
  },
  "sync": "sync-summary.json",
  "garoon": {"file": "garoon-received.json", $(garoon_counts)},
  "outputs": [$(cd "$out" && find outputs -type f | sort | sed 's/.*/"&"/' | paste -sd, -)]
}
JSON
say "結果: $out/summary.json"
cat "$out/summary.json"
