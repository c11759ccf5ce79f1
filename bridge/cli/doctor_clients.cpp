#include "cli/doctor_clients.h"

#include <chrono>

#include "log/log.h"

namespace teichaku::cli {
namespace {

std::string readSecret(const config::SecretRef& ref) {
  std::string value = ref.read();
  log::redactor()->addSecret(value);
  return value;
}

kintone::RetryPolicy doctorRetry() {
  kintone::RetryPolicy retry;
  retry.base = std::chrono::milliseconds(500);
  retry.cap = std::chrono::seconds(2);
  retry.maxAttempts = 3;
  retry.maxTotal = std::chrono::seconds(10);
  retry.maxRetryAfter = std::chrono::seconds(5);
  return retry;
}

std::string withoutTrailingSlash(std::string url) {
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  return url;
}

// Basic authentication and client certificates ("secure access") guard the whole
// cybozu.com subdomain, so the [kintone] settings apply to Garoon and the User API when
// they are on the same base URL — and only then, so they never go to another host.
bool sameDomainAsKintone(const config::Config& config, const std::string& baseUrl) {
  return withoutTrailingSlash(baseUrl) == withoutTrailingSlash(config.kintone.baseUrl);
}

kintone::TransportConfig doctorTransport(const config::Config& config, const std::string& baseUrl) {
  const auto& k = config.kintone;
  kintone::TransportConfig transport;
  transport.connectTimeout = std::chrono::seconds(10);
  transport.totalTimeout = std::chrono::seconds(30);
  if (!k.caFile.empty()) {
    transport.caInfo = k.caFile;
  }
  if (!k.proxy.empty()) {
    transport.proxy = k.proxy;
  }
  if (!k.clientCertFile.empty() && sameDomainAsKintone(config, baseUrl)) {
    kintone::ClientCertificate cert;
    cert.certPath = k.clientCertFile;
    if (k.clientCertPassword.present()) {
      cert.password = readSecret(k.clientCertPassword);
    }
    transport.clientCertificate = cert;
  }
  return transport;
}

std::optional<kintone::BasicAuth> basicFor(const config::Config& config,
                                           const std::string& baseUrl) {
  const auto& k = config.kintone;
  if (k.basicAuthUser.empty() || !sameDomainAsKintone(config, baseUrl)) {
    return std::nullopt;
  }
  return kintone::BasicAuth{k.basicAuthUser, readSecret(k.basicAuthPassword)};
}

}  // namespace

std::unique_ptr<kintone::KintoneClient> makeDoctorKintoneClient(const config::Config& config,
                                                                const std::set<std::string>& apps) {
  const auto& k = config.kintone;
  kintone::ClientConfig c;
  c.endpoint.baseUrl = k.baseUrl;
  for (const auto& [name, app] : k.apps) {
    if (apps.count(name) != 0) {
      c.auth.apiTokensByApp[std::to_string(app.appId)].push_back(readSecret(app.apiToken));
    }
  }
  c.auth.basic = basicFor(config, k.baseUrl);
  c.transport = doctorTransport(config, k.baseUrl);
  c.auth.clientCertificate = c.transport.clientCertificate;
  c.transport.concurrency.max = 1;
  c.retry = doctorRetry();
  c.cursorSlots = 0;  // doctor opens no cursor
  return std::make_unique<kintone::KintoneClient>(std::move(c));
}

std::unique_ptr<garoon::GaroonClient> makeDoctorGaroonClient(const config::Config& config) {
  const auto& g = config.garoon;
  garoon::GaroonClientConfig c;
  c.baseUrl = g.baseUrl;
  c.password = kintone::PasswordAuth{g.username, readSecret(g.password)};
  c.basic = basicFor(config, g.baseUrl);
  c.transport = doctorTransport(config, g.baseUrl);
  c.retry = doctorRetry();
  return std::make_unique<garoon::GaroonClient>(std::move(c));
}

std::unique_ptr<cybozu::CybozuUserClient> makeDoctorCybozuClient(const config::Config& config) {
  const auto& cz = config.cybozu;
  cybozu::CybozuClientConfig c;
  c.baseUrl = cz.baseUrl;
  c.admin = kintone::PasswordAuth{cz.adminLogin, readSecret(cz.adminPassword)};
  c.basic = basicFor(config, cz.baseUrl);
  c.transport = doctorTransport(config, cz.baseUrl);
  c.retry = doctorRetry();
  return std::make_unique<cybozu::CybozuUserClient>(std::move(c));
}

}  // namespace teichaku::cli
