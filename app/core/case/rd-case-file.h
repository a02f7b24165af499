/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rd-case-types.h"
#include "rd-measurement.h"
#include "rd-request.h"
#include "rd-signing-key.h"
#include "rd-trust.h"

G_BEGIN_DECLS

/*
 * RdCaseFile: one case in one SQLite file (*.rdcase), documented in
 * data/CASE-FORMAT.md.
 *
 * Every write is one transaction together with its audit entry and is durable
 * when the function returns TRUE: there is no Save. Writes are refused on a
 * case opened read-only or sealed. Writes record the actor set with
 * rd_case_file_set_actor(); set it before the first write.
 *
 * Threads: an RdCaseFile belongs to the thread that opened it (the main
 * thread in the application), except for the functions marked "any thread",
 * which use their own SQLite connection and may run in a GTask worker while
 * the main thread keeps writing. Keep a reference and leave the case open
 * until such workers finish: closing releases the write lock.
 */

#define RD_CASE_FILE_APPLICATION_ID 0x52446331  /* "RDc1" */
/* The application id of a case still being created (see rd_case_file_create_filled()). */
#define RD_CASE_FILE_BUILDING_ID    0x52446330  /* "RDc0" */
#define RD_CASE_FILE_VERSION        9           /* the user_version this build writes */

#define RD_CASE_FILE_ERROR (rd_case_file_error_quark ())
GQuark rd_case_file_error_quark (void);

/**
 * RdCaseFileError:
 * @RD_CASE_FILE_ERROR_IO: the file cannot be read, created or written
 * @RD_CASE_FILE_ERROR_EXISTS: creating a case over an existing file
 * @RD_CASE_FILE_ERROR_NOT_SQLITE: the file is not an SQLite database
 * @RD_CASE_FILE_ERROR_FOREIGN: an SQLite database of another application
 * @RD_CASE_FILE_ERROR_DAMAGED: a case file whose content is damaged
 * @RD_CASE_FILE_ERROR_NEWER: written by a newer ReviewDesk
 * @RD_CASE_FILE_ERROR_READ_ONLY: a write to a case opened read-only
 * @RD_CASE_FILE_ERROR_SEALED: a write to a sealed case
 * @RD_CASE_FILE_ERROR_NOT_PERMITTED: the actor's role may not do this
 * @RD_CASE_FILE_ERROR_NO_ACTOR: a write before rd_case_file_set_actor()
 * @RD_CASE_FILE_ERROR_NOT_FOUND: no such record, evidence or review
 * @RD_CASE_FILE_ERROR_INVALID: an argument the case cannot store
 * @RD_CASE_FILE_ERROR_BUSY: another writer held the file for too long
 * @RD_CASE_FILE_ERROR_NOT_REGULAR: a folder, named pipe or device, not a file
 */
typedef enum {
  RD_CASE_FILE_ERROR_IO,
  RD_CASE_FILE_ERROR_EXISTS,
  RD_CASE_FILE_ERROR_NOT_SQLITE,
  RD_CASE_FILE_ERROR_FOREIGN,
  RD_CASE_FILE_ERROR_DAMAGED,
  RD_CASE_FILE_ERROR_NEWER,
  RD_CASE_FILE_ERROR_READ_ONLY,
  RD_CASE_FILE_ERROR_SEALED,
  RD_CASE_FILE_ERROR_NOT_PERMITTED,
  RD_CASE_FILE_ERROR_NO_ACTOR,
  RD_CASE_FILE_ERROR_NOT_FOUND,
  RD_CASE_FILE_ERROR_INVALID,
  RD_CASE_FILE_ERROR_BUSY,
  RD_CASE_FILE_ERROR_NOT_REGULAR,
} RdCaseFileError;

/**
 * RdCaseFileOpenFlags:
 * @RD_CASE_FILE_OPEN_NONE: open for writing (read-only if another ReviewDesk
 *   has it open for writing: see rd_case_file_get_read_only_reason())
 * @RD_CASE_FILE_OPEN_READ_ONLY: open for reading only
 */
typedef enum {
  RD_CASE_FILE_OPEN_NONE = 0,
  RD_CASE_FILE_OPEN_READ_ONLY = 1 << 0,
} RdCaseFileOpenFlags;

#define RD_TYPE_CASE_FILE (rd_case_file_get_type ())
G_DECLARE_FINAL_TYPE (RdCaseFile, rd_case_file, RD, CASE_FILE, GObject)

/* ---- lifecycle (rd-case-file.c) ---------------------------------------- */

RdCaseFile   *rd_case_file_create               (const char           *path,
                                                 const char           *case_id,
                                                 GError              **error);
/**
 * RdCaseFileFillFunc:
 * @cf: the case being created, open for writing
 * @user_data: as given
 * @error: return location for an error
 *
 * Writes a new case's first content; see rd_case_file_create_filled().
 *
 * Returns: %TRUE on success
 */
typedef gboolean (*RdCaseFileFillFunc) (RdCaseFile  *cf,
                                        gpointer     user_data,
                                        GError     **error);

gboolean      rd_case_file_create_filled        (const char           *path,
                                                 const char           *case_id,
                                                 RdCaseFileFillFunc    fill,
                                                 gpointer              user_data,
                                                 GError              **error);
RdCaseFile   *rd_case_file_open                 (const char           *path,
                                                 RdCaseFileOpenFlags   flags,
                                                 GError              **error);
void          rd_case_file_open_async           (const char           *path,
                                                 RdCaseFileOpenFlags   flags,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
RdCaseFile   *rd_case_file_open_finish          (GAsyncResult         *result,
                                                 GError              **error);
void          rd_case_file_close                (RdCaseFile           *self);

const char   *rd_case_file_get_path             (RdCaseFile           *self);
const char   *rd_case_file_get_case_id          (RdCaseFile           *self);
gboolean      rd_case_file_is_read_only         (RdCaseFile           *self);
const char   *rd_case_file_get_read_only_reason (RdCaseFile           *self);
RdCaseStatus  rd_case_file_get_status           (RdCaseFile           *self);
GDateTime    *rd_case_file_get_created          (RdCaseFile           *self);
GDateTime    *rd_case_file_get_updated          (RdCaseFile           *self);
guint         rd_case_file_get_format_version   (RdCaseFile           *self);

gboolean      rd_case_file_begin_batch          (RdCaseFile           *self,
                                                 GError              **error);
gboolean      rd_case_file_end_batch            (RdCaseFile           *self,
                                                 gboolean              commit,
                                                 GError              **error);

void          rd_case_file_set_actor            (RdCaseFile           *self,
                                                 const char           *name,
                                                 const char           *credentials,
                                                 RdRole                role);
const char   *rd_case_file_get_actor_name       (RdCaseFile           *self);
/* ---- signing (rd-case-signing.c) ----------------------------------------- */
void          rd_case_file_set_trust            (RdCaseFile           *self,
                                                 RdTrust              *trust);
RdTrust      *rd_case_file_get_trust            (RdCaseFile           *self);
gboolean      rd_case_file_set_signer           (RdCaseFile           *self,
                                                 RdSigningKey         *key,
                                                 GError              **error);
const RdCertificate *rd_case_file_get_signer_certificate (RdCaseFile  *self);
gboolean      rd_case_file_can_sign_as          (RdCaseFile           *self,
                                                 RdRole                role);
char         *rd_case_file_get_seal_token       (RdCaseFile           *self,
                                                 GError              **error);
gboolean      rd_case_file_check_seal_token     (RdCaseFile           *self,
                                                 const char           *token,
                                                 char                **problem,
                                                 GError              **error);
RdRole        rd_case_file_get_actor_role       (RdCaseFile           *self);

/* ---- request ------------------------------------------------------------ */

RdRequest    *rd_case_file_get_request          (RdCaseFile           *self,
                                                 GError              **error);
gboolean      rd_case_file_set_request          (RdCaseFile           *self,
                                                 const RdRequest      *request,
                                                 GError              **error);

/* ---- the due time and its extension (rd-case-due.c) ------------------------ */

GDateTime    *rd_case_file_get_due_time         (RdCaseFile           *self,
                                                 GError              **error);
gboolean      rd_case_file_extend_due           (RdCaseFile           *self,
                                                 guint                 hours,
                                                 const char           *reason,
                                                 GError              **error);
RdCaseDueExtension *rd_case_file_get_due_extension (RdCaseFile        *self,
                                                 GError              **error);

/* ---- review: policies, scores, conditions, documentation (rd-case-review.c) */

gboolean      rd_case_file_add_review           (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 const char           *content_hash,
                                                 GError              **error);
gboolean      rd_case_file_set_indications      (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 const char * const   *indication_ids,
                                                 GError              **error);
/* rd-case-proposal.c */
gboolean      rd_case_file_decline_indication   (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 const char           *indication_id,
                                                 const char           *reason,
                                                 GError              **error);
GPtrArray    *rd_case_file_list_declined        (RdCaseFile           *self,
                                                 GError              **error);
GPtrArray    *rd_case_file_list_reviews         (RdCaseFile           *self,
                                                 GError              **error);

gboolean      rd_case_file_set_score            (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 const char           *criterion_id,
                                                 RdScore               score,
                                                 const char           *note,
                                                 GError              **error);
gboolean      rd_case_file_set_score_note       (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 const char           *criterion_id,
                                                 const char           *note,
                                                 GError              **error);
RdCaseScore  *rd_case_file_get_score            (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 const char           *criterion_id,
                                                 GError              **error);
GPtrArray    *rd_case_file_list_scores          (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 GError              **error);

gboolean      rd_case_file_set_condition        (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 const char           *condition_id,
                                                 RdScore               answer,
                                                 const char           *note,
                                                 GError              **error);
RdCaseScore  *rd_case_file_get_condition        (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 const char           *condition_id,
                                                 GError              **error);
GPtrArray    *rd_case_file_list_conditions      (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 GError              **error);

gboolean      rd_case_file_set_documentation    (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 const char           *item_id,
                                                 RdDocStatus           status,
                                                 const char           *where_found,
                                                 GError              **error);
GPtrArray    *rd_case_file_list_documentation   (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 GError              **error);

/* ---- measurements for criteria and questions with a threshold
 * (rd-case-measurement.c) ------------------------------------------------- */

gboolean      rd_case_file_set_measurement      (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 const char           *target_id,
                                                 const RdMeasurement  *measurement,
                                                 GError              **error);
GHashTable   *rd_case_file_get_measurements     (RdCaseFile           *self,
                                                 const char           *policy_id);

/* ---- evidence (rd-case-review.c) ---------------------------------------- */

gint64        rd_case_file_add_evidence         (RdCaseFile           *self,
                                                 const RdCaseEvidence *evidence,
                                                 GError              **error);
gboolean      rd_case_file_remove_evidence      (RdCaseFile           *self,
                                                 gint64                evidence_id,
                                                 GError              **error);
GPtrArray    *rd_case_file_list_evidence        (RdCaseFile           *self,
                                                 const char           *policy_id,
                                                 const char           *target_id,
                                                 GError              **error);

/* ---- records and their text (rd-case-records.c) ------------------------- */

/**
 * RdCaseAttachOutcome:
 * @RD_CASE_ATTACH_ADDED: the record was added with all its page text
 * @RD_CASE_ATTACH_ALREADY_PRESENT: the case already held the record and all
 *   its page text; nothing was written
 * @RD_CASE_ATTACH_COMPLETED: the case held the record without all its page
 *   text (a case written before attaching was one transaction); the text was
 *   stored now
 */
typedef enum {
  RD_CASE_ATTACH_ADDED,
  RD_CASE_ATTACH_ALREADY_PRESENT,
  RD_CASE_ATTACH_COMPLETED,
} RdCaseAttachOutcome;

/**
 * RD_CASE_PAGE_TOO_COSTLY:
 * The value of a page's has_text_layer column (and of an element of the
 * @has_text_layer arrays given to rd_case_file_attach_record()) when the
 * page's text extraction went over its time or memory budget: its text is
 * stored empty.
 */
#define RD_CASE_PAGE_TOO_COSTLY 2

/**
 * RD_CASE_PAGE_RECOGNISED:
 * The has_text_layer value of a scanned page whose text was recognised
 * (OCR): its text is the recognised words, its words with their boxes are
 * in page_word (rd_case_file_list_page_words()).
 */
#define RD_CASE_PAGE_RECOGNISED 3

/**
 * RD_CASE_PAGE_UNRECOGNISABLE:
 * The has_text_layer value of a scanned page whose recognition was refused
 * (an image too large or that cannot be decoded): its text stays empty and
 * it is not tried again.
 */
#define RD_CASE_PAGE_UNRECOGNISABLE 4

gint64        rd_case_file_attach_record        (RdCaseFile           *self,
                                                 GBytes               *pdf,
                                                 const char           *file_name,
                                                 guint                 n_pages,
                                                 const char * const   *texts,
                                                 const gboolean       *has_text_layer,
                                                 const char           *who,
                                                 RdCaseAttachOutcome  *outcome,
                                                 GError              **error);
gint64        rd_case_file_add_record           (RdCaseFile           *self,
                                                 GBytes               *pdf,
                                                 const char           *file_name,
                                                 guint                 n_pages,
                                                 const char           *who,
                                                 gboolean             *already_present,
                                                 GError              **error);
GPtrArray    *rd_case_file_list_records         (RdCaseFile           *self,
                                                 GError              **error);
RdCaseRecord *rd_case_file_get_record           (RdCaseFile           *self,
                                                 gint64                record_id,
                                                 GError              **error);
GBytes       *rd_case_file_read_record          (RdCaseFile           *self,
                                                 gint64                record_id,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
gboolean      rd_case_file_set_page_texts       (RdCaseFile           *self,
                                                 gint64                record_id,
                                                 guint                 n_pages,
                                                 const char * const   *texts,
                                                 const gboolean       *has_text_layer,
                                                 GError              **error);
char         *rd_case_file_get_page_text        (RdCaseFile           *self,
                                                 gint64                record_id,
                                                 guint                 page_number,
                                                 gboolean             *has_text_layer,
                                                 GError              **error);
GArray       *rd_case_file_list_scanned_pages   (RdCaseFile           *self,
                                                 gint64                record_id,
                                                 GError              **error);
gboolean      rd_case_file_store_record_password  (RdCaseFile         *self,
                                                   gint64              record_id,
                                                   const char         *password,
                                                   GError            **error);
gboolean      rd_case_file_forget_record_password (RdCaseFile         *self,
                                                   gint64              record_id,
                                                   GError            **error);
gboolean      rd_case_file_lookup_record_password (RdCaseFile         *self,
                                                   gint64              record_id,
                                                   char              **password,
                                                   GError            **error);
gboolean      rd_case_file_store_recognised_page (RdCaseFile          *self,
                                                 gint64                record_id,
                                                 guint                 page_number,
                                                 const RdCaseWord     *words,
                                                 guint                 n_words,
                                                 GError              **error);
gboolean      rd_case_file_mark_page_unrecognisable (RdCaseFile       *self,
                                                 gint64                record_id,
                                                 guint                 page_number,
                                                 GError              **error);
GArray       *rd_case_file_list_page_words      (RdCaseFile           *self,
                                                 gint64                record_id,
                                                 guint                 page_number,
                                                 GError              **error);
GArray       *rd_case_file_list_pages_to_recognise (RdCaseFile        *self,
                                                 GError              **error);
GPtrArray    *rd_case_file_search               (RdCaseFile           *self,
                                                 const char           *query,
                                                 guint                 max_hits,
                                                 GError              **error);

/* ---- recommendation, decisions, seal (rd-case-decision.c; the director's
 * draft in rd-case-draft.c) ------------------------------------------------ */

gboolean      rd_case_file_set_recommendation   (RdCaseFile                 *self,
                                                 const RdCaseRecommendation *recommendation,
                                                 GError                    **error);
GPtrArray    *rd_case_file_list_recommendations (RdCaseFile                 *self,
                                                 GError                    **error);
gint64        rd_case_file_record_decision      (RdCaseFile                 *self,
                                                 RdDecisionKind              kind,
                                                 const char                 *outcome_id,
                                                 gboolean                    adverse,
                                                 const char                 *rationale,
                                                 GError                    **error);
gint64        rd_case_file_record_determination (RdCaseFile                 *self,
                                                 const char                 *outcome_id,
                                                 gboolean                    adverse,
                                                 const char                 *rationale,
                                                 const char                 *criterion,
                                                 GError                    **error);
gboolean      rd_case_file_get_determination_basis (RdCaseFile              *self,
                                                 gint64                      decision_id,
                                                 char                      **criterion,
                                                 gint64                     *reconsiders,
                                                 GError                    **error);
gint64        rd_case_file_record_peer_to_peer  (RdCaseFile                 *self,
                                                 RdPeerToPeerEvent           event,
                                                 GDateTime                  *scheduled_for,
                                                 const char                 *participant,
                                                 const char                 *notes,
                                                 GError                    **error);
GPtrArray    *rd_case_file_list_peer_to_peer    (RdCaseFile                 *self,
                                                 GError                    **error);
GPtrArray    *rd_case_file_list_decisions       (RdCaseFile                 *self,
                                                 GError                    **error);
gboolean      rd_case_file_set_decision_draft   (RdCaseFile                 *self,
                                                 const char                 *rationale,
                                                 const char                 *outcome_id,
                                                 GError                    **error);
RdCaseDecisionDraft *rd_case_file_get_decision_draft (RdCaseFile            *self,
                                                 GError                    **error);
gboolean      rd_case_file_clear_decision_draft (RdCaseFile                 *self,
                                                 GError                    **error);
gboolean      rd_case_file_seal                 (RdCaseFile                 *self,
                                                 GError                    **error);
RdCaseSeal   *rd_case_file_get_seal             (RdCaseFile                 *self,
                                                 GError                    **error);

/* ---- source documents (rd-case-source.c) ---------------------------------- */

gint64        rd_case_file_add_source_document  (RdCaseFile           *self,
                                                 const char           *kind,
                                                 const char           *media_type,
                                                 GBytes               *data,
                                                 GError              **error);
GBytes       *rd_case_file_get_source_document  (RdCaseFile           *self,
                                                 const char           *kind,
                                                 char                **sha256,
                                                 GError              **error);

/* ---- audit, verification and repair (rd-case-verify.c) ------------------- */

GPtrArray    *rd_case_file_list_audit           (RdCaseFile           *self,
                                                 GError              **error);
GPtrArray    *rd_case_file_list_audit_after     (RdCaseFile           *self,
                                                 gint64                after_seq,
                                                 GError              **error);

/**
 * RdCaseVerifyResult:
 * What rd_case_file_verify() found. Each @*_problem is %NULL when that check
 * passed, otherwise a translated sentence naming what is wrong.
 */
typedef struct {
  char     *integrity_problem;   /* SQLite integrity_check, FTS index, record bytes */
  char     *audit_problem;       /* the first broken link of the audit chain */
  gint64    audit_first_broken;  /* its sequence number, or 0 */
  gint64    audit_entries;
  gboolean  sealed;
  char     *seal_problem;        /* a sealed case whose content changed */
  char     *records_problem;     /* pages without their text, a search index that does
                                  * not match the text: one line per record affected */
  char     *replay_problem;      /* content that differs from what its audit log says it
                                  * is (changed outside ReviewDesk): one line per difference */
  char     *signature_problem;   /* signatures that do not match, decisions or a seal
                                  * without one, certificates not valid: one line each */
  char     *trust_problem;       /* a warning, not a failure: the signers' certificates
                                  * could not be checked against an organisation, as no
                                  * trust file is set (rd_case_file_set_trust()) */
  guint     signatures;          /* valid signatures */
  gint64    unsigned_entries;    /* audit entries after the last signed checkpoint */
  char     *signers;             /* who signed, with role, organisation and fingerprint */
} RdCaseVerifyResult;

void      rd_case_verify_result_free (RdCaseVerifyResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RdCaseVerifyResult, rd_case_verify_result_free)

RdCaseVerifyResult *rd_case_file_verify         (RdCaseFile           *self,
                                                 GError              **error);
gboolean            rd_case_verify_result_ok    (const RdCaseVerifyResult *result);
gboolean            rd_case_file_rebuild_search_index (RdCaseFile     *self,
                                                 guint                *n_pages,
                                                 GError              **error);

G_END_DECLS
