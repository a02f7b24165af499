#!/bin/sh
# reviewdesk-tool's contract with scripts: help and version succeed, a wrong
# command line exits 2 with a message that says what to do.
set -u
tool="$1"
fail() { echo "not ok: $*"; exit 1; }

"$tool" --help | grep -q 'policy' || fail "--help does not list the policy commands"
"$tool" --version | grep -q '^reviewdesk-tool [0-9]' || fail "--version"

"$tool" >/dev/null 2>&1; [ $? -eq 2 ] || fail "no arguments must exit 2"
err=$("$tool" frobnicate 2>&1 >/dev/null); rc=$?
[ $rc -eq 2 ] || fail "unknown group must exit 2, got $rc"
echo "$err" | grep -q 'frobnicate' || fail "unknown group message must name it: $err"
echo "$err" | grep -q -- '--help' || fail "usage error must point to --help"
"$tool" policy >/dev/null 2>&1; [ $? -eq 2 ] || fail "group without command must exit 2"
"$tool" case no-such-command >/dev/null 2>&1; [ $? -eq 2 ] || fail "unknown command must exit 2"
echo "ok: usage"

# Every group and every command answers --help: usage on standard output, exit 0.
"$tool" --help | sed -n 's/^  \([a-z][a-z]*\) \([a-z][a-z-]*\)\( .*\)\{0,1\}$/\1 \2/p' | sort -u > "${TMPDIR:-/tmp}/rd-commands.$$"
trap 'rm -f "${TMPDIR:-/tmp}/rd-commands.$$"' EXIT
[ "$(wc -l < "${TMPDIR:-/tmp}/rd-commands.$$")" -ge 10 ] || fail "--help lists too few commands"
for group in policy case; do
  out=$("$tool" "$group" --help) || fail "$group --help exited $?"
  echo "$out" | grep -q "^Usage: reviewdesk-tool $group COMMAND" || fail "$group --help: $out"
done
while read -r group command; do
  out=$("$tool" "$group" "$command" --help 2>/dev/null) || fail "$group $command --help exited $?"
  echo "$out" | grep -q "^Usage: reviewdesk-tool $group $command" || fail "$group $command --help: $out"
  out=$("$tool" "$group" "$command" some-file -h 2>/dev/null) || fail "$group $command ... -h exited $?"
done < "${TMPDIR:-/tmp}/rd-commands.$$"
err=$("$tool" case score 2>&1 >/dev/null)
echo "$err" | grep -q 'case score --help' || fail "a command's usage error must point to its --help: $err"
echo "ok: --help"
