/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-tool.h"

static const RdToolCommand case_commands[] = {
  { NULL },
};

const RdToolGroup rd_tool_case_group = {
  "case", N_("create, inspect and verify case files"), case_commands, 0,
};
