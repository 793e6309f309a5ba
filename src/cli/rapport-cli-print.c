/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-cli-print.h"

/* A time from the file may be any number: one no calendar holds is said
 * to be unknown rather than printed as garbage. */
static char *
format_day (gint64 utc_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (utc_seconds);
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;
  char *text = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;

  return text ? text : g_strdup (_("unknown date"));
}

static void
print_points (const char *heading,
              GPtrArray  *points)
{
  for (guint i = 0; i < points->len; i++)
    {
      RapportContactPoint *point = g_ptr_array_index (points, i);

      if (*point->label != '\0')
        g_print ("  %s: %s (%s)\n", heading, point->value, point->label);
      else
        g_print ("  %s: %s\n", heading, point->value);
    }
}

/* A client as a person reads it: what the caller-ID look-up prints. */
void
rapport_cli_print_card (RapportClient *client)
{
  GPtrArray *addresses = rapport_client_get_addresses (client);
  const char *organization = rapport_client_get_organization (client);
  g_autofree char *tags = rapport_client_dup_tags_text (client);

  g_print ("%s\n", rapport_client_get_display_name (client));
  if (*organization != '\0' && g_strcmp0 (organization, rapport_client_get_display_name (client)) != 0)
    g_print ("  %s: %s\n", _("Organization"), organization);
  print_points (_("Phone"), rapport_client_get_phones (client));
  print_points (_("E-mail"), rapport_client_get_emails (client));
  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *text = rapport_address_format (g_ptr_array_index (addresses, i));
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      g_autofree char *one_line = g_strjoinv (", ", lines);

      g_print ("  %s: %s\n", _("Address"), one_line);
    }
  if (*tags != '\0')
    g_print ("  %s: %s\n", _("Tags"), tags);
  if (rapport_client_get_last_contact_at (client) != 0)
    {
      g_autofree char *when = format_day (rapport_client_get_last_contact_at (client));
      g_print ("  %s: %s\n", _("Last contact"), when);
    }
  if (rapport_client_get_archived (client))
    g_print ("  %s\n", _("Archived"));
  g_print ("  %s: %" G_GINT64_FORMAT "\n", _("Client number"), rapport_client_get_id (client));
}

/* One tab-separated line, for scripts: id, name, organization, phone, e-mail. */
void
rapport_cli_print_row (RapportClient *client)
{
  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\n",
           rapport_client_get_id (client),
           rapport_client_get_display_name (client),
           rapport_client_get_organization (client),
           rapport_client_get_main_phone (client),
           rapport_client_get_main_email (client));
}
