/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rd-reviewer-session.h"

G_BEGIN_DECLS

void rd_key_unlock_prompt (GtkWindow         *parent,
                           RdReviewerSession *session,
                           const char        *problem);

G_END_DECLS
