#!/bin/sh
# reviewdesk-tool speaks the user's language: run from the build tree it finds
# the catalogues built there, so LANGUAGE=es gives Spanish help and errors.
set -u
tool="$1"
fail() { echo "not ok: $*"; exit 1; }
run_es() { env -u REVIEWDESK_LOCALEDIR LC_ALL=C.UTF-8 LANGUAGE=es "$tool" "$@"; }

help=$(run_es --help) || fail "--help failed"
echo "$help" | grep -q '^Uso: reviewdesk-tool GRUPO ORDEN' || fail "help is not in Spanish: $(echo "$help" | head -1)"
echo "$help" | grep -q 'validar e inspeccionar archivos de política' || fail "command summaries (N_) are not translated"
err=$(run_es frobnicate 2>&1 >/dev/null)
echo "$err" | grep -q 'Grupo de órdenes desconocido “frobnicate”' || fail "usage error is not in Spanish: $err"
echo "$err" | grep -q 'Pruebe “reviewdesk-tool --help”' || fail "help hint is not in Spanish: $err"

plain=$(env -u REVIEWDESK_LOCALEDIR -u LANGUAGE LC_ALL=C.UTF-8 "$tool" --help | head -1)
[ "$plain" = "Usage: reviewdesk-tool GROUP COMMAND [ARGUMENT…]" ] || fail "without LANGUAGE the help must stay English: $plain"
echo "ok"
