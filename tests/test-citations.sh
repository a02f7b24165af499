#!/bin/sh
# Every quoted sentence of every shipped policy occurs in its source text; with
# "codes" as third argument, every code of the source's coding tables is in the
# policy (as encoded, or as printed where the encoding corrects it).
# The sources are found through $REVIEWDESK_POLICY_SOURCES, else in
# shared/policy-sources beside the clone (../shared/policy-sources from the
# source root, or from the main checkout when the source root is a git
# worktree). Missing sources fail the test: they are how the encoding is checked.
set -u
export LC_ALL=C
tool="$1"
srcroot="$2"
mode="${3:-citations}"

# The codes of a source's coding tables: a line holding only a code or a range
# ("36260", "E08.00-E08.9", "0JH60VZ- 0JH63VZ"), or a tab-separated code column.
source_codes () {
  grep -oP '(^\s*\K[A-Z0-9]{3}(\.[A-Z0-9]{1,4})?|^\s*\K[A-Z0-9]{5,7})(\s*-\s*([A-Z0-9]{3}(\.[A-Z0-9]{1,4})?|[A-Z0-9]{5,7}))?(?=\s*$)|(^|\t)\K([A-Z0-9]{3}\.[A-Z0-9]{1,4}|[A-Z0-9]{5,7})(?=\t)' "$1" \
    | tr -d ' ' | grep '[0-9]' | sort -u
}

check_codes () {
  "$tool" policy codes "$1" > "$tmp/listed" || return 1
  # every code as encoded (column 2) and as printed where it was corrected
  { cut -f2 "$tmp/listed"; sed -n 's/.*(printed \([^)]*\)).*/\1/p' "$tmp/listed"; } | sort -u > "$tmp/known"
  source_codes "$2" > "$tmp/source"
  comm -23 "$tmp/source" "$tmp/known" > "$tmp/missing"
  while read -r code; do
    echo "not ok: $1: the source's code $code is not in the policy"
  done < "$tmp/missing"
  echo "$1: $(wc -l < "$tmp/source") source codes checked, $(wc -l < "$tmp/missing") missing."
  [ -s "$tmp/source" ] && [ ! -s "$tmp/missing" ]
}

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

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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
  if [ "$mode" = codes ]; then
    check_codes "$policy" "$sources/$file" || status=1
  elif ! "$tool" policy check-citations "$policy" "$sources/$file"; then
    status=1
  fi
  count=$((count + 1))
done
[ "$count" -ge 2 ] || { echo "not ok: expected both shipped policies, checked $count"; status=1; }
exit $status
