#pragma once

// Rebuilds stored Garoon texts and links through the PayloadGuard before sending. An
// outbox payload keeps the guarded text as a string; the Garoon client only takes
// GuardedText / GuardedUrl, which only the guard can make. Re-reading the string with
// the guard's own grammar (pieces "【kind】", "ケース番号 X", a centre name, "<date role>
// YYYY-MM-DD", a digest heading "■…", a count "<fixed label> N件", separated by one space, lines by
// '\n') makes the deliverer check every piece again: anything that is not a whitelisted piece is
// refused, so a damaged or hand-edited payload cannot carry free text into Garoon.

#include <optional>
#include <string>

#include "garoon/payload_guard.h"

namespace teichaku::rules {

// nullopt when a piece is not one the guard makes, or the rebuilt text differs.
std::optional<garoon::GuardedText> reguardText(const garoon::PayloadGuard& guard,
                                               const std::string& text);
// Only record links ({base}/k/{app}/show#record={id}) and record-list links ({base}/k/{app}/,
// {base}/k/{app}/?view={id}); nullopt for anything else (any other query included).
std::optional<garoon::GuardedUrl> reguardUrl(const garoon::PayloadGuard& guard,
                                             const std::string& url);

}  // namespace teichaku::rules
