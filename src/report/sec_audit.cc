// The audit of the review's numbers: every finding with the values it rests on and where each was printed.
#include "carta/core/text.h"
#include "carta/evidence/audit.h"
#include "sections.h"
#include "strings.h"

namespace carta::report::internal {

Section AuditSection(const Context& ctx) {
  const Language lang = ctx.lang;
  Section s{"audit", Tr(lang, "sec.audit"), {}};
  if (!ctx.Want("table_audit")) return s;
  const std::vector<evidence::Finding> findings = evidence::Audit(ctx.eb);
  int counts[3] = {0, 0, 0};
  for (const auto& f : findings) ++counts[static_cast<int>(f.severity)];
  s.Text(TrF(lang, "audit.intro", {std::to_string(counts[0]), std::to_string(counts[1]), std::to_string(counts[2])}));
  // The English message is carta's own sentence; the Chinese page gives the
  // rule's summary in Chinese and the values, which say the same.
  Table t{"table_audit", "table_audit.csv", Tr(lang, "table_audit.caption"),
          {Tr(lang, "audit.severity"), Tr(lang, "audit.rule"), Tr(lang, "audit.subject"), Tr(lang, "audit.finding"),
           Tr(lang, "audit.values")},
          {}, Tr(lang, "table_audit.note"), "carta check"};
  for (const auto& f : findings) {
    std::vector<std::string> values;
    for (const auto& v : f.values) values.push_back(v.label + " = " + v.value + " (" + v.prov.Short() + ")");
    t.rows.push_back({Tr(lang, std::string("severity.") + evidence::SeverityName(f.severity)), f.rule, f.subject,
                      lang == Language::kChinese ? Tr(lang, "rule." + f.rule) : f.message, text::Join(values, "; ")});
  }
  s.Add(std::move(t));
  return s;
}

}  // namespace carta::report::internal
