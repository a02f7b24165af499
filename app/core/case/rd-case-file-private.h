/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "rd-case-file.h"
#include "rd-signing-key.h"
#include "rd-trust.h"

G_BEGIN_DECLS

/* Shared by the files that implement RdCaseFile (rd-case-*.c). */
struct _RdCaseFile
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;              /* the owner thread's connection */
  int           lock_fd;         /* holds flock(LOCK_EX) while open for writing, else -1 */
  gboolean      read_only;
  gboolean      immutable_reads; /* read-only, and nobody was writing when opened */
  char         *read_only_reason;
  gboolean      sealed;          /* only this handle can seal a case it opened for writing */
  gboolean      in_batch;        /* the owner's writes share one transaction (rd_case_file_begin_batch()) */
  char         *case_id;
  guint         version;
  GMainContext *context;         /* where "changed" is emitted */
  GThread      *owner;           /* the thread that opened the case */

  GMutex        actor_lock;      /* the actor may be read by workers */
  char         *actor_name;
  char         *actor_credentials;
  RdRole        actor_role;
  RdSigningKey *signer_key;      /* signs decisions, seals and checkpoints; NULL: unsigned */
  RdCertificate *signer_certificate;
  RdTrust      *trust;           /* the organisation's trust file, checks certificates */
};

/* Who is writing: a snapshot of the actor taken under the lock. */
typedef struct {
  char          *name;
  char          *credentials;
  RdRole         role;
  RdSigningKey  *key;          /* NULL when the actor signs nothing */
  RdCertificate *certificate;
  RdTrust       *trust;
} RdCaseActor;

void      _rd_case_actor_clear    (RdCaseActor  *actor);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RdCaseActor, _rd_case_actor_clear)

/* Starts a write transaction on @db (BEGIN IMMEDIATE) after checking that the
 * case may be written and an actor is set, whose snapshot fills @actor. */
gboolean  _rd_case_begin_write    (RdCaseFile   *self,
                                   sqlite3      *db,
                                   RdCaseActor  *actor,
                                   GError      **error);
/* Bumps case_info.updated_at, commits and emits "changed" with @what; on
 * failure rolls back. The caller has added the change's audit entries. */
gboolean  _rd_case_commit_change  (RdCaseFile        *self,
                                   sqlite3           *db,
                                   const char        *what,
                                   GError           **error);
void      _rd_case_rollback       (sqlite3      *db);
gboolean  _rd_case_audit          (sqlite3           *db,
                                   const RdCaseActor *actor,
                                   const char        *action,
                                   const char        *target,
                                   const char        *old_value,
                                   const char        *new_value,
                                   GError           **error);
void      _rd_case_emit_changed   (RdCaseFile   *self,
                                   const char   *what);
/* The connection for the calling thread: the case's own on its owner thread
 * (*owned = FALSE), else a new one that the caller closes (*owned = TRUE). */
sqlite3  *_rd_case_thread_db      (RdCaseFile   *self,
                                   gboolean      writable,
                                   gboolean     *owned,
                                   GError      **error);
/* Closes a connection _rd_case_thread_db() opened for this thread (rolling
 * back what it left open); the case's own is left as it is. */
void      _rd_case_close_owned    (sqlite3      *db,
                                   gboolean      owned);
/* Refuses an empty or non-UTF-8 id; @what names it in the message. */
gboolean  _rd_case_check_id       (const char   *value,
                                   const char   *what,
                                   GError      **error);
/* Sets the actor and their signing key (NULL: none) together, emitting
 * "actor-changed" once, after both are set. */
void      _rd_case_set_identity     (RdCaseFile          *self,
                                     const char          *name,
                                     const char          *credentials,
                                     RdRole               role,
                                     RdSigningKey        *key,
                                     const RdCertificate *certificate);
/* Signatures (rd-case-signing.c). Whether the actor's key is certified by the
 * trusted organisation for @role now. */
gboolean  _rd_case_actor_certified (const RdCaseActor *actor,
                                    RdRole             role);
/* Signs @content (a digest of what is signed) as @kind on @target with the
 * actor's key, bound to the audit log's current head; inside the caller's
 * write transaction. Fails with NOT_PERMITTED when the actor has no key. */
gboolean  _rd_case_sign             (sqlite3           *db,
                                     const RdCaseActor *actor,
                                     const char        *case_id,
                                     const char        *kind,
                                     const char        *target,
                                     const char        *content,
                                     GError           **error);
/* Ends a write transaction's entries with a signed checkpoint of the audit
 * head, when the case has a signer and the head is not signed yet. */
gboolean  _rd_case_checkpoint       (RdCaseFile        *self,
                                     sqlite3           *db,
                                     GError           **error);
/* The SHA-256 of the row @sql selects with @id bound (see
 * data/CASE-FORMAT.md, Signatures); NULL with @error, "" when no row. */
char     *_rd_case_row_digest       (sqlite3           *db,
                                     const char        *sql,
                                     gint64             id,
                                     GError           **error);
/* The decision and seal rows as signed. */
#define RD_CASE_SIGNED_DECISION_SQL "SELECT d.id, d.kind, d.outcome_id, d.adverse, d.rationale, d.who," \
                                    " d.credentials, d.role, d.decided_at, b.criterion, b.reconsiders" \
                                    " FROM decision d LEFT JOIN determination_basis b ON b.decision_id = d.id" \
                                    " WHERE d.id = ?"
#define RD_CASE_SIGNED_SEAL_SQL     "SELECT digest, audit_seq, sealed_by, credentials, sealed_at FROM seal" \
                                    " WHERE id = ?"
/* The medical director's desk (rd-case-director.c): the rules of a final
 * determination (what one against the engine rests on, who may reconsider)
 * and its basis, stored and audited with it. */
gboolean  _rd_case_check_determination (sqlite3           *db,
                                        const RdCaseActor *actor,
                                        gboolean           adverse,
                                        const char        *rationale,
                                        const char        *criterion,
                                        gint64            *reconsiders,
                                        GError           **error);
gboolean  _rd_case_store_basis        (sqlite3           *db,
                                       const RdCaseActor *actor,
                                       gint64             decision_id,
                                       const char        *criterion,
                                       gint64             reconsiders,
                                       GError           **error);
/* Records the case's seal in the workstation's registry of seals seen. */
void      _rd_case_note_seal        (RdCaseFile        *self);
/* Adds the signature checks to @result (rd-case-verify.c calls it). */
gboolean  _rd_case_verify_signatures (RdCaseFile         *self,
                                      RdCaseVerifyResult *result,
                                      GError            **error);
/* Feeds one column of @stmt to @sum, typed and length-prefixed. */
void      _rd_case_digest_value     (GChecksum         *sum,
                                     sqlite3_stmt      *stmt,
                                     int                column);

/* The seal's digest over the case's content and the hash of audit entry
 * @audit_seq (see data/CASE-FORMAT.md). */
char     *_rd_case_content_digest (sqlite3      *db,
                                   gint64        audit_seq,
                                   GError      **error);
/* Creates a case file of format @version and closes it: what
 * rd_case_file_create() does with the current version, and how the tests
 * make files of older versions to migrate. */
gboolean  _rd_case_file_create_at_version (const char  *path,
                                           const char  *case_id,
                                           guint        version,
                                           GError     **error);
/* Deletes the medical director's draft determination inside the caller's
 * transaction (rd-case-draft.c). */
gboolean  _rd_case_delete_decision_draft (sqlite3  *db,
                                          GError  **error);
/* How the audit log writes a piece of evidence (rd-case-evidence.c) and a
 * measurement (rd-case-measurement.c): shared with the replay of the log
 * (rd-case-replay.c), which must write them the same way. */
char     *_rd_case_describe_evidence    (const RdCaseEvidence *evidence);
char     *_rd_case_describe_measurement (const RdMeasurement  *measurement);
/* The evidence with id @evidence_id (0: all), of @policy_id and @target_id
 * when not %NULL, oldest first. */
GPtrArray *_rd_case_query_evidence      (sqlite3              *db,
                                         gint64                evidence_id,
                                         const char           *policy_id,
                                         const char           *target_id,
                                         GError              **error);
/* A measurement from the columns value, before, after, from_date, to_date
 * starting at @first. */
RdMeasurement *_rd_case_measurement_from_row (sqlite3_stmt    *stmt,
                                              int              first);
/* The request as stored (rd-case-request.c). */
RdRequest *_rd_case_read_request   (sqlite3      *db,
                                    GError      **error);
/* When @request's decision is due: its rule's time plus the case's
 * extension; *@due is %NULL before receipt is known (rd-case-due.c). */
gboolean  _rd_case_due_time       (sqlite3          *db,
                                   const RdRequest  *request,
                                   GDateTime       **due,
                                   GError          **error);
/* Inside the caller's transaction: the indications of a policy under
 * review, audited (rd-case-review.c), and the reason an indication was
 * declined forgotten, audited, when it is under review again
 * (rd-case-proposal.c). */
gboolean  _rd_case_write_indications (sqlite3             *db,
                                      const RdCaseActor   *actor,
                                      const char          *policy_id,
                                      const char * const  *indication_ids,
                                      gboolean            *changed,
                                      GError             **error);
gboolean  _rd_case_forget_declined (sqlite3           *db,
                                    const RdCaseActor *actor,
                                    const char        *policy_id,
                                    const char        *indication_id,
                                    GError           **error);
/* A second connection to the same file, for a worker thread. */
sqlite3  *_rd_case_open_worker_db (RdCaseFile   *self,
                                   gboolean      writable,
                                   GError      **error);
gboolean  _rd_case_check_readable (RdCaseFile   *self,
                                   GError      **error);
/* Refuses a closed or read-only case (READ_ONLY, saying why). */
gboolean  _rd_case_check_writable (RdCaseFile   *self,
                                   GError      **error);

G_END_DECLS
