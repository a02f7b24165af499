/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* JSON output of reviewdesk-tool: pretty-printed, one member per call, member
 * names and structure fixed (scripts read them; data/JSON-FORMATS.md). */

void rd_tool_json_string  (JsonBuilder *out,
                           const char  *name,
                           const char  *value);
void rd_tool_json_boolean (JsonBuilder *out,
                           const char  *name,
                           gboolean     value);
void rd_tool_json_uint    (JsonBuilder *out,
                           const char  *name,
                           guint        value);
void rd_tool_json_number  (JsonBuilder *out,
                           const char  *name,
                           double       value,
                           gboolean     defined);
void rd_tool_json_strings (JsonBuilder *out,
                           const char  *name,
                           GPtrArray   *values);
void rd_tool_json_print   (JsonBuilder *out);

G_END_DECLS
