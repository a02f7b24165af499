/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-json.h"

G_DEFINE_QUARK (rd-json-error-quark, rd_json_error)

static const RdJsonLimits default_limits = {
  RD_JSON_MAX_FILE_SIZE, RD_JSON_MAX_DEPTH, RD_JSON_MAX_STRING, RD_JSON_MAX_ARRAY,
};

/* Nesting is counted on the text before the parser sees it: a deeply nested
 * document is refused without being built. */
static gboolean
check_depth (const char          *data,
             gsize                length,
             const RdJsonLimits  *limits,
             GError             **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > limits->max_depth)
            {
              g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TOO_LARGE,
                           _("The JSON is nested deeper than %d levels."), (int) limits->max_depth);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  return TRUE;
}

static gboolean
check_node (JsonNode            *node,
            const char          *path,
            const RdJsonLimits  *limits,
            GError             **error)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *child = g_strdup_printf ("%s.%s", path, name);
            if (strlen (name) > limits->max_string)
              {
                g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TOO_LARGE,
                             _("%s: a member name is longer than %d bytes."), path, (int) limits->max_string);
                return FALSE;
              }
            if (!check_node (member, child, limits, error))
              return FALSE;
          }
        return TRUE;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        if (n > limits->max_array)
          {
            g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TOO_LARGE,
                         _("%s: the array has %u items; at most %d are accepted."), path, n, (int) limits->max_array);
            return FALSE;
          }
        for (guint i = 0; i < n; i++)
          {
            g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);
            if (!check_node (json_array_get_element (array, i), child, limits, error))
              return FALSE;
          }
        return TRUE;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING &&
          strlen (json_node_get_string (node)) > limits->max_string)
        {
          g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TOO_LARGE,
                       _("%s: the text is longer than %d bytes."), path, (int) limits->max_string);
          return FALSE;
        }
      return TRUE;
    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

/**
 * rd_json_check_limits:
 *
 * Refuses a document with an array or a string over its limit (nesting is
 * checked on the text by rd_json_load_data()).
 */
gboolean
rd_json_check_limits (JsonNode  *root,
                      GError   **error)
{
  g_return_val_if_fail (root != NULL, FALSE);
  return check_node (root, "$", &default_limits, error);
}

/**
 * rd_json_load_data:
 *
 * Returns: (transfer full) (nullable): the document, its limits checked
 */
JsonNode *
rd_json_load_data (const char  *data,
                   gssize       length,
                   GError     **error)
{
  return rd_json_load_data_within (data, length, &default_limits, error);
}

/**
 * rd_json_load_data_within:
 *
 * rd_json_load_data() with other limits.
 *
 * Returns: (transfer full) (nullable): the document, its limits checked
 */
JsonNode *
rd_json_load_data_within (const char          *data,
                          gssize               length,
                          const RdJsonLimits  *limits,
                          GError             **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local = NULL;
  gsize size = length < 0 ? strlen (data) : (gsize) length;
  JsonNode *root;

  if (size > limits->max_file_size)
    {
      g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TOO_LARGE,
                   _("The JSON is larger than %d bytes: it is not read."), (int) limits->max_file_size);
      return NULL;
    }
  if (!check_depth (data, size, limits, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data, size, &local))
    {
      g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_SYNTAX, _("Not valid JSON: %s"), local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, RD_JSON_ERROR, RD_JSON_ERROR_SYNTAX, _("Not valid JSON: the file is empty."));
      return NULL;
    }
  if (!check_node (root, "$", limits, error))
    return NULL;
  return json_node_ref (root);
}

/**
 * rd_json_load_file:
 *
 * Reads @path as rd_json_load_data() does, refusing a file over
 * %RD_JSON_MAX_FILE_SIZE before reading it. Messages name the file.
 *
 * Returns: (transfer full) (nullable): the document
 */
JsonNode *
rd_json_load_file (const char  *path,
                   GError     **error)
{
  return rd_json_load_file_within (path, &default_limits, error);
}

/**
 * rd_json_load_file_within:
 *
 * rd_json_load_file() with other limits.
 *
 * Returns: (transfer full) (nullable): the document
 */
JsonNode *
rd_json_load_file_within (const char          *path,
                          const RdJsonLimits  *limits,
                          GError             **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  gsize length;
  JsonNode *root;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if ((guint64) g_file_info_get_size (info) > limits->max_file_size)
    {
      g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TOO_LARGE,
                   _("“%s” is larger than %d bytes: it is not read."), path, (int) limits->max_file_size);
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, error))
    return NULL;
  root = rd_json_load_data_within (data, length, limits, &local);
  if (root == NULL)
    g_set_error (error, local->domain, local->code, "%s: %s", path, local->message);
  return root;
}

gboolean
rd_json_check_members (JsonObject          *object,
                       const char          *path,
                       const char * const  *known,
                       GError             **error)
{
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, NULL))
    if (!g_strv_contains (known, name))
      {
        /* TRANSLATORS: a JSON path such as $.codes.cptt */
        g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_UNKNOWN_MEMBER, _("%s.%s: unknown member"), path, name);
        return FALSE;
      }
  return TRUE;
}

JsonObject *
rd_json_get_object (JsonNode    *node,
                    const char  *path,
                    GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TYPE, _("%s: an object is expected."), path);
      return NULL;
    }
  return json_node_get_object (node);
}

gboolean
rd_json_get_string (JsonObject   *object,
                    const char   *path,
                    const char   *member,
                    const char  **value,
                    GError      **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, RD_JSON_ERROR, RD_JSON_ERROR_TYPE, _("%s.%s: a string is expected."), path, member);
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}
