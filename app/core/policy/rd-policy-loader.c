/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Loads a policy file: safe parsing, RELAX NG validation, semantic checks, and
 * the records of RdPolicy. */
#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <string.h>

#include "rd-core-resources.h"
#include "rd-drug-vocabulary.h"
#include "rd-xml.h"
#include "rd-policy-private.h"

#define MAX_SCHEMA_ERRORS 5

typedef struct {
  RdPolicy   *policy;
  const char *filename;
  GError     *error;
} Loader;

/* ---- errors ----------------------------------------------------------- */

/* "<criterion id="x">": the element and the attribute that identifies it */
static char *
describe_node (xmlNode *node)
{
  static const char * const keys[] = { "id", "value", "from", "ref" };

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return g_strdup (_("document"));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree xmlChar *value = xmlGetProp (node, (const xmlChar *) keys[i]);
      if (value != NULL)
        return g_strdup_printf ("<%s %s=\"%s\">", node->name, keys[i], value);
    }
  return g_strdup_printf ("<%s>", node->name);
}

static gboolean loader_fail (Loader *loader, xmlNode *node, RdPolicyError code,
                             const char *format, ...) G_GNUC_PRINTF (4, 5);

static gboolean
loader_fail (Loader        *loader,
             xmlNode       *node,
             RdPolicyError  code,
             const char    *format,
             ...)
{
  g_autofree char *message = NULL;
  g_autofree char *element = NULL;
  va_list args;

  if (loader->error != NULL)
    return FALSE;  /* keep the first error: later ones may only follow from it */

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  element = describe_node (node);
  g_set_error (&loader->error, RD_POLICY_ERROR, code, "%s:%ld: %s: %s",
               loader->filename, node ? xmlGetLineNo (node) : 0L, element, message);
  return FALSE;
}

/* ---- safe parsing ----------------------------------------------------- */

typedef struct {
  gboolean  doctype;
  int       doctype_line;
  GString  *first_error;
} ParseState;

static void
refuse_doctype (void          *ctx,
                const xmlChar *name,
                const xmlChar *external_id,
                const xmlChar *system_id)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseState *state = ctxt->_private;

  /* Stop before the internal subset is read: no entity is ever declared, so none
   * can be expanded (billion laughs, quadratic blow-up) or fetched (XXE). */
  state->doctype = TRUE;
  state->doctype_line = ctxt->input ? ctxt->input->line : 0;
  xmlStopParser (ctxt);
}

static void
collect_parse_error (void        *ctx,
                     xmlErrorPtr  error)
{
  xmlParserCtxtPtr ctxt = ctx;
  ParseState *state = ctxt->_private;

  if (state->first_error == NULL && error != NULL && error->level >= XML_ERR_ERROR)
    {
      state->first_error = g_string_new (NULL);
      g_string_printf (state->first_error, "%d\n%s", error->line,
                       error->message ? error->message : "");
    }
}

static xmlDoc *
parse_safely (Loader       *loader,
              const char   *data,
              gsize         length)
{
  ParseState state = { 0 };
  xmlParserCtxtPtr ctxt;
  xmlDoc *doc = NULL;
  g_autoptr(GError) limit_error = NULL;

  if (length > RD_POLICY_MAX_SIZE)
    {
      g_set_error (&loader->error, RD_POLICY_ERROR, RD_POLICY_ERROR_TOO_LARGE,
                   _("%s: the file is %zu bytes; a policy file may be at most %d bytes."),
                   loader->filename, length, RD_POLICY_MAX_SIZE);
      return NULL;
    }

  /* Before libxml2 sees a byte: its work grows faster than the file (see
   * RD_XML_MAX_ATTRIBUTES). */
  if (!rd_xml_check_limits (data, length, loader->filename, &limit_error))
    {
      g_set_error_literal (&loader->error, RD_POLICY_ERROR, RD_POLICY_ERROR_TOO_LARGE,
                           limit_error->message);
      return NULL;
    }

  ctxt = xmlCreateMemoryParserCtxt (data, (int) length);
  if (ctxt == NULL)
    {
      g_set_error (&loader->error, RD_POLICY_ERROR, RD_POLICY_ERROR_PARSE,
                   _("%s: the file is empty or cannot be parsed."), loader->filename);
      return NULL;
    }
  ctxt->_private = &state;
  ctxt->sax->internalSubset = refuse_doctype;
  ctxt->sax->externalSubset = NULL;
  ctxt->sax->serror = collect_parse_error;
  /* No DTD loading, no entity substitution, no network; big line numbers so
   * errors past line 65535 still name the right line. */
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING
                           | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
  xmlParseDocument (ctxt);

  if (state.doctype)
    g_set_error (&loader->error, RD_POLICY_ERROR, RD_POLICY_ERROR_FORBIDDEN,
                 _("%s:%d: <!DOCTYPE>: policy files may not have a DOCTYPE (DTDs and entities are refused for safety); remove it."),
                 loader->filename, state.doctype_line);
  else if (!ctxt->wellFormed || ctxt->myDoc == NULL)
    {
      g_auto(GStrv) parts = state.first_error ? g_strsplit (state.first_error->str, "\n", 2) : NULL;
      g_set_error (&loader->error, RD_POLICY_ERROR, RD_POLICY_ERROR_PARSE,
                   _("%s:%s: the file is not well-formed XML: %s"), loader->filename,
                   parts ? parts[0] : "0",
                   parts && parts[1] && *parts[1] ? g_strchomp (parts[1]) : _("cannot parse"));
    }
  else if (ctxt->myDoc->intSubset != NULL || ctxt->myDoc->extSubset != NULL)
    g_set_error (&loader->error, RD_POLICY_ERROR, RD_POLICY_ERROR_FORBIDDEN,
                 _("%s: policy files may not have a DOCTYPE; remove it."), loader->filename);
  else
    doc = g_steal_pointer (&ctxt->myDoc);

  if (ctxt->myDoc != NULL)
    xmlFreeDoc (ctxt->myDoc);
  ctxt->myDoc = NULL;
  ctxt->_private = NULL;
  xmlFreeParserCtxt (ctxt);
  if (state.first_error)
    g_string_free (state.first_error, TRUE);
  return doc;
}

/* ---- RELAX NG --------------------------------------------------------- */

static xmlRelaxNGPtr
get_schema (void)
{
  static gsize initialized = 0;
  static xmlRelaxNGPtr schema = NULL;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GBytes) rng = g_resource_lookup_data (rd_core_get_resource (),
                                                      "/org/reviewdesk/ReviewDesk/core/policy.rng",
                                                      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      xmlRelaxNGParserCtxtPtr pctxt;
      gsize size = 0;
      const char *data;

      g_assert (rng != NULL);
      data = g_bytes_get_data (rng, &size);
      pctxt = xmlRelaxNGNewMemParserCtxt (data, (int) size);
      schema = xmlRelaxNGParse (pctxt);
      xmlRelaxNGFreeParserCtxt (pctxt);
      g_assert (schema != NULL);
      g_once_init_leave (&initialized, 1);
    }
  return schema;
}

/* libxml2 reports a RELAX NG failure as several errors, some without an
 * element (the document) and some in its own words; keep the ones that name
 * an element and say what they mean. */
static void
collect_schema_error (void        *data,
                      xmlErrorPtr  error)
{
  GPtrArray *errors = data;
  xmlNode *node = error->node;
  g_autofree char *message = g_strchomp (g_strdup (error->message ? error->message : ""));
  g_autofree char *element = NULL;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return;
  element = describe_node (node);
  if (strstr (message, "Expecting an element , got nothing") != NULL)
    {
      g_free (message);
      message = g_strdup (_("a required child element is missing"));
    }
  g_ptr_array_add (errors, g_strdup_printf ("%ld\n%s\n%s", xmlGetLineNo (node),
                                            element, message));
}

static gboolean
validate_schema (Loader *loader,
                 xmlDoc *doc)
{
  xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt (get_schema ());
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);
  int result;

  xmlRelaxNGSetValidStructuredErrors (vctxt, collect_schema_error, errors);
  result = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);
  if (result == 0)
    return TRUE;

  for (guint i = 0; i < errors->len && i < MAX_SCHEMA_ERRORS; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (errors, i), "\n", 3);
      g_string_append_printf (text, "%s%s:%s: %s: %s", i ? "\n" : "", loader->filename,
                              parts[0], parts[1], parts[2]);
    }
  if (errors->len > MAX_SCHEMA_ERRORS)
    g_string_append_printf (text, _("\n(and %u more)"), errors->len - MAX_SCHEMA_ERRORS);
  if (errors->len == 0)
    g_string_append_printf (text, _("%s:%d: the document does not validate"), loader->filename, 1);
  g_set_error (&loader->error, RD_POLICY_ERROR, RD_POLICY_ERROR_SCHEMA,
               _("%s\nThe file does not follow policy.rng (see policies/README.md)."), text->str);
  return FALSE;
}

/* ---- reading elements ------------------------------------------------- */

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && (name == NULL || xmlStrEqual (node->name, (const xmlChar *) name));
}

static xmlNode *
skip_to_element (xmlNode *node)
{
  while (node != NULL && node->type != XML_ELEMENT_NODE)
    node = node->next;
  return node;
}

#define FOREACH_ELEMENT(parent, child) \
  for (xmlNode *child = skip_to_element ((parent)->children); child != NULL; \
       child = skip_to_element (child->next))

static xmlNode *
first_child (xmlNode    *parent,
             const char *name)
{
  FOREACH_ELEMENT (parent, child)
    if (is_element (child, name))
      return child;
  return NULL;
}

static char *
collapse (const char *text)
{
  return _rd_policy_collapse (text, FALSE);
}

static const char *
intern_collapsed (Loader        *loader,
                  const xmlChar *text)
{
  g_autofree char *collapsed = NULL;

  if (text == NULL)
    return NULL;
  collapsed = collapse ((const char *) text);
  return _rd_policy_intern (loader->policy, collapsed);
}

static const char *
attr (Loader     *loader,
      xmlNode    *node,
      const char *name)
{
  g_autofree xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  return intern_collapsed (loader, value);
}

static gboolean
attr_bool (xmlNode    *node,
           const char *name)
{
  g_autofree xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  g_autofree char *collapsed = value ? collapse ((const char *) value) : NULL;

  return collapsed && (g_str_equal (collapsed, "true") || g_str_equal (collapsed, "1"));
}

static const char *
text_of (Loader  *loader,
         xmlNode *node)
{
  g_autofree xmlChar *content = NULL;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  return intern_collapsed (loader, content);
}

static const char *
child_text (Loader     *loader,
            xmlNode    *node,
            const char *name)
{
  return text_of (loader, first_child (node, name));
}

static char **
attr_list (Loader     *loader,
           xmlNode    *node,
           const char *name)
{
  const char *value = attr (loader, node, name);
  g_auto(GStrv) parts = value && *value ? g_strsplit (value, " ", -1) : NULL;
  guint n = parts ? g_strv_length (parts) : 0;
  char **list = _rd_policy_alloc (loader->policy, sizeof (char *) * (n + 1));

  for (guint i = 0; i < n; i++)
    list[i] = (char *) _rd_policy_intern (loader->policy, parts[i]);
  return list;
}

static char **
steal_strv (RdPolicy  *policy,
            GPtrArray *strings)
{
  char **strv;

  g_ptr_array_add (strings, NULL);
  strv = (char **) g_ptr_array_free (strings, FALSE);
  g_ptr_array_add (policy->blocks, strv);
  return strv;
}

static void
read_cite (Loader  *loader,
           xmlNode *parent,
           RdCite  *cite)
{
  xmlNode *node = first_child (parent, "cite");

  if (node == NULL)
    return;
  cite->section = attr (loader, node, "section");
  cite->text = text_of (loader, node);
  cite->line = (int) xmlGetLineNo (node);
}

static guint
request_types (xmlNode *node)
{
  g_autofree xmlChar *value = xmlGetProp (node, (const xmlChar *) "request");
  g_auto(GStrv) names = NULL;
  guint mask = 0;

  if (value == NULL)
    return 0;
  names = g_strsplit_set ((const char *) value, " \t\r\n", -1);
  for (guint i = 0; names[i]; i++)
    {
      RdRequestType type;
      if (rd_request_type_from_string (names[i], &type))
        mask |= 1u << type;
    }
  return mask;
}

static int
line_of (xmlNode *node)
{
  return (int) xmlGetLineNo (node);
}

/* Every id of the file once; the first element that has it keeps it. */
static gboolean
register_id (Loader     *loader,
             xmlNode    *node,
             const char *id,
             GHashTable *table,
             gpointer    record)
{
  xmlNode *other;

  if (id == NULL)
    return TRUE;
  other = g_hash_table_lookup (loader->policy->all_ids, id);
  if (other != NULL)
    return loader_fail (loader, node, RD_POLICY_ERROR_DUPLICATE_ID,
                        _("the id “%s” is already used by <%s> on line %ld: every id must be unique in the file."),
                        id, other->name, xmlGetLineNo (other));
  g_hash_table_insert (loader->policy->all_ids, (gpointer) id, node);
  if (table != NULL)
    g_hash_table_insert (table, (gpointer) id, record);
  return TRUE;
}

/* What every record with an id reads the same way: its id, registered in
 * @ids, the line it starts on and its <cite>. */
static void
read_identified (Loader      *loader,
                 xmlNode     *element,
                 GHashTable  *ids,
                 gpointer     record,
                 const char **id,
                 int         *line,
                 RdCite      *cite)
{
  *id = attr (loader, element, "id");
  *line = line_of (element);
  read_cite (loader, element, cite);
  register_id (loader, element, *id, ids, record);
}

/* Resolves @id against @table, or fails naming what is missing. */
static gpointer
resolve (Loader     *loader,
         xmlNode    *node,
         const char *attribute,
         const char *id,
         GHashTable *table,
         const char *kind)
{
  gpointer record;

  if (id == NULL)
    return NULL;
  record = g_hash_table_lookup (table, id);
  if (record == NULL)
    loader_fail (loader, node, RD_POLICY_ERROR_DANGLING_REFERENCE,
                 _("%s=\"%s\" names no <%s> in this file: use the id of an existing <%s>."),
                 attribute, id, kind, kind);
  return record;
}

static void
resolve_all (Loader      *loader,
             xmlNode     *node,
             const char  *attribute,
             char       **ids,
             GHashTable  *table,
             const char  *kind)
{
  for (guint i = 0; ids[i] && loader->error == NULL; i++)
    resolve (loader, node, attribute, ids[i], table, kind);
}

/* ---- identity, outcomes, definitions, conditions ---------------------- */

static void
read_identity (Loader  *loader,
               xmlNode *node)
{
  RdPolicy *p = loader->policy;
  xmlNode *source = first_child (node, "source");
  GPtrArray *aliases = g_ptr_array_new ();

  p->payer = child_text (loader, node, "payer");
  FOREACH_ELEMENT (node, child)
    if (is_element (child, "payer-alias"))
      g_ptr_array_add (aliases, (gpointer) text_of (loader, child));
  p->payer_aliases = steal_strv (p, aliases);
  p->number = child_text (loader, node, "number");
  p->title = child_text (loader, node, "title");
  p->original = child_text (loader, node, "original");
  p->effective = child_text (loader, node, "effective");
  p->revised = child_text (loader, node, "revised");
  p->published = child_text (loader, node, "published");
  if (source != NULL)
    {
      p->source_file = attr (loader, source, "file");
      p->source_title = text_of (loader, source);
    }
}

static void
read_scope (Loader  *loader,
            xmlNode *node)
{
  RdScope *scope = _rd_policy_alloc (loader->policy, sizeof *scope);
  GPtrArray *purposes = g_ptr_array_new ();

  FOREACH_ELEMENT (node, child)
    if (is_element (child, "purpose"))
      g_ptr_array_add (purposes, (gpointer) text_of (loader, child));
  scope->purposes = steal_strv (loader->policy, purposes);
  scope->text = child_text (loader, node, "text");
  scope->line = line_of (node);
  read_cite (loader, node, &scope->cite);
  loader->policy->scope = scope;
}

static void
read_request_rules (Loader  *loader,
                    xmlNode *node)
{
  static const char * const handlings[] = { "indications", "own-rules", "silent", "not-governed" };

  FOREACH_ELEMENT (node, child)
    {
      RdRequestRule *rule = _rd_policy_alloc (loader->policy, sizeof *rule);
      const char *type = attr (loader, child, "type");
      const char *handling = attr (loader, child, "handling");

      rd_request_type_from_string (type, &rule->type);
      for (guint i = 0; i < G_N_ELEMENTS (handlings); i++)
        if (g_strcmp0 (handling, handlings[i]) == 0)
          rule->handling = (RdRequestHandling) i;
      if (rd_policy_get_request_rule (loader->policy, rule->type) != NULL)
        loader_fail (loader, child, RD_POLICY_ERROR_DUPLICATE_ID,
                     _("the request type “%s” is described twice: keep one <request-type> per type."), type);
      rule->described = attr_bool (child, "described");
      rule->text = child_text (loader, child, "text");
      rule->line = line_of (child);
      read_cite (loader, child, &rule->cite);
      g_ptr_array_add (loader->policy->request_rules, rule);
    }
}

static void
read_outcomes (Loader  *loader,
               xmlNode *node)
{
  FOREACH_ELEMENT (node, child)
    {
      RdOutcome *o = _rd_policy_alloc (loader->policy, sizeof *o);

      o->adverse = attr_bool (child, "adverse");
      o->label = child_text (loader, child, "label");
      o->explanation = child_text (loader, child, "explanation");
      read_identified (loader, child, loader->policy->outcome_ids, o, &o->id, &o->line, &o->cite);
      g_ptr_array_add (loader->policy->outcomes, o);
    }
}

static gboolean
parse_comparison (const char   *name,
                  RdComparison *comparison)
{
  static const char * const names[] = { "gt", "ge", "lt", "le" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      {
        *comparison = (RdComparison) i;
        return TRUE;
      }
  return FALSE;
}

static void
read_threshold (Loader  *loader,
                xmlNode *child)
{
  RdThreshold *t = _rd_policy_alloc (loader->policy, sizeof *t);
  char *end = NULL;

  t->measure = attr (loader, child, "measure");
  t->value_text = attr (loader, child, "value");
  t->unit = attr (loader, child, "unit");
  t->text = child_text (loader, child, "text");
  if (!parse_comparison (attr (loader, child, "comparison"), &t->comparison))
    loader_fail (loader, child, RD_POLICY_ERROR_INVALID,
                 _("comparison must be gt, ge, lt or le."));
  t->value = g_ascii_strtod (t->value_text ? t->value_text : "", &end);
  if (t->value_text == NULL || end == t->value_text || *end != '\0')
    loader_fail (loader, child, RD_POLICY_ERROR_INVALID,
                 _("value=\"%s\" is not a number: write it like 50 or 2.5."), t->value_text);
  read_identified (loader, child, loader->policy->threshold_ids, t, &t->id, &t->line, &t->cite);
  g_ptr_array_add (loader->policy->thresholds, t);
}

static void
read_definitions (Loader  *loader,
                  xmlNode *node)
{
  FOREACH_ELEMENT (node, child)
    {
      RdDefinition *d;

      if (is_element (child, "threshold"))
        {
          read_threshold (loader, child);
          continue;
        }
      d = _rd_policy_alloc (loader->policy, sizeof *d);
      d->term = child_text (loader, child, "term");
      d->text = child_text (loader, child, "text");
      read_identified (loader, child, loader->policy->definition_ids, d, &d->id, &d->line, &d->cite);
      g_ptr_array_add (loader->policy->definitions, d);
    }
}

static void
read_conditions (Loader  *loader,
                 xmlNode *node)
{
  FOREACH_ELEMENT (node, child)
    {
      RdCondition *c = _rd_policy_alloc (loader->policy, sizeof *c);

      c->question = child_text (loader, child, "question");
      c->referral = attr_bool (child, "referral");
      c->threshold = resolve (loader, child, "threshold", attr (loader, child, "threshold"),
                              loader->policy->threshold_ids, "threshold");
      c->indications = attr_list (loader, child, "indications");
      c->request_types = request_types (child);
      if (!c->referral && (c->threshold != NULL || c->indications[0] != NULL || c->request_types != 0))
        loader_fail (loader, child, RD_POLICY_ERROR_INVALID,
                     _("threshold, indications and request belong to referral triggers: add referral=\"true\" or remove them."));
      read_identified (loader, child, loader->policy->condition_ids, c, &c->id, &c->line, &c->cite);
      g_ptr_array_add (loader->policy->conditions, c);
    }
}

/* ---- indications and criteria trees ----------------------------------- */

static RdNode *
read_node (Loader             *loader,
           xmlNode            *element,
           const RdNode       *parent,
           const RdIndication *indication)
{
  RdPolicy *p = loader->policy;
  RdNode *node = _rd_policy_alloc (p, sizeof *node);

  node->parent = parent;
  node->indication = indication;
  node->when = attr (loader, element, "when");
  node->request_types = request_types (element);
  node->routes = attr_list (loader, element, "routes");
  node->children = _rd_policy_new_array (p);
  read_identified (loader, element, p->node_ids, node, &node->id, &node->line, &node->cite);
  resolve (loader, element, "when", node->when, p->condition_ids, "condition");

  if (is_element (element, "criterion"))
    {
      node->kind = RD_NODE_CRITERION;
      node->text = child_text (loader, element, "text");
      node->hint = child_text (loader, element, "hint");
      node->judgement = attr_bool (element, "judgement");
      node->documents = attr_list (loader, element, "documents");
      node->threshold = resolve (loader, element, "threshold", attr (loader, element, "threshold"),
                                 p->threshold_ids, "threshold");
      node->definition = resolve (loader, element, "definition", attr (loader, element, "definition"),
                                  p->definition_ids, "definition");
      return node;
    }

  node->documents = attr_list (loader, element, "documents");  /* always empty for groups */
  node->title = attr (loader, element, "title");
  if (is_element (element, "all-of"))
    node->kind = RD_NODE_ALL_OF;
  else if (is_element (element, "any-of"))
    node->kind = RD_NODE_ANY_OF;
  else
    {
      const char *n = attr (loader, element, "n");
      node->kind = RD_NODE_AT_LEAST;
      node->n = n ? (guint) g_ascii_strtoull (n, NULL, 10) : 0;
    }

  FOREACH_ELEMENT (element, child)
    if (!is_element (child, "cite"))
      g_ptr_array_add (node->children, read_node (loader, child, node, indication));

  if (node->kind == RD_NODE_AT_LEAST && (node->n == 0 || node->n > node->children->len))
    loader_fail (loader, element, RD_POLICY_ERROR_INVALID,
                 _("asks for at least %u of %u criteria, which can never be met: lower n."),
                 node->n, node->children->len);
  return node;
}

/* The one element of an indication that is its criteria tree. */
static xmlNode *
tree_element (xmlNode *indication)
{
  FOREACH_ELEMENT (indication, child)
    if (is_element (child, "all-of") || is_element (child, "any-of")
        || is_element (child, "at-least") || is_element (child, "criterion"))
      return child;
  return NULL;
}

/* The matchers of an <applies>: drugs, routes and diagnosis lists; each list
 * empty when the element or its kind of matcher is absent. */
static void
read_matchers (Loader    *loader,
               xmlNode   *applies,
               char    ***drugs,
               char    ***routes,
               char    ***diagnoses)
{
  GPtrArray *d = g_ptr_array_new (), *r = g_ptr_array_new (), *x = g_ptr_array_new ();

  if (applies != NULL)
    FOREACH_ELEMENT (applies, m)
      {
        if (is_element (m, "drug"))
          g_ptr_array_add (d, (gpointer) text_of (loader, m));
        else if (is_element (m, "route"))
          g_ptr_array_add (r, (gpointer) text_of (loader, m));
        else
          g_ptr_array_add (x, (gpointer) attr (loader, m, "ref"));
      }
  *drugs = steal_strv (loader->policy, d);
  *routes = steal_strv (loader->policy, r);
  if (diagnoses != NULL)
    *diagnoses = steal_strv (loader->policy, x);
  else
    g_ptr_array_unref (x);
}

static void
read_indications (Loader  *loader,
                  xmlNode *node)
{
  RdPolicy *p = loader->policy;

  FOREACH_ELEMENT (node, child)
    {
      RdIndication *ind = _rd_policy_alloc (p, sizeof *ind);
      xmlNode *applies = first_child (child, "applies");

      ind->met = resolve (loader, child, "met", attr (loader, child, "met"), p->outcome_ids, "outcome");
      ind->not_met = resolve (loader, child, "not-met", attr (loader, child, "not-met"), p->outcome_ids, "outcome");
      ind->request_types = request_types (child);
      ind->case_by_case = attr_bool (child, "case-by-case");
      ind->title = child_text (loader, child, "title");
      ind->summary = child_text (loader, child, "summary");
      read_identified (loader, child, p->indication_ids, ind, &ind->id, &ind->line, &ind->cite);

      read_matchers (loader, applies, &ind->drugs, &ind->routes, &ind->diagnoses);

      if (tree_element (child) != NULL)
        ind->root = read_node (loader, tree_element (child), NULL, ind);

      g_ptr_array_add (p->indications, ind);
    }
}

/* ---- exclusions, notes, documentation, codes, rationale --------------- */

static void
read_exclusions (Loader  *loader,
                 xmlNode *node)
{
  RdPolicy *p = loader->policy;

  FOREACH_ELEMENT (node, child)
    {
      RdExclusion *e = _rd_policy_alloc (p, sizeof *e);

      e->outcome = resolve (loader, child, "outcome", attr (loader, child, "outcome"), p->outcome_ids, "outcome");
      e->codes = attr_list (loader, child, "codes");
      e->request_types = request_types (child);
      read_matchers (loader, first_child (child, "applies"), &e->drugs, &e->routes, &e->diagnoses);
      e->text = child_text (loader, child, "text");
      read_identified (loader, child, p->exclusion_ids, e, &e->id, &e->line, &e->cite);
      g_ptr_array_add (p->exclusions, e);
    }
}

static void
read_notes (Loader  *loader,
            xmlNode *node)
{
  static const char * const kinds[] = {
    [RD_NOTE_SAFETY] = "safety", [RD_NOTE_REVIEWER] = "reviewer",
    [RD_NOTE_CASE_BY_CASE] = "case-by-case", [RD_NOTE_SUPPLIES] = "supplies",
    [RD_NOTE_REGULATORY] = "regulatory", [RD_NOTE_BENEFIT] = "benefit",
  };
  RdPolicy *p = loader->policy;

  FOREACH_ELEMENT (node, child)
    {
      RdNote *n = _rd_policy_alloc (p, sizeof *n);
      const char *kind = attr (loader, child, "kind");

      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        if (g_strcmp0 (kind, kinds[i]) == 0)
          n->kind = (RdNoteKind) i;
      n->refers = attr_list (loader, child, "refers");
      n->text = child_text (loader, child, "text");
      read_identified (loader, child, p->note_ids, n, &n->id, &n->line, &n->cite);
      g_ptr_array_add (p->notes, n);
    }
}

static RdDocItem *
read_doc_item (Loader          *loader,
               xmlNode         *element,
               const RdDocItem *parent)
{
  RdPolicy *p = loader->policy;
  RdDocItem *item = _rd_policy_alloc (p, sizeof *item);
  const char *phase = attr (loader, element, "phase");

  item->phase = g_strcmp0 (phase, "post-service") == 0 ? RD_DOC_POST_SERVICE : RD_DOC_PRE_SERVICE;
  item->indications = attr_list (loader, element, "indications");
  item->text = child_text (loader, element, "text");
  item->parent = parent;
  item->children = _rd_policy_new_array (p);
  read_identified (loader, element, p->doc_item_ids, item, &item->id, &item->line, &item->cite);

  FOREACH_ELEMENT (element, child)
    if (is_element (child, "item"))
      g_ptr_array_add (item->children, read_doc_item (loader, child, item));
  return item;
}

static void
read_documentation (Loader  *loader,
                    xmlNode *node)
{
  loader->policy->documentation_intro = child_text (loader, node, "intro");
  FOREACH_ELEMENT (node, child)
    if (is_element (child, "item"))
      g_ptr_array_add (loader->policy->documentation, read_doc_item (loader, child, NULL));
}

static gboolean
check_code (Loader       *loader,
            xmlNode      *node,
            RdCodeSystem  system,
            const char   *code)
{
  g_autoptr(GError) error = NULL;

  if (rd_code_validate (system, code, &error))
    return TRUE;
  return loader_fail (loader, node, RD_POLICY_ERROR_BAD_CODE, "%s %s", error->message,
                      _("Correct the code and keep the source's form in printed=\"…\"."));
}

static void
check_range (Loader       *loader,
             xmlNode      *node,
             RdCodeSystem  system,
             const char   *from,
             const char   *to)
{
  g_autoptr(GError) error = NULL;

  if (!check_code (loader, node, system, from) || !check_code (loader, node, system, to))
    return;
  /* ICD-10-CM ranges keep the printed ends, which may differ in length
   * (E08.00-E08.9); every other system's ends have one length. */
  if (system != RD_CODE_SYSTEM_ICD10_CM && strlen (from) != strlen (to))
    loader_fail (loader, node, RD_POLICY_ERROR_BAD_RANGE,
                 _("the range %s–%s has ends of different lengths: both ends must be %s codes of the same form."),
                 from, to, rd_code_system_to_string (system));
  else if (!rd_code_range_validate (system, from, to, &error))
    loader_fail (loader, node, RD_POLICY_ERROR_BAD_RANGE, "%s %s", error->message,
                 _("Swap from and to."));
}

static void
read_code_list (Loader  *loader,
                xmlNode *child)
{
  RdPolicy *p = loader->policy;
  RdCodeList *list = _rd_policy_alloc (p, sizeof *list);

  if (!rd_code_system_from_string (attr (loader, child, "system"), &list->system))
    loader_fail (loader, child, RD_POLICY_ERROR_INVALID, _("unknown code system."));
  list->disposition = attr (loader, child, "disposition");
  if (g_strcmp0 (list->disposition, "criteria") != 0)
    list->outcome = resolve (loader, child, "disposition", list->disposition, p->outcome_ids, "outcome");
  list->title = child_text (loader, child, "title");
  list->entries = _rd_policy_new_array (p);
  read_identified (loader, child, p->code_list_ids, list, &list->id, &list->line, &list->cite);

  FOREACH_ELEMENT (child, element)
    {
      RdCodeEntry *entry;

      if (!is_element (element, "code") && !is_element (element, "range"))
        continue;
      entry = _rd_policy_alloc (p, sizeof *entry);
      entry->description = text_of (loader, element);
      entry->line = line_of (element);
      if (is_element (element, "code"))
        {
          entry->from = entry->to = attr (loader, element, "value");
          entry->printed = attr (loader, element, "printed");
          entry->qualifier = g_strcmp0 (attr (loader, element, "qualifier"), "replacement") == 0
                             ? RD_CODE_QUALIFIER_REPLACEMENT
                             : attr (loader, element, "qualifier") != NULL
                             ? RD_CODE_QUALIFIER_IMPLANTABLE_PUMP : RD_CODE_QUALIFIER_NONE;
          check_code (loader, element, list->system, entry->from);
        }
      else
        {
          entry->is_range = TRUE;
          entry->from = attr (loader, element, "from");
          entry->to = attr (loader, element, "to");
          check_range (loader, element, list->system, entry->from, entry->to);
        }
      g_ptr_array_add (list->entries, entry);
    }
  g_ptr_array_add (p->code_lists, list);
}

static void
read_summaries (Loader  *loader,
                xmlNode *node)
{
  FOREACH_ELEMENT (node, child)
    {
      RdSummary *s = _rd_policy_alloc (loader->policy, sizeof *s);

      s->refers = attr_list (loader, child, "refers");
      s->title = child_text (loader, child, "title");
      s->text = child_text (loader, child, "text");
      read_identified (loader, child, loader->policy->summary_ids, s, &s->id, &s->line, &s->cite);
      g_ptr_array_add (loader->policy->summaries, s);
    }
}

static void
read_corrections (Loader  *loader,
                  xmlNode *node)
{
  FOREACH_ELEMENT (node, child)
    {
      RdCorrection *c = _rd_policy_alloc (loader->policy, sizeof *c);

      c->refers = attr_list (loader, child, "refers");
      c->text = text_of (loader, child);
      c->line = line_of (child);
      g_ptr_array_add (loader->policy->corrections, c);
    }
}

/* ---- references that point forward in the file ------------------------ */

static void
check_node_references (Loader       *loader,
                       xmlNode      *element,
                       const RdNode *node)
{
  guint i = 0;

  if (node->kind == RD_NODE_CRITERION)
    {
      resolve_all (loader, element, "documents", node->documents, loader->policy->doc_item_ids, "item");
      return;
    }
  FOREACH_ELEMENT (element, child)
    if (!is_element (child, "cite") && i < node->children->len)
      check_node_references (loader, child, g_ptr_array_index (node->children, i++));
}

static void
check_refers (Loader  *loader,
              xmlNode *element,
              char   **refers)
{
  for (guint i = 0; refers[i] && loader->error == NULL; i++)
    if (!g_hash_table_contains (loader->policy->all_ids, refers[i]))
      loader_fail (loader, element, RD_POLICY_ERROR_DANGLING_REFERENCE,
                   _("refers=\"%s\" names no element of this file: use the id of an existing element."),
                   refers[i]);
}

static void
check_doc_references (Loader          *loader,
                      xmlNode         *element,
                      const RdDocItem *item)
{
  guint i = 0;

  resolve_all (loader, element, "indications", item->indications, loader->policy->indication_ids, "indication");
  FOREACH_ELEMENT (element, child)
    if (is_element (child, "item") && i < item->children->len)
      check_doc_references (loader, child, g_ptr_array_index (item->children, i++));
}

/* A <drug> matcher names an ingredient or a class of the drug vocabulary, so
 * that a brand or a synonym in a request matches it. */
static void
check_drugs (Loader  *loader,
             xmlNode *applies,
             char   **drugs)
{
  RdDrugVocabulary *vocabulary = rd_drug_vocabulary_get_default ();
  xmlNode *m = NULL;

  if (applies != NULL)
    m = first_child (applies, "drug");
  for (guint i = 0; drugs[i] && loader->error == NULL; i++, m = m != NULL ? rd_xml_next_element (m, "drug") : NULL)
    if (rd_drug_vocabulary_find_ingredient (vocabulary, drugs[i]) == NULL
        && rd_drug_vocabulary_find_class (vocabulary, drugs[i]) == NULL)
      loader_fail (loader, m ? m : applies, RD_POLICY_ERROR_DANGLING_REFERENCE,
                   _("the drug “%s” is neither an ingredient nor a class of the drug vocabulary: use an id from data/vocabulary/drugs.xml."),
                   drugs[i]);
}

/* Walks the file a second time, element by element beside the records, so an
 * error names the element that holds the bad reference. */
static void
check_forward_references (Loader  *loader,
                          xmlNode *root)
{
  RdPolicy *p = loader->policy;

  FOREACH_ELEMENT (root, section)
    {
      guint i = 0;

      if (is_element (section, "scope"))
        {
          for (guint k = 0; p->scope->purposes[k] && loader->error == NULL; k++)
            if (!rd_drug_vocabulary_knows_purpose (rd_drug_vocabulary_get_default (), p->scope->purposes[k]))
              loader_fail (loader, section, RD_POLICY_ERROR_DANGLING_REFERENCE,
                           _("the purpose “%s” is no purpose of the drug vocabulary’s classes: use one from data/vocabulary/drugs.xml."),
                           p->scope->purposes[k]);
        }
      else if (is_element (section, "conditions"))
        FOREACH_ELEMENT (section, child)
          {
            const RdCondition *c = g_ptr_array_index (p->conditions, i++);
            resolve_all (loader, child, "indications", c->indications, p->indication_ids, "indication");
          }
      else if (is_element (section, "indications"))
        FOREACH_ELEMENT (section, child)
          {
            const RdIndication *ind = g_ptr_array_index (p->indications, i++);
            xmlNode *applies = first_child (child, "applies");

            check_drugs (loader, applies, ind->drugs);

            if (applies != NULL)
              FOREACH_ELEMENT (applies, m)
                if (is_element (m, "diagnoses"))
                  {
                    const RdCodeList *list = resolve (loader, m, "ref", attr (loader, m, "ref"),
                                                      p->code_list_ids, "code-list");
                    if (list != NULL && list->system != RD_CODE_SYSTEM_ICD10_CM)
                      loader_fail (loader, m, RD_POLICY_ERROR_INVALID,
                                   _("names the %s list “%s”: diagnoses must name an ICD-10-CM code list."),
                                   rd_code_system_to_string (list->system), list->id);
                  }
            if (ind->root != NULL)
              check_node_references (loader, tree_element (child), ind->root);
          }
      else if (is_element (section, "exclusions"))
        FOREACH_ELEMENT (section, child)
          {
            const RdExclusion *e = g_ptr_array_index (p->exclusions, i++);
            resolve_all (loader, child, "codes", e->codes, p->code_list_ids, "code-list");
            resolve_all (loader, child, "diagnoses", e->diagnoses, p->code_list_ids, "code-list");
            check_drugs (loader, first_child (child, "applies"), e->drugs);
          }
      else if (is_element (section, "notes"))
        FOREACH_ELEMENT (section, child)
          check_refers (loader, child, ((const RdNote *) g_ptr_array_index (p->notes, i++))->refers);
      else if (is_element (section, "documentation"))
        FOREACH_ELEMENT (section, child)
          {
            if (is_element (child, "item"))
              check_doc_references (loader, child, g_ptr_array_index (p->documentation, i++));
          }
      else if (is_element (section, "rationale"))
        FOREACH_ELEMENT (section, child)
          check_refers (loader, child, ((const RdSummary *) g_ptr_array_index (p->summaries, i++))->refers);
      else if (is_element (section, "corrections"))
        FOREACH_ELEMENT (section, child)
          check_refers (loader, child, ((const RdCorrection *) g_ptr_array_index (p->corrections, i++))->refers);
    }
}

/* ---- entry point ------------------------------------------------------ */

static void
read_policy (Loader  *loader,
             xmlNode *root)
{
  loader->policy->id = attr (loader, root, "id");

  FOREACH_ELEMENT (root, section)
    {
      if (is_element (section, "identity"))
        read_identity (loader, section);
      else if (is_element (section, "outcomes"))
        read_outcomes (loader, section);
      else if (is_element (section, "scope"))
        read_scope (loader, section);
      else if (is_element (section, "request-types"))
        read_request_rules (loader, section);
      else if (is_element (section, "definitions"))
        read_definitions (loader, section);
      else if (is_element (section, "conditions"))
        read_conditions (loader, section);
      else if (is_element (section, "indications"))
        read_indications (loader, section);
      else if (is_element (section, "exclusions"))
        read_exclusions (loader, section);
      else if (is_element (section, "notes"))
        read_notes (loader, section);
      else if (is_element (section, "documentation"))
        read_documentation (loader, section);
      else if (is_element (section, "codes"))
        FOREACH_ELEMENT (section, list)
          read_code_list (loader, list);
      else if (is_element (section, "rationale"))
        read_summaries (loader, section);
      else if (is_element (section, "corrections"))
        read_corrections (loader, section);
    }
  if (loader->error == NULL)
    check_forward_references (loader, root);
}

gboolean
_rd_policy_load (RdPolicy    *self,
                 GBytes      *bytes,
                 const char  *filename,
                 GError     **error)
{
  Loader loader = { self, filename, NULL };
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  xmlDoc *doc;

  xmlInitParser ();
  doc = parse_safely (&loader, data, length);
  if (doc != NULL && validate_schema (&loader, doc))
    read_policy (&loader, xmlDocGetRootElement (doc));
  if (doc != NULL)
    xmlFreeDoc (doc);

  if (loader.error != NULL)
    {
      g_propagate_error (error, loader.error);
      return FALSE;
    }

  self->filename = g_strdup (filename);
  self->bytes = g_bytes_ref (bytes);
  self->hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return TRUE;
}
