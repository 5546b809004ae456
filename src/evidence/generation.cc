#include "carta/evidence/generation.h"

#include "carta/core/text.h"

namespace carta::evidence {

const std::vector<GenerationRow>& GenerationTable() {
  static const std::vector<GenerationRow> rows = {
      {1, "CD3ζ", "CD3ζ",
       "T-cell activation in vitro; insufficient signalling; low cytotoxicity",
       "CD3ζ signalling domain and no costimulatory domain"},
      {2, "CD3ζ + CD28/4-1BB/OX40", "CD3ζ+CD28/4-1BB/OX40",
       "one costimulatory molecule added: stronger proliferation, abundant cytokines, longer persistence in vivo",
       "exactly one costimulatory domain"},
      {3, "CD3ζ + CD28/4-1BB/OX40 + CD28/4-1BB/OX40", "CDζ+CD28/4-1BB/OX40+CD28/4-1BB/OX40",
       "two or more costimulatory molecules: stronger signalling, more durable activity",
       "two or more costimulatory domains"},
      {4, "IL-12 gene (TRUCK)", "白细胞介素 12 基因",
       "IL-12 remodels the tumour microenvironment; recruits NK cells and macrophages; secretes IFN-γ or cytotoxic enzymes",
       "an armouring payload (cytokine such as IL-12, IL-7, IL-15, IL-21) or a safety switch (e.g. iCasp9)"},
      {5, "gene editing, universal CAR-T", "基因编辑，通用型 CAR-T 细胞",
       "large-scale manufacture and treatment",
       "gene edits (e.g. TRAC or B2M knock-out) or a universal/adaptor design (BBIR, SUPRA)"},
  };
  return rows;
}

GenerationVerdict DeriveGeneration(const Construct& c) {
  if (!c.gene_edits.empty()) return {5, "gene edits: " + text::Join(c.gene_edits, ", ")};
  if (c.design == "adaptor") return {5, "adaptor (universal) design"};
  if (!c.payload.empty()) return {4, "armouring payload: " + text::Join(c.payload, ", ")};
  if (!c.safety_switch.empty()) return {4, "safety switch: " + text::Join(c.safety_switch, ", ")};
  if (!c.costim_stated) return {0, "costimulatory domains not recorded"};
  switch (c.costim.size()) {
    case 0: return {1, "CD3ζ without costimulation"};
    case 1: return {2, "one costimulatory domain: " + c.costim[0]};
    default: return {3, std::to_string(c.costim.size()) + " costimulatory domains: " + text::Join(c.costim, ", ")};
  }
}

}  // namespace carta::evidence
