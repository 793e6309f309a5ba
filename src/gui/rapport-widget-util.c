/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-widget-util.h"

/* Shows that @widget holds a wrong value: in red, and to a screen reader. */
void
rapport_widget_set_invalid (GtkWidget *widget,
                            gboolean   invalid)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (invalid)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

/* A time of day as people type it: “14:30”, “9:05”, “9.05”, “14h30”,
 * “1430”, “14”, “14:” or “2:30 pm”. */
gboolean
rapport_parse_time_of_day (const char *text,
                           int        *hour,
                           int        *minute)
{
  g_autofree char *copy = g_ascii_strdown (text, -1);
  char *p = g_strstrip (copy);
  gsize length = strlen (p);
  char meridiem = 0;
  int h = 0, m = 0, n_hour_digits = 0, n_minute_digits = 0;

  if (length > 2 && (g_str_has_suffix (p, "am") || g_str_has_suffix (p, "pm")))
    {
      meridiem = p[length - 2];
      p[length - 2] = '\0';
      g_strchomp (p);
    }

  for (; g_ascii_isdigit (*p) && n_hour_digits < 4; p++, n_hour_digits++)
    h = h * 10 + (*p - '0');

  if (*p == ':' || *p == '.' || *p == 'h')
    {
      if (n_hour_digits == 0 || n_hour_digits > 2)
        return FALSE;
      for (p++; g_ascii_isdigit (*p) && n_minute_digits < 2; p++, n_minute_digits++)
        m = m * 10 + (*p - '0');
      /* “14:” is on the hour; “14:3” is half-typed. */
      if (n_minute_digits == 1)
        return FALSE;
    }
  else if (n_hour_digits == 3 || n_hour_digits == 4)
    {
      m = h % 100;
      h = h / 100;
    }
  else if (n_hour_digits == 0)
    return FALSE;

  if (*p != '\0')
    return FALSE;

  if (meridiem != 0)
    {
      if (h < 1 || h > 12)
        return FALSE;
      h = h % 12 + (meridiem == 'p' ? 12 : 0);
    }

  if (h > 23 || m > 59)
    return FALSE;

  *hour = h;
  *minute = m;
  return TRUE;
}

/* Active staff, and nobody first; @chosen comes selected when still
 * there. @ids gets the staff ids in the row's order, 0 for nobody. */
gboolean
rapport_staff_row_fill (AdwComboRow             *row,
                        GArray                  *ids,
                        RapportStaffRepository  *repository,
                        gint64                   chosen,
                        GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) staff = rapport_staff_repository_list (repository, FALSE, &local_error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const gint64 nobody = 0;
  guint selected = 0;

  g_array_set_size (ids, 0);
  /* TRANSLATORS: no staff member in particular logs this interaction */
  gtk_string_list_append (names, C_("staff", "Nobody"));
  g_array_append_val (ids, nobody);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      RapportStaff *member = g_ptr_array_index (staff, i);
      gint64 id = rapport_staff_get_id (member);

      if (id == chosen)
        selected = ids->len;
      gtk_string_list_append (names, rapport_staff_get_name (member));
      g_array_append_val (ids, id);
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
  if (staff == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* The staff id the row shows, from the ids rapport_staff_row_fill() gave. */
gint64
rapport_staff_row_get_id (AdwComboRow *row,
                          GArray      *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

/**
 * rapport_widget_set_titles:
 * @title: a dialog's title label
 * @subtitle: the label under it
 * @title_text: the title
 * @subtitle_text: (nullable): the subtitle, or %NULL for none
 *
 * Shows a dialog's title and subtitle in the labels of its header bar.
 */
void
rapport_widget_set_titles (GtkLabel   *title,
                           GtkLabel   *subtitle,
                           const char *title_text,
                           const char *subtitle_text)
{
  gtk_label_set_text (title, title_text);
  gtk_label_set_text (subtitle, subtitle_text ? subtitle_text : "");
  gtk_widget_set_visible (GTK_WIDGET (subtitle), subtitle_text != NULL && *subtitle_text != '\0');
}
