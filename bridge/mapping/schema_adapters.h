#pragma once

#include <rapidjson/document.h>

#include <optional>
#include <string_view>

#include "config/config_error.h"
#include "mapping/mapping.h"
#include "query/query.h"

// query::Schema adapters over the mapping: queries written with field codes (offline query,
// checked against the live form) and with domain names (statistics, rules).
namespace teichaku::mapping {

// Field codes -> fields, from a form-fields JSON (GET app/form/fields.json: either the whole
// answer or its "properties" object). Inner fields of subtables resolve with their table.
// With `onlyMapped`, codes that the mapping does not name are unknown: the mirror does not
// keep them, so an offline query on them must fail instead of matching nothing.
query::MapSchema formSchema(const rapidjson::Value& formFields,
                            const AppMapping* onlyMapped = nullptr);

// Domain names -> fields: the mapping gives the code, `codes` the type and options.
class DomainSchema final : public query::Schema {
 public:
  DomainSchema(const AppMapping& app, const query::Schema& codes) : app_(app), codes_(codes) {}
  std::optional<query::FieldRef> resolve(std::string_view name) const override;

 private:
  const AppMapping& app_;
  const query::Schema& codes_;
};

// Every mapped field of `app` must exist in the live form, in the subtable the mapping says.
// Each problem names the mapping line and the app. Empty = the mapping fits the form.
config::ConfigErrors checkAgainstSchema(const Mapping& mapping, const AppMapping& app,
                                        const rapidjson::Value& formFields);

}  // namespace teichaku::mapping
