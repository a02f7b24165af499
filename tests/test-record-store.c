/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "rd-pdf-text.h"
#include "rd-record-store.h"
#include "rd-test-async.h"
#include "rd-test-case.h"
#include "rd-test-pdf.h"

#define NO_LIMIT G_MAXUINT64

static gint64
attach (RdTestCaseFixture  *fixture,
        GFile              *file,
        const char         *password,
        guint64             limit,
        RdDocument        **document,
        gboolean           *already_present,
        GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rd_record_attach_async (fixture->case_file, file, password, limit, NULL, rd_test_store_result, &result);
  return rd_record_attach_finish (rd_test_wait_result (&result), document, already_present, error);
}

static void
count_progress (guint    done,
                guint    total,
                gpointer data)
{
  guint *reports = data;
  (*reports)++;
}

static void
index_record (RdTestCaseFixture *fixture,
              gint64             record_id,
              RdDocument        *document,
              guint             *reports)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  rd_record_index_async (fixture->case_file, record_id, document, reports ? count_progress : NULL, reports,
                         NULL, rd_test_store_result, &result);
  g_assert_true (rd_record_index_finish (rd_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

static void
test_attach_dedupe_index (RdTestCaseFixture *fixture,
                          gconstpointer      data)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new (40, rd_test_pdf_scan_tenths, NULL);
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, "progress-notes.pdf", pdf);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDocument) document = NULL, again_document = NULL;
  g_autoptr(GPtrArray) records = NULL, hits = NULL, scan_hits = NULL;
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);
  g_autofree char *text = NULL;
  RdCaseRecord *record;
  gboolean already = TRUE, has_text_layer = TRUE;
  guint reports = 0;
  gint64 id, again;

  id = attach (fixture, file, NULL, NO_LIMIT, &document, &already, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (already);
  g_assert_cmpuint (rd_document_get_n_pages (document), ==, 40);

  records = rd_case_file_list_records (fixture->case_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  record = g_ptr_array_index (records, 0);
  g_assert_cmpstr (record->file_name, ==, "progress-notes.pdf");
  g_assert_cmpstr (record->sha256, ==, sha256);
  g_assert_cmpuint (record->n_pages, ==, 40);
  g_assert_cmpint (record->size, ==, (gint64) g_bytes_get_size (pdf));
  g_assert_cmpstr (record->added_by, ==, "Test Nurse");
  /* Attached with all its text, in the same transaction as its bytes. */
  g_assert_cmpuint (record->n_pages_indexed, ==, 40);

  /* The same bytes again, under another name: recognised, not stored twice. */
  {
    g_autoptr(GFile) copy = rd_test_write_file (fixture->dir, "copy.pdf", pdf);
    again = attach (fixture, copy, NULL, NO_LIMIT, &again_document, &already, &error);
  }
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_assert_true (already);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = rd_case_file_list_records (fixture->case_file, &error);
  g_assert_cmpuint (records->len, ==, 1);

  index_record (fixture, id, document, &reports);
  g_assert_cmpuint (reports, >=, 1);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = rd_case_file_list_records (fixture->case_file, &error);
  g_assert_cmpuint (((RdCaseRecord *) g_ptr_array_index (records, 0))->n_pages_indexed, ==, 40);

  hits = rd_case_file_search (fixture->case_file, "baclofen trial", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((RdCaseSearchHit *) g_ptr_array_index (hits, 0))->record_id, ==, id);
  g_assert_cmpuint (((RdCaseSearchHit *) g_ptr_array_index (hits, 0))->page_number, ==, 3);

  /* Page 10 is a scan: flagged, and nothing on it is found. */
  text = rd_case_file_get_page_text (fixture->case_file, id, 10, &has_text_layer, &error);
  g_assert_no_error (error);
  g_assert_false (has_text_layer);
  g_clear_pointer (&text, g_free);
  text = rd_case_file_get_page_text (fixture->case_file, id, 11, &has_text_layer, &error);
  g_assert_true (has_text_layer);
  g_assert_nonnull (strstr (text, "Progress note, page 11"));
  scan_hits = rd_case_file_search (fixture->case_file, "page 10", 0, &error);
  for (guint i = 0; i < scan_hits->len; i++)
    g_assert_cmpuint (((RdCaseSearchHit *) g_ptr_array_index (scan_hits, i))->page_number, !=, 10);
}

static void
test_open_attached (RdTestCaseFixture *fixture,
                    gconstpointer      data)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (5);
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, "note.pdf", pdf);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(RdDocument) document = NULL;
  gint64 id = attach (fixture, file, NULL, NO_LIMIT, NULL, NULL, &error);

  g_assert_no_error (error);
  /* The original file is not needed any more. */
  g_assert_true (g_file_delete (file, NULL, NULL));
  rd_record_open_async (fixture->case_file, id, NULL, NULL, rd_test_store_result, &result);
  document = rd_record_open_finish (rd_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_document_get_n_pages (document), ==, 5);
}

/* The case file and its write-ahead log, byte for byte. */
static char *
case_digest (RdTestCaseFixture *fixture)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *main_digest = rd_test_file_digest (fixture->path);
  g_autofree char *wal_digest = g_file_test (wal, G_FILE_TEST_EXISTS) ? rd_test_file_digest (wal) : g_strdup ("");

  return g_strconcat (main_digest, ":", wal_digest, NULL);
}

static void
assert_named_once (const char *message,
                   const char *name)
{
  const char *found = strstr (message, name);

  g_assert_nonnull (found);
  g_assert_null (strstr (found + 1, name));
}

static void
assert_refused (RdTestCaseFixture *fixture,
                const char        *name,
                GBytes            *bytes,
                const char        *password,
                guint64            limit,
                int                code)
{
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, name, bytes);
  g_autofree char *before = case_digest (fixture);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records_before = rd_case_file_list_records (fixture->case_file, NULL);
  g_autoptr(GPtrArray) records = NULL;
  gint64 id;

  g_test_message ("%s", name);
  id = attach (fixture, file, password, limit, NULL, NULL, &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, RD_DOCUMENT_ERROR, code);
  /* The message names the file once, and the case is exactly as it was. */
  assert_named_once (error->message, name);
  after = case_digest (fixture);
  g_assert_cmpstr (before, ==, after);
  records = rd_case_file_list_records (fixture->case_file, NULL);
  g_assert_cmpuint (records->len, ==, records_before->len);
}

static void
test_bad_records (RdTestCaseFixture *fixture,
                  gconstpointer      data)
{
  g_autoptr(GBytes) text = g_bytes_new_static ("Referral letter, typed.\n", 24);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) zero = rd_test_pdf_new_no_pages ();
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (6);
  g_autoptr(GBytes) damaged = g_bytes_new_from_bytes (pdf, 0, g_bytes_get_size (pdf) / 2);

  /* A first record, so that the case holds something to keep intact. */
  {
    g_autoptr(GBytes) good = rd_test_pdf_new_simple (2);
    g_autoptr(GFile) file = rd_test_write_file (fixture->dir, "good.pdf", good);
    g_autoptr(GError) error = NULL;
    g_assert_cmpint (attach (fixture, file, NULL, NO_LIMIT, NULL, NULL, &error), >, 0);
    g_assert_no_error (error);
  }

  assert_refused (fixture, "letter.pdf", text, NULL, NO_LIMIT, RD_DOCUMENT_ERROR_NOT_PDF);
  assert_refused (fixture, "empty.pdf", empty, NULL, NO_LIMIT, RD_DOCUMENT_ERROR_NOT_PDF);
  assert_refused (fixture, "half.pdf", damaged, NULL, NO_LIMIT, RD_DOCUMENT_ERROR_DAMAGED);
  assert_refused (fixture, "no-pages.pdf", zero, NULL, NO_LIMIT, RD_DOCUMENT_ERROR_NO_PAGES);
  assert_refused (fixture, "big.pdf", pdf, NULL, g_bytes_get_size (pdf) - 1, RD_DOCUMENT_ERROR_TOO_LARGE);

  /* A file that cannot be read: GIO's message would name it by its full
   * path after ours; it is named once, and the case is unchanged. */
  {
    g_autofree char *gone_path = g_build_filename (fixture->dir, "gone.pdf", NULL);
    g_autofree char *folder_path = g_build_filename (fixture->dir, "folder.pdf", NULL);
    g_autoptr(GFile) gone = g_file_new_for_path (gone_path);
    g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (attach (fixture, gone, NULL, NO_LIMIT, NULL, NULL, &error), ==, 0);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    assert_named_once (error->message, "gone.pdf");
    g_assert_nonnull (strstr (error->message, "not changed"));
    g_clear_error (&error);

    g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
    g_assert_cmpint (attach (fixture, folder, NULL, NO_LIMIT, NULL, NULL, &error), ==, 0);
    g_assert_nonnull (error);
    assert_named_once (error->message, "folder.pdf");
    g_rmdir (folder_path);
  }
}

static void
test_encrypted (RdTestCaseFixture *fixture,
                gconstpointer      data)
{
  g_autoptr(GBytes) pdf = NULL, encrypted = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) without = NULL, with = NULL;
  g_autoptr(RdDocument) document = NULL;
  gint64 id;

  pdf = rd_test_pdf_new_simple (3);
  encrypted = rd_test_pdf_encrypt (pdf, "sesame");
  if (encrypted == NULL)
    {
      g_test_skip ("qpdf is not installed");
      return;
    }

  assert_refused (fixture, "locked.pdf", encrypted, NULL, NO_LIMIT, RD_DOCUMENT_ERROR_ENCRYPTED);
  assert_refused (fixture, "locked.pdf", encrypted, "open", NO_LIMIT, RD_DOCUMENT_ERROR_BAD_PASSWORD);

  file = rd_test_write_file (fixture->dir, "locked.pdf", encrypted);
  id = attach (fixture, file, "sesame", NO_LIMIT, &document, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  index_record (fixture, id, document, NULL);
  g_clear_object (&document);

  rd_record_open_async (fixture->case_file, id, NULL, NULL, rd_test_store_result, &without);
  g_assert_null (rd_record_open_finish (rd_test_wait_result (&without), &error));
  g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_ENCRYPTED);
  g_clear_error (&error);
  rd_record_open_async (fixture->case_file, id, "sesame", NULL, rd_test_store_result, &with);
  document = rd_record_open_finish (rd_test_wait_result (&with), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_document_get_n_pages (document), ==, 3);
}

/* ---- stored passwords ---- */

/* Distinctive enough that finding it in the case file's bytes means it is stored. */
#define SECRET "Tulip-7734-sesame"

static RdDocument *
open_record (RdTestCaseFixture  *fixture,
             gint64              record_id,
             const char         *password,
             GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rd_record_open_async (fixture->case_file, record_id, password, NULL, rd_test_store_result, &result);
  return rd_record_open_finish (rd_test_wait_result (&result), error);
}

static gboolean
store_password (RdTestCaseFixture  *fixture,
                gint64              record_id,
                const char         *password,
                GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rd_record_store_password_async (fixture->case_file, record_id, password, NULL, rd_test_store_result, &result);
  return rd_record_store_password_finish (rd_test_wait_result (&result), error);
}

/* Attaches an encrypted record opened by SECRET; skips without qpdf. */
static gint64
attach_encrypted (RdTestCaseFixture *fixture)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (3);
  g_autoptr(GBytes) encrypted = rd_test_pdf_encrypt (pdf, SECRET);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (encrypted == NULL)
    {
      g_test_skip ("qpdf is not installed");
      return 0;
    }
  file = rd_test_write_file (fixture->dir, "locked.pdf", encrypted);
  id = attach (fixture, file, SECRET, NO_LIMIT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gboolean
record_password_stored (RdTestCaseFixture *fixture,
                        gint64             record_id)
{
  g_autoptr(RdCaseRecord) record = rd_case_file_get_record (fixture->case_file, record_id, NULL);

  g_assert_nonnull (record);
  return record->password_stored;
}

/* How many audit entries have @action; every entry is checked to hold no
 * trace of the password. */
static guint
count_audit (RdTestCaseFixture *fixture,
             const char        *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = rd_case_file_list_audit (fixture->case_file, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      RdAuditEntry *entry = g_ptr_array_index (audit, i);
      const char *fields[] = { entry->who, entry->action, entry->target, entry->old_value, entry->new_value };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        g_assert_null (fields[f] != NULL ? strstr (fields[f], SECRET) : NULL);
      if (g_strcmp0 (entry->action, action) == 0)
        n++;
    }
  return n;
}

static void
test_password_stored (RdTestCaseFixture *fixture,
                      gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDocument) document = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *target = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  RdAuditEntry *last;
  gint64 id = attach_encrypted (fixture);

  if (id == 0)
    return;
  target = g_strdup_printf ("record/%" G_GINT64_FORMAT, id);

  /* A password that does not open the record is refused; nothing is written. */
  before = case_digest (fixture);
  g_assert_false (store_password (fixture, id, "Tulip-7734", &error));
  g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_BAD_PASSWORD);
  g_assert_null (strstr (error->message, "Tulip"));
  g_clear_error (&error);
  g_assert_false (store_password (fixture, id, "", &error));
  g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_BAD_PASSWORD);
  g_clear_error (&error);
  after = case_digest (fixture);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (record_password_stored (fixture, id));

  /* The right one is stored, and audited without the password. */
  g_assert_true (store_password (fixture, id, SECRET, &error));
  g_assert_no_error (error);
  g_assert_true (record_password_stored (fixture, id));
  g_assert_cmpuint (count_audit (fixture, "record-password-stored"), ==, 1);
  audit = rd_case_file_list_audit (fixture->case_file, &error);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->action, ==, "record-password-stored");
  g_assert_cmpstr (last->target, ==, target);
  g_assert_cmpstr (last->who, ==, "Test Nurse");
  /* Storing it again changes nothing and writes nothing. */
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  before = case_digest (fixture);
  g_assert_true (store_password (fixture, id, SECRET, &error));
  after = case_digest (fixture);
  g_assert_cmpstr (before, ==, after);

  /* After closing and opening the case, the record opens without asking. */
  rd_test_case_reopen (&fixture->case_file, fixture->path);
  g_assert_true (rd_test_file_contains (fixture->path, SECRET));
  document = open_record (fixture, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rd_document_get_n_pages (document), ==, 3);
  g_clear_object (&document);
  g_assert_true (rd_case_file_lookup_record_password (fixture->case_file, id, &stored, &error));
  g_assert_cmpstr (stored, ==, SECRET);

  /* Forgotten: asked for again, and gone from the file's bytes. */
  g_assert_true (rd_case_file_forget_record_password (fixture->case_file, id, &error));
  g_assert_no_error (error);
  g_assert_false (record_password_stored (fixture, id));
  g_assert_cmpuint (count_audit (fixture, "record-password-forgotten"), ==, 1);
  g_assert_null (open_record (fixture, id, NULL, &error));
  g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_ENCRYPTED);
  g_clear_error (&error);
  /* Forgetting what is not stored writes nothing. */
  g_assert_true (rd_case_file_forget_record_password (fixture->case_file, id, &error));
  g_assert_cmpuint (count_audit (fixture, "record-password-forgotten"), ==, 1);
  rd_test_case_reopen (&fixture->case_file, fixture->path);
  g_assert_false (rd_test_file_contains (fixture->path, SECRET));
  g_assert_null (open_record (fixture, id, NULL, &error));
  g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_ENCRYPTED);
}

static void
test_password_not_stored (RdTestCaseFixture *fixture,
                          gconstpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdDocument) document = NULL;
  g_autoptr(GBytes) plain = rd_test_pdf_new_simple (1);
  g_autoptr(GFile) plain_file = rd_test_write_file (fixture->dir, "plain.pdf", plain);
  g_autoptr(RdCaseFile) read_only = NULL;
  gint64 plain_id, id = attach_encrypted (fixture);

  if (id == 0)
    return;

  /* Opened with the password for a while, as a session does: nothing kept. */
  document = open_record (fixture, id, SECRET, &error);
  g_assert_no_error (error);
  g_clear_object (&document);
  rd_test_case_reopen (&fixture->case_file, fixture->path);
  g_assert_false (rd_test_file_contains (fixture->path, SECRET));
  g_assert_cmpuint (count_audit (fixture, "record-password-stored"), ==, 0);
  g_assert_false (record_password_stored (fixture, id));
  g_assert_null (open_record (fixture, id, NULL, &error));
  g_assert_error (error, RD_DOCUMENT_ERROR, RD_DOCUMENT_ERROR_ENCRYPTED);
  g_clear_error (&error);

  /* A record that needs no password gets none. */
  plain_id = attach (fixture, plain_file, NULL, NO_LIMIT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (store_password (fixture, plain_id, SECRET, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (record_password_stored (fixture, plain_id));

  /* Nor does a case opened for reading only. */
  rd_case_file_close (fixture->case_file);
  g_clear_object (&fixture->case_file);
  read_only = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  fixture->case_file = g_object_ref (read_only);
  g_assert_false (store_password (fixture, id, SECRET, &error));
  g_assert_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_READ_ONLY);
  g_clear_error (&error);
  rd_case_file_close (read_only);
  g_assert_false (rd_test_file_contains (fixture->path, SECRET));
}

/* Runs @sql on the case file through a connection of its own, as a crash,
 * a full disk or another program would leave it. */
static void
exec_raw (RdTestCaseFixture *fixture,
          const char        *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  fixture->tampered = TRUE;
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static RdCaseVerifyResult *
verify_read_only (RdTestCaseFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseFile) cf = rd_case_file_open (fixture->path, RD_CASE_FILE_OPEN_READ_ONLY, &error);
  RdCaseVerifyResult *result;

  g_assert_no_error (error);
  result = rd_case_file_verify (cf, &error);
  g_assert_no_error (error);
  return result;
}

static RdCaseRecord *
only_record (RdTestCaseFixture *fixture)
{
  g_autoptr(GPtrArray) records = rd_case_file_list_records (fixture->case_file, NULL);

  g_assert_cmpuint (records->len, ==, 1);
  return g_ptr_array_steal_index (records, 0);
}

/* A write that fails half-way through the pages (as on a full disk or an
 * I/O error) leaves no record behind: bytes and text are one transaction. */
static void
test_attach_atomic (RdTestCaseFixture *fixture,
                    gconstpointer      data)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (12);
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, "notes.pdf", pdf);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(RdCaseRecord) record = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  gboolean already = TRUE;
  gint64 id;

  exec_raw (fixture, "CREATE TRIGGER fail_page_7 BEFORE INSERT ON record_page WHEN new.page_number = 7"
                     " BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;");
  g_assert_cmpint (attach (fixture, file, NULL, NO_LIMIT, NULL, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  records = rd_case_file_list_records (fixture->case_file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
  result = verify_read_only (fixture);
  g_assert_true (rd_case_verify_result_ok (result));
  g_clear_pointer (&result, rd_case_verify_result_free);

  /* Once writing works again, the same file attaches whole. */
  exec_raw (fixture, "DROP TRIGGER fail_page_7;");
  id = attach (fixture, file, NULL, NO_LIMIT, NULL, &already, &error);
  g_assert_no_error (error);
  g_assert_false (already);
  record = only_record (fixture);
  g_assert_cmpint (record->id, ==, id);
  g_assert_cmpuint (record->n_pages_indexed, ==, 12);
  result = verify_read_only (fixture);
  g_assert_true (rd_case_verify_result_ok (result));
}

/* A record stored without its text (by a version whose attach took two
 * transactions, killed between them) fails verify, and attaching the same
 * file again stores its text instead of saying that nothing changed. */
static void
test_attach_completes (RdTestCaseFixture *fixture,
                       gconstpointer      data)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (6);
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, "half.pdf", pdf);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autoptr(RdCaseRecord) record = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  gboolean already = TRUE;
  gint64 id, again;

  id = rd_case_file_add_record (fixture->case_file, pdf, "half.pdf", 6, NULL, NULL, &error);
  g_assert_no_error (error);
  result = verify_read_only (fixture);
  g_assert_false (rd_case_verify_result_ok (result));
  g_assert_null (result->integrity_problem);
  g_assert_nonnull (strstr (result->records_problem, "“half.pdf”"));
  g_assert_nonnull (strstr (result->records_problem, "0 of its 6 pages"));
  g_clear_pointer (&result, rd_case_verify_result_free);

  again = attach (fixture, file, NULL, NO_LIMIT, NULL, &already, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_assert_false (already);
  record = only_record (fixture);
  g_assert_cmpuint (record->n_pages_indexed, ==, 6);
  hits = rd_case_file_search (fixture->case_file, "page 4", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >=, 1);
  result = verify_read_only (fixture);
  g_assert_true (rd_case_verify_result_ok (result));
  g_clear_pointer (&result, rd_case_verify_result_free);

  /* Now complete: a third time changes nothing. */
  g_assert_cmpint (attach (fixture, file, NULL, NO_LIMIT, NULL, &already, &error), ==, id);
  g_assert_true (already);
}

/* Verify checks what a record promises: each page's text row, and a search
 * index that matches that text; each break is named with its record and pages. */
static void
test_verify_pages_and_index (RdTestCaseFixture *fixture,
                             gconstpointer      data)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (5);
  g_autoptr(GBytes) other_pdf = rd_test_pdf_new_simple (3);
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, "five.pdf", pdf);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autofree char *sql = NULL;
  gint64 id;

  id = attach (fixture, file, NULL, NO_LIMIT, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GFile) other = rd_test_write_file (fixture->dir, "three.pdf", other_pdf);
    g_assert_cmpint (attach (fixture, other, NULL, NO_LIMIT, NULL, NULL, &error), >, 0);
    g_assert_no_error (error);
  }
  result = verify_read_only (fixture);
  g_assert_true (rd_case_verify_result_ok (result));
  g_clear_pointer (&result, rd_case_verify_result_free);

  /* Page 2's index entries removed behind the text's back. */
  sql = g_strdup_printf ("INSERT INTO page_fts (page_fts, rowid, text) SELECT 'delete', id, text FROM record_page"
                         " WHERE record_id = %" G_GINT64_FORMAT " AND page_number = 2;", id);
  exec_raw (fixture, sql);
  result = verify_read_only (fixture);
  g_assert_false (rd_case_verify_result_ok (result));
  g_assert_null (result->integrity_problem);
  g_test_message ("%s", result->records_problem);
  g_assert_nonnull (strstr (result->records_problem, "search index does not match the text of record"));
  g_assert_nonnull (strstr (result->records_problem, "(“five.pdf”), pages 2:"));
  g_assert_null (strstr (result->records_problem, "three.pdf"));
  g_clear_pointer (&result, rd_case_verify_result_free);

  /* And page 4's text row gone (its index entries with it). */
  g_free (sql);
  sql = g_strdup_printf ("DELETE FROM record_page WHERE record_id = %" G_GINT64_FORMAT " AND page_number = 4;", id);
  exec_raw (fixture, sql);
  result = verify_read_only (fixture);
  g_test_message ("%s", result->records_problem);
  g_assert_nonnull (strstr (result->records_problem, "has the text of 4 of its 5 pages"));
  g_assert_nonnull (strstr (result->records_problem, "pages 2:"));
}

/* A page whose extraction goes over the budget is stored without text and
 * flagged; the rest of the record works. A budget of one microsecond makes
 * every page go over it. */
static void
test_page_budget (RdTestCaseFixture *fixture,
                  gconstpointer      data)
{
  g_autoptr(GBytes) pdf = rd_test_pdf_new_simple (4);
  g_autoptr(GFile) file = rd_test_write_file (fixture->dir, "costly.pdf", pdf);
  g_autoptr(GError) error = NULL;
  g_autoptr(RdPdfText) text = NULL;
  g_autoptr(RdCaseRecord) record = NULL;
  g_autoptr(RdDocument) document = NULL;
  g_autoptr(RdCaseVerifyResult) result = NULL;
  g_autofree char *page_text = NULL;
  gboolean has_text_layer = TRUE;
  gint64 id;

  text = rd_pdf_text_extract (pdf, "costly.pdf", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (text->n_too_costly, ==, 0);
  g_clear_pointer (&text, rd_pdf_text_free);

  rd_pdf_set_page_budget (1);
  text = rd_pdf_text_extract (pdf, "costly.pdf", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (text->n_too_costly, ==, 4);
  g_assert_true (text->too_costly[0]);
  g_assert_cmpstr (text->texts[0], ==, "");

  id = attach (fixture, file, NULL, NO_LIMIT, &document, NULL, &error);
  rd_pdf_set_page_budget (0);
  g_assert_no_error (error);
  record = only_record (fixture);
  g_assert_cmpint (record->id, ==, id);
  g_assert_cmpuint (record->n_pages_indexed, ==, 4);
  g_assert_cmpuint (record->n_pages_too_costly, ==, 4);
  page_text = rd_case_file_get_page_text (fixture->case_file, id, 2, &has_text_layer, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (page_text, ==, "");
  g_assert_false (has_text_layer);
  /* The record itself opens and is complete. */
  g_assert_cmpuint (rd_document_get_n_pages (document), ==, 4);
  result = verify_read_only (fixture);
  g_assert_true (rd_case_verify_result_ok (result));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  rd_test_case_add ("/record-store/attach-dedupe-index", test_attach_dedupe_index);
  rd_test_case_add ("/record-store/open-attached", test_open_attached);
  rd_test_case_add ("/record-store/bad-records", test_bad_records);
  rd_test_case_add ("/record-store/encrypted", test_encrypted);
  rd_test_case_add ("/record-store/password-stored", test_password_stored);
  rd_test_case_add ("/record-store/password-not-stored", test_password_not_stored);
  rd_test_case_add ("/record-store/attach-atomic", test_attach_atomic);
  rd_test_case_add ("/record-store/attach-completes", test_attach_completes);
  rd_test_case_add ("/record-store/verify-pages-and-index", test_verify_pages_and_index);
  rd_test_case_add ("/record-store/page-budget", test_page_budget);

  return g_test_run ();
}
