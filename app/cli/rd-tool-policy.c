/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-tool.h"

static const RdToolCommand policy_commands[] = {
  { NULL },
};

const RdToolGroup rd_tool_policy_group = {
  "policy", N_("validate and inspect policy files"), policy_commands, 0,
};
