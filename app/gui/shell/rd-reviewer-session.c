/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-reviewer-session.h"

/* Who signs on this workstation for as long as ReviewDesk runs: the
 * organisation's trust file, the reviewer's profile and, once unlocked, the
 * reviewer's signing key. The key stays in memory only; a key kept in a file
 * is unlocked with its passphrase once per session, a key in the keyring
 * without asking. Everything that may block (the keyring, Argon2id) runs in a
 * worker. */
struct _RdReviewerSession
{
  GObject             parent_instance;

  RdReviewerKeyState  state;
  RdTrust            *trust;
  RdReviewerProfile  *profile;
  RdSigningKey       *key;
  char               *problem;        /* why the key cannot be used */
  char               *trust_problem;  /* a broken trust file, until reported */
  gboolean            keyring_available;
  gboolean            declined;       /* the reviewer chose not to unlock yet */
  guint               generation;     /* a load finishing after a newer identity is dropped */
};

G_DEFINE_FINAL_TYPE (RdReviewerSession, rd_reviewer_session, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static RdReviewerProfile *
profile_copy (const RdReviewerProfile *profile)
{
  RdReviewerProfile *copy;

  if (profile == NULL)
    return NULL;
  copy = g_new0 (RdReviewerProfile, 1);
  copy->name = g_strdup (profile->name);
  copy->credentials = g_strdup (profile->credentials);
  copy->role = profile->role;
  copy->public_key = g_strdup (profile->public_key);
  copy->key_store = profile->key_store;
  copy->key_file = g_strdup (profile->key_file);
  return copy;
}

static void
set_problem (RdReviewerSession *self,
             const char        *problem)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
}

static RdReviewerKeyState
state_of (const RdReviewerProfile *profile,
          RdSigningKey            *key)
{
  if (key != NULL)
    return RD_REVIEWER_KEY_UNLOCKED;
  if (profile == NULL)
    return RD_REVIEWER_KEY_NONE;
  return profile->key_store == RD_KEY_STORE_FILE ? RD_REVIEWER_KEY_LOCKED : RD_REVIEWER_KEY_FAILED;
}

/* ---- loading ------------------------------------------------------------ */

typedef struct {
  guint              generation;
  RdTrust           *trust;
  char              *trust_problem;
  RdReviewerProfile *profile;
  RdSigningKey      *key;
  char              *problem;
  gboolean           keyring_available;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->trust);
  g_free (loaded->trust_problem);
  rd_reviewer_profile_free (loaded->profile);
  g_clear_object (&loaded->key);
  g_free (loaded->problem);
  g_free (loaded);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  Loaded *loaded = data;
  g_autofree char *trust_path = rd_trust_default_path ();
  g_autoptr(GError) error = NULL;

  if (g_file_test (trust_path, G_FILE_TEST_EXISTS) && (loaded->trust = rd_trust_load (trust_path, &error)) == NULL)
    {
      /* TRANSLATORS: %s is the reason, which names the trust file */
      loaded->trust_problem = g_strdup_printf (_("The organisation’s trust file cannot be used, so no decision can be"
                                                 " signed on this workstation: %s"), error->message);
      g_clear_error (&error);
    }
  loaded->keyring_available = rd_signing_key_keyring_available (cancellable);
  loaded->profile = rd_reviewer_profile_load (&error);
  if (loaded->profile == NULL && error != NULL)
    loaded->problem = g_strdup (error->message);
  else if (loaded->profile != NULL && loaded->profile->key_store == RD_KEY_STORE_KEYRING &&
           (loaded->key = rd_reviewer_profile_unlock (loaded->profile, NULL, &error)) == NULL)
    loaded->problem = g_strdup (error->message);
  g_task_return_boolean (task, TRUE);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  RdReviewerSession *self = RD_REVIEWER_SESSION (source);
  Loaded *loaded = g_task_get_task_data (G_TASK (result));

  if (loaded->generation != self->generation)
    return;
  g_set_object (&self->trust, loaded->trust);
  g_clear_pointer (&self->profile, rd_reviewer_profile_free);
  self->profile = g_steal_pointer (&loaded->profile);
  g_set_object (&self->key, loaded->key);
  set_problem (self, loaded->problem);
  g_free (self->trust_problem);
  self->trust_problem = g_steal_pointer (&loaded->trust_problem);
  self->keyring_available = loaded->keyring_available;
  self->state = loaded->problem != NULL ? RD_REVIEWER_KEY_FAILED : state_of (self->profile, self->key);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * rd_reviewer_session_load:
 *
 * Reads the trust file, the reviewer's profile and, from the keyring, the
 * reviewer's key, in a worker; #RdReviewerSession::changed follows. A key
 * kept in a file stays locked until rd_reviewer_session_unlock_async().
 */
void
rd_reviewer_session_load (RdReviewerSession *self)
{
  g_autoptr(GTask) task = NULL;
  Loaded *loaded = g_new0 (Loaded, 1);

  g_return_if_fail (RD_IS_REVIEWER_SESSION (self));

  loaded->generation = ++self->generation;
  self->state = RD_REVIEWER_KEY_LOADING;
  task = g_task_new (self, NULL, loaded_cb, NULL);
  g_task_set_source_tag (task, rd_reviewer_session_load);
  g_task_set_task_data (task, loaded, (GDestroyNotify) loaded_free);
  g_task_run_in_thread (task, load_thread);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- unlocking a key kept in a file ------------------------------------- */

typedef struct {
  RdReviewerProfile *profile;
  char              *passphrase;
  guint              generation;
} Unlock;

static void
unlock_free (Unlock *unlock)
{
  rd_reviewer_profile_free (unlock->profile);
  if (unlock->passphrase != NULL)
    explicit_bzero (unlock->passphrase, strlen (unlock->passphrase));
  g_free (unlock->passphrase);
  g_free (unlock);
}

static void
unlock_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  Unlock *unlock = data;
  GError *error = NULL;
  RdSigningKey *key = rd_reviewer_profile_unlock (unlock->profile, unlock->passphrase, &error);

  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, g_object_unref);
}

/**
 * rd_reviewer_session_unlock_async:
 * @passphrase: (nullable): the key file's passphrase; %NULL asks the keyring again
 *
 * Opens the profile's key in a worker (Argon2id takes a moment on purpose).
 */
void
rd_reviewer_session_unlock_async (RdReviewerSession   *self,
                                  const char          *passphrase,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Unlock *unlock;

  g_return_if_fail (RD_IS_REVIEWER_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rd_reviewer_session_unlock_async);
  if (self->profile == NULL)
    {
      g_task_return_new_error (task, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_NOT_FOUND, "%s",
                               _("No reviewer key is set up on this workstation: set one up in Preferences › Reviewer."));
      return;
    }
  unlock = g_new0 (Unlock, 1);
  unlock->profile = profile_copy (self->profile);
  unlock->passphrase = g_strdup (passphrase);
  unlock->generation = self->generation;
  g_task_set_task_data (task, unlock, (GDestroyNotify) unlock_free);
  g_task_run_in_thread (task, unlock_thread);
}

/**
 * rd_reviewer_session_unlock_finish:
 *
 * Returns: whether the key is unlocked; a wrong passphrase is
 *   %RD_SIGNING_KEY_ERROR_BAD_PASSPHRASE, and the key stays locked
 */
gboolean
rd_reviewer_session_unlock_finish (RdReviewerSession  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_autoptr(RdSigningKey) key = NULL;
  Unlock *unlock;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  key = g_task_propagate_pointer (G_TASK (result), error);
  unlock = g_task_get_task_data (G_TASK (result));
  if (key == NULL)
    return FALSE;
  /* Another identity was set meanwhile: this key is no longer the session's. */
  if (unlock->generation != self->generation)
    return TRUE;
  g_set_object (&self->key, key);
  set_problem (self, NULL);
  self->state = RD_REVIEWER_KEY_UNLOCKED;
  self->declined = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * rd_reviewer_session_set_identity:
 * @trust: (nullable): the organisation's trust file
 * @profile: (nullable): the reviewer's profile
 * @key: (nullable): the reviewer's unlocked key
 *
 * Replaces the session's identity at once, e.g. after the reviewer's key was
 * set up, or in a test without a keyring or a passphrase prompt. A load
 * still under way is dropped.
 */
void
rd_reviewer_session_set_identity (RdReviewerSession       *self,
                                  RdTrust                 *trust,
                                  const RdReviewerProfile *profile,
                                  RdSigningKey            *key)
{
  g_return_if_fail (RD_IS_REVIEWER_SESSION (self));

  self->generation++;
  g_set_object (&self->trust, trust);
  g_clear_pointer (&self->profile, rd_reviewer_profile_free);
  self->profile = profile_copy (profile);
  g_set_object (&self->key, key);
  set_problem (self, NULL);
  self->declined = FALSE;
  self->state = state_of (profile, key);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* ---- accessors ------------------------------------------------------------ */

RdReviewerKeyState
rd_reviewer_session_get_state (RdReviewerSession *self)
{
  g_return_val_if_fail (RD_IS_REVIEWER_SESSION (self), RD_REVIEWER_KEY_NONE);
  return self->state;
}

/**
 * rd_reviewer_session_get_trust:
 *
 * Returns: (transfer none) (nullable): the organisation's trust file
 */
RdTrust *
rd_reviewer_session_get_trust (RdReviewerSession *self)
{
  g_return_val_if_fail (RD_IS_REVIEWER_SESSION (self), NULL);
  return self->trust;
}

/**
 * rd_reviewer_session_get_profile:
 *
 * Returns: (transfer none) (nullable): the reviewer's profile on this workstation
 */
const RdReviewerProfile *
rd_reviewer_session_get_profile (RdReviewerSession *self)
{
  g_return_val_if_fail (RD_IS_REVIEWER_SESSION (self), NULL);
  return self->profile;
}

/**
 * rd_reviewer_session_get_key:
 *
 * Returns: (transfer none) (nullable): the unlocked signing key
 */
RdSigningKey *
rd_reviewer_session_get_key (RdReviewerSession *self)
{
  g_return_val_if_fail (RD_IS_REVIEWER_SESSION (self), NULL);
  return self->key;
}

/**
 * rd_reviewer_session_get_problem:
 *
 * Returns: (nullable): why the profile or key cannot be used, in the
 *   %RD_REVIEWER_KEY_FAILED state
 */
const char *
rd_reviewer_session_get_problem (RdReviewerSession *self)
{
  g_return_val_if_fail (RD_IS_REVIEWER_SESSION (self), NULL);
  return self->problem;
}

/**
 * rd_reviewer_session_take_trust_problem:
 *
 * Returns: (transfer full) (nullable): why the trust file was refused, the
 *   first time only: a broken trust file is reported once
 */
char *
rd_reviewer_session_take_trust_problem (RdReviewerSession *self)
{
  g_return_val_if_fail (RD_IS_REVIEWER_SESSION (self), NULL);
  return g_steal_pointer (&self->trust_problem);
}

gboolean
rd_reviewer_session_get_keyring_available (RdReviewerSession *self)
{
  g_return_val_if_fail (RD_IS_REVIEWER_SESSION (self), FALSE);
  return self->keyring_available;
}

/* For a test that must keep its keys in files whatever the machine offers. */
void
rd_reviewer_session_set_keyring_available (RdReviewerSession *self,
                                           gboolean           available)
{
  g_return_if_fail (RD_IS_REVIEWER_SESSION (self));
  self->keyring_available = available;
}

/**
 * rd_reviewer_session_dup_certificate:
 * @status: (out) (optional): the certificate's status now
 *
 * Returns: (transfer full) (nullable): the trust file's certificate of the
 *   unlocked key
 */
RdCertificate *
rd_reviewer_session_dup_certificate (RdReviewerSession   *self,
                                     RdCertificateStatus *status)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  RdCertificate *certificate;

  g_return_val_if_fail (RD_IS_REVIEWER_SESSION (self), NULL);

  if (self->key == NULL || self->trust == NULL)
    return NULL;
  certificate = rd_trust_find_certificate (self->trust, rd_signing_key_get_public_key (self->key));
  if (certificate != NULL && status != NULL)
    *status = rd_trust_check (self->trust, certificate, now);
  return certificate;
}

/* Whether the reviewer put off unlocking: the passphrase is not asked for
 * again at every case opened. */
gboolean
rd_reviewer_session_get_declined (RdReviewerSession *self)
{
  g_return_val_if_fail (RD_IS_REVIEWER_SESSION (self), FALSE);
  return self->declined;
}

void
rd_reviewer_session_set_declined (RdReviewerSession *self,
                                  gboolean           declined)
{
  g_return_if_fail (RD_IS_REVIEWER_SESSION (self));
  self->declined = declined;
}

static void
rd_reviewer_session_finalize (GObject *object)
{
  RdReviewerSession *self = RD_REVIEWER_SESSION (object);

  g_clear_object (&self->trust);
  g_clear_pointer (&self->profile, rd_reviewer_profile_free);
  g_clear_object (&self->key);
  g_free (self->problem);
  g_free (self->trust_problem);
  G_OBJECT_CLASS (rd_reviewer_session_parent_class)->finalize (object);
}

static void
rd_reviewer_session_class_init (RdReviewerSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_reviewer_session_finalize;

  /**
   * RdReviewerSession::changed:
   *
   * The trust file, the profile or the key changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rd_reviewer_session_init (RdReviewerSession *self)
{
  self->state = RD_REVIEWER_KEY_NONE;
}

RdReviewerSession *
rd_reviewer_session_new (void)
{
  return g_object_new (RD_TYPE_REVIEWER_SESSION, NULL);
}
