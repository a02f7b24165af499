/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-start-page.h"

struct _RdStartPage
{
  AdwBin      parent_instance;

  GtkListBox *examples_list;
};

G_DEFINE_FINAL_TYPE (RdStartPage, rd_start_page, ADW_TYPE_BIN)

/**
 * rd_start_page_get_n_examples:
 *
 * Returns: how many bundled example cases the page offers.
 */
guint
rd_start_page_get_n_examples (RdStartPage *self)
{
  guint n = 0;

  g_return_val_if_fail (RD_IS_START_PAGE (self), 0);

  while (gtk_list_box_get_row_at_index (self->examples_list, n) != NULL)
    n++;
  return n;
}

static void
rd_start_page_class_init (RdStartPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RdStartPage, examples_list);
}

static void
rd_start_page_init (RdStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
