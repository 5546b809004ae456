#!/usr/bin/env bash
# CSV inputs of the meta cases: BCG vaccine trials (metafor's dat.bcg) as two
# arms with latitude and allocation, as log risk ratios, and single-arm counts.
set -euo pipefail
cat > "$WORK/bcg.csv" <<'CSV'
study,events1,n1,events2,n2,ablat,alloc,group
Aronson 1948,4,123,11,139,44,random,early
Ferguson & Simes 1949,6,306,29,303,55,random,early
Rosenthal et al 1960,3,231,11,220,42,random,early
Hart & Sutherland 1977,62,13598,248,12867,52,random,late
Frimodt-Moller et al 1973,33,5069,47,5808,13,alternate,late
Stein & Aronson 1953,180,1541,372,1451,44,alternate,early
Vandiviere et al 1973,8,2545,10,629,19,random,late
TPT Madras 1980,505,88391,499,88391,13,random,late
Coetzee & Berjak 1968,29,7499,45,7277,27,random,early
Rosenthal et al 1961,17,1716,65,1665,42,systematic,early
Comstock et al 1974,186,50634,141,27338,18,systematic,late
Comstock & Webster 1969,5,2498,3,2341,33,systematic,early
Comstock et al 1976,27,16913,29,17854,33,systematic,late
CSV
cat > "$WORK/logrr.csv" <<'CSV'
study,yi,vi,ablat,group
Aronson 1948,-0.8893113339,0.3255847650,44,early
Ferguson & Simes 1949,-1.5853886572,0.1945811214,55,early
Rosenthal et al 1960,-1.3480731483,0.4153679654,42,early
Hart & Sutherland 1977,-1.4415511900,0.0200100319,52,late
Frimodt-Moller et al 1973,-0.2175473222,0.0512101722,13,late
Stein & Aronson 1953,-0.7861155858,0.0069056185,44,early
Vandiviere et al 1973,-1.6208982236,0.2230172476,19,late
TPT Madras 1980,0.0119523335,0.0039615793,13,late
Coetzee & Berjak 1968,-0.4694176487,0.0564342105,27,early
Rosenthal et al 1961,-1.3713448035,0.0730247936,42,early
Comstock et al 1974,-0.3393588283,0.0124122140,18,late
Comstock & Webster 1969,0.4459134006,0.5325058452,33,early
Comstock et al 1976,-0.0173139482,0.0714046597,33,late
CSV
cat > "$WORK/counts.csv" <<'CSV'
study,events,n,group,dose
a,12,20,x,1
b,30,40,x,2
c,7,30,y,3
d,0,15,y,4
e,25,25,z,5
f,18,44,z,6
CSV
cat > "$WORK/zero_cells.csv" <<'CSV'
study,events1,n1,events2,n2,year
A,4,50,8,50,1990
B,0,30,3,30,1985
C,10,40,10,45,2001
D,5,5,2,6,1995
E,7,60,12,58,1999
F,0,20,0,25,1992
G,9,9,11,11,1988
CSV
