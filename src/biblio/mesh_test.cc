// NLM's MeSH descriptor XML (tests/fixtures/mesh/mesh_sample.xml; SOURCES.md there).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "carta/biblio/input.h"
#include "carta/biblio/mesh.h"

namespace carta::biblio {
namespace {

const std::string kSample = std::string(CARTA_SOURCE_DIR) + "/tests/fixtures/mesh/mesh_sample.xml";

Status ReadAll(const std::string& path, std::vector<MeshDescriptor>* out) {
  auto in = OpenInputFile(path);
  if (!in.ok()) return in.status();
  return ReadMeshDescriptors(in->get(), path, [&](MeshDescriptor&& d) {
    out->push_back(std::move(d));
    return Status::Ok();
  });
}

Status ReadString(const std::string& xml, std::vector<MeshDescriptor>* out) {
  auto in = NewStringInput(xml);
  return ReadMeshDescriptors(in.get(), "desc.xml", [&](MeshDescriptor&& d) {
    out->push_back(std::move(d));
    return Status::Ok();
  });
}

TEST(BiblioMesh, ReadsDescriptorsAndOnlyTheirOwnNamesAndTrees) {
  std::vector<MeshDescriptor> d;
  ASSERT_TRUE(ReadAll(kSample, &d).ok());
  ASSERT_EQ(d.size(), 15u);
  EXPECT_EQ(d[0].ui, "D009369");
  EXPECT_EQ(d[0].name, "Neoplasms");
  EXPECT_EQ(d[0].tree_numbers, std::vector<std::string>{"C04"});
  EXPECT_EQ(d[2].name, "Lymphoma");
  EXPECT_EQ(d[2].tree_numbers, (std::vector<std::string>{"C04.557.386", "C15.604.515", "C20.683.515"}));
  // DLBCL's record also names Lymphoma, B-Cell (SeeRelatedList) and a concept term: passed over.
  const MeshDescriptor& dlbcl = d[7];
  EXPECT_EQ(dlbcl.ui, "D016403");
  EXPECT_EQ(dlbcl.name, "Lymphoma, Large B-Cell, Diffuse");
  EXPECT_EQ(dlbcl.tree_numbers, std::vector<std::string>{"C04.557.386.480.150.680"});
}

TEST(BiblioMesh, RefusesOtherFilesAndBrokenRecords) {
  std::vector<MeshDescriptor> d;
  Status s = ReadString("<QualifierRecordSet><QualifierRecord/></QualifierRecordSet>", &d);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("not a MeSH descriptor file"), std::string::npos) << s.ToString();
  s = ReadString("<DescriptorRecordSet>\n<DescriptorRecord>\n<DescriptorName><String>X</String></DescriptorName>"
                 "</DescriptorRecord></DescriptorRecordSet>",
                 &d);
  EXPECT_NE(s.message().find("desc.xml:2: a DescriptorRecord without DescriptorUI"), std::string::npos)
      << s.ToString();
  s = ReadString("<DescriptorRecordSet><DescriptorRecord><DescriptorUI>D1</DescriptorUI>", &d);
  EXPECT_EQ(s.code(), StatusCode::kCorruption);
  EXPECT_NE(s.message().find("not well formed"), std::string::npos) << s.ToString();
  s = ReadString("<DescriptorRecordSet></DescriptorRecordSet>", &d);
  EXPECT_NE(s.message().find("no DescriptorRecord"), std::string::npos) << s.ToString();
}

TEST(BiblioMesh, TheCallersFailureStopsTheRead) {
  auto in = OpenInputFile(kSample);
  ASSERT_TRUE(in.ok());
  int seen = 0;
  Status s = ReadMeshDescriptors(in->get(), kSample, [&](MeshDescriptor&&) {
    return ++seen == 3 ? Status::IOError("disk full") : Status::Ok();
  });
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_EQ(seen, 3);
}

}  // namespace
}  // namespace carta::biblio
