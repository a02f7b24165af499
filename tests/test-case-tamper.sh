#!/bin/sh
# Changes made to a case with the sqlite3 shell, behind ReviewDesk's back, that
# leave the audit chain intact: `case verify` replays the audit log, finds
# each one, names what changed and exits 1; a tampered case is not written to.
# A search index emptied that way is rebuilt by `case repair-index`, except in
# a sealed case.
set -u
tool="$1"
make="$2"
fail() { echo "not ok: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
base="$dir/base.rdcase"

expect() {  # expect CODE PATTERN COMMAND...: exit status and a line of output
  want="$1"; pattern="$2"; shift 2
  out=$("$@" 2>&1); rc=$?
  [ "$rc" -eq "$want" ] || fail "$* exited $rc, not $want: $out"
  [ -z "$pattern" ] || echo "$out" | grep -q -- "$pattern" || fail "$* did not say '$pattern': $out"
}

# A case as a review leaves it: made from an example, scored, a record
# attached, evidence quoted, sent to a medical director and decided.
example=$("$tool" case examples | grep failed-back) || fail "no failed-back example"
"$tool" case new --from "$example" "$base" > /dev/null || fail "case new --from"
cat > "$dir/answers.json" <<'JSON'
{ "bsc-7.01.41": {
    "criteria": {"pain-severe-intractable": "met", "pain-no-further-surgery": "not-documented"},
    "conditions": {"non-malignant": "yes"},
    "values": {"pain-successful-trial": {"before": 8, "after": 3}},
    "documentation": {"doc-hp": "present"},
    "notes": {"pain-severe-intractable": "Neurology note, page 2"} } }
JSON
"$tool" case score "$base" "$dir/answers.json" --by "Script Nurse" > /dev/null || fail "case score"
"$make" --pdf "$dir/extra.pdf" 2 || fail "could not make a PDF"
"$make" --pdf "$dir/other.pdf" 3 || fail "could not make a PDF"
"$tool" case attach "$base" "$dir/extra.pdf" --by "Script Nurse" > /dev/null || fail "case attach"
"$make" --review "$base" || fail "could not add evidence and decisions"

# An unchanged copy verifies clean.
expect 0 "every audited value is what the audit log last set it to" "$tool" case verify "$base"

n=0
tampered() {  # tampered SQL PATTERN: a copy changed by SQL fails verify, saying PATTERN
  n=$((n + 1))
  copy="$dir/tampered-$n.rdcase"
  cp "$base" "$copy"
  sqlite3 "$copy" "$1" || fail "sqlite3: $1"
  expect 1 "$2" "$tool" case verify "$copy"
  echo "$out" | grep -q "every link intact" || fail "$1 broke the audit chain, which it should not: $out"
}

tampered "UPDATE criterion_score SET score = 'not-met' WHERE criterion_id = 'pain-severe-intractable'" \
  "The score of criterion bsc-7.01.41/pain-severe-intractable is “not-met” in the case but its last audited change set it to “met”"
score_copy="$copy"
tampered "UPDATE request SET member_name = 'Someone Else'" \
  "The member’s name differs from its last audited value: it was changed outside ReviewDesk"
tampered "UPDATE decision SET rationale = 'The trial reduced the pain by half' WHERE id = 2" \
  "Decision 2 (final not-medically-necessary (adverse), by Script Director) differs from its audit entry"
tampered "UPDATE decision SET who = 'Another Director' WHERE id = 2" \
  "Decision 2 .* is attributed to Another Director in the case but to Script Director in the audit log"
tampered "DELETE FROM decision WHERE id = 2" \
  "Decision 2 (final not-medically-necessary (adverse), by Script Director) is in the audit log but missing from the case"
# The file's own guard refuses a nurse's adverse determination...
cp "$base" "$dir/forged.rdcase"
sqlite3 "$dir/forged.rdcase" "INSERT INTO decision (kind, outcome_id, adverse, rationale, who, role, decided_at)
  VALUES ('final', 'not-medically-necessary', 1, 'Denied', 'Script Nurse', 'nurse-reviewer',
  '2026-12-01T09:00:00.000000Z')" 2>/dev/null && fail "the file accepted a nurse's adverse determination"
# ...and one who drops it is found by the replay.
tampered "DROP TRIGGER decision_roles; INSERT INTO decision (kind, outcome_id, adverse, rationale, who, role,
  decided_at) VALUES ('final', 'not-medically-necessary', 1, 'Denied', 'Script Nurse', 'nurse-reviewer',
  '2026-12-01T09:00:00.000000Z')" \
  "Decision 3 (final not-medically-necessary (adverse), by Script Nurse) is in the case but not in the audit log: it was added outside ReviewDesk"
tampered "UPDATE case_info SET status = 'in-review'" \
  "The case’s status is “in-review” in the case but its last audited change set it to “decided”"
other_sha=$(sha256sum < "$dir/other.pdf" | cut -d' ' -f1)
other_size=$(wc -c < "$dir/other.pdf")
tampered "UPDATE record SET data = readfile('$dir/other.pdf'), sha256 = '$other_sha', size = $other_size
  WHERE file_name = 'extra.pdf'" \
  "Record 5 (“extra.pdf”) is not the PDF the audit log attached"
echo "$out" | grep -q "Integrity: ok" || fail "the replaced record's bytes should match its replaced SHA-256: $out"
tampered "DELETE FROM evidence" \
  "Evidence 1 (for bsc-7.01.41/pain-severe-intractable) is in the audit log but missing from the case"
tampered "UPDATE measurement SET after = 7" \
  "The measurement for bsc-7.01.41/pain-successful-trial is “before 8, after 7” in the case but its last audited change set it to “before 8, after 3”"
tampered "INSERT INTO record_password VALUES (1, 'Tulip-7734', 'Script Nurse', '2026-12-01T09:00:00.000000Z')" \
  "The stored password of record 1 is in the case but not in the audit log: it was added outside ReviewDesk"

# A tampered case is not written to: its history would no longer explain it.
expect 1 "fails verification, so nothing will be written to it: The score of criterion" \
  "$tool" case attach "$score_copy" "$dir/other.pdf"

# The search index emptied: found, named with its repair, repaired.
index="$dir/index.rdcase"
cp "$base" "$index"
hits() { sqlite3 "$index" "SELECT count(*) FROM page_fts WHERE page_fts MATCH 'morphine'"; }
[ "$(hits)" -gt 0 ] || fail "the search finds nothing in an intact case"
sqlite3 "$index" "INSERT INTO page_fts (page_fts) VALUES ('delete-all')" || fail "sqlite3"
[ "$(hits)" -eq 0 ] || fail "the emptied index still finds words"
expect 1 "The search index does not match the text of record 1" "$tool" case verify "$index"
echo "$out" | grep -q "case repair-index" || fail "verify does not say how to repair the index: $out"
echo "$out" | grep -q "every audited value is what the audit log last set it to" \
  || fail "an emptied index is not a change of content: $out"
expect 0 "Rebuilt the search index of .* from the text of 12 pages" "$tool" case repair-index "$index"
expect 0 "every audited value is what the audit log last set it to" "$tool" case verify "$index"
[ "$(hits)" -gt 0 ] || fail "the search finds nothing after case repair-index"
[ "$(sqlite3 "$index" "SELECT who || ' ' || role FROM audit WHERE action = 'search-index-rebuilt'")" = "ReviewDesk system" ] \
  || fail "the rebuilt index was not audited as a system action"

# A sealed case is read, never repaired; the refusal leaves it byte-identical.
sealed="$dir/sealed.rdcase"
"$make" "$sealed" --sealed || fail "could not make a sealed case"
sqlite3 "$sealed" "INSERT INTO page_fts (page_fts) VALUES ('delete-all')" || fail "sqlite3"
before=$(sha256sum < "$sealed")
expect 1 "a sealed case can be read but not repaired" "$tool" case repair-index "$sealed"
echo "$out" | grep -q "searching its records may miss or misplace pages" || fail "the refusal does not say what it means: $out"
[ "$(sha256sum < "$sealed")" = "$before" ] || fail "a refused repair changed the sealed case"
expect 2 "" "$tool" case repair-index
echo "ok"
