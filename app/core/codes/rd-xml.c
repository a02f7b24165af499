/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <string.h>

#include "rd-xml.h"

/* Reading XML that may come from anywhere (an example someone e-mailed, a policy
 * file from a shared drive).  A document type declaration is refused as soon as
 * the parser meets it, before any entity is declared, so neither external
 * entities (XXE) nor entity expansion bombs can do anything; the network is off
 * as well. */

G_DEFINE_QUARK (rd-xml-error-quark, rd_xml_error)

static void
refuse_doctype (void          *ctx,
                const xmlChar *name,
                const xmlChar *external_id,
                const xmlChar *system_id)
{
  xmlParserCtxt *ctxt = ctx;

  ctxt->_private = GINT_TO_POINTER (TRUE);
  xmlStopParser (ctxt);
}

static char *
strip_message (const char *message)
{
  return g_strstrip (g_strdup (message ? message : _("unknown error")));
}

/* ---- limits, before parsing ------------------------------------------- */

typedef struct {
  const char *p;
  const char *end;
  const char *name;
  guint       line;
  guint       elements;
  guint       depth;
} Scan;

/* @format has the file (%s), the line (%u) and the limit (%u), in that order. */
static gboolean
over_limit (Scan        *scan,
            GError     **error,
            const char  *format,
            guint        limit)
{
  g_autofree char *what = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  what = g_strdup_printf (format, scan->name, scan->line, limit);
#pragma GCC diagnostic pop
  g_set_error (error, RD_XML_ERROR, RD_XML_ERROR_LIMIT, "%s %s", what,
               _("The file was not read: check where it came from and ask its author for a corrected file."));
  return FALSE;
}

/* Moves past @token (counting lines); FALSE at the end of the data. */
static gboolean
skip_past (Scan       *scan,
           const char *token)
{
  gsize n = strlen (token);

  for (; scan->p + n <= scan->end; scan->p++)
    {
      if (memcmp (scan->p, token, n) == 0)
        {
          scan->p += n;
          return TRUE;
        }
      if (*scan->p == '\n')
        scan->line++;
    }
  scan->p = scan->end;
  return FALSE;
}

static gboolean
has_prefix (Scan       *scan,
            const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (scan->end - scan->p) >= n && memcmp (scan->p, prefix, n) == 0;
}

/* A start tag, from just past its '<' to just past its '>'. Every attribute
 * has one '=' outside quoted values, so counting those counts attributes. */
static gboolean
scan_start_tag (Scan    *scan,
                GError **error)
{
  guint attributes = 0;
  gsize value_length = 0;
  char quote = 0;
  char last = 0;

  if (++scan->elements > RD_XML_MAX_ELEMENTS)
    return over_limit (scan, error, _("%s, line %u: the document has more than %u elements, the most ReviewDesk reads."), RD_XML_MAX_ELEMENTS);
  if (++scan->depth > RD_XML_MAX_DEPTH)
    return over_limit (scan, error, _("%s, line %u: elements are nested more than %u deep, the most ReviewDesk reads."), RD_XML_MAX_DEPTH);

  for (; scan->p < scan->end; scan->p++)
    {
      char c = *scan->p;

      if (c == '\n')
        scan->line++;
      if (quote != 0)
        {
          if (c == quote)
            quote = 0;
          else if (++value_length > RD_XML_MAX_TEXT_LENGTH)
            return over_limit (scan, error, _("%s, line %u: an attribute value is longer than %u bytes, the most ReviewDesk reads."),
                               RD_XML_MAX_TEXT_LENGTH);
          continue;
        }
      if (c == '"' || c == '\'')
        {
          quote = c;
          value_length = 0;
        }
      else if (c == '=' && ++attributes > RD_XML_MAX_ATTRIBUTES)
        return over_limit (scan, error, _("%s, line %u: an element has more than %u attributes, the most ReviewDesk reads."), RD_XML_MAX_ATTRIBUTES);
      else if (c == '>')
        {
          scan->p++;
          if (last == '/')
            scan->depth--;
          return TRUE;
        }
      if (!g_ascii_isspace (c))
        last = c;
    }
  return TRUE;
}

/**
 * rd_xml_check_limits:
 * @name: the file name to put in messages
 *
 * Checks, in one pass over the bytes and before any parsing, that @data stays
 * within %RD_XML_MAX_ATTRIBUTES, %RD_XML_MAX_ELEMENTS, %RD_XML_MAX_DEPTH and
 * %RD_XML_MAX_TEXT_LENGTH. The pass follows XML's lexical rules (comments,
 * CDATA, processing instructions, quoted attribute values), so on a
 * well-formed document it counts what libxml2 would build; a document it
 * misreads is not well-formed and libxml2 refuses it.
 *
 * Returns: %TRUE when the document is within the limits, or %FALSE with
 *   @error set (%RD_XML_ERROR_LIMIT)
 */
gboolean
rd_xml_check_limits (const char  *data,
                     gsize        size,
                     const char  *name,
                     GError     **error)
{
  Scan scan = { data, data, name, 1, 0, 0 };
  gsize text = 0;

  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (size == 0)
    return TRUE;  /* and data may be NULL, to which no offset may be added */
  scan.end = data + size;

  while (scan.p < scan.end)
    {
      if (*scan.p != '<')
        {
          if (*scan.p == '\n')
            scan.line++;
          if (++text > RD_XML_MAX_TEXT_LENGTH)
            return over_limit (&scan, error, _("%s, line %u: a text is longer than %u bytes, the most ReviewDesk reads."), RD_XML_MAX_TEXT_LENGTH);
          scan.p++;
          continue;
        }
      if (has_prefix (&scan, "<![CDATA["))
        {
          const char *start = scan.p;

          skip_past (&scan, "]]>");
          text += scan.p - start;
          if (text > RD_XML_MAX_TEXT_LENGTH)
            return over_limit (&scan, error, _("%s, line %u: a text is longer than %u bytes, the most ReviewDesk reads."), RD_XML_MAX_TEXT_LENGTH);
          continue;
        }
      text = 0;
      if (has_prefix (&scan, "<!--"))
        skip_past (&scan, "-->");
      else if (has_prefix (&scan, "<?"))
        skip_past (&scan, "?>");
      else if (has_prefix (&scan, "</"))
        {
          if (scan.depth > 0)
            scan.depth--;
          skip_past (&scan, ">");
        }
      else if (has_prefix (&scan, "<!"))
        skip_past (&scan, ">");  /* a DOCTYPE: refused when parsed */
      else
        {
          scan.p++;
          if (!scan_start_tag (&scan, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * rd_xml_init:
 *
 * Initialises libxml2. Call it on the main thread before workers parse XML
 * (the examples, the policies for the worklist and for a case are read on
 * workers at the same time): libxml2 2.9 sets itself up on first use without
 * a lock, so two threads using it first at once corrupt its state.
 */
void
rd_xml_init (void)
{
  xmlInitParser ();
}

/**
 * rd_xml_read_memory:
 * @name: the file name to put in messages
 *
 * Parses untrusted XML: no DTD, no entities, no network.
 *
 * Returns: (transfer full): the document, or %NULL with @error set.
 */
xmlDoc *
rd_xml_read_memory (const char  *data,
                    gsize        size,
                    const char  *name,
                    GError     **error)
{
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  gboolean had_doctype;

  g_return_val_if_fail (data != NULL || size == 0, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (size > G_MAXINT)
    {
      g_set_error (error, RD_XML_ERROR, RD_XML_ERROR_TOO_LARGE,
                   _("%s is too large to read."), name);
      return NULL;
    }

  if (!rd_xml_check_limits (data, size, name, error))
    return NULL;

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("out of memory");
  ctxt->sax->internalSubset = refuse_doctype;
  ctxt->_private = GINT_TO_POINTER (FALSE);

  doc = xmlCtxtReadMemory (ctxt, data, (int) size, name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA);
  had_doctype = GPOINTER_TO_INT (ctxt->_private);

  if (had_doctype)
    {
      g_set_error (error, RD_XML_ERROR, RD_XML_ERROR_DOCTYPE,
                   _("%s has a document type declaration (<!DOCTYPE>), which ReviewDesk does not accept; remove it."),
                   name);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  else if (doc == NULL || !ctxt->wellFormed)
    {
      const xmlError *err = xmlCtxtGetLastError (ctxt);
      g_autofree char *message = strip_message (err ? err->message : NULL);

      g_set_error (error, RD_XML_ERROR, RD_XML_ERROR_MALFORMED,
                   _("%s, line %d: not well-formed XML: %s"),
                   name, err ? err->line : 0, message);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  xmlFreeParserCtxt (ctxt);
  return doc;
}

/**
 * rd_xml_read_file:
 * @max_size: the largest file accepted, in bytes
 *
 * Reads and parses an untrusted XML file (see rd_xml_read_memory()).
 *
 * Returns: (transfer full): the document, or %NULL with @error set.
 */
xmlDoc *
rd_xml_read_file (const char  *path,
                  gsize        max_size,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GError *local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, RD_XML_ERROR, RD_XML_ERROR_READ,
                   _("%s cannot be read: %s"), path, local_error->message);
      g_error_free (local_error);
      return NULL;
    }
  if (length > max_size)
    {
      g_set_error (error, RD_XML_ERROR, RD_XML_ERROR_TOO_LARGE,
                   _("%s is %zu bytes; files larger than %zu bytes are not read."),
                   path, length, max_size);
      return NULL;
    }
  return rd_xml_read_memory (contents, length, path, error);
}

typedef struct {
  char *message;
  char *element;
  int   line;
} FirstError;

static void
keep_first_error (void            *data,
                  xmlError        *err)
{
  FirstError *first = data;

  if (first->message != NULL || err == NULL)
    return;
  first->message = strip_message (err->message);
  first->line = err->node ? xmlGetLineNo ((xmlNode *) err->node) : err->line;
  /* Messages such as "Error validating value" do not say where; name the element
   * unless the message already does. */
  if (err->node != NULL && ((xmlNode *) err->node)->type == XML_ELEMENT_NODE &&
      strstr (first->message, "Element ") == NULL)
    first->element = g_strdup ((const char *) ((xmlNode *) err->node)->name);
}

/**
 * rd_xml_validate:
 * @schema: a RELAX NG grammar compiled into ReviewDesk
 * @name: the document's file name, for messages
 *
 * Returns: %TRUE if @doc matches the grammar; otherwise the first mismatch,
 *   with its line, is in @error.
 */
gboolean
rd_xml_validate (xmlDoc      *doc,
                 GBytes      *schema_bytes,
                 const char  *name,
                 GError     **error)
{
  xmlRelaxNGParserCtxt *parser;
  xmlRelaxNG *schema;
  xmlRelaxNGValidCtxt *valid;
  FirstError first = { NULL, NULL, 0 };
  int result;

  g_return_val_if_fail (doc != NULL, FALSE);
  g_return_val_if_fail (schema_bytes != NULL, FALSE);
  g_return_val_if_fail (g_bytes_get_size (schema_bytes) <= G_MAXINT, FALSE);

  parser = xmlRelaxNGNewMemParserCtxt (g_bytes_get_data (schema_bytes, NULL),
                                       (int) g_bytes_get_size (schema_bytes));
  xmlRelaxNGSetParserStructuredErrors (parser, keep_first_error, &first);
  schema = xmlRelaxNGParse (parser);
  xmlRelaxNGFreeParserCtxt (parser);
  if (schema == NULL)
    {
      /* A grammar compiled into the program that does not parse is a bug. */
      g_critical ("A compiled-in RELAX NG grammar does not load: %s",
                  first.message ? first.message : "unknown error");
      g_set_error_literal (error, RD_XML_ERROR, RD_XML_ERROR_READ,
                           _("The grammar compiled into ReviewDesk cannot be loaded; reinstall ReviewDesk."));
      g_free (first.message);
      g_free (first.element);
      return FALSE;
    }
  g_clear_pointer (&first.message, g_free);
  g_clear_pointer (&first.element, g_free);

  valid = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (valid, keep_first_error, &first);
  result = xmlRelaxNGValidateDoc (valid, doc);
  xmlRelaxNGFreeValidCtxt (valid);
  xmlRelaxNGFree (schema);

  if (result != 0)
    {
      if (first.element != NULL)
        g_set_error (error, RD_XML_ERROR, RD_XML_ERROR_INVALID,
                     _("%s, line %d, element <%s>: %s"), name, first.line, first.element,
                     first.message ? first.message : _("does not match its grammar"));
      else
        g_set_error (error, RD_XML_ERROR, RD_XML_ERROR_INVALID,
                     _("%s, line %d: %s"), name, first.line,
                     first.message ? first.message : _("does not match its grammar"));
      g_free (first.message);
      g_free (first.element);
      return FALSE;
    }
  return TRUE;
}

/**
 * rd_xml_get_text:
 *
 * Returns: (transfer full): the text of @node with runs of white space
 *   collapsed to one space and the ends trimmed, as a reader sees it.
 */
char *
rd_xml_get_text (xmlNode *node)
{
  xmlChar *raw;
  GString *out;
  gboolean space = FALSE;

  g_return_val_if_fail (node != NULL, NULL);

  raw = xmlNodeGetContent (node);
  out = g_string_new (NULL);
  for (const char *p = (const char *) raw; p && *p; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  xmlFree (raw);
  return g_string_free (out, FALSE);
}

/**
 * rd_xml_get_prop:
 *
 * Returns: (transfer full) (nullable): the attribute's value as a GLib string.
 */
char *
rd_xml_get_prop (xmlNode    *node,
                 const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE &&
         (name == NULL || strcmp ((const char *) node->name, name) == 0);
}

/**
 * rd_xml_first_element:
 * @name: (nullable): the element name, or %NULL for any element
 *
 * Returns: (nullable): the first child element of @parent called @name.
 */
xmlNode *
rd_xml_first_element (xmlNode    *parent,
                      const char *name)
{
  for (xmlNode *child = parent ? parent->children : NULL; child; child = child->next)
    if (is_element (child, name))
      return child;
  return NULL;
}

/**
 * rd_xml_next_element:
 * @name: (nullable): the element name, or %NULL for any element
 *
 * Returns: (nullable): the next sibling element of @node called @name.
 */
xmlNode *
rd_xml_next_element (xmlNode    *node,
                     const char *name)
{
  for (xmlNode *next = node ? node->next : NULL; next; next = next->next)
    if (is_element (next, name))
      return next;
  return NULL;
}
