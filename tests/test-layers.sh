#!/bin/sh
# The folders of app/core and app/gui are layers: a file includes headers only
# from its own folder and from folders lower in the order below. The core
# includes nothing of the GUI and no GTK. This is the one place the order is
# written; ARCHITECTURE.md explains it.
#
# Usage: test-layers.sh SOURCE_ROOT
set -u

CORE_ORDER="codes identity policy case worklist records letters training"
GUI_ORDER="common records case start shell"
# Headers of pages that host others: only the page itself and folders above
# its own include them, so the rows and step pages report through RdReporter
# (gui/common) and not by calling up into their page.
HOSTS="rd-case-page.h"

src="$1"
status=0
fail() { echo "not ok: $*"; status=1; }

cd "$src/app" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# index LAYER ORDER FOLDER: the folder's place in the order, or nothing.
index() {
  i=0
  for f in $2; do
    i=$((i + 1))
    [ "$f" = "$3" ] && { echo "$i"; return; }
  done
}

# A map of header name -> folder index for LAYER (core or gui), checking that
# every folder is in the order, that no source lies outside a folder and that
# no header name is used twice (the include paths are flat).
map_headers() {
  layer=$1 order=$2
  : > "$tmp/$layer.map"
  for f in "$layer"/*; do
    case "$f" in
      */meson.build|*.xml) ;;
      *.c|*.h) fail "app/$f lies outside the folders of app/$layer: put it in one of: $order" ;;
      *)
        [ -d "$f" ] || continue
        n=$(index "$layer" "$order" "${f#$layer/}")
        [ -n "$n" ] || { fail "app/$f is not in the order of app/$layer in tests/test-layers.sh ($order)"; continue; }
        for h in "$f"/*.h; do
          [ -e "$h" ] && echo "${h##*/} $n ${f#$layer/}" >> "$tmp/$layer.map"
        done
        ;;
    esac
  done
  for dup in $(cut -d' ' -f1 "$tmp/$layer.map" | sort | uniq -d); do
    fail "two headers of app/$layer are named $dup"
  done
}

# check LAYER ORDER OTHER: every include of every file of LAYER against the map.
check() {
  layer=$1 order=$2
  for dir in $order; do
    n=$(index "$layer" "$order" "$dir")
    for f in "$layer/$dir"/*.c "$layer/$dir"/*.h; do
      [ -e "$f" ] || continue
      grep -n '^[[:space:]]*#[[:space:]]*include' "$f" | while IFS= read -r line; do
        header=$(echo "$line" | sed -n 's/.*#[[:space:]]*include[[:space:]]*["<]\([^">]*\)[">].*/\1/p')
        [ -n "$header" ] || continue
        where="app/$f:${line%%:*}"
        entry=$(grep "^${header##*/} " "$tmp/$layer.map")
        if [ -n "$entry" ]; then
          set -- $entry
          [ "$2" -gt "$n" ] && echo "$where: $dir includes $header from $3, a folder above it ($order)"
          for host in $HOSTS; do
            [ "$header" = "$host" ] && [ "$3" = "$dir" ] && [ "${f##*/}" != "${host%.h}.c" ] \
              && echo "$where: includes $host, the page that hosts it: report through RdReporter"
          done
        fi
        if [ "$layer" = core ]; then
          case "$header" in
            gtk/*|gdk/*|gsk/*|adwaita.h|gtk.h) echo "$where: the core includes $header: it has no GTK" ;;
          esac
          [ -n "$(grep "^${header##*/} " "$tmp/gui.map")" ] \
            && echo "$where: the core includes $header of the GUI"
        fi
      done
    done
  done > "$tmp/$layer.bad"
  while IFS= read -r bad; do fail "$bad"; done < "$tmp/$layer.bad"
}

map_headers core "$CORE_ORDER"
map_headers gui "$GUI_ORDER"
check core "$CORE_ORDER"
check gui "$GUI_ORDER"

[ $status -eq 0 ] && echo "ok: core $CORE_ORDER; gui $GUI_ORDER"
exit $status
