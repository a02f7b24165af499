/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-test-identity.h"

static RdSigningKey *admin_key;
static RdTrust *trust;
static GHashTable *keys;  /* "name\nrole" -> RdSigningKey */

RdTrust *
rd_test_trust (void)
{
  if (trust == NULL)
    {
      admin_key = rd_signing_key_generate ();
      trust = rd_trust_new ("Test Health Plan", admin_key);
      keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
    }
  return trust;
}

RdSigningKey *
rd_test_admin_key (void)
{
  rd_test_trust ();
  return admin_key;
}

void
rd_test_identity_use (RdTrust      *use_trust,
                      RdSigningKey *use_admin_key)
{
  g_assert_null (trust);
  trust = g_object_ref (use_trust);
  admin_key = g_object_ref (use_admin_key);
  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

RdSigningKey *
rd_test_reviewer_key (const char *name,
                      const char *credentials,
                      RdRole      role)
{
  g_autofree char *id = g_strdup_printf ("%s\n%s\n%s", name, credentials ? credentials : "", rd_role_to_string (role));
  RdSigningKey *key;

  rd_test_trust ();
  key = g_hash_table_lookup (keys, id);
  if (key == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) until = g_date_time_add_days (now, 365);
      g_autoptr(RdCertificate) certificate = NULL;

      key = rd_signing_key_generate ();
      certificate = rd_trust_certify (trust, admin_key, name, credentials, role,
                                      rd_signing_key_get_public_key (key), until, &error);
      g_assert_no_error (error);
      g_assert_nonnull (certificate);
      g_hash_table_insert (keys, g_steal_pointer (&id), key);
    }
  return key;
}

void
rd_test_sign_as (RdCaseFile *case_file,
                 const char *name,
                 const char *credentials,
                 RdRole      role)
{
  g_autoptr(GError) error = NULL;

  rd_case_file_set_trust (case_file, rd_test_trust ());
  g_assert_true (rd_case_file_set_signer (case_file, rd_test_reviewer_key (name, credentials, role), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rd_case_file_get_actor_name (case_file), ==, name);
}
