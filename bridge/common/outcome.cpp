#include "common/outcome.h"

namespace teichaku {

const char* toString(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::kOk:
      return "ok";
    case OutcomeKind::kRetry:
      return "retry";
    case OutcomeKind::kFail:
      return "fail";
  }
  return "unknown";
}

}  // namespace teichaku
