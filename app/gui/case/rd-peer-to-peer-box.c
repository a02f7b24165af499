/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-peer-to-peer-box.h"
#include "rd-reporter.h"

/* The peer-to-peer conversation a provider may have with the physician
 * reviewer about an adverse determination: offered, then held — the
 * determination upheld or the decision reopened, which sends the case back
 * to the medical director. Shown once a case has an adverse determination;
 * what is recorded is signed and audited by the case. */

struct _RdPeerToPeerBox
{
  GtkBox      parent_instance;

  GtkWidget  *steps_list;
  GtkWidget  *provider_row;
  GtkWidget  *notes_row;

  RdCaseFile *case_file;
  guint       n_steps;
};

G_DEFINE_FINAL_TYPE (RdPeerToPeerBox, rd_peer_to_peer_box, GTK_TYPE_BOX)

static const char *
event_words (RdPeerToPeerEvent event)
{
  switch (event)
    {
    case RD_PEER_TO_PEER_OFFERED: return _("Offered to the provider");
    case RD_PEER_TO_PEER_SCHEDULED: return _("Scheduled");
    case RD_PEER_TO_PEER_HELD_UPHELD: return _("Held: the determination stands");
    case RD_PEER_TO_PEER_HELD_REOPENED: return _("Held: the decision is reopened");
    case RD_PEER_TO_PEER_DECLINED:
    default: return _("Declined by the provider");
    }
}

static char *
step_details (const RdCasePeerToPeer *step)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (step->time);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_autoptr(GString) text = g_string_new (NULL);

  if (step->participant != NULL)
    /* TRANSLATORS: the provider a peer-to-peer conversation was with */
    g_string_append_printf (text, _("With %s · "), step->participant);
  /* TRANSLATORS: who recorded a peer-to-peer step, and when */
  g_string_append_printf (text, _("recorded by %s on %s"), step->who, when);
  if (step->notes != NULL)
    g_string_append_printf (text, " — %s", step->notes);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
clear_steps (RdPeerToPeerBox *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->steps_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->steps_list), child);
  self->n_steps = 0;
}

static gboolean
has_adverse_determination (RdCaseFile *case_file)
{
  g_autoptr(GPtrArray) decisions = rd_case_file_list_decisions (case_file, NULL);

  for (guint i = 0; decisions && i < decisions->len; i++)
    {
      RdCaseDecision *d = g_ptr_array_index (decisions, i);
      if (d->kind == RD_DECISION_FINAL && d->adverse)
        return TRUE;
    }
  return FALSE;
}

void
rd_peer_to_peer_box_refresh (RdPeerToPeerBox *self)
{
  g_autoptr(GPtrArray) steps = NULL;
  gboolean writable, director, signer;

  g_return_if_fail (RD_IS_PEER_TO_PEER_BOX (self));

  clear_steps (self);
  if (self->case_file == NULL || !has_adverse_determination (self->case_file))
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  steps = rd_case_file_list_peer_to_peer (self->case_file, NULL);
  for (guint i = 0; steps && i < steps->len; i++)
    {
      const RdCasePeerToPeer *step = g_ptr_array_index (steps, i);
      g_autofree char *details = step_details (step);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), event_words (step->event));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details);
      gtk_list_box_append (GTK_LIST_BOX (self->steps_list), row);
      self->n_steps++;
    }
  gtk_widget_set_visible (self->steps_list, self->n_steps > 0);

  writable = !rd_case_file_is_read_only (self->case_file);
  director = writable && rd_case_file_can_sign_as (self->case_file, RD_ROLE_MEDICAL_DIRECTOR);
  signer = writable && rd_case_file_get_signer_certificate (self->case_file) != NULL;
  gtk_widget_set_sensitive (self->provider_row, signer);
  gtk_widget_set_sensitive (self->notes_row, signer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "peer-to-peer.offered", signer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "peer-to-peer.upheld", director);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "peer-to-peer.reopened", director);
}

static void
record (RdPeerToPeerBox   *self,
        RdPeerToPeerEvent  event)
{
  g_autofree char *provider = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->provider_row))));
  g_autofree char *notes = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row))));
  g_autoptr(GError) error = NULL;

  if (rd_case_file_record_peer_to_peer (self->case_file, event, NULL, provider[0] ? provider : NULL,
                                        notes[0] ? notes : NULL, &error) == 0)
    {
      rd_report_error (GTK_WIDGET (self), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->notes_row), "");
  rd_peer_to_peer_box_refresh (self);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  RdPeerToPeerBox *self = RD_PEER_TO_PEER_BOX (widget);

  if (g_str_equal (action_name, "peer-to-peer.offered"))
    record (self, RD_PEER_TO_PEER_OFFERED);
  else if (g_str_equal (action_name, "peer-to-peer.upheld"))
    record (self, RD_PEER_TO_PEER_HELD_UPHELD);
  else
    record (self, RD_PEER_TO_PEER_HELD_REOPENED);
}

static void
case_changed (RdPeerToPeerBox *self,
              const char      *what)
{
  if (g_strcmp0 (what, "decision") == 0 || g_strcmp0 (what, "seal") == 0)
    rd_peer_to_peer_box_refresh (self);
}

void
rd_peer_to_peer_box_set_case_file (RdPeerToPeerBox *self,
                                   RdCaseFile      *case_file)
{
  g_return_if_fail (RD_IS_PEER_TO_PEER_BOX (self));

  if (self->case_file == case_file)
    return;
  if (self->case_file != NULL)
    g_signal_handlers_disconnect_by_data (self->case_file, self);
  g_set_object (&self->case_file, case_file);
  if (case_file != NULL)
    {
      g_signal_connect_object (case_file, "changed", G_CALLBACK (case_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (case_file, "actor-changed", G_CALLBACK (rd_peer_to_peer_box_refresh), self,
                               G_CONNECT_SWAPPED);
    }
  rd_peer_to_peer_box_refresh (self);
}

GtkEditable *
rd_peer_to_peer_box_get_provider_entry (RdPeerToPeerBox *self)
{
  g_return_val_if_fail (RD_IS_PEER_TO_PEER_BOX (self), NULL);
  return GTK_EDITABLE (self->provider_row);
}

GtkEditable *
rd_peer_to_peer_box_get_notes_entry (RdPeerToPeerBox *self)
{
  g_return_val_if_fail (RD_IS_PEER_TO_PEER_BOX (self), NULL);
  return GTK_EDITABLE (self->notes_row);
}

guint
rd_peer_to_peer_box_get_n_steps (RdPeerToPeerBox *self)
{
  g_return_val_if_fail (RD_IS_PEER_TO_PEER_BOX (self), 0);
  return self->n_steps;
}

static void
rd_peer_to_peer_box_dispose (GObject *object)
{
  RdPeerToPeerBox *self = RD_PEER_TO_PEER_BOX (object);

  if (self->case_file != NULL)
    g_signal_handlers_disconnect_by_data (self->case_file, self);
  g_clear_object (&self->case_file);
  gtk_widget_dispose_template (GTK_WIDGET (self), RD_TYPE_PEER_TO_PEER_BOX);
  G_OBJECT_CLASS (rd_peer_to_peer_box_parent_class)->dispose (object);
}

static void
rd_peer_to_peer_box_class_init (RdPeerToPeerBoxClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = rd_peer_to_peer_box_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/reviewdesk/ReviewDesk/rd-peer-to-peer-box.ui");
  gtk_widget_class_bind_template_child (widget_class, RdPeerToPeerBox, steps_list);
  gtk_widget_class_bind_template_child (widget_class, RdPeerToPeerBox, provider_row);
  gtk_widget_class_bind_template_child (widget_class, RdPeerToPeerBox, notes_row);
  gtk_widget_class_install_action (widget_class, "peer-to-peer.offered", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "peer-to-peer.upheld", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "peer-to-peer.reopened", NULL, record_action);
}

static void
rd_peer_to_peer_box_init (RdPeerToPeerBox *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
