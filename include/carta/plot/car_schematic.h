// The CAR generations schematic (the review's Fig. 3): one receptor per
// generation drawn across the T-cell membrane, from the antigen-binding
// domain outside to the signalling domain inside, with what later generations
// add (a second costimulatory domain, a secreted payload, gene edits).
#ifndef CARTA_PLOT_CAR_SCHEMATIC_H_
#define CARTA_PLOT_CAR_SCHEMATIC_H_

#include <string>
#include <vector>

namespace carta::plot {

// One receptor, domain by domain, in the words the figure prints.
struct CarSketch {
  std::string heading = {};                // "1st generation"
  std::string binder = "scFv";             // drawn as a VH–VL pair ("scFv") or one domain ("VHH", "ligand")
  std::string hinge = {};                  // "CD8α"; "" draws an unlabelled hinge
  std::string transmembrane = {};          // "CD28"
  std::vector<std::string> costim = {};    // membrane-proximal first; each a box
  std::string signal = "CD3ζ";             // drawn with its three ITAMs
  std::vector<std::string> payloads = {};  // secreted ("IL-12"): drawn as released dots
  std::vector<std::string> switches = {};  // safety switches ("iCasp9")
  std::vector<std::string> edits = {};     // gene edits ("TRAC knock-out")
  std::string caption = {};                // one line under the receptor
};

struct CarSchematicSpec {
  std::string title = {};
  std::string outside_label = "Extracellular";
  std::string membrane_label = "T-cell membrane";
  std::string inside_label = "Intracellular";
  std::vector<CarSketch> constructs = {};
  double column_width_px = 150;
  double font_size_px = 12;
};

// The schematic as a standalone SVG document. Marks: g.construct (one per
// sketch), rect.binder (2 for an scFv, else 1), rect.hinge, rect.tm,
// rect.costim (one per costimulatory domain), rect.signal, rect.itam (3 per
// signal), circle.payload (3 per payload), rect.membrane (1), text.edit (one
// per gene edit), text.switch (one per safety switch). Never fails.
std::string CarSchematic(const CarSchematicSpec& spec);

}  // namespace carta::plot

#endif  // CARTA_PLOT_CAR_SCHEMATIC_H_
