#!/bin/sh
# reviewdesk-tool case show / verify / attach, as an auditor or a script uses
# them: verify finds tampering done with the sqlite3 shell, attach refuses
# what is not a readable PDF and leaves the case untouched, usage errors exit 2.
set -u
tool="$1"
make="$2"
fail() { echo "not ok: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# The organisation whose reviewers sign the cases made here.
export REVIEWDESK_TRUST_FILE="$dir/trust.json"
case="$dir/a.rdcase"

expect() {  # expect CODE PATTERN COMMAND...: exit status and a line of output
  want="$1"; pattern="$2"; shift 2
  out=$("$@" 2>&1); rc=$?
  [ "$rc" -eq "$want" ] || fail "$* exited $rc, not $want: $out"
  [ -z "$pattern" ] || echo "$out" | grep -q -- "$pattern" || fail "$* did not say '$pattern': $out"
}

"$make" "$case" || fail "could not make a case"
[ "$(stat -c %a "$case")" = 600 ] || fail "a case must be created 0600"
expect 0 "every link intact" "$tool" case verify "$case"
expect 0 "Synthetic Member" "$tool" case show "$case"
expect 0 "progress-notes.pdf" "$tool" case show "$case"
expect 1 "was not made from an example case" "$tool" case grade "$case"

# attach
"$make" --pdf "$dir/notes.pdf" 3
expect 0 "3 pages, 3 with text" "$tool" case attach "$case" "$dir/notes.pdf" --by "Script Nurse"
expect 0 "already attached" "$tool" case attach "$case" "$dir/notes.pdf"
expect 0 "notes.pdf" "$tool" case show "$case"
expect 0 "every link intact" "$tool" case verify "$case"
"$tool" case show "$case" | grep -q "password is stored" && fail "case show claims a stored password"

# the medical director's unsigned draft: shown, only a director's, outside the audit chain
sqlite3 "$case" "INSERT INTO decision_draft VALUES (1, 'Draft reasons', NULL, 'Nurse', 'nurse-reviewer', '2026-11-02T09:30:00.000000Z')" \
  2>/dev/null && fail "the file accepted a nurse's draft determination"
sqlite3 "$case" "INSERT INTO decision_draft VALUES (1, 'Draft reasons', 'not-medically-necessary', 'Script Director', 'medical-director', '2026-11-02T09:30:00.000000Z')" \
  || fail "sqlite3"
expect 0 "Draft reasons" "$tool" case show "$case"
expect 0 "adverse outcome selected: not-medically-necessary — Script Director" "$tool" case show "$case"
expect 0 "every link intact" "$tool" case verify "$case"

# refused records leave the case byte-identical
before=$(sha256sum < "$case")
echo "Member: Synthetic. Not a PDF." > "$dir/note.pdf"
expect 1 "not a PDF" "$tool" case attach "$case" "$dir/note.pdf"
head -c 300 "$dir/notes.pdf" > "$dir/cut.pdf"
expect 1 "not changed" "$tool" case attach "$case" "$dir/cut.pdf"
printf '%%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n2 0 obj <</Type/Pages/Kids[]/Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%%%EOF\n' > "$dir/empty.pdf"
expect 1 "not changed" "$tool" case attach "$case" "$dir/empty.pdf"
if [ -n "${QPDF:-}" ]; then
  "$QPDF" --encrypt user owner 256 -- "$dir/notes.pdf" "$dir/locked.pdf" || fail "qpdf"
  expect 1 "password" "$tool" case attach "$case" "$dir/locked.pdf"
fi
expect 1 "" "$tool" case attach "$case" "$dir/missing.pdf"
[ "$(sha256sum < "$case")" = "$before" ] || fail "a refused record changed the case"

# encrypted records: the password from a file, stored in the case only when asked
expect 2 "needs --password-file" "$tool" case attach "$case" "$dir/notes.pdf" --remember-password
if [ -n "${QPDF:-}" ]; then
  printf 'Tulip-7734\n' > "$dir/password.txt"
  printf 'Tulip\n' > "$dir/wrong.txt"
  : > "$dir/empty.txt"
  "$QPDF" --encrypt Tulip-7734 owner 256 -- "$dir/notes.pdf" "$dir/sealed-notes.pdf" || fail "qpdf"
  "$make" --pdf "$dir/other.pdf" 2
  "$QPDF" --encrypt Tulip-7734 owner 256 -- "$dir/other.pdf" "$dir/other-locked.pdf" || fail "qpdf"
  before=$(sha256sum < "$case")
  expect 1 "does not open" "$tool" case attach "$case" "$dir/sealed-notes.pdf" --password-file "$dir/wrong.txt"
  expect 1 "no password" "$tool" case attach "$case" "$dir/sealed-notes.pdf" --password-file "$dir/empty.txt"
  [ "$(sha256sum < "$case")" = "$before" ] || fail "a wrong password changed the case"
  expect 0 "3 pages, 3 with text" "$tool" case attach "$case" "$dir/sealed-notes.pdf" --password-file "$dir/password.txt"
  "$tool" case show "$case" | grep -q "password is stored" && fail "a password was stored without --remember-password"
  grep -q "Tulip-7734" "$case" && fail "the password is in the case file without --remember-password"
  expect 0 "password is stored in the case file" \
    "$tool" case attach "$case" "$dir/other-locked.pdf" --password-file "$dir/password.txt" --remember-password
  [ -e "$case-wal" ] && fail "case attach --remember-password left a write-ahead log beside the case"
  expect 0 "its password is stored in this case file" "$tool" case show "$case"
  "$tool" case show "$case" | grep -q "Tulip-7734" && fail "case show printed a stored password"
  sqlite3 "$case" "SELECT action, target, coalesce(old_value, ''), coalesce(new_value, '') FROM audit" \
    | grep -q "Tulip-7734" && fail "the audit log holds the password"
  [ "$(sqlite3 "$case" "SELECT count(*) FROM audit WHERE action = 'record-password-stored'")" = 1 ] \
    || fail "storing the password was not audited"
  expect 1 "opens without a password" \
    "$tool" case attach "$case" "$dir/notes.pdf" --password-file "$dir/password.txt" --remember-password
  expect 0 "every link intact" "$tool" case verify "$case"
fi

# usage errors
expect 2 "--help" "$tool" case attach "$case"
expect 2 "" "$tool" case attach "$case" "$dir/notes.pdf" extra
expect 2 "" "$tool" case attach "$case" "$dir/notes.pdf" --role surgeon
expect 2 "" "$tool" case show
expect 2 "" "$tool" case verify "$case" "$case"

# letter: none before a determination (a draft on request), then printed or written
expect 1 "no determination yet" "$tool" case letter "$case"
expect 0 "^# Draft: " "$tool" case letter "$case" --draft
"$make" "$dir/decided.rdcase" --sealed || fail "could not make a sealed case"
expect 0 "^# Notice of Approval" "$tool" case letter "$dir/decided.rdcase"
expect 0 "Script Director, MD" "$tool" case letter "$dir/decided.rdcase"
expect 0 "Wrote" "$tool" case letter "$dir/decided.rdcase" "$dir/letter.pdf"
head -c 5 "$dir/letter.pdf" | grep -q '%PDF-' || fail "case letter OUT.pdf did not write a PDF"
[ "$(stat -c %a "$dir/letter.pdf")" = 600 ] || fail "a letter must be written 0600"
expect 0 "Wrote" "$tool" case letter "$dir/decided.rdcase" "$dir/letter.md"
grep -q "^## Determination" "$dir/letter.md" || fail "case letter OUT.md did not write the letter"
expect 1 "could not be written" "$tool" case letter "$dir/decided.rdcase" "$dir/no-such-dir/letter.md"
expect 2 "" "$tool" case letter
expect 2 "" "$tool" case letter "$case" a.md b.md

# not a case: refused, untouched
before=$(sha256sum < "$dir/note.pdf")
expect 1 "not an SQLite database" "$tool" case verify "$dir/note.pdf"
[ "$(sha256sum < "$dir/note.pdf")" = "$before" ] || fail "verify changed a file it refused"

# When SQLite fails, the message says in the reviewer's words what failed on
# which file (named once), that the case is unchanged and what to do; SQLite's
# own words come last, as a detail, never in the first sentence.
says_once() {  # says_once MESSAGE FILE-NAME
  [ "$(printf '%s' "$1" | grep -o -F "$2" | wc -l)" -eq 1 ] || fail "the file is not named exactly once: $1"
  first=$(printf '%s' "$1" | head -n 1 | sed 's/\. .*//')
  printf '%s' "$first" | grep -q -i -E 'SQLITE_|database disk image|malformed|disk I/O|database or disk|database is locked|unable to open' \
    && fail "SQLite's words in the first sentence: $1"
  return 0
}
cp "$case" "$dir/schema.rdcase"
printf '\377\377\377\377\377\377\377\377' | dd of="$dir/schema.rdcase" bs=1 seek=100 conv=notrunc 2>/dev/null
for cmd in show verify; do
  expect 1 "damaged" "$tool" case "$cmd" "$dir/schema.rdcase"
  says_once "$out" "schema.rdcase"
done
"$make" --pdf "$dir/big.pdf" 200
before=$(sha256sum < "$case")
out=$( (trap '' XFSZ; ulimit -f 64; "$tool" case attach "$case" "$dir/big.pdf" --by "Script Nurse") 2>&1 ); rc=$?
[ "$rc" -eq 1 ] || fail "case attach on a full disk exited $rc, not 1: $out"
says_once "$out" "a.rdcase"
echo "$out" | grep -q "could not be saved: the disk .*The case is unchanged\. " || fail "case attach on a full disk: $out"
[ "$(sha256sum < "$case")" = "$before" ] || fail "a failed attach changed the case"
expect 0 "every link intact" "$tool" case verify "$case"

# tampering with the audit log, as someone with the sqlite3 shell would
sqlite3 "$case" "UPDATE audit SET new_value = 'not-met' WHERE seq = 4" 2>/dev/null && fail "the audit log accepted an UPDATE"
sqlite3 "$case" "DROP TRIGGER audit_no_update; UPDATE audit SET new_value = 'not-met' WHERE seq = 4;" || fail "sqlite3"
expect 1 "first broken link at entry 4" "$tool" case verify "$case"

# a sealed case changed afterwards
sealed="$dir/sealed.rdcase"
"$make" "$sealed" --sealed || fail "could not make a sealed case"
expect 0 "Seal: intact" "$tool" case verify "$sealed"
sqlite3 "$sealed" "UPDATE criterion_score SET score = 'not-met' WHERE criterion_id = 'c2'" || fail "sqlite3"
expect 1 "after it was sealed" "$tool" case verify "$sealed"
echo "ok"
