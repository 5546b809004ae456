#include <ostream>

#include "carta/api/extract.h"
#include "carta/api/request.h"

namespace carta::api {

namespace {

Json SourceJson(const std::string& value, const extract::ValueSource& s) {
  return {{"value", value}, {"record", s.record}, {"page", s.page}, {"location", s.location}, {"quote", s.quote}};
}

Json ValueJson(const extract::FormValue& v) {
  Json j = {{"key", v.key}};
  j.update(SourceJson(v.value, v.source));
  return j;
}

constexpr auto kRequired = RequestReader::kRequired;

}  // namespace

Json ToJson(const extract::Form& form) {
  Json values = Json::array();
  for (const auto& v : form.values) values.push_back(ValueJson(v));
  return {{"cohort", form.cohort}, {"extractor", form.extractor}, {"finished", form.finished}, {"values", values}};
}

Json FormsJson(const std::vector<extract::Form>& forms) {
  Json out = Json::array();
  for (const auto& f : forms) out.push_back(ToJson(f));
  return out;
}

Json DiffJson(const extract::Form& a, const extract::Form& b, const std::vector<extract::Disagreement>& d) {
  Json out = Json::array();
  for (const auto& x : d) {
    Json ja = {{"extractor", a.extractor}};
    ja.update(SourceJson(x.value_a, x.source_a));
    Json jb = {{"extractor", b.extractor}};
    jb.update(SourceJson(x.value_b, x.source_b));
    out.push_back({{"key", x.key}, {"a", ja}, {"b", jb}});
  }
  return out;
}

Json ToJson(const extract::Consensus& c) {
  Json values = Json::array();
  for (const auto& v : c.values) values.push_back(ValueJson(v));
  Json decisions = Json::array();
  for (const auto& d : c.decisions) {
    decisions.push_back({{"key", d.key}, {"value", d.value.value}, {"decided_by", d.decided_by}});
  }
  return {{"cohort", c.cohort}, {"values", values}, {"decisions", decisions}};
}

void PrintForms(const std::vector<extract::Form>& forms, size_t hidden, std::ostream& out) {
  for (const auto& f : forms) {
    out << f.cohort << " by " << f.extractor << (f.finished ? " (finished)" : "") << "\n";
    for (const auto& v : f.values) {
      out << "  " << v.key << " = " << v.value << "  [" << v.source.record << " p." << v.source.page << ", "
          << v.source.location << "]\n";
    }
  }
  if (hidden > 0) out << hidden << " other form(s) hidden until every extractor has finished\n";
}

void PrintDiff(const extract::Form& a, const extract::Form& b, const std::vector<extract::Disagreement>& d,
               std::ostream& out) {
  for (const auto& x : d) {
    out << x.key << ": " << a.extractor << " '" << x.value_a << "' (" << x.source_a.location << ") vs "
        << b.extractor << " '" << x.value_b << "' (" << x.source_b.location << ")\n";
  }
  out << d.size() << " disagreement(s)\n";
}

Result<std::string> ExtractCohortFromJson(const Json& j) {
  RequestReader r(j, {"cohort"});
  std::string cohort;
  r.Get("cohort", &cohort, kRequired);
  return r.Done(std::move(cohort));
}

Result<extract::FormChange> FormChangeFromJson(const Json& j) {
  RequestReader r(j, {"cohort", "key", "value", "record", "page", "location", "quote", "finished"});
  extract::FormChange q;
  r.Get("cohort", &q.cohort, kRequired);
  r.Get("finished", &q.finish);
  extract::FormValue v;
  r.Get("key", &v.key);
  r.Get("value", &v.value);
  r.Get("record", &v.source.record);
  r.Get("page", &v.source.page);
  r.Get("location", &v.source.location);
  r.Get("quote", &v.source.quote);
  const bool any_source = r.Has("record") || r.Has("page") || r.Has("location") || r.Has("quote");
  r.Check(r.Has("key") == r.Has("value"), r.Has("key") ? "value" : "key", "give 'key' and 'value' together");
  r.Check(r.Has("key") || !any_source, "key", "a source (record, page, location, quote) needs a 'key' and 'value'");
  r.Check(r.Has("key") || q.finish, "key", "give 'key' and 'value', or 'finished': true");
  if (r.Has("key")) q.value = std::move(v);
  return r.Done(std::move(q));
}

Result<extract::ReconcileRequest> ReconcileRequestFromJson(const Json& j) {
  RequestReader r(j, {"cohort", "take", "drop"});
  extract::ReconcileRequest q;
  r.Get("cohort", &q.cohort, kRequired);
  if (r.ok() && r.Has("take")) {
    const Json& take = r["take"];
    r.Check(take.is_object(), "take", "'take' is an object {KEY: EXTRACTOR}");
    for (auto it = take.begin(); r.ok() && it != take.end(); ++it) {
      r.Check(it.value().is_string() && !it.value().get<std::string>().empty(), "take." + it.key(),
              "'take." + it.key() + "' names the extractor whose value is the consensus");
      if (r.ok()) q.choices.push_back({it.key(), it.value().get<std::string>()});
    }
  }
  std::vector<std::string> drop;
  r.Get("drop", &drop);
  for (auto& key : drop) q.choices.push_back({std::move(key), ""});
  return r.Done(std::move(q));
}

}  // namespace carta::api
