/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Times as the identity files spell them. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rd-identity-private.h"

char *
_rd_time_format (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

GDateTime *
_rd_time_parse (const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *again = NULL;

  if (text == NULL || strlen (text) != strlen ("2026-12-01T09:30:00Z"))
    return NULL;
  time = g_date_time_new_from_iso8601 (text, NULL);
  if (time == NULL)
    return NULL;
  again = _rd_time_format (time);
  if (strcmp (again, text) != 0)
    return NULL;
  return g_date_time_to_utc (time);
}

/* To the second, in UTC: what a file keeps is what the caller holds. */
GDateTime *
_rd_time_to_second (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_new_utc (g_date_time_get_year (utc), g_date_time_get_month (utc),
                              g_date_time_get_day_of_month (utc), g_date_time_get_hour (utc),
                              g_date_time_get_minute (utc), g_date_time_get_second (utc));
}

GDateTime *
_rd_time_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return _rd_time_to_second (now);
}
