#include "plugin_host/plugin_library.h"

#include <dlfcn.h>

#include <exception>
#include <optional>

#include "plugin_host/descriptor_check.h"
#include "plugin_host/path_safety.h"

namespace teichaku::plugin_host {
namespace {

// Closes the library on every path out of load() that does not hand it over: the
// rollback of the only step that acquires anything.
struct HandleCloser {
  void operator()(void* handle) const { ::dlclose(handle); }
};
using Handle = std::unique_ptr<void, HandleCloser>;

std::string lastDlError() {
  const char* e = ::dlerror();
  return e != nullptr ? e : "不明なエラー";
}

LoadResult failure(const std::string& file, const std::string& step, const std::string& why,
                   std::optional<std::uint32_t> pluginAbi) {
  LoadResult r;
  r.error = "プラグイン " + file + " を読み込めません（手順: " + step + "）: " + why +
            "（プラグインのABI版 " + (pluginAbi ? abiVersionText(*pluginAbi) : "不明") +
            "、ホストのABI版 " + abiVersionText(TB_ABI_VERSION) + "）";
  return r;
}

// dlsym returns void*; POSIX guarantees it can be converted to a function pointer.
template <typename Fn>
Fn symbol(void* handle, const char* name) {
  ::dlerror();
  void* address = ::dlsym(handle, name);
  return reinterpret_cast<Fn>(address);
}

}  // namespace

LoadResult PluginLibrary::load(const std::string& directory, const std::string& fileName) {
  PathCheck path = checkPluginFile(directory, fileName);
  if (!path.ok) {
    return failure(fileName, "場所と権限の検査", path.problem, std::nullopt);
  }
  const std::string& file = path.resolvedPath;

  // RTLD_NOW: an unresolved symbol fails here, not in the middle of a run.
  // RTLD_LOCAL: two plugins never see each other's symbols.
  Handle handle(::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL));
  if (!handle) {
    return failure(file, "dlopen", lastDlError(), std::nullopt);
  }

  auto versionFn = symbol<tb_abi_version_fn>(handle.get(), TB_SYMBOL_ABI_VERSION);
  if (versionFn == nullptr) {
    return failure(file, "シンボル " TB_SYMBOL_ABI_VERSION " の検索", lastDlError(), std::nullopt);
  }
  const std::uint32_t abi = versionFn();
  if (TB_ABI_MAJOR_OF(abi) != TB_ABI_VERSION_MAJOR) {
    return failure(file, "ABI版の照合", "メジャー版が異なります。プラグインを作り直してください",
                   abi);
  }
  if (TB_ABI_MINOR_OF(abi) > TB_ABI_VERSION_MINOR) {
    return failure(
        file, "ABI版の照合",
        "プラグインがこのブリッジより新しいABIを使っています。ブリッジを更新してください", abi);
  }

  auto descriptorFn = symbol<tb_descriptor_fn>(handle.get(), TB_SYMBOL_DESCRIPTOR);
  if (descriptorFn == nullptr) {
    return failure(file, "シンボル " TB_SYMBOL_DESCRIPTOR " の検索", lastDlError(), abi);
  }
  const tb_plugin_descriptor* descriptor = nullptr;
  try {
    descriptor = descriptorFn();
  } catch (const std::exception& e) {
    return failure(file, TB_SYMBOL_DESCRIPTOR "() の呼び出し",
                   std::string("例外が境界を越えました: ") + e.what(), abi);
  } catch (...) {
    return failure(file, TB_SYMBOL_DESCRIPTOR "() の呼び出し", "不明な例外が境界を越えました", abi);
  }
  if (descriptor == nullptr) {
    return failure(file, "記述子の検査", "記述子がありません", abi);
  }

  std::shared_ptr<PluginLibrary> library(new PluginLibrary());
  library->info_.file = file;
  if (auto problem = checkDescriptor(*descriptor, abi, library->info_)) {
    return failure(file, "記述子の検査", *problem, abi);
  }
  library->descriptor_ = descriptor;
  library->handle_ = handle.release();
  return LoadResult{std::move(library), {}};
}

PluginLibrary::~PluginLibrary() {
  if (handle_ != nullptr) {
    ::dlclose(handle_);
  }
}

}  // namespace teichaku::plugin_host
