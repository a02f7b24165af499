#!/bin/sh
# A translation is complete for the sources as they are now: po/POTFILES lists
# every file with translatable strings (sorted, all existing), xgettext extracts
# them without warnings (a warning means a string can never be translated),
# and po/LANG.po translates every message, none fuzzy, with matching format
# directives and one mnemonic per labelled msgid.
#
# Usage: test-po.sh SOURCE_ROOT LANG
set -u
src="$1"
lang="$2"
po="$src/po/$lang.po"
status=0
fail() { echo "not ok: $*"; status=1; }

cd "$src" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# 1. POTFILES: sorted, every entry exists, every file with strings listed.
LC_ALL=C sort -c po/POTFILES 2>/dev/null || fail "po/POTFILES is not sorted (LC_ALL=C sort)"
while read -r f; do
  [ -z "$f" ] && continue
  [ -f "$f" ] || fail "po/POTFILES lists $f, which does not exist"
done < po/POTFILES

{
  grep -rlE '(^|[^A-Za-z0-9_])(N_|_|C_|NC_)[[:space:]]*\([[:space:]]*"' --include='*.c' --include='*.h' app
  grep -rlE '(^|[^A-Za-z0-9_])(ngettext|g_dngettext|g_dcgettext|g_dpgettext2?)[[:space:]]*\(' --include='*.c' --include='*.h' app
  grep -rl 'translatable="yes"' --include='*.ui' --include='*.xml' --include='*.in' ui data
  find data -name '*.desktop.in' -o -name '*.metainfo.xml.in' -o -name '*.gschema.xml'
} | LC_ALL=C sort -u > "$tmp/marked"
LC_ALL=C sort -u po/POTFILES > "$tmp/listed"
for f in $(LC_ALL=C comm -23 "$tmp/marked" "$tmp/listed"); do
  fail "$f has translatable strings but is not listed in po/POTFILES"
done

# 2. Extract as meson's gettext(preset: 'glib') does, into a scratch directory.
xgettext --package-name=reviewdesk -f po/POTFILES -D "$src" -k_ -o "$tmp/reviewdesk.pot" \
  --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
  2> "$tmp/xgettext.err" || { cat "$tmp/xgettext.err"; fail "xgettext failed"; exit 1; }
if grep -q -i 'warning' "$tmp/xgettext.err"; then
  sed 's/^/  /' "$tmp/xgettext.err"
  fail "xgettext warns: such a msgid cannot be translated (e.g. a G_*_FORMAT macro inside _(); use %lld or %zu with a cast)"
fi

# 3. The translation covers every message of the fresh template.
msgfmt --check --check-format --check-accelerators=_ -o /dev/null "$po" 2> "$tmp/check.err" \
  || { sed 's/^/  /' "$tmp/check.err"; fail "$po does not pass msgfmt --check"; }
msgmerge -q -o "$tmp/merged.po" "$po" "$tmp/reviewdesk.pot" || { fail "msgmerge failed"; exit 1; }
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$tmp/merged.po" 2>&1)
echo "$lang: $stats"
case "$stats" in
  *untranslated*|*fuzzy*)
    # Each such message: its locations and its msgid (and plural), without the msgstr.
    for filter in --untranslated --only-fuzzy; do
      msgattrib $filter --no-obsolete --no-wrap "$tmp/merged.po" \
        | awk 'BEGIN { RS = ""; FS = "\n" } NR > 1 { for (i = 1; i <= NF && $i !~ /^msgstr/; i++) if ($i !~ /^#[.,]/) print "  " $i }'
    done
    fail "po/$lang.po does not translate every message of the sources (listed above)"
    ;;
esac

# 4. The file itself, not only a merge of it, holds every message: an entry
#    left obsolete (#~) is not compiled into the catalogue, so the application
#    would show it in English although the merge above finds it translated.
if ! msgcmp "$po" "$tmp/reviewdesk.pot" > "$tmp/msgcmp.out" 2>&1; then
  grep -v 'warning: this message is not used' "$tmp/msgcmp.out" | sed 's/^/  /' | head -40
  fail "$po lacks messages of the sources (obsolete or missing entries): run msgmerge --update --no-fuzzy-matching $po against the template"
fi

[ $status -eq 0 ] && echo "ok"
exit $status
