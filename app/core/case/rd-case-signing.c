/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-audit.h"
#include "rd-case-db.h"
#include "rd-case-file-private.h"

/*
 * Signatures bind a reviewer's certified key to what they decided and to the
 * audit log as they left it. What is signed is the message
 *   "rd-signature-v1\n" case_id kind target content audit_seq audit_hash
 *   public_key signed_at
 * each field written "<byte length>:<bytes>\n", where content is the
 * SHA-256 of the signed row (a decision, the seal) or "" for a checkpoint.
 * data/CASE-FORMAT.md describes it for auditors.
 */

static void
add_field (GString    *message,
           const char *value)
{
  g_string_append_printf (message, "%zu:%s\n", strlen (value), value);
}

static char *
signed_message (const char *case_id,
                const char *kind,
                const char *target,
                const char *content,
                gint64      audit_seq,
                const char *audit_hash,
                const char *public_key,
                const char *signed_at)
{
  GString *message = g_string_new ("rd-signature-v1\n");
  char seq_text[32];

  g_snprintf (seq_text, sizeof seq_text, "%" G_GINT64_FORMAT, audit_seq);
  add_field (message, case_id);
  add_field (message, kind);
  add_field (message, target);
  add_field (message, content);
  add_field (message, seq_text);
  add_field (message, audit_hash);
  add_field (message, public_key);
  add_field (message, signed_at);
  return g_string_free (message, FALSE);
}

char *
_rd_case_row_digest (sqlite3     *db,
                     const char  *sql,
                     gint64       id,
                     GError     **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, sql, error);
  gboolean has_row;

  if (stmt == NULL)
    return NULL;
  _rd_db_bind (stmt, "i", id);
  if (!_rd_db_step_row (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    return g_strdup ("");
  g_checksum_update (sum, (const guchar *) "rd-row-v1\n", -1);
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    _rd_case_digest_value (sum, stmt, c);
  return g_strdup (g_checksum_get_string (sum));
}

gboolean
_rd_case_actor_certified (const RdCaseActor *actor,
                          RdRole             role)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return actor->key != NULL && actor->certificate != NULL && actor->trust != NULL &&
         actor->certificate->role == role &&
         g_strcmp0 (actor->certificate->public_key, rd_signing_key_get_public_key (actor->key)) == 0 &&
         rd_trust_check (actor->trust, actor->certificate, now) == RD_CERTIFICATE_VALID;
}

static gboolean
store_signer (sqlite3           *db,
              const RdCaseActor *actor,
              GError           **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "INSERT OR IGNORE INTO signer (public_key, certificate)"
                                               " VALUES (?, ?)", error);
  g_autofree char *certificate = rd_certificate_to_text (actor->certificate);

  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "ss", actor->certificate->public_key, certificate);
  return _rd_db_step_done (db, stmt, error);
}

gboolean
_rd_case_sign (sqlite3           *db,
               const RdCaseActor *actor,
               const char        *case_id,
               const char        *kind,
               const char        *target,
               const char        *content,
               GError           **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  g_autofree char *audit_hash = NULL;
  g_autofree char *signed_at = _rd_time_now_string ();
  g_autofree char *message = NULL;
  g_autofree char *signature = NULL;
  const char *public_key;
  gint64 audit_seq;

  if (actor->key == NULL || actor->certificate == NULL)
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED,
                           _("Decisions are signed with your reviewer key, and none is set up on this workstation."
                             " Set it up in Preferences › Reviewer (or with “reviewdesk-tool reviewer setup”)"
                             " and try again; nothing was recorded."));
      return FALSE;
    }
  public_key = rd_signing_key_get_public_key (actor->key);
  if (!store_signer (db, actor, error) || !_rd_audit_head (db, &audit_seq, &audit_hash, error))
    return FALSE;
  message = signed_message (case_id, kind, target, content, audit_seq, audit_hash, public_key, signed_at);
  signature = rd_signing_key_sign (actor->key, message, strlen (message));
  stmt = _rd_db_prepare (db, "INSERT INTO signature (kind, target, content, audit_seq, audit_hash, public_key,"
                             " signed_at, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "sssissss", kind, target, content, audit_seq, audit_hash, public_key, signed_at, signature);
  return _rd_db_step_done (db, stmt, error);
}

gboolean
_rd_case_checkpoint (RdCaseFile  *self,
                     sqlite3     *db,
                     GError     **error)
{
  g_auto(RdCaseActor) actor = { 0 };
  g_autofree char *head_hash = NULL;
  gint64 head_seq = 0, signed_seq = 0;

  if (self->version < 6)
    return TRUE;
  g_mutex_lock (&self->actor_lock);
  actor.key = self->signer_key ? g_object_ref (self->signer_key) : NULL;
  actor.certificate = self->signer_certificate ? rd_certificate_copy (self->signer_certificate) : NULL;
  g_mutex_unlock (&self->actor_lock);
  if (actor.key == NULL)
    return TRUE;
  if (!_rd_audit_head (db, &head_seq, &head_hash, error) ||
      !_rd_db_query_int (db, "SELECT ifnull(max(audit_seq), 0) FROM signature", &signed_seq, error))
    return FALSE;
  if (head_seq <= signed_seq)
    return TRUE;
  return _rd_case_sign (db, &actor, self->case_id, "checkpoint", "audit", "", error);
}

/* ---- setting the signer ----------------------------------------------------------- */

/**
 * rd_case_file_set_trust:
 * @trust: (nullable): the organisation's trust file
 *
 * The organisation whose certificates decide the roles of those who sign
 * this case, and against which rd_case_file_verify() checks signatures.
 */
void
rd_case_file_set_trust (RdCaseFile *self,
                        RdTrust    *trust)
{
  g_return_if_fail (RD_IS_CASE_FILE (self));

  g_mutex_lock (&self->actor_lock);
  g_set_object (&self->trust, trust);
  g_mutex_unlock (&self->actor_lock);
}

RdTrust *
rd_case_file_get_trust (RdCaseFile *self)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  return self->trust;
}

/**
 * rd_case_file_set_signer:
 * @key: (nullable): the reviewer's unlocked signing key, or %NULL to sign
 *   nothing from now on
 *
 * Makes the holder of @key the actor: their name, credentials and role are
 * those of the key's certificate in the trust file (rd_case_file_set_trust()),
 * which must be valid now. Their decisions, seals and every change they make
 * are then signed with @key.
 *
 * Returns: %FALSE with %RD_CASE_FILE_ERROR_NOT_PERMITTED when the key has no
 *   valid certificate; the actor is then unchanged
 */
gboolean
rd_case_file_set_signer (RdCaseFile    *self,
                         RdSigningKey  *key,
                         GError       **error)
{
  g_autoptr(RdCertificate) certificate = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  RdCertificateStatus status;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  if (key == NULL)
    {
      if (self->actor_name != NULL)
        _rd_case_set_identity (self, self->actor_name, self->actor_credentials, self->actor_role, NULL, NULL);
      return TRUE;
    }
  if (self->trust == NULL)
    {
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED,
                           _("No organisation trust file is set up on this workstation, so your key’s role"
                             " cannot be checked. Ask your administrator for the trust file."));
      return FALSE;
    }
  certificate = rd_trust_find_certificate (self->trust, rd_signing_key_get_public_key (key));
  if (certificate == NULL)
    {
      g_autofree char *fingerprint = rd_public_key_fingerprint (rd_signing_key_get_public_key (key));
      g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED,
                   _("Your key %s is not certified by %s. Ask your administrator to certify it"
                     " (“reviewdesk-tool reviewer certify”)."),
                   fingerprint, rd_trust_get_organisation_name (self->trust));
      return FALSE;
    }
  status = rd_trust_check (self->trust, certificate, now);
  if (status != RD_CERTIFICATE_VALID)
    {
      g_autofree char *why = rd_certificate_status_describe (status, certificate);
      g_set_error_literal (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_NOT_PERMITTED, why);
      return FALSE;
    }
  _rd_case_set_identity (self, certificate->name, certificate->credentials, certificate->role, key, certificate);
  return TRUE;
}

/**
 * rd_case_file_get_signer_certificate:
 *
 * Returns: (transfer none) (nullable): the certificate of the key that signs
 *   the actor's changes
 */
const RdCertificate *
rd_case_file_get_signer_certificate (RdCaseFile *self)
{
  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);
  return self->signer_certificate;
}

/**
 * rd_case_file_can_sign_as:
 *
 * Returns: whether the actor's key is certified for @role now, so that a
 *   display offers what only that role may do
 */
gboolean
rd_case_file_can_sign_as (RdCaseFile *self,
                          RdRole      role)
{
  g_auto(RdCaseActor) actor = { 0 };

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);

  g_mutex_lock (&self->actor_lock);
  actor.key = self->signer_key ? g_object_ref (self->signer_key) : NULL;
  actor.certificate = self->signer_certificate ? rd_certificate_copy (self->signer_certificate) : NULL;
  actor.trust = self->trust ? g_object_ref (self->trust) : NULL;
  g_mutex_unlock (&self->actor_lock);
  return _rd_case_actor_certified (&actor, role);
}

/* ---- checking the signatures ---------------------------------------------------- */

typedef struct {
  GString    *problems;
  GHashTable *signers;          /* public key -> RdCertificate */
  GHashTable *signed_decisions; /* decision id (gint64 *) */
  gboolean    seal_signed;
  gint64      checkpoint_seq;   /* the last audit entry a valid checkpoint covers */
  guint       n_valid;
} SignatureCheck;

static void
add_line (GString    *problems,
          const char *line)
{
  if (problems->len > 0)
    g_string_append_c (problems, '\n');
  g_string_append (problems, line);
}

static char *
signer_label (const RdCertificate *certificate)
{
  if (certificate == NULL)
    return g_strdup (_("an unknown signer"));
  if (certificate->credentials != NULL && certificate->credentials[0] != '\0')
    return g_strdup_printf ("%s, %s", certificate->name, certificate->credentials);
  return g_strdup (certificate->name);
}

static gboolean
load_signers (sqlite3         *db,
              SignatureCheck  *check,
              GError         **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT public_key, certificate FROM signer", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      g_autoptr(GError) local = NULL;
      RdCertificate *certificate;
      const char *public_key;

      if (!_rd_db_step_row (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      public_key = (const char *) sqlite3_column_text (stmt, 0);
      certificate = rd_certificate_from_text ((const char *) sqlite3_column_text (stmt, 1), &local);
      if (certificate == NULL || g_strcmp0 (certificate->public_key, public_key) != 0)
        {
          add_line (check->problems, _("A signer’s certificate in the case is damaged or belongs to another key:"
                                       " the signatures made with that key cannot be trusted."));
          g_clear_pointer (&certificate, rd_certificate_free);
          continue;
        }
      g_hash_table_insert (check->signers, g_strdup (public_key), certificate);
    }
  return TRUE;
}

static gboolean
audit_hash_at (sqlite3     *db,
               gint64       seq,
               char       **hash,
               GError     **error)
{
  g_autoptr(RdStmt) stmt = _rd_db_prepare (db, "SELECT hash FROM audit WHERE seq = ?", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "i", seq);
  if (!_rd_db_step_row (db, stmt, &has_row, error))
    return FALSE;
  *hash = has_row ? _rd_db_column_text (stmt, 0) : NULL;
  return TRUE;
}

/* What the signer's certificate says about their right to sign this. */
static char *
certificate_problem (RdCaseFile          *self,
                     const RdCertificate *certificate,
                     const char          *signed_at)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (signed_at, NULL);
  RdCertificateStatus status;

  if (self->trust == NULL || when == NULL)
    return NULL;
  status = rd_trust_check (self->trust, certificate, when);
  if (status == RD_CERTIFICATE_VALID)
    return NULL;
  return rd_certificate_status_describe (status, certificate);
}

static gboolean
check_signed_row (sqlite3              *db,
                  SignatureCheck       *check,
                  const char           *kind,
                  const char           *target,
                  const char           *content,
                  const RdCertificate  *certificate,
                  GError              **error)
{
  g_autofree char *digest = NULL;
  g_autofree char *who = signer_label (certificate);
  gint64 id = 0;

  if (g_str_equal (kind, "seal"))
    {
      digest = _rd_case_row_digest (db, RD_CASE_SIGNED_SEAL_SQL, 1, error);
      if (digest == NULL)
        return FALSE;
      if (digest[0] == '\0')
        {
          g_autofree char *line = g_strdup_printf (_("The seal %s signed is missing from the case: it was removed"
                                                     " outside ReviewDesk."), who);
          add_line (check->problems, line);
        }
      else if (!g_str_equal (digest, content))
        {
          g_autofree char *line = g_strdup_printf (_("The seal was changed after %s signed it."), who);
          add_line (check->problems, line);
        }
      else if (certificate->role != RD_ROLE_MEDICAL_DIRECTOR)
        {
          g_autofree char *line = g_strdup_printf (_("The seal was signed by %s, whose certificate is not a"
                                                     " medical director’s."), who);
          add_line (check->problems, line);
        }
      else
        check->seal_signed = TRUE;
      return TRUE;
    }

  if (!g_str_has_prefix (target, "decision/") || !g_ascii_string_to_signed (target + 9, 10, 1, G_MAXINT64, &id, NULL))
    {
      add_line (check->problems, _("A decision’s signature names no decision: the signatures were edited."));
      return TRUE;
    }
  digest = _rd_case_row_digest (db, RD_CASE_SIGNED_DECISION_SQL, id, error);
  if (digest == NULL)
    return FALSE;
  if (digest[0] == '\0')
    {
      g_autofree char *line = g_strdup_printf (_("Decision %lld, signed by %s, is missing from the case: it was"
                                                 " removed outside ReviewDesk."), (long long) id, who);
      add_line (check->problems, line);
    }
  else if (!g_str_equal (digest, content))
    {
      g_autofree char *line = g_strdup_printf (_("Decision %lld was changed after %s signed it (its outcome,"
                                                 " rationale, signer or time differ from what was signed)."),
                                               (long long) id, who);
      add_line (check->problems, line);
    }
  else
    {
      gint64 *key = g_new (gint64, 1);
      *key = id;
      g_hash_table_add (check->signed_decisions, key);
    }
  return TRUE;
}

static gboolean
check_signature_rows (RdCaseFile      *self,
                      SignatureCheck  *check,
                      GError         **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  stmt = _rd_db_prepare (self->db, "SELECT id, kind, target, content, audit_seq, audit_hash, public_key,"
                                   " signed_at, signature FROM signature ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      g_autofree char *message = NULL;
      g_autofree char *hash_now = NULL;
      g_autofree char *who = NULL;
      g_autofree char *not_trusted = NULL;
      const RdCertificate *certificate;
      const char *kind, *target, *content, *audit_hash, *public_key, *signed_at;
      gint64 audit_seq;

      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      kind = (const char *) sqlite3_column_text (stmt, 1);
      target = (const char *) sqlite3_column_text (stmt, 2);
      content = (const char *) sqlite3_column_text (stmt, 3);
      audit_seq = sqlite3_column_int64 (stmt, 4);
      audit_hash = (const char *) sqlite3_column_text (stmt, 5);
      public_key = (const char *) sqlite3_column_text (stmt, 6);
      signed_at = (const char *) sqlite3_column_text (stmt, 7);
      if (kind == NULL || target == NULL || content == NULL || audit_hash == NULL || public_key == NULL ||
          signed_at == NULL)
        {
          add_line (check->problems, _("A signature in the case is incomplete: the signatures were edited."));
          continue;
        }
      certificate = g_hash_table_lookup (check->signers, public_key);
      who = signer_label (certificate);
      message = signed_message (self->case_id, kind, target, content, audit_seq, audit_hash, public_key, signed_at);
      if (certificate == NULL)
        {
          add_line (check->problems, _("A signature was made with a key whose certificate is not in the case:"
                                       " it was added outside ReviewDesk."));
          continue;
        }
      if (!rd_signature_check (public_key, message, strlen (message),
                               (const char *) sqlite3_column_text (stmt, 8)))
        {
          g_autofree char *line = g_strdup_printf (_("A signature by %s does not match what it signs: the %s it"
                                                     " covers was changed or the signature forged."), who, kind);
          add_line (check->problems, line);
          continue;
        }
      if (!audit_hash_at (self->db, audit_seq, &hash_now, error))
        return FALSE;
      if (g_strcmp0 (hash_now, audit_hash) != 0)
        {
          g_autofree char *line = g_strdup_printf (_("The audit log was rewritten after %s signed it at entry %lld:"
                                                     " the history of the case was changed."),
                                                   who, (long long) audit_seq);
          add_line (check->problems, line);
          continue;
        }
      not_trusted = certificate_problem (self, certificate, signed_at);
      if (not_trusted != NULL)
        {
          add_line (check->problems, not_trusted);
          continue;
        }
      check->n_valid++;
      /* Whatever it signs, a signature vouches for the audit head it names. */
      check->checkpoint_seq = MAX (check->checkpoint_seq, audit_seq);
      if (!g_str_equal (kind, "checkpoint") &&
          !check_signed_row (self->db, check, kind, target, content, certificate, error))
        return FALSE;
    }
  return TRUE;
}

/* Decisions and a seal recorded before the case had signatures (format 6)
 * were made when none existed; they are covered by the audit chain (and a
 * seal of that time by its digest) only. */
static gboolean
signatures_since (sqlite3  *db,
                  gint64   *since_seq,
                  GError  **error)
{
  gint64 version = 0;

  if (!_rd_db_query_int (db, "PRAGMA user_version", &version, error))
    return FALSE;
  if (version < 6)
    {
      /* Not upgraded yet: everything in it predates signatures. */
      *since_seq = G_MAXINT64;
      return TRUE;
    }
  return _rd_db_query_int (db, "SELECT ifnull((SELECT seq FROM audit WHERE action = 'format-upgrade'"
                               " AND new_value = '6'), 0)", since_seq, error);
}

static gboolean
check_unsigned_decisions (RdCaseFile      *self,
                          SignatureCheck  *check,
                          GError         **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  gint64 since_seq = 0;
  gboolean has_row;

  if (!signatures_since (self->db, &since_seq, error))
    return FALSE;
  stmt = _rd_db_prepare (self->db,
                         "SELECT d.id, d.kind, d.who, d.decided_at < ifnull((SELECT at FROM audit"
                         "   WHERE seq = ?), '') FROM decision d ORDER BY d.id", error);
  if (stmt == NULL)
    return FALSE;
  _rd_db_bind (stmt, "i", since_seq);
  while (since_seq != G_MAXINT64)
    {
      gint64 id;

      if (!_rd_db_step_row (self->db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      id = sqlite3_column_int64 (stmt, 0);
      if (g_hash_table_contains (check->signed_decisions, &id) || sqlite3_column_int (stmt, 3) != 0)
        continue;
      {
        g_autofree char *line = g_strdup_printf (_("Decision %lld (%s, recorded as by %s) carries no valid"
                                                   " signature: it was added or changed outside ReviewDesk."),
                                                 (long long) id, (const char *) sqlite3_column_text (stmt, 1),
                                                 (const char *) sqlite3_column_text (stmt, 2));
        add_line (check->problems, line);
      }
    }

  if (!check->seal_signed)
    {
      gint64 sealed = 0, seal_seq = 0;

      if (!_rd_db_query_int (self->db, "SELECT count(*) FROM seal", &sealed, error) ||
          !_rd_db_query_int (self->db, "SELECT ifnull((SELECT max(seq) FROM audit WHERE action = 'seal'), 0)",
                             &seal_seq, error))
        return FALSE;
      if (sealed > 0 && seal_seq >= since_seq)
        add_line (check->problems, _("The seal carries no valid medical director’s signature: it was added or"
                                     " changed outside ReviewDesk."));
    }
  return TRUE;
}

static void
describe_signers (SignatureCheck     *check,
                  RdCaseVerifyResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, check->signers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const RdCertificate *certificate = value;
      g_autofree char *who = signer_label (certificate);
      g_autofree char *fingerprint = rd_public_key_fingerprint (certificate->public_key);

      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, "%s (%s, %s, %s)", who, rd_role_to_label (certificate->role),
                              certificate->organisation_name, fingerprint);
    }
  result->signers = text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

gboolean
_rd_case_verify_signatures (RdCaseFile          *self,
                            RdCaseVerifyResult  *result,
                            GError             **error)
{
  SignatureCheck check = {
    .problems = g_string_new (NULL),
    .signers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) rd_certificate_free),
    .signed_decisions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
  };
  gint64 n_signatures = 0, last_seq = 0;
  gboolean ok = FALSE;

  if (!_rd_db_query_int (self->db, "SELECT count(*) FROM signature", &n_signatures, error) ||
      !_rd_db_query_int (self->db, "SELECT ifnull(max(seq), 0) FROM audit", &last_seq, error) ||
      !load_signers (self->db, &check, error) ||
      !check_signature_rows (self, &check, error) ||
      !check_unsigned_decisions (self, &check, error))
    goto out;
  if (n_signatures > 0 && self->trust == NULL)
    result->trust_problem = g_strdup (_("No organisation trust file is set up here, so the signers’ certificates"
                                        " cannot be checked. Ask your administrator for the trust file."));
  result->signatures = check.n_valid;
  result->unsigned_entries = last_seq - check.checkpoint_seq;
  describe_signers (&check, result);
  if (check.problems->len > 0)
    result->signature_problem = g_string_free (g_steal_pointer (&check.problems), FALSE);
  ok = TRUE;

out:
  if (check.problems != NULL)
    g_string_free (check.problems, TRUE);
  g_hash_table_unref (check.signers);
  g_hash_table_unref (check.signed_decisions);
  return ok;
}

/* ---- the seal outside the case -------------------------------------------------- */

#define SEAL_TOKEN_PREFIX "rd-seal-v1"

/**
 * rd_case_file_get_seal_token:
 *
 * The medical director's signature of the seal as one line of text that a
 * letter or a response carries ("rd-seal-v1 CASE-ID CONTENT AUDIT-SEQ
 * AUDIT-HASH PUBLIC-KEY SIGNED-AT SIGNATURE"), so that the case can later be
 * checked against what was sent (rd_case_file_check_seal_token()).
 *
 * Returns: (transfer full) (nullable): the token, or %NULL when the case has
 *   no signed seal
 */
char *
rd_case_file_get_seal_token (RdCaseFile  *self,
                             GError     **error)
{
  g_autoptr(RdStmt) stmt = NULL;
  gboolean has_row;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), NULL);

  if (!_rd_case_check_readable (self, error))
    return NULL;
  stmt = _rd_db_prepare (self->db, "SELECT content, audit_seq, audit_hash, public_key, signed_at, signature"
                                   " FROM signature WHERE kind = 'seal' ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL || !_rd_db_step_row (self->db, stmt, &has_row, error) || !has_row)
    return NULL;
  return g_strdup_printf (SEAL_TOKEN_PREFIX " %s %s %lld %s %s %s %s", self->case_id,
                          (const char *) sqlite3_column_text (stmt, 0), (long long) sqlite3_column_int64 (stmt, 1),
                          (const char *) sqlite3_column_text (stmt, 2), (const char *) sqlite3_column_text (stmt, 3),
                          (const char *) sqlite3_column_text (stmt, 4), (const char *) sqlite3_column_text (stmt, 5));
}

/**
 * rd_case_file_check_seal_token:
 * @token: a seal token from a letter or response (rd_case_file_get_seal_token())
 * @problem: (out) (transfer full): %NULL when the case carries exactly the
 *   seal the token was signed for, else a translated sentence saying what
 *   differs
 *
 * Checks a token against this case: that it is a medical director's valid
 * signature (against the trust file set with rd_case_file_set_trust()) for
 * this case, and that the case still carries that seal.
 *
 * Returns: %FALSE with @error only when the case cannot be read
 */
gboolean
rd_case_file_check_seal_token (RdCaseFile  *self,
                               const char  *token,
                               char       **problem,
                               GError     **error)
{
  g_autofree char *theirs = g_strstrip (g_strdup (token));
  g_auto(GStrv) fields = g_strsplit (theirs, " ", -1);
  g_autofree char *message = NULL;
  g_autofree char *ours = NULL;
  g_autoptr(RdCertificate) certificate = NULL;
  g_autoptr(GDateTime) signed_at = NULL;
  gint64 audit_seq = 0;

  g_return_val_if_fail (RD_IS_CASE_FILE (self), FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  *problem = NULL;
  if (g_strv_length (fields) != 8 || !g_str_equal (fields[0], SEAL_TOKEN_PREFIX) ||
      !g_ascii_string_to_signed (fields[3], 10, 1, G_MAXINT64, &audit_seq, NULL) ||
      (signed_at = g_date_time_new_from_iso8601 (fields[6], NULL)) == NULL)
    {
      *problem = g_strdup (_("The letter’s seal line is damaged or not a ReviewDesk seal."));
      return TRUE;
    }
  if (!g_str_equal (fields[1], self->case_id))
    {
      *problem = g_strdup_printf (_("The letter was sealed for case %s, not for this case (%s)."), fields[1],
                                  self->case_id);
      return TRUE;
    }
  message = signed_message (fields[1], "seal", "case", fields[2], audit_seq, fields[4], fields[5], fields[6]);
  if (!rd_signature_check (fields[5], message, strlen (message), fields[7]))
    {
      *problem = g_strdup (_("The letter’s seal signature does not match: the letter’s seal line was changed."));
      return TRUE;
    }
  certificate = self->trust ? rd_trust_find_certificate (self->trust, fields[5]) : NULL;
  if (certificate == NULL)
    {
      *problem = g_strdup (_("The letter’s seal was signed by a key the organisation’s trust file does not"
                             " certify."));
      return TRUE;
    }
  if (certificate->role != RD_ROLE_MEDICAL_DIRECTOR ||
      rd_trust_check (self->trust, certificate, signed_at) != RD_CERTIFICATE_VALID)
    {
      *problem = g_strdup (_("The letter’s seal was not signed by a medical director certified at the time."));
      return TRUE;
    }
  ours = rd_case_file_get_seal_token (self, error);
  if (ours == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (ours == NULL)
    {
      g_autofree char *who = signer_label (certificate);
      *problem = g_strdup_printf (_("The letter was sealed by %s on %s, and the case comes back unsealed: it was"
                                    " changed after the letter was sent."), who, fields[6]);
    }
  else if (!g_str_equal (ours, theirs))
    *problem = g_strdup (_("The case carries another seal than the one on the letter: it was changed and"
                           " sealed again after the letter was sent."));
  return TRUE;
}
