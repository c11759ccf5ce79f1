#include "cp932.h"

#include <iconv.h>

#include <cerrno>
#include <stdexcept>
#include <vector>

namespace teichaku::stats {
namespace {

class Converter {
 public:
  Converter() : handle_(iconv_open("CP932", "UTF-8")) {
    if (handle_ == reinterpret_cast<iconv_t>(-1)) {
      throw std::runtime_error("CP932 への変換が使えません（glibc の gconv）。");
    }
  }
  ~Converter() { iconv_close(handle_); }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  iconv_t get() const { return handle_; }

 private:
  iconv_t handle_;
};

}  // namespace

std::optional<std::string> toCp932(std::string_view utf8) {
  Converter converter;
  std::string input(utf8);
  // CP932 never needs more bytes than UTF-8 for the same text (2 bytes for what takes 3).
  std::vector<char> output(input.size() + 1);
  char* in = input.data();
  std::size_t inLeft = input.size();
  char* out = output.data();
  std::size_t outLeft = output.size();
  if (iconv(converter.get(), &in, &inLeft, &out, &outLeft) == static_cast<std::size_t>(-1)) {
    return std::nullopt;  // EILSEQ / EINVAL: a character with no CP932 form, or broken UTF-8
  }
  return std::string(output.data(), output.size() - outLeft);
}

}  // namespace teichaku::stats
