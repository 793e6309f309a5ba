/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-staff-choice.h"

/* A combo row to choose a staff member: nobody, then those who work here
 * — and @chosen even when they have left, so an old record keeps its name. */

/**
 * rapport_staff_choice_fill:
 * @row: the combo row
 * @ids: (element-type gint64): filled with the ids, in the row's order
 * @staff: the staff
 * @chosen: who comes selected, or 0 for nobody
 * @error: return location for an error; the row then offers only nobody
 *
 * Returns: whether the staff could be read
 */
gboolean
rapport_staff_choice_fill (AdwComboRow             *row,
                           GArray                  *ids,
                           RapportStaffRepository  *staff,
                           gint64                   chosen,
                           GError                 **error)
{
  g_autoptr(GPtrArray) members = rapport_staff_repository_list (staff, TRUE, error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const gint64 nobody = 0;
  guint selected = 0;

  g_array_set_size (ids, 0);
  /* TRANSLATORS: no staff member in particular */
  gtk_string_list_append (names, C_("staff", "Nobody"));
  g_array_append_val (ids, nobody);
  for (guint i = 0; members != NULL && i < members->len; i++)
    {
      RapportStaff *member = g_ptr_array_index (members, i);
      gint64 id = rapport_staff_get_id (member);

      if (!rapport_staff_get_active (member) && id != chosen)
        continue;
      if (id == chosen)
        selected = ids->len;
      gtk_string_list_append (names, rapport_staff_get_name (member));
      g_array_append_val (ids, id);
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
  return members != NULL;
}

/* Who is selected, or 0 for nobody. */
gint64
rapport_staff_choice_get (AdwComboRow *row,
                          GArray      *ids)
{
  guint selected = adw_combo_row_get_selected (row);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}
