// carta lit dedup: duplicate clusters across sources, the reviewer's
// overrides, and --apply (duplicates marked removed, counted by PRISMA).
#include <iostream>

#include "carta/api/lit.h"
#include "carta/lit/dedup.h"
#include "lit_common.h"

namespace carta::cli::lit {

namespace {

namespace lib = carta::lit;

// --keep-apart / --merge ID,ID as a pair; none when the option was not given.
Status ParsePair(const std::vector<long>& ids, const char* flag, std::vector<lib::RecordPair>* out) {
  if (ids.empty()) return Status::Ok();
  if (ids.size() != 2) return Status::InvalidArgument(std::string(flag) + ": give two record ids, as 12,40");
  out->push_back({lib::RecordId{ids[0]}, lib::RecordId{ids[1]}});
  return Status::Ok();
}

}  // namespace

int RunDedup(int argc, char** argv) {
  CLI::App app(
      "Find records that are one article: same DOI, PMID or CNKI id, the same normalised title (years within 1, "
      "same first author), or a near-identical title (doc/screen.md). Lists the clusters; --review shows every "
      "member and why it was linked; --keep-apart and --merge store your corrections (kept for every later run); "
      "--apply marks the duplicates removed: they stay in the database, screening sees the kept record of each "
      "cluster, and PRISMA counts the others as duplicates removed. Run it again (with --apply) after an import.",
      "lit dedup");
  std::string db_path, format;
  bool review = false;
  std::vector<long> keep_apart, merge;
  lib::DedupRequest request;
  app.add_flag("--apply", request.apply, "mark the duplicates removed (replaces the previous --apply)");
  app.add_flag("--review", review, "one row per member with its source, year, author, title and links");
  app.add_option("--keep-apart", keep_apart, "ID,ID: these two records are different articles")->delimiter(',');
  app.add_option("--merge", merge, "ID,ID: these two records are the same article")->delimiter(',');
  AddDbOption(app, &db_path);
  AddFormatOption(app, &format);
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  Status usage = ParsePair(keep_apart, "--keep-apart", &request.keep_apart);
  if (usage.ok()) usage = ParsePair(merge, "--merge", &request.merge);
  if (usage.ok()) usage = WithFlag(lib::CheckOverrides(request), {"keep_apart", "merge"});
  if (!usage.ok()) {
    std::cerr << "carta lit dedup: " << usage.message() << "\n";
    return kExitUsage;
  }
  auto lit = OpenLiterature(db_path);
  if (!lit.ok()) return Fail(lit.status());
  auto r = lib::Deduplicate(*lit, request);
  if (!r.ok()) return Fail(r.status());
  const Format f = ParseFormat(format);
  if (f == Format::kJson) {
    std::cout << api::Dump(api::ToJson(*r)) << "\n";
  } else {
    Print(api::DedupListing(*r, review), f, std::cout);
  }
  for (const auto& x : r->rejected) {
    std::cerr << "carta: not linked: records " << x.a.value << " and " << x.b.value << " (" << x.reason << "): " << x.why
              << "\n";
  }
  std::cerr << "carta: " << r->clusters.size() << " clusters, " << r->duplicates << " duplicates among " << r->records
            << " records";
  if (!r->applied) {
    std::cerr << " (not applied; --apply marks them removed)\n";
    return 0;
  }
  std::cerr << "; " << r->duplicates << " marked removed\n";
  return 0;
}

}  // namespace carta::cli::lit
