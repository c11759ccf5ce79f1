#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>

#include <ostream>

#include "cli/command.h"
#include "cli/version.h"
#include "log/log.h"

namespace teichaku::cli {
namespace {

void printOverview(std::ostream& out) {
  out << "teichaku-bridge " << kVersion << " — Raito Plus（kintone・Garoon）連携デーモン\n\n"
      << "使い方: teichaku-bridge <コマンド> [オプション]\n\nコマンド:\n";
  for (const auto& c : commands()) {
    out << "  " << c.name;
    for (std::size_t i = c.name.size(); i < 18; ++i) {
      out << ' ';
    }
    out << c.summary << '\n';
  }
  out << "\n共通オプション:\n  --help            この一覧を表示します\n"
      << "  --version         版を表示します\n\n"
      << "終了コード:\n";
  for (ExitCode code : {ExitCode::kOk, ExitCode::kRuntimeFailure, ExitCode::kConfigError,
                        ExitCode::kRetryLater, ExitCode::kNeedsOperator}) {
    out << "  " << toInt(code) << "  " << describe(code) << '\n';
  }
  out << "\n各コマンドの説明: teichaku-bridge help <コマンド>\n";
}

void printCommandHelp(const Command& c, std::ostream& out) {
  out << "使い方: teichaku-bridge " << c.usage << "\n\n" << c.description << '\n';
  if (!c.options.empty()) {
    out << "\nオプション:\n";
    for (const auto& o : c.options) {
      std::string left = "--" + o.name + (o.argument.empty() ? "" : " " + o.argument);
      out << "  " << left;
      for (std::size_t i = left.size(); i < 24; ++i) {
        out << ' ';
      }
      out << o.help << (o.required ? "（必須）" : "") << '\n';
    }
  }
}

// Finds the command whose (possibly two-word) name starts argv; sets `consumed`.
const Command* findCommand(const std::vector<std::string>& argv, std::size_t& consumed) {
  const Command* best = nullptr;
  for (const auto& c : commands()) {
    std::size_t space = c.name.find(' ');
    if (space == std::string::npos) {
      if (!argv.empty() && argv[0] == c.name && best == nullptr) {
        best = &c;
        consumed = 1;
      }
    } else if (argv.size() >= 2 && argv[0] == c.name.substr(0, space) &&
               argv[1] == c.name.substr(space + 1)) {
      consumed = 2;
      return &c;
    }
  }
  return best;
}

bool parseOptions(const Command& c, const std::vector<std::string>& argv, std::size_t first,
                  Arguments& args, std::ostream& err) {
  Poco::Util::OptionSet set;
  for (const auto& o : c.options) {
    Poco::Util::Option option(o.name, "", o.help, o.required);
    option.repeatable(o.repeatable);
    if (!o.argument.empty()) {
      option.argument(o.argument, true);
    }
    set.addOption(option);
  }
  Poco::Util::OptionProcessor processor(set);
  processor.setUnixStyle(true);
  try {
    bool onlyPositional = false;
    for (std::size_t i = first; i < argv.size(); ++i) {
      const std::string& a = argv[i];
      if (onlyPositional) {
        args.positional.push_back(a);
        continue;
      }
      if (a == "--") {
        onlyPositional = true;
        continue;
      }
      std::string name;
      std::string value;
      if (processor.process(a, name, value)) {
        if (!name.empty()) {
          args.options[name].push_back(value);
        }
      } else {
        args.positional.push_back(a);
      }
    }
    processor.checkRequired();
  } catch (const Poco::Util::UnknownOptionException& e) {
    err << "エラー: 不明なオプション " << e.message() << " です。\n";
    return false;
  } catch (const Poco::Util::MissingArgumentException& e) {
    err << "エラー: オプション " << e.message() << " に値がありません。\n";
    return false;
  } catch (const Poco::Util::MissingOptionException& e) {
    err << "エラー: 必須のオプション --" << e.message() << " がありません。\n";
    return false;
  } catch (const Poco::Util::OptionException& e) {
    err << "エラー: オプションが正しくありません（" << e.displayText() << "）。\n";
    return false;
  }
  return true;
}

}  // namespace

std::string Arguments::value(const std::string& name, const std::string& fallback) const {
  auto it = options.find(name);
  return it == options.end() || it->second.empty() ? fallback : it->second.back();
}

int dispatch(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h") {
    printOverview(argv.empty() ? err : out);
    return toInt(argv.empty() ? ExitCode::kConfigError : ExitCode::kOk);
  }
  if (argv[0] == "--version") {
    out << "teichaku-bridge " << kVersion << '\n';
    return toInt(ExitCode::kOk);
  }
  if (argv[0] == "help") {
    std::vector<std::string> rest(argv.begin() + 1, argv.end());
    std::size_t consumed = 0;
    if (rest.empty()) {
      printOverview(out);
      return toInt(ExitCode::kOk);
    }
    if (const Command* c = findCommand(rest, consumed)) {
      printCommandHelp(*c, out);
      return toInt(ExitCode::kOk);
    }
    err << "エラー: コマンド '" << rest[0]
        << "' はありません。teichaku-bridge --help で一覧を確認してください。\n";
    return toInt(ExitCode::kConfigError);
  }
  std::size_t consumed = 0;
  const Command* c = findCommand(argv, consumed);
  if (c == nullptr) {
    err << "エラー: コマンド '" << argv[0]
        << "' はありません。teichaku-bridge --help で一覧を確認してください。\n";
    return toInt(ExitCode::kConfigError);
  }
  for (std::size_t i = consumed; i < argv.size(); ++i) {
    if (argv[i] == "--help" || argv[i] == "-h") {
      printCommandHelp(*c, out);
      return toInt(ExitCode::kOk);
    }
  }
  Context context{{}, out, err};
  if (!parseOptions(*c, argv, consumed, context.args, err)) {
    err << "使い方: teichaku-bridge " << c->usage << '\n';
    return toInt(ExitCode::kConfigError);
  }
  try {
    return toInt(c->run(context));
  } catch (const std::exception& e) {
    // The message is ours (Japanese, no secrets); a crash trace helps no operator.
    err << "エラー: " << e.what() << '\n';
    log::error("COMMAND_FAILED", {{"command", c->name}});
    return toInt(ExitCode::kRuntimeFailure);
  }
}

}  // namespace teichaku::cli
