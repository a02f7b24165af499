#!/bin/sh
# Da Vinci PAS (FHIR R4): case new --pas refuses hostile and incomplete
# bundles with the element's path and writes nothing; a valid request
# becomes a case with its PDF as a record and the bundle kept; the
# director's determination exported with case export --pas carries what
# each resource's profile requires, checks against the case like a letter,
# and is refused as a request.
set -u
tool="$1"
make_case="$2"
sample="$3"
fail() { echo "not ok: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
REVIEWDESK_TRUST_FILE="$dir/trust.json"
export REVIEWDESK_TRUST_FILE

expect() {  # expect CODE PATTERN COMMAND...: exit status and a line of output
  want="$1"; pattern="$2"; shift 2
  out=$("$@" 2>&1); rc=$?
  [ "$rc" -eq "$want" ] || fail "$* exited $rc, not $want: $out"
  [ -z "$pattern" ] || echo "$out" | grep -q -- "$pattern" || fail "$* did not say '$pattern': $out"
}

variant() {  # variant FILE JQ-FILTER: the sample bundle, changed by the filter
  jq "$2" "$sample" > "$1" || fail "jq $2"
}

refused() {  # refused PATTERN BUNDLE.json: exit 1, the pattern said, no case written
  expect 1 "$1" "$tool" case new --pas "$2" "$dir/refused.rdcase"
  [ -z "$(ls -A "$dir" | grep -v '\.json' )" ] || fail "a refused bundle left files: $(ls -A "$dir")"
}

claim='.entry[0].resource'
# not JSON, not a request
printf '{"resourceType": ' > "$dir/bad.json"
refused "Not valid JSON" "$dir/bad.json"
echo '{"resourceType": "Patient", "id": "x"}' > "$dir/patient.json"
refused "Bundle.resourceType: not a PAS request" "$dir/patient.json"
variant "$dir/transaction.json" '.type = "transaction"'
refused 'Bundle.type: not a PAS request' "$dir/transaction.json"
variant "$dir/claim.json" "$claim.use = \"claim\""
refused 'Bundle.entry\[0\].resource(Claim).use: not a request for prior authorization' "$dir/claim.json"
# missing or wrong elements, each named by its path
variant "$dir/no-cpt.json" "$claim.item[0].productOrService.coding = [{\"system\": \"http://loinc.org\", \"code\": \"1\"}]"
refused 'Bundle.entry\[0\].resource(Claim).item\[0\].productOrService: no CPT or HCPCS code' "$dir/no-cpt.json"
variant "$dir/no-dx.json" "del($claim.diagnosis)"
refused 'Bundle.entry\[0\].resource(Claim).diagnosis: no ICD-10-CM diagnosis' "$dir/no-dx.json"
variant "$dir/no-birth.json" 'del(.entry[1].resource.birthDate)'
refused 'Bundle.entry\[1\].resource(Patient).birthDate' "$dir/no-birth.json"
variant "$dir/no-patient.json" 'del(.entry[1])'
refused 'Bundle.entry\[0\].resource(Claim).patient: “Patient/syn-patient-001” is not an entry' "$dir/no-patient.json"
variant "$dir/bad-cpt.json" "$claim.item[0].productOrService.coding[0].code = \"6236\""
refused 'Bundle.entry\[0\].resource(Claim).item\[0\].productOrService.coding\[0\]' "$dir/bad-cpt.json"
variant "$dir/no-created.json" "del($claim.created)"
refused 'Bundle.entry\[0\].resource(Claim).created' "$dir/no-created.json"
# hostile input: fixed limits, refused before any work
variant "$dir/deep.json" "$claim.extension = [[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]"
refused "nested deeper than 24" "$dir/deep.json"
{ printf '{"resourceType": "Bundle", "type": "collection", "id": "'; head -c 25200000 /dev/zero | tr '\0' 'x'
  printf '"}'; } > "$dir/huge.json"
refused "longer than" "$dir/huge.json"
head -c 33600000 /dev/zero > "$dir/too-large.json"
refused "larger than 32 MiB" "$dir/too-large.json"
variant "$dir/long-name.json" ".entry[3].resource.name = \"$(head -c 5000 /dev/zero | tr '\0' 'x')\""
refused 'Bundle.entry\[3\].resource(Organization).name: the text is longer' "$dir/long-name.json"
variant "$dir/base64.json" '.entry[8].resource.data = "JVBER@@@!!"'
refused 'Bundle.entry\[8\].resource(Binary).data: the attachment’s data is not base64' "$dir/base64.json"
variant "$dir/not-pdf.json" '.entry[8].resource.data = "aGVsbG8gd29ybGQh"'
refused 'Bundle.entry\[8\].resource(Binary).data: the attachment is not a PDF' "$dir/not-pdf.json"
variant "$dir/word.json" '.entry[7].resource.content[0].attachment.contentType = "application/msword"'
refused 'content\[0\].attachment: only PDF attachments' "$dir/word.json"

# a valid request: a case 0600 with the request, its PDF as a record and the bundle kept
case="$dir/a.rdcase"
expect 0 "with 1 record" "$tool" case new --pas "$sample" "$case" --by "Script Nurse"
[ "$(stat -c %a "$case")" = 600 ] || fail "a case must be created 0600"
expect 0 "bsc-7.01.41 (sha256" "$tool" case show "$case"
expect 0 "Jordan Example" "$tool" case show "$case"
expect 0 "Member ID *SYN123" "$tool" case show "$case"
expect 0 "Drug *morphine" "$tool" case show "$case"
expect 0 "Route *intrathecal" "$tool" case show "$case"
expect 0 "Payer *Blue Shield of California" "$tool" case show "$case"
expect 0 "Received *2026-12-01 09:00 UTC" "$tool" case show "$case"
expect 0 "neurology-note.pdf" "$tool" case show "$case"
[ "$(sqlite3 "$case" "SELECT sha256 FROM source_document WHERE kind = 'pas-request'")" = \
  "$(sha256sum < "$sample" | cut -d' ' -f1)" ] || fail "the bundle is not kept with its SHA-256"
[ "$(sqlite3 "$case" "SELECT count(*) FROM audit WHERE action = 'source-add'")" = 1 ] || fail "source-add not audited"
expect 0 "every audited value is what the audit log last set it to" "$tool" case verify "$case"
# a source document changed outside ReviewDesk is found by verify
cp "$case" "$dir/tampered.rdcase"
sqlite3 "$dir/tampered.rdcase" "DROP TRIGGER source_document_no_update; UPDATE source_document SET size = 1"
expect 1 "Source document 1" "$tool" case verify "$dir/tampered.rdcase"
rm -f "$dir/tampered.rdcase"

# the nurse's scores, the director's signed, sealed determination, the export
cat > "$dir/answers.json" <<'JSON'
{ "bsc-7.01.41": { "criteria": {"pain-severe-intractable": "met", "pain-successful-trial": "not-met"} } }
JSON
expect 0 "" "$tool" case score "$case" "$dir/answers.json" --by "Script Nurse"
expect 1 "no determination" "$tool" case export --pas "$case" "$dir/early.json"
[ ! -e "$dir/early.json" ] || fail "a refused export wrote a file"
"$make_case" --decide "$case" deny --sealed || fail "the director's determination"
resp="$dir/response.json"
expect 0 "Notice of Adverse Determination" "$tool" case export --pas "$case" "$resp"
[ "$(stat -c %a "$resp")" = 600 ] || fail "an export must be written 0600"

# what each profile requires (PAS 2.x ClaimResponse on FHIR R4 and US Core;
# Provenance, AuditEvent and Bundle from R4):
#   Bundle: type, timestamp, identifier, entry.fullUrl, entry.resource
#   ClaimResponse: identifier, status, type, use, patient, created, insurer,
#     requestor, request, outcome, item.itemSequence, item.adjudication.category,
#     the reviewAction extension with its reviewActionCode
#   Patient (US Core): identifier, name, gender; Organization: active, name;
#   Practitioner: identifier (NPI), name
#   Provenance: target, recorded, agent.who (and agent.type, agent.role, policy)
#   AuditEvent: type, recorded, agent.requestor, agent.who, source.observer
jq -e '.resourceType == "Bundle" and .type == "collection" and (.timestamp | length > 0) and .identifier.value
       and all(.entry[]; (.fullUrl | startswith("urn:uuid:")) and .resource.resourceType)' "$resp" >/dev/null \
  || fail "Bundle elements"
jq -e '[.entry[].resource | select(.resourceType == "ClaimResponse")] | length == 1 and (.[0] |
       .status == "active" and .use == "preauthorization" and .type.coding[0].code and .patient.reference
       and .created and .insurer.reference and .requestor.reference and .request.identifier.value == "SYN-PA-0001"
       and .outcome == "complete" and (.identifier | length >= 1)
       and all(.item[]; .itemSequence and all(.adjudication[]; .category.coding[0].code
         and (.extension[0].url | endswith("extension-reviewAction"))
         and .extension[0].extension[0].valueCodeableConcept.coding[0] ==
           {"system": "https://codesystem.x12.org/005010/306", "code": "A3", "display": "Not Certified"}
         and (.reason.text | test("trial did not reduce"))
         and any(.reason.coding[]; .system == "urn:reviewdesk:policy" and .code == "bsc-7.01.41"))))' \
  "$resp" >/dev/null || fail "ClaimResponse elements: $(jq -c '.entry[0].resource' "$resp")"
jq -e '[.entry[].resource | select(.resourceType == "ClaimResponse")][0] | has("preAuthRef") | not' "$resp" \
  >/dev/null || fail "a denial carries no preAuthRef"
for ref in patient insurer requestor; do
  jq -e --arg ref "$ref" '(.entry[0].resource[$ref].reference) as $url | [.entry[] | select(.fullUrl == $url)]
       | length == 1' "$resp" >/dev/null || fail "ClaimResponse.$ref does not resolve in the bundle"
done
jq -e '[.entry[].resource | select(.resourceType == "Patient")][0] | .identifier[0].value == "SYN123"
       and .name[0].text == "Jordan Example" and .gender and .birthDate == "1970-01-31"' "$resp" >/dev/null \
  || fail "Patient elements"
jq -e '[.entry[].resource | select(.resourceType == "Organization")][0] | .active and .name' "$resp" >/dev/null \
  || fail "Organization elements"
jq -e '[.entry[].resource | select(.resourceType == "Practitioner")][0] | .identifier[0].system ==
       "http://hl7.org/fhir/sid/us-npi" and .identifier[0].value == "1234567893" and .name[0].text' "$resp" \
  >/dev/null || fail "Practitioner elements"
jq -e '[.entry[].resource | select(.resourceType == "Provenance")] | length == 1 and (.[0] | .target[0].reference
       and .recorded and .agent[0].who.display == "Script Director, MD" and .agent[0].role[0].text ==
       "medical-director" and .agent[0].type.coding[0].code == "author"
       and (.policy[0] | test("^urn:reviewdesk:policy:bsc-7.01.41:sha256:[0-9a-f]{64}$")))' "$resp" >/dev/null \
  || fail "Provenance elements"
n_audit=$(sqlite3 "$case" "SELECT count(*) FROM audit")
jq -e --argjson n "$n_audit" '[.entry[].resource | select(.resourceType == "AuditEvent")] | length == $n and
       all(.[]; .type.code and .recorded and .agent[0].requestor == true and .agent[0].who.display
         and .source.observer.display and (.entity[0].detail | any(.type == "hash")))' "$resp" >/dev/null \
  || fail "AuditEvent elements (one per audit entry, $n_audit)"

# the export checks against the case like a letter, and is not a request
expect 0 "the case carries the seal the letter was written with" \
  "$tool" case verify "$case" --trust "$REVIEWDESK_TRUST_FILE" --against "$resp"
expect 1 "not a request" "$tool" case new --pas "$resp" "$dir/response.rdcase"
[ ! -e "$dir/response.rdcase" ] || fail "a response became a case"

# an approval carries its authorization and period; a pend asks for documents
expect 0 "" "$tool" case new --pas "$sample" "$dir/approve.rdcase"
"$make_case" --decide "$dir/approve.rdcase" approve || fail "approve"
expect 0 "" "$tool" case export --pas "$dir/approve.rdcase" "$dir/approve.json"
jq -e '.entry[0].resource | .outcome == "complete" and (.preAuthRef | length > 0) and .preAuthPeriod.start
       and .preAuthPeriod.end and .item[0].adjudication[0].extension[0].extension[0].valueCodeableConcept.coding[0].code
       == "A1" and (.item[0].extension[0].url | endswith("extension-itemPreAuthPeriod"))
       and (.identifier | map(select(.system == "urn:reviewdesk:seal")) | length == 0)' "$dir/approve.json" \
  >/dev/null || fail "approval elements: $(jq -c '.entry[0].resource' "$dir/approve.json")"
expect 1 "carries no ReviewDesk seal" "$tool" case verify "$dir/approve.rdcase" --against "$dir/approve.json"
expect 0 "" "$tool" case new --pas "$sample" "$dir/pend.rdcase"
"$make_case" --decide "$dir/pend.rdcase" pend || fail "pend"
expect 0 "" "$tool" case export --pas "$dir/pend.rdcase" "$dir/pend.json"
jq -e '.entry[0].resource as $cr | $cr.outcome == "queued"
       and $cr.item[0].adjudication[0].extension[0].extension[0].valueCodeableConcept.coding[0].code == "A4"
       and ([.entry[] | select(.fullUrl == $cr.communicationRequest[0].reference) | .resource
             | select(.resourceType == "CommunicationRequest" and .status == "active" and (.payload | length > 0))]
            | length == 1)' "$dir/pend.json" >/dev/null || fail "pend elements"
expect 2 "needs --pas" "$tool" case export "$case" "$dir/x.json"
echo "ok"
