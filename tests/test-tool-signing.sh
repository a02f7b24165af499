#!/bin/sh
# Signed sign-off from the command line: a letter carries the director's
# signed seal and `case verify --against` checks the case against it; a case
# whose seal was removed behind ReviewDesk's back is caught by the letter and
# by this workstation's record of the seals it saw; the tool signs nothing,
# so it takes no medical director's role.
set -u
tool="$1"
make="$2"
fail() { echo "not ok: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export REVIEWDESK_TRUST_FILE="$dir/trust.json"
export XDG_DATA_HOME="$dir/data"

expect() {  # expect CODE PATTERN COMMAND...: exit status and a line of output
  want="$1"; pattern="$2"; shift 2
  out=$("$@" 2>&1); rc=$?
  [ "$rc" -eq "$want" ] || fail "$* exited $rc, not $want: $out"
  [ -z "$pattern" ] || echo "$out" | grep -q -- "$pattern" || fail "$* did not say '$pattern': $out"
}

sealed="$dir/sealed.rdcase"
"$make" "$sealed" --sealed || fail "could not make a sealed case"
expect 0 "Signatures: [0-9]* valid" "$tool" case verify "$sealed"
expect 0 "Script Director, MD (medical director, Test Health Plan" "$tool" case verify "$sealed"

# The letters carry the seal, in the PDF's keywords and in the text.
expect 0 "" "$tool" case letter "$sealed" "$dir/letter.pdf"
expect 0 "" "$tool" case letter "$sealed" "$dir/letter.md"
grep -q "^rd-seal-v1 " "$dir/letter.md" || fail "the text letter has no seal line"
expect 0 "carries the seal the letter was written with" "$tool" case verify "$sealed" --against "$dir/letter.pdf"
expect 0 "carries the seal the letter was written with" "$tool" case verify "$sealed" --against "$dir/letter.md"

# A letter whose seal line was edited does not check.
sed 's/^rd-seal-v1 \(.*\) [A-Za-z0-9+\/]*$/rd-seal-v1 \1 AAAA/' "$dir/letter.md" > "$dir/forged.md"
expect 1 "seal signature does not match" "$tool" case verify "$sealed" --against "$dir/forged.md"
expect 1 "carries no ReviewDesk seal" "$tool" case verify "$sealed" --against "$REVIEWDESK_TRUST_FILE"

# The seal, its entries and signatures removed and the status set back: the
# case's own history is whole again, but the letter and this workstation know.
unsealed="$dir/unsealed.rdcase"
cp "$sealed" "$unsealed"
sqlite3 "$unsealed" "DROP TRIGGER audit_no_delete; DROP TRIGGER signature_no_delete; DELETE FROM seal;
  DELETE FROM signature WHERE audit_seq >= (SELECT min(seq) FROM audit WHERE action = 'status' AND new_value = 'sealed');
  DELETE FROM audit WHERE seq >= (SELECT min(seq) FROM audit WHERE action = 'status' AND new_value = 'sealed');
  UPDATE case_info SET status = 'decided'" || fail "sqlite3"
expect 1 "comes back unsealed: the seal was removed" "$tool" case verify "$unsealed"
XDG_DATA_HOME="$dir/elsewhere" expect 1 "the case comes back unsealed: it was changed after the letter was sent" \
  "$tool" case verify "$unsealed" --against "$dir/letter.pdf"
XDG_DATA_HOME="$dir/elsewhere" expect 0 "Seal: not sealed" "$tool" case verify "$unsealed"

# Without the organisation's trust file the signatures still check, and
# verify says what it could not.
REVIEWDESK_TRUST_FILE="$dir/none.json" expect 0 "Certificates: No organisation trust file" "$tool" case verify "$sealed"
expect 1 "" "$tool" case verify "$sealed" --trust "$dir/missing.json"

# Another organisation's trust file does not vouch for these signers.
other="$dir/other"
mkdir "$other"
REVIEWDESK_TRUST_FILE="$other/trust.json" "$make" "$other/case.rdcase" || fail "could not make a case of another organisation"
expect 1 "Signatures" "$tool" case verify "$sealed" --trust "$other/trust.json"

# The tool signs nothing, so it takes no director's role.
expect 2 "medical director role belongs to a key certified" "$tool" case score "$sealed" "$dir/none.json" \
  --role medical-director
echo "ok"
