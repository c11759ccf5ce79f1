#pragma once

#include <string_view>
#include <vector>

// The catalogue of stable message IDs. docs/messages.md explains each one to
// operators; a test keeps the two, and every ID used in the sources, in step.
namespace teichaku::log {

struct MessageInfo {
  std::string_view id;
  std::string_view severity;  // error | warning | notice | information
  std::string_view meaning;   // Japanese, one line
};

const std::vector<MessageInfo>& messageCatalogue();
const MessageInfo* findMessage(std::string_view id);

}  // namespace teichaku::log
