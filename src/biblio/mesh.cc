// The MeSH descriptor file: only DescriptorRecordSet/DescriptorRecord's own
// DescriptorUI, DescriptorName/String and TreeNumberList/TreeNumber are read
// (the same elements nested in PharmacologicalAction, SeeRelatedList or
// ConceptList name other descriptors and are passed over).
#include "carta/biblio/mesh.h"

#include "xml_stream.h"

namespace carta::biblio {

namespace {

constexpr size_t kMaxValueBytes = 64 * 1024;

class MeshHandler : public XmlHandler {
 public:
  MeshHandler(const std::string& name, const std::function<Status(MeshDescriptor&&)>& on_descriptor)
      : name_(name), on_descriptor_(on_descriptor) {}

  void OnStart(std::string_view element, const char** /*atts*/, size_t depth) override {
    if (!error_.ok()) return;
    if (depth == 1 && element != "DescriptorRecordSet") {
      return Fail(Status::InvalidArgument(name_ + ":" + std::to_string(line()) + ": the root element is <" +
                                          std::string(element) +
                                          ">, not <DescriptorRecordSet>: not a MeSH descriptor file (desc20XX.xml)"));
    }
    path_.emplace_back(element);
    if (depth == 2 && element == "DescriptorRecord") {
      current_ = MeshDescriptor();
      record_line_ = line();
    }
    // DescriptorRecord(2)/DescriptorUI(3), DescriptorName(3)/String(4), TreeNumberList(3)/TreeNumber(4).
    capture_ = (depth == 3 && element == "DescriptorUI" && Parent(1) == "DescriptorRecord") ||
               (depth == 4 && element == "String" && Parent(1) == "DescriptorName" && Parent(2) == "DescriptorRecord") ||
               (depth == 4 && element == "TreeNumber" && Parent(1) == "TreeNumberList");
    text_.clear();
  }

  void OnEnd(std::string_view element, size_t depth) override {
    if (!error_.ok()) return;
    if (capture_) {
      capture_ = false;
      if (text_.size() > kMaxValueBytes) {
        return Fail(Status::InvalidArgument(name_ + ":" + std::to_string(line()) + ": <" + std::string(element) +
                                            "> is longer than 64 KiB"));
      }
      if (element == "DescriptorUI") current_.ui = Trimmed();
      else if (element == "String") current_.name = Trimmed();
      else if (element == "TreeNumber" && !Trimmed().empty()) current_.tree_numbers.push_back(Trimmed());
    }
    if (depth == 2 && element == "DescriptorRecord") Deliver();
    if (!path_.empty()) path_.pop_back();
  }

  void OnText(std::string_view text) override {
    if (capture_ && text_.size() <= kMaxValueBytes) text_.append(text);
  }

  Status error() const override { return error_; }
  long descriptors() const { return descriptors_; }

 private:
  std::string_view Parent(size_t up) const {
    return path_.size() > up ? std::string_view(path_[path_.size() - 1 - up]) : std::string_view();
  }
  std::string Trimmed() const {
    const size_t b = text_.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    return text_.substr(b, text_.find_last_not_of(" \t\r\n") - b + 1);
  }
  void Fail(Status s) {
    if (error_.ok()) error_ = std::move(s);
  }
  void Deliver() {
    if (current_.ui.empty() || current_.name.empty()) {
      return Fail(Status::InvalidArgument(name_ + ":" + std::to_string(record_line_) +
                                          ": a DescriptorRecord without " +
                                          (current_.ui.empty() ? "DescriptorUI" : "DescriptorName/String")));
    }
    ++descriptors_;
    Fail(on_descriptor_(std::move(current_)));
  }

  const std::string& name_;
  const std::function<Status(MeshDescriptor&&)>& on_descriptor_;
  std::vector<std::string> path_;
  MeshDescriptor current_;
  int record_line_ = 0;
  bool capture_ = false;
  std::string text_;
  long descriptors_ = 0;
  Status error_;
};

}  // namespace

Status ReadMeshDescriptors(InputStream* in, const std::string& name,
                           const std::function<Status(MeshDescriptor&&)>& on_descriptor) {
  MeshHandler handler(name, on_descriptor);
  Status s = ParseXmlStream(in, name, &handler, [&] {
    return std::to_string(handler.descriptors()) + " descriptor(s) before it were read";
  });
  if (!s.ok()) return s;
  if (Status e = handler.error(); !e.ok()) return e;
  if (handler.descriptors() == 0) {
    return Status::InvalidArgument(name + ": no DescriptorRecord in the file");
  }
  return Status::Ok();
}

}  // namespace carta::biblio
