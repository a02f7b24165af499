/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/*
 * Reading JSON that comes from outside (a request, a reviewer's answers) with
 * limits checked before any work: a file of at most RD_JSON_MAX_FILE_SIZE
 * bytes, nested at most RD_JSON_MAX_DEPTH deep, strings of at most
 * RD_JSON_MAX_STRING bytes, arrays of at most RD_JSON_MAX_ARRAY items.
 * Messages name the JSON path ($.codes.cpt[2]) of what is wrong.
 */

#define RD_JSON_MAX_FILE_SIZE (1024 * 1024)
#define RD_JSON_MAX_DEPTH     8
#define RD_JSON_MAX_STRING    4096
#define RD_JSON_MAX_ARRAY     64

#define RD_JSON_ERROR (rd_json_error_quark ())
GQuark rd_json_error_quark (void);

typedef enum {
  RD_JSON_ERROR_TOO_LARGE,       /* file, nesting, string or array over its limit */
  RD_JSON_ERROR_SYNTAX,          /* not JSON */
  RD_JSON_ERROR_UNKNOWN_MEMBER,  /* a member the format does not have */
  RD_JSON_ERROR_TYPE,            /* a member of the wrong type */
  RD_JSON_ERROR_VALUE,           /* a value the format does not allow */
} RdJsonError;

JsonNode   *rd_json_load_file     (const char   *path,
                                   GError      **error);
JsonNode   *rd_json_load_data     (const char   *data,
                                   gssize        length,
                                   GError      **error);
gboolean    rd_json_check_limits  (JsonNode     *root,
                                   GError      **error);

/* Other limits, for a format whose files are larger than a request's (an
 * organisation's trust file lists thousands of certificates). */
typedef struct {
  gsize max_file_size;
  guint max_depth;
  gsize max_string;
  guint max_array;
} RdJsonLimits;

JsonNode   *rd_json_load_file_within (const char          *path,
                                      const RdJsonLimits  *limits,
                                      GError             **error);
JsonNode   *rd_json_load_data_within (const char          *data,
                                      gssize               length,
                                      const RdJsonLimits  *limits,
                                      GError             **error);

/* Refuses a member of @object not in the NULL-terminated @known. */
gboolean    rd_json_check_members (JsonObject          *object,
                                   const char          *path,
                                   const char * const  *known,
                                   GError             **error);
/* The object at @node, or NULL with an error naming @path. */
JsonObject *rd_json_get_object    (JsonNode     *node,
                                   const char   *path,
                                   GError      **error);
/* A string member: TRUE with *value NULL when absent or null; FALSE when
 * not a string. */
gboolean    rd_json_get_string    (JsonObject   *object,
                                   const char   *path,
                                   const char   *member,
                                   const char  **value,
                                   GError      **error);

G_END_DECLS
