/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * The criteria a medical director may name as what a determination rests on,
 * where it goes against the engine's verdict: every criterion of the
 * indications evaluated under each policy, first the ones that decide the
 * verdict. The first choice is "none".
 *
 * @verdicts: (element-type RdVerdict)
 * @ids: (out) (element-type utf8): "policy-id/criterion-id" per choice, NULL
 *   for "none"
 *
 * Returns: (transfer full): the choices' labels, for an AdwComboRow
 */
GtkStringList *rd_basis_choices_new (GPtrArray  *verdicts,
                                     GPtrArray **ids);

G_END_DECLS
