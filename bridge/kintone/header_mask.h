#pragma once

#include <string>
#include <string_view>

#include "kintone/http_types.h"

// Header values that carry secrets are replaced before anything is logged or traced
// (reliability.md §3.6: libcurl's verbose output would print the API token).
namespace teichaku::kintone {

bool isSecretHeader(std::string_view name);

// Masks every "Name: value" line of a header block (as libcurl's debug callback hands it
// over); lines that are not secret stay as they are.
std::string maskHeaderBlock(std::string_view block);

// One line for a debug log: method, URL without query, header names with masked values.
// The body is left out: it holds personal data.
std::string describeForLog(const HttpRequest& request);

}  // namespace teichaku::kintone
