// The PRISMA 2020 flow diagram (Page et al. 2021, BMJ 372:n71), in the layout
// of the template for new reviews that searched databases and registers only
// (the PRISMA2020 R package's boxes, Haddaway et al. 2022).
#ifndef CARTA_PLOT_PRISMA_H_
#define CARTA_PLOT_PRISMA_H_

#include <string>
#include <vector>

namespace carta::plot {

// One box: a heading and its item lines, already worded and counted by the
// caller in the report's language ("Records identified from:",
// "PubMed (n = 2,904)"). Lines wrap to the box width.
struct FlowBox {
  std::string heading = {};
  std::vector<std::string> lines = {};
};

struct PrismaSpec {
  std::string title = {};        // "" for none
  std::string banner = {};       // "Identification of studies via databases and registers"
  std::string phase_identification = "Identification";
  std::string phase_screening = "Screening";
  std::string phase_included = "Included";
  // The main column (top to bottom) and the boxes to its right.
  FlowBox identified, removed;         // records identified → removed before screening
  FlowBox screened, excluded;          // records screened → records excluded
  FlowBox sought, not_retrieved;       // reports sought for retrieval → not retrieved
  FlowBox assessed, reports_excluded;  // reports assessed for eligibility → excluded, with reasons
  FlowBox included;                    // studies (and reports) included in the review
  double box_width_px = 250;
  double font_size_px = 12;
};

// The diagram as a standalone SVG document. Marks: rect.box (9, one per
// FlowBox, each in a g.box-<name> with the box's text as its tooltip, names
// identified, removed, screened, excluded, sought, not-retrieved, assessed,
// reports-excluded, included), rect.phase (3), rect.banner (1 when a banner
// is given), line.arrow (8: 4 down the main column, 4 to the right).
std::string PrismaDiagram(const PrismaSpec& spec);

}  // namespace carta::plot

#endif  // CARTA_PLOT_PRISMA_H_
