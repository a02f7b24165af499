/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rd-recogniser.h"
#include "rd-reviewer-session.h"
#include "rd-start-page.h"
#include "rd-window.h"

G_BEGIN_DECLS

/* The window hosts the pages (start, opening, case) and the commands that move
 * between them; the pages do their own work. rd-window-reviewer.c holds who
 * reviews in it and with which key. */
struct _RdWindow
{
  AdwApplicationWindow  parent_instance;

  AdwWindowTitle       *window_title;
  AdwViewStack         *stack;
  RdStartPage          *start_page;
  AdwBin               *case_bin;
  GtkSpinner           *loading_spinner;

  GPtrArray            *policies;       /* RdPolicy, loaded once per window */
  RdCaseFile           *pending_case;   /* opened, waiting for the policies */
  gboolean              loading_policies;
  GCancellable         *cancellable;
  RdRecogniser         *recogniser;     /* reads the shown case's scanned pages, when writable */

  RdReviewerSession    *session;        /* the application's */
  char                 *signer_problem; /* the last reason the key could not sign, shown once */
  gboolean              setup_offered;
};

GSettings *_rd_window_get_settings          (RdWindow       *self);
void       _rd_window_reviewer_class_init   (GtkWidgetClass *widget_class);
void       _rd_window_reviewer_init         (RdWindow       *self);
void       _rd_window_reviewer_finalize     (RdWindow       *self);
void       _rd_window_apply_reviewer        (RdWindow       *self);
void       _rd_window_reviewer_case_shown   (RdWindow       *self);

G_END_DECLS
