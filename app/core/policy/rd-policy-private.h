/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rd-policy.h"

G_BEGIN_DECLS

/* The loader (rd-policy-loader.c) fills an RdPolicy that nobody else has seen
 * yet; after _rd_policy_load() returns it is never modified again. */
struct _RdPolicy {
  GObject       parent_instance;

  char         *filename;
  GBytes       *bytes;
  char         *hash;

  /* storage: every string of every record, and every block (records, string
   * arrays) and GPtrArray the records point to */
  GStringChunk *strings;
  GPtrArray    *blocks;
  GPtrArray    *arrays;

  const char   *id;
  const char   *payer;
  char        **payer_aliases;
  const char   *number;
  const char   *title;
  const char   *original;
  const char   *effective;
  const char   *revised;
  const char   *published;
  const char   *source_file;
  const char   *source_title;
  const char   *documentation_intro;
  RdScope      *scope;
  GPtrArray    *request_rules;

  GPtrArray    *outcomes;
  GPtrArray    *thresholds;
  GPtrArray    *definitions;
  GPtrArray    *conditions;
  GPtrArray    *indications;
  GPtrArray    *exclusions;
  GPtrArray    *notes;
  GPtrArray    *documentation;
  GPtrArray    *code_lists;
  GPtrArray    *summaries;
  GPtrArray    *corrections;

  /* id -> record, one table per kind; all_ids: every id -> its xmlNode line */
  GHashTable   *outcome_ids;
  GHashTable   *threshold_ids;
  GHashTable   *definition_ids;
  GHashTable   *condition_ids;
  GHashTable   *indication_ids;
  GHashTable   *node_ids;
  GHashTable   *exclusion_ids;
  GHashTable   *note_ids;
  GHashTable   *doc_item_ids;
  GHashTable   *code_list_ids;
  GHashTable   *summary_ids;
  GHashTable   *all_ids;
};

gboolean  _rd_policy_load        (RdPolicy    *self,
                                  GBytes      *bytes,
                                  const char  *filename,
                                  GError     **error);
gpointer  _rd_policy_alloc       (RdPolicy    *self,
                                  gsize        size);
GPtrArray *_rd_policy_new_array  (RdPolicy    *self);
char      *_rd_policy_collapse   (const char  *text,
                                  gboolean     strip_markdown);
const char *_rd_policy_intern    (RdPolicy    *self,
                                  const char  *text);

G_END_DECLS
