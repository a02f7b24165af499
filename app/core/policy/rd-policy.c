/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-paths.h"
#include "rd-policy-private.h"
#include "rd-words.h"

G_DEFINE_QUARK (rd-policy-error-quark, rd_policy_error)
G_DEFINE_FINAL_TYPE (RdPolicy, rd_policy, G_TYPE_OBJECT)

static void
rd_policy_finalize (GObject *object)
{
  RdPolicy *self = RD_POLICY (object);

  g_free (self->filename);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->hash);
  g_clear_pointer (&self->outcome_ids, g_hash_table_unref);
  g_clear_pointer (&self->threshold_ids, g_hash_table_unref);
  g_clear_pointer (&self->definition_ids, g_hash_table_unref);
  g_clear_pointer (&self->condition_ids, g_hash_table_unref);
  g_clear_pointer (&self->indication_ids, g_hash_table_unref);
  g_clear_pointer (&self->node_ids, g_hash_table_unref);
  g_clear_pointer (&self->exclusion_ids, g_hash_table_unref);
  g_clear_pointer (&self->note_ids, g_hash_table_unref);
  g_clear_pointer (&self->doc_item_ids, g_hash_table_unref);
  g_clear_pointer (&self->code_list_ids, g_hash_table_unref);
  g_clear_pointer (&self->summary_ids, g_hash_table_unref);
  g_clear_pointer (&self->all_ids, g_hash_table_unref);
  /* the record arrays are in self->arrays */
  g_clear_pointer (&self->arrays, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (rd_policy_parent_class)->finalize (object);
}

static void
rd_policy_class_init (RdPolicyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_policy_finalize;
}

static GHashTable *
new_id_table (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

static void
rd_policy_init (RdPolicy *self)
{
  self->strings = g_string_chunk_new (4096);
  self->blocks = g_ptr_array_new_with_free_func (g_free);
  self->arrays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  self->outcomes = _rd_policy_new_array (self);
  self->thresholds = _rd_policy_new_array (self);
  self->definitions = _rd_policy_new_array (self);
  self->conditions = _rd_policy_new_array (self);
  self->indications = _rd_policy_new_array (self);
  self->exclusions = _rd_policy_new_array (self);
  self->notes = _rd_policy_new_array (self);
  self->documentation = _rd_policy_new_array (self);
  self->code_lists = _rd_policy_new_array (self);
  self->summaries = _rd_policy_new_array (self);
  self->corrections = _rd_policy_new_array (self);
  self->request_rules = _rd_policy_new_array (self);

  self->outcome_ids = new_id_table ();
  self->threshold_ids = new_id_table ();
  self->definition_ids = new_id_table ();
  self->condition_ids = new_id_table ();
  self->indication_ids = new_id_table ();
  self->node_ids = new_id_table ();
  self->exclusion_ids = new_id_table ();
  self->note_ids = new_id_table ();
  self->doc_item_ids = new_id_table ();
  self->code_list_ids = new_id_table ();
  self->summary_ids = new_id_table ();
  self->all_ids = new_id_table ();
}

gpointer
_rd_policy_alloc (RdPolicy *self,
                  gsize     size)
{
  gpointer block = g_malloc0 (size);

  g_ptr_array_add (self->blocks, block);
  return block;
}

GPtrArray *
_rd_policy_new_array (RdPolicy *self)
{
  GPtrArray *array = g_ptr_array_new ();

  g_ptr_array_add (self->arrays, array);
  return array;
}

/* White space runs become one space, ends trimmed: line breaks in a file are
 * layout, not content. With @strip_markdown, "**" markers go too. */
char *
_rd_policy_collapse (const char *text,
                     gboolean    strip_markdown)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text ? text : ""; *p; p++)
    {
      if (strip_markdown && p[0] == '*' && p[1] == '*')
        {
          p++;
          continue;
        }
      if (g_ascii_isspace (*p))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

const char *
_rd_policy_intern (RdPolicy   *self,
                   const char *text)
{
  return text ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

/**
 * rd_policy_new_from_bytes:
 * @bytes: the policy file's content
 * @filename: the name to use in error messages and as rd_policy_get_filename()
 * @error: return location for an #RD_POLICY_ERROR
 *
 * Parses @bytes safely (no DOCTYPE, no entities, no network, at most
 * %RD_POLICY_MAX_SIZE bytes), validates it against policy.rng and checks what the
 * grammar cannot (unique ids, references, code formats, ranges).
 *
 * Returns: (transfer full): the immutable policy, or %NULL with @error set
 */
RdPolicy *
rd_policy_new_from_bytes (GBytes      *bytes,
                          const char  *filename,
                          GError     **error)
{
  g_autoptr(RdPolicy) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RD_TYPE_POLICY, NULL);
  if (!_rd_policy_load (self, bytes, filename ? filename : "policy.xml", error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * rd_policy_new_from_file:
 * @file: a policy file
 *
 * Reads @file (refusing one larger than %RD_POLICY_MAX_SIZE before reading it)
 * and loads it as rd_policy_new_from_bytes() does.
 *
 * Returns: (transfer full): the policy, or %NULL with @error set
 */
RdPolicy *
rd_policy_new_from_file (GFile   *file,
                         GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_path (file);
  if (name == NULL)
    name = g_file_get_uri (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_IO,
                   _("%s: cannot read the policy file: %s"), name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_size (info) > RD_POLICY_MAX_SIZE)
    {
      g_set_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_TOO_LARGE,
                   _("%s: the file is %lld bytes; a policy file may be at most %d bytes."),
                   name, (long long) g_file_info_get_size (info), RD_POLICY_MAX_SIZE);
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_IO,
                   _("%s: cannot read the policy file: %s"), name, local_error->message);
      return NULL;
    }

  {
    g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
    return rd_policy_new_from_bytes (bytes, name, error);
  }
}

/**
 * rd_policy_new_from_path:
 * @path: a policy file's path
 *
 * Returns: (transfer full): the policy, or %NULL with @error set
 */
RdPolicy *
rd_policy_new_from_path (const char  *path,
                         GError     **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  return rd_policy_new_from_file (file, error);
}

/**
 * rd_policy_get_default_dir:
 *
 * Where the policies are: `$REVIEWDESK_POLICY_DIR` when set; the source tree's
 * `policies/` when the program runs from its build directory (or nothing is
 * installed); else the installed `PKGDATADIR/policies`.
 *
 * Returns: (transfer full): a directory path
 */
char *
rd_policy_get_default_dir (void)
{
  const char *env = g_getenv ("REVIEWDESK_POLICY_DIR");
  g_autofree char *datadir = rd_paths_get_installed_datadir ();
  g_autofree char *installed = g_build_filename (datadir, "policies", NULL);

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  if (rd_paths_running_uninstalled () || !g_file_test (installed, G_FILE_TEST_IS_DIR))
    return g_strdup (SOURCE_POLICYDIR);
  return g_steal_pointer (&installed);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * rd_policy_load_directory_skipping:
 * @dir: (nullable): a directory, or %NULL for rd_policy_get_default_dir()
 * @skipped: (out) (transfer container) (element-type GError): why each file
 *   that was left out was refused
 *
 * Loads every `*.xml` file of @dir that loads, in file-name order. A file that
 * does not load, or that repeats the id of a file before it, is left out and
 * its error added to @skipped, so that one bad file in a shared folder does not
 * stop reviews under the others; no review ever uses a policy that did not
 * validate.
 *
 * Returns: (transfer container) (element-type RdPolicy): the policies, or %NULL
 *   with @error set when @dir cannot be read or no file in it loads
 */
GPtrArray *
rd_policy_load_directory_skipping (const char  *dir,
                                   GPtrArray  **skipped,
                                   GError     **error)
{
  g_autofree char *default_dir = dir ? NULL : rd_policy_get_default_dir ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) policies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) refused = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (skipped != NULL, NULL);
  *skipped = NULL;
  if (dir == NULL)
    dir = default_dir;

  gdir = g_dir_open (dir, 0, &local_error);
  if (gdir == NULL)
    {
      g_set_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_IO,
                   _("Cannot open the policy directory %s: %s"), dir, local_error->message);
      return NULL;
    }
  while ((name = g_dir_read_name (gdir)) != NULL)
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      GError *file_error = NULL;
      RdPolicy *policy = rd_policy_new_from_path (path, &file_error);
      RdPolicy *other;

      if (policy == NULL)
        {
          g_ptr_array_add (refused, file_error);
          continue;
        }
      other = rd_policy_find_in (policies, rd_policy_get_id (policy));
      if (other != NULL)
        {
          g_ptr_array_add (refused,
                           g_error_new (RD_POLICY_ERROR, RD_POLICY_ERROR_DUPLICATE_ID,
                                        _("%s: the policy id “%s” is already used by %s: remove one of the two files."),
                                        path, rd_policy_get_id (policy), rd_policy_get_filename (other)));
          g_object_unref (policy);
          continue;
        }
      g_ptr_array_add (policies, policy);
    }

  if (policies->len == 0)
    {
      if (refused->len > 0)
        g_set_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_NOT_FOUND,
                     _("No policy file in %s loads: fix or remove the files named above."), dir);
      else
        g_set_error (error, RD_POLICY_ERROR, RD_POLICY_ERROR_NOT_FOUND,
                     _("The policy directory %s holds no policy file (*.xml)."), dir);
      *skipped = g_steal_pointer (&refused);
      return NULL;
    }
  *skipped = g_steal_pointer (&refused);
  return g_steal_pointer (&policies);
}

/**
 * rd_policy_load_directory:
 * @dir: (nullable): a directory, or %NULL for rd_policy_get_default_dir()
 *
 * Loads every `*.xml` file of @dir, in file-name order, as
 * rd_policy_load_directory_skipping() does, but any file that does not load
 * fails the whole call, as do two files with one policy id, or a directory
 * without policies: for checks of a policy folder as a whole.
 *
 * Returns: (transfer container) (element-type RdPolicy): the policies, or %NULL
 *   with @error set
 */
GPtrArray *
rd_policy_load_directory (const char  *dir,
                          GError     **error)
{
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) policies = rd_policy_load_directory_skipping (dir, &skipped, error);

  if (skipped != NULL && skipped->len > 0)
    {
      g_clear_error (error);
      g_propagate_error (error, g_error_copy (g_ptr_array_index (skipped, 0)));
      return NULL;
    }
  return g_steal_pointer (&policies);
}

/**
 * rd_policy_find_in:
 * @policies: (element-type RdPolicy): policies
 * @id: a policy id, e.g. "bsc-7.01.41"
 *
 * Returns: (transfer none) (nullable): the policy with @id
 */
RdPolicy *
rd_policy_find_in (GPtrArray  *policies,
                   const char *id)
{
  g_return_val_if_fail (policies != NULL, NULL);

  for (guint i = 0; i < policies->len; i++)
    if (g_strcmp0 (rd_policy_get_id (g_ptr_array_index (policies, i)), id) == 0)
      return g_ptr_array_index (policies, i);
  return NULL;
}

#define GETTER(type, name, field)                   \
  type                                              \
  rd_policy_get_##name (RdPolicy *self)             \
  {                                                 \
    g_return_val_if_fail (RD_IS_POLICY (self), NULL); \
    return self->field;                             \
  }

/** rd_policy_get_id: Returns: the policy's stable id, e.g. "anthem-cg-surg-79" */
GETTER (const char *, id, id)
/** rd_policy_get_filename: Returns: the file it was loaded from */
GETTER (const char *, filename, filename)
/** rd_policy_get_hash: Returns: the SHA-256 of the file's bytes, lower-case hex; a review pins it */
GETTER (const char *, hash, hash)
/** rd_policy_get_bytes: Returns: (transfer none): the file's exact bytes */
GETTER (GBytes *, bytes, bytes)
GETTER (const char *, payer, payer)
GETTER (const char *, number, number)

/**
 * rd_policy_get_payer_aliases:
 *
 * Returns: (transfer none) (array zero-terminated=1): the other names of the
 *   payer (`identity/payer-alias`), possibly none
 */
const char * const *
rd_policy_get_payer_aliases (RdPolicy *self)
{
  g_return_val_if_fail (RD_IS_POLICY (self), NULL);
  return (const char * const *) self->payer_aliases;
}

/**
 * rd_policy_is_payers:
 * @payer: a payer as a request names it, such as "anthem"
 *
 * Returns: whether @payer is the policy's payer by its name or one of its
 *   aliases, ignoring case, spaces and punctuation
 */
gboolean
rd_policy_is_payers (RdPolicy   *self,
                     const char *payer)
{
  g_autofree char *key = rd_words_key (payer);
  g_autofree char *name = NULL;

  g_return_val_if_fail (RD_IS_POLICY (self), FALSE);

  name = rd_words_key (self->payer);
  if (key[0] == '\0')
    return FALSE;
  if (g_str_equal (key, name))
    return TRUE;
  for (guint i = 0; self->payer_aliases[i] != NULL; i++)
    {
      g_autofree char *alias = rd_words_key (self->payer_aliases[i]);
      if (g_str_equal (key, alias))
        return TRUE;
    }
  return FALSE;
}
GETTER (const char *, title, title)
/** rd_policy_get_original: Returns: (nullable): the date, YYYY-MM-DD, as are the next three */
GETTER (const char *, original, original)
GETTER (const char *, effective, effective)
GETTER (const char *, revised, revised)
GETTER (const char *, published, published)
/** rd_policy_get_source_file: Returns: the source text's file name in the policy-source set */
GETTER (const char *, source_file, source_file)
GETTER (const char *, source_title, source_title)
/** rd_policy_get_documentation_intro: Returns: (nullable): the documentation list's introduction */
GETTER (const char *, documentation_intro, documentation_intro)

/**
 * rd_policy_get_scope:
 *
 * Returns: (nullable): the uses the policy governs; %NULL when the policy
 *   states none (every use of its codes)
 */
const RdScope *
rd_policy_get_scope (RdPolicy *self)
{
  g_return_val_if_fail (RD_IS_POLICY (self), NULL);
  return self->scope;
}

/**
 * rd_policy_get_request_rule:
 *
 * Returns: (nullable): how the policy treats @type; %NULL when it states
 *   nothing about request types (its indications decide every type they govern)
 */
const RdRequestRule *
rd_policy_get_request_rule (RdPolicy      *self,
                            RdRequestType  type)
{
  g_return_val_if_fail (RD_IS_POLICY (self), NULL);

  for (guint i = 0; i < self->request_rules->len; i++)
    {
      const RdRequestRule *rule = g_ptr_array_index (self->request_rules, i);
      if (rule->type == type)
        return rule;
    }
  return NULL;
}

/**
 * rd_request_handling_to_string:
 *
 * Returns: "indications", "own-rules", "silent" or "not-governed"
 */
const char *
rd_request_handling_to_string (RdRequestHandling handling)
{
  static const char * const names[] = { "indications", "own-rules", "silent", "not-governed" };

  g_return_val_if_fail (handling <= RD_REQUEST_HANDLING_NOT_GOVERNED, NULL);
  return names[handling];
}
GETTER (GPtrArray *, outcomes, outcomes)
GETTER (GPtrArray *, thresholds, thresholds)
GETTER (GPtrArray *, definitions, definitions)
GETTER (GPtrArray *, conditions, conditions)
GETTER (GPtrArray *, indications, indications)
GETTER (GPtrArray *, exclusions, exclusions)
GETTER (GPtrArray *, notes, notes)
GETTER (GPtrArray *, documentation, documentation)
GETTER (GPtrArray *, code_lists, code_lists)
GETTER (GPtrArray *, summaries, summaries)
GETTER (GPtrArray *, corrections, corrections)

#define FINDER(type, name, table)                           \
  const type *                                              \
  rd_policy_find_##name (RdPolicy   *self,                  \
                         const char *id)                    \
  {                                                         \
    g_return_val_if_fail (RD_IS_POLICY (self), NULL);       \
    return id ? g_hash_table_lookup (self->table, id) : NULL; \
  }

FINDER (RdOutcome, outcome, outcome_ids)
FINDER (RdThreshold, threshold, threshold_ids)
FINDER (RdDefinition, definition, definition_ids)
FINDER (RdCondition, condition, condition_ids)
FINDER (RdIndication, indication, indication_ids)
/** rd_policy_find_node: Returns: (nullable): the criterion or the group with the id */
FINDER (RdNode, node, node_ids)
FINDER (RdExclusion, exclusion, exclusion_ids)
FINDER (RdNote, note, note_ids)
FINDER (RdDocItem, doc_item, doc_item_ids)
FINDER (RdCodeList, code_list, code_list_ids)
FINDER (RdSummary, summary, summary_ids)

/**
 * rd_indication_governs:
 *
 * Returns: whether @indication decides requests of @type
 */
gboolean
rd_indication_governs (const RdIndication *indication,
                       RdRequestType       type)
{
  g_return_val_if_fail (indication != NULL, FALSE);
  return (indication->request_types & (1u << type)) != 0;
}

static const char * const note_kind_names[] = {
  [RD_NOTE_SAFETY] = "safety",
  [RD_NOTE_REVIEWER] = "reviewer",
  [RD_NOTE_CASE_BY_CASE] = "case-by-case",
  [RD_NOTE_SUPPLIES] = "supplies",
  [RD_NOTE_REGULATORY] = "regulatory",
  [RD_NOTE_BENEFIT] = "benefit",
};

const char *
rd_note_kind_to_string (RdNoteKind kind)
{
  g_return_val_if_fail (kind <= RD_NOTE_BENEFIT, NULL);
  return note_kind_names[kind];
}

const char *
rd_note_kind_to_label (RdNoteKind kind)
{
  switch (kind)
    {
    case RD_NOTE_SAFETY: return _("Safety");
    case RD_NOTE_REVIEWER: return _("Reviewer note");
    case RD_NOTE_CASE_BY_CASE: return _("Case-by-case review");
    case RD_NOTE_SUPPLIES: return _("Supplies");
    case RD_NOTE_REGULATORY: return _("Regulatory");
    case RD_NOTE_BENEFIT: return _("Benefit");
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * rd_code_list_lookup:
 * @list: a code list
 * @code: a normalized code of the list's system
 *
 * An ICD-10-PCS range is a set along the one axis its ends differ in; any
 * other code is in a range when it sorts at or after the range's first code
 * and at or before its last, or begins with the last (policies/README.md).
 *
 * Returns: (nullable): the entry of @list that holds @code
 */
const RdCodeEntry *
rd_code_list_lookup (const RdCodeList *list,
                     const char       *code)
{
  g_return_val_if_fail (list != NULL, NULL);

  if (code == NULL)
    return NULL;
  for (guint i = 0; i < list->entries->len; i++)
    {
      const RdCodeEntry *entry = g_ptr_array_index (list->entries, i);

      if (!entry->is_range ? g_str_equal (code, entry->from)
          : list->system == RD_CODE_SYSTEM_ICD10_PCS ? rd_code_in_pcs_range (code, entry->from, entry->to)
          : rd_code_in_range (code, entry->from, entry->to))
        return entry;
    }
  return NULL;
}

static void
collect_criteria (const RdNode *node,
                  GPtrArray    *out)
{
  if (node->kind == RD_NODE_CRITERION)
    {
      g_ptr_array_add (out, (gpointer) node);
      return;
    }
  for (guint i = 0; i < node->children->len; i++)
    collect_criteria (g_ptr_array_index (node->children, i), out);
}

/**
 * rd_policy_get_criteria:
 *
 * Returns: (transfer container) (element-type RdNode): the criteria (leaves) of
 *   @indication's tree, in source order
 */
GPtrArray *
rd_policy_get_criteria (RdPolicy           *self,
                        const RdIndication *indication)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (RD_IS_POLICY (self), out);
  g_return_val_if_fail (indication != NULL, out);

  collect_criteria (indication->root, out);
  return out;
}

static void
collect_conditions (RdPolicy     *self,
                    const RdNode *node,
                    GPtrArray    *out)
{
  const RdCondition *condition = rd_policy_find_condition (self, node->when);

  if (condition != NULL && !g_ptr_array_find (out, condition, NULL))
    g_ptr_array_add (out, (gpointer) condition);
  for (guint i = 0; i < node->children->len; i++)
    collect_conditions (self, g_ptr_array_index (node->children, i), out);
}

/**
 * rd_condition_asked_for:
 * @condition: a referral trigger
 * @indication: an indication
 *
 * Returns: whether @condition is asked for @indication (referral triggers name
 *   the indications they concern; none names them all)
 */
gboolean
rd_condition_asked_for (const RdCondition  *condition,
                        const RdIndication *indication)
{
  g_return_val_if_fail (condition != NULL && indication != NULL, FALSE);

  return condition->indications == NULL || condition->indications[0] == NULL
         || g_strv_contains ((const char * const *) condition->indications, indication->id);
}

/**
 * rd_policy_get_conditions_for:
 *
 * Returns: (transfer container) (element-type RdCondition): the conditions
 *   @indication's tree depends on, each once, in tree order, then the referral
 *   triggers asked for it
 */
GPtrArray *
rd_policy_get_conditions_for (RdPolicy           *self,
                              const RdIndication *indication)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (RD_IS_POLICY (self), out);
  g_return_val_if_fail (indication != NULL, out);

  collect_conditions (self, indication->root, out);
  for (guint i = 0; i < self->conditions->len; i++)
    {
      const RdCondition *c = g_ptr_array_index (self->conditions, i);
      if (c->referral && rd_condition_asked_for (c, indication) && !g_ptr_array_find (out, c, NULL))
        g_ptr_array_add (out, (gpointer) c);
    }
  return out;
}

/**
 * rd_policy_get_notes_for:
 * @id: the id of any record (criterion, group, indication, exclusion, ...)
 *
 * Returns: (transfer container) (element-type RdNote): the notes whose `refers`
 *   names @id, in file order
 */
GPtrArray *
rd_policy_get_notes_for (RdPolicy   *self,
                         const char *id)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (RD_IS_POLICY (self), out);

  for (guint i = 0; id && i < self->notes->len; i++)
    {
      const RdNote *note = g_ptr_array_index (self->notes, i);
      if (g_strv_contains ((const char * const *) note->refers, id))
        g_ptr_array_add (out, (gpointer) note);
    }
  return out;
}

/**
 * rd_policy_get_summaries_for:
 *
 * Returns: (transfer container) (element-type RdSummary): the rationale
 *   summaries whose `refers` names @id
 */
GPtrArray *
rd_policy_get_summaries_for (RdPolicy   *self,
                             const char *id)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (RD_IS_POLICY (self), out);

  for (guint i = 0; id && i < self->summaries->len; i++)
    {
      const RdSummary *summary = g_ptr_array_index (self->summaries, i);
      if (g_strv_contains ((const char * const *) summary->refers, id))
        g_ptr_array_add (out, (gpointer) summary);
    }
  return out;
}

static void
collect_doc_items (const RdDocItem *item,
                   const char      *indication_id,
                   GPtrArray       *out)
{
  if (item->indications[0] == NULL || g_strv_contains ((const char * const *) item->indications, indication_id))
    g_ptr_array_add (out, (gpointer) item);
  for (guint i = 0; i < item->children->len; i++)
    collect_doc_items (g_ptr_array_index (item->children, i), indication_id, out);
}

/**
 * rd_policy_get_doc_items_for:
 *
 * Returns: (transfer container) (element-type RdDocItem): the documentation
 *   items (nested ones included, in document order) that are for every
 *   indication or name @indication
 */
GPtrArray *
rd_policy_get_doc_items_for (RdPolicy           *self,
                             const RdIndication *indication)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (RD_IS_POLICY (self), out);
  g_return_val_if_fail (indication != NULL, out);

  for (guint i = 0; i < self->documentation->len; i++)
    collect_doc_items (g_ptr_array_index (self->documentation, i), indication->id, out);
  return out;
}

/* ---- citations -------------------------------------------------------- */

/**
 * rd_citation_normalize:
 * @text: a quoted sentence or a whole source text
 *
 * Returns: (transfer full): @text with white space runs collapsed to one space,
 *   the ends trimmed and markdown bold markers (`**`) removed: the form in which
 *   a citation is compared with its source
 */
char *
rd_citation_normalize (const char *text)
{
  return _rd_policy_collapse (text, TRUE);
}

static void
add_citation (GPtrArray    *out,
              const char   *element,
              const char   *id,
              const RdCite *cite)
{
  RdCitation *c;

  if (cite->text == NULL)
    return;
  c = g_new0 (RdCitation, 1);
  c->element = element;
  c->id = id;
  c->cite = cite;
  g_ptr_array_add (out, c);
}

static void
node_citations (GPtrArray    *out,
                const RdNode *node)
{
  static const char * const names[] = {
    [RD_NODE_ALL_OF] = "all-of", [RD_NODE_ANY_OF] = "any-of",
    [RD_NODE_AT_LEAST] = "at-least", [RD_NODE_CRITERION] = "criterion",
  };

  add_citation (out, names[node->kind], node->id, &node->cite);
  for (guint i = 0; i < node->children->len; i++)
    node_citations (out, g_ptr_array_index (node->children, i));
}

static void
doc_item_citations (GPtrArray       *out,
                    const RdDocItem *item)
{
  add_citation (out, "item", item->id, &item->cite);
  for (guint i = 0; i < item->children->len; i++)
    doc_item_citations (out, g_ptr_array_index (item->children, i));
}

/* Records that start with id and whose cite sits at one offset: outcomes,
 * thresholds, ... all have `const char *id` first. */
#define ADD_ALL(array, type, element)                          \
  for (guint i = 0; i < (array)->len; i++)                     \
    {                                                          \
      const type *r = g_ptr_array_index ((array), i);          \
      add_citation (out, element, r->id, &r->cite);            \
    }

/**
 * rd_policy_get_citations:
 *
 * Returns: (transfer full) (element-type RdCitation): every citation of the
 *   policy, in file order
 */
GPtrArray *
rd_policy_get_citations (RdPolicy *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (RD_IS_POLICY (self), out);

  ADD_ALL (self->outcomes, RdOutcome, "outcome")
  if (self->scope != NULL)
    add_citation (out, "scope", NULL, &self->scope->cite);
  for (guint i = 0; i < self->request_rules->len; i++)
    {
      const RdRequestRule *rule = g_ptr_array_index (self->request_rules, i);
      add_citation (out, "request-type", rd_request_type_to_string (rule->type), &rule->cite);
    }
  ADD_ALL (self->thresholds, RdThreshold, "threshold")
  ADD_ALL (self->definitions, RdDefinition, "definition")
  ADD_ALL (self->conditions, RdCondition, "condition")
  for (guint i = 0; i < self->indications->len; i++)
    {
      const RdIndication *ind = g_ptr_array_index (self->indications, i);
      add_citation (out, "indication", ind->id, &ind->cite);
      node_citations (out, ind->root);
    }
  ADD_ALL (self->exclusions, RdExclusion, "exclusion")
  ADD_ALL (self->notes, RdNote, "note")
  for (guint i = 0; i < self->documentation->len; i++)
    doc_item_citations (out, g_ptr_array_index (self->documentation, i));
  ADD_ALL (self->code_lists, RdCodeList, "code-list")
  ADD_ALL (self->summaries, RdSummary, "summary")
  return out;
}

/**
 * rd_policy_find_missing_citations:
 * @source_text: the policy's source text (a file of the policy-source set)
 * @n_checked: (out) (optional): how many citations were checked
 *
 * Compares every citation with @source_text, both normalized with
 * rd_citation_normalize().
 *
 * Returns: (transfer full) (element-type RdCitation): the citations whose quoted
 *   sentence does not occur in @source_text
 */
GPtrArray *
rd_policy_find_missing_citations (RdPolicy   *self,
                                  const char *source_text,
                                  guint      *n_checked)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *haystack = NULL;
  GPtrArray *missing = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (RD_IS_POLICY (self), missing);
  g_return_val_if_fail (source_text != NULL, missing);

  all = rd_policy_get_citations (self);
  haystack = rd_citation_normalize (source_text);
  for (guint i = 0; i < all->len; i++)
    {
      RdCitation *c = g_ptr_array_index (all, i);
      g_autofree char *needle = rd_citation_normalize (c->cite->text);

      if (strstr (haystack, needle) == NULL)
        g_ptr_array_add (missing, g_memdup2 (c, sizeof *c));
    }
  if (n_checked)
    *n_checked = all->len;
  return missing;
}
