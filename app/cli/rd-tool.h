/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "rd-case-file.h"
#include "rd-trust.h"
#include "rd-types.h"

G_BEGIN_DECLS

/* Exit codes of reviewdesk-tool. */
enum {
  RD_TOOL_EXIT_OK = 0,
  RD_TOOL_EXIT_FAILURE = 1,   /* the command ran and found a problem */
  RD_TOOL_EXIT_USAGE = 2,     /* the command line is wrong */
};

typedef struct {
  const char *name;
  const char *arguments;  /* shown in usage, e.g. "FILE…" */
  const char *summary;    /* translatable, marked with N_() */
  /* argv[0] is the command's name; returns an exit code */
  int (*run) (int argc, char **argv);
} RdToolCommand;

typedef struct {
  const char          *name;
  const char          *summary;  /* translatable, marked with N_() */
  const RdToolCommand *commands;
  gsize                n_commands;
} RdToolGroup;

extern const RdToolGroup rd_tool_policy_group;
extern const RdToolGroup rd_tool_case_group;
extern const RdToolGroup rd_tool_reviewer_group;
extern const RdToolGroup rd_tool_training_group;

/* case commands for example cases (rd-tool-example.c) */
int  rd_tool_case_examples (int argc, char **argv);
int  rd_tool_case_new      (int argc, char **argv);
int  rd_tool_case_evaluate (int argc, char **argv);
int  rd_tool_case_grade    (int argc, char **argv);

/* case commands driven from JSON files (rd-tool-request.c, rd-tool-score.c) */
int  rd_tool_case_new_from_request (const char *request_path,
                                    const char *out,
                                    const char *policy_dir,
                                    const char *who,
                                    RdRole      role);
int  rd_tool_case_new_from_pas     (const char *bundle_path,
                                    const char *out,
                                    const char *policy_dir,
                                    const char *who,
                                    RdRole      role);
int  rd_tool_case_score            (int argc, char **argv);
int  rd_tool_case_export           (int argc, char **argv);
int  rd_tool_case_verify           (int argc, char **argv);
int  rd_tool_case_score_file       (const char *case_path,
                                    const char *answers_path,
                                    const char *policy_dir,
                                    const char *who,
                                    RdRole      role);

/* case audit (rd-tool-audit.c), and the audit lines verify prints with it */
int  rd_tool_case_audit         (int argc, char **argv);
int  rd_tool_case_search        (int argc, char **argv);
void rd_tool_print_audit_checks (const RdCaseVerifyResult *result);

/* Who writes, as --by NAME and --role ROLE give it, and --policy-dir DIR. */
typedef struct {
  const char *who;         /* NULL until --by: then rd_tool_default_actor() */
  RdRole      role;
  const char *policy_dir;  /* NULL: the default policies */
} RdToolOptions;

const char *rd_tool_default_actor (void);
int  rd_tool_common_option (const char     *command,
                            int             argc,
                            char          **argv,
                            int            *i,
                            RdToolOptions  *options);

void        rd_tool_report_error  (const char  *path,
                                   const char  *message,
                                   const char  *consequence);
GPtrArray  *rd_tool_load_policies (const char  *policy_dir,
                                   GError     **error);

/* Text from a file (a case, a request, a policy, a PDF) as it may be printed
 * on a terminal: control characters shown, never obeyed. */
char       *rd_tool_printable     (const char  *text);
gboolean    rd_tool_load_trust    (const char  *path,
                                   RdTrust    **trust);
RdCaseFile *rd_tool_open_case     (const char          *path,
                                   RdCaseFileOpenFlags  flags);
void        rd_tool_print         (FILE        *out,
                                   const char  *format,
                                   ...) G_GNUC_PRINTF (2, 3);

int  rd_tool_usage_error (const char *group,
                          const char *command,
                          const char *format,
                          ...) G_GNUC_PRINTF (3, 4);

G_END_DECLS
