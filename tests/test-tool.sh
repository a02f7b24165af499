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
echo "ok"
