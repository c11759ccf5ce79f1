#include "roster_text.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "teichaku/plugin.hpp"

namespace teichaku::accounts_plugin {
namespace {

class Iconv {
 public:
  Iconv(const char* to, const char* from) : handle_(iconv_open(to, from)) {
    if (handle_ == reinterpret_cast<iconv_t>(-1)) {
      throw plugin::Failure::fail("ACCOUNTS_ROSTER_ENCODING",
                                  "文字コードの変換が使えません（glibc の gconv）。");
    }
  }
  ~Iconv() { iconv_close(handle_); }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;

  // Converts all of `input`; on failure returns false and the offset of the bad byte.
  bool convert(std::string_view input, std::string& output, std::size_t& badOffset) const {
    std::string in(input);
    // 3 bytes of UTF-8 per CP932 byte at most (a 1-byte half-width kana is 3 in UTF-8).
    std::vector<char> out(in.size() * 3 + 4);
    char* inPtr = in.data();
    std::size_t inLeft = in.size();
    char* outPtr = out.data();
    std::size_t outLeft = out.size();
    if (iconv(handle_, &inPtr, &inLeft, &outPtr, &outLeft) == static_cast<std::size_t>(-1)) {
      badOffset = in.size() - inLeft;
      return false;
    }
    output.assign(out.data(), out.size() - outLeft);
    return true;
  }

 private:
  iconv_t handle_;
};

constexpr std::string_view kBom = "\xEF\xBB\xBF";

}  // namespace

bool isValidUtf8(std::string_view bytes) {
  Iconv check("UTF-8", "UTF-8");
  std::string ignored;
  std::size_t offset = 0;
  return check.convert(bytes, ignored, offset);
}

std::string decodeRosterText(std::string_view bytes) {
  if (bytes.substr(0, kBom.size()) == kBom) {
    bytes.remove_prefix(kBom.size());
    if (!isValidUtf8(bytes)) {
      // A BOM says UTF-8: a broken byte after it is an error, not a hint to try CP932.
      Iconv check("UTF-8", "UTF-8");
      std::string ignored;
      std::size_t offset = 0;
      check.convert(bytes, ignored, offset);
      const auto line =
          std::count(bytes.begin(), bytes.begin() + static_cast<long>(offset), '\n') + 1;
      throw plugin::Failure::fail(
          "ACCOUNTS_ROSTER_ENCODING",
          "名簿の " + std::to_string(line) + " 行目に UTF-8 として読めない文字があります。");
    }
    return std::string(bytes);
  }
  if (isValidUtf8(bytes)) {
    return std::string(bytes);
  }
  Iconv cp932("UTF-8", "CP932");
  std::string text;
  std::size_t offset = 0;
  if (!cp932.convert(bytes, text, offset)) {
    const auto line =
        std::count(bytes.begin(), bytes.begin() + static_cast<long>(offset), '\n') + 1;
    throw plugin::Failure::fail("ACCOUNTS_ROSTER_ENCODING",
                                "名簿の " + std::to_string(line) +
                                    " 行目に UTF-8 でも CP932（Shift_JIS）でもない文字があります。"
                                    "Excel で「CSV UTF-8」として保存し直してください。");
  }
  return text;
}

}  // namespace teichaku::accounts_plugin
