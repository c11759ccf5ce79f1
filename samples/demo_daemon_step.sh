#!/usr/bin/env bash
# The daemon part of samples/demo.sh: runs `teichaku-bridge run` briefly against the demo's
# emulator and walks through what the centres see — a share of a seeded case from its
# centre to another (神奈川, or 東京 for a 神奈川 case) and the Garoon notification to the
# receiving staff, the receipt (受領確認) and the sender's notification, a release date
# (刑期終了日) becoming a Garoon schedule event — then stops the daemon with SIGTERM (exit 0
# expected) and writes OUT_DIR/garoon-received.json: every Garoon notification request the
# emulator received, its stored notifications, the schedule events of the sending centre's
# staff and the emulator's request counts, as its control and REST APIs report them.
#
# Usage: samples/demo_daemon_step.sh BRIDGE CONFIG OUT_DIR EMULATOR_URL
# CONFIG needs [garoon] and [cybozu] (enabled, pointing at the emulator) and [server]
# (listen on a fixed loopback port). The emulator needs the external notification of
# [garoon] notification_app_code in its startup config; kintone webhooks to the daemon make
# each step take about a second (without them the daemon finds a change at its next poll,
# [schedule] incremental_poll_minutes). Organisations and staff the two centres need are
# added to the emulator's cybozu.com directory when missing, with the bridge's Garoon
# account; an existing account without Garoon gets it.
set -euo pipefail
if [[ $# -ne 4 ]]; then
  echo "使い方: $0 BRIDGE CONFIG OUT_DIR EMULATOR_URL" >&2
  exit 2
fi
bridge=$1
config=$2
out=$3
base=${4%/}
root=$(cd "$(dirname "$0")/.." && pwd)

fail() {
  printf 'エラー: %s\n' "$*" >&2
  exit 1
}
step() { printf '  - %s\n' "$*"; }

# The value of KEY in [SECTION] of the config (simple `key = "value"` / `key = value` lines).
toml_get() {
  awk -v section="[$1]" -v key="$2" '
    /^[ \t]*\[/ { inside = ($0 == section); next }
    inside && $0 ~ "^[ \t]*" key "[ \t]*=" {
      sub(/^[^=]*=[ \t]*/, ""); sub(/[ \t]*(#.*)?$/, ""); gsub(/^"|"$/, ""); print; exit
    }' "$config"
}

missing=()
for section in garoon cybozu server; do
  grep -q "^\[$section\]" "$config" || missing+=("[$section]")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  fail "設定ファイル $config に ${missing[*]} がありません。デーモンの手順には [garoon]（enabled = true、エミュレーターの base_url、username、password_file、notification_app_code）、[cybozu]（enabled = true、base_url、admin_login、admin_password_file）、[server]（listen = \"127.0.0.1:ポート\"）が必要です。"
fi
[[ $(toml_get garoon enabled) == true ]] || fail "[garoon] enabled = true にしてください（Garoon 通知を使わない設定です）。"
[[ $(toml_get cybozu enabled) == true ]] || fail "[cybozu] enabled = true にしてください（センターの職員を cybozu.com から読みます）。"
listen=$(toml_get server listen)
[[ $listen =~ ^127\.0\.0\.1:[1-9][0-9]*$ ]] ||
  fail "[server] listen を \"127.0.0.1:ポート\"（0 以外の固定ポート）にしてください（いま: \"${listen}\"）。"
garoon_user=$(toml_get garoon username)
garoon_password_file=$(toml_get garoon password_file)
[[ -n $garoon_user && -r $garoon_password_file ]] ||
  fail "[garoon] username と password_file（読めるファイル）を設定してください。"
[[ $(toml_get garoon base_url) == "$base" && $(toml_get cybozu base_url) == "$base" ]] ||
  fail "[garoon] と [cybozu] の base_url をエミュレーターの URL（$base）にしてください。"
notification_app=$(toml_get garoon notification_app_code)

admin_auth=$(printf 'Administrator:%s' "$(cat "$out/credentials/emulator-admin-password")" | base64 -w0)
cases_token=$(cat "$out/credentials/kintone-cases-token")
shares_token=$(cat "$out/credentials/kintone-shares-token")
# Centre name -> code and organisation (the seed's staff logins are tk<code>-NN).
centre_code() { awk -F'"' -v want="$1" '/"code":/ { code = $4 } /"name":/ { name = $4 }
  /"organization":/ && name == want { print code; exit }' "$root/samples/apps/centres.json"; }

# --- the cybozu.com directory: centre organisations, staff with Garoon, the bridge ---------
cybozu_get() { curl -sf -H "X-Cybozu-Authorization: $admin_auth" "$base$1"; }
cybozu_seed() {
  curl -sf -X POST -H 'Content-Type: application/json' --data-binary "$1" \
    "$base/__emulator/cybozu/seed" >/dev/null || fail "cybozu.com ディレクトリに登録できません: $2"
}
existing_orgs=$(cybozu_get "/v1/organizations.json?size=100")
orgs=""
while IFS=$'\t' read -r name code; do
  grep -q "\"code\":\"$code\"" <<<"$existing_orgs" && continue
  orgs+="${orgs:+,}{\"code\":\"$code\",\"name\":\"$name\"}"
done < <(awk -F'"' '/"name":/ { name = $4 } /"organization":/ { print name "\t" $4 }' \
  "$root/samples/apps/centres.json")
[[ -z $orgs ]] || cybozu_seed "{\"organizations\":[$orgs]}" "センターの組織"

ensure_user() { # CODE ORGANIZATION PASSWORD
  local found services
  found=$(cybozu_get "/v1/users.json?codes%5B0%5D=$1")
  if ! grep -q "\"code\":\"$1\"" <<<"$found"; then
    local membership=""
    [[ -z $2 ]] || membership=",\"organizations\":[{\"orgCode\":\"$2\"}]"
    cybozu_seed "{\"users\":[{\"code\":\"$1\",\"name\":\"職員 $1\",\"password\":\"$3\",\"services\":[\"kintone\",\"garoon\"]$membership}]}" "$1"
    return
  fi
  services=$(cybozu_get "/v1/users/services.json?codes%5B0%5D=$1")
  if ! grep -q '"garoon"' <<<"$services"; then
    # An account created without Garoon (e.g. by `accounts apply`): Garoon is added so the
    # demo's notices have someone to reach; its other services stay.
    local list
    list=$(sed -n 's/.*"services":\[\([^]]*\)\].*/\1/p' <<<"$services")
    curl -sf -X PUT -H "X-Cybozu-Authorization: $admin_auth" -H 'Content-Type: application/json' \
      --data-binary "{\"users\":[{\"code\":\"$1\",\"services\":[${list:+$list,}\"garoon\"]}]}" \
      "$base/v1/users/services.json" >/dev/null || fail "$1 に Garoon を割り当てられません。"
  fi
}
random_password() { head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# --- kintone helpers (the apps' API tokens, as the centres' kintone would) ------------------
kintone_put() { # APP_ID TOKEN RECORD_ID RECORD_JSON
  curl -sf -X PUT -H "X-Cybozu-API-Token: $2" -H 'Content-Type: application/json' \
    --data-binary "{\"app\":$1,\"id\":$3,\"record\":$4}" "$base/k/v1/record.json" >/dev/null ||
    fail "kintone のレコード（アプリ $1、レコード $3）を更新できません。"
}
field_value() { # FIELD_CODE < record JSON: the first value of that field
  grep -o "\"$1\":{[^}]*}" | head -n 1 | grep -o '"value":"[^"]*"' | cut -d'"' -f4
}
wait_for() { # SECONDS DESCRIPTION COMMAND...: true once COMMAND succeeds
  local seconds=$1 what=$2
  shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    "$@" && return 0
    kill -0 "$daemon_pid" 2>/dev/null || fail "デーモンが途中で終了しました（$what）。$out/logs を確認してください。"
    sleep 0.2
  done
  return 1
}
notification_present() {
  curl -sf "$base/__emulator/garoon/notifications/items" | grep -q "\"notificationKey\":\"$1\""
}
route_count() {
  curl -sf "$base/__emulator/log" | grep -o "\"$1\":[0-9]*" | cut -d: -f2 | head -n 1
}
events_grew() { [[ $(route_count /g/api/v1/schedule/events || echo 0) -gt ${1:-0} ]]; }

# An open case whose consent covers other centres; its centre sends, 神奈川 receives (東京
# when the case is 神奈川's own).
step "共有できるケースを探します"
case_json=$(curl -sf -G -H "X-Cybozu-API-Token: $cases_token" "$base/k/v1/records.json" \
  --data-urlencode "app=101" \
  --data-urlencode "query=情報提供同意先 in (\"他県の地域生活定着支援センター\") and 個人情報使用同意日 != \"\" and 現在の状況 not in (\"支援終了\") and 支援終了日 = \"\" order by \$id asc limit 1" \
  --data-urlencode 'fields[0]=$id' --data-urlencode 'fields[1]=ケース番号' \
  --data-urlencode 'fields[2]=管理センター') || fail "対象者アプリを検索できません。"
case_id=$(field_value '\$id' <<<"$case_json")
case_number=$(field_value 'ケース番号' <<<"$case_json")
from_centre=$(field_value '管理センター' <<<"$case_json")
[[ -n $case_id && -n $case_number && -n $from_centre ]] ||
  fail "共有できるケースがありません（samples seed の後に実行してください）。"
from_code=$(centre_code "$from_centre")
to_centre="神奈川県地域生活定着支援センター"
[[ $from_code != 14 ]] || to_centre="東京都地域生活定着支援センター"
to_code=$(centre_code "$to_centre")
[[ -n $from_code && -n $to_code ]] || fail "センター $from_centre が centres.json にありません。"
sender="tk$from_code-01"

ensure_user "$garoon_user" "" "$(cat "$garoon_password_file")"
for n in 01 02; do ensure_user "tk$from_code-$n" "teichaku-$from_code" "$(random_password)"; done
for n in 01 02 03; do ensure_user "tk$to_code-$n" "teichaku-$to_code" "$(random_password)"; done

# --- the daemon -------------------------------------------------------------------------
step "デーモンを起動します（teichaku-bridge run、$listen）"
mkdir -p "$out/logs"
"$bridge" run --config "$config" >"$out/logs/daemon.stdout.log" 2>"$out/logs/daemon.stderr.log" &
daemon_pid=$!
trap 'kill -TERM "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true' EXIT
ready() { curl -sf -o /dev/null "http://$listen/readyz"; }
wait_for 120 "起動" ready || fail "デーモンが準備完了になりません（/readyz）。$out/logs を確認してください。"

step "$from_centre のケース $case_number を $to_centre へ共有します（共有状況 = 送信）"
share_json=$(curl -sf -X POST -H "X-Cybozu-API-Token: $shares_token" -H 'Content-Type: application/json' \
  --data-binary "{\"app\":104,\"record\":{\"対象者番号\":{\"value\":\"$case_number\"},\"閲覧組織\":{\"value\":[{\"code\":\"teichaku-$from_code\"}]},\"送信元センター\":{\"value\":\"$from_centre\"},\"送信先センター\":{\"value\":\"$to_centre\"},\"共有種別\":{\"value\":\"事前共有\"},\"共有内容\":{\"value\":\"支援の引継ぎのため対象者レコードを共有します。\"},\"送信先確認\":{\"value\":[\"送信先センターを確認しました\"]},\"共有状況\":{\"value\":\"下書き\"},\"送信者\":{\"value\":[{\"code\":\"$sender\"}]}}}" \
  "$base/k/v1/record.json") || fail "共有レコードを作れません。"
share_id=$(sed -n 's/.*"id":"\([0-9]*\)".*/\1/p' <<<"$share_json")
[[ -n $share_id ]] || fail "共有レコードの番号が分かりません。"
kintone_put 104 "$shares_token" "$share_id" '{"共有状況":{"value":"送信"}}'
wait_for 90 "共有の通知" notification_present "share:shares:$share_id:destination" ||
  fail "共有の通知が Garoon に届きません（90 秒）。"
step "  $to_centre の職員に Garoon 通知が届きました（share:shares:$share_id:destination）"

step "$to_centre が受領確認します（共有状況 = 受領確認）"
kintone_put 104 "$shares_token" "$share_id" '{"共有状況":{"value":"受領確認"}}'
wait_for 90 "受領の通知" notification_present "receipt:shares:$share_id:sender" ||
  fail "受領確認の通知が送信者に届きません（90 秒）。"
step "  送信者（$sender）に Garoon 通知が届きました（receipt:shares:$share_id:sender）"

step "ケース $case_number に刑期終了日（7日後）を入れます"
release_date=$(TZ=Asia/Tokyo date -d '+7 days' +%F)
events_before=$(route_count /g/api/v1/schedule/events || true)
kintone_put 101 "$cases_token" "$case_id" "{\"刑期終了日\":{\"value\":\"$release_date\"}}"
if wait_for 90 "出所カレンダー" events_grew "${events_before:-0}"; then
  step "  $from_centre の職員の Garoon 予定に入りました（$release_date）"
else
  step "  スキップ: 90 秒待っても Garoon の予定が作られませんでした（このデーモンは出所カレンダーに未対応です）。"
fi

step "デーモンを止めます（SIGTERM）"
kill -TERM "$daemon_pid"
status=0
wait "$daemon_pid" || status=$?
trap - EXIT
[[ $status -eq 0 ]] || fail "デーモンが終了コード $status で終わりました（0 のはずです）。$out/logs を確認してください。"

# --- what Garoon received -------------------------------------------------------------------
garoon_id() { # LOGIN: the Garoon user id
  curl -sf -G -H "X-Cybozu-Authorization: $admin_auth" "$base/g/api/v1/base/users" \
    --data-urlencode "name=$1" | grep -o "{[^{}]*\"code\":\"$1\"[^{}]*}" | grep -o '"id":"[0-9]*"' |
    cut -d'"' -f4 | head -n 1
}
range_start=$(date -u -d '-1 day' +%FT%TZ)
range_end=$(date -u -d '+400 days' +%FT%TZ)
centre_staff=$(garoon_id "$sender")
events=$(curl -sf -G -H "X-Cybozu-Authorization: $admin_auth" "$base/g/api/v1/schedule/events" \
  --data-urlencode "target=$centre_staff" --data-urlencode 'targetType=user' \
  --data-urlencode "rangeStart=$range_start" --data-urlencode "rangeEnd=$range_end" \
  --data-urlencode 'limit=1000') || events='{"events":[]}'
notifications=$(curl -sf "$base/__emulator/garoon/notifications") ||
  fail "エミュレーターから Garoon の受信記録を読めません。"
items=$(curl -sf "$base/__emulator/garoon/notifications/items")
counts=$(curl -sf "$base/__emulator/log")
cat >"$out/garoon-received.json" <<JSON
{
  "notificationApp": "$notification_app",
  "notificationRequests": $notifications,
  "notifications": $items,
  "scheduleEventsOfSenderCentreStaff": $events,
  "requestCounts": $counts
}
JSON
notification_count=$(grep -o '"sequence":' <<<"$notifications" | wc -l)
event_count=$(grep -o '"eventType":' <<<"$events" | wc -l)
printf '  Garoon が受け取った通知 %d 件、予定 %d 件（garoon-received.json）notifications=%d events=%d\n' \
  "$notification_count" "$event_count" "$notification_count" "$event_count"
