/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "rd-due-clock.h"

/* The decision deadline: when it is, in the reviewer's time zone, and the
 * time left to the hour; amber with a day left, red with four hours left or
 * once it has passed. The tooltip says the rule it follows. Once the case is
 * decided the clock stops and says whether the decision met the deadline. */
struct _RdDueClock
{
  GtkWidget   parent_instance;

  GtkWidget  *image;
  GtkWidget  *label;
  GDateTime  *due_time;
  GDateTime  *decided_time;
  char       *rule;
  RdDueLevel  level;
  guint       tick_id;
};

G_DEFINE_FINAL_TYPE (RdDueClock, rd_due_clock, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DUE_TIME,
  PROP_LEVEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SOON_SPAN   (24 * G_TIME_SPAN_HOUR)
#define URGENT_SPAN (4 * G_TIME_SPAN_HOUR)

/* Days and hours ("6 days 23 hours", "2 days", "5 hours"), or minutes under
 * an hour: to the hour, never rounded up past the deadline. */
static char *
format_span (GTimeSpan span)
{
  gint64 days = span / G_TIME_SPAN_DAY;
  gint64 hours = (span % G_TIME_SPAN_DAY) / G_TIME_SPAN_HOUR;
  gint64 minutes = span / G_TIME_SPAN_MINUTE;
  g_autofree char *day_text = NULL;
  g_autofree char *hour_text = NULL;

  if (days == 0 && hours == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes), (int) minutes);
  day_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), (int) days);
  hour_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", hours), (int) hours);
  if (days == 0)
    return g_steal_pointer (&hour_text);
  if (hours == 0)
    return g_steal_pointer (&day_text);
  /* TRANSLATORS: a duration of days and hours, "6 days 23 hours" */
  return g_strdup_printf (_("%s %s"), day_text, hour_text);
}

/* @time in @now's time zone, short: "Tue 15 Dec, 17:00". */
static char *
format_when (GDateTime *time,
             GDateTime *now)
{
  g_autoptr(GDateTime) there = g_date_time_to_timezone (time, g_date_time_get_timezone (now));

  /* TRANSLATORS: a deadline, short, a strftime format: "Tue 15 Dec, 17:00" */
  return g_date_time_format (there, _("%a %-d %b, %H:%M"));
}

/**
 * rd_due_clock_describe:
 * @due_time: (nullable): when the decision is due
 * @now: the current time, in the time zone the due time is shown in (the
 *   reviewer's)
 * @level: (out) (optional): how close the deadline is
 *
 * Returns: (transfer full): when the decision is due and the time left, such
 *   as "Due Tue 15 Dec, 17:00 — in 6 days 23 hours", or by how much it is
 *   overdue
 */
char *
rd_due_clock_describe (GDateTime  *due_time,
                       GDateTime  *now,
                       RdDueLevel *level)
{
  g_autofree char *span_text = NULL;
  g_autofree char *when = NULL;
  GTimeSpan left;
  RdDueLevel lvl;
  char *text;

  g_return_val_if_fail (now != NULL, NULL);

  if (due_time == NULL)
    {
      if (level)
        *level = RD_DUE_LEVEL_NONE;
      return g_strdup (_("No due time until receipt is entered"));
    }

  left = g_date_time_difference (due_time, now);
  when = format_when (due_time, now);
  if (left <= 0)
    {
      span_text = format_span (-left);
      /* TRANSLATORS: a duration, such as "3 hours", then a deadline, "Tue 15 Dec, 17:00" */
      text = g_strdup_printf (_("Overdue by %s — was due %s"), span_text, when);
      lvl = RD_DUE_LEVEL_URGENT;
    }
  else
    {
      span_text = format_span (left);
      /* TRANSLATORS: a deadline, "Tue 15 Dec, 17:00", then a duration, "6 days 23 hours" */
      text = g_strdup_printf (_("Due %s — in %s"), when, span_text);
      lvl = left <= URGENT_SPAN ? RD_DUE_LEVEL_URGENT
          : left <= SOON_SPAN ? RD_DUE_LEVEL_SOON
          : RD_DUE_LEVEL_NORMAL;
    }
  if (level)
    *level = lvl;
  return text;
}

/**
 * rd_due_clock_describe_decided:
 * @due_time: (nullable): when the decision was due
 * @decided_time: when it was made
 *
 * Returns: (transfer full): whether the decision met its deadline, in words,
 *   such as "Decided on time" or "Decided 3 hours late".
 */
char *
rd_due_clock_describe_decided (GDateTime *due_time,
                               GDateTime *decided_time)
{
  g_autofree char *span_text = NULL;
  GTimeSpan late;

  g_return_val_if_fail (decided_time != NULL, NULL);

  if (due_time == NULL)
    return g_strdup (_("Decided"));
  late = g_date_time_difference (decided_time, due_time);
  if (late <= 0)
    return g_strdup (_("Decided on time"));
  span_text = format_span (late);
  /* TRANSLATORS: %s is a duration, such as "3 hours" */
  return g_strdup_printf (_("Decided %s late"), span_text);
}

static void
update (RdDueClock *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  RdDueLevel level;

  if (self->decided_time != NULL)
    {
      text = rd_due_clock_describe_decided (self->due_time, self->decided_time);
      level = RD_DUE_LEVEL_NONE;
    }
  else
    text = rd_due_clock_describe (self->due_time, now, &level);
  gtk_label_set_label (GTK_LABEL (self->label), text);

  gtk_widget_remove_css_class (GTK_WIDGET (self), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  if (level == RD_DUE_LEVEL_SOON)
    gtk_widget_add_css_class (GTK_WIDGET (self), "warning");
  else if (level == RD_DUE_LEVEL_URGENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  gtk_image_set_from_icon_name (GTK_IMAGE (self->image),
                                self->decided_time ? "object-select-symbolic"
                                : level == RD_DUE_LEVEL_URGENT ? "task-past-due-symbolic"
                                : "task-due-symbolic");

  if (self->due_time)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (self->due_time);
      /* TRANSLATORS: the decision deadline, a strftime format */
      g_autofree char *when = g_date_time_format (local, _("%A %e %B %Y, %H:%M"));
      g_autofree char *due = g_strdup_printf (_("Decision due %s"), when);

      tooltip = self->rule ? g_strconcat (due, "\n", self->rule, NULL) : g_steal_pointer (&due);
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip ? tooltip : "",
                                  -1);

  if (level != self->level)
    {
      self->level = level;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEVEL]);
    }
}

static gboolean
tick (gpointer data)
{
  update (RD_DUE_CLOCK (data));
  return G_SOURCE_CONTINUE;
}

static void
rd_due_clock_map (GtkWidget *widget)
{
  RdDueClock *self = RD_DUE_CLOCK (widget);

  GTK_WIDGET_CLASS (rd_due_clock_parent_class)->map (widget);
  update (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (30, tick, self);
}

static void
rd_due_clock_unmap (GtkWidget *widget)
{
  RdDueClock *self = RD_DUE_CLOCK (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (rd_due_clock_parent_class)->unmap (widget);
}

GtkWidget *
rd_due_clock_new (void)
{
  return g_object_new (RD_TYPE_DUE_CLOCK, NULL);
}

void
rd_due_clock_set_due_time (RdDueClock *self,
                           GDateTime  *due_time)
{
  g_return_if_fail (RD_IS_DUE_CLOCK (self));

  if (self->due_time == due_time ||
      (self->due_time && due_time && g_date_time_equal (self->due_time, due_time)))
    return;
  g_clear_pointer (&self->due_time, g_date_time_unref);
  self->due_time = due_time ? g_date_time_ref (due_time) : NULL;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_TIME]);
}

/**
 * rd_due_clock_set_decided_time:
 * @decided_time: (nullable): when the case was decided, or %NULL while it is open
 *
 * Stops the countdown at @decided_time, or starts it again.
 */
void
rd_due_clock_set_decided_time (RdDueClock *self,
                               GDateTime  *decided_time)
{
  g_return_if_fail (RD_IS_DUE_CLOCK (self));

  if (self->decided_time == decided_time ||
      (self->decided_time && decided_time && g_date_time_equal (self->decided_time, decided_time)))
    return;
  g_clear_pointer (&self->decided_time, g_date_time_unref);
  self->decided_time = decided_time ? g_date_time_ref (decided_time) : NULL;
  update (self);
}

/**
 * rd_due_clock_set_rule:
 * @rule: (nullable): the rule the due time follows and its extension, as
 *   the tooltip says them: "Medicare Advantage, standard: 7 calendar days
 *   (CMS-0057-F)"
 */
void
rd_due_clock_set_rule (RdDueClock *self,
                       const char *rule)
{
  g_return_if_fail (RD_IS_DUE_CLOCK (self));

  if (g_strcmp0 (self->rule, rule) == 0)
    return;
  g_free (self->rule);
  self->rule = g_strdup (rule);
  update (self);
}

/**
 * rd_due_clock_get_rule:
 *
 * Returns: (nullable): the rule shown in the tooltip
 */
const char *
rd_due_clock_get_rule (RdDueClock *self)
{
  g_return_val_if_fail (RD_IS_DUE_CLOCK (self), NULL);
  return self->rule;
}

/**
 * rd_due_clock_get_due_time:
 *
 * Returns: (transfer none) (nullable): the due time shown.
 */
GDateTime *
rd_due_clock_get_due_time (RdDueClock *self)
{
  g_return_val_if_fail (RD_IS_DUE_CLOCK (self), NULL);
  return self->due_time;
}

RdDueLevel
rd_due_clock_get_level (RdDueClock *self)
{
  g_return_val_if_fail (RD_IS_DUE_CLOCK (self), RD_DUE_LEVEL_NONE);
  return self->level;
}

const char *
rd_due_clock_get_text (RdDueClock *self)
{
  g_return_val_if_fail (RD_IS_DUE_CLOCK (self), NULL);
  return gtk_label_get_label (GTK_LABEL (self->label));
}

static void
rd_due_clock_dispose (GObject *object)
{
  RdDueClock *self = RD_DUE_CLOCK (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->image, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);
  g_clear_pointer (&self->due_time, g_date_time_unref);
  g_clear_pointer (&self->decided_time, g_date_time_unref);
  g_clear_pointer (&self->rule, g_free);
  G_OBJECT_CLASS (rd_due_clock_parent_class)->dispose (object);
}

static void
rd_due_clock_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RdDueClock *self = RD_DUE_CLOCK (object);

  switch (prop_id)
    {
    case PROP_DUE_TIME:
      g_value_set_boxed (value, self->due_time);
      break;
    case PROP_LEVEL:
      g_value_set_int (value, self->level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_due_clock_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_DUE_TIME:
      rd_due_clock_set_due_time (RD_DUE_CLOCK (object), g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rd_due_clock_class_init (RdDueClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rd_due_clock_dispose;
  object_class->get_property = rd_due_clock_get_property;
  object_class->set_property = rd_due_clock_set_property;
  widget_class->map = rd_due_clock_map;
  widget_class->unmap = rd_due_clock_unmap;

  properties[PROP_DUE_TIME] =
    g_param_spec_boxed ("due-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEVEL] =
    g_param_spec_int ("level", NULL, NULL, RD_DUE_LEVEL_NONE, RD_DUE_LEVEL_URGENT, RD_DUE_LEVEL_NONE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dueclock");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
rd_due_clock_init (RdDueClock *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  self->image = gtk_image_new_from_icon_name ("task-due-symbolic");
  gtk_widget_set_parent (self->image, GTK_WIDGET (self));
  self->label = gtk_label_new (NULL);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  update (self);
}
