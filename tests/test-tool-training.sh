#!/bin/sh
# reviewdesk-tool training report, as a trainer runs it after a session:
# three synthetic trainees attempt the baclofen example (one also the morphine
# example), each scoring with `case score`; the report's figures are checked
# against the values worked out by hand below, and the PDF is read back.
set -u
tool="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "not ok: $*"; exit 1; }

examples=$("$tool" case examples) || fail "case examples failed"
itb=$(echo "$examples" | grep '01-itb-spasticity') || fail "no baclofen example in: $examples"
itm=$(echo "$examples" | grep '02-itm-failed-back') || fail "no morphine example in: $examples"
group="$work/group"
late="$work/late"
mkdir -p "$group/subfolder" "$late"

# ---- the answers ------------------------------------------------------------
#
# The baclofen example's key scores 15 criteria: Anthem's 4 all met; Blue
# Shield's 11 met except spas-intractable-dystonia and
# spas-oral-contraindication (not met). Ana answers exactly as the key does,
# with the key's questions and documentation, so both outcomes are the key's
# (medically necessary).
cat > "$work/ana-01.json" <<'JSON'
{ "anthem-cg-surg-79": {
    "criteria": {"spas-severe-refractory": "met", "spas-cerebral-spinal-origin": "met",
                 "spas-oral-baclofen-failed": "met", "spas-intrathecal-baclofen": "met"},
    "documentation": {"doc-treatment-plan": "present", "doc-spasticity-assessment": "present",
                      "doc-oral-baclofen-trial": "present"} },
  "bsc-7.01.41": {
    "criteria": {"spas-severe-origin": "met", "spas-oral-baclofen-failed": "met", "spas-intrathecal-baclofen": "met",
                 "spas-fda-drug": "met", "spas-trial-supports-implant": "met", "spas-refractory-spasticity": "met",
                 "spas-intractable-dystonia": "not-met", "spas-oral-failure-6-weeks": "met",
                 "spas-oral-intolerance": "met", "spas-oral-contraindication": "not-met",
                 "spas-less-invasive-failed": "met"},
    "conditions": {"tbi-within-year": "no", "oral-trial-ended-by-intolerance": "no"},
    "documentation": {"doc-hp": "present", "doc-medication-trials": "present", "doc-conservative-treatment": "present",
                      "doc-behavioral-assessment": "present", "doc-psych-clearance": "not-applicable",
                      "doc-reason-for-procedure": "present", "doc-medication-requested": "present",
                      "doc-progress-notes": "present", "doc-multidisciplinary-notes": "present",
                      "doc-device-make-model": "present", "doc-procedure-report": "not-applicable"} } }
JSON
# Ben differs on three: dystonia met (key: not met), oral intolerance not met
# (key: met), the preliminary trial not documented (key: met).
sed -e 's/"spas-intractable-dystonia": "not-met"/"spas-intractable-dystonia": "met"/' \
    -e 's/"spas-oral-intolerance": "met"/"spas-oral-intolerance": "not-met"/' \
    -e 's/"spas-trial-supports-implant": "met"/"spas-trial-supports-implant": "not-documented"/' \
    "$work/ana-01.json" > "$work/ben-01.json"
# Cy leaves spas-fda-drug unscored, says dystonia met (key: not met) and the
# less invasive methods not documented (key: met).
sed -e 's/"spas-fda-drug": "met", //' \
    -e 's/"spas-intractable-dystonia": "not-met"/"spas-intractable-dystonia": "met"/' \
    -e 's/"spas-less-invasive-failed": "met"/"spas-less-invasive-failed": "not-documented"/' \
    "$work/ana-01.json" > "$work/cy-01.json"
# Ana also starts the morphine example: Anthem's 4 criteria as the key (met),
# Blue Shield's 23 keyed criteria not yet.
cat > "$work/ana-02.json" <<'JSON'
{ "anthem-cg-surg-79": {
    "criteria": {"pain-severe-chronic-intractable": "met", "pain-trial-analgesic": "met",
                 "pain-trial-same-route": "met", "pain-trial-successful": "met"},
    "documentation": {"doc-treatment-plan": "present", "doc-pain-assessment": "present",
                      "doc-pain-trial": "present", "doc-pain-trial-result": "present"} } }
JSON
# Ben's first try, every criterion met: superseded by his later attempt.
sed -e 's/"not-met"/"met"/g' "$work/ana-01.json" > "$work/ben-first.json"

attempt() {  # attempt EXAMPLE CASE ANSWERS NAME
  "$tool" case new --from "$1" "$2" > "$work/new.out" 2>&1 || fail "case new $2: $(cat "$work/new.out")"
  "$tool" case score "$2" "$3" --by "$4" > "$work/score.out" 2>&1 || fail "case score $2: $(cat "$work/score.out")"
}
attempt "$itb" "$group/ben-01b.rdcase" "$work/ben-first.json" "Ben Example"
sleep 1  # the later attempt is later by the clock, though its name sorts first
attempt "$itb" "$group/ana-01.rdcase" "$work/ana-01.json" "Ana Example"
attempt "$itb" "$group/ben-01.rdcase" "$work/ben-01.json" "Ben Example"
attempt "$itb" "$group/cy-01.rdcase" "$work/cy-01.json" "Cy Example"
attempt "$itm" "$late/ana-02.rdcase" "$work/ana-02.json" "Ana Example"
# Not attempts: a case made from no example, one made from an example and
# never scored, a note, a folder.
cat > "$work/request.json" <<'JSON'
{ "member": {"name": "Jordan Example", "id": "SYN123", "birth_date": "1970-01-31"},
  "provider": {"name": "Dr A Example", "npi": "1234567893"},
  "codes": {"cpt": ["62362"], "hcpcs": [], "icd10_pcs": [], "icd10_cm": ["G89.4"]},
  "drug": "morphine", "route": "intrathecal", "device": "SynchroMed II",
  "type": "initial", "urgency": "standard", "received": "2026-12-01T09:00:00Z" }
JSON
"$tool" case new --request "$work/request.json" "$group/real-request.rdcase" > /dev/null 2>&1 || fail "case new --request"
"$tool" case new --from "$itb" "$group/dee-01.rdcase" > /dev/null 2>&1 || fail "case new dee"
echo "Session of 1 December" > "$group/notes.txt"

"$tool" training report "$group" "$late" --json > "$work/report.json" 2> "$work/report.err" \
  || fail "training report --json: $(cat "$work/report.err")"

check() {  # check JQ-FILTER: the filter is true of the report
  jq -e "def near(v): ((. - v) | if . < 0 then -. else . end) < 0.000001; $1" "$work/report.json" > /dev/null \
    || fail "the report does not satisfy $1: $(cat "$work/report.json")"
}

# ---- each trainee against the key (Cohen's κ) -------------------------------
#
# Categories met (M), not met (N), not documented (D), not applicable (A);
# tables are the trainee's answer (rows) by the key's (columns).
#
# Ben, 15 criteria: M/M 11, N/M 1 (oral intolerance), D/M 1 (trial),
#   M/N 1 (dystonia), N/N 1 (contraindication).
#   rows M 12, N 2, D 1; columns M 13, N 2 (of 15)
#   p_o = 12/15 = .8
#   p_e = (12·13 + 2·2) / 15² = 160/225
#   κ   = (180 − 160) / (225 − 160) = 20/65 = 4/13 = .307692
#   Fleiss, Cohen & Everitt: A = 1303/21125, B = 339/4225, C = 144/4225,
#   Var = (A + B − C) / (15 (65/225)²) = 61506/714025, SE = .293496,
#   95% CI .307692 ± 1.959964 × .293496 = −.267549 to .882934
check '.trainees[] | select(.name == "Ben Example") | .attempts == 1 and .compared == 15 and .agree == 12
       and .not_answered == 0 and (.percent | near(80))
       and (.cohen.kappa | near(4/13)) and (.cohen.se | near(0.293496))
       and (.cohen.ci_low | near(-0.267549)) and (.cohen.ci_high | near(0.882934))
       and .table == [[11,1,0,0],[1,1,0,0],[1,0,0,0],[0,0,0,0]]'
# Cy, 14 answered (spas-fda-drug unscored, left out): M/M 11, D/M 1 (less
#   invasive), M/N 1 (dystonia), N/N 1.
#   rows M 12, N 1, D 1; columns M 12, N 2 (of 14)
#   p_o = 12/14, p_e = (12·12 + 1·2) / 14² = 146/196 = 73/98
#   κ   = (84/98 − 73/98) / (25/98) = 11/25 = .44
#   Var = 39368/390625, SE = .317462; CI −.182214 to 1 (1.062 clipped)
check '.trainees[] | select(.name == "Cy Example") | .compared == 14 and .agree == 12 and .not_answered == 1
       and (.cohen.kappa | near(0.44)) and (.cohen.se | near(0.317462))
       and (.cohen.ci_low | near(-0.182214)) and .cohen.ci_high == 1'
# Ana, 15 + 4 answered, all as the key: M/M 17, N/N 2; 23 not answered (the
#   morphine example's Blue Shield criteria). p_o = 1, p_e = (17² + 2²)/19²
#   = 293/361, κ = 1 with SE 0.
check '.trainees[] | select(.name == "Ana Example") | .attempts == 2 and .compared == 19 and .agree == 19
       and .not_answered == 23 and .cohen.kappa == 1 and .cohen.se == 0 and (.cohen.chance | near(293/361))'

# ---- the group (Cohen's κ of every answer pooled) ---------------------------
#
#   M/M 17 + 11 + 11 = 39, N/M 0 + 1 + 0 = 1, D/M 0 + 1 + 1 = 2,
#   M/N 0 + 1 + 1 = 2, N/N 2 + 1 + 1 = 4: n = 48, 43 agree (89.6%)
#   rows M 41, N 5, D 2; columns M 42, N 6
#   p_o = 43/48, p_e = (41·42 + 5·6) / 48² = 1752/2304 = 73/96
#   κ   = (86/96 − 73/96) / (23/96) = 13/23 = .565217
#   Var = 32355/1119364, SE = .170014, CI .231996 to .898439
# Outcomes, one per attempt and policy (both govern both examples):
#   Ana's 4: baclofen Anthem and Blue Shield medically necessary as the key,
#     morphine Anthem as the key, morphine Blue Shield incomplete (unscored);
#   Ben's Blue Shield: the trial not documented leaves it a pend, not the key's
#     medically necessary; his Anthem agrees;
#   Cy's Blue Shield incomplete (spas-fda-drug unscored); his Anthem agrees.
#   So 5 of 6 agree, 2 incomplete left out.
check '.group | .trainees == 3 and .attempts == 4 and .compared == 48 and .agree == 43 and .not_answered == 24
       and (.percent | near(4300/48)) and (.cohen.kappa | near(13/23)) and (.cohen.se | near(0.170014))
       and (.cohen.ci_low | near(0.231996)) and (.cohen.ci_high | near(0.898439))
       and .outcomes == 6 and .outcomes_agree == 5 and .outcomes_incomplete == 2'
check '.trainees | map(.name) == ["Ana Example", "Ben Example", "Cy Example"]'
check '.trainees[] | select(.name == "Ben Example") | .outcomes == 2 and .outcomes_agree == 1'

# ---- the trainees against each other (Fleiss' κ) ----------------------------
#
# The baclofen example, 3 raters; spas-fda-drug is left out (Cy did not
# answer it): 14 subjects.
#   9 criteria all three say met: (3, 0, 0), P_i = 1
#   trial, less invasive: (M 2, D 1), P_i = 2/6;  dystonia, intolerance:
#   (M 2, N 1), P_i = 2/6;  contraindication: (N 3), P_i = 1
#   P̄  = (9 + 4/3 + 1) / 14 = 17/21 = .809524
#   p_j = M 35/42, N 5/42, D 2/42, A 0
#   P̄e = (35² + 5² + 2²) / 42² = 1254/1764 = 209/294 = .710884
#   κ   = (238/294 − 209/294) / (85/294) = 29/85 = .341176
# Fleiss, Nee & Landis: Σ p q = 85/294, Σ p q (q − p) = 25/882,
#   Var₀ = 2 ((85/294)² − 25/882) / ((85/294)² · 14 · 3 · 2) = 191/12138,
#   SE₀ = .125442, CI .095315 to .587038
check '.examples[0] | .example == "itb-spasticity-cerebral-palsy" and .attempts == 3 and .criteria == 15
       and .criteria_excluded == 1 and .fleiss.items == 14
       and (.fleiss.observed | near(17/21)) and (.fleiss.chance | near(209/294))
       and (.fleiss.kappa | near(29/85)) and (.fleiss.se | near(0.125442))
       and (.fleiss.ci_low | near(0.095315)) and (.fleiss.ci_high | near(0.587038))
       and (.category_shares.met | near(35/42)) and (.category_shares["not-met"] | near(5/42))
       and (.category_shares["not-documented"] | near(2/42)) and .category_shares["not-applicable"] == 0'
# The example's own attempts against its key: 44 answers (15 + 15 + 14),
# 39 agree; M/M 35, N/M 1, D/M 2, M/N 2, N/N 4: κ = 14/25.
check '.examples[0] | .compared == 44 and .agree == 39 and (.cohen.kappa | near(0.56))'
# The morphine example has one trainee: Fleiss' κ is undefined, not NaN.
check '.examples[1] | .example == "itm-failed-back-surgery" and .attempts == 1 and .fleiss.status == "one-rater"
       and .fleiss.kappa == null and .criteria == 27 and .criteria_excluded == 23'

# ---- the criteria most often missed ------------------------------------------
check '.most_missed | length == 4'
check '.most_missed[0] | .policy == "bsc-7.01.41" and .criterion == "spas-intractable-dystonia"
       and .missed == 2 and .attempts == 3'
check '.most_missed | map(.criterion) == ["spas-intractable-dystonia", "spas-less-invasive-failed",
       "spas-oral-intolerance", "spas-trial-supports-implant"]'
check '[.most_missed[] | select(.criterion == "spas-fda-drug")] | length == 0'

# ---- what is not counted, and why ---------------------------------------------
check '.skipped | map(.path | split("/") | last) | sort
       == ["ben-01b.rdcase", "dee-01.rdcase", "notes.txt", "real-request.rdcase", "subfolder"]'
check '.skipped[] | select(.path | endswith("ben-01b.rdcase")) | .reason | test("earlier attempt")'
check '.skipped[] | select(.path | endswith("dee-01.rdcase")) | .reason | test("nothing in it is scored")'
check '.skipped[] | select(.path | endswith("real-request.rdcase")) | .reason | test("example")'

# ---- text and CSV -------------------------------------------------------------
"$tool" training report "$group" "$late" > "$work/report.txt" 2>&1 || fail "training report: $(cat "$work/report.txt")"
grep -q 'Agreement with the key: 89.6% (43 of 48 criteria; 24 not answered, left out)' "$work/report.txt" \
  || fail "text: group agreement: $(cat "$work/report.txt")"
grep -q 'Fleiss’ κ across trainees (95% confidence interval): 0.34 (0.10 to 0.59), over 14 of 15 criteria' \
  "$work/report.txt" || fail "text: Fleiss' κ: $(cat "$work/report.txt")"
grep -q 'undefined: one trainee' "$work/report.txt" || fail "text: one trainee"
grep -q 'Landis & Koch (1977)' "$work/report.txt" || fail "text: how to read κ"
[ "$(grep -o 'notes.txt' "$work/report.txt" | wc -l)" = 1 ] || fail "text: a file not counted is named more than once"
grep -qiw 'nan' "$work/report.txt" && fail "text: NaN printed: $(cat "$work/report.txt")"

"$tool" training report "$group" "$late" --csv > "$work/report.csv" 2> "$work/csv.err" || fail "training report --csv"
head -n 1 "$work/report.csv" | grep -q '^kind,id,name,attempts,compared,agree,not_answered,percent,kappa,' \
  || fail "csv: header: $(head -n 1 "$work/report.csv")"
grep -q '^trainee,,Ben Example,1,15,12,0,80.000000,0.307692,0.293496,-0.267549,0.882934,defined,' "$work/report.csv" \
  || fail "csv: Ben's row: $(cat "$work/report.csv")"
grep -q '^example,itb-spasticity-cerebral-palsy,.*,0.341176,0.125442,0.095315,0.587038,defined,15,1,' \
  "$work/report.csv" || fail "csv: the example's row: $(cat "$work/report.csv")"
grep -q '^missed,bsc-7.01.41/spas-intractable-dystonia,' "$work/report.csv" || fail "csv: missed criteria"
[ "$(awk -F, 'NR == 1 { n = NF } NF != n && !/"/ { bad = 1 } END { print bad + 0 }' "$work/report.csv")" = 0 ] \
  || fail "csv: rows of unequal length: $(cat "$work/report.csv")"
grep -q "not counted: .*notes.txt" "$work/csv.err" || fail "csv: skipped files not named on stderr"

# ---- the PDF --------------------------------------------------------------------
"$tool" training report "$group" "$late" --pdf "$work/report.pdf" > /dev/null 2>&1 || fail "training report --pdf"
[ "$(stat -c %a "$work/report.pdf")" = 600 ] || fail "the PDF names trainees and must be private"
pdftotext -layout "$work/report.pdf" "$work/report.pdf.txt" || fail "pdftotext cannot read the report"
for text in "Inter-rater reliability" "Ana Example" "Ben Example" "Cy Example" \
            "0.31 (-0.27 to 0.88)" "0.44 (-0.18 to 1.00)" "1.00 (1.00 to 1.00)" "0.57 (0.23 to 0.90)" \
            "0.34 (0.10 to 0.59)" "undefined: one trainee" "2 of 3" "0.61–0.80 substantial"; do
  grep -qF -- "$text" "$work/report.pdf.txt" || fail "the PDF does not say '$text': $(cat "$work/report.pdf.txt")"
done

# ---- refusals ---------------------------------------------------------------------
"$tool" training report > "$work/usage.out" 2>&1
[ $? -eq 2 ] || fail "no folder: not a usage error"
grep -q 'needs at least one folder' "$work/usage.out" || fail "no folder: $(cat "$work/usage.out")"
"$tool" training report "$work/no-such-folder" > "$work/missing.out" 2>&1
[ $? -eq 1 ] || fail "a missing folder is not refused"
grep -q 'no-such-folder' "$work/missing.out" || fail "a missing folder is not named: $(cat "$work/missing.out")"
mkdir "$work/empty" && echo x > "$work/empty/x.txt"
"$tool" training report "$work/empty" > "$work/empty.out" 2>&1
[ $? -eq 1 ] || fail "a folder without attempts is not refused"
grep -q "not counted: .*x.txt" "$work/empty.out" && grep -q 'No attempt at an example' "$work/empty.out" \
  || fail "a folder without attempts: $(cat "$work/empty.out")"

echo "ok"
