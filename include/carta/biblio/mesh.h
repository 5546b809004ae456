// NLM's MeSH descriptor file (desc20XX.xml, "DescriptorRecordSet"): each
// DescriptorRecord's DescriptorUI, DescriptorName/String and TreeNumberList,
// read as a stream (the real file is about 300 MB; memory stays bounded by
// one descriptor). Element names: NLM, "MeSH XML Data Elements"
// (https://www.nlm.nih.gov/mesh/xml_data_elements.html).
#ifndef CARTA_BIBLIO_MESH_H_
#define CARTA_BIBLIO_MESH_H_

#include <functional>
#include <string>
#include <vector>

#include "carta/biblio/input.h"
#include "carta/core/status.h"

namespace carta::biblio {

// One descriptor: "D008223", "Lymphoma", {"C04.557.386", "C15.604.515", "C20.683.515"}.
struct MeshDescriptor {
  std::string ui;
  std::string name;
  std::vector<std::string> tree_numbers;
};

// Reads `in` (named `name` in messages), calling `on_descriptor` for each
// DescriptorRecord in file order; a non-ok Status from it stops the read and
// is returned. Fails with Corruption "name:line: ..." on XML that is not well
// formed or nests past 256 elements, and with InvalidArgument when the root
// element is not DescriptorRecordSet (a qualifier or supplementary-concept
// file, or not MeSH at all) or a DescriptorRecord has no DescriptorUI or
// DescriptorName (with its line). Names and tree numbers are kept as written
// (at most 64 KiB each: a longer one is an error).
Status ReadMeshDescriptors(InputStream* in, const std::string& name,
                           const std::function<Status(MeshDescriptor&&)>& on_descriptor);

}  // namespace carta::biblio

#endif  // CARTA_BIBLIO_MESH_H_
