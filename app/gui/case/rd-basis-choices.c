/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-basis-choices.h"
#include "rd-verdict.h"

static gboolean
listed (GPtrArray  *ids,
        const char *id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return TRUE;
  return FALSE;
}

static void
add_choice (GtkStringList *labels,
            GPtrArray     *ids,
            RdPolicy      *policy,
            const RdNode  *node)
{
  g_autofree char *id = g_strdup_printf ("%s/%s", rd_policy_get_id (policy), node->id);
  g_autofree char *label = NULL;

  if (listed (ids, id))
    return;
  /* TRANSLATORS: the policy's number, the criterion's id, and its text */
  label = g_strdup_printf (_("%s %s: %s"), rd_policy_get_number (policy), node->id, node->text);
  gtk_string_list_append (labels, label);
  g_ptr_array_add (ids, g_steal_pointer (&id));
}

static void
add_tree (GtkStringList *labels,
          GPtrArray     *ids,
          RdPolicy      *policy,
          const RdNode  *node)
{
  if (node == NULL)
    return;
  if (node->kind == RD_NODE_CRITERION)
    {
      add_choice (labels, ids, policy, node);
      return;
    }
  for (guint i = 0; i < node->children->len; i++)
    add_tree (labels, ids, policy, g_ptr_array_index (node->children, i));
}

GtkStringList *
rd_basis_choices_new (GPtrArray  *verdicts,
                      GPtrArray **ids)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  *ids = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (labels, _("None: the determination agrees with the engine"));
  g_ptr_array_add (*ids, NULL);
  for (guint i = 0; i < verdicts->len; i++)
    {
      RdVerdict *verdict = g_ptr_array_index (verdicts, i);

      for (guint d = 0; verdict->decisive && d < verdict->decisive->len; d++)
        {
          const RdNode *node = rd_policy_find_node (verdict->policy, g_ptr_array_index (verdict->decisive, d));
          if (node != NULL && node->kind == RD_NODE_CRITERION)
            add_choice (labels, *ids, verdict->policy, node);
        }
    }
  for (guint i = 0; i < verdicts->len; i++)
    {
      RdVerdict *verdict = g_ptr_array_index (verdicts, i);

      for (guint e = 0; verdict->evaluations && e < verdict->evaluations->len; e++)
        {
          RdEvaluation *evaluation = g_ptr_array_index (verdict->evaluations, e);
          add_tree (labels, *ids, verdict->policy, evaluation->indication->root);
        }
    }
  return labels;
}
