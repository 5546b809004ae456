// Private: cleaning the digitised curve and checking the risk table before
// Guyot's algorithm (reconstruct.h says what is done and reported).
#ifndef CARTA_SRC_SURVIVAL_RECONSTRUCT_INPUT_H_
#define CARTA_SRC_SURVIVAL_RECONSTRUCT_INPUT_H_

#include <vector>

#include "carta/survival/reconstruct.h"

namespace carta::survival::internal {

// Percent detection, negative times, order, range, blips, duplicates, origin.
Result<std::vector<CurvePoint>> CleanCurve(std::vector<CurvePoint> points, Preprocessing* prep);

// Increasing times from 0, non-increasing counts with a first count > 0, and
// total_events <= the first count. Drops rows after the last point's time.
Status CheckRiskTable(std::vector<RiskRow>* risk, double last_time, long total_events, Preprocessing* prep);

// Adds a point at every risk time that has none: the value of the step
// function there (the last point at or before it).
// Fails when the table has patients at risk after a time at which the
// (cleaned) curve is already 0: a curve at 0 leaves nobody at risk.
Status CheckRiskAgainstCurve(const std::vector<RiskRow>& risk, const std::vector<CurvePoint>& points);

void AddPointsAtRiskTimes(const std::vector<RiskRow>& risk, std::vector<CurvePoint>* points, Preprocessing* prep);

}  // namespace carta::survival::internal

#endif  // CARTA_SRC_SURVIVAL_RECONSTRUCT_INPUT_H_
