#include "cli/service_clients.h"

#include <stdexcept>

#include "log/log.h"

namespace teichaku::cli {
namespace {

std::string readSecret(const config::SecretRef& ref) {
  std::string value = ref.read();
  log::redactor()->addSecret(value);
  return value;
}

}  // namespace

std::string appId(const config::Config& config, const std::string& name) {
  auto it = config.kintone.apps.find(name);
  if (it == config.kintone.apps.end()) {
    throw std::runtime_error("設定ファイルに [kintone.apps." + name + "] がありません。");
  }
  return std::to_string(it->second.appId);
}

std::unique_ptr<kintone::KintoneClient> makeKintoneClient(const config::Config& config,
                                                          KintoneCredentials credentials) {
  const auto& k = config.kintone;
  kintone::ClientConfig c;
  c.endpoint.baseUrl = k.baseUrl;
  if (credentials == KintoneCredentials::kAdmin) {
    if (k.adminLogin.empty() || !k.adminPassword.present()) {
      throw std::runtime_error(
          "アプリの作成には [kintone] の admin_login と admin_password_file（または "
          "admin_password_env）が必要です。");
    }
    c.auth.password = kintone::PasswordAuth{k.adminLogin, readSecret(k.adminPassword)};
  } else {
    for (const auto& [name, app] : k.apps) {
      c.auth.apiTokensByApp[std::to_string(app.appId)].push_back(readSecret(app.apiToken));
    }
  }
  if (!k.basicAuthUser.empty()) {
    c.auth.basic = kintone::BasicAuth{k.basicAuthUser, readSecret(k.basicAuthPassword)};
  }
  if (!k.clientCertFile.empty()) {
    kintone::ClientCertificate cert;
    cert.certPath = k.clientCertFile;
    if (k.clientCertPassword.present()) {
      cert.password = readSecret(k.clientCertPassword);
    }
    c.auth.clientCertificate = cert;
    c.transport.clientCertificate = cert;
  }
  if (!k.caFile.empty()) {
    c.transport.caInfo = k.caFile;
  }
  if (!k.proxy.empty()) {
    c.transport.proxy = k.proxy;
  }
  c.transport.totalTimeout = std::chrono::seconds(k.requestTimeoutSeconds);
  c.transport.concurrency.max = k.maxConcurrency;
  c.cursorSlots = k.cursorShare;
  c.budget.dailyLimit = static_cast<int>(k.dailyRequestBudget);
  c.budget.ceiling = static_cast<int>(k.dailyRequestBudget * k.budgetCeilingPercent / 100);
  return std::make_unique<kintone::KintoneClient>(std::move(c));
}

}  // namespace teichaku::cli
