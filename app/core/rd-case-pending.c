/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Parts of the RdCaseFile API whose implementation is still to come: they
 * fail with RD_CASE_FILE_ERROR_INVALID so callers can be written now. */
#include "config.h"

#include "rd-case-file-private.h"

#define PENDING(ret) \
  G_STMT_START { \
    g_set_error (error, RD_CASE_FILE_ERROR, RD_CASE_FILE_ERROR_INVALID, "%s is not implemented yet", G_STRFUNC); \
    return ret; \
  } G_STMT_END

gboolean rd_case_file_set_documentation (RdCaseFile *self, const char *policy_id, const char *item_id, RdDocStatus status, const char *where_found, GError **error) { PENDING (FALSE); }
GPtrArray *rd_case_file_list_documentation (RdCaseFile *self, const char *policy_id, GError **error) { PENDING (NULL); }
gint64 rd_case_file_add_evidence (RdCaseFile *self, const RdCaseEvidence *evidence, GError **error) { PENDING (0); }
gboolean rd_case_file_remove_evidence (RdCaseFile *self, gint64 evidence_id, GError **error) { PENDING (FALSE); }
GPtrArray *rd_case_file_list_evidence (RdCaseFile *self, const char *policy_id, const char *target_id, GError **error) { PENDING (NULL); }
gint64 rd_case_file_add_record (RdCaseFile *self, GBytes *pdf, const char *file_name, guint n_pages, const char *who, gboolean *already_present, GError **error) { PENDING (0); }
GPtrArray *rd_case_file_list_records (RdCaseFile *self, GError **error) { PENDING (NULL); }
RdCaseRecord *rd_case_file_get_record (RdCaseFile *self, gint64 record_id, GError **error) { PENDING (NULL); }
GBytes *rd_case_file_read_record (RdCaseFile *self, gint64 record_id, GCancellable *cancellable, GError **error) { PENDING (NULL); }
gboolean rd_case_file_set_page_texts (RdCaseFile *self, gint64 record_id, guint n_pages, const char * const *texts, const gboolean *has_text_layer, GError **error) { PENDING (FALSE); }
char *rd_case_file_get_page_text (RdCaseFile *self, gint64 record_id, guint page_number, gboolean *has_text_layer, GError **error) { PENDING (NULL); }
GPtrArray *rd_case_file_search (RdCaseFile *self, const char *query, guint max_hits, GError **error) { PENDING (NULL); }
gboolean rd_case_file_set_recommendation (RdCaseFile *self, const RdCaseRecommendation *recommendation, GError **error) { PENDING (FALSE); }
GPtrArray *rd_case_file_list_recommendations (RdCaseFile *self, GError **error) { PENDING (NULL); }
gint64 rd_case_file_record_decision (RdCaseFile *self, RdDecisionKind kind, const char *outcome_id, gboolean adverse, const char *rationale, GError **error) { PENDING (0); }
GPtrArray *rd_case_file_list_decisions (RdCaseFile *self, GError **error) { PENDING (NULL); }
gboolean rd_case_file_seal (RdCaseFile *self, GError **error) { PENDING (FALSE); }
RdCaseSeal *rd_case_file_get_seal (RdCaseFile *self, GError **error) { PENDING (NULL); }
void rd_case_verify_result_free (RdCaseVerifyResult *result) { g_free (result); }
RdCaseVerifyResult *rd_case_file_verify (RdCaseFile *self, GError **error) { PENDING (NULL); }
gboolean rd_case_verify_result_ok (const RdCaseVerifyResult *result) { return FALSE; }
