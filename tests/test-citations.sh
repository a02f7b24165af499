#!/bin/sh
# Every quoted sentence of every shipped policy occurs in its source text.
# The sources are found through $REVIEWDESK_POLICY_SOURCES, else in
# shared/policy-sources beside the clone (../shared/policy-sources from the
# source root, or from the main checkout when the source root is a git
# worktree). Missing sources fail the test: they are how the encoding is checked.
set -u
tool="$1"
srcroot="$2"

find_sources () {
  if [ -n "${REVIEWDESK_POLICY_SOURCES:-}" ]; then
    echo "$REVIEWDESK_POLICY_SOURCES"
    return
  fi
  if [ -d "$srcroot/../shared/policy-sources" ]; then
    echo "$srcroot/../shared/policy-sources"
    return
  fi
  common=$(git -C "$srcroot" rev-parse --path-format=absolute --git-common-dir 2>/dev/null) || common=""
  if [ -n "$common" ] && [ -d "$(dirname "$common")/../shared/policy-sources" ]; then
    echo "$(dirname "$common")/../shared/policy-sources"
    return
  fi
  echo "$srcroot/../shared/policy-sources"
}

sources=$(find_sources)
if [ ! -d "$sources" ]; then
  echo "not ok: the policy sources are not at $sources."
  echo "Put the policy-source set in shared/policy-sources beside the clone, or set REVIEWDESK_POLICY_SOURCES to its directory."
  exit 1
fi

status=0
count=0
for policy in "$srcroot"/policies/*.xml; do
  file=$(sed -n 's/.*<source file="\([^"]*\)".*/\1/p' "$policy" | head -n 1)
  if [ -z "$file" ] || [ ! -f "$sources/$file" ]; then
    echo "not ok: $policy names the source \"$file\", which is not in $sources"
    status=1
    continue
  fi
  if ! "$tool" policy check-citations "$policy" "$sources/$file"; then
    status=1
  fi
  count=$((count + 1))
done
[ "$count" -ge 2 ] || { echo "not ok: expected both shipped policies, checked $count"; status=1; }
exit $status
