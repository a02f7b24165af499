/* SPDX-License-Identifier: GPL-3.0-or-later */
/* reviewdesk-tool reviewer setup | new | certify | revoke | show */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "rd-case-types.h"
#include "rd-reviewer-profile.h"
#include "rd-tool-json.h"
#include "rd-tool.h"

#define DEFAULT_VALID_DAYS 365
#define MAX_VALID_DAYS (10 * 366)

typedef struct {
  char     *organisation;
  char     *name;
  char     *credentials;
  char     *role_name;
  char     *trust;
  char     *admin_key;
  char     *key_store_name;
  char     *passphrase_file;
  char     *public_key;
  char     *reason;
  int       valid_days;
  gboolean  json;
  RdRole    role;
  RdKeyStore key_store;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->organisation);
  g_free (o->name);
  g_free (o->credentials);
  g_free (o->role_name);
  g_free (o->trust);
  g_free (o->admin_key);
  g_free (o->key_store_name);
  g_free (o->passphrase_file);
  g_free (o->public_key);
  g_free (o->reason);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* A passphrase, wiped from memory when it goes. */
typedef char *Passphrase;

static void
passphrase_free (char *passphrase)
{
  if (passphrase == NULL)
    return;
  explicit_bzero (passphrase, strlen (passphrase));
  g_free (passphrase);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (Passphrase, passphrase_free, NULL)

#define OPT_ORGANISATION { "organisation", 0, 0, G_OPTION_ARG_STRING, &o.organisation, N_("The organisation’s name, for a new trust file"), "NAME" }
#define OPT_NAME { "name", 0, 0, G_OPTION_ARG_STRING, &o.name, N_("The reviewer’s name as letters show it"), "NAME" }
#define OPT_CREDENTIALS { "credentials", 0, 0, G_OPTION_ARG_STRING, &o.credentials, N_("The reviewer’s credentials, e.g. RN or MD"), "CRED" }
#define OPT_ROLE { "role", 0, 0, G_OPTION_ARG_STRING, &o.role_name, N_("nurse-reviewer, medical-director or trainer"), "ROLE" }
#define OPT_TRUST { "trust", 0, 0, G_OPTION_ARG_FILENAME, &o.trust, N_("The organisation’s trust file"), "FILE" }
#define OPT_ADMIN_KEY { "admin-key", 0, 0, G_OPTION_ARG_FILENAME, &o.admin_key, N_("The organisation’s administrator key file"), "FILE" }
#define OPT_KEY_STORE { "key-store", 0, 0, G_OPTION_ARG_STRING, &o.key_store_name, N_("Where the reviewer’s key is kept: keyring or file"), "STORE" }
#define OPT_PASSPHRASE_FILE { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &o.passphrase_file, N_("Read the passphrase from the first line of FILE"), "FILE" }
#define OPT_PUBLIC_KEY { "public-key", 0, 0, G_OPTION_ARG_STRING, &o.public_key, N_("The reviewer’s public key"), "KEY" }
#define OPT_REASON { "reason", 0, 0, G_OPTION_ARG_STRING, &o.reason, N_("Why the key is revoked"), "TEXT" }
#define OPT_VALID_DAYS { "valid-days", 0, 0, G_OPTION_ARG_INT, &o.valid_days, N_("How many days the certificate is valid"), "N" }
#define OPT_JSON { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Print JSON"), NULL }

static int
parse (const char         *command,
       int                 argc,
       char              **argv,
       const GOptionEntry *entries,
       Options            *o)
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return rd_tool_usage_error ("reviewer", command, "%s", error->message);
  if (argc > 1)
    return rd_tool_usage_error ("reviewer", command, _("Unexpected argument “%s”."), argv[1]);
  if (o->role_name != NULL && !rd_role_from_string (o->role_name, &o->role))
    return rd_tool_usage_error ("reviewer", command,
                                _("Unknown role “%s”: use nurse-reviewer, medical-director or trainer."), o->role_name);
  if (o->key_store_name != NULL && !rd_key_store_from_string (o->key_store_name, &o->key_store))
    return rd_tool_usage_error ("reviewer", command, _("Unknown key store “%s”: use keyring or file."),
                                o->key_store_name);
  if (o->valid_days < 1 || o->valid_days > MAX_VALID_DAYS)
    return rd_tool_usage_error ("reviewer", command, _("--valid-days takes a number of days from 1 to %d."),
                                MAX_VALID_DAYS);
  return RD_TOOL_EXIT_OK;
}

/* The options a command cannot do without, named in one message. */
static int
require (const char *command,
         ...)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *list = NULL;
  const char *option;
  va_list args;

  va_start (args, command);
  while ((option = va_arg (args, const char *)) != NULL)
    if (va_arg (args, const char *) == NULL)
      g_ptr_array_add (missing, (gpointer) option);
  va_end (args);
  if (missing->len == 0)
    return RD_TOOL_EXIT_OK;
  g_ptr_array_add (missing, NULL);
  list = g_strjoinv (" ", (char **) missing->pdata);
  /* TRANSLATORS: the command, then the options it lacks, e.g. --name NAME --role ROLE */
  return rd_tool_usage_error ("reviewer", command, _("“reviewer %s” needs %s."), command, list);
}

/* ---- passphrases ---------------------------------------------------------- */

static char *
read_passphrase_file (const char  *path,
                      GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  char *passphrase;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  passphrase = g_strndup (contents, strcspn (contents, "\r\n"));
  explicit_bzero (contents, length);
  if (*passphrase == '\0')
    {
      passphrase_free (passphrase);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("The passphrase file “%s” has an empty first line: write the passphrase there."), path);
      return NULL;
    }
  return passphrase;
}

/* One line typed on the terminal, not shown. */
static char *
read_hidden_line (const char *prompt)
{
  struct termios saved, quiet;
  gboolean restore = tcgetattr (STDIN_FILENO, &saved) == 0;
  char line[1024];
  char *passphrase = NULL;

  rd_tool_print (stderr, "%s", prompt);
  fflush (stderr);
  if (restore)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  if (fgets (line, sizeof line, stdin) != NULL)
    passphrase = g_strndup (line, strcspn (line, "\r\n"));
  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  fputc ('\n', stderr);
  explicit_bzero (line, sizeof line);
  return passphrase;
}

typedef enum {
  EXISTING,  /* the passphrase of a key file there is */
  NEW,       /* a passphrase to seal a new key file: typed twice */
} PassphraseUse;

/**
 * get_passphrase:
 * @key_file: the key file it is for, for the prompt
 *
 * From --passphrase-file, else typed on the terminal; never from the
 * command line itself, where other users of the machine could read it.
 *
 * Returns: an exit code; @passphrase set with %RD_TOOL_EXIT_OK
 */
static int
get_passphrase (const char     *command,
                const Options  *o,
                const char     *key_file,
                PassphraseUse   use,
                char          **passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *prompt = NULL;
  g_auto(Passphrase) typed = NULL;
  g_auto(Passphrase) again = NULL;

  if (o->passphrase_file != NULL)
    {
      *passphrase = read_passphrase_file (o->passphrase_file, &error);
      if (*passphrase != NULL)
        return RD_TOOL_EXIT_OK;
      rd_tool_report_error (o->passphrase_file, error->message, _("Nothing was written."));
      return RD_TOOL_EXIT_FAILURE;
    }
  if (!isatty (STDIN_FILENO))
    return rd_tool_usage_error ("reviewer", command, "%s",
                                _("A passphrase is needed: give --passphrase-file FILE, or run the command on a"
                                  " terminal to type it."));
  prompt = use == NEW ? g_strdup_printf (_("New passphrase for %s: "), key_file)
                      : g_strdup_printf (_("Passphrase of %s: "), key_file);
  typed = read_hidden_line (prompt);
  if (typed == NULL || *typed == '\0')
    {
      rd_tool_print (stderr, "%s\n", _("No passphrase was typed. Nothing was written."));
      return RD_TOOL_EXIT_FAILURE;
    }
  if (use == NEW)
    {
      again = read_hidden_line (_("The same passphrase again: "));
      if (g_strcmp0 (typed, again) != 0)
        {
          rd_tool_print (stderr, "%s\n", _("The two passphrases differ. Nothing was written."));
          return RD_TOOL_EXIT_FAILURE;
        }
    }
  *passphrase = g_steal_pointer (&typed);
  return RD_TOOL_EXIT_OK;
}

/* ---- what the commands print ---------------------------------------------- */

static void
print_key (const char *public_key)
{
  g_autofree char *fingerprint = rd_public_key_fingerprint (public_key);

  rd_tool_print (stdout, "%-20s %s\n", _("Public key:"), public_key);
  rd_tool_print (stdout, "%-20s %s\n", _("Fingerprint:"), fingerprint);
}

static void
print_profile (const RdReviewerProfile *profile)
{
  rd_tool_print (stdout, "%-20s %s, %s (%s)\n", _("Reviewer:"), profile->name, profile->credentials,
                 rd_role_to_string (profile->role));
  print_key (profile->public_key);
  if (profile->key_store == RD_KEY_STORE_KEYRING)
    rd_tool_print (stdout, "%-20s %s\n", _("Key kept in:"), _("the keyring"));
  else
    rd_tool_print (stdout, "%-20s %s\n", _("Key kept in:"), profile->key_file);
}

/* With --key-store keyring (the default) in a session without a keyring:
 * a file instead, said so. */
static void
choose_key_store (Options *o)
{
  g_autofree char *key_file = NULL;

  if (o->key_store != RD_KEY_STORE_KEYRING || rd_signing_key_keyring_available (NULL))
    return;
  key_file = rd_reviewer_key_path ();
  rd_tool_print (stderr, _("This session has no keyring: the key is kept in %s instead, sealed with a passphrase.\n"),
                 key_file);
  o->key_store = RD_KEY_STORE_FILE;
}

static RdTrust *
load_trust (const char *path)
{
  g_autoptr(GError) error = NULL;
  RdTrust *trust = rd_trust_load (path, &error);

  if (trust == NULL)
    rd_tool_report_error (path, error->message, NULL);
  return trust;
}

static RdSigningKey *
open_admin_key (const char    *command,
                const Options *o,
                int           *status)
{
  g_autoptr(GError) error = NULL;
  g_auto(Passphrase) passphrase = NULL;
  RdSigningKey *key;

  *status = get_passphrase (command, o, o->admin_key, EXISTING, &passphrase);
  if (*status != RD_TOOL_EXIT_OK)
    return NULL;
  key = rd_signing_key_load_file (o->admin_key, passphrase, &error);
  if (key == NULL)
    {
      rd_tool_report_error (o->admin_key, error->message, _("Nothing was written."));
      *status = RD_TOOL_EXIT_FAILURE;
    }
  return key;
}

/* ---- reviewer setup ------------------------------------------------------- */

static char *
default_admin_key_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "reviewdesk", "admin.key", NULL);
}

static int
report_setup (const Options *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdReviewerProfile) profile = rd_reviewer_profile_load (&error);
  g_autoptr(RdTrust) trust = NULL;
  g_autoptr(RdCertificate) certificate = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *status = NULL;

  if (profile == NULL || (trust = load_trust (o->trust)) == NULL)
    {
      if (error != NULL)
        rd_tool_print (stderr, "%s\n", error->message);
      return RD_TOOL_EXIT_FAILURE;
    }
  certificate = rd_trust_find_certificate (trust, profile->public_key);
  g_return_val_if_fail (certificate != NULL, RD_TOOL_EXIT_FAILURE);
  print_profile (profile);
  rd_tool_print (stdout, "%-20s %s (%s)\n", _("Trust file:"), o->trust, rd_trust_get_organisation_name (trust));
  rd_tool_print (stdout, "%-20s %s\n", _("Administrator key:"), o->admin_key);
  status = rd_trust_describe (trust, certificate, now);
  rd_tool_print (stdout, "\n%s\n", status);
  rd_tool_print (stdout, "%s\n", _("Keep the administrator key and its passphrase safe: whoever holds both can"
                                   " certify reviewers for the organisation."));
  return RD_TOOL_EXIT_OK;
}

static int
cmd_setup (int    argc,
           char **argv)
{
  g_auto(Options) o = { .valid_days = DEFAULT_VALID_DAYS };
  const GOptionEntry entries[] = {
    OPT_ORGANISATION, OPT_NAME, OPT_CREDENTIALS, OPT_ROLE, OPT_TRUST, OPT_ADMIN_KEY, OPT_KEY_STORE,
    OPT_PASSPHRASE_FILE, OPT_VALID_DAYS, { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_auto(Passphrase) passphrase = NULL;
  gboolean new_organisation;
  int status;

  if ((status = parse ("setup", argc, argv, entries, &o)) != RD_TOOL_EXIT_OK ||
      (status = require ("setup", "--name NAME", o.name, "--credentials CRED", o.credentials,
                         "--role ROLE", o.role_name, NULL)) != RD_TOOL_EXIT_OK)
    return status;
  if (o.trust == NULL)
    o.trust = rd_trust_default_path ();
  if (o.admin_key == NULL)
    o.admin_key = default_admin_key_path ();
  new_organisation = !g_file_test (o.trust, G_FILE_TEST_EXISTS);
  if (new_organisation && o.organisation == NULL)
    return rd_tool_usage_error ("reviewer", "setup", _("There is no trust file %s yet: give --organisation NAME to"
                                                       " set up a new organisation."), o.trust);
  choose_key_store (&o);
  status = get_passphrase ("setup", &o, o.admin_key, new_organisation ? NEW : EXISTING, &passphrase);
  if (status != RD_TOOL_EXIT_OK)
    return status;
  if (!rd_reviewer_setup (o.organisation, o.name, o.credentials, o.role, o.key_store, passphrase,
                          o.trust, o.admin_key, (guint) o.valid_days, &error))
    {
      rd_tool_report_error (NULL, error->message, NULL);
      return RD_TOOL_EXIT_FAILURE;
    }
  return report_setup (&o);
}

/* ---- reviewer new --------------------------------------------------------- */

static int
cmd_new (int    argc,
         char **argv)
{
  g_auto(Options) o = { .valid_days = DEFAULT_VALID_DAYS };
  const GOptionEntry entries[] = {
    OPT_NAME, OPT_CREDENTIALS, OPT_ROLE, OPT_KEY_STORE, OPT_PASSPHRASE_FILE, { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdReviewerProfile) profile = NULL;
  g_auto(Passphrase) passphrase = NULL;
  g_autofree char *key_file = rd_reviewer_key_path ();
  int status;

  if ((status = parse ("new", argc, argv, entries, &o)) != RD_TOOL_EXIT_OK ||
      (status = require ("new", "--name NAME", o.name, "--credentials CRED", o.credentials,
                         "--role ROLE", o.role_name, NULL)) != RD_TOOL_EXIT_OK)
    return status;
  choose_key_store (&o);
  if (o.key_store == RD_KEY_STORE_FILE &&
      (status = get_passphrase ("new", &o, key_file, NEW, &passphrase)) != RD_TOOL_EXIT_OK)
    return status;
  profile = rd_reviewer_profile_create (o.name, o.credentials, o.role, o.key_store, passphrase, &error);
  if (profile == NULL)
    {
      rd_tool_report_error (NULL, error->message, NULL);
      return RD_TOOL_EXIT_FAILURE;
    }
  print_profile (profile);
  rd_tool_print (stdout, "\n%s\n", _("Not certified yet: give the public key and its fingerprint to the organisation’s"
                                     " administrator, who certifies it with “reviewdesk-tool reviewer certify”."));
  return RD_TOOL_EXIT_OK;
}

/* ---- reviewer certify and revoke ------------------------------------------ */

static int
save_trust (RdTrust    *trust,
            const char *path)
{
  g_autoptr(GError) error = NULL;

  if (rd_trust_save (trust, path, &error))
    return RD_TOOL_EXIT_OK;
  rd_tool_report_error (path, error->message, NULL);
  return RD_TOOL_EXIT_FAILURE;
}

static int
cmd_certify (int    argc,
             char **argv)
{
  g_auto(Options) o = { .valid_days = DEFAULT_VALID_DAYS };
  const GOptionEntry entries[] = {
    OPT_TRUST, OPT_ADMIN_KEY, OPT_PUBLIC_KEY, OPT_NAME, OPT_CREDENTIALS, OPT_ROLE, OPT_VALID_DAYS,
    OPT_PASSPHRASE_FILE, { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdTrust) trust = NULL;
  g_autoptr(RdSigningKey) admin = NULL;
  g_autoptr(RdCertificate) certificate = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) not_after = NULL;
  g_autofree char *sentence = NULL;
  int status;

  if ((status = parse ("certify", argc, argv, entries, &o)) != RD_TOOL_EXIT_OK ||
      (status = require ("certify", "--trust FILE", o.trust, "--admin-key FILE", o.admin_key,
                         "--public-key KEY", o.public_key, "--name NAME", o.name,
                         "--credentials CRED", o.credentials, "--role ROLE", o.role_name, NULL)) != RD_TOOL_EXIT_OK)
    return status;
  if ((trust = load_trust (o.trust)) == NULL)
    return RD_TOOL_EXIT_FAILURE;
  if ((admin = open_admin_key ("certify", &o, &status)) == NULL)
    return status;
  not_after = g_date_time_add_days (now, o.valid_days);
  certificate = rd_trust_certify (trust, admin, o.name, o.credentials, o.role, o.public_key, not_after, &error);
  if (certificate == NULL)
    {
      rd_tool_report_error (NULL, error->message, _("Nothing was written."));
      return RD_TOOL_EXIT_FAILURE;
    }
  if ((status = save_trust (trust, o.trust)) != RD_TOOL_EXIT_OK)
    return status;
  sentence = rd_trust_describe (trust, certificate, now);
  rd_tool_print (stdout, _("Certificate %lld written to %s.\n"), (long long) certificate->serial, o.trust);
  print_key (certificate->public_key);
  rd_tool_print (stdout, "%s\n", sentence);
  return RD_TOOL_EXIT_OK;
}

static int
cmd_revoke (int    argc,
            char **argv)
{
  g_auto(Options) o = { .valid_days = DEFAULT_VALID_DAYS };
  const GOptionEntry entries[] = {
    OPT_TRUST, OPT_ADMIN_KEY, OPT_PUBLIC_KEY, OPT_REASON, OPT_PASSPHRASE_FILE, { NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdTrust) trust = NULL;
  g_autoptr(RdSigningKey) admin = NULL;
  g_autoptr(RdCertificate) certificate = NULL;
  g_autoptr(GDateTime) now = NULL;
  int status;

  if ((status = parse ("revoke", argc, argv, entries, &o)) != RD_TOOL_EXIT_OK ||
      (status = require ("revoke", "--trust FILE", o.trust, "--admin-key FILE", o.admin_key,
                         "--public-key KEY", o.public_key, "--reason TEXT", o.reason, NULL)) != RD_TOOL_EXIT_OK)
    return status;
  if ((trust = load_trust (o.trust)) == NULL)
    return RD_TOOL_EXIT_FAILURE;
  if ((admin = open_admin_key ("revoke", &o, &status)) == NULL)
    return status;
  if (!rd_trust_revoke (trust, admin, o.public_key, o.reason, NULL, &error))
    {
      rd_tool_report_error (NULL, error->message, _("Nothing was written."));
      return RD_TOOL_EXIT_FAILURE;
    }
  if ((status = save_trust (trust, o.trust)) != RD_TOOL_EXIT_OK)
    return status;
  print_key (o.public_key);
  certificate = rd_trust_find_certificate (trust, o.public_key);
  now = g_date_time_new_now_utc ();
  if (certificate != NULL)
    {
      g_autofree char *sentence = rd_trust_describe (trust, certificate, now);
      rd_tool_print (stdout, "%s\n", sentence);
    }
  else
    rd_tool_print (stdout, _("The key is revoked in %s, which holds no certificate of it.\n"), o.trust);
  return RD_TOOL_EXIT_OK;
}

/* ---- reviewer show -------------------------------------------------------- */

typedef struct {
  const char    *trust_path;
  RdTrust       *trust;        /* NULL without a trust file */
  RdCertificate *certificate;  /* NULL when not certified */
  const char    *status;       /* for scripts */
  char          *sentence;
} Standing;

static void
standing_clear (Standing *s)
{
  g_clear_object (&s->trust);
  g_clear_pointer (&s->certificate, rd_certificate_free);
  g_clear_pointer (&s->sentence, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Standing, standing_clear)

/* The reviewer's certificate and its status now, in @trust_path. */
static gboolean
find_standing (const RdReviewerProfile *profile,
               Standing                *s)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (!g_file_test (s->trust_path, G_FILE_TEST_EXISTS))
    {
      s->status = "no-trust-file";
      s->sentence = g_strdup_printf (_("There is no trust file %s: ask the organisation’s administrator for it."),
                                     s->trust_path);
      return TRUE;
    }
  if ((s->trust = load_trust (s->trust_path)) == NULL)
    return FALSE;
  s->certificate = rd_trust_find_certificate (s->trust, profile->public_key);
  if (s->certificate == NULL)
    {
      s->status = "not-certified";
      s->sentence = g_strdup_printf (_("%s has not certified this key: give its public key and fingerprint to the"
                                       " organisation’s administrator."), rd_trust_get_organisation_name (s->trust));
      return TRUE;
    }
  s->status = rd_certificate_status_to_string (rd_trust_check (s->trust, s->certificate, now));
  s->sentence = rd_trust_describe (s->trust, s->certificate, now);
  return TRUE;
}

static void
json_time (JsonBuilder *out,
           const char  *name,
           GDateTime   *time)
{
  g_autofree char *text = g_date_time_format_iso8601 (time);

  rd_tool_json_string (out, name, text);
}

static void
json_certificate (JsonBuilder         *out,
                  const RdCertificate *c)
{
  json_builder_set_member_name (out, "certificate");
  if (c == NULL)
    {
      json_builder_add_null_value (out);
      return;
    }
  json_builder_begin_object (out);
  json_builder_set_member_name (out, "serial");
  json_builder_add_int_value (out, c->serial);
  rd_tool_json_string (out, "name", c->name);
  rd_tool_json_string (out, "credentials", c->credentials);
  rd_tool_json_string (out, "role", rd_role_to_string (c->role));
  json_time (out, "not_before", c->not_before);
  json_time (out, "not_after", c->not_after);
  json_builder_end_object (out);
}

static void
show_json (const char              *profile_path,
           const RdReviewerProfile *profile,
           const Standing          *s)
{
  g_autoptr(JsonBuilder) out = json_builder_new ();
  g_autofree char *fingerprint = rd_public_key_fingerprint (profile->public_key);

  json_builder_begin_object (out);
  rd_tool_json_string (out, "profile", profile_path);
  rd_tool_json_string (out, "name", profile->name);
  rd_tool_json_string (out, "credentials", profile->credentials);
  rd_tool_json_string (out, "role", rd_role_to_string (profile->role));
  rd_tool_json_string (out, "public_key", profile->public_key);
  rd_tool_json_string (out, "fingerprint", fingerprint);
  rd_tool_json_string (out, "key_store", rd_key_store_to_string (profile->key_store));
  rd_tool_json_string (out, "key_file", profile->key_store == RD_KEY_STORE_FILE ? profile->key_file : NULL);
  rd_tool_json_string (out, "trust_file", s->trust_path);
  rd_tool_json_string (out, "organisation", s->trust ? rd_trust_get_organisation_name (s->trust) : NULL);
  json_certificate (out, s->certificate);
  rd_tool_json_string (out, "status", s->status);
  rd_tool_json_string (out, "status_text", s->sentence);
  json_builder_end_object (out);
  rd_tool_json_print (out);
}

static void
show_text (const char              *profile_path,
           const RdReviewerProfile *profile,
           const Standing          *s)
{
  print_profile (profile);
  rd_tool_print (stdout, "%-20s %s\n", _("Profile:"), profile_path);
  if (s->trust != NULL)
    rd_tool_print (stdout, "%-20s %s (%s)\n", _("Trust file:"), s->trust_path,
                   rd_trust_get_organisation_name (s->trust));
  if (s->certificate != NULL)
    {
      g_autoptr(GDateTime) from = g_date_time_to_utc (s->certificate->not_before);
      g_autoptr(GDateTime) until = g_date_time_to_utc (s->certificate->not_after);
      g_autofree char *from_text = g_date_time_format (from, "%Y-%m-%d");
      g_autofree char *until_text = g_date_time_format (until, "%Y-%m-%d");
      /* TRANSLATORS: serial, role, first day, last day */
      g_autofree char *line = g_strdup_printf (_("%lld, %s, %s to %s"), (long long) s->certificate->serial,
                                               rd_role_to_string (s->certificate->role), from_text, until_text);

      rd_tool_print (stdout, "%-20s %s\n", _("Certificate:"), line);
    }
  rd_tool_print (stdout, "\n%s\n", s->sentence);
}

static int
cmd_show (int    argc,
          char **argv)
{
  g_auto(Options) o = { .valid_days = DEFAULT_VALID_DAYS };
  const GOptionEntry entries[] = { OPT_TRUST, OPT_JSON, { NULL } };
  g_autoptr(GError) error = NULL;
  g_autoptr(RdReviewerProfile) profile = NULL;
  g_autofree char *profile_path = rd_reviewer_profile_path ();
  g_auto(Standing) standing = { NULL, };
  int status;

  if ((status = parse ("show", argc, argv, entries, &o)) != RD_TOOL_EXIT_OK)
    return status;
  if (o.trust == NULL)
    o.trust = rd_trust_default_path ();
  profile = rd_reviewer_profile_load (&error);
  if (profile == NULL)
    {
      if (error != NULL)
        rd_tool_report_error (profile_path, error->message, NULL);
      else
        rd_tool_print (stderr, _("There is no reviewer profile on this workstation (%s): run “%s reviewer setup” or"
                                 " “%s reviewer new”.\n"), profile_path, g_get_prgname (), g_get_prgname ());
      return RD_TOOL_EXIT_FAILURE;
    }
  standing.trust_path = o.trust;
  if (!find_standing (profile, &standing))
    return RD_TOOL_EXIT_FAILURE;
  if (o.json)
    show_json (profile_path, profile, &standing);
  else
    show_text (profile_path, profile, &standing);
  return RD_TOOL_EXIT_OK;
}

static const RdToolCommand reviewer_commands[] = {
  { "setup", "--organisation NAME --name NAME --credentials CRED --role ROLE [--trust FILE] [--admin-key FILE]"
             " [--key-store keyring|file] [--passphrase-file FILE] [--valid-days N]",
    N_("set up this workstation’s reviewer: a new key, and the organisation’s trust file certifying it (a new"
       " organisation when the trust file does not exist yet)"), cmd_setup },
  { "new", "--name NAME --credentials CRED --role ROLE [--key-store keyring|file] [--passphrase-file FILE]",
    N_("make this workstation’s reviewer a key and profile, to be certified by the administrator"), cmd_new },
  { "certify", "--trust FILE --admin-key FILE --public-key KEY --name NAME --credentials CRED --role ROLE"
               " [--valid-days N] [--passphrase-file FILE]",
    N_("certify a reviewer’s public key in the trust file (administrator)"), cmd_certify },
  { "revoke", "--trust FILE --admin-key FILE --public-key KEY --reason TEXT [--passphrase-file FILE]",
    N_("revoke a reviewer’s key from now on in the trust file (administrator)"), cmd_revoke },
  { "show", "[--trust FILE] [--json]",
    N_("print this workstation’s reviewer, their key’s fingerprint and their certificate’s status now"), cmd_show },
};

const RdToolGroup rd_tool_reviewer_group = {
  "reviewer", N_("set up reviewers’ signing keys and the organisation’s trust file"),
  reviewer_commands, G_N_ELEMENTS (reviewer_commands),
};
