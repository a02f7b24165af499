#!/bin/sh
# An installation is whole: `meson install --destdir` into an empty folder gives
# programs that find their own policies, examples, catalogues and settings
# schema there, and a workstation that starts. The build directory's program
# starts as the README says, and a missing schema is a message, not an abort.
set -u
build="$1"
prefix="$2"
fail() { echo "not ok: $*"; exit 1; }

dest=$(mktemp -d "${TMPDIR:-/tmp}/reviewdesk-install-XXXXXX") || fail "no temporary folder"
home=$(mktemp -d "${TMPDIR:-/tmp}/reviewdesk-home-XXXXXX") || fail "no temporary home"
trap 'rm -rf "$dest" "$home"' EXIT
root="$dest$prefix"

meson install -C "$build" --destdir "$dest" --no-rebuild >"$home/install.log" 2>&1 ||
  { cat "$home/install.log"; fail "meson install --destdir failed"; }

# Staged with DESTDIR, meson leaves compiling the schemas to the package's
# trigger, as every distribution's packaging does: do what the trigger does.
glib-compile-schemas "$root/share/glib-2.0/schemas" || fail "the installed schema does not compile"

for f in bin/reviewdesk bin/reviewdesk-tool \
         share/reviewdesk/policies/bsc-7.01.41.xml share/reviewdesk/policies/anthem-cg-surg-79.xml \
         share/reviewdesk/policies/policy.rng share/reviewdesk/examples/example.rng \
         share/glib-2.0/schemas/org.reviewdesk.ReviewDesk.gschema.xml \
         share/glib-2.0/schemas/gschemas.compiled \
         share/applications/org.reviewdesk.ReviewDesk.desktop \
         share/metainfo/org.reviewdesk.ReviewDesk.metainfo.xml \
         share/icons/hicolor/scalable/apps/org.reviewdesk.ReviewDesk.svg \
         share/icons/hicolor/symbolic/apps/org.reviewdesk.ReviewDesk-symbolic.svg \
         share/locale/es/LC_MESSAGES/reviewdesk.mo; do
  [ -s "$root/$f" ] || fail "the installation lacks $f"
done
ls "$root"/share/reviewdesk/examples/*.pdf >/dev/null 2>&1 || fail "the examples' records are not installed"

# Nothing may lead the installed programs back to the build or source tree.
installed() {
  env -u REVIEWDESK_POLICY_DIR -u REVIEWDESK_EXAMPLES_DIR -u REVIEWDESK_LOCALEDIR \
      -u GSETTINGS_SCHEMA_DIR -u G_TEST_SRCDIR -u G_TEST_BUILDDIR \
      HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
      XDG_CACHE_HOME="$home/cache" XDG_STATE_HOME="$home/state" "$@"
}

installed "$root/bin/reviewdesk-tool" policy validate "$root"/share/reviewdesk/policies/*.xml >"$home/out" 2>&1 ||
  { cat "$home/out"; fail "the installed tool does not validate the installed policies"; }
examples=$(installed "$root/bin/reviewdesk-tool" case examples) || fail "case examples failed"
[ -n "$examples" ] || fail "case examples lists nothing"
echo "$examples" | while read -r e; do
  case "$e" in "$root/share/reviewdesk/examples/"*) ;; *) echo "$e"; exit 1 ;; esac
done || fail "the installed tool lists examples outside its installation"
first=$(echo "$examples" | sed -n 1p)
installed "$root/bin/reviewdesk-tool" case new --from "$first" "$home/copy.rdcase" >/dev/null ||
  fail "the installed tool cannot make a case from its installed example"
installed "$root/bin/reviewdesk-tool" case evaluate "$home/copy.rdcase" >"$home/out" 2>&1 ||
  { cat "$home/out"; fail "the installed tool cannot evaluate against its installed policies"; }
installed env LC_ALL=C.UTF-8 LANGUAGE=es "$root/bin/reviewdesk-tool" --help | grep -q '^Uso: ' ||
  fail "the installed tool does not find its installed Spanish catalogue"

# A missing schema is explained; GSettings alone would abort the program.
mkdir "$home/empty"
err=$(installed env GSETTINGS_SCHEMA_DIR="$home/empty" XDG_DATA_DIRS="$home/empty" \
      "$root/bin/reviewdesk" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "a missing schema must exit 1, got $rc: $err"
echo "$err" | grep -q 'org.reviewdesk.ReviewDesk' || fail "the message must name the schema: $err"
echo "$err" | grep -q 'meson devenv' || fail "the message must say what to do: $err"

# The workstation starts, installed and from the build directory, without being
# pointed at its schema. Each gets a display and a session bus of its own: it is
# not taken for a second instance of another test's application, and its window
# never takes the focus from a test that types on the shared display.
starts() {
  installed env -u DISPLAY xvfb-run -a -s "-screen 0 1024x768x24" \
    dbus-run-session -- sh -c '"$@" & pid=$!; sleep 4; kill -0 $pid && kill $pid' starts "$@" \
    >"$home/start.log" 2>&1
}
if command -v xvfb-run >/dev/null 2>&1; then
  starts "$root/bin/reviewdesk" || { cat "$home/start.log"; fail "the installed workstation did not start"; }
  starts env LANGUAGE=es "$build/app/reviewdesk" ||
    { cat "$home/start.log"; fail "LANGUAGE=es build/app/reviewdesk did not start"; }
fi
echo "ok"
