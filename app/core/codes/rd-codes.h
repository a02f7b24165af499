/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RdCodeSystem:
 * The code systems a request and a policy speak.
 */
typedef enum {
  RD_CODE_SYSTEM_CPT,
  RD_CODE_SYSTEM_HCPCS,
  RD_CODE_SYSTEM_ICD10_PCS,
  RD_CODE_SYSTEM_ICD10_CM,
} RdCodeSystem;

#define RD_CODE_ERROR (rd_code_error_quark ())
GQuark rd_code_error_quark (void);

typedef enum {
  RD_CODE_ERROR_EMPTY,
  RD_CODE_ERROR_FORMAT,
  RD_CODE_ERROR_RANGE,
} RdCodeError;

gboolean      rd_code_system_from_string (const char    *name,
                                          RdCodeSystem  *system);
const char   *rd_code_system_to_string   (RdCodeSystem   system);
gboolean      rd_code_validate           (RdCodeSystem   system,
                                          const char    *code,
                                          GError       **error);
char         *rd_code_normalize          (const char    *code);
gboolean      rd_code_range_validate     (RdCodeSystem   system,
                                          const char    *from,
                                          const char    *to,
                                          GError       **error);
gboolean      rd_code_in_range           (const char    *code,
                                          const char    *from,
                                          const char    *to);
gboolean      rd_code_in_pcs_range       (const char    *code,
                                          const char    *from,
                                          const char    *to);

G_END_DECLS
