# A cohort's daily records for the `tox series` cases (the e2e cohort).
cat >"$WORK/days.csv" <<'CSV'
patient,day,temp_c,hypotension,hypoxia,after_anticytokine,ice,consciousness,age,capd,death
P1,0,37.0,none,none,no,10,alert,54,,
P1,1,38.6,none,none,no,10,alert,54,,
P1,2,39.4,one-vasopressor,low-flow,no,8,alert,54,,
P1,3,37.2,none,none,yes,6,voice,54,,
P2,1,37.1,none,none,no,10,alert,61,,
C1,0,38.1,,,,,alert,7,2,
C1,5,,,,,,,7,12,
D1,2,40.1,multiple-vasopressors,positive-pressure,no,,,,,crs
CSV
# Only CRS recorded: ICANS has no patients (null rates).
printf 'patient,day,temp_c\nA,1,38.5\nB,1,37\n' >"$WORK/crs_only.csv"
