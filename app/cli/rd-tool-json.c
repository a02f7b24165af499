/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-tool.h"
#include "rd-tool-json.h"

/* @value may be %NULL: the member is then null. */
void
rd_tool_json_string (JsonBuilder *out,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (out, name);
  if (value != NULL)
    json_builder_add_string_value (out, value);
  else
    json_builder_add_null_value (out);
}

void
rd_tool_json_boolean (JsonBuilder *out,
                      const char  *name,
                      gboolean     value)
{
  json_builder_set_member_name (out, name);
  json_builder_add_boolean_value (out, value);
}

void
rd_tool_json_uint (JsonBuilder *out,
                   const char  *name,
                   guint        value)
{
  json_builder_set_member_name (out, name);
  json_builder_add_int_value (out, value);
}

/* A number, or null when it is not @defined (never NaN, which JSON lacks). */
void
rd_tool_json_number (JsonBuilder *out,
                     const char  *name,
                     double       value,
                     gboolean     defined)
{
  json_builder_set_member_name (out, name);
  if (defined)
    json_builder_add_double_value (out, value);
  else
    json_builder_add_null_value (out);
}

void
rd_tool_json_strings (JsonBuilder *out,
                      const char  *name,
                      GPtrArray   *values)
{
  json_builder_set_member_name (out, name);
  json_builder_begin_array (out);
  for (guint i = 0; i < values->len; i++)
    json_builder_add_string_value (out, values->pdata[i]);
  json_builder_end_array (out);
}

void
rd_tool_json_print (JsonBuilder *out)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (out);
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  rd_tool_print (stdout, "%s\n", text);
}
