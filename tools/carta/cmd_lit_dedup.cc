// carta lit dedup: duplicate clusters across sources, the reviewer's
// overrides, and --apply (duplicates marked removed, counted by PRISMA).
#include <iostream>
#include <set>

#include "carta/core/text.h"
#include "lit_common.h"

namespace carta::cli::lit {

namespace {

struct DedupArgs {
  std::string db_path, format;
  bool apply = false, review = false;
  std::vector<long> keep_apart, merge;
};

// Deduplicate with the stored overrides and the `added` ones, in record ids.
Result<std::vector<store::StoredCluster>> FindClusters(store::Literature& lit, const Corpus& c,
                                                       const std::vector<store::StoredOverride>& added,
                                                       std::vector<screen::RejectedLink>* rejected) {
  auto result = screen::Deduplicate(c.records);
  if (!result.ok()) return result.status();
  auto stored = lit.Overrides();
  if (!stored.ok()) return stored.status();
  stored->insert(stored->end(), added.begin(), added.end());
  std::vector<screen::DedupOverride> overrides;
  for (const auto& o : *stored) {
    auto a = c.IndexOf(o.a), b = c.IndexOf(o.b);
    if (a.ok() && b.ok()) overrides.push_back({o.kind, *a, *b});
  }
  if (!overrides.empty()) {
    result = screen::ApplyOverrides(c.records, *result, overrides);
    if (!result.ok()) return result.status().WithContext("your overrides contradict each other");
  }
  *rejected = result->rejected;
  std::vector<store::StoredCluster> out;
  for (const auto& dc : result->clusters) {
    store::StoredCluster sc;
    sc.cluster = static_cast<long>(out.size()) + 1;
    for (uint32_t m : dc.members) sc.members.push_back(c.ids[m]);
    sc.keep = c.ids[dc.keep];
    for (const auto& l : dc.links) {
      sc.links.push_back({c.ids[l.a], c.ids[l.b], std::string(screen::DuplicateReasonName(l.reason)), l.title_similarity});
    }
    out.push_back(std::move(sc));
  }
  return out;
}

std::vector<std::string> Reasons(const store::StoredCluster& sc) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (const auto& l : sc.links) if (seen.insert(l.reason).second) out.push_back(l.reason);
  return out;
}

api::Json ClusterJson(const store::StoredCluster& sc, const Corpus& c) {
  api::Json members = api::Json::array(), links = api::Json::array();
  for (long id : sc.members) {
    const biblio::Record& r = c.records[*c.IndexOf(id)];
    members.push_back({{"id", id}, {"source", biblio::SourceName(r.source)}, {"pmid", r.pmid}, {"doi", r.doi},
                       {"cnki_id", r.cnki_id}, {"year", r.year == 0 ? api::Json() : api::Json(r.year)},
                       {"first_author", FirstAuthor(r)}, {"title", r.title}, {"keep", id == sc.keep}});
  }
  for (const auto& l : sc.links) {
    links.push_back({{"a", l.a}, {"b", l.b}, {"reason", l.reason}, {"title_similarity", JsonNumber(l.title_similarity)}});
  }
  return {{"cluster", sc.cluster}, {"keep", sc.keep}, {"members", members}, {"links", links}};
}

void PrintClusters(const DedupArgs& a, const std::vector<store::StoredCluster>& clusters, const Corpus& c) {
  const Format f = ParseFormat(a.format);
  if (f == Format::kJson) {
    api::Json all = api::Json::array();
    for (const auto& sc : clusters) all.push_back(ClusterJson(sc, c));
    std::cout << DumpJson(all) << "\n";
    return;
  }
  if (!a.review) {
    Listing l({{"cluster", "cluster"}, {"keep", "keep"}, {"members", "members"}, {"sources", "sources"},
               {"reasons", "reasons"}, {"title", "title of the kept record", 60}});
    for (const auto& sc : clusters) {
      std::vector<std::string> sources;
      for (long id : sc.members) sources.emplace_back(biblio::SourceName(c.records[*c.IndexOf(id)].source));
      l.Add({sc.cluster, sc.keep, sc.members, sources, Reasons(sc), c.records[*c.IndexOf(sc.keep)].title});
    }
    Print(l, f, std::cout);
    return;
  }
  Listing l({{"cluster", "cluster"}, {"id", "id"}, {"keep", "keep"}, {"source", "source"}, {"year", "year"},
             {"first_author", "first author", 22}, {"title", "title", 60}, {"linked_by", "linked by"}});
  for (const auto& sc : clusters) {
    for (long id : sc.members) {
      const biblio::Record& r = c.records[*c.IndexOf(id)];
      std::vector<std::string> why;
      for (const auto& link : sc.links) {
        if (link.a == id || link.b == id) why.push_back(link.reason + " with " + std::to_string(link.a == id ? link.b : link.a));
      }
      l.Add({sc.cluster, id, id == sc.keep ? "*" : "", biblio::SourceName(r.source),
             r.year == 0 ? api::Json() : api::Json(r.year), FirstAuthor(r), r.title, why});
    }
  }
  Print(l, f, std::cout);
}

// --keep-apart / --merge as an override; none when the option was not given.
Status ParseOverride(const std::vector<long>& pair, screen::OverrideKind kind, std::vector<store::StoredOverride>* out) {
  if (pair.empty()) return Status::Ok();
  const char* name = kind == screen::OverrideKind::kMerge ? "--merge" : "--keep-apart";
  if (pair.size() != 2) return Status::InvalidArgument(std::string(name) + ": give two record ids, as 12,40");
  if (pair[0] == pair[1]) {
    return Status::InvalidArgument(std::string(name) + ": " + std::to_string(pair[0]) + " twice; give two different records");
  }
  // The same pair both merged and kept apart: say it with the user's ids (the screen module speaks in indices).
  const screen::OverrideKind other =
      kind == screen::OverrideKind::kMerge ? screen::OverrideKind::kKeepApart : screen::OverrideKind::kMerge;
  for (const auto& o : *out) {
    if (o.kind == other && ((o.a == pair[0] && o.b == pair[1]) || (o.a == pair[1] && o.b == pair[0]))) {
      return Status::InvalidArgument("records " + std::to_string(pair[0]) + " and " + std::to_string(pair[1]) +
                                     " cannot be both merged and kept apart");
    }
  }
  out->push_back({kind, pair[0], pair[1], ""});
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
  DedupArgs a;
  app.add_flag("--apply", a.apply, "mark the duplicates removed (replaces the previous --apply)");
  app.add_flag("--review", a.review, "one row per member with its source, year, author, title and links");
  app.add_option("--keep-apart", a.keep_apart, "ID,ID: these two records are different articles")->delimiter(',');
  app.add_option("--merge", a.merge, "ID,ID: these two records are the same article")->delimiter(',');
  AddDbOption(app, &a.db_path);
  AddFormatOption(app, &a.format);
  int code = 0;
  if (!ParseArgs(app, argc, argv, &code)) return code;
  auto lit = OpenLiterature(a.db_path);
  if (!lit.ok()) return Fail(lit.status());
  std::vector<store::StoredOverride> added;
  for (const auto& [pair, kind] : {std::pair{&a.keep_apart, screen::OverrideKind::kKeepApart},
                                    std::pair{&a.merge, screen::OverrideKind::kMerge}}) {
    if (Status s = ParseOverride(*pair, kind, &added); !s.ok()) {
      std::cerr << "carta lit dedup: " << s.message() << "\n";
      return kExitUsage;
    }
  }
  auto corpus = LoadCorpus(*lit);
  if (!corpus.ok()) return Fail(corpus.status());
  for (const auto& o : added) {
    for (long id : {o.a, o.b}) if (auto i = corpus->IndexOf(id); !i.ok()) return Fail(i.status());
  }
  std::vector<screen::RejectedLink> rejected;
  auto clusters = FindClusters(*lit, *corpus, added, &rejected);
  if (!clusters.ok()) return Fail(clusters.status());
  for (const auto& o : added) {  // stored only once they agree with the earlier ones
    if (Status s = lit->AddOverride(o.kind, o.a, o.b); !s.ok()) return Fail(s);
  }
  long removed = 0;
  for (const auto& sc : *clusters) removed += static_cast<long>(sc.members.size()) - 1;
  PrintClusters(a, *clusters, *corpus);
  for (const auto& r : rejected) {
    std::cerr << "carta: not linked: records " << corpus->ids[r.link.a] << " and " << corpus->ids[r.link.b] << " ("
              << screen::DuplicateReasonName(r.link.reason) << "): " << r.why << "\n";
  }
  std::cerr << "carta: " << clusters->size() << " clusters, " << removed << " duplicates among "
            << corpus->records.size() << " records";
  if (!a.apply) {
    std::cerr << " (not applied; --apply marks them removed)\n";
    return 0;
  }
  if (Status s = lit->SaveClusters(*clusters); !s.ok()) return Fail(s);
  std::cerr << "; " << removed << " marked removed\n";
  return 0;
}

}  // namespace carta::cli::lit
