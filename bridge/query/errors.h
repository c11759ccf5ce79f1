#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "query/query.h"

// The errors kintone returns for bad queries: codes and Japanese texts from
// kintone-api.md §2, §5.2 and §6 (OBS:emu-query). Where kintone's text is not known we say so.
namespace teichaku::query::detail {

ParseError syntaxError(std::size_t offset);
ParseError invalidInput(std::size_t offset);                         // CB_VA01
ParseError unknownField(std::string_view name, std::size_t offset);  // GAIA_IQ11
ParseError operatorNotAllowed(std::string_view name, std::string_view op,
                              std::size_t offset);  // GAIA_IQ03
ParseError functionNotAllowed(std::string_view name, std::string_view function,
                              std::size_t offset);  // GAIA_IQ03 (ours)
ParseError subtableEquality(std::string_view name, std::string_view op,
                            std::size_t offset);  // GAIA_IQ07
ParseError optionNotFound(std::string_view name, std::string_view value,
                          std::size_t offset);                           // GAIA_IQ10
ParseError tableFieldDotted(std::string_view name, std::size_t offset);  // GAIA_IR02
ParseError invalidDay(std::string_view value, std::size_t offset);       // GAIA_IQ23
ParseError invalidFromTodayUnit(std::size_t offset);                     // GAIA_IQ25
ParseError wrongArgumentCount(std::size_t offset);                       // GAIA_IL08
ParseError limitTooLarge(std::size_t offset);                            // GAIA_QU01
ParseError offsetTooLarge(std::size_t offset);                           // GAIA_QU02

}  // namespace teichaku::query::detail
