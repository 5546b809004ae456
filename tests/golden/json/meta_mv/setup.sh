# Inputs of the multilevel cases (run in the case folder, $WORK).
printf 'trial,cohort,events,n,indication\nT1,a,40,60,ALL\nT2,a,30,50,LBCL\nT2,b,45,55,LBCL\nT3,a,12,30,MM\nT3,b,20,32,MM\nT3,c,9,25,ALL\nT4,a,50,70,LBCL\nT5,a,33,40,ALL\nT5,b,18,40,MM\n' > cohorts.csv
printf 'site,trial,cohort,yi,vi\nS1,T1,1,0.21,0.04\nS1,T1,2,0.45,0.05\nS1,T2,1,0.10,0.03\nS2,T3,1,0.80,0.06\nS2,T3,2,0.62,0.02\nS2,T4,1,0.95,0.05\nS3,T5,1,0.30,0.04\nS3,T5,2,0.05,0.03\nS3,T6,1,0.41,0.02\nS3,T6,2,0.66,0.05\n' > three.csv
