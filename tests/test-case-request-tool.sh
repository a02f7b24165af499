#!/bin/sh
# reviewdesk-tool case new --request and case score, as a script or another
# system drives a review: a refused request writes nothing and says where the
# file is wrong; refused answers leave the case byte-identical.
set -u
tool="$1"
fail() { echo "not ok: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

expect() {  # expect CODE PATTERN COMMAND...: exit status and a line of output
  want="$1"; pattern="$2"; shift 2
  out=$("$@" 2>&1); rc=$?
  [ "$rc" -eq "$want" ] || fail "$* exited $rc, not $want: $out"
  [ -z "$pattern" ] || echo "$out" | grep -q -- "$pattern" || fail "$* did not say '$pattern': $out"
}

request() {  # request FILE [SED-EXPRESSION]: a valid request, changed by the expression
  sed "${2:-}" > "$1" <<'JSON'
{ "member": {"name": "Jordan Example", "id": "SYN123", "birth_date": "1970-01-31"},
  "provider": {"name": "Dr A Example", "npi": "1234567893"},
  "codes": {"cpt": ["62362"], "hcpcs": [], "icd10_pcs": [], "icd10_cm": ["G89.4"]},
  "drug": "morphine", "route": "intrathecal", "device": "SynchroMed II",
  "type": "initial", "urgency": "standard",
  "received": "2026-12-01T09:00:00Z" }
JSON
}

refused() {  # refused PATTERN REQUEST.json: exit 1, the pattern said, nothing written
  expect 1 "$1" "$tool" case new --request "$2" "$dir/refused.rdcase"
  [ -z "$(ls -A "$dir" | grep -v '\.json$')" ] || fail "a refused request left files: $(ls -A "$dir")"
}

# refusals, each naming where the request is wrong
printf '{"member": ' > "$dir/bad.json"
refused "Not valid JSON" "$dir/bad.json"
request "$dir/unknown.json" 's/"cpt":/"cptt":/'
refused '\$\.codes\.cptt: unknown member' "$dir/unknown.json"
request "$dir/type.json" 's/"SYN123"/123/'
refused '\$\.member\.id' "$dir/type.json"
request "$dir/code.json" 's/"62362"/"6236"/'
refused '\$\.codes\.cpt\[0\]' "$dir/code.json"
request "$dir/empty.json" 's/"Jordan Example"/""/'
refused '\$\.member\.name' "$dir/empty.json"
request "$dir/npi.json" 's/1234567893/1234567890/'
refused '\$\.provider\.npi' "$dir/npi.json"
printf '{"drug": [[[[[[[[["x"]]]]]]]]]}' > "$dir/deep.json"
refused "nested deeper than 8" "$dir/deep.json"
{ printf '{"drug": "'; head -c 1100000 /dev/zero | tr '\0' 'x'; printf '"}'; } > "$dir/large.json"
refused "larger than" "$dir/large.json"
{ printf '{"device": "'; head -c 5000 /dev/zero | tr '\0' 'x'; printf '"}'; } > "$dir/long.json"
refused '\$\.device' "$dir/long.json"
expect 2 "needs one of --from" "$tool" case new "$dir/x.rdcase"

# a valid request: the case, 0600, with the applicable policies under review
case="$dir/a.rdcase"
request "$dir/good.json"
expect 0 "Under review" "$tool" case new --request "$dir/good.json" "$case" --by "Script Nurse"
[ "$(stat -c %a "$case")" = 600 ] || fail "a case must be created 0600"
[ -z "$(ls -A "$dir" | grep -v '\.json$' | grep -v '^a\.rdcase$')" ] || fail "case new left files: $(ls -A "$dir")"
expect 0 "bsc-7.01.41 (sha256" "$tool" case show "$case"
expect 0 "applicable indications: chronic-pain" "$tool" case show "$case"
expect 0 "Jordan Example" "$tool" case show "$case"
expect 0 "every link intact" "$tool" case verify "$case"
expect 1 "already exists" "$tool" case new --request "$dir/good.json" "$case"

# answers that name an unknown id are refused whole: the case is byte-identical
before=$(sha256sum < "$case")
cat > "$dir/unknown-criterion.json" <<'JSON'
{ "bsc-7.01.41": { "criteria": {"pain-severe-intractable": "met", "no-such-criterion": "met"} } }
JSON
expect 1 '\$\.bsc-7\.01\.41\.criteria\.no-such-criterion' "$tool" case score "$case" "$dir/unknown-criterion.json"
cat > "$dir/unknown-condition.json" <<'JSON'
{ "bsc-7.01.41": { "conditions": {"no-such-question": "yes"} } }
JSON
expect 1 '\$\.bsc-7\.01\.41\.conditions\.no-such-question' "$tool" case score "$case" "$dir/unknown-condition.json"
cat > "$dir/unknown-doc.json" <<'JSON'
{ "bsc-7.01.41": { "documentation": {"doc-nothing": "present"} } }
JSON
expect 1 '\$\.bsc-7\.01\.41\.documentation\.doc-nothing' "$tool" case score "$case" "$dir/unknown-doc.json"
cat > "$dir/no-threshold.json" <<'JSON'
{ "bsc-7.01.41": { "values": {"pain-severe-intractable": {"value": 3}} } }
JSON
expect 1 "has no threshold" "$tool" case score "$case" "$dir/no-threshold.json"
cat > "$dir/unknown-policy.json" <<'JSON'
{ "no-such-policy": { } }
JSON
expect 1 '\$\.no-such-policy' "$tool" case score "$case" "$dir/unknown-policy.json"
cat > "$dir/unknown-member.json" <<'JSON'
{ "bsc-7.01.41": { "critera": { } } }
JSON
expect 1 '\$\.bsc-7\.01\.41\.critera: unknown member' "$tool" case score "$case" "$dir/unknown-member.json"
[ "$(sha256sum < "$case")" = "$before" ] || fail "refused answers changed the case"

# the nurse's answers: scores, questions, measured values, documentation, notes
cat > "$dir/answers.json" <<'JSON'
{ "bsc-7.01.41": {
    "criteria": {"pain-severe-intractable": "met", "pain-no-further-surgery": "not-documented",
                 "pain-successful-trial": "not-met"},
    "conditions": {"non-malignant": "yes", "active-drug-dependence": "no", "tbi-within-year": "unknown"},
    "values": {"pain-successful-trial": {"before": 8, "after": 3},
               "pain-life-expectancy": {"value": 2}},
    "documentation": {"doc-hp": "present", "doc-life-expectancy": "missing"},
    "notes": {"pain-severe-intractable": "Neurology note, page 2"} } }
JSON
out=$("$tool" case score "$case" "$dir/answers.json" --by "Script Nurse" 2>"$dir/score.err") \
  || fail "case score: $out $(cat "$dir/score.err")"
echo "$out" | grep -q '^bsc-7.01.41: 4 criteria, 3 questions, 2 values, 2 documentation items$' \
  || fail "case score summary: $out"
grep -q 'warning: pain-successful-trial: “not-met” was given, but its value decides “met”' "$dir/score.err" \
  || fail "no warning for a score its value contradicts: $(cat "$dir/score.err")"
"$tool" case show "$case" > "$dir/show.out" || fail "case show"
grep -q 'bsc-7.01.41/pain-successful-trial: Met (Script Nurse' "$dir/show.out" || fail "the value decides: $(cat "$dir/show.out")"
grep -q 'bsc-7.01.41/pain-life-expectancy: Not met' "$dir/show.out" || fail "2 months is not above 3"
grep -q 'bsc-7.01.41/pain-successful-trial: before 8, after 3' "$dir/show.out" || fail "measurement not shown"
grep -q 'bsc-7.01.41/pain-life-expectancy: value 2' "$dir/show.out" || fail "measurement not shown"
grep -q 'Neurology note, page 2' "$dir/show.out" || fail "note not shown"
grep -q 'bsc-7.01.41/doc-life-expectancy: missing' "$dir/show.out" || fail "documentation not shown"
grep -q 'bsc-7.01.41/tbi-within-year: Not documented' "$dir/show.out" || fail "unknown is not documented"
n=$(sqlite3 "$case" "SELECT count(*) FROM audit WHERE who = 'Script Nurse' AND action IN ('measurement','score','condition','documentation','score-note')")
[ "$n" -eq 12 ] || fail "expected 12 audit entries for the answers, found $n"
expect 0 "every link intact" "$tool" case verify "$case"

# the same answers again change nothing
before=$(sha256sum < "$case")
n_before=$(sqlite3 "$case" "SELECT count(*) FROM audit")
"$tool" case score "$case" "$dir/answers.json" --by "Script Nurse" >/dev/null 2>&1 || fail "case score again"
[ "$(sqlite3 "$case" "SELECT count(*) FROM audit")" -eq "$n_before" ] || fail "the same answers were audited again"

# a measured value answers a referral question: an injury six months ago fires it
cat > "$dir/referral.json" <<'JSON'
{ "bsc-7.01.41": { "values": {"tbi-within-year": {"from": "2026-06-01", "to": "2026-12-01"}} } }
JSON
"$tool" case score "$case" "$dir/referral.json" --by "Script Nurse" >/dev/null 2>&1 || fail "case score referral value"
"$tool" case show "$case" | grep -q 'bsc-7.01.41/tbi-within-year: Met' || fail "the value does not answer the referral question"

# a policy not under review yet is added with the indications that apply
sqlite3 "$case" "SELECT count(*) FROM review WHERE policy_id = 'anthem-cg-surg-79'" | grep -q 1 \
  || fail "anthem should be under review from intake"
# a full disk (a file size limit here) while the answers are saved: exit 1,
# says the case is unchanged, and it is: all answers are one transaction
full="$dir/full.rdcase"
expect 0 "Under review" "$tool" case new --request "$dir/good.json" "$full" --by "Script Nurse"
before=$(sha256sum < "$full")
out=$( (trap '' XFSZ; ulimit -f 64; "$tool" case score "$full" "$dir/answers.json" --by "Script Nurse") 2>&1 ); rc=$?
[ "$rc" -eq 1 ] || fail "case score on a full disk exited $rc, not 1: $out"
echo "$out" | grep -q "unchanged" || fail "case score on a full disk did not say the case is unchanged: $out"
[ "$(echo "$out" | grep -o "full.rdcase" | wc -l)" -eq 1 ] || fail "case score on a full disk did not name the case once: $out"
echo "$out" | sed 's/\. .*//' | grep -q -i "sqlite\|disk I/O" && fail "SQLite's words lead the message: $out"
expect 0 "every link intact" "$tool" case verify "$full"
[ "$(sqlite3 "$full" "SELECT count(*) FROM criterion_score")" = 0 ] || fail "a failed case score left some answers"
expect 0 "4 criteria" "$tool" case score "$full" "$dir/answers.json" --by "Script Nurse"
# case new on a full disk names the case asked for, never its temporary file, and leaves nothing
out=$( (trap '' XFSZ; ulimit -f 8; "$tool" case new --request "$dir/good.json" "$dir/new-full.rdcase") 2>&1 ); rc=$?
[ "$rc" -eq 1 ] || fail "case new on a full disk exited $rc, not 1: $out"
[ "$(echo "$out" | grep -o "new-full.rdcase" | wc -l)" -eq 1 ] || fail "case new on a full disk did not name the case once: $out"
echo "$out" | grep -q "rdcase-new-" && fail "case new on a full disk named its temporary file: $out"
[ -e "$dir/new-full.rdcase" ] && fail "case new on a full disk left a case"
ls -a "$dir" | grep -q "rdcase-new-" && fail "case new on a full disk left its temporary file"
# A refusal says each thing once: the file named once, one full stop between
# what is wrong and what that means.
request "$dir/once.json" 's/"cpt":/"cptt":/'
err=$("$tool" case new --request "$dir/once.json" "$dir/once.rdcase" 2>&1 >/dev/null)
[ "$(echo "$err" | grep -o "once.json" | wc -l)" -eq 1 ] || fail "the file is not named exactly once: $err"
echo "$err" | grep -q 'unknown member\. Nothing was written\.$' || fail "sentences run together: $err"
rm -f "$dir/once.json"

# Control characters stored in case fields reach the terminal escaped, never
# obeyed: ESC (clear screen, set title), BEL, CR, tab and a C1 CSI.
cat > "$dir/controls.json" <<'JSON'
{ "member": {"name": "Jordan \u001b[2JExample\u0007", "id": "SYN123", "birth_date": "1970-01-31"},
  "provider": {"name": "Dr A\u009b31m Example\r", "npi": "1234567893"},
  "codes": {"cpt": ["62362"], "hcpcs": [], "icd10_pcs": [], "icd10_cm": ["G89.4"]},
  "drug": "morphine\u001b]0;owned\u0007", "route": "intrathecal", "device": "Synchro\tMed II",
  "type": "initial", "urgency": "standard",
  "received": "2026-12-01T09:00:00Z" }
JSON
"$tool" case new --request "$dir/controls.json" "$dir/controls.rdcase" >"$dir/controls.out" 2>&1 \
  || fail "case new with control characters: $(cat "$dir/controls.out")"
for cmd in "case show" "case evaluate"; do
  # shellcheck disable=SC2086
  "$tool" $cmd "$dir/controls.rdcase" >>"$dir/controls.out" 2>&1 || fail "$cmd: $(cat "$dir/controls.out")"
done
LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$dir/controls.out" \
  && fail "a control character reached the terminal: $(od -c "$dir/controls.out" | head -20)"
LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$dir/controls.out" \
  && fail "a C1 control character reached the terminal"
grep -q 'Jordan \\x1b\[2JExample\\x07' "$dir/controls.out" || fail "ESC not shown: $(cat "$dir/controls.out")"
grep -q 'Dr A\\u009b31m Example\\x0d' "$dir/controls.out" || fail "C1 or CR not shown: $(cat "$dir/controls.out")"
grep -q 'morphine\\x1b\]0;owned\\x07' "$dir/controls.out" || fail "title sequence not shown"
grep -q 'Synchro Med II' "$dir/controls.out" || fail "tab not shown as a space"

# The member's payer, plan and line of business: only the payer's policies
# go under review, the due time follows the line of business, a bad line of
# business is refused naming its JSON path, and the extension is recorded.
request "$dir/payer.json" 's/"type": "initial"/"coverage": {"payer": "Blue Shield of California", "plan": "Trio HMO", "line_of_business": "medicare-advantage"}, "type": "initial"/'
expect 0 "Under review" "$tool" case new --request "$dir/payer.json" "$dir/payer.rdcase"
"$tool" case show "$dir/payer.rdcase" > "$dir/payer.out" || fail "case show of a case with a payer"
grep -q 'Payer *Blue Shield of California' "$dir/payer.out" || fail "payer not shown: $(cat "$dir/payer.out")"
grep -q 'Plan *Trio HMO' "$dir/payer.out" || fail "plan not shown"
grep -q 'Coverage *medicare-advantage' "$dir/payer.out" || fail "line of business not shown"
grep -q 'Decision due *2026-12-08 09:00 UTC' "$dir/payer.out" || fail "due time not by the rule: $(cat "$dir/payer.out")"
grep -q 'Due rule *Medicare Advantage, standard: 7 calendar days (CMS-0057-F)' "$dir/payer.out" || fail "rule not shown"
grep -q 'anthem-cg-surg-79' "$dir/payer.out" && fail "another payer's policy was put under review: $(cat "$dir/payer.out")"
grep -q 'bsc-7.01.41 (sha256' "$dir/payer.out" || fail "the payer's policy is not under review"
expect 0 "now due 2026-12-22 09:00 UTC" "$tool" case extend "$dir/payer.rdcase" --hours 336 \
  --reason "The member asked for more time." --by "Script Nurse"
expect 1 "already extended once" "$tool" case extend "$dir/payer.rdcase" --hours 24 --reason "Again."
expect 0 "336 hours, by Script Nurse" "$tool" case show "$dir/payer.rdcase"
[ "$(sqlite3 "$dir/payer.rdcase" "SELECT new_value FROM audit WHERE action = 'due-extension'")" = \
  "336 hours: The member asked for more time." ] || fail "the extension is not audited with its reason"
expect 0 "every link intact" "$tool" case verify "$dir/payer.rdcase"
expect 2 "needs a case FILE, --hours and --reason" "$tool" case extend "$dir/payer.rdcase" --hours 24
# a commercial urgent request has no extension
request "$dir/urgent.json" 's/"urgency": "standard"/"coverage": {"payer": "Anthem", "line_of_business": "commercial"}, "urgency": "expedited"/'
expect 0 "Under review" "$tool" case new --request "$dir/urgent.json" "$dir/urgent.rdcase"
expect 1 "allows no extension" "$tool" case extend "$dir/urgent.rdcase" --hours 24 --reason "Waiting for records."
expect 0 "Decision due *2026-12-04 09:00 UTC" "$tool" case show "$dir/urgent.rdcase"
# no payer: every payer's policies, and the tool says so
expect 0 "names no payer" "$tool" case new --request "$dir/good.json" "$dir/no-payer.rdcase"
request "$dir/line.json" 's/"type": "initial"/"coverage": {"line_of_business": "Medicare"}, "type": "initial"/'
expect 1 '\$\.coverage\.line_of_business: “Medicare” is not a line of business: use commercial, medicare-advantage or medicaid' \
  "$tool" case new --request "$dir/line.json" "$dir/line.rdcase"
[ -e "$dir/line.rdcase" ] && fail "a refused line of business left a case"
rm -f "$dir/line.json"

echo "ok"
