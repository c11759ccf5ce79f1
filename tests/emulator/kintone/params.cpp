#include "kintone/params.h"

#include <map>

#include "core/json.h"
#include "kintone/errors.h"

namespace teichaku::emulator::kintone {

void readParams(const Request& request, rapidjson::Document& params) {
  const std::string* type = request.header("content-type");
  bool multipart = type != nullptr && type->find("multipart/") != std::string::npos;
  if (!request.body.empty() && !multipart) {
    if (!json::parse(request.body, params) || !params.IsObject()) {
      fail(400, "CB_IJ01", "不正なJSON文字列です。");
    }
    return;
  }
  params.SetObject();
  auto& a = params.GetAllocator();
  // name[i] -> array element i; indices may arrive in any order.
  std::map<std::string, std::map<long, std::string>> arrays;
  for (const auto& [name, value] : request.query) {
    auto bracket = name.find('[');
    if (bracket != std::string::npos && name.back() == ']') {
      long index = std::strtol(name.c_str() + bracket + 1, nullptr, 10);
      arrays[name.substr(0, bracket)][index] = value;
      continue;
    }
    if (params.HasMember(name.c_str())) {
      params[name.c_str()] = json::stringValue(value, a);
    } else {
      params.AddMember(json::stringValue(name, a), json::stringValue(value, a), a);
    }
  }
  for (const auto& [name, items] : arrays) {
    rapidjson::Value array(rapidjson::kArrayType);
    for (const auto& [index, value] : items) {
      array.PushBack(json::stringValue(value, a), a);
    }
    params.RemoveMember(name.c_str());
    params.AddMember(json::stringValue(name, a), array, a);
  }
}

}  // namespace teichaku::emulator::kintone
