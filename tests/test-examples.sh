#!/bin/sh
# Every bundled example, end to end as a trainer uses it from the command line:
# its record PDFs carry the synthetic stamp and the record text (pdftotext),
# `case new --from` makes a case of it, and `case evaluate --reference` reaches
# the reference outcome for every policy. A malformed example is refused with a
# message naming the file, and no case is left behind.
set -u
tool="$1"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "not ok: $*"; exit 1; }
stamp='SYNTHETIC — NOT A REAL PATIENT'

examples=$("$tool" case examples) || fail "case examples failed"
[ "$(echo "$examples" | wc -l)" -ge 3 ] || fail "fewer than three bundled examples: $examples"

n=0
for example in $examples; do
  n=$((n + 1))
  stem=$(basename "$example" .xml)
  dir=$(dirname "$example")

  # The PDFs the build made: the stamp on every page, and the member's name.
  pdfs=$(ls "$dir/$stem".*.pdf) || fail "$stem: no record PDFs beside $example"
  for pdf in $pdfs; do
    pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
    [ "$pages" -ge 2 ] || fail "$pdf: only $pages page(s)"
    text=$(pdftotext -layout "$pdf" -) || fail "$pdf: pdftotext failed"
    stamps=$(echo "$text" | grep -c "$stamp")
    [ "$stamps" -ge "$pages" ] || fail "$pdf: the stamp is on $stamps lines for $pages pages"
    echo "$text" | grep -q "Page $pages of $pages" || fail "$pdf: no page numbers"
  done
  name=$(sed -n 's:.*<name>\(.*\)</name>.*:\1:p' "$example" | head -n 1)
  pdftotext "$(echo "$pdfs" | head -n 1)" - | grep -q "$name" || fail "$stem: the member's name is not in the record text"

  case_file="$work/$stem.rdcase"
  "$tool" case new --from "$example" "$case_file" >"$work/new.out" 2>&1 || fail "$stem: case new: $(cat "$work/new.out")"
  [ "$(stat -c %a "$case_file")" = 600 ] || fail "$stem: the case is not private (mode $(stat -c %a "$case_file"))"

  # Scored with the reference key, every policy reaches the key's outcome.
  "$tool" case evaluate "$case_file" --reference >"$work/eval.out" 2>&1 \
    || fail "$stem: evaluate --reference: $(cat "$work/eval.out")"
  matches=$(grep -c '^  Reference: .* — matches$' "$work/eval.out")
  policies=$(grep -c '^  Reference: ' "$work/eval.out")
  [ "$policies" -ge 2 ] && [ "$matches" = "$policies" ] || fail "$stem: $(cat "$work/eval.out")"
  "$tool" case evaluate "$case_file" --reference --json | grep -q '"matches_reference" *: *true' \
    || fail "$stem: --json"
  "$tool" case evaluate "$case_file" --reference --json | grep -q '"matches_reference" *: *false' \
    && fail "$stem: --json reports a mismatch"

  # A fresh case has no scores: it is incomplete, and never approvable by a nurse.
  "$tool" case evaluate "$case_file" --json >"$work/fresh.json" || fail "$stem: evaluate a fresh case"
  grep -q '"nurse_may_approve" *: *true' "$work/fresh.json" && fail "$stem: an unscored case may be approved"

  # Graded against the key, a fresh case agrees on nothing it was asked.
  "$tool" case grade "$case_file" >"$work/grade.out" 2>&1 || fail "$stem: case grade: $(cat "$work/grade.out")"
  grep -q "^Compared with the reference key of the example" "$work/grade.out" || fail "$stem: grade: $(cat "$work/grade.out")"
  grep -q '^  [1-9][0-9]* of [0-9]* answers\{0,1\} agrees\{0,1\} with the reference\.$' "$work/grade.out" \
    && fail "$stem: a fresh case agrees with the key: $(cat "$work/grade.out")"
  grep -q '^Overall: 0 of [0-9]* answers\{0,1\} agrees\{0,1\} with the reference; ' "$work/grade.out" \
    || fail "$stem: grade totals: $(cat "$work/grade.out")"
  "$tool" case grade "$case_file" --json >"$work/grade.json" || fail "$stem: grade --json"
  grep -q '^  "agree" : 0,$' "$work/grade.json" && grep -q '^  "total" : [0-9]*,$' "$work/grade.json" \
    || fail "$stem: grade --json: $(cat "$work/grade.json")"
done
echo "ok: $n examples"

# The spasticity case: Blue Shield medically necessary and a nurse may approve.
"$tool" case new --from "$(echo "$examples" | grep itb-spasticity)" "$work/itb.rdcase" >/dev/null
"$tool" case evaluate "$work/itb.rdcase" --reference | sed -n '/(bsc-7.01.41)$/,/^$/p' \
  | grep -q 'A nurse reviewer may approve' || fail "spasticity case: nurse approval under Blue Shield"

# One bad file in the policy folder is named and skipped; the case is still
# evaluated under the policies that load.
mkdir "$work/mixed"
cp "$REVIEWDESK_SOURCE_DIR/policies/"*.xml "$work/mixed/"
printf '<policy/>\n' > "$work/mixed/zz-broken.xml"
"$tool" case evaluate "$work/itb.rdcase" --policy-dir "$work/mixed" --reference >"$work/mixed.out" 2>"$work/mixed.err" \
  || fail "evaluate with a bad policy file: $(cat "$work/mixed.err")"
grep -q 'A nurse reviewer may approve' "$work/mixed.out" || fail "evaluate with a bad policy file: $(cat "$work/mixed.out")"
grep -q "warning: .*zz-broken.xml" "$work/mixed.err" || fail "bad policy file not named: $(cat "$work/mixed.err")"

# Grading shows each unanswered criterion with the key's score and teaching note.
"$tool" case grade "$work/itb.rdcase" | sed -n '/(bsc-7.01.41)$/,/^Overall/p' >"$work/itb-grade.out"
grep -q '^  0 of 25 answers agree with the reference\.$' "$work/itb-grade.out" || fail "spasticity grade: $(cat "$work/itb-grade.out")"
grep -A1 '^  Criterion: ' "$work/itb-grade.out" | grep -q '^    Reference: Met — given: Not scored$' || fail "spasticity grade: no criterion comparison"
grep -q '^    Teaching note: Count the weeks' "$work/itb-grade.out" || fail "spasticity grade: no teaching note"
grep -q '^  Your scores reach: Incomplete: criteria not scored — DIFFERS$' "$work/itb-grade.out" || fail "spasticity grade: outcome"

# A case from an example this ReviewDesk does not bundle cannot be graded: exit 1.
sed 's:<example id="[^"]*":<example id="not-bundled":' "$(echo "$examples" | head -n 1)" >"$work/other.xml"
"$tool" case new --from "$work/other.xml" "$work/other.rdcase" >/dev/null 2>&1 || fail "case new from a copied example"
err=$("$tool" case grade "$work/other.rdcase" 2>&1 >/dev/null); rc=$?
[ $rc -eq 1 ] || fail "grading a case of an unknown example must exit 1, got $rc"
echo "$err" | grep -q "No bundled example has the id “not-bundled”" || fail "unclear error: $err"

# A malformed example: a clear error naming the file, exit 1, no case left.
sed 's:</records>:</record>:' "$(echo "$examples" | head -n 1)" >"$work/broken.xml"
err=$("$tool" case new --from "$work/broken.xml" "$work/broken.rdcase" 2>&1 >/dev/null); rc=$?
[ $rc -eq 1 ] || fail "malformed example must exit 1, got $rc"
echo "$err" | grep -q "broken.xml, line [0-9]*: not well-formed" || fail "unclear error: $err"
[ ! -e "$work/broken.rdcase" ] || fail "a case was left behind for a malformed example"

# Usage errors exit 2.
"$tool" case new "$work/x.rdcase" >/dev/null 2>&1; [ $? -eq 2 ] || fail "case new without --from must exit 2"
"$tool" case evaluate >/dev/null 2>&1; [ $? -eq 2 ] || fail "case evaluate without a file must exit 2"
"$tool" case grade >/dev/null 2>&1; [ $? -eq 2 ] || fail "case grade without a file must exit 2"
"$tool" case grade "$work/itb.rdcase" --bogus >/dev/null 2>&1; [ $? -eq 2 ] || fail "case grade --bogus must exit 2"
echo "ok"
