/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rd-reviewer-profile.h"
#include "rd-signing-key.h"
#include "rd-trust.h"

/* Not a speed test (those are benchmarks): a bound far above what any
 * machine takes, even under the sanitizers, and below D-Bus's 25 s activation
 * timeout, so that a refusal that hangs or waits for a keyring daemon fails. */
#define HANG_GUARD_USEC (15 * G_USEC_PER_SEC)

#define PASSPHRASE "correct horse battery staple"

/* A file in this test's own cache folder (G_TEST_OPTION_ISOLATE_DIRS). */
static char *
temp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static GDateTime *
days_from_now (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_add_days (now, days);
}

/* ---- keys ---------------------------------------------------------------- */

static void
test_sign_verify (void)
{
  g_autoptr(RdSigningKey) key = rd_signing_key_generate ();
  g_autoptr(RdSigningKey) other = rd_signing_key_generate ();
  const char *public_key = rd_signing_key_get_public_key (key);
  const char data[] = "rd-test: approve case 42";
  g_autofree char *signature = rd_signing_key_sign (key, data, strlen (data));
  g_autofree char *changed = g_strdup (data);
  g_autofree char *padded_key = g_strconcat (public_key, "=", NULL);
  g_autofree char *padded_signature = g_strconcat (signature, "==", NULL);
  g_autofree char *bad_char = g_strdup (signature);
  g_autofree char *other_spelling = g_strdup (public_key);
  const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  g_assert_cmpuint (strlen (public_key), ==, 43);
  g_assert_cmpuint (strlen (signature), ==, 86);
  g_assert_true (rd_signature_check (public_key, data, strlen (data), signature));
  /* Padding is accepted; the same key without it is what is produced. */
  g_assert_true (rd_signature_check (padded_key, data, strlen (data), padded_signature));

  changed[3] ^= 1;
  g_assert_false (rd_signature_check (public_key, changed, strlen (changed), signature));
  g_assert_false (rd_signature_check (rd_signing_key_get_public_key (other), data, strlen (data), signature));

  bad_char[10] = '!';
  g_assert_false (rd_signature_check (public_key, data, strlen (data), bad_char));
  g_assert_false (rd_signature_check (public_key, data, strlen (data), "c2lnbmF0dXJl"));
  g_assert_false (rd_signature_check ("not a key", data, strlen (data), signature));
  g_assert_false (rd_signature_check (public_key, data, strlen (data), ""));
  /* The last character of 32 bytes carries two unused bits, always zero in
   * what is written: setting one spells the same bytes differently, which is
   * refused, so that one key has one text. */
  other_spelling[42] = alphabet[strchr (alphabet, other_spelling[42]) - alphabet + 1];
  g_assert_false (rd_signature_check (other_spelling, data, strlen (data), signature));
  g_assert_null (rd_public_key_fingerprint (other_spelling));
}

static void
test_fingerprint (void)
{
  g_autoptr(RdSigningKey) key = rd_signing_key_generate ();
  g_autoptr(RdSigningKey) other = rd_signing_key_generate ();
  g_autofree char *fingerprint = rd_public_key_fingerprint (rd_signing_key_get_public_key (key));
  g_autofree char *again = rd_public_key_fingerprint (rd_signing_key_get_public_key (key));
  g_autofree char *other_fingerprint = rd_public_key_fingerprint (rd_signing_key_get_public_key (other));

  g_assert_true (g_regex_match_simple ("^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$", fingerprint, 0, 0));
  g_assert_cmpstr (fingerprint, ==, again);
  g_assert_cmpstr (fingerprint, !=, other_fingerprint);
  g_assert_null (rd_public_key_fingerprint ("AAAA"));
}

static void
test_key_file (void)
{
  g_autoptr(RdSigningKey) key = rd_signing_key_generate ();
  g_autoptr(RdSigningKey) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("reviewer.key");
  g_autofree char *contents = NULL;
  g_autofree char *signature = NULL;

  g_assert_true (rd_signing_key_save_file (key, path, PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_cmphex (file_mode (path), ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "ReviewDesk signing key 1\n"));
  g_assert_nonnull (strstr (contents, rd_signing_key_get_public_key (key)));

  loaded = rd_signing_key_load_file (path, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_signing_key_get_public_key (loaded), ==, rd_signing_key_get_public_key (key));
  signature = rd_signing_key_sign (loaded, "x", 1);
  g_assert_true (rd_signature_check (rd_signing_key_get_public_key (key), "x", 1, signature));

  g_assert_null (rd_signing_key_load_file (path, "wrong horse", &error));
  g_assert_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_BAD_PASSPHRASE);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
}

static void
assert_damaged (const char *path,
                const char *contents,
                gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  g_assert_null (rd_signing_key_load_file (path, PASSPHRASE, &error));
  g_assert_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_key_file_damaged (void)
{
  g_autoptr(RdSigningKey) key = rd_signing_key_generate ();
  g_autoptr(RdSigningKey) other = rd_signing_key_generate ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("reviewer.key");
  g_autofree char *contents = NULL;
  g_autofree char *swapped = NULL;
  g_autofree char *big = g_strnfill (100000, 'A');
  gsize length;

  g_assert_true (rd_signing_key_save_file (key, path, PASSPHRASE, NULL));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  assert_damaged (path, contents, length / 2);
  assert_damaged (path, "garbage\n", -1);
  assert_damaged (path, "", 0);
  assert_damaged (path, big, -1);
  assert_damaged (path, "\0\1\2\3", 4);
  /* Another key's public key in clear beside this key's sealed seed. */
  swapped = g_strdup (contents);
  memcpy (strstr (swapped, "public-key ") + strlen ("public-key "), rd_signing_key_get_public_key (other), 43);
  assert_damaged (path, swapped, -1);

  g_assert_true (g_file_set_contents (path, "ReviewDesk signing key 7\n", -1, NULL));
  g_assert_null (rd_signing_key_load_file (path, PASSPHRASE, &error));
  g_assert_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "newer"));
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_null (rd_signing_key_load_file (path, PASSPHRASE, &error));
  g_assert_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_NOT_FOUND);
}

static void
assert_no_keyring_quickly (void)
{
  g_autoptr(RdSigningKey) key = rd_signing_key_generate ();
  g_autoptr(RdSigningKey) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  found = rd_signing_key_lookup_keyring (rd_signing_key_get_public_key (key), NULL, &error);
  g_assert_null (found);
  g_assert_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_NO_KEYRING);
  g_clear_error (&error);
  g_assert_false (rd_signing_key_store_keyring (key, NULL, NULL, &error));
  g_assert_error (error, RD_SIGNING_KEY_ERROR, RD_SIGNING_KEY_ERROR_NO_KEYRING);
  g_assert_cmpint (g_get_monotonic_time () - start, <, HANG_GUARD_USEC);
}

/* The tests run under dbus-run-session with no keyring daemon: a lookup
 * must answer NO_KEYRING at once, not after D-Bus gives up activating one. */
static void
test_keyring_absent (void)
{
  gint64 start = g_get_monotonic_time ();
  gboolean available = rd_signing_key_keyring_available (NULL);

  g_assert_cmpint (g_get_monotonic_time () - start, <, HANG_GUARD_USEC);
  if (available)
    {
      g_test_skip ("this session has a keyring");
      return;
    }
  assert_no_keyring_quickly ();
}

/* A session bus that does not answer at all. */
static void
test_keyring_no_bus (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/rd-test-bus", TRUE);
      assert_no_keyring_quickly ();
      return;
    }
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* ---- trust --------------------------------------------------------------- */

typedef struct {
  RdSigningKey  *admin;
  RdSigningKey  *reviewer;
  RdTrust       *trust;
  RdCertificate *certificate;
} Org;

static void
org_init (Org        *org,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) not_after = days_from_now (365);

  org->admin = rd_signing_key_generate ();
  org->reviewer = rd_signing_key_generate ();
  org->trust = rd_trust_new (name, org->admin);
  org->certificate = rd_trust_certify (org->trust, org->admin, "Dr Ana Ruiz", "MD", RD_ROLE_MEDICAL_DIRECTOR,
                                       rd_signing_key_get_public_key (org->reviewer), not_after, &error);
  g_assert_no_error (error);
  g_assert_nonnull (org->certificate);
}

static void
org_clear (Org *org)
{
  g_clear_object (&org->admin);
  g_clear_object (&org->reviewer);
  g_clear_object (&org->trust);
  g_clear_pointer (&org->certificate, rd_certificate_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Org, org_clear)

static RdCertificateStatus
status_now (RdTrust             *trust,
            const RdCertificate *certificate)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return rd_trust_check (trust, certificate, now);
}

static void
test_certify (void)
{
  g_auto(Org) org = { 0, };
  g_autoptr(RdCertificate) found = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *sentence = NULL;

  org_init (&org, "Example Health Plan");
  g_assert_cmpint (status_now (org.trust, org.certificate), ==, RD_CERTIFICATE_VALID);
  g_assert_cmpstr (org.certificate->organisation_name, ==, "Example Health Plan");
  g_assert_cmpstr (org.certificate->organisation_key, ==, rd_signing_key_get_public_key (org.admin));
  g_assert_cmpint (org.certificate->serial, ==, 1);
  g_assert_cmpint (org.certificate->role, ==, RD_ROLE_MEDICAL_DIRECTOR);

  found = rd_trust_find_certificate (org.trust, rd_signing_key_get_public_key (org.reviewer));
  g_assert_nonnull (found);
  g_assert_cmpstr (found->signature, ==, org.certificate->signature);
  g_assert_null (rd_trust_find_certificate (org.trust, rd_signing_key_get_public_key (org.admin)));
  all = rd_trust_list_certificates (org.trust);
  g_assert_cmpuint (all->len, ==, 1);

  sentence = rd_certificate_status_describe (RD_CERTIFICATE_VALID, org.certificate);
  g_assert_nonnull (strstr (sentence, "Dr Ana Ruiz (medical director)"));
  g_assert_nonnull (strstr (sentence, "Example Health Plan"));
}

static void
test_recertify (void)
{
  g_auto(Org) org = { 0, };
  g_autoptr(GDateTime) later = days_from_now (30);
  g_autoptr(RdCertificate) second = NULL;
  g_autoptr(RdCertificate) newest = NULL;
  g_autoptr(GError) error = NULL;

  org_init (&org, "Example Health Plan");
  second = rd_trust_certify (org.trust, org.admin, "Dr Ana Ruiz", "MD, MPH", RD_ROLE_MEDICAL_DIRECTOR,
                             rd_signing_key_get_public_key (org.reviewer), later, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->serial, ==, 2);
  newest = rd_trust_find_certificate (org.trust, rd_signing_key_get_public_key (org.reviewer));
  g_assert_cmpstr (newest->credentials, ==, "MD, MPH");
}

static void
assert_same_certificate (const RdCertificate *a,
                         const RdCertificate *b)
{
  g_assert_cmpstr (a->organisation_name, ==, b->organisation_name);
  g_assert_cmpstr (a->organisation_key, ==, b->organisation_key);
  g_assert_cmpint (a->serial, ==, b->serial);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->credentials, ==, b->credentials);
  g_assert_cmpint (a->role, ==, b->role);
  g_assert_cmpstr (a->public_key, ==, b->public_key);
  g_assert_true (g_date_time_equal (a->not_before, b->not_before));
  g_assert_true (g_date_time_equal (a->not_after, b->not_after));
  g_assert_cmpstr (a->signature, ==, b->signature);
}

static void
test_certificate_text (void)
{
  g_auto(Org) org = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCertificate) back = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *extra = NULL;

  org_init (&org, "Example \"Health\" Plan\n");
  text = rd_certificate_to_text (org.certificate);
  g_assert_null (strchr (text, '\n'));
  back = rd_certificate_from_text (text, &error);
  g_assert_no_error (error);
  assert_same_certificate (back, org.certificate);
  again = rd_certificate_to_text (back);
  g_assert_cmpstr (again, ==, text);
  g_assert_cmpint (status_now (org.trust, back), ==, RD_CERTIFICATE_VALID);

  g_assert_null (rd_certificate_from_text ("garbage", &error));
  g_assert_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (rd_certificate_from_text ("[1,2]", &error));
  g_assert_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID);
  g_clear_error (&error);
  extra = g_strconcat ("{\"extra\":1,", text + 1, NULL);
  g_assert_null (rd_certificate_from_text (extra, &error));
  g_assert_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "extra"));
}

static void
test_tampered (void)
{
  g_auto(Org) org = { 0, };
  g_autoptr(RdCertificate) role = NULL;
  g_autoptr(RdCertificate) name = NULL;
  g_autoptr(RdCertificate) longer = NULL;
  g_autoptr(RdCertificate) key = NULL;
  g_autoptr(RdSigningKey) stranger = rd_signing_key_generate ();

  org_init (&org, "Example Health Plan");
  role = rd_certificate_copy (org.certificate);
  role->role = RD_ROLE_NURSE_REVIEWER;
  g_assert_cmpint (status_now (org.trust, role), ==, RD_CERTIFICATE_BAD_SIGNATURE);

  name = rd_certificate_copy (org.certificate);
  g_free (name->name);
  name->name = g_strdup ("Dr Ana Ruiz Jr");
  g_assert_cmpint (status_now (org.trust, name), ==, RD_CERTIFICATE_BAD_SIGNATURE);

  longer = rd_certificate_copy (org.certificate);
  g_date_time_unref (longer->not_after);
  longer->not_after = days_from_now (3650);
  g_assert_cmpint (status_now (org.trust, longer), ==, RD_CERTIFICATE_BAD_SIGNATURE);

  key = rd_certificate_copy (org.certificate);
  g_free (key->public_key);
  key->public_key = g_strdup (rd_signing_key_get_public_key (stranger));
  g_assert_cmpint (status_now (org.trust, key), ==, RD_CERTIFICATE_BAD_SIGNATURE);
}

static void
test_other_organisation (void)
{
  g_auto(Org) ours = { 0, };
  g_auto(Org) theirs = { 0, };
  g_autoptr(RdCertificate) forged = NULL;

  org_init (&ours, "Example Health Plan");
  org_init (&theirs, "Other Plan");
  g_assert_cmpint (status_now (ours.trust, theirs.certificate), ==, RD_CERTIFICATE_UNKNOWN_ORGANISATION);

  /* Their certificate relabelled as ours still carries their signature. */
  forged = rd_certificate_copy (theirs.certificate);
  g_free (forged->organisation_key);
  forged->organisation_key = g_strdup (rd_trust_get_organisation_key (ours.trust));
  g_free (forged->organisation_name);
  forged->organisation_name = g_strdup ("Example Health Plan");
  g_assert_cmpint (status_now (ours.trust, forged), ==, RD_CERTIFICATE_BAD_SIGNATURE);
}

static void
test_validity_times (void)
{
  g_auto(Org) org = { 0, };
  g_autoptr(GDateTime) before = days_from_now (-1);
  g_autoptr(GDateTime) after = days_from_now (366);
  g_autoptr(GDateTime) inside = days_from_now (364);
  g_autofree char *sentence = NULL;

  org_init (&org, "Example Health Plan");
  g_assert_cmpint (rd_trust_check (org.trust, org.certificate, before), ==, RD_CERTIFICATE_NOT_YET_VALID);
  g_assert_cmpint (rd_trust_check (org.trust, org.certificate, inside), ==, RD_CERTIFICATE_VALID);
  g_assert_cmpint (rd_trust_check (org.trust, org.certificate, after), ==, RD_CERTIFICATE_EXPIRED);
  sentence = rd_trust_describe (org.trust, org.certificate, after);
  g_assert_nonnull (strstr (sentence, "expired"));
}

static void
test_revoked (void)
{
  g_auto(Org) org = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) revoked_at = g_date_time_new_utc (2026, 12, 1, 12, 0, 0);
  g_autoptr(GDateTime) before = g_date_time_add_hours (revoked_at, -1);
  g_autoptr(GDateTime) after = g_date_time_add_hours (revoked_at, 1);
  g_autoptr(RdCertificate) certificate = NULL;
  g_autofree char *path = temp_path ("trust.json");
  g_autofree char *sentence = NULL;
  g_autoptr(RdTrust) loaded = NULL;

  /* A key revoked on 2026-12-01 at noon. */
  org_init (&org, "Example Health Plan");
  certificate = rd_certificate_copy (org.certificate);
  g_assert_true (rd_trust_revoke (org.trust, org.admin, certificate->public_key, "laptop lost", revoked_at, &error));
  g_assert_no_error (error);

  g_assert_true (rd_trust_save (org.trust, path, &error));
  g_assert_no_error (error);
  loaded = rd_trust_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rd_trust_check (loaded, certificate, revoked_at), ==, RD_CERTIFICATE_REVOKED);
  g_assert_cmpint (rd_trust_check (loaded, certificate, after), ==, RD_CERTIFICATE_REVOKED);
  g_assert_cmpstr (rd_trust_find_revocation (loaded, certificate->public_key)->reason, ==, "laptop lost");
  /* Before its revocation the key signed validly, if its certificate held then. */
  g_assert_cmpint (rd_trust_check (loaded, certificate, before), !=, RD_CERTIFICATE_REVOKED);

  sentence = rd_trust_describe (loaded, certificate, after);
  g_assert_cmpstr (sentence, ==,
                   "The key of Dr Ana Ruiz (medical director) was revoked by Example Health Plan on 2026-12-01.");
}

static void
test_revoked_within_validity (void)
{
  g_auto(Org) org = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) revoked_at = days_from_now (10);
  g_autoptr(GDateTime) before = days_from_now (9);
  g_autoptr(GDateTime) after = days_from_now (11);

  org_init (&org, "Example Health Plan");
  g_assert_true (rd_trust_revoke (org.trust, org.admin, org.certificate->public_key, "left", revoked_at, &error));
  g_assert_cmpint (rd_trust_check (org.trust, org.certificate, before), ==, RD_CERTIFICATE_VALID);
  g_assert_cmpint (rd_trust_check (org.trust, org.certificate, after), ==, RD_CERTIFICATE_REVOKED);
}

static void
test_not_admin (void)
{
  g_auto(Org) org = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) not_after = days_from_now (30);
  g_autoptr(RdSigningKey) stranger = rd_signing_key_generate ();

  org_init (&org, "Example Health Plan");
  g_assert_null (rd_trust_certify (org.trust, org.reviewer, "Eve", "RN", RD_ROLE_MEDICAL_DIRECTOR,
                                   rd_signing_key_get_public_key (stranger), not_after, &error));
  g_assert_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_NOT_ADMIN);
  g_clear_error (&error);
  g_assert_false (rd_trust_revoke (org.trust, org.reviewer, org.certificate->public_key, "x", NULL, &error));
  g_assert_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_NOT_ADMIN);
  g_clear_error (&error);
  g_assert_null (rd_trust_certify (org.trust, org.admin, "Eve", "RN", RD_ROLE_NURSE_REVIEWER,
                                   "not-a-key", not_after, &error));
  g_assert_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_INVALID);
}

static void
test_save_load (void)
{
  g_auto(Org) org = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdTrust) loaded = NULL;
  g_autoptr(GPtrArray) certificates = NULL;
  g_autofree char *path = temp_path ("trust.json");

  org_init (&org, "Example Health Plan");
  g_assert_true (rd_trust_save (org.trust, path, &error));
  g_assert_no_error (error);
  g_assert_cmphex (file_mode (path), ==, 0644);
  loaded = rd_trust_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_trust_get_organisation_name (loaded), ==, "Example Health Plan");
  g_assert_cmpstr (rd_trust_get_organisation_key (loaded), ==, rd_signing_key_get_public_key (org.admin));
  certificates = rd_trust_list_certificates (loaded);
  g_assert_cmpuint (certificates->len, ==, 1);
  assert_same_certificate (certificates->pdata[0], org.certificate);
  g_assert_cmpint (status_now (loaded, certificates->pdata[0]), ==, RD_CERTIFICATE_VALID);
}

static void
assert_load_refused (const char   *path,
                     const char   *contents,
                     RdTrustError  code,
                     const char   *names)
{
  g_autoptr(GError) error = NULL;
  gint64 start;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  start = g_get_monotonic_time ();
  g_assert_null (rd_trust_load (path, &error));
  g_assert_cmpint (g_get_monotonic_time () - start, <, HANG_GUARD_USEC);
  g_assert_error (error, RD_TRUST_ERROR, (int) code);
  g_assert_nonnull (strstr (error->message, path));
  if (names != NULL && strstr (error->message, names) == NULL)
    g_error ("“%s” does not name %s", error->message, names);
}

/* Someone promotes themselves in the file on disk. */
static void
test_edited_on_disk (void)
{
  g_auto(Org) org = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) not_after = days_from_now (30);
  g_autoptr(RdSigningKey) nurse = rd_signing_key_generate ();
  g_autoptr(RdCertificate) certificate = NULL;
  g_autofree char *path = temp_path ("trust.json");
  g_autofree char *contents = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *revocation_edited = NULL;
  g_autoptr(GString) text = NULL;

  org_init (&org, "Example Health Plan");
  certificate = rd_trust_certify (org.trust, org.admin, "Sam Nurse", "RN", RD_ROLE_NURSE_REVIEWER,
                                  rd_signing_key_get_public_key (nurse), not_after, &error);
  g_assert_true (rd_trust_revoke (org.trust, org.admin, org.certificate->public_key, "retired", NULL, &error));
  g_assert_true (rd_trust_save (org.trust, path, &error));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));

  text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (text, "\"nurse-reviewer\"", "\"medical-director\"", 1), ==, 1);
  assert_load_refused (path, text->str, RD_TRUST_ERROR_BAD_SIGNATURE, "$.certificates[1]");

  g_string_assign (text, contents);
  g_assert_cmpuint (g_string_replace (text, "\"retired\"", "\"typo\"", 1), ==, 1);
  assert_load_refused (path, text->str, RD_TRUST_ERROR_BAD_SIGNATURE, "$.revocations[0]");

  g_string_assign (text, contents);
  g_assert_cmpuint (g_string_replace (text, "\"nurse-reviewer\"", "\"surgeon\"", 1), ==, 1);
  assert_load_refused (path, text->str, RD_TRUST_ERROR_INVALID, "$.certificates[1].role");
}

static void
test_hostile_files (void)
{
  g_autofree char *path = temp_path ("trust.json");
  g_autofree char *huge = NULL;
  g_autofree char *deep = NULL;
  g_autoptr(GString) many = g_string_new ("{\"format\":\"reviewdesk-trust\",\"certificates\":[");
  g_autoptr(GString) long_name = g_string_new ("{\"format\":\"reviewdesk-trust\",\"version\":1,"
                                               "\"organisation\":{\"name\":\"");
  const char *head = "{\"format\":\"reviewdesk-trust\",\"version\":1,"
                     "\"organisation\":{\"name\":\"X\",\"public_key\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"},";
  g_autofree char *wrong_list = g_strconcat (head, "\"certificates\":\"none\",\"revocations\":[]}", NULL);
  g_autofree char *wrong_serial = g_strconcat (head, "\"certificates\":[{\"serial\":\"1\"}],\"revocations\":[]}", NULL);
  g_autofree char *wrong_entry = g_strconcat (head, "\"certificates\":[17],\"revocations\":[]}", NULL);
  g_autofree char *no_revocations = g_strconcat (head, "\"certificates\":[]}", NULL);
  g_autofree char *unknown = g_strconcat (head, "\"certificates\":[],\"revocations\":[],\"admin\":true}", NULL);

  huge = g_strnfill (5 * 1024 * 1024, ' ');
  huge[0] = '[';
  assert_load_refused (path, huge, RD_TRUST_ERROR_INVALID, "bytes");
  deep = g_strnfill (100000, '[');
  assert_load_refused (path, deep, RD_TRUST_ERROR_INVALID, "nested");
  for (guint i = 0; i < 20000; i++)
    g_string_append (many, i ? ",{}" : "{}");
  g_string_append (many, "]}");
  assert_load_refused (path, many->str, RD_TRUST_ERROR_INVALID, "$.certificates");
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (long_name, 'x');
  g_string_append (long_name, "\"}}");
  assert_load_refused (path, long_name->str, RD_TRUST_ERROR_INVALID, "$.organisation.name");

  assert_load_refused (path, "", RD_TRUST_ERROR_INVALID, NULL);
  assert_load_refused (path, "[]", RD_TRUST_ERROR_INVALID, "$");
  assert_load_refused (path, "{\"format\":\"reviewdesk-case\"}", RD_TRUST_ERROR_INVALID, "$.format");
  assert_load_refused (path, "{\"format\":\"reviewdesk-trust\",\"version\":2}", RD_TRUST_ERROR_INVALID, "newer");
  assert_load_refused (path, "{\"format\":\"reviewdesk-trust\",\"version\":1,\"organisation\":[]}",
                       RD_TRUST_ERROR_INVALID, "$.organisation");
  assert_load_refused (path, wrong_list, RD_TRUST_ERROR_INVALID, "$.certificates");
  assert_load_refused (path, wrong_serial, RD_TRUST_ERROR_INVALID, "$.certificates[0].serial");
  assert_load_refused (path, wrong_entry, RD_TRUST_ERROR_INVALID, "$.certificates[0]");
  assert_load_refused (path, no_revocations, RD_TRUST_ERROR_INVALID, "$.revocations");
  assert_load_refused (path, unknown, RD_TRUST_ERROR_INVALID, "admin");
}

static void
test_missing_trust_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("no-such-trust.json");

  g_assert_null (rd_trust_load (path, &error));
  g_assert_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
}

/* ---- the reviewer on this workstation ------------------------------------ */

static void
test_profile (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSigningKey) key = rd_signing_key_generate ();
  g_autoptr(RdReviewerProfile) loaded = NULL;
  g_autofree char *path = rd_reviewer_profile_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *trust = NULL;
  RdReviewerProfile profile = {
    "Sam Nurse", "RN", RD_ROLE_NURSE_REVIEWER, (char *) rd_signing_key_get_public_key (key),
    RD_KEY_STORE_FILE, "/somewhere/reviewer.key",
  };

  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_assert_null (rd_reviewer_profile_load (&error));
  g_assert_no_error (error);

  g_assert_true (rd_reviewer_profile_save (&profile, &error));
  g_assert_no_error (error);
  g_assert_cmphex (file_mode (path), ==, 0600);
  g_assert_cmphex (file_mode (dir), ==, 0700);
  loaded = rd_reviewer_profile_load (&error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Sam Nurse");
  g_assert_cmpstr (loaded->credentials, ==, "RN");
  g_assert_cmpint (loaded->role, ==, RD_ROLE_NURSE_REVIEWER);
  g_assert_cmpstr (loaded->public_key, ==, profile.public_key);
  g_assert_cmpint (loaded->key_store, ==, RD_KEY_STORE_FILE);
  g_assert_cmpstr (loaded->key_file, ==, "/somewhere/reviewer.key");

  g_assert_true (g_file_set_contents (path, "[Reviewer]\nName=X\nRole=boss\n", -1, NULL));
  g_assert_null (rd_reviewer_profile_load (&error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  g_setenv ("REVIEWDESK_TRUST_FILE", "/etc/reviewdesk/trust.json", TRUE);
  trust = rd_trust_default_path ();
  g_assert_cmpstr (trust, ==, "/etc/reviewdesk/trust.json");
  g_unsetenv ("REVIEWDESK_TRUST_FILE");
  g_clear_pointer (&trust, g_free);
  trust = rd_trust_default_path ();
  g_assert_true (g_str_has_prefix (trust, g_get_user_config_dir ()));
}

static RdCertificate *
reviewer_certificate (RdTrust             *trust,
                      RdReviewerProfile  **profile)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdSigningKey) key = NULL;

  *profile = rd_reviewer_profile_load (&error);
  g_assert_no_error (error);
  g_assert_nonnull (*profile);
  g_assert_cmpint ((*profile)->key_store, ==, RD_KEY_STORE_FILE);
  g_assert_cmphex (file_mode ((*profile)->key_file), ==, 0600);
  key = rd_reviewer_profile_unlock (*profile, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rd_signing_key_get_public_key (key), ==, (*profile)->public_key);
  return rd_trust_find_certificate (trust, (*profile)->public_key);
}

static void
test_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trust_path = temp_path ("trust.json");
  g_autofree char *admin_path = temp_path ("admin.key");
  g_autofree char *profile_path = rd_reviewer_profile_path ();
  g_autoptr(RdTrust) trust = NULL;
  g_autoptr(RdReviewerProfile) first = NULL;
  g_autoptr(RdReviewerProfile) second = NULL;
  g_autoptr(RdCertificate) first_certificate = NULL;
  g_autoptr(RdCertificate) second_certificate = NULL;
  g_autoptr(RdSigningKey) wrong = NULL;

  g_assert_true (rd_reviewer_setup ("Example Health Plan", "Dr Ana Ruiz", "MD", RD_ROLE_MEDICAL_DIRECTOR,
                                    RD_KEY_STORE_FILE, PASSPHRASE, trust_path, admin_path, 30, &error));
  g_assert_no_error (error);
  g_assert_cmphex (file_mode (admin_path), ==, 0600);
  trust = rd_trust_load (trust_path, &error);
  g_assert_no_error (error);
  first_certificate = reviewer_certificate (trust, &first);
  g_assert_nonnull (first_certificate);
  g_assert_cmpstr (first_certificate->name, ==, "Dr Ana Ruiz");
  g_assert_cmpint (first_certificate->role, ==, RD_ROLE_MEDICAL_DIRECTOR);
  g_assert_cmpint (status_now (trust, first_certificate), ==, RD_CERTIFICATE_VALID);

  /* Once set up, not again over the same profile. */
  g_assert_false (rd_reviewer_setup ("Example Health Plan", "Dr Ana Ruiz", "MD", RD_ROLE_MEDICAL_DIRECTOR,
                                     RD_KEY_STORE_FILE, PASSPHRASE, trust_path, admin_path, 30, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);

  /* A second reviewer on another workstation, certified with the same
   * organisation's key. */
  g_assert_cmpint (g_unlink (profile_path), ==, 0);
  g_assert_true (rd_reviewer_setup (NULL, "Sam Nurse", "RN", RD_ROLE_NURSE_REVIEWER,
                                    RD_KEY_STORE_FILE, PASSPHRASE, trust_path, admin_path, 30, &error));
  g_assert_no_error (error);
  g_clear_object (&trust);
  trust = rd_trust_load (trust_path, &error);
  g_assert_no_error (error);
  second_certificate = reviewer_certificate (trust, &second);
  g_assert_cmpint (second_certificate->serial, ==, 2);
  g_assert_cmpstr (second->public_key, !=, first->public_key);

  /* Someone else's administrator key does not certify for this organisation. */
  g_assert_cmpint (g_unlink (profile_path), ==, 0);
  wrong = rd_signing_key_generate ();
  g_assert_true (rd_signing_key_save_file (wrong, admin_path, PASSPHRASE, NULL));
  g_assert_false (rd_reviewer_setup (NULL, "Eve", "RN", RD_ROLE_MEDICAL_DIRECTOR,
                                     RD_KEY_STORE_FILE, PASSPHRASE, trust_path, admin_path, 30, &error));
  g_assert_error (error, RD_TRUST_ERROR, RD_TRUST_ERROR_NOT_ADMIN);
  g_assert_false (g_file_test (profile_path, G_FILE_TEST_EXISTS));
}

/* With no keyring in the session, asking for the keyring with a passphrase
 * keeps the key in a file. */
static void
test_setup_keyring_fallback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdReviewerProfile) profile = NULL;

  if (rd_signing_key_keyring_available (NULL))
    {
      g_test_skip ("this session has a keyring");
      return;
    }
  profile = rd_reviewer_profile_create ("Sam Nurse", "RN", RD_ROLE_NURSE_REVIEWER, RD_KEY_STORE_KEYRING,
                                        PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (profile->key_store, ==, RD_KEY_STORE_FILE);
  g_assert_true (g_file_test (profile->key_file, G_FILE_TEST_EXISTS));
  g_clear_pointer (&profile, rd_reviewer_profile_free);
  profile = rd_reviewer_profile_load (&error);
  g_assert_cmpint (profile->key_store, ==, RD_KEY_STORE_FILE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/identity/key/sign-verify", test_sign_verify);
  g_test_add_func ("/identity/key/fingerprint", test_fingerprint);
  g_test_add_func ("/identity/key/file", test_key_file);
  g_test_add_func ("/identity/key/file-damaged", test_key_file_damaged);
  g_test_add_func ("/identity/key/keyring-absent", test_keyring_absent);
  g_test_add_func ("/identity/key/keyring-no-bus", test_keyring_no_bus);
  g_test_add_func ("/identity/trust/certify", test_certify);
  g_test_add_func ("/identity/trust/recertify", test_recertify);
  g_test_add_func ("/identity/trust/certificate-text", test_certificate_text);
  g_test_add_func ("/identity/trust/tampered", test_tampered);
  g_test_add_func ("/identity/trust/other-organisation", test_other_organisation);
  g_test_add_func ("/identity/trust/validity-times", test_validity_times);
  g_test_add_func ("/identity/trust/revoked", test_revoked);
  g_test_add_func ("/identity/trust/revoked-within-validity", test_revoked_within_validity);
  g_test_add_func ("/identity/trust/not-admin", test_not_admin);
  g_test_add_func ("/identity/trust/save-load", test_save_load);
  g_test_add_func ("/identity/trust/edited-on-disk", test_edited_on_disk);
  g_test_add_func ("/identity/trust/hostile-files", test_hostile_files);
  g_test_add_func ("/identity/trust/missing-file", test_missing_trust_file);
  g_test_add_func ("/identity/profile/save-load", test_profile);
  g_test_add_func ("/identity/profile/setup", test_setup);
  g_test_add_func ("/identity/profile/keyring-fallback", test_setup_keyring_fallback);

  return g_test_run ();
}
