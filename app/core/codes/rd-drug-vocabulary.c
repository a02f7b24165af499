/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The drug vocabulary: loading (safe parsing, drugs.rng, semantic checks) and
 * naming the ingredients of a request's drug text. */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-core-resources.h"
#include "rd-drug-vocabulary.h"
#include "rd-words.h"
#include "rd-xml.h"

#define RESOURCE_DIR "/org/reviewdesk/ReviewDesk/core/"
/* The name the loader's messages give the file. */
#define VOCABULARY_NAME "drugs.xml"

G_DEFINE_QUARK (rd-drug-vocabulary-error-quark, rd_drug_vocabulary_error)

/* A name, brand or synonym of one ingredient, as a request may write it. */
typedef struct {
  char               *key;   /* rd_words_key() of @text */
  char               *text;
  const RdIngredient *ingredient;
  int                 line;
} Term;

struct _RdDrugVocabulary
{
  GObject     parent_instance;

  GPtrArray  *classes;      /* of RdDrugClass, in file order */
  GPtrArray  *ingredients;  /* of RdIngredient, in file order */
  GHashTable *class_ids;    /* id → RdDrugClass */
  GHashTable *ingredient_ids;  /* id → RdIngredient */
  GHashTable *terms;        /* key → Term */
};

G_DEFINE_FINAL_TYPE (RdDrugVocabulary, rd_drug_vocabulary, G_TYPE_OBJECT)

static void
drug_class_free (RdDrugClass *drug_class)
{
  g_free (drug_class->id);
  g_free (drug_class->label);
  g_free (drug_class->purpose);
  g_free (drug_class);
}

static void
ingredient_free (RdIngredient *ingredient)
{
  g_free (ingredient->id);
  g_free (ingredient->name);
  g_strfreev (ingredient->brands);
  g_strfreev (ingredient->synonyms);
  g_strfreev (ingredient->class_ids);
  g_free (ingredient->rxnorm);
  g_free (ingredient);
}

static void
term_free (Term *term)
{
  g_free (term->key);
  g_free (term->text);
  g_free (term);
}

static void
rd_drug_vocabulary_finalize (GObject *object)
{
  RdDrugVocabulary *self = RD_DRUG_VOCABULARY (object);

  g_clear_pointer (&self->terms, g_hash_table_unref);
  g_clear_pointer (&self->class_ids, g_hash_table_unref);
  g_clear_pointer (&self->ingredient_ids, g_hash_table_unref);
  g_clear_pointer (&self->classes, g_ptr_array_unref);
  g_clear_pointer (&self->ingredients, g_ptr_array_unref);

  G_OBJECT_CLASS (rd_drug_vocabulary_parent_class)->finalize (object);
}

static void
rd_drug_vocabulary_class_init (RdDrugVocabularyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rd_drug_vocabulary_finalize;
}

static void
rd_drug_vocabulary_init (RdDrugVocabulary *self)
{
  self->classes = g_ptr_array_new_with_free_func ((GDestroyNotify) drug_class_free);
  self->ingredients = g_ptr_array_new_with_free_func ((GDestroyNotify) ingredient_free);
  self->class_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->ingredient_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->terms = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) term_free);
}

/* ---- loading ---------------------------------------------------------- */

static gboolean fail (GError **error, xmlNode *node, RdDrugVocabularyError code,
                      const char *format, ...) G_GNUC_PRINTF (4, 5);

/* "drugs.xml, line 12, <ingredient id="baclofen">: …" */
static gboolean
fail (GError                **error,
      xmlNode                *node,
      RdDrugVocabularyError   code,
      const char             *format,
      ...)
{
  g_autofree char *message = NULL;
  g_autofree char *id = rd_xml_get_prop (node, "id");
  g_autofree char *element = g_strdup_printf ("<%s id=\"%s\">", node->name, id ? id : "");
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, RD_DRUG_VOCABULARY_ERROR, code, _("%s, line %d, %s: %s"),
               VOCABULARY_NAME, (int) xmlGetLineNo (node), element, message);
  return FALSE;
}

/* The texts of every child element called @name, in order. */
static char **
child_texts (xmlNode    *node,
             const char *name)
{
  GPtrArray *texts = g_ptr_array_new ();

  for (xmlNode *child = rd_xml_first_element (node, name); child; child = rd_xml_next_element (child, name))
    g_ptr_array_add (texts, rd_xml_get_text (child));
  g_ptr_array_add (texts, NULL);
  return (char **) g_ptr_array_free (texts, FALSE);
}

/* An attribute that is a list of ids, such as class="opioid nonopioid-analgesic". */
static char **
split_list (const char *value)
{
  g_auto(GStrv) parts = g_strsplit_set (value ? value : "", " \t\r\n", -1);
  GPtrArray *ids = g_ptr_array_new ();

  for (guint i = 0; parts[i]; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (ids, g_strdup (parts[i]));
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}

static gboolean
read_class (RdDrugVocabulary  *self,
            xmlNode           *node,
            GError           **error)
{
  RdDrugClass *drug_class = g_new0 (RdDrugClass, 1);

  drug_class->id = rd_xml_get_prop (node, "id");
  drug_class->purpose = rd_xml_get_prop (node, "purpose");
  drug_class->label = rd_xml_get_text (rd_xml_first_element (node, "label"));
  g_ptr_array_add (self->classes, drug_class);
  if (g_hash_table_contains (self->class_ids, drug_class->id))
    return fail (error, node, RD_DRUG_VOCABULARY_ERROR_DUPLICATE_ID,
                 _("another class has the id “%s”: give every class its own id."), drug_class->id);
  g_hash_table_insert (self->class_ids, drug_class->id, drug_class);
  return TRUE;
}

/* Every class the ingredient names is in the file. */
static gboolean
check_classes (RdDrugVocabulary    *self,
               xmlNode             *node,
               const RdIngredient  *ingredient,
               GError             **error)
{
  for (guint i = 0; ingredient->class_ids[i]; i++)
    if (!g_hash_table_contains (self->class_ids, ingredient->class_ids[i]))
      return fail (error, node, RD_DRUG_VOCABULARY_ERROR_UNKNOWN_CLASS,
                   _("class=\"%s\" names no <class> of the vocabulary: use the id of an existing class, or add the class."),
                   ingredient->class_ids[i]);
  return TRUE;
}

/* Makes @text a way to name @ingredient, unless another name already says the same. */
static gboolean
add_term (RdDrugVocabulary    *self,
          xmlNode             *node,
          const RdIngredient  *ingredient,
          const char          *text,
          GError             **error)
{
  g_autofree char *key = rd_words_key (text);
  const Term *other = g_hash_table_lookup (self->terms, key);
  Term *term;

  if (other != NULL)
    return fail (error, node, RD_DRUG_VOCABULARY_ERROR_DUPLICATE_NAME,
                 _("“%s” names the ingredient “%s” already (as “%s”, line %d); a request naming it would be ambiguous: keep it in one ingredient only."),
                 text, other->ingredient->id, other->text, other->line);
  term = g_new0 (Term, 1);
  term->key = g_steal_pointer (&key);
  term->text = g_strdup (text);
  term->ingredient = ingredient;
  term->line = (int) xmlGetLineNo (node);
  g_hash_table_insert (self->terms, term->key, term);
  return TRUE;
}

static gboolean
add_terms (RdDrugVocabulary    *self,
           xmlNode             *node,
           const RdIngredient  *ingredient,
           GError             **error)
{
  if (!add_term (self, node, ingredient, ingredient->name, error))
    return FALSE;
  for (guint i = 0; ingredient->brands[i]; i++)
    if (!add_term (self, node, ingredient, ingredient->brands[i], error))
      return FALSE;
  for (guint i = 0; ingredient->synonyms[i]; i++)
    if (!add_term (self, node, ingredient, ingredient->synonyms[i], error))
      return FALSE;
  return TRUE;
}

static gboolean
read_ingredient (RdDrugVocabulary  *self,
                 xmlNode           *node,
                 GError           **error)
{
  RdIngredient *ingredient = g_new0 (RdIngredient, 1);
  g_autofree char *classes = rd_xml_get_prop (node, "class");
  xmlNode *rxnorm = rd_xml_first_element (node, "rxnorm");

  ingredient->id = rd_xml_get_prop (node, "id");
  ingredient->name = rd_xml_get_text (rd_xml_first_element (node, "name"));
  ingredient->brands = child_texts (node, "brand");
  ingredient->synonyms = child_texts (node, "synonym");
  ingredient->class_ids = split_list (classes);
  ingredient->rxnorm = rxnorm ? rd_xml_get_text (rxnorm) : NULL;
  g_ptr_array_add (self->ingredients, ingredient);

  if (g_hash_table_contains (self->ingredient_ids, ingredient->id))
    return fail (error, node, RD_DRUG_VOCABULARY_ERROR_DUPLICATE_ID,
                 _("another ingredient has the id “%s”: give every ingredient its own id."), ingredient->id);
  g_hash_table_insert (self->ingredient_ids, ingredient->id, ingredient);
  return check_classes (self, node, ingredient, error) &&
         add_terms (self, node, ingredient, error);
}

static gboolean
read_vocabulary (RdDrugVocabulary  *self,
                 xmlNode           *root,
                 GError           **error)
{
  for (xmlNode *node = rd_xml_first_element (root, "class"); node; node = rd_xml_next_element (node, "class"))
    if (!read_class (self, node, error))
      return FALSE;
  for (xmlNode *node = rd_xml_first_element (root, "ingredient"); node; node = rd_xml_next_element (node, "ingredient"))
    if (!read_ingredient (self, node, error))
      return FALSE;
  return TRUE;
}

/**
 * rd_drug_vocabulary_load:
 * @xml: a vocabulary in the format of data/vocabulary/drugs.xml
 *
 * Reads a vocabulary safely (no DTD, no entities, no network), validates it
 * against drugs.rng and checks what the grammar cannot: unique ids, classes
 * that exist, and no name, brand or synonym given to two ingredients.
 *
 * Returns: (transfer full): the vocabulary, or %NULL with @error set: an
 *   #RdXmlError when the file cannot be parsed or does not follow the grammar,
 *   an #RdDrugVocabularyError when a check after the grammar fails
 */
RdDrugVocabulary *
rd_drug_vocabulary_load (GBytes  *xml,
                         GError **error)
{
  g_autoptr(RdDrugVocabulary) self = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GBytes) schema = NULL;
  const char *data;
  gsize size = 0;

  g_return_val_if_fail (xml != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (xml, &size);
  doc = rd_xml_read_memory (data ? data : "", size, VOCABULARY_NAME, error);
  if (doc == NULL)
    return NULL;
  schema = g_resource_lookup_data (rd_core_get_resource (), RESOURCE_DIR "drugs.rng",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (schema != NULL);
  if (!rd_xml_validate (doc, schema, VOCABULARY_NAME, error))
    return NULL;

  self = g_object_new (RD_TYPE_DRUG_VOCABULARY, NULL);
  if (!read_vocabulary (self, xmlDocGetRootElement (doc), error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * rd_drug_vocabulary_get_default:
 *
 * The vocabulary compiled into ReviewDesk, loaded on first use from any
 * thread. A bundled file that does not load is a bug of the build, not
 * something a user can fix: it aborts.
 *
 * Returns: (transfer none): the vocabulary; it lives as long as the program
 */
RdDrugVocabulary *
rd_drug_vocabulary_get_default (void)
{
  static gsize initialized = 0;
  static RdDrugVocabulary *vocabulary = NULL;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (rd_core_get_resource (),
                                                        RESOURCE_DIR "drugs.xml",
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GError) error = NULL;

      g_assert (bytes != NULL);
      vocabulary = rd_drug_vocabulary_load (bytes, &error);
      if (vocabulary == NULL)
        g_error ("The drug vocabulary compiled into ReviewDesk does not load: %s", error->message);
      g_once_init_leave (&initialized, 1);
    }
  return vocabulary;
}

/* ---- looking up ------------------------------------------------------- */

typedef struct {
  guint               start;  /* the first word of the text the name covers */
  guint               end;    /* the word after its last */
  const RdIngredient *ingredient;
} Hit;

/* In the order of the text; at one place, the longest name first. */
static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return 0;
}

/* Whether a longer name of another ingredient covers @hit: in "insulin
 * lispro", "insulin" (regular insulin) is only a part of "insulin lispro". */
static gboolean
covered (GArray    *hits,
         const Hit *hit)
{
  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *other = &g_array_index (hits, Hit, i);

      if (other->ingredient != hit->ingredient &&
          other->start <= hit->start && hit->end <= other->end &&
          other->end - other->start > hit->end - hit->start)
        return TRUE;
    }
  return FALSE;
}

/**
 * rd_drug_vocabulary_identify:
 * @text: (nullable): a request's drug, e.g. "Gablofen 2000 mcg/mL intrathecal"
 *   or a mixture, "morphine + bupivacaine"
 *
 * Finds the ingredients @text names by their name, a brand or a synonym, with
 * the word matching of rd_words_match() (case, spaces and punctuation aside).
 * A name that is only part of a longer name of another ingredient does not
 * count: "insulin lispro" is insulin lispro, not regular insulin as well.
 *
 * Returns: (transfer container) (element-type RdIngredient): the ingredients
 *   in the order @text names them, each once; empty when it names none
 */
GPtrArray *
rd_drug_vocabulary_identify (RdDrugVocabulary *self,
                             const char       *text)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) hits = NULL;
  GPtrArray *found;
  GHashTableIter iter;
  const Term *term;

  g_return_val_if_fail (RD_IS_DRUG_VOCABULARY (self), NULL);

  words = rd_words_split (text);
  hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_hash_table_iter_init (&iter, self->terms);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &term))
    {
      Hit hit = { 0, 0, term->ingredient };

      for (guint from = 0;
           rd_words_find ((const char * const *) words, term->key, from, &hit.start, &hit.end);
           from = hit.start + 1)
        g_array_append_val (hits, hit);
    }
  g_array_sort (hits, compare_hits);

  found = g_ptr_array_new ();
  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *hit = &g_array_index (hits, Hit, i);

      if (!covered (hits, hit) && !g_ptr_array_find (found, hit->ingredient, NULL))
        g_ptr_array_add (found, (gpointer) hit->ingredient);
    }
  return found;
}

/**
 * rd_drug_vocabulary_find_ingredient:
 * @id: (nullable): an ingredient id, e.g. "baclofen"
 *
 * Returns: (nullable): the ingredient, or %NULL when the vocabulary has none by @id
 */
const RdIngredient *
rd_drug_vocabulary_find_ingredient (RdDrugVocabulary *self,
                                    const char       *id)
{
  g_return_val_if_fail (RD_IS_DRUG_VOCABULARY (self), NULL);

  return id ? g_hash_table_lookup (self->ingredient_ids, id) : NULL;
}

/**
 * rd_drug_vocabulary_find_rxnorm:
 * @rxcui: (nullable): an RxNorm concept id, e.g. "7052"
 *
 * Returns: (nullable): the ingredient whose RxNorm ingredient concept is
 *   @rxcui, or %NULL when the vocabulary knows none
 */
const RdIngredient *
rd_drug_vocabulary_find_rxnorm (RdDrugVocabulary *self,
                                const char       *rxcui)
{
  g_return_val_if_fail (RD_IS_DRUG_VOCABULARY (self), NULL);

  for (guint i = 0; rxcui != NULL && i < self->ingredients->len; i++)
    {
      const RdIngredient *ingredient = g_ptr_array_index (self->ingredients, i);

      if (g_strcmp0 (ingredient->rxnorm, rxcui) == 0)
        return ingredient;
    }
  return NULL;
}

/**
 * rd_drug_vocabulary_find_class:
 * @id: (nullable): a class id, e.g. "opioid"
 *
 * Returns: (nullable): the class, or %NULL when the vocabulary has none by @id
 */
const RdDrugClass *
rd_drug_vocabulary_find_class (RdDrugVocabulary *self,
                               const char       *id)
{
  g_return_val_if_fail (RD_IS_DRUG_VOCABULARY (self), NULL);

  return id ? g_hash_table_lookup (self->class_ids, id) : NULL;
}

/**
 * rd_drug_vocabulary_knows_purpose:
 * @purpose: a purpose id, e.g. "pain"
 *
 * Returns: whether a class of the vocabulary serves @purpose
 */
gboolean
rd_drug_vocabulary_knows_purpose (RdDrugVocabulary *self,
                                  const char       *purpose)
{
  g_return_val_if_fail (RD_IS_DRUG_VOCABULARY (self), FALSE);

  for (guint i = 0; i < self->classes->len; i++)
    if (g_strcmp0 (((const RdDrugClass *) g_ptr_array_index (self->classes, i))->purpose, purpose) == 0)
      return TRUE;
  return FALSE;
}

/**
 * rd_ingredient_has_class:
 * @class_id: a class id, e.g. "opioid"
 *
 * Returns: whether @ingredient is in the class
 */
gboolean
rd_ingredient_has_class (const RdIngredient *ingredient,
                         const char         *class_id)
{
  g_return_val_if_fail (ingredient != NULL, FALSE);
  g_return_val_if_fail (class_id != NULL, FALSE);

  return g_strv_contains ((const char * const *) ingredient->class_ids, class_id);
}

/**
 * rd_ingredient_has_purpose:
 * @ingredient: an ingredient of @self
 * @purpose: a purpose id, e.g. "spasticity"
 *
 * Returns: whether one of @ingredient's classes is given for @purpose
 */
gboolean
rd_ingredient_has_purpose (RdDrugVocabulary   *self,
                           const RdIngredient *ingredient,
                           const char         *purpose)
{
  g_return_val_if_fail (RD_IS_DRUG_VOCABULARY (self), FALSE);
  g_return_val_if_fail (ingredient != NULL, FALSE);
  g_return_val_if_fail (purpose != NULL, FALSE);

  for (guint i = 0; ingredient->class_ids[i]; i++)
    {
      const RdDrugClass *drug_class = rd_drug_vocabulary_find_class (self, ingredient->class_ids[i]);

      if (drug_class != NULL && g_str_equal (drug_class->purpose, purpose))
        return TRUE;
    }
  return FALSE;
}
