#include "kintone/auth.h"

#include <openssl/evp.h>

#include <algorithm>

namespace teichaku::kintone {

std::string base64(const std::string& data) {
  std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(data.data()),
                                static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::vector<HttpHeader> authHeaders(const AuthConfig& auth, const std::vector<std::string>& apps) {
  std::vector<HttpHeader> headers;
  if (auth.password) {
    headers.push_back(
        {"X-Cybozu-Authorization", base64(auth.password->login + ":" + auth.password->password)});
  } else {
    std::vector<std::string> tokens;
    for (const std::string& app : apps) {
      auto found = auth.apiTokensByApp.find(app);
      if (found == auth.apiTokensByApp.end() || found->second.empty()) {
        throw AuthError("アプリ " + app + " の API トークンが設定されていません。");
      }
      for (const std::string& token : found->second) {
        if (std::find(tokens.begin(), tokens.end(), token) == tokens.end()) {
          tokens.push_back(token);
        }
      }
    }
    if (tokens.empty()) {
      throw AuthError("kintone の認証情報（パスワードまたは API トークン）が設定されていません。");
    }
    if (tokens.size() > kMaxTokensPerRequest) {
      throw AuthError("1 回のリクエストで使える API トークンは 9 個までです（" +
                      std::to_string(tokens.size()) + " 個指定されています）。");
    }
    std::string joined;
    for (const std::string& token : tokens) {
      joined += (joined.empty() ? "" : ",") + token;
    }
    headers.push_back({"X-Cybozu-API-Token", joined});
  }
  if (auth.basic) {
    headers.push_back(
        {"Authorization", "Basic " + base64(auth.basic->user + ":" + auth.basic->password)});
  }
  return headers;
}

}  // namespace teichaku::kintone
