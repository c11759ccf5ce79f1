#include "config/config.h"

// The one description of the configuration file. config/teichaku-bridge.example.toml
// documents the same keys for people; a test checks that the two agree.
namespace teichaku::config {
namespace {

using VT = ValueType;

const TableSpec kKintoneApp{
    {
        {"app_id", VT::kInteger, true, 1, std::nullopt, {}, "kintone のアプリID（アプリのURLの /k/ の後の数字）。", nullptr},
        {"guest_space_id", VT::kInteger, false, 1, std::nullopt, {}, "ゲストスペース内のアプリのときのスペースID。", nullptr},
        {"api_token", VT::kSecret, true, {}, {}, {}, "このアプリのAPIトークン（ファイルか環境変数で渡します）。", nullptr},
    },
    nullptr,
    {}};

const TableSpec kKintoneApps{{}, &kKintoneApp, {}};

const TableSpec kKintone{
    {
        {"base_url", VT::kString, true, {}, {}, {}, "例: \"https://example.cybozu.com\"", nullptr},
        {"ca_file", VT::kString, false, {}, {}, {}, "追加のCA証明書（試験用）。TLS検証は常に有効です。", nullptr},
        {"proxy", VT::kString, false, {}, {}, {}, "プロキシのURL。", nullptr},
        {"basic_auth_user", VT::kString, false, {}, {}, {}, "Basic認証のユーザー名。", nullptr},
        {"basic_auth_password", VT::kSecret, false, {}, {}, {}, "Basic認証のパスワード。", nullptr},
        {"client_cert_file", VT::kString, false, {}, {}, {}, "セキュアアクセス用のクライアント証明書 (PKCS#12)。", nullptr},
        {"client_cert_password", VT::kSecret, false, {}, {}, {}, "クライアント証明書のパスワード。", nullptr},
        {"max_concurrency", VT::kInteger, false, 1, 10, {}, "同時リクエスト数の上限（既定 4）。", nullptr},
        {"cursor_share", VT::kInteger, false, 1, 10, {}, "使ってよいカーソル数（ドメイン全体で10まで。既定 3）。", nullptr},
        {"daily_request_budget", VT::kInteger, false, 100, 1000000, {}, "アプリごとの1日のAPI上限（既定 10000）。", nullptr},
        {"budget_ceiling_percent", VT::kInteger, false, 1, 100, {}, "この割合を超えたら急ぎでない処理を待たせる（既定 90）。", nullptr},
        {"request_timeout_seconds", VT::kInteger, false, 5, 600, {}, "1リクエストの制限時間（既定 60）。", nullptr},
        {"apps", VT::kTable, true, {}, {}, {}, "[kintone.apps.<名前>] ごとにアプリを指定します。", &kKintoneApps},
    },
    nullptr,
    {}};

const TableSpec kGaroon{
    {
        {"enabled", VT::kBoolean, false, {}, {}, {}, "Garoon 通知を使うか（既定 false）。", nullptr},
        {"base_url", VT::kString, true, {}, {}, {}, "例: \"https://example.cybozu.com\"", nullptr},
        {"username", VT::kString, true, {}, {}, {}, "通知を送るGaroonユーザーのログイン名。", nullptr},
        {"password", VT::kSecret, true, {}, {}, {}, "そのユーザーのパスワード。", nullptr},
        {"notification_app_code", VT::kString, true, {}, {}, {}, "Garoonに登録した外部通知のアプリコード。", nullptr},
    },
    nullptr,
    {}};

const TableSpec kCybozu{
    {
        {"enabled", VT::kBoolean, false, {}, {}, {}, "アカウント管理（accounts）を使うか（既定 false）。", nullptr},
        {"base_url", VT::kString, true, {}, {}, {}, "例: \"https://example.cybozu.com\"", nullptr},
        {"admin_login", VT::kString, true, {}, {}, {}, "cybozu.com 共通管理者のログイン名。", nullptr},
        {"admin_password", VT::kSecret, true, {}, {}, {}, "共通管理者のパスワード（accounts コマンドだけが読みます）。", nullptr},
    },
    nullptr,
    {}};

const TableSpec kStore{
    {
        {"engine", VT::kString, false, {}, {}, {"sqlite", "postgresql"}, "保存先の種類（既定 sqlite）。", nullptr},
        {"sqlite_path", VT::kString, false, {}, {}, {}, "SQLiteファイル（既定 data_dir/mirror.db）。", nullptr},
        {"postgresql_dsn", VT::kSecret, false, {}, {}, {}, "PostgreSQLの接続文字列（パスワードを含むため秘密情報）。", nullptr},
        {"key_file", VT::kString, true, {}, {}, {}, "暗号鍵ファイル（teichaku-bridge key init で作成、0600）。", nullptr},
        {"audit_head_file", VT::kString, false, {}, {}, {}, "監査ログの末尾ハッシュの控え（既定 data_dir/audit-head）。", nullptr},
    },
    nullptr,
    {}};

const TableSpec kServer{
    {
        {"listen", VT::kString, false, {}, {}, {}, "待ち受けアドレス（既定 \"127.0.0.1:8710\"）。", nullptr},
        {"webhook_secret", VT::kSecret, false, {}, {}, {}, "Webhook URL に入れる秘密の文字列。", nullptr},
        {"tls_cert_file", VT::kString, false, {}, {}, {}, "TLSで待ち受けるときの証明書。", nullptr},
        {"tls_key_file", VT::kString, false, {}, {}, {}, "TLSで待ち受けるときの秘密鍵。", nullptr},
        {"max_body_bytes", VT::kInteger, false, 1024, 10485760, {}, "受け付ける本文の上限（既定 1048576）。", nullptr},
    },
    nullptr,
    {}};

const TableSpec kSchedule{
    {
        {"incremental_poll_minutes", VT::kInteger, false, 1, 1440, {}, "差分同期の間隔（分、既定 5）。", nullptr},
        {"incremental_overlap_minutes", VT::kInteger, false, 1, 60, {}, "差分同期で重ねて読む時間（分、既定 2）。", nullptr},
        {"nightly_at", VT::kString, false, {}, {}, {}, "夜間処理の時刻（日本時間 \"HH:MM\"、既定 \"02:30\"）。", nullptr},
        {"reconcile_max_delete_percent", VT::kInteger, false, 0, 100, {}, "1回の照合で削除してよい割合（%、既定 5）。", nullptr},
    },
    nullptr,
    {}};

const TableSpec kLogging{
    {
        {"level", VT::kString, false, {}, {}, {"error", "warning", "notice", "information", "debug"}, "ログの詳しさ（既定 information）。", nullptr},
        {"console", VT::kBoolean, false, {}, {}, {}, "標準エラーに出すか（既定 true）。", nullptr},
        {"file", VT::kString, false, {}, {}, {}, "ログファイル（ローテーションあり）。", nullptr},
        {"rotation", VT::kString, false, {}, {}, {}, "ローテーション条件（例 \"10 M\"、\"daily\"）。", nullptr},
        {"archives", VT::kInteger, false, 1, 1000, {}, "残す古いログの数（既定 10）。", nullptr},
        {"syslog", VT::kBoolean, false, {}, {}, {}, "syslog / journald に出すか（既定 false）。", nullptr},
    },
    nullptr,
    {}};

// [plugins.<instance>]: `type` and `enabled` here; the rest is the plugin's own
// schema, checked by LoadOptions::pluginCheck.
const TableSpec kPluginInstance{
    {
        {"type", VT::kString, true, {}, {}, {}, "プラグインの種類（teichaku-bridge plugins list で確認）。", nullptr},
        {"enabled", VT::kBoolean, false, {}, {}, {}, "有効にするか（既定 true）。", nullptr},
    },
    nullptr,
    {}};

const TableSpec kPlugins{
    {
        {"directory", VT::kString, false, {}, {}, {}, "プラグイン(.so)を読み込むフォルダ。", nullptr},
    },
    &kPluginInstance,
    {}};

const TableSpec kBridge{
    {
        {"data_dir", VT::kString, true, {}, {}, {}, "ミラー・監査ログ・状態を置くフォルダ。", nullptr},
        {"mapping_file", VT::kString, true, {}, {}, {}, "項目対応表（例 mappings/raito-plus.toml）。", nullptr},
    },
    nullptr,
    {}};

const TableSpec kRoot{
    {
        {"bridge", VT::kTable, true, {}, {}, {}, "", &kBridge},
        {"kintone", VT::kTable, true, {}, {}, {}, "", &kKintone},
        {"garoon", VT::kTable, false, {}, {}, {}, "", &kGaroon},
        {"cybozu", VT::kTable, false, {}, {}, {}, "", &kCybozu},
        {"store", VT::kTable, true, {}, {}, {}, "", &kStore},
        {"server", VT::kTable, false, {}, {}, {}, "", &kServer},
        {"schedule", VT::kTable, false, {}, {}, {}, "", &kSchedule},
        {"logging", VT::kTable, false, {}, {}, {}, "", &kLogging},
        {"plugins", VT::kTable, false, {}, {}, {}, "", &kPlugins},
    },
    nullptr,
    {}};

}  // namespace

const TableSpec& bridgeSchema() { return kRoot; }

}  // namespace teichaku::config
