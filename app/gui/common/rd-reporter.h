/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RD_TYPE_REPORTER (rd_reporter_get_type ())
G_DECLARE_INTERFACE (RdReporter, rd_reporter, RD, REPORTER, GtkWidget)

/* A widget that hosts others and shows what they report: the case page for
 * its step pages and their rows. The rows and pages call rd_report_error() or
 * rd_report_message() on themselves and need not know who hosts them. */
struct _RdReporterInterface
{
  GTypeInterface parent_iface;

  void (*report_error)   (RdReporter   *self,
                          GtkWidget    *source,
                          const GError *error);
  void (*report_message) (RdReporter   *self,
                          GtkWidget    *source,
                          const char   *message);
};

void rd_report_error   (GtkWidget    *widget,
                        const GError *error);
void rd_report_message (GtkWidget    *widget,
                        const char   *message);

G_END_DECLS
