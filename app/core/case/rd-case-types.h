/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rd-types.h"

G_BEGIN_DECLS

/*
 * The values a case file stores and hands back. Every struct here is plain data
 * owned by the caller (free it with its _free function, or let a GPtrArray
 * returned by RdCaseFile free it). Times are UTC. Page numbers count from 1,
 * as printed on the page: subtract one for poppler_document_get_page().
 */

/**
 * RdCaseStatus:
 * @RD_CASE_STATUS_IN_REVIEW: being reviewed; no decision yet
 * @RD_CASE_STATUS_PENDED: pended until the provider sends documentation
 * @RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR: sent to a medical director
 * @RD_CASE_STATUS_DECIDED: a determination has been recorded
 * @RD_CASE_STATUS_SEALED: sealed by a medical director; read-only from now on
 */
typedef enum {
  RD_CASE_STATUS_IN_REVIEW,
  RD_CASE_STATUS_PENDED,
  RD_CASE_STATUS_WITH_MEDICAL_DIRECTOR,
  RD_CASE_STATUS_DECIDED,
  RD_CASE_STATUS_SEALED,
} RdCaseStatus;

const char *rd_case_status_to_string   (RdCaseStatus  status);  /* "in-review", ... */
gboolean    rd_case_status_from_string (const char   *name,
                                        RdCaseStatus *status);
const char *rd_case_status_to_label    (RdCaseStatus  status);  /* translated */

/**
 * RdEvidenceTarget:
 * @RD_EVIDENCE_TARGET_CRITERION: the passage supports a criterion's score
 * @RD_EVIDENCE_TARGET_DOCUMENTATION: the passage is a documentation item
 */
typedef enum {
  RD_EVIDENCE_TARGET_CRITERION,
  RD_EVIDENCE_TARGET_DOCUMENTATION,
} RdEvidenceTarget;

const char *rd_evidence_target_to_string   (RdEvidenceTarget  target);  /* "criterion", "documentation" */
gboolean    rd_evidence_target_from_string (const char       *name,
                                            RdEvidenceTarget *target);

/**
 * RdDecisionKind:
 * @RD_DECISION_APPROVE: approve the request (never adverse); a nurse may do
 *   it only when the recorded recommendation is that the criteria are met
 * @RD_DECISION_SEND_TO_DIRECTOR: route the case to a medical director
 * @RD_DECISION_PEND: pend the case until documentation arrives
 * @RD_DECISION_FINAL: a medical director's final determination, adverse or not
 */
typedef enum {
  RD_DECISION_APPROVE,
  RD_DECISION_SEND_TO_DIRECTOR,
  RD_DECISION_PEND,
  RD_DECISION_FINAL,
} RdDecisionKind;

const char *rd_decision_kind_to_string   (RdDecisionKind  kind);  /* "approve", ... */
gboolean    rd_decision_kind_from_string (const char     *name,
                                          RdDecisionKind *kind);


/**
 * RdCaseReview:
 * A policy the case is reviewed against, pinned to the exact policy content.
 */
typedef struct {
  char       *policy_id;
  char       *content_hash;   /* SHA-256 of the policy file, hex */
  char      **indications;    /* ids of the applicable indications, %NULL-terminated, never %NULL */
  char       *added_by;
  GDateTime  *added_at;
} RdCaseReview;

/**
 * RdCaseScore:
 * A criterion's score or a condition's answer (met = yes, not met = no).
 */
typedef struct {
  char       *policy_id;
  char       *target_id;      /* criterion or condition id */
  RdScore     score;
  char       *note;           /* nullable */
  char       *reviewer;
  GDateTime  *time;
} RdCaseScore;

/**
 * RdCaseDocItem:
 * One documentation checklist item and where the reviewer found it.
 */
typedef struct {
  char        *policy_id;
  char        *item_id;
  RdDocStatus  status;
  char        *where_found;   /* nullable, e.g. "Neurology note 2026-10-02, page 3" */
  char        *reviewer;
  GDateTime   *time;
} RdCaseDocItem;

/**
 * RdCaseEvidence:
 * A passage of a record that supports a score or shows a documentation item.
 * The region is in PDF points from the page's top-left corner, y downwards
 * (the coordinates poppler_page_get_text_layout() reports).
 */
typedef struct {
  gint64            id;           /* set by the store */
  gint64            record_id;
  guint             page_number;  /* from 1 */
  double            x, y, width, height;
  char             *quote;
  RdEvidenceTarget  target_kind;
  char             *policy_id;
  char             *target_id;    /* criterion id or documentation item id */
  char             *who;          /* set by the store */
  GDateTime        *time;         /* set by the store */
} RdCaseEvidence;

/**
 * RdCaseRecord:
 * An attached PDF record (without its bytes: see rd_case_file_read_record()).
 */
typedef struct {
  gint64      id;
  char       *file_name;
  char       *sha256;         /* hex */
  gint64      size;           /* bytes */
  guint       n_pages;
  guint       n_pages_indexed; /* pages whose text has been stored */
  guint       n_pages_too_costly; /* of those, pages whose text extraction went over the budget */
  char       *added_by;
  GDateTime  *added_at;
  gboolean    password_stored; /* its password is kept in the case (format 3) */
} RdCaseRecord;

/**
 * RdCaseSearchHit:
 * A page whose text matches a search. @snippet marks each match with
 * %RD_CASE_MATCH_START and %RD_CASE_MATCH_END (control characters that never
 * occur in stored page text, so a display can escape the rest safely).
 */
typedef struct {
  gint64  record_id;
  guint   page_number;
  char   *snippet;
  gboolean recognised;     /* the page's text was recognised from its image (OCR) */
  double   confidence;     /* then the mean confidence of its words, 0 to 100 */
} RdCaseSearchHit;

/**
 * RdCaseWord:
 * A word recognised on a scanned page: its box in PDF points from the page's
 * top-left corner (as evidence boxes are) and Tesseract's confidence, 0 to
 * 100. In an array, @word is owned by the array (rd_case_word_array_new()).
 */
typedef struct {
  char   *word;
  double  x, y, width, height;
  double  confidence;
} RdCaseWord;

/**
 * RdCasePageRef:
 * A page of a record, e.g. one to recognise.
 */
typedef struct {
  gint64 record_id;
  guint  page_number;
} RdCasePageRef;

#define RD_CASE_MATCH_START "\x02"
#define RD_CASE_MATCH_END   "\x03"

/**
 * RdCaseRecommendation:
 * What the engine recommended for one policy, as the reviewer last saw it.
 */
typedef struct {
  char       *policy_id;
  char       *outcome_id;     /* the policy's outcome id, or "pend" when it cannot decide */
  gboolean    adverse;        /* the outcome is adverse */
  gboolean    criteria_met;   /* every applicable criterion is met */
  char       *summary;        /* nullable: decisive criteria, missing documentation (text) */
  char       *computed_by;
  GDateTime  *time;
} RdCaseRecommendation;

/**
 * RdCaseDecision:
 * A decision recorded on the case; the latest one sets the case's status.
 */
typedef struct {
  gint64          id;
  RdDecisionKind  kind;
  char           *outcome_id;   /* nullable: the policy outcome decided */
  gboolean        adverse;
  char           *rationale;    /* nullable */
  char           *who;
  char           *credentials;  /* nullable, e.g. "MD" */
  RdRole          role;
  GDateTime      *time;
} RdCaseDecision;

/**
 * RdPeerToPeerEvent:
 * @RD_PEER_TO_PEER_OFFERED: a conversation was offered to the provider
 * @RD_PEER_TO_PEER_SCHEDULED: it is scheduled (for a time)
 * @RD_PEER_TO_PEER_HELD_UPHELD: it was held and the determination stands
 * @RD_PEER_TO_PEER_HELD_REOPENED: it was held and reopened the decision
 * @RD_PEER_TO_PEER_DECLINED: the provider declined it
 */
typedef enum {
  RD_PEER_TO_PEER_OFFERED,
  RD_PEER_TO_PEER_SCHEDULED,
  RD_PEER_TO_PEER_HELD_UPHELD,
  RD_PEER_TO_PEER_HELD_REOPENED,
  RD_PEER_TO_PEER_DECLINED,
} RdPeerToPeerEvent;

const char *rd_peer_to_peer_event_to_string (RdPeerToPeerEvent event);  /* "offered", ... */

/**
 * RdCasePeerToPeer:
 * A step of a peer-to-peer conversation between the provider and the
 * physician reviewer (format 6).
 */
typedef struct {
  gint64             id;
  RdPeerToPeerEvent  event;
  GDateTime         *scheduled_for;  /* nullable */
  char              *participant;    /* nullable: the provider */
  char              *notes;          /* nullable */
  char              *who;
  GDateTime         *time;
} RdCasePeerToPeer;

/**
 * RdCaseDecisionDraft:
 * A medical director's determination as it is being written, before it is
 * signed (format 4). It is not a decision: signing records the decision and
 * deletes the draft.
 */
typedef struct {
  char       *rationale;      /* as typed, never %NULL (may be empty) */
  char       *outcome_id;     /* nullable: the adverse outcome chosen so far */
  char       *who;
  GDateTime  *time;
} RdCaseDecisionDraft;

/**
 * RdCaseSeal:
 * The medical director's seal: a digest over the case's content.
 */
typedef struct {
  char       *digest;         /* SHA-256, hex */
  gint64      audit_seq;      /* the last audit entry the digest covers */
  char       *sealed_by;
  char       *credentials;
  GDateTime  *sealed_at;
} RdCaseSeal;

/**
 * RdCaseDueExtension:
 * The one extension of a case's due time that its rule may allow.
 */
typedef struct {
  guint       hours;          /* added to the rule's due time */
  char       *reason;
  char       *who;
  RdRole      role;
  GDateTime  *time;
} RdCaseDueExtension;

/**
 * RdCaseDeclinedProposal:
 * An indication intake proposed that the nurse took out of the review, and why.
 */
typedef struct {
  char       *policy_id;
  char       *indication_id;
  char       *reason;
  char       *who;
  GDateTime  *time;
} RdCaseDeclinedProposal;

/**
 * RdAuditEntry:
 * One entry of the append-only, hash-chained audit log.
 */
typedef struct {
  gint64      seq;
  GDateTime  *time;
  char       *who;
  char       *role;           /* "nurse-reviewer", "medical-director", "trainer" or "system" */
  char       *action;         /* e.g. "score", "request", "record-add" */
  char       *target;         /* what changed, e.g. "bsc-7.01.41/c-spasticity-1" */
  char       *old_value;      /* nullable */
  char       *new_value;      /* nullable */
  char       *prev_hash;
  char       *hash;
} RdAuditEntry;

void rd_case_review_free         (RdCaseReview         *review);
void rd_case_score_free          (RdCaseScore          *score);
void rd_case_doc_item_free       (RdCaseDocItem        *item);
void rd_case_evidence_free       (RdCaseEvidence       *evidence);
void rd_case_record_free         (RdCaseRecord         *record);
void rd_case_search_hit_free     (RdCaseSearchHit      *hit);
GArray *rd_case_word_array_new   (void);
void rd_case_recommendation_free (RdCaseRecommendation *recommendation);
void rd_case_decision_free       (RdCaseDecision       *decision);
void rd_case_peer_to_peer_free   (RdCasePeerToPeer     *event);
void rd_case_decision_draft_free (RdCaseDecisionDraft  *draft);
void rd_case_seal_free           (RdCaseSeal           *seal);
void rd_audit_entry_free         (RdAuditEntry         *entry);
void rd_case_due_extension_free  (RdCaseDueExtension   *extension);
void rd_case_declined_proposal_free (RdCaseDeclinedProposal *declined);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseReview, rd_case_review_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseScore, rd_case_score_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseDocItem, rd_case_doc_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseEvidence, rd_case_evidence_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseRecord, rd_case_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseSearchHit, rd_case_search_hit_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseRecommendation, rd_case_recommendation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseDecision, rd_case_decision_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCasePeerToPeer, rd_case_peer_to_peer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseDecisionDraft, rd_case_decision_draft_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseSeal, rd_case_seal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseDueExtension, rd_case_due_extension_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseDeclinedProposal, rd_case_declined_proposal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdAuditEntry, rd_audit_entry_free)

G_END_DECLS
