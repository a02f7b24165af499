/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-codes.h"
#include "rd-core-resources.h"
#include "rd-example-private.h"
#include "rd-paths.h"
#include "rd-xml.h"

/* Example cases are small (tens of kilobytes); anything much larger is not one. */
#define MAX_EXAMPLE_SIZE (4 * 1024 * 1024)

G_DEFINE_QUARK (rd-example-error-quark, rd_example_error)

typedef struct {
  char    *id;
  char    *file;
  char    *title;
  xmlNode *node;
} Record;

struct _RdExample
{
  GObject    parent_instance;

  char      *path;
  xmlDoc    *doc;
  char      *id;
  char      *title;
  char      *summary;
  RdRequest *request;
  GTimeSpan  received_age;  /* how long before a copy is made it was received */
  GArray    *records;   /* of Record */
  GPtrArray *keys;      /* of RdExampleKey */
};

G_DEFINE_FINAL_TYPE (RdExample, rd_example, G_TYPE_OBJECT)

static void
record_clear (gpointer data)
{
  Record *record = data;

  g_free (record->id);
  g_free (record->file);
  g_free (record->title);
}

static void
indication_key_free (gpointer data)
{
  RdExampleIndicationKey *key = data;

  g_free (key->indication_id);
  g_free (key->result);
  g_free (key);
}

static void
key_free (gpointer data)
{
  RdExampleKey *key = data;

  g_free (key->policy_id);
  g_free (key->outcome);
  g_free (key->note);
  g_hash_table_unref (key->conditions);
  g_ptr_array_unref (key->indications);
  g_hash_table_unref (key->scores);
  g_hash_table_unref (key->teaching);
  g_hash_table_unref (key->documentation);
  g_hash_table_unref (key->condition_teaching);
  g_hash_table_unref (key->documentation_teaching);
  g_free (key);
}

static RdExampleKey *
key_new (void)
{
  RdExampleKey *key = g_new0 (RdExampleKey, 1);

  key->conditions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  key->indications = g_ptr_array_new_with_free_func (indication_key_free);
  key->scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  key->teaching = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  key->documentation = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  key->condition_teaching = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  key->documentation_teaching = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return key;
}

static void
rd_example_finalize (GObject *object)
{
  RdExample *self = RD_EXAMPLE (object);

  g_free (self->path);
  g_clear_pointer (&self->doc, xmlFreeDoc);
  g_free (self->id);
  g_free (self->title);
  g_free (self->summary);
  g_clear_pointer (&self->request, rd_request_free);
  g_clear_pointer (&self->records, g_array_unref);
  g_clear_pointer (&self->keys, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_example_parent_class)->finalize (object);
}

static void
rd_example_class_init (RdExampleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_example_finalize;
}

static void
rd_example_init (RdExample *self)
{
  self->records = g_array_new (FALSE, TRUE, sizeof (Record));
  g_array_set_clear_func (self->records, record_clear);
  self->keys = g_ptr_array_new_with_free_func (key_free);
}

static gboolean
inconsistent (GError     **error,
              RdExample   *self,
              xmlNode     *node,
              const char  *format,
              ...) G_GNUC_PRINTF (4, 5);

static gboolean
inconsistent (GError     **error,
              RdExample   *self,
              xmlNode     *node,
              const char  *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RD_EXAMPLE_ERROR, RD_EXAMPLE_ERROR_INCONSISTENT,
               _("%s, line %ld: %s"), self->path, node ? xmlGetLineNo (node) : 0L, message);
  return FALSE;
}

static char *
child_text (xmlNode    *parent,
            const char *name)
{
  xmlNode *child = rd_xml_first_element (parent, name);

  return child ? rd_xml_get_text (child) : NULL;
}

/* The member's payer, plan and line of business, each optional. */
static gboolean
read_coverage (RdExample  *self,
               xmlNode    *node,
               RdRequest  *request,
               GError    **error)
{
  g_autofree char *line = child_text (node, "line-of-business");

  if (node == NULL)
    return TRUE;
  request->payer = child_text (node, "payer");
  request->plan = child_text (node, "plan");
  if (line != NULL && !rd_line_of_business_from_string (line, &request->line_of_business))
    return inconsistent (error, self, node, _("unknown line of business “%s”."), line);
  return TRUE;
}

/* The grammar guarantees the shape; what is checked here is what a grammar
 * cannot say: that the codes are codes and the request is one intake accepts. */
static gboolean
load_request (RdExample  *self,
              xmlNode    *node,
              GError    **error)
{
  g_autoptr(RdRequest) request = rd_request_new ();
  g_autoptr(GPtrArray) cpt = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  g_autoptr(GPtrArray) hcpcs = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  g_autoptr(GPtrArray) pcs = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  g_autoptr(GPtrArray) cm = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  GPtrArray *codes[] = {
    [RD_CODE_SYSTEM_CPT] = cpt,
    [RD_CODE_SYSTEM_HCPCS] = hcpcs,
    [RD_CODE_SYSTEM_ICD10_PCS] = pcs,
    [RD_CODE_SYSTEM_ICD10_CM] = cm,
  };
  xmlNode *member = rd_xml_first_element (node, "member");
  xmlNode *provider = rd_xml_first_element (node, "provider");
  g_autofree char *type = child_text (node, "type");
  g_autofree char *urgency = child_text (node, "urgency");
  g_autofree char *received = child_text (node, "received");
  g_autoptr(GError) local_error = NULL;

  request->member_name = child_text (member, "name");
  request->member_id = child_text (member, "id");
  request->member_birth_date = child_text (member, "birth-date");
  request->provider_name = child_text (provider, "name");
  request->provider_npi = child_text (provider, "npi");
  if (!read_coverage (self, rd_xml_first_element (node, "coverage"), request, error))
    return FALSE;
  request->drug = child_text (node, "drug");
  request->route = child_text (node, "route");
  request->device = child_text (node, "device");

  for (xmlNode *code = rd_xml_first_element (rd_xml_first_element (node, "codes"), "code");
       code != NULL; code = rd_xml_next_element (code, "code"))
    {
      g_autofree char *system_name = rd_xml_get_prop (code, "system");
      g_autofree char *text = rd_xml_get_text (code);
      g_autofree char *value = rd_code_normalize (text);
      g_autoptr(GError) code_error = NULL;
      RdCodeSystem system;

      if (!rd_code_system_from_string (system_name, &system))
        return inconsistent (error, self, code, _("unknown code system “%s”."), system_name);
      if (!rd_code_validate (system, value, &code_error))
        return inconsistent (error, self, code, "%s", code_error->message);
      g_ptr_array_add (codes[system], g_steal_pointer (&value));
    }
  request->cpt_codes = (char **) g_ptr_array_steal (cpt, NULL);
  request->hcpcs_codes = (char **) g_ptr_array_steal (hcpcs, NULL);
  request->icd10_pcs_codes = (char **) g_ptr_array_steal (pcs, NULL);
  request->icd10_cm_codes = (char **) g_ptr_array_steal (cm, NULL);

  if (!rd_request_type_from_string (type, &request->type) ||
      !rd_urgency_from_string (urgency, &request->urgency))
    return inconsistent (error, self, node, _("unknown request type or urgency."));

  /* A time without a zone would be read differently on each reviewer's machine. */
  request->received = g_date_time_new_from_iso8601 (received, NULL);
  if (request->received == NULL)
    return inconsistent (error, self, rd_xml_first_element (node, "received"),
                         _("“%s” is not a date and time with its time zone, such as 2026-10-05T09:30:00Z or 2026-10-05T09:30:00-07:00."), received);
  {
    /* The grammar bounds it: a whole number of hours, at most a year. */
    g_autofree char *age = rd_xml_get_prop (rd_xml_first_element (node, "received"), "age-hours");
    self->received_age = age ? (GTimeSpan) g_ascii_strtoull (age, NULL, 10) * G_TIME_SPAN_HOUR : 0;
  }

  if (!g_str_has_prefix (request->member_id, "SYN"))
    return inconsistent (error, self, member,
                         _("the member ID “%s” must begin with SYN: every example member is synthetic and must look it."),
                         request->member_id);

  if (!rd_request_validate (request, &local_error))
    return inconsistent (error, self, node, "%s", local_error->message);

  self->request = g_steal_pointer (&request);
  return TRUE;
}

static gboolean
check_tables (RdExample  *self,
              xmlNode    *node,
              GError    **error)
{
  for (xmlNode *child = rd_xml_first_element (node, NULL); child; child = rd_xml_next_element (child, NULL))
    {
      if (g_str_equal ((const char *) child->name, "table"))
        {
          g_autofree char *columns = rd_xml_get_prop (child, "columns");
          g_auto(GStrv) widths = g_strsplit (columns, " ", -1);
          guint n_columns = g_strv_length (widths);

          for (xmlNode *row = rd_xml_first_element (child, NULL); row; row = rd_xml_next_element (row, NULL))
            {
              guint n_cells = 0;

              for (xmlNode *cell = rd_xml_first_element (row, "cell"); cell; cell = rd_xml_next_element (cell, "cell"))
                n_cells++;
              if (n_cells != n_columns)
                return inconsistent (error, self, row,
                                     ngettext ("this row has %u cell but the table has %u columns.",
                                               "this row has %u cells but the table has %u columns.",
                                               n_cells),
                                     n_cells, n_columns);
            }
        }
      else if (!check_tables (self, child, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_records (RdExample  *self,
              xmlNode    *node,
              GError    **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) files = g_hash_table_new (g_str_hash, g_str_equal);

  for (xmlNode *child = rd_xml_first_element (node, "record"); child; child = rd_xml_next_element (child, "record"))
    {
      Record record = {
        .id = rd_xml_get_prop (child, "id"),
        .file = rd_xml_get_prop (child, "file"),
        .title = child_text (child, "title"),
        .node = child,
      };

      g_array_append_val (self->records, record);
      if (!g_hash_table_add (ids, record.id))
        return inconsistent (error, self, child, _("a second record has the id “%s”."), record.id);
      if (!g_hash_table_add (files, record.file))
        return inconsistent (error, self, child, _("a second record has the file name “%s”."), record.file);
      if (!check_tables (self, child, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_unique (RdExample   *self,
            GHashTable  *table,
            xmlNode     *node,
            const char  *attribute,
            gpointer     value,
            GError     **error)
{
  g_autofree char *id = rd_xml_get_prop (node, attribute);

  if (g_hash_table_contains (table, id))
    return inconsistent (error, self, node, _("“%s” is given twice."), id);
  g_hash_table_insert (table, g_steal_pointer (&id), value);
  return TRUE;
}

static gboolean
load_score (RdExample     *self,
            xmlNode       *node,
            const char    *attribute,
            GHashTable    *table,
            GError       **error)
{
  g_autofree char *value = rd_xml_get_prop (node, "value");
  RdScore score;

  if (!rd_score_from_string (value, &score))
    return inconsistent (error, self, node, _("“%s” is not a score."), value);
  return add_unique (self, table, node, attribute, GINT_TO_POINTER (score), error);
}

static gboolean
load_key (RdExample  *self,
          xmlNode    *node,
          GError    **error)
{
  RdExampleKey *key = key_new ();
  g_autofree char *governs = rd_xml_get_prop (node, "governs");

  g_ptr_array_add (self->keys, key);
  key->policy_id = rd_xml_get_prop (node, "ref");
  key->governs = g_strcmp0 (governs, "false") != 0;
  key->outcome = rd_xml_get_prop (node, "outcome");
  key->note = child_text (node, "note");

  for (guint i = 0; i + 1 < self->keys->len; i++)
    if (g_str_equal (((RdExampleKey *) self->keys->pdata[i])->policy_id, key->policy_id))
      return inconsistent (error, self, node, _("the key for policy “%s” is given twice."), key->policy_id);

  for (xmlNode *answer = rd_xml_first_element (rd_xml_first_element (node, "conditions"), "answer");
       answer; answer = rd_xml_next_element (answer, "answer"))
    {
      if (!load_score (self, answer, "condition", key->conditions, error))
        return FALSE;
      g_hash_table_insert (key->condition_teaching, rd_xml_get_prop (answer, "condition"), rd_xml_get_text (answer));
    }

  for (xmlNode *indication = rd_xml_first_element (node, "indication");
       indication; indication = rd_xml_next_element (indication, "indication"))
    {
      RdExampleIndicationKey *ikey = g_new0 (RdExampleIndicationKey, 1);

      ikey->indication_id = rd_xml_get_prop (indication, "ref");
      ikey->result = rd_xml_get_prop (indication, "result");
      g_ptr_array_add (key->indications, ikey);

      for (xmlNode *score = rd_xml_first_element (indication, "score");
           score; score = rd_xml_next_element (score, "score"))
        {
          /* A criterion shared by two indications is scored once. */
          if (!load_score (self, score, "criterion", key->scores, error))
            return FALSE;
          g_hash_table_insert (key->teaching, rd_xml_get_prop (score, "criterion"), rd_xml_get_text (score));
        }
    }

  for (xmlNode *item = rd_xml_first_element (rd_xml_first_element (node, "documentation"), "item");
       item; item = rd_xml_next_element (item, "item"))
    {
      g_autofree char *status = rd_xml_get_prop (item, "status");

      /* add_unique() takes the status only when the id is new. */
      if (!add_unique (self, key->documentation, item, "ref", status, error))
        return FALSE;
      g_steal_pointer (&status);
      g_hash_table_insert (key->documentation_teaching, rd_xml_get_prop (item, "ref"), rd_xml_get_text (item));
    }

  return TRUE;
}

static gboolean
load_document (RdExample  *self,
               GError    **error)
{
  xmlNode *root = xmlDocGetRootElement (self->doc);

  self->id = rd_xml_get_prop (root, "id");
  self->title = child_text (root, "title");
  self->summary = child_text (root, "summary");

  if (!load_request (self, rd_xml_first_element (root, "request"), error) ||
      !load_records (self, rd_xml_first_element (root, "records"), error))
    return FALSE;

  for (xmlNode *policy = rd_xml_first_element (rd_xml_first_element (root, "reference"), "policy");
       policy; policy = rd_xml_next_element (policy, "policy"))
    if (!load_key (self, policy, error))
      return FALSE;
  return TRUE;
}

static void
propagate_xml_error (GError  **error,
                     GError   *xml_error)
{
  g_set_error_literal (error, RD_EXAMPLE_ERROR,
                       xml_error->code == RD_XML_ERROR_INVALID ? RD_EXAMPLE_ERROR_INVALID
                                                               : RD_EXAMPLE_ERROR_READ,
                       xml_error->message);
  g_error_free (xml_error);
}

/**
 * rd_example_load:
 * @path: an example case file, such as data/examples/01-itb-spasticity.xml
 *
 * Reads an example safely (it may come from anyone), validates it against the
 * example grammar and checks its request and records.
 *
 * Returns: (transfer full): the example, or %NULL with @error set.
 */
RdExample *
rd_example_load (const char  *path,
                 GError     **error)
{
  g_autoptr(RdExample) self = NULL;
  g_autoptr(GBytes) schema = NULL;
  GError *xml_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (RD_TYPE_EXAMPLE, NULL);
  self->path = g_strdup (path);
  self->doc = rd_xml_read_file (path, MAX_EXAMPLE_SIZE, &xml_error);
  if (self->doc == NULL)
    {
      propagate_xml_error (error, xml_error);
      return NULL;
    }

  schema = g_resource_lookup_data (rd_core_get_resource (),
                                   "/org/reviewdesk/ReviewDesk/core/example.rng",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (schema != NULL);
  if (!rd_xml_validate (self->doc, schema, path, &xml_error))
    {
      propagate_xml_error (error, xml_error);
      return NULL;
    }

  if (!load_document (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

const char *
rd_example_get_path (RdExample *self)
{
  g_return_val_if_fail (RD_IS_EXAMPLE (self), NULL);
  return self->path;
}

const char *
rd_example_get_id (RdExample *self)
{
  g_return_val_if_fail (RD_IS_EXAMPLE (self), NULL);
  return self->id;
}

const char *
rd_example_get_title (RdExample *self)
{
  g_return_val_if_fail (RD_IS_EXAMPLE (self), NULL);
  return self->title;
}

/**
 * rd_example_get_summary:
 *
 * Returns: one line saying what the case teaches.
 */
const char *
rd_example_get_summary (RdExample *self)
{
  g_return_val_if_fail (RD_IS_EXAMPLE (self), NULL);
  return self->summary;
}

const RdRequest *
rd_example_get_request (RdExample *self)
{
  g_return_val_if_fail (RD_IS_EXAMPLE (self), NULL);
  return self->request;
}

/**
 * rd_example_get_received_age:
 *
 * Returns: how long before a case is made from the example its request was
 *   received (the `age-hours` of `<received>`; 0 when it has just arrived).
 */
GTimeSpan
rd_example_get_received_age (RdExample *self)
{
  g_return_val_if_fail (RD_IS_EXAMPLE (self), 0);
  return self->received_age;
}

/**
 * rd_example_make_request:
 * @now: the moment the case is made
 *
 * The request of a case made from the example at @now: the example's request,
 * received rd_example_get_received_age() before @now rather than on the date
 * written in the example, so that every training copy starts with the same
 * time left before its decision is due.
 *
 * Returns: (transfer full): the request
 */
RdRequest *
rd_example_make_request (RdExample *self,
                         GDateTime *now)
{
  RdRequest *request;

  g_return_val_if_fail (RD_IS_EXAMPLE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  request = rd_request_copy (self->request);
  g_clear_pointer (&request->received, g_date_time_unref);
  request->received = g_date_time_add (now, -self->received_age);
  return request;
}

guint
rd_example_get_n_records (RdExample *self)
{
  g_return_val_if_fail (RD_IS_EXAMPLE (self), 0);
  return self->records->len;
}

static Record *
get_record (RdExample *self,
            guint      index)
{
  g_return_val_if_fail (RD_IS_EXAMPLE (self), NULL);
  g_return_val_if_fail (index < self->records->len, NULL);
  return &g_array_index (self->records, Record, index);
}

const char *
rd_example_get_record_id (RdExample *self,
                          guint      index)
{
  Record *record = get_record (self, index);
  return record ? record->id : NULL;
}

/**
 * rd_example_get_record_file:
 *
 * Returns: the file name the record has in a case, e.g. "neurology-notes.pdf".
 */
const char *
rd_example_get_record_file (RdExample *self,
                            guint      index)
{
  Record *record = get_record (self, index);
  return record ? record->file : NULL;
}

const char *
rd_example_get_record_title (RdExample *self,
                             guint      index)
{
  Record *record = get_record (self, index);
  return record ? record->title : NULL;
}

xmlNode *
_rd_example_get_record_node (RdExample *self,
                             guint      index)
{
  Record *record = get_record (self, index);
  return record ? record->node : NULL;
}

/**
 * rd_example_get_record_pdf:
 *
 * The record as PDF: the file the build made beside the example
 * (`STEM.FILE`, e.g. `01-itb-spasticity.neurology-notes.pdf`) when there is
 * one, otherwise laid out now (the same bytes).
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set.
 */
GBytes *
rd_example_get_record_pdf (RdExample  *self,
                           guint       index,
                           GError    **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *built = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (RD_IS_EXAMPLE (self), NULL);
  g_return_val_if_fail (index < self->records->len, NULL);

  dir = g_path_get_dirname (self->path);
  base = g_path_get_basename (self->path);
  if (g_str_has_suffix (base, ".xml"))
    base[strlen (base) - 4] = '\0';
  built = g_strdup_printf ("%s%c%s.%s", dir, G_DIR_SEPARATOR, base, rd_example_get_record_file (self, index));

  if (g_file_get_contents (built, &contents, &length, NULL) &&
      length > 5 && memcmp (contents, "%PDF-", 5) == 0)
    return g_bytes_new_take (contents, length);
  g_free (contents);
  return rd_example_render_record (self, index, error);
}

/**
 * rd_example_get_keys:
 *
 * Returns: (transfer none) (element-type RdExampleKey): the reference key, one
 *   entry per policy.
 */
GPtrArray *
rd_example_get_keys (RdExample *self)
{
  g_return_val_if_fail (RD_IS_EXAMPLE (self), NULL);
  return self->keys;
}

/**
 * rd_example_get_key:
 *
 * Returns: (nullable): the reference key for @policy_id.
 */
const RdExampleKey *
rd_example_get_key (RdExample  *self,
                    const char *policy_id)
{
  g_return_val_if_fail (RD_IS_EXAMPLE (self), NULL);

  for (guint i = 0; i < self->keys->len; i++)
    {
      const RdExampleKey *key = self->keys->pdata[i];
      if (g_strcmp0 (key->policy_id, policy_id) == 0)
        return key;
    }
  return NULL;
}

/**
 * rd_example_get_bundled_dir:
 *
 * Where the bundled examples are: `$REVIEWDESK_EXAMPLES_DIR` when set, the
 * build tree when ReviewDesk runs from it (or nothing is installed), otherwise
 * `PKGDATADIR/examples`.
 *
 * Returns: (transfer full): a directory path.
 */
char *
rd_example_get_bundled_dir (void)
{
  const char *env = g_getenv ("REVIEWDESK_EXAMPLES_DIR");
  g_autofree char *datadir = rd_paths_get_installed_datadir ();
  g_autofree char *installed = g_build_filename (datadir, "examples", NULL);

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (rd_paths_running_uninstalled () || !g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_build_filename (BUILD_DATADIR, "examples", NULL);
  return g_steal_pointer (&installed);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/**
 * rd_example_list_bundled:
 *
 * Returns: (transfer full): the paths of the bundled examples (`*.xml` in
 *   rd_example_get_bundled_dir()), sorted by name; empty when there are none.
 */
GStrv
rd_example_list_bundled (void)
{
  g_autofree char *dir_path = rd_example_get_bundled_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml") && name[0] != '.')
      g_ptr_array_add (paths, g_build_filename (dir_path, name, NULL));

  g_ptr_array_sort (paths, compare_paths);
  return (GStrv) g_ptr_array_steal (paths, NULL);
}

/**
 * rd_example_find_bundled:
 * @example_id: the id an example case file remembers
 *
 * Returns: (transfer full): the path of the bundled example with that id, or
 *   %NULL with @error set.
 */
char *
rd_example_find_bundled (const char  *example_id,
                         GError     **error)
{
  g_auto(GStrv) paths = rd_example_list_bundled ();

  g_return_val_if_fail (example_id != NULL, NULL);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(RdExample) example = rd_example_load (paths[i], NULL);

      if (example != NULL && g_str_equal (example->id, example_id))
        return g_strdup (paths[i]);
    }
  g_set_error (error, RD_EXAMPLE_ERROR, RD_EXAMPLE_ERROR_NOT_FOUND,
               _("No bundled example has the id “%s”; it may come from another version of ReviewDesk."),
               example_id);
  return NULL;
}
