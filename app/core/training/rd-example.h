/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rd-case-file.h"
#include "rd-policy.h"
#include "rd-request.h"
#include "rd-types.h"

G_BEGIN_DECLS

/* The PDF keywords of every record of an example: this prefix and the example's id. */
#define RD_EXAMPLE_PDF_KEYWORD_PREFIX "reviewdesk-example:"

#define RD_EXAMPLE_ERROR (rd_example_error_quark ())
GQuark rd_example_error_quark (void);

/**
 * RdExampleError:
 * @RD_EXAMPLE_ERROR_READ: the example cannot be read or parsed safely
 * @RD_EXAMPLE_ERROR_INVALID: it does not match data/examples/example.rng
 * @RD_EXAMPLE_ERROR_INCONSISTENT: it matches the grammar but its content is wrong
 *   (a duplicate record, an invalid request field, a key for a criterion the
 *   policy does not have)
 * @RD_EXAMPLE_ERROR_RENDER: a record could not be laid out as PDF
 * @RD_EXAMPLE_ERROR_NOT_FOUND: no bundled example has that id
 */
typedef enum {
  RD_EXAMPLE_ERROR_READ,
  RD_EXAMPLE_ERROR_INVALID,
  RD_EXAMPLE_ERROR_INCONSISTENT,
  RD_EXAMPLE_ERROR_RENDER,
  RD_EXAMPLE_ERROR_NOT_FOUND,
} RdExampleError;

/**
 * RdExampleIndicationKey:
 * @indication_id: an indication of the policy that applies to the case
 * @result: "met", "not-met" or "pend"
 */
typedef struct {
  char *indication_id;
  char *result;
} RdExampleIndicationKey;

/**
 * RdExampleKey:
 * @policy_id: the policy, e.g. "bsc-7.01.41"
 * @governs: whether the policy governs the request at all
 * @outcome: (nullable): the expected outcome: an outcome id of the policy, or
 *   "pend" when documentation is missing; %NULL when the policy does not govern
 * @note: the teaching note for the whole policy
 * @conditions: condition id → expected answer (GINT_TO_POINTER of an #RdScore:
 *   met = yes, not met = no)
 * @indications: (element-type RdExampleIndicationKey): the applicable indications
 * @scores: criterion id → expected #RdScore (GINT_TO_POINTER)
 * @teaching: criterion id → teaching note
 * @documentation: documentation item id → "present", "missing" or "not-applicable"
 * @condition_teaching: condition id → the teaching note of its answer
 * @documentation_teaching: documentation item id → the teaching note of its status
 *
 * The trainer's reference key for one policy. Read-only.
 */
typedef struct {
  char       *policy_id;
  gboolean    governs;
  char       *outcome;
  char       *note;
  GHashTable *conditions;
  GPtrArray  *indications;
  GHashTable *scores;
  GHashTable *teaching;
  GHashTable *documentation;
  GHashTable *condition_teaching;
  GHashTable *documentation_teaching;
} RdExampleKey;

#define RD_TYPE_EXAMPLE (rd_example_get_type ())
G_DECLARE_FINAL_TYPE (RdExample, rd_example, RD, EXAMPLE, GObject)

RdExample          *rd_example_load               (const char  *path,
                                                   GError     **error);
const char         *rd_example_get_path           (RdExample   *self);
const char         *rd_example_get_id             (RdExample   *self);
const char         *rd_example_get_title          (RdExample   *self);
const char         *rd_example_get_summary        (RdExample   *self);
const RdRequest    *rd_example_get_request        (RdExample   *self);
GTimeSpan           rd_example_get_received_age   (RdExample   *self);
RdRequest          *rd_example_make_request       (RdExample   *self,
                                                   GDateTime   *now);

guint               rd_example_get_n_records      (RdExample   *self);
const char         *rd_example_get_record_id      (RdExample   *self,
                                                   guint        index);
const char         *rd_example_get_record_file    (RdExample   *self,
                                                   guint        index);
const char         *rd_example_get_record_title   (RdExample   *self,
                                                   guint        index);
GBytes             *rd_example_render_record      (RdExample   *self,
                                                   guint        index,
                                                   GError     **error);
GBytes             *rd_example_get_record_pdf     (RdExample   *self,
                                                   guint        index,
                                                   GError     **error);

GPtrArray          *rd_example_get_keys           (RdExample   *self);
const RdExampleKey *rd_example_get_key            (RdExample   *self,
                                                   const char  *policy_id);
gboolean            rd_example_check_policies     (RdExample   *self,
                                                   GPtrArray   *policies,
                                                   GError     **error);
GHashTable         *rd_example_key_get_scores     (const RdExampleKey *key);

char               *rd_example_get_bundled_dir    (void);
GStrv               rd_example_list_bundled       (void);

gboolean            rd_example_instantiate        (const char  *example_path,
                                                   const char  *case_path,
                                                   GError     **error);
char               *rd_example_identify_case      (RdCaseFile  *cf,
                                                   GError     **error);
void                rd_example_load_for_case_async  (RdCaseFile          *cf,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
RdExample          *rd_example_load_for_case_finish (GAsyncResult        *result,
                                                     GError             **error);
char               *rd_example_find_bundled       (const char  *example_id,
                                                   GError     **error);

G_END_DECLS
