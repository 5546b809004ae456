// Private: every phrase of the report in English and Chinese, and values
// written in the report's language.
#ifndef CARTA_SRC_REPORT_STRINGS_H_
#define CARTA_SRC_REPORT_STRINGS_H_

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "carta/evidence/model.h"
#include "carta/report/report.h"

namespace carta::report::internal {

// The phrase `key` in `lang`; "⟦key⟧" when the table has no such key (the
// tests look for these markers in both languages' pages).
std::string Tr(Language lang, std::string_view key);

// Tr with "{0}", "{1}", ... replaced by `args` in order.
std::string TrF(Language lang, std::string_view key, std::initializer_list<std::string> args);

// Keys whose English or Chinese phrase is empty (should be none).
std::vector<std::string> IncompleteTranslations();

// A cohort value as printed, with its unit in `lang` ("39 months", "39 个月"; "NR").
std::string LocalValue(const evidence::CohortValue& v, Language lang);

}  // namespace carta::report::internal

#endif  // CARTA_SRC_REPORT_STRINGS_H_
