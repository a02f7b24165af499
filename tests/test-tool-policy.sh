#!/bin/sh
# reviewdesk-tool's policy commands: what a script or a reviewer at a terminal
# relies on, and usage errors exiting 2.
set -u
tool="$1"
policies="$2/policies"
anthem="$policies/anthem-cg-surg-79.xml"
bsc="$policies/bsc-7.01.41.xml"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "not ok: $*"; exit 1; }

# validate
out=$("$tool" policy validate "$anthem" "$bsc") || fail "validate of the shipped policies"
echo "$out" | grep -q 'anthem-cg-surg-79, 8 indications' || fail "validate output: $out"
printf '<?xml version="1.0"?>\n<!DOCTYPE policy [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<policy>&x;</policy>\n' > "$tmp/xxe.xml"
err=$("$tool" policy validate "$anthem" "$tmp/xxe.xml" 2>&1 >/dev/null); rc=$?
[ $rc -eq 1 ] || fail "validate of a hostile file must exit 1, got $rc"
echo "$err" | grep -q "$tmp/xxe.xml:2: <!DOCTYPE>" || fail "validate error must name file and line: $err"
echo "$err" | grep -q 'root:' && fail "validate leaked a file's content: $err"

# show: reads like the policy, with its citations
out=$("$tool" policy show "$bsc") || fail "show"
echo "$out" | grep -q '^Blue Shield of California 7.01.41 — Implantable Infusion Pump for Pain and Spasticity' || fail "show heading"
echo "$out" | grep -q 'ANY of the following — Intractable chronic pain' || fail "show any-of group"
echo "$out" | grep -q '\[ \] Chronic arachnoiditis.' || fail "show criterion"
echo "$out" | grep -q '§ Preliminary Trial of Intrathecal Drug Delivery: “Chronic arachnoiditis”' || fail "show citation"
echo "$out" | grep -q 'Only when: Is the pain non-malignant (not caused by cancer)?' || fail "show condition"
echo "$out" | grep -q 'Only for requests of type: initial' || fail "show pathway"
echo "$out" | grep -q 'Only by the routes: intrathecal, epidural, intraspinal' || fail "show route pathway"
echo "$out" | grep -q 'Is the spasticity due to a traumatic brain injury less than one year ago? (referral' || fail "show referral question"
echo "$out" | grep -q '• replacement: silent' || fail "show request types"
echo "$out" | grep -q 'Threshold: reduction in pain after implementation of treatment in the temporary trial greater than 50 percent' || fail "show threshold"

# show: a C1 control character in a policy's text is shown, not obeyed
sed "s|<title>Implantable Infusion Pump for Pain and Spasticity</title>|<title>Implantable$(printf '\302\233')2J Pump</title>|" "$bsc" > "$tmp/c1.xml"
out=$("$tool" policy show "$tmp/c1.xml") || fail "show of a policy with a C1 control character"
echo "$out" | grep -q 'Implantable\\u009b2J Pump' || fail "show: C1 control not escaped: $out"

# codes: every code, with the misprint kept beside its correction
out=$("$tool" policy codes "$bsc") || fail "codes"
echo "$out" | grep -q "^ICD-10-PCS	0RHA03Z	.*(printed ORHA03Z)" || fail "codes correction"
out=$("$tool" policy codes "$anthem") || fail "codes anthem"
echo "$out" | grep -q "^ICD-10-CM	E08.00-E08.9	" || fail "codes range"

# applies
out=$("$tool" policy applies --policy-dir "$policies" --cpt 36260 --route intra-arterial --icd10cm C22.0) || fail "applies"
echo "$out" | grep -q '^Anthem (Elevance Health) CG-SURG-79 (anthem-cg-surg-79): applies' || fail "applies anthem: $out"
echo "$out" | grep -q '^Blue Shield of California 7.01.41 (bsc-7.01.41): does not apply' || fail "applies bsc: $out"
# an insulin pump is the excluded use by what it is; the diabetes code only illustrates it
out=$("$tool" policy applies --policy-dir "$policies" --cpt 62362 --hcpcs E0783 --icd10cm e10.9 --drug "Humulin R" --route intraperitoneal) || fail "applies insulin"
echo "$out" | grep -q 'Outcome by code: Not medically necessary' || fail "applies insulin: $out"
out=$("$tool" policy applies --policy-dir "$policies" --cpt 62362 --hcpcs E0783 --icd10cm e10.9) || fail "applies diabetes"
echo "$out" | grep -q 'Outcome by code' && fail "a diagnosis on an informational list decided: $out"

# usage errors exit 2
for args in "validate" "show" "show $anthem $bsc" "codes" "check-citations $anthem" \
            "applies --policy-dir $policies --cpt 6236" \
            "applies --policy-dir $policies --cpt 62362 --type renewal" \
            "applies --policy-dir $policies --icd10cm E10.9" \
            "applies --policy-dir $policies --cpt 62362 extra" \
            "applies --policy-dir $policies --frobnicate"; do
  # shellcheck disable=SC2086
  "$tool" policy $args >/dev/null 2>&1; rc=$?
  [ $rc -eq 2 ] || fail "“policy $args” must exit 2, got $rc"
done

# One bad file in the policy folder is named on stderr and skipped; the valid
# policy beside it still answers.
mkdir "$tmp/mixed"
cp "$anthem" "$tmp/mixed/"
printf '<policy/>\n' > "$tmp/mixed/broken.xml"
out=$("$tool" policy applies --policy-dir "$tmp/mixed" --cpt 36260 --route intra-arterial --icd10cm C22.0 2>"$tmp/mixed.err") \
  || fail "applies with a bad file beside a valid policy: $(cat "$tmp/mixed.err")"
echo "$out" | grep -q '(anthem-cg-surg-79): applies' || fail "applies with a bad file: $out"
grep -q "warning: .*broken.xml" "$tmp/mixed.err" || fail "the bad policy file is not named: $(cat "$tmp/mixed.err")"
grep -q "skipped" "$tmp/mixed.err" || fail "the bad policy file is not said to be skipped: $(cat "$tmp/mixed.err")"
printf '<policy/>\n' > "$tmp/mixed/anthem-cg-surg-79.xml"
err=$("$tool" policy applies --policy-dir "$tmp/mixed" --cpt 36260 2>&1 >/dev/null); rc=$?
[ $rc -ne 0 ] || fail "applies with no policy that loads must fail"
echo "$err" | grep -q "No policy file in $tmp/mixed loads" || fail "no policy loads: $err"

# a source that cannot be read: its path said once
err=$("$tool" policy check-citations "$anthem" "$tmp/no-such-source.txt" 2>&1 >/dev/null); rc=$?
[ $rc -eq 1 ] || fail "check-citations of a missing source must exit 1, got $rc"
[ "$(echo "$err" | grep -o "no-such-source.txt" | wc -l)" -eq 1 ] || fail "the source is not named exactly once: $err"

# a citation that is not in the source: reported with its element and line, exit 1
printf 'nothing quoted here\n' > "$tmp/source.txt"
out=$("$tool" policy check-citations "$anthem" "$tmp/source.txt"); rc=$?
[ $rc -eq 1 ] || fail "check-citations of a wrong source must exit 1, got $rc"
echo "$out" | grep -q "anthem-cg-surg-79.xml:[0-9]*: <cite> of <criterion id=\"spas-severe-refractory\">" || fail "check-citations report"
echo "ok"
