#include "rules/reguard.h"

#include <array>
#include <string_view>
#include <vector>

namespace teichaku::rules {

namespace {

constexpr std::string_view kCaseNumberLabel = "ケース番号";

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) {
      return parts;
    }
    start = end + 1;
  }
}

constexpr std::array<garoon::EventKind, 17> kKinds{
    garoon::EventKind::kIntake,         garoon::EventKind::kRelease,
    garoon::EventKind::kInterview,      garoon::EventKind::kCaseMeeting,
    garoon::EventKind::kReportDue,      garoon::EventKind::kFollowUp,
    garoon::EventKind::kRecordAdded,    garoon::EventKind::kRecordChanged,
    garoon::EventKind::kRecordRemoved,  garoon::EventKind::kShareReceived,
    garoon::EventKind::kShareUpdated,   garoon::EventKind::kShareReturned,
    garoon::EventKind::kShareConfirmed, garoon::EventKind::kShareReminder,
    garoon::EventKind::kDailyDigest,    garoon::EventKind::kDataCheck,
    garoon::EventKind::kStatsReady,
};
constexpr std::array<garoon::DateRole, 4> kRoles{garoon::DateRole::kRelease, garoon::DateRole::kDue,
                                                 garoon::DateRole::kScheduled,
                                                 garoon::DateRole::kUpdated};

constexpr std::array<garoon::CountLabel, 11> kCountLabels{
    garoon::CountLabel::kImportant, garoon::CountLabel::kAcquired,  garoon::CountLabel::kTransition,
    garoon::CountLabel::kEnded,     garoon::CountLabel::kOrdinary,  garoon::CountLabel::kRelease,
    garoon::CountLabel::kTaskDue,   garoon::CountLabel::kSharesIn,  garoon::CountLabel::kSharesOut,
    garoon::CountLabel::kMore,      garoon::CountLabel::kToCorrect,
};
constexpr std::array<garoon::Heading, 4> kHeadings{
    garoon::Heading::kRecordsYesterday, garoon::Heading::kReleasesThisWeek,
    garoon::Heading::kTasksThisWeek, garoon::Heading::kSharesWaiting};
constexpr std::string_view kCountSuffix = "件";

std::optional<garoon::CountLabel> countLabelOf(std::string_view token) {
  for (auto countLabel : kCountLabels) {
    if (token == garoon::label(countLabel)) {
      return countLabel;
    }
  }
  return std::nullopt;
}

std::optional<garoon::Heading> headingOf(std::string_view token) {
  for (auto heading : kHeadings) {
    if (token == garoon::label(heading)) {
      return heading;
    }
  }
  return std::nullopt;
}

std::optional<garoon::EventKind> kindOf(std::string_view token) {
  for (auto kind : kKinds) {
    if (token == std::string("【") + garoon::label(kind) + "】") {
      return kind;
    }
  }
  return std::nullopt;
}

std::optional<garoon::DateRole> roleOf(std::string_view token) {
  for (auto role : kRoles) {
    if (token == garoon::label(role)) {
      return role;
    }
  }
  return std::nullopt;
}

bool isDecimal(std::string_view text) {
  if (text.empty() || text.size() > 19) {
    return false;
  }
  for (char c : text) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

// "<digits>件" → the number; leading zeros come back as a different text and are refused
// by the final comparison.
std::optional<std::size_t> countOf(std::string_view token) {
  if (token.size() <= kCountSuffix.size() ||
      token.substr(token.size() - kCountSuffix.size()) != kCountSuffix) {
    return std::nullopt;
  }
  const std::string_view digits = token.substr(0, token.size() - kCountSuffix.size());
  if (!isDecimal(digits)) {
    return std::nullopt;
  }
  return static_cast<std::size_t>(std::stoull(std::string(digits)));
}

}  // namespace

std::optional<garoon::GuardedText> reguardText(const garoon::PayloadGuard& guard,
                                               const std::string& text) {
  garoon::GuardedText out = guard.text();
  bool firstLine = true;
  for (std::string_view line : split(text, '\n')) {
    if (!firstLine) {
      out.lineBreak();
    }
    firstLine = false;
    if (line.empty()) {
      continue;
    }
    const std::vector<std::string_view> tokens = split(line, ' ');
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const std::string_view token = tokens[i];
      if (auto kind = kindOf(token)) {
        out.kind(*kind);
      } else if (auto heading = headingOf(token)) {
        out.heading(*heading);
      } else if (auto countLabel = countLabelOf(token)) {
        const auto n = i + 1 < tokens.size() ? countOf(tokens[++i]) : std::nullopt;
        if (!n) {
          return std::nullopt;
        }
        out.count(*countLabel, *n);
      } else if (token == kCaseNumberLabel && i + 1 < tokens.size()) {
        out.caseNumber(tokens[++i]);
      } else if (auto role = roleOf(token); role && i + 1 < tokens.size()) {
        auto date = domain::Date::parse(tokens[++i]);
        if (!date) {
          return std::nullopt;
        }
        out.date(*role, *date);
      } else {
        out.centre(token);  // anything else must be a registered centre name
      }
    }
  }
  if (!out.refusals().empty() || out.str() != text) {
    return std::nullopt;
  }
  return out;
}

std::optional<garoon::GuardedUrl> reguardUrl(const garoon::PayloadGuard& guard,
                                             const std::string& url) {
  // The guard does not reveal its base URL; a probe link shows where the base ends.
  const auto probe = guard.recordUrl("1", "1");
  if (!probe) {
    return std::nullopt;
  }
  constexpr std::string_view kProbeTail = "/k/1/show#record=1";
  const std::string base = probe->str().substr(0, probe->str().size() - kProbeTail.size());
  const std::string_view appPrefix = "/k/";
  const std::string_view idPrefix = "/show#record=";
  const std::string_view viewPrefix = "/?view=";
  if (url.compare(0, base.size() + appPrefix.size(), base + std::string(appPrefix)) != 0) {
    return std::nullopt;
  }
  const std::string_view rest = std::string_view(url).substr(base.size() + appPrefix.size());
  std::optional<garoon::GuardedUrl> rebuilt;
  if (const std::size_t at = rest.find(idPrefix); at != std::string_view::npos) {
    const std::string_view app = rest.substr(0, at);
    const std::string_view id = rest.substr(at + idPrefix.size());
    if (isDecimal(app) && isDecimal(id)) {
      rebuilt = guard.recordUrl(app, id);
    }
  } else if (const std::size_t view = rest.find(viewPrefix); view != std::string_view::npos) {
    const std::string_view app = rest.substr(0, view);
    const std::string_view viewId = rest.substr(view + viewPrefix.size());
    if (isDecimal(app) && isDecimal(viewId)) {
      rebuilt = guard.viewUrl(app, viewId);
    }
  } else if (!rest.empty() && rest.back() == '/' && isDecimal(rest.substr(0, rest.size() - 1))) {
    rebuilt = guard.viewUrl(rest.substr(0, rest.size() - 1));
  }
  if (!rebuilt || rebuilt->str() != url) {
    return std::nullopt;
  }
  return rebuilt;
}

}  // namespace teichaku::rules
