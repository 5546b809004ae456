#include "carta/lit/import.h"

#include "carta/core/text.h"
#include "location.h"

namespace carta::lit {

const std::vector<std::string>& SourceNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> out;
    for (biblio::Source s : biblio::kAllSources) {
      out.emplace_back(biblio::SourceName(s));
    }
    return out;
  }();
  return kNames;
}

const std::vector<std::string>& InputFormatNames() {
  static const std::vector<std::string> kNames = biblio::ReadableFormatNames();
  return kNames;
}

Result<std::vector<std::pair<std::string, std::string>>> ParseColumnMap(std::string_view text) {
  std::vector<std::pair<std::string, std::string>> out;
  if (text::Trim(text).empty()) return out;
  for (const std::string& pair : text::Split(text, ',')) {
    const size_t eq = pair.find('=');
    const std::string field(text::Trim(pair.substr(0, eq == std::string::npos ? 0 : eq)));
    const std::string header(eq == std::string::npos ? "" : text::Trim(pair.substr(eq + 1)));
    if (field.empty() || header.empty()) {
      return Status::InvalidArgument("'" + pair + "' is not FIELD=Header (e.g. title=Article Title)")
          .WithField("columns");
    }
    out.emplace_back(field, header);
  }
  return out;
}

std::vector<std::string> ImportResult::Failed() const {
  std::vector<std::string> out;
  for (const auto& f : files) if (!f.status.ok()) out.push_back(f.file);
  return out;
}

std::vector<std::string> ImportResult::Imported() const {
  std::vector<std::string> out;
  for (const auto& f : files) if (f.status.ok()) out.push_back(f.file);
  return out;
}

ImportResult Import(store::Literature& lit, const ImportRequest& request, const ProgressFor& progress_for) {
  ImportResult out;
  bool cancelled = false;
  for (const std::string& file : request.files) {
    ImportResult::File f;
    f.file = file;
    std::unique_ptr<Progress> progress = progress_for ? progress_for(file) : nullptr;
    cancelled = cancelled || IsCancelled(progress.get());
    if (cancelled) {
      f.status = Status::Cancelled("the import was stopped before " + file);
      out.files.push_back(std::move(f));
      continue;
    }
    const biblio::Format format =
        request.format == biblio::Format::kAuto && !request.columns.empty() ? biblio::Format::kCsv : request.format;
    auto s = lit.Import(file, format, request.source, progress.get(), request.columns);
    if (s.ok()) {
      f.summary = std::move(*s);
    } else {
      f.status = s.status();
      if (f.status.location().file.empty()) f.status = f.status.WithLocation(FileLine(file));
    }
    out.files.push_back(std::move(f));
  }
  return out;
}

Result<store::MeshImportSummary> ImportMesh(store::Literature& lit, const std::string& file, Progress* progress) {
  auto s = lit.ImportMesh(file, progress);
  if (!s.ok() && s.status().location().file.empty()) return s.status().WithLocation(FileLine(file));
  return s;
}

}  // namespace carta::lit
