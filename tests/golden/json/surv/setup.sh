# Patient data of several studies: veteran's cell types as four studies (as tests/e2e/surv_test.sh).
mkdir -p "$WORK/ipd"
awk -F, -v d="$WORK/ipd" 'NR > 1 { f = d "/" $4 ".csv"; if (!(f in seen)) { print "time,event,group" > f; seen[f] = 1 }
                                    print $1 "," $2 "," $3 >> f }' "$SRC/tests/golden/survival/veteran_strata.csv"
# Two groups, one without events: no Cox model (cox_note).
printf 'time,event,group\n1,1,a\n2,1,a\n3,0,a\n4,1,a\n2,0,b\n5,0,b\n6,0,b\n' > "$WORK/no_events_b.csv"
