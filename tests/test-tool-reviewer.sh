#!/bin/sh
# reviewdesk-tool's reviewer commands: a first organisation and reviewer set up
# in one step, a second reviewer certified by the administrator, a key revoked,
# and what `reviewer show` tells a reviewer or a script. No keyring daemon
# runs in the tests: keys go to passphrase-sealed files.
set -u
tool="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "not ok: $*"; exit 1; }

# Two workstations: the director's (who sets up the organisation) and a nurse's.
director="$tmp/director"
nurse="$tmp/nurse"
mkdir -p "$director" "$nurse"
unset REVIEWDESK_TRUST_FILE
printf 'director passphrase\n' > "$tmp/director.pass"
printf 'nurse passphrase\n' > "$tmp/nurse.pass"
trust="$director/reviewdesk/trust.json"
admin="$tmp/admin.key"

# setup: a new organisation, its administrator key and the first reviewer
out=$(XDG_CONFIG_HOME="$director" "$tool" reviewer setup --organisation 'Example Health Plan' --name 'Dr Ana Ruiz' \
      --credentials MD --role medical-director --admin-key "$admin" --key-store file \
      --passphrase-file "$tmp/director.pass" </dev/null) || fail "setup exited $?: $out"
echo "$out" | grep -q 'is certified by Example Health Plan until' || fail "setup does not say the reviewer is certified: $out"
[ "$(stat -c %a "$admin")" = 600 ] || fail "the administrator key must be 0600"
[ "$(stat -c %a "$director/reviewdesk/reviewer.key")" = 600 ] || fail "the reviewer key must be 0600"
[ "$(stat -c %a "$director/reviewdesk/reviewer.ini")" = 600 ] || fail "the profile must be 0600"
[ "$(stat -c %a "$director/reviewdesk")" = 700 ] || fail "the profile's folder must be 0700"
[ "$(stat -c %a "$trust")" = 644 ] || fail "the trust file must be 0644"
grep -q 'director passphrase' "$admin" "$director/reviewdesk/reviewer.key" && fail "a key file holds the passphrase"
echo "ok: setup"

# setup again over the same profile is refused, and says how to start over
err=$(XDG_CONFIG_HOME="$director" "$tool" reviewer setup --organisation 'Example Health Plan' --name 'Dr Ana Ruiz' \
      --credentials MD --role medical-director --admin-key "$admin" --key-store file \
      --passphrase-file "$tmp/director.pass" 2>&1 </dev/null) && fail "a second setup must fail"
echo "$err" | grep -q 'reviewer.ini' || fail "a second setup must name the profile: $err"

# show, for people and for scripts
out=$(XDG_CONFIG_HOME="$director" "$tool" reviewer show) || fail "show exited $?"
echo "$out" | grep -q '^Reviewer: *Dr Ana Ruiz, MD (medical-director)' || fail "show: $out"
echo "$out" | grep -Eq '^Fingerprint: *[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$' || fail "show fingerprint: $out"
out=$(XDG_CONFIG_HOME="$director" "$tool" reviewer show --json) || fail "show --json exited $?"
echo "$out" | grep -q '"status" : "valid"' || fail "show --json status: $out"
echo "$out" | grep -q '"organisation" : "Example Health Plan"' || fail "show --json organisation: $out"
echo "$out" | grep -q '"role" : "medical-director"' || fail "show --json role: $out"
echo "ok: show"

# new: the nurse's own key, not certified yet
out=$(XDG_CONFIG_HOME="$nurse" REVIEWDESK_TRUST_FILE="$trust" "$tool" reviewer new --name 'Sam Nurse' \
      --credentials RN --role nurse-reviewer --passphrase-file "$tmp/nurse.pass" </dev/null 2>"$tmp/err") \
  || fail "new exited $?: $out $(cat "$tmp/err")"
grep -q 'no keyring' "$tmp/err" || fail "new must say the key went to a file without a keyring: $(cat "$tmp/err")"
nurse_key=$(echo "$out" | sed -n 's/^Public key: *//p')
[ ${#nurse_key} -eq 43 ] || fail "new must print the public key: $out"
out=$(XDG_CONFIG_HOME="$nurse" REVIEWDESK_TRUST_FILE="$trust" "$tool" reviewer show --json) || fail "nurse show"
echo "$out" | grep -q '"status" : "not-certified"' || fail "an uncertified key: $out"

# certify: only with the administrator key and its passphrase
err=$("$tool" reviewer certify --trust "$trust" --admin-key "$nurse/reviewdesk/reviewer.key" --public-key "$nurse_key" \
      --name 'Sam Nurse' --credentials RN --role medical-director --passphrase-file "$tmp/nurse.pass" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "certify with a reviewer's key must exit 1, got $rc: $err"
echo "$err" | grep -q 'not the administrator key' || fail "certify with a reviewer's key: $err"
err=$("$tool" reviewer certify --trust "$trust" --admin-key "$admin" --public-key "$nurse_key" \
      --name 'Sam Nurse' --credentials RN --role nurse-reviewer --passphrase-file "$tmp/nurse.pass" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "certify with a wrong passphrase must exit 1, got $rc"
echo "$err" | grep -q "$admin" || fail "a wrong passphrase must name the key file: $err"
out=$("$tool" reviewer certify --trust "$trust" --admin-key "$admin" --public-key "$nurse_key" \
      --name 'Sam Nurse' --credentials RN --role nurse-reviewer --valid-days 30 \
      --passphrase-file "$tmp/director.pass") || fail "certify exited $?"
echo "$out" | grep -q 'Certificate 2 written' || fail "certify: $out"
out=$(XDG_CONFIG_HOME="$nurse" REVIEWDESK_TRUST_FILE="$trust" "$tool" reviewer show --json) || fail "nurse show"
echo "$out" | grep -q '"status" : "valid"' || fail "the certified nurse: $out"
echo "$out" | grep -q '"role" : "nurse-reviewer"' || fail "the certified nurse's role: $out"
echo "ok: certify"

# The trust file edited by hand (the nurse made a director) is refused whole.
sed 's/"nurse-reviewer"/"medical-director"/' "$trust" > "$tmp/edited.json"
err=$(XDG_CONFIG_HOME="$nurse" "$tool" reviewer show --trust "$tmp/edited.json" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "show with an edited trust file must exit 1, got $rc"
echo "$err" | grep -q 'certificates\[1\]' || fail "the refusal must name the entry: $err"

# revoke
out=$("$tool" reviewer revoke --trust "$trust" --admin-key "$admin" --public-key "$nurse_key" --reason 'left the team' \
      --passphrase-file "$tmp/director.pass") || fail "revoke exited $?"
echo "$out" | grep -q 'was revoked by Example Health Plan on' || fail "revoke: $out"
out=$(XDG_CONFIG_HOME="$nurse" REVIEWDESK_TRUST_FILE="$trust" "$tool" reviewer show --json) || fail "nurse show"
echo "$out" | grep -q '"status" : "revoked"' || fail "the revoked nurse: $out"
out=$(XDG_CONFIG_HOME="$director" "$tool" reviewer show --json) || fail "director show"
echo "$out" | grep -q '"status" : "valid"' || fail "revoking the nurse must leave the director: $out"
echo "ok: revoke"

# Usage errors exit 2; a passphrase never comes from the command line.
"$tool" reviewer certify --trust "$trust" >/dev/null 2>&1; [ $? -eq 2 ] || fail "certify without its options must exit 2"
err=$("$tool" reviewer certify --trust "$trust" 2>&1); echo "$err" | grep -q -- '--public-key KEY' \
  || fail "certify's usage error must name what is missing: $err"
"$tool" reviewer new --name X --credentials RN --role surgeon >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown role must exit 2"
"$tool" reviewer new --name X --credentials RN --role trainer --passphrase secret >/dev/null 2>&1; [ $? -eq 2 ] \
  || fail "--passphrase must not exist"
err=$(XDG_CONFIG_HOME="$tmp/other" "$tool" reviewer new --name X --credentials RN --role trainer --key-store file \
      2>&1 </dev/null); rc=$?
[ $rc -eq 2 ] || fail "no passphrase and no terminal must exit 2, got $rc: $err"
echo "$err" | grep -q -- '--passphrase-file' || fail "the missing passphrase's message: $err"
err=$(XDG_CONFIG_HOME="$tmp/nobody" "$tool" reviewer show 2>&1); rc=$?
[ $rc -eq 1 ] || fail "show without a profile must exit 1, got $rc"
echo "$err" | grep -q 'reviewer setup' || fail "show without a profile must say what to do: $err"
echo "ok: usage"
