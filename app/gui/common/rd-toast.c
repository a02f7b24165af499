/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-toast.h"

/**
 * rd_toast_add:
 * @widget: the widget the message is about
 * @toast: (transfer full): the message
 *
 * Shows @toast in the outermost toast overlay around @widget: the window's,
 * when @widget is in a window. One overlay queues every message of the window,
 * so that two never show on top of each other, and a message outlives the page
 * that raised it. A problem should have ADW_TOAST_PRIORITY_HIGH, so that it is
 * not kept waiting behind a message that stays until it is answered.
 */
void
rd_toast_add (GtkWidget *widget,
              AdwToast  *toast)
{
  GtkWidget *overlay = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  for (GtkWidget *found = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
       found != NULL;
       found = gtk_widget_get_parent (found) ? gtk_widget_get_ancestor (gtk_widget_get_parent (found),
                                                                        ADW_TYPE_TOAST_OVERLAY) : NULL)
    overlay = found;

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}
