/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-codes.h"
#include "rd-types.h"

G_BEGIN_DECLS

/*
 * The policy model: one immutable RdPolicy per policy file, holding plain
 * read-only records (RdOutcome, RdIndication, RdNode, ...). Every record is
 * owned by its policy and lives as long as the policy does: keep a reference to
 * the RdPolicy while you hold a pointer to one of its records, and never modify
 * a record. Strings are UTF-8 with runs of white space collapsed to one space.
 * String arrays (char **) are %NULL-terminated and never %NULL themselves.
 */

#define RD_POLICY_ERROR (rd_policy_error_quark ())
GQuark rd_policy_error_quark (void);

/**
 * RdPolicyError:
 * @RD_POLICY_ERROR_IO: the file could not be read
 * @RD_POLICY_ERROR_TOO_LARGE: the file is larger than %RD_POLICY_MAX_SIZE, or has
 *   more attributes, elements, depth or text than rd_xml_check_limits() allows
 * @RD_POLICY_ERROR_FORBIDDEN: the file has a DOCTYPE (DTDs and entities are refused)
 * @RD_POLICY_ERROR_PARSE: the file is not well-formed XML
 * @RD_POLICY_ERROR_SCHEMA: the file does not follow policy.rng
 * @RD_POLICY_ERROR_DUPLICATE_ID: two elements share an id
 * @RD_POLICY_ERROR_DANGLING_REFERENCE: a reference names no element of the right kind
 * @RD_POLICY_ERROR_BAD_CODE: a code is not valid for its code system
 * @RD_POLICY_ERROR_BAD_RANGE: a code range is reversed or its ends do not fit together
 * @RD_POLICY_ERROR_INVALID: another rule of policies/README.md is broken
 *   (e.g. an at-least group that asks for more children than it has)
 * @RD_POLICY_ERROR_NOT_FOUND: a policy directory holds no policy, or an id is unknown
 *
 * Every message names the file, the line and the element, and says what to fix:
 * `anthem.xml:412: <code value="OJH60VZ">: “OJH60VZ” contains the letter O ...`
 */
typedef enum {
  RD_POLICY_ERROR_IO,
  RD_POLICY_ERROR_TOO_LARGE,
  RD_POLICY_ERROR_FORBIDDEN,
  RD_POLICY_ERROR_PARSE,
  RD_POLICY_ERROR_SCHEMA,
  RD_POLICY_ERROR_DUPLICATE_ID,
  RD_POLICY_ERROR_DANGLING_REFERENCE,
  RD_POLICY_ERROR_BAD_CODE,
  RD_POLICY_ERROR_BAD_RANGE,
  RD_POLICY_ERROR_INVALID,
  RD_POLICY_ERROR_NOT_FOUND,
} RdPolicyError;

/** RD_POLICY_MAX_SIZE: the largest policy file the loader reads, in bytes. */
#define RD_POLICY_MAX_SIZE (4 * 1024 * 1024)

/**
 * RdCite:
 * @section: the section of the source, e.g. "Policy Statement"
 * @text: the quoted source sentence (verbatim but for white space)
 * @line: the line of the <cite> element in the policy file
 *
 * A citation. Records whose citation is optional (criteria groups) have
 * @section and @text %NULL when the file gives none.
 */
typedef struct {
  const char *section;
  const char *text;
  int         line;
} RdCite;

/**
 * RdOutcome:
 * @id: e.g. "medically-necessary"
 * @label: the policy's own words, e.g. "Not medically necessary"
 * @explanation: (nullable): when the policy reaches it
 * @adverse: only a medical director may issue it
 */
typedef struct {
  const char *id;
  const char *label;
  const char *explanation;
  gboolean    adverse;
  RdCite      cite;
  int         line;
} RdOutcome;

/**
 * RdComparison:
 * How a measured value is compared with a threshold's value: "greater than 50%"
 * is %RD_COMPARISON_GT with 50, so 50 exactly does not pass.
 */
typedef enum {
  RD_COMPARISON_GT,
  RD_COMPARISON_GE,
  RD_COMPARISON_LT,
  RD_COMPARISON_LE,
} RdComparison;

/**
 * RdThreshold:
 * @measure: what is measured, e.g. "pain reduction during the trial"
 * @value: the limit; @value_text is it as the file writes it ("50")
 * @unit: e.g. "percent", "months"
 * @text: the threshold explained in a sentence
 *
 * See rd_threshold_passes() in rd-engine.h.
 */
typedef struct {
  const char   *id;
  const char   *measure;
  RdComparison  comparison;
  double        value;
  const char   *value_text;
  const char   *unit;
  const char   *text;
  RdCite        cite;
  int           line;
} RdThreshold;

/** RdDefinition: a term the policy defines. */
typedef struct {
  const char *id;
  const char *term;
  const char *text;
  RdCite      cite;
  int         line;
} RdDefinition;

/**
 * RdCondition:
 * @question: a yes/no question about the case, e.g. "Is the spasticity due to a
 *   traumatic brain injury?"
 * @referral: the question is a referral trigger: answered yes, the case goes
 *   to a medical director with @cite (the policy's own words) on screen; the
 *   outcome does not change
 * @threshold: (nullable): for a referral trigger, a measured limit that
 *   answers it: the trigger fires when the measurement passes it (e.g. a life
 *   expectancy of at most 3 months)
 * @indications: (nullable): for a referral trigger, the indications it is asked
 *   for (none: every indication of the policy)
 * @request_types: for a referral trigger, the request types it is asked for, a
 *   mask of 1 << #RdRequestType (0: every type)
 *
 * Criteria and groups whose @when names a condition apply only when the answer
 * is yes; while the answer is unknown they are treated as applying.
 */
typedef struct {
  const char        *id;
  const char        *question;
  gboolean           referral;
  const RdThreshold *threshold;
  char             **indications;
  guint              request_types;
  RdCite             cite;
  int                line;
} RdCondition;

typedef enum {
  RD_NODE_ALL_OF,
  RD_NODE_ANY_OF,
  RD_NODE_AT_LEAST,
  RD_NODE_CRITERION,
} RdNodeKind;

typedef struct _RdNode RdNode;
typedef struct _RdIndication RdIndication;

/**
 * RdNode:
 * @kind: a group (all-of, any-of, at-least) or a criterion (a leaf)
 * @id: (nullable): always set for a criterion; optional for a group
 * @title: (nullable): a group's name as the source gives it ("Policy guidelines")
 * @when: (nullable): id of the #RdCondition this node depends on
 * @n: for %RD_NODE_AT_LEAST, how many children must be met
 * @children: (element-type RdNode): a group's children, in source order; empty
 *   for a criterion
 * @parent: (nullable): the enclosing group; %NULL for the indication's root
 * @indication: the indication whose tree holds the node
 * @text: a criterion's text (the reviewer's checklist line); %NULL for a group
 * @hint: (nullable): a criterion's hint for the reviewer
 * @threshold: (nullable): the #RdThreshold a criterion depends on
 * @definition: (nullable): the #RdDefinition a criterion depends on
 * @documents: ids of the documentation items that show whether it is met
 * @judgement: meeting it takes a physician's judgement (see rd-engine.h)
 */
struct _RdNode {
  RdNodeKind          kind;
  const char         *id;
  const char         *title;
  const char         *when;
  guint               request_types;  /* 0: every type; else 1 << RdRequestType */
  char              **routes;         /* empty: every route */
  guint               n;
  GPtrArray          *children;
  const RdNode       *parent;
  const RdIndication *indication;
  const char         *text;
  const char         *hint;
  const RdThreshold  *threshold;
  const RdDefinition *definition;
  char              **documents;
  gboolean            judgement;
  RdCite              cite;
  int                 line;
};

/**
 * RdIndication:
 * @met: the outcome reached when the tree is met
 * @not_met: the outcome reached when it is not met
 * @request_types: bit mask of `1 << RdRequestType` the indication governs; test
 *   it with rd_indication_governs()
 * @case_by_case: a medical director decides every result
 * @drugs, @routes: the `applies` matchers (may be empty)
 * @diagnoses: ids of ICD-10-CM code lists, one of which must hold a diagnosis
 * @root: the criteria tree
 */
struct _RdIndication {
  const char      *id;
  const RdOutcome *met;
  const RdOutcome *not_met;
  guint            request_types;
  gboolean         case_by_case;
  const char      *title;
  const char      *summary;
  RdCite           cite;
  char           **drugs;
  char           **routes;
  char           **diagnoses;
  const RdNode    *root;
  int              line;
};

gboolean rd_indication_governs (const RdIndication *indication,
                                RdRequestType       type);

/**
 * RdExclusion:
 * @outcome: the outcome the excluded use leads to
 * @codes: ids of the code lists that identify the use (may be empty)
 * @request_types: bit mask of request types it concerns; 0 for every type
 */
typedef struct {
  const char      *id;
  const RdOutcome *outcome;
  char           **codes;
  guint            request_types;
  char           **drugs;     /* what the excluded use is: ingredient or class ids */
  char           **routes;
  char           **diagnoses; /* ids of ICD-10-CM lists, one of which holds a diagnosis of the request */
  const char      *text;
  RdCite           cite;
  int              line;
} RdExclusion;

typedef enum {
  RD_NOTE_SAFETY,
  RD_NOTE_REVIEWER,
  RD_NOTE_CASE_BY_CASE,
  RD_NOTE_SUPPLIES,
  RD_NOTE_REGULATORY,
  RD_NOTE_BENEFIT,
} RdNoteKind;

const char *rd_note_kind_to_string (RdNoteKind kind);  /* "safety", ... as in the file */
const char *rd_note_kind_to_label  (RdNoteKind kind);  /* translated: "Safety", ... */

/** RdNote: @refers are ids of any records the note concerns (may be empty). */
typedef struct {
  const char  *id;
  RdNoteKind   kind;
  char       **refers;
  const char  *text;
  RdCite       cite;
  int          line;
} RdNote;

typedef enum {
  RD_DOC_PRE_SERVICE,
  RD_DOC_POST_SERVICE,
} RdDocPhase;

typedef struct _RdDocItem RdDocItem;

/**
 * RdDocItem:
 * @indications: ids of the indications it is for; empty for every indication
 * @children: (element-type RdDocItem): nested items, as in the source
 * @parent: (nullable): the enclosing item
 */
struct _RdDocItem {
  const char      *id;
  RdDocPhase       phase;
  char           **indications;
  const char      *text;
  RdCite           cite;
  GPtrArray       *children;
  const RdDocItem *parent;
  int              line;
};

/**
 * RdCodeEntry:
 * @from: the code, or the first code of a range
 * @to: the same as @from for a single code, else the range's last code
 * @printed: (nullable): the source's misprint where the code was corrected
 * @description: the source's description
 */
/**
 * RdCodeQualifier:
 * @RD_CODE_QUALIFIER_NONE: the code counts for every request
 * @RD_CODE_QUALIFIER_REPLACEMENT: "[when specified as replacement]"
 * @RD_CODE_QUALIFIER_IMPLANTABLE_PUMP: "[when used with an implantable pump]"
 */
typedef enum {
  RD_CODE_QUALIFIER_NONE,
  RD_CODE_QUALIFIER_REPLACEMENT,
  RD_CODE_QUALIFIER_IMPLANTABLE_PUMP,
} RdCodeQualifier;

typedef struct {
  const char *from;
  const char *to;
  gboolean    is_range;
  RdCodeQualifier qualifier;
  const char *printed;
  const char *description;
  int         line;
} RdCodeEntry;

/**
 * RdCodeList:
 * @disposition: "criteria" (decided by the criteria) or an outcome id
 * @outcome: (nullable): the outcome of @disposition, %NULL for "criteria"
 * @entries: (element-type RdCodeEntry)
 */
typedef struct {
  const char      *id;
  RdCodeSystem     system;
  const char      *disposition;
  const RdOutcome *outcome;
  const char      *title;
  RdCite           cite;
  GPtrArray       *entries;
  int              line;
} RdCodeList;

const RdCodeEntry *rd_code_list_lookup (const RdCodeList *list,
                                        const char       *code);

/** RdSummary: a rationale summary shown beside the records in @refers. */
typedef struct {
  const char  *id;
  char       **refers;
  const char  *title;
  const char  *text;
  RdCite       cite;
  int          line;
} RdSummary;

/** RdCorrection: where the encoding departs from the extracted source, and why. */
typedef struct {
  char       **refers;
  const char  *text;
  int          line;
} RdCorrection;

/**
 * RdScope:
 * @purposes: the purposes (drug vocabulary) the policy governs; empty: every use
 * @text: the scope in words
 */
typedef struct {
  char       **purposes;
  const char  *text;
  RdCite       cite;
  int          line;
} RdScope;

/**
 * RdRequestHandling:
 * @RD_REQUEST_HANDLING_INDICATIONS: the policy's indications decide it
 * @RD_REQUEST_HANDLING_OWN_RULES: the policy has indications of its own for it
 * @RD_REQUEST_HANDLING_SILENT: the policy says nothing about it; its indications
 *   for the type re-check the original indication and the device, pend for
 *   what is missing and leave anything adverse to a physician
 * @RD_REQUEST_HANDLING_NOT_GOVERNED: the policy does not govern it
 */
typedef enum {
  RD_REQUEST_HANDLING_INDICATIONS,
  RD_REQUEST_HANDLING_OWN_RULES,
  RD_REQUEST_HANDLING_SILENT,
  RD_REQUEST_HANDLING_NOT_GOVERNED,
} RdRequestHandling;

const char *rd_request_handling_to_string (RdRequestHandling handling);

typedef struct {
  RdRequestType      type;
  RdRequestHandling  handling;
  gboolean           described;  /* governed without a listed procedure code */
  const char        *text;
  RdCite             cite;
  int                line;
} RdRequestRule;

#define RD_TYPE_POLICY (rd_policy_get_type ())
G_DECLARE_FINAL_TYPE (RdPolicy, rd_policy, RD, POLICY, GObject)

RdPolicy   *rd_policy_new_from_file        (GFile        *file,
                                            GError      **error);
RdPolicy   *rd_policy_new_from_path        (const char   *path,
                                            GError      **error);
RdPolicy   *rd_policy_new_from_bytes       (GBytes       *bytes,
                                            const char   *filename,
                                            GError      **error);

char       *rd_policy_get_default_dir      (void);
GPtrArray  *rd_policy_load_directory       (const char   *dir,
                                            GError      **error);
GPtrArray  *rd_policy_load_directory_skipping (const char  *dir,
                                               GPtrArray  **skipped,
                                               GError     **error);
RdPolicy   *rd_policy_find_in              (GPtrArray    *policies,
                                            const char   *id);

/* Identity */
const char *rd_policy_get_id               (RdPolicy     *self);
const char *rd_policy_get_filename         (RdPolicy     *self);
const char *rd_policy_get_hash             (RdPolicy     *self);
GBytes     *rd_policy_get_bytes            (RdPolicy     *self);
const char *rd_policy_get_payer            (RdPolicy     *self);
const char * const *rd_policy_get_payer_aliases (RdPolicy *self);
gboolean    rd_policy_is_payers            (RdPolicy     *self,
                                            const char   *payer);
const char *rd_policy_get_number           (RdPolicy     *self);
const char *rd_policy_get_title            (RdPolicy     *self);
const char *rd_policy_get_original         (RdPolicy     *self);
const char *rd_policy_get_effective        (RdPolicy     *self);
const char *rd_policy_get_revised          (RdPolicy     *self);
const char *rd_policy_get_published        (RdPolicy     *self);
const char *rd_policy_get_source_file      (RdPolicy     *self);
const char *rd_policy_get_source_title     (RdPolicy     *self);
const char *rd_policy_get_documentation_intro (RdPolicy  *self);
const RdScope       *rd_policy_get_scope        (RdPolicy      *self);
const RdRequestRule *rd_policy_get_request_rule (RdPolicy      *self,
                                                 RdRequestType  type);

/* Records, in file order; (element-type) as named. Owned by the policy. */
GPtrArray  *rd_policy_get_outcomes         (RdPolicy     *self);  /* RdOutcome */
GPtrArray  *rd_policy_get_thresholds       (RdPolicy     *self);  /* RdThreshold */
GPtrArray  *rd_policy_get_definitions      (RdPolicy     *self);  /* RdDefinition */
GPtrArray  *rd_policy_get_conditions       (RdPolicy     *self);  /* RdCondition */
GPtrArray  *rd_policy_get_indications      (RdPolicy     *self);  /* RdIndication */
GPtrArray  *rd_policy_get_exclusions       (RdPolicy     *self);  /* RdExclusion */
GPtrArray  *rd_policy_get_notes            (RdPolicy     *self);  /* RdNote */
GPtrArray  *rd_policy_get_documentation    (RdPolicy     *self);  /* RdDocItem, top level */
GPtrArray  *rd_policy_get_code_lists       (RdPolicy     *self);  /* RdCodeList */
GPtrArray  *rd_policy_get_summaries        (RdPolicy     *self);  /* RdSummary */
GPtrArray  *rd_policy_get_corrections      (RdPolicy     *self);  /* RdCorrection */

/* Look-ups by id; %NULL when no record of that kind has the id. */
const RdOutcome    *rd_policy_find_outcome     (RdPolicy *self, const char *id);
const RdThreshold  *rd_policy_find_threshold   (RdPolicy *self, const char *id);
const RdDefinition *rd_policy_find_definition  (RdPolicy *self, const char *id);
const RdCondition  *rd_policy_find_condition   (RdPolicy *self, const char *id);
const RdIndication *rd_policy_find_indication  (RdPolicy *self, const char *id);
const RdNode       *rd_policy_find_node        (RdPolicy *self, const char *id);
const RdExclusion  *rd_policy_find_exclusion   (RdPolicy *self, const char *id);
const RdNote       *rd_policy_find_note        (RdPolicy *self, const char *id);
const RdDocItem    *rd_policy_find_doc_item    (RdPolicy *self, const char *id);
const RdCodeList   *rd_policy_find_code_list   (RdPolicy *self, const char *id);
const RdSummary    *rd_policy_find_summary     (RdPolicy *self, const char *id);

GPtrArray  *rd_policy_get_criteria         (RdPolicy           *self,
                                            const RdIndication *indication);
GPtrArray  *rd_policy_get_conditions_for   (RdPolicy           *self,
                                            const RdIndication *indication);
gboolean    rd_condition_asked_for         (const RdCondition  *condition,
                                            const RdIndication *indication);
GPtrArray  *rd_policy_get_notes_for        (RdPolicy           *self,
                                            const char         *id);
GPtrArray  *rd_policy_get_summaries_for    (RdPolicy           *self,
                                            const char         *id);
GPtrArray  *rd_policy_get_doc_items_for    (RdPolicy           *self,
                                            const RdIndication *indication);

/**
 * RdCitation:
 * @element: the element that holds the citation ("criterion", "note", ...)
 * @id: (nullable): that element's id
 * @cite: the citation
 */
typedef struct {
  const char   *element;
  const char   *id;
  const RdCite *cite;
} RdCitation;

GPtrArray  *rd_policy_get_citations        (RdPolicy           *self);
GPtrArray  *rd_policy_find_missing_citations (RdPolicy         *self,
                                            const char         *source_text,
                                            guint              *n_checked);
char       *rd_citation_normalize          (const char         *text);

G_END_DECLS
