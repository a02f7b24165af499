#!/bin/sh
# reviewdesk-tool case attach and case search on a faxed record made by the
# build: attach recognises its scanned pages and says which it refused, search
# finds the recognised words with their confidence, verify stays clean.
set -u
tool="$1"
make="$2"
fail() { echo "not ok: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export REVIEWDESK_TRUST_FILE="$dir/trust.json"
case="$dir/a.rdcase"

expect() {  # expect CODE PATTERN COMMAND...: exit status and a line of output
  want="$1"; pattern="$2"; shift 2
  out=$("$@" 2>&1); rc=$?
  [ "$rc" -eq "$want" ] || fail "$* exited $rc, not $want: $out"
  [ -z "$pattern" ] || echo "$out" | grep -q -- "$pattern" || fail "$* did not say '$pattern': $out"
}

"$make" "$case" || fail "could not make a case"
"$make" --scan-pdf "$dir/fax.pdf" || fail "could not draw the fax"
expect 0 "4 pages, 0 with text" "$tool" case attach "$case" "$dir/fax.pdf" --by "Script Nurse"
echo "$out" | grep -q "2 scanned pages were recognised" || fail "attach did not recognise the scans: $out"
echo "$out" | grep -q "page 3 has no area to read" || fail "the 1-point page was not refused: $out"
echo "$out" | grep -q "page 4 is too large to recognise" || fail "the huge page was not refused: $out"

expect 0 "(recognised, confidence" "$tool" case search "$case" intrathecal baclofen
echo "$out" | grep -q "page 1 (recognised" || fail "the words were not found on page 1: $out"
echo "$out" | grep -q "\[intrathecal\]" || fail "the snippet does not mark the match: $out"
expect 0 '"recognised" : true' "$tool" case search "$case" refills --json
echo "$out" | grep -q '"page" : 2' || fail "refills is on page 2: $out"
echo "$out" | grep -q '"confidence" : [5-9][0-9]' || fail "the confidence is missing or low: $out"
expect 0 "0 pages found" "$tool" case search "$case" zzyzx
expect 2 "needs a case FILE" "$tool" case search "$case"

# Attaching it again recognises nothing more; the audit log names the system.
expect 0 "already attached" "$tool" case attach "$case" "$dir/fax.pdf"
expect 0 "page-recognised" "$tool" case audit "$case" --action page-recognised
expect 0 "every link intact" "$tool" case verify "$case"
echo "ok"
