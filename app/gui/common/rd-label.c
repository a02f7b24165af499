/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rd-label.h"

/**
 * rd_label_new_wrapped:
 * @text: (nullable): the label's text
 * @css_class: (nullable): a style class, e.g. "heading" or "dim-label"
 *
 * The label the review pages write their prose in: start-aligned, wrapping
 * at words, so a narrow window makes it taller rather than the window wider.
 *
 * Returns: (transfer floating): a new #GtkLabel
 */
GtkWidget *
rd_label_new_wrapped (const char *text,
                      const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}
