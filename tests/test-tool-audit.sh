#!/bin/sh
# `case audit` lists every entry of a case's audit log, as text and as JSON,
# with old → new values, filtered by action and person; what a case stores is
# printed escaped; the chain's verification ends the listing, and a case
# changed behind ReviewDesk's back shows the problem and exits 1.
set -u
tool="$1"
fail() { echo "not ok: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
case="$dir/audit.rdcase"
esc=$(printf '\033')

example=$("$tool" case examples | grep failed-back) || fail "no failed-back example"
"$tool" case new --from "$example" "$case" > /dev/null || fail "case new --from"
# A note with a control sequence that would clear the terminal, and a new line.
cat > "$dir/first.json" <<'JSON'
{ "bsc-7.01.41": {
    "criteria": {"pain-severe-intractable": "met"},
    "notes": {"pain-severe-intractable": "Neurology note\u001b[2J, page 2\nsecond line"} } }
JSON
cat > "$dir/second.json" <<'JSON'
{ "bsc-7.01.41": { "criteria": {"pain-severe-intractable": "not-documented"} } }
JSON
"$tool" case score "$case" "$dir/first.json" --by "Script Nurse" > /dev/null || fail "case score"
"$tool" case score "$case" "$dir/second.json" --by "Other Nurse" > /dev/null || fail "case score"
total=$(sqlite3 "$case" "SELECT count(*) FROM audit")

# Text: every entry, the score's change from nothing to met and then to
# not-documented by the second nurse, and the chain intact at the end.
out=$(TZ=UTC "$tool" case audit "$case") || fail "case audit exited $?: $out"
printf "%s\n" "$out" | grep -q "Audit log of case RD-.*: $total entries" || fail "no header with $total entries: $out"
[ "$(printf "%s\n" "$out" | grep -c '^#[0-9]')" -eq "$total" ] || fail "not every one of the $total entries is listed: $out"
printf "%s\n" "$out" | grep -q "^#1  .* UTC  ReviewDesk (system)$" || fail "the first entry is not the case's creation: $out"
printf "%s\n" "$out" | grep -A2 "Script Nurse (nurse-reviewer)" | grep -q "score  bsc-7.01.41/pain-severe-intractable" \
  || fail "the first nurse's score is not listed: $out"
printf "%s\n" "$out" | grep -q "^    — → met$" || fail "the first score is not shown as — → met: $out"
printf "%s\n" "$out" | grep -q "^    met → not-documented$" || fail "the change of score is not shown as met → not-documented: $out"
printf "%s\n" "$out" | tail -2 | head -1 | grep -q "Audit log: $total entries, every link intact" \
  || fail "the listing does not end with the chain's check: $out"
printf "%s\n" "$out" | tail -1 | grep -q "every audited value is what the audit log last set it to" \
  || fail "the listing does not end with the content's check: $out"

# The reviewer's time zone.
TZ=America/New_York "$tool" case audit "$case" | grep -q "^#1  .* EST  ReviewDesk" \
  || fail "the time is not given in the reviewer's time zone"

# What the case stores is shown, never obeyed: no escape byte reaches the terminal.
printf "%s\n" "$out" | grep -q "$esc" && fail "a stored control character reached the terminal"
printf "%s\n" "$out" | grep -q '— → Neurology note\\x1b\[2J, page 2\\nsecond line$' \
  || fail "the note's control character and new line are not escaped: $out"

# Filters: by action, by person, both.
out=$("$tool" case audit "$case" --action score) || fail "case audit --action exited $?"
[ "$(printf "%s\n" "$out" | grep -c '^#[0-9]')" -eq 2 ] || fail "--action score does not list the two scores: $out"
printf "%s\n" "$out" | grep -q "2 entries of action “score” are shown" || fail "the filter is not named: $out"
printf "%s\n" "$out" | grep -q "request/member-name" && fail "--action score lists a request entry: $out"
out=$("$tool" case audit "$case" --who "Other Nurse") || fail "case audit --who exited $?"
[ "$(printf "%s\n" "$out" | grep -c '^#[0-9]')" -eq 1 ] || fail "--who lists another's entries: $out"
printf "%s\n" "$out" | grep -q "Other Nurse (nurse-reviewer)" || fail "--who does not list the nurse's entry: $out"
out=$("$tool" case audit "$case" --action request --who "Other Nurse") || fail "case audit exited $?"
printf "%s\n" "$out" | grep -q '^#[0-9]' && fail "an entry is listed that matches only one filter: $out"

# JSON: every entry with its members, then the verification.
json="$dir/audit.json"
TZ=Europe/Madrid "$tool" case audit "$case" --json > "$json" || fail "case audit --json exited $?"
python3 - "$json" "$total" <<'PY' || fail "the JSON is not what data/JSON-FORMATS.md describes: $(cat "$json")"
import json, re, sys
doc = json.load(open(sys.argv[1]))
entries = doc["entries"]
assert doc["total"] == int(sys.argv[2]) == len(entries), doc["total"]
assert [e["seq"] for e in entries] == list(range(1, len(entries) + 1))
assert set(entries[0]) == {"seq", "when", "who", "role", "action", "target", "old", "new"}, entries[0]
scores = [e for e in entries if e["action"] == "score"]
assert [(e["who"], e["old"], e["new"]) for e in scores] == \
    [("Script Nurse", None, "met"), ("Other Nurse", "met", "not-documented")], scores
assert scores[0]["target"] == "bsc-7.01.41/pain-severe-intractable"
assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+01:00", scores[0]["when"]), scores[0]["when"]
note = [e for e in entries if e["action"] == "score-note"][0]
assert note["new"] == "Neurology note\x1b[2J, page 2\nsecond line", note
v = doc["verification"]
assert v["chain_intact"] and v["content_matches_log"] and v["first_broken"] is None, v
assert v["replay_problem"] is None and v["error"] is None, v
PY
grep -q "$esc" "$json" && fail "a raw control character is in the JSON"
out=$("$tool" case audit "$case" --json --action score-note)
[ "$(printf "%s\n" "$out" | grep -c '"seq"')" -eq 1 ] || fail "--json --action lists other entries: $out"

# A score changed with the sqlite3 shell: listed as the log has it, and the
# content's line names the difference; exit 1.
tampered="$dir/tampered.rdcase"
cp "$case" "$tampered"
sqlite3 "$tampered" "UPDATE criterion_score SET score = 'met' WHERE criterion_id = 'pain-severe-intractable'" \
  || fail "sqlite3"
out=$("$tool" case audit "$tampered" 2>&1) && fail "case audit of a tampered case exited 0: $out"
printf "%s\n" "$out" | grep -q "every link intact" || fail "the chain of a tampered score is not intact: $out"
printf "%s\n" "$out" | grep -q "The score of criterion bsc-7.01.41/pain-severe-intractable is “met” in the case but its last audited change set it to “not-documented”" \
  || fail "the changed score is not named: $out"
out=$("$tool" case audit "$tampered" --json) && fail "case audit --json of a tampered case exited 0"
printf "%s\n" "$out" | python3 -c '
import json, sys
v = json.load(sys.stdin)["verification"]
assert v["chain_intact"] and not v["content_matches_log"], v
assert "pain-severe-intractable" in v["replay_problem"], v' || fail "the JSON does not name the change: $out"

# An entry of the log itself changed: the chain breaks there.
broken="$dir/broken.rdcase"
cp "$case" "$broken"
seq=$(sqlite3 "$broken" "SELECT seq FROM audit WHERE action = 'score' AND who = 'Other Nurse'")
sqlite3 "$broken" "DROP TRIGGER audit_no_update; UPDATE audit SET new_value = 'met' WHERE seq = $seq" || fail "sqlite3"
out=$("$tool" case audit "$broken" 2>&1) && fail "case audit of a broken chain exited 0: $out"
printf "%s\n" "$out" | grep -q "first broken link at entry $seq" || fail "the first broken entry is not named: $out"
out=$("$tool" case audit "$broken" --json)
printf "%s\n" "$out" | python3 -c "
import json, sys
v = json.load(sys.stdin)['verification']
assert not v['chain_intact'] and v['first_broken'] == $seq, v" || fail "the JSON does not name entry $seq: $out"

# Usage.
"$tool" case audit > /dev/null 2>&1; [ $? -eq 2 ] || fail "case audit without a FILE is not a usage error"
"$tool" case audit "$case" --colour > /dev/null 2>&1; [ $? -eq 2 ] || fail "an unknown option is not a usage error"
"$tool" case audit "$dir/missing.rdcase" > /dev/null 2>&1; [ $? -eq 1 ] || fail "a missing case does not exit 1"
echo "ok"
