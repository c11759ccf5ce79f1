// The only extern "C" of this plugin: the two entry points and the thin functions of
// the descriptor, each a guard() around the plain classes.
#include "provisioner.h"
#include "schema.h"
#include "teichaku/plugin.hpp"

struct tb_instance {
  teichaku::accounts_plugin::Provisioner provisioner;
};

namespace {

using teichaku::plugin::guard;

tb_status create(const tb_host* host, tb_instance** instance, tb_result* result) {
  return guard(result, [&] {
    teichaku::plugin::Host h(host);
    auto settings = teichaku::accounts_plugin::Settings::fromHost(h);
    *instance = new tb_instance{teichaku::accounts_plugin::Provisioner(h, std::move(settings))};
  });
}

void destroy(tb_instance* instance) {
  delete instance;
}

void requireComplete(const tb_provision_request* request) {
  if (request == nullptr || !TB_HAS_FIELD(request, tb_provision_request, plan_path)) {
    throw teichaku::plugin::Failure::fail("ACCOUNTS_BAD_REQUEST", "依頼が不完全です。");
  }
}

tb_status plan(tb_instance* instance, const tb_provision_request* request, tb_result* result) {
  return guard(result, [&] {
    requireComplete(request);
    instance->provisioner.plan(*request);
  });
}

tb_status apply(tb_instance* instance, const tb_provision_request* request, tb_result* result) {
  return guard(result, [&] {
    requireComplete(request);
    instance->provisioner.apply(*request);
  });
}

const tb_provisioner_ops kOperations = {sizeof(tb_provisioner_ops), plan, apply};

const tb_plugin_descriptor kDescriptor = {
    sizeof(tb_plugin_descriptor),
    TB_ABI_VERSION,
    "provisioner_accounts",
    TB_KIND_PROVISIONER,
    "1.0.0",
    "職員名簿から cybozu.com のアカウント変更を計画し、確認後に適用します。",
    0,
    teichaku::accounts_plugin::kConfigKeys,
    teichaku::accounts_plugin::kConfigKeyCount,
    create,
    destroy,
    &kOperations,
};

}  // namespace

extern "C" {

TB_EXPORT uint32_t teichaku_plugin_abi_version(void) {
  return TB_ABI_VERSION;
}

TB_EXPORT const tb_plugin_descriptor* teichaku_plugin_descriptor(void) {
  return &kDescriptor;
}
}
