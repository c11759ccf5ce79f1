#pragma once

#include <rapidjson/document.h>

#include "service.h"

// Request parameters as one JSON object, wherever the client put them: JSON body on any
// method (GET/DELETE included), or the query string with name[i] arrays
// (kintone-api.md §1.3).
namespace teichaku::emulator::kintone {

// Throws KintoneError CB_IJ01 on a malformed JSON body.
void readParams(const Request& request, rapidjson::Document& params);

}  // namespace teichaku::emulator::kintone
