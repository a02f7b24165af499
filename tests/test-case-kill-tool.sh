#!/bin/bash
# The kill suite (meson test --suite slow): reviewdesk-tool killed with
# SIGKILL at random moments of `case new --from` and `case score`, again and
# again. After each kill `case verify` passes, a new case is either absent or
# complete, and a scored case holds exactly the last acknowledged answers or
# the answers being saved: no half states, no lost acknowledged change.
set -u
tool="$1"
kills="${RD_KILLS:-200}"
fail() { echo "not ok: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
example=$("$tool" case examples | head -n 1)
[ -f "$example" ] || fail "no example case"

rand_sleep() {  # a random pause of up to $1 milliseconds
  sleep "$(awk -v max="$1" -v seed="$RANDOM$RANDOM" 'BEGIN { srand(seed); printf "%.3f", rand() * max / 1000 }')"
}

# How long one command takes, to kill anywhere inside it.
start=$(date +%s%N)
"$tool" case new --from "$example" "$dir/timing.rdcase" > /dev/null || fail "case new --from"
new_ms=$(( ($(date +%s%N) - start) / 1000000 + 20 ))
records=$("$tool" case show "$dir/timing.rdcase" | grep -c '\.pdf')

half=0; lost=0; n_new=0; n_complete=0; n_score=0
for i in $(seq 1 $((kills / 2))); do
  out="$dir/new-$i.rdcase"
  "$tool" case new --from "$example" "$out" > /dev/null 2>&1 &
  pid=$!
  rand_sleep "$new_ms"
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  n_new=$((n_new + 1))
  if [ -e "$out" ]; then
    n_complete=$((n_complete + 1))
    "$tool" case verify "$out" > /dev/null 2>&1 || { half=$((half + 1)); echo "# $out fails verify"; }
    [ "$("$tool" case show "$out" | grep -c '\.pdf')" = "$records" ] || { half=$((half + 1)); echo "# $out lacks records"; }
    rm -f "$out"
  fi
  # A temporary file left by the kill is never taken for a case.
  for left in "$dir"/.rdcase-new-*; do
    [ -e "$left" ] || continue
    case "$left" in *-wal|*-shm) continue ;; esac
    "$tool" case show "$left" > /dev/null 2>&1 && { half=$((half + 1)); echo "# $left opens as a case"; }
  done
  rm -f "$dir"/.rdcase-new-*
done

case="$dir/scored.rdcase"
cat > "$dir/request.json" <<'JSON'
{ "member": {"name": "Jordan Example", "id": "SYN123", "birth_date": "1970-01-31"},
  "provider": {"name": "Dr A Example", "npi": "1234567893"},
  "codes": {"cpt": ["62362"], "hcpcs": [], "icd10_pcs": [], "icd10_cm": ["G89.4"]},
  "drug": "morphine", "route": "intrathecal", "device": "SynchroMed II",
  "type": "initial", "urgency": "standard", "received": "2026-12-01T09:00:00Z" }
JSON
"$tool" case new --request "$dir/request.json" "$case" --by "Kill Nurse" > /dev/null || fail "case new --request"
for v in a b; do
  if [ $v = a ]; then s1=met; s2=not-met; d=present; else s1=not-met; s2=met; d=missing; fi
  cat > "$dir/answers-$v.json" <<JSON
{ "bsc-7.01.41": {
    "criteria": {"pain-severe-intractable": "$s1", "pain-no-further-surgery": "$s2"},
    "conditions": {"non-malignant": "yes", "active-drug-dependence": "no"},
    "documentation": {"doc-hp": "$d"},
    "notes": {"pain-severe-intractable": "note $v"} } }
JSON
done
state() { sqlite3 "file:$case?mode=ro" "SELECT group_concat(criterion_id || '=' || score, ',') FROM (SELECT * FROM criterion_score ORDER BY criterion_id)" 2>/dev/null; }
"$tool" case score "$case" "$dir/answers-b.json" --by "Kill Nurse" > /dev/null 2>&1 || fail "case score"
"$tool" case score "$case" "$dir/answers-a.json" --by "Kill Nurse" > /dev/null 2>&1 || fail "case score"
state_a=$(state)
"$tool" case score "$case" "$dir/answers-b.json" --by "Kill Nurse" > /dev/null 2>&1 || fail "case score"
state_b=$(state)
start=$(date +%s%N)
"$tool" case score "$case" "$dir/answers-a.json" --by "Kill Nurse" > /dev/null 2>&1 || fail "case score"
score_ms=$(( ($(date +%s%N) - start) / 1000000 + 10 ))
acked=a
for i in $(seq 1 $((kills - kills / 2))); do
  if [ $acked = a ]; then next=b; else next=a; fi
  "$tool" case score "$case" "$dir/answers-$next.json" --by "Kill Nurse" > /dev/null 2>&1 &
  pid=$!
  rand_sleep "$score_ms"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null && acked=$next   # exited 0 before the kill: acknowledged
  n_score=$((n_score + 1))
  "$tool" case verify "$case" > /dev/null 2>&1 || { half=$((half + 1)); echo "# the scored case fails verify"; }
  now=$(state)
  if [ "$now" = "$state_a" ]; then got=a; elif [ "$now" = "$state_b" ]; then got=b; else
    half=$((half + 1)); echo "# half state: $now"; continue; fi
  [ $got = $acked ] || [ $got = $next ] || lost=$((lost + 1))
  acked=$got
done

echo "# kills: $n_new of case new --from ($n_complete left a complete case), $n_score of case score"
echo "# half states: $half; lost acknowledged changes: $lost"
[ "$half" -eq 0 ] && [ "$lost" -eq 0 ] || fail "$half half states, $lost lost changes"
echo "ok"
