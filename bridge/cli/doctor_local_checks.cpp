#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <vector>

#include "cli/doctor_checks.h"
#include "common/secret_file.h"
#include "crypto/key_ring.h"

namespace teichaku::cli {
namespace {

// The same rule as common/secret_file.h, for an environment variable.
std::optional<std::string> secretProblem(const config::SecretRef& ref) {
  if (ref.kind == config::SecretRef::Kind::kFile) {
    return checkSecretFile(ref.reference);
  }
  if (ref.kind == config::SecretRef::Kind::kEnv) {
    const char* value = std::getenv(ref.reference.c_str());
    if (value == nullptr || *value == '\0') {
      return "環境変数 " + ref.reference +
             " が設定されていません。systemd の Environment= か LoadCredential= で渡してください。";
    }
  }
  return std::nullopt;
}

void checkPrivateDirectory(const std::string& path, const std::string& what, Checklist& list) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    list.fail(what + " " + path + " がありません。",
              "`install -d -m 700 " + path +
                  "` で作るか、teichaku-bridge key init --config "
                  "FILE を実行してください。");
  } else if (!S_ISDIR(st.st_mode)) {
    list.fail(what + " " + path + " はフォルダではありません。",
              "[bridge] data_dir を直してください。");
  } else if (st.st_uid != ::geteuid()) {
    list.fail(what + " " + path + " の所有者が実行ユーザーと異なります。",
              "`chown $(id -un) " + path + "` を実行してください。");
  } else if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    list.fail(what + " " + path + " をグループまたは他のユーザーが使えます。",
              "`chmod 700 " + path + "` を実行してください。");
  } else {
    list.pass(what + " " + path + " は実行ユーザー専用です（700）。");
  }
}

void checkKeyFile(const std::string& path, Checklist& list) {
  if (auto problem = checkSecretFile(path)) {
    list.fail("暗号鍵ファイル（[store] key_file）が使えません。",
              *problem + " 初めての導入なら teichaku-bridge key init --config FILE で作ります。");
    return;
  }
  try {
    crypto::KeyRing ring = crypto::KeyRing::load(path);
    list.pass("暗号鍵ファイル " + path + " は実行ユーザー専用で、鍵 " +
              std::to_string(ring.size()) + " 個（使用中の鍵 ID " +
              std::to_string(ring.activeId()) + "）を読めます。");
  } catch (const std::exception& e) {
    list.fail("暗号鍵ファイル " + path + " を読めません。",
              std::string(e.what()) +
                  " バックアップから戻してください（作り直すと既存のミラーは読めなくなります）。");
  }
}

void checkMirrorFile(const config::Config& config, Checklist& list) {
  if (config.store.engine != "sqlite") {
    return;
  }
  const std::string& path = config.store.sqlitePath;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    list.note("ミラーDB " + path + " はまだありません（最初の sync で作られます）。");
  } else if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    list.fail("ミラーDB " + path + " をグループまたは他のユーザーが読めます。",
              "`chmod 600 " + path + "*` を実行してください。");
  } else {
    list.pass("ミラーDB " + path + " は実行ユーザー専用です（600）。");
  }
}

struct NamedSecret {
  const config::SecretRef* ref;
  std::string app;  // kintone app name for API tokens; empty otherwise
};

std::vector<NamedSecret> secretsOf(const config::Config& config) {
  std::vector<NamedSecret> secrets;
  for (const auto& [name, app] : config.kintone.apps) {
    secrets.push_back({&app.apiToken, name});
  }
  for (const config::SecretRef* ref :
       {&config.kintone.adminPassword, &config.kintone.basicAuthPassword,
        &config.kintone.clientCertPassword, &config.server.webhookSecret}) {
    secrets.push_back({ref, ""});
  }
  if (config.garoon.enabled) {
    secrets.push_back({&config.garoon.password, ""});
  }
  if (config.cybozu.enabled) {
    secrets.push_back({&config.cybozu.adminPassword, ""});
  }
  if (config.store.engine == "postgresql") {
    secrets.push_back({&config.store.postgresqlDsn, ""});
  }
  return secrets;
}

}  // namespace

std::set<std::string> checkLocalFiles(const config::Config& config, Checklist& list) {
  list.section("ローカルのファイルと権限");
  checkPrivateDirectory(config.dataDir, "データフォルダ", list);
  checkKeyFile(config.store.keyFile, list);
  checkMirrorFile(config, list);

  std::set<std::string> usableApps;
  int safe = 0;
  for (const NamedSecret& secret : secretsOf(config)) {
    if (!secret.ref->present()) {
      if (!secret.app.empty()) {
        list.fail("kintone アプリ " + secret.app + " の API トークンが設定されていません。",
                  "[kintone.apps." + secret.app + "] に api_token_file を書いてください。");
      }
      continue;
    }
    if (auto problem = secretProblem(*secret.ref)) {
      list.fail("設定 " + secret.ref->keyPath + " の秘密情報を安全に読めません。", *problem);
      continue;
    }
    ++safe;
    if (!secret.app.empty()) {
      usableApps.insert(secret.app);
    }
  }
  if (safe > 0) {
    list.pass("秘密情報（API トークン・パスワード）" + std::to_string(safe) +
              " 件は実行ユーザーだけが読めます。");
  }
  return usableApps;
}

}  // namespace teichaku::cli
