#include "crypto/key_ring.h"

#include <openssl/crypto.h>

#include <charconv>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "common/secret_file.h"

namespace teichaku::crypto {
namespace {

constexpr std::string_view kHeader = "teichaku-keyring v1";

std::vector<std::string_view> splitWords(std::string_view line) {
  std::vector<std::string_view> words;
  std::size_t pos = 0;
  while (pos < line.size()) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) {
      ++pos;
    }
    std::size_t end = pos;
    while (end < line.size() && line[end] != ' ' && line[end] != '\t') {
      ++end;
    }
    if (end > pos) {
      words.push_back(line.substr(pos, end - pos));
    }
    pos = end;
  }
  return words;
}

bool parseId(std::string_view text, std::uint32_t& id) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  return ec == std::errc() && ptr == text.data() + text.size() && id != 0;
}

int hexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

bool parseKey(std::string_view hex, KeyBytes& key) {
  if (hex.size() != kKeyBytes * 2) {
    return false;
  }
  for (std::size_t i = 0; i < kKeyBytes; ++i) {
    int high = hexValue(hex[2 * i]);
    int low = hexValue(hex[2 * i + 1]);
    if (high < 0 || low < 0) {
      return false;
    }
    key[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return true;
}

[[noreturn]] void fail(const std::string& origin, std::size_t line, const std::string& what) {
  throw std::runtime_error("鍵ファイル " + origin + " の " + std::to_string(line) +
                           " 行目: " + what);
}

}  // namespace

KeyRing::~KeyRing() {
  for (auto& entry : keys_) {
    OPENSSL_cleanse(entry.second.data(), entry.second.size());
  }
}

KeyRing KeyRing::load(const std::string& path) {
  std::string text = readSecretFile(path);
  KeyRing ring = parse(text, path);
  OPENSSL_cleanse(text.data(), text.size());
  return ring;
}

KeyRing KeyRing::parse(std::string_view text, const std::string& origin) {
  KeyRing ring;
  std::uint32_t active = 0;
  bool sawHeader = false;
  std::size_t lineNo = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos)
      end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++lineNo;
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    auto words = splitWords(line);
    if (words.empty() || words[0].front() == '#')
      continue;
    if (!sawHeader) {
      if (line != kHeader)
        fail(origin, lineNo, "先頭行は \"teichaku-keyring v1\" である必要があります。");
      sawHeader = true;
      continue;
    }
    if (words[0] == "active" && words.size() == 2) {
      if (active != 0)
        fail(origin, lineNo, "active が二つあります。");
      if (!parseId(words[1], active))
        fail(origin, lineNo, "鍵 ID が正しくありません。");
    } else if (words[0] == "key" && words.size() == 3) {
      std::uint32_t id = 0;
      KeyBytes key{};
      if (!parseId(words[1], id))
        fail(origin, lineNo, "鍵 ID が正しくありません。");
      if (!parseKey(words[2], key))
        fail(origin, lineNo, "鍵は 64 桁の 16 進数である必要があります。");
      if (ring.has(id))
        fail(origin, lineNo, "鍵 ID " + std::to_string(id) + " が重複しています。");
      ring.keys_.emplace(id, key);
      OPENSSL_cleanse(key.data(), key.size());
    } else {
      fail(origin, lineNo, "解釈できない行です（active <ID> または key <ID> <16進数> のみ）。");
    }
  }
  if (!sawHeader || ring.keys_.empty()) {
    throw std::runtime_error("鍵ファイル " + origin + " に鍵がありません。");
  }
  if (active == 0 || !ring.has(active)) {
    throw std::runtime_error("鍵ファイル " + origin + " の active が存在する鍵を指していません。");
  }
  ring.activeId_ = active;
  return ring;
}

const KeyBytes& KeyRing::key(std::uint32_t id) const {
  return keys_.at(id);
}

void KeyRing::add(std::uint32_t id, const KeyBytes& key) {
  if (id == 0 || !keys_.emplace(id, key).second) {
    throw std::invalid_argument("鍵 ID " + std::to_string(id) + " は使えません。");
  }
}

void KeyRing::setActive(std::uint32_t id) {
  if (!has(id)) {
    throw std::invalid_argument("鍵 ID " + std::to_string(id) + " は鍵束にありません。");
  }
  activeId_ = id;
}

std::string KeyRing::serialize() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(kHeader);
  out += "\nactive " + std::to_string(activeId_) + "\n";
  for (const auto& [id, key] : keys_) {
    out += "key " + std::to_string(id) + " ";
    for (unsigned char byte : key) {
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0f]);
    }
    out += "\n";
  }
  return out;
}

}  // namespace teichaku::crypto
