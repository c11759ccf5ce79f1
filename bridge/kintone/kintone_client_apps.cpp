#include "kintone/kintone_client.h"

// App settings, bulkRequest and file APIs: thin wrappers over the request builders.
namespace teichaku::kintone {

JsonResult KintoneClient::bulkRequest(const std::vector<BulkItem>& items) {
  return sendBuilt([&] { return builder_.bulkRequest(items); });
}

JsonResult KintoneClient::getFormFields(const std::string& app, bool preview) {
  return sendBuilt([&] { return builder_.getFormFields(app, preview); });
}

JsonResult KintoneClient::addPreviewFormFields(const std::string& app,
                                               const rapidjson::Value& properties,
                                               const std::optional<std::string>& revision) {
  return sendBuilt([&] { return builder_.addPreviewFormFields(app, properties, revision); });
}

JsonResult KintoneClient::updatePreviewFormFields(const std::string& app,
                                                  const rapidjson::Value& properties,
                                                  const std::optional<std::string>& revision) {
  return sendBuilt([&] { return builder_.updatePreviewFormFields(app, properties, revision); });
}

JsonResult KintoneClient::addPreviewApp(const std::string& name) {
  return sendBuilt([&] { return builder_.addPreviewApp(name); });
}

JsonResult KintoneClient::deployApps(const std::vector<DeployTarget>& targets, bool revert) {
  return sendBuilt([&] { return builder_.deployApps(targets, revert); });
}

JsonResult KintoneClient::getDeployStatus(const std::vector<std::string>& apps) {
  return sendBuilt([&] { return builder_.getDeployStatus(apps); });
}

JsonResult KintoneClient::getApps(int offset, int limit) {
  return sendBuilt([&] { return builder_.getApps(offset, limit); });
}

JsonResult KintoneClient::uploadFile(const std::string& app, MultipartFile file) {
  return sendBuilt([&] { return builder_.uploadFile(app, std::move(file)); });
}

BytesResult KintoneClient::downloadFile(const std::string& app, const std::string& fileKey) {
  HttpRequest request;
  try {
    request = builder_.downloadFile(app, fileKey);
  } catch (const AuthError& error) {
    return {Outcome::fail("KINTONE_AUTH_CONFIG", error.what()), {}, {}};
  }
  RawResult raw = sendRaw(request, false);
  if (!raw.outcome.isOk()) {
    return {std::move(raw.outcome), {}, {}};
  }
  const std::string* type = raw.response.header("content-type");
  return {Outcome::ok(), std::move(raw.response.body), type != nullptr ? *type : ""};
}

}  // namespace teichaku::kintone
