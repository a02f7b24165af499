/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RD_TYPE_CHOICE_GROUP (rd_choice_group_get_type ())
G_DECLARE_FINAL_TYPE (RdChoiceGroup, rd_choice_group, RD, CHOICE_GROUP, GtkWidget)

GtkWidget *rd_choice_group_new        (const char    *action_name,
                                       const char    *accessible_label);
void       rd_choice_group_add        (RdChoiceGroup *self,
                                       const char    *value,
                                       const char    *label,
                                       const char    *css_class);
GtkWidget *rd_choice_group_get_button (RdChoiceGroup *self,
                                       const char    *value);

G_END_DECLS
