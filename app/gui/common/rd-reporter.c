/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-reporter.h"
#include "rd-toast.h"

G_DEFINE_INTERFACE (RdReporter, rd_reporter, GTK_TYPE_WIDGET)

static void
rd_reporter_default_init (RdReporterInterface *iface)
{
}

/* @widget itself when it is a reporter, otherwise the nearest one around it. */
static RdReporter *
find_reporter (GtkWidget *widget)
{
  GtkWidget *found = RD_IS_REPORTER (widget) ? widget : gtk_widget_get_ancestor (widget, RD_TYPE_REPORTER);

  return found ? RD_REPORTER (found) : NULL;
}

/**
 * rd_report_error:
 * @widget: the widget where it went wrong
 * @error: what went wrong; its message says what to do
 *
 * Hands @error to the reporter around @widget (the case page shows it as a
 * toast and marks the case as not saved). Without one, shows it as a toast.
 */
void
rd_report_error (GtkWidget    *widget,
                 const GError *error)
{
  RdReporter *reporter;
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  reporter = find_reporter (widget);
  if (reporter != NULL && RD_REPORTER_GET_IFACE (reporter)->report_error != NULL)
    {
      RD_REPORTER_GET_IFACE (reporter)->report_error (reporter, widget, error);
      return;
    }
  toast = adw_toast_new (error->message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  rd_toast_add (widget, toast);
}

/**
 * rd_report_message:
 * @widget: the widget the message is about
 * @message: what to tell the reviewer
 *
 * Hands @message to the reporter around @widget. Without one, it is not shown:
 * a widget outside the page that hosts it has no one to tell.
 */
void
rd_report_message (GtkWidget  *widget,
                   const char *message)
{
  RdReporter *reporter;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (message != NULL);

  reporter = find_reporter (widget);
  if (reporter != NULL && RD_REPORTER_GET_IFACE (reporter)->report_message != NULL)
    RD_REPORTER_GET_IFACE (reporter)->report_message (reporter, widget, message);
}
