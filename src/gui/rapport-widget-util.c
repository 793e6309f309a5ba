/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

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

/* Numbers, codes and addresses read left to right in every language: in a
 * right-to-left line, groups of digits would come out in reverse order.
 * The text of @editable is laid out left to right, and stays at the start
 * side of the line, under the field's title. */
void
rapport_widget_set_text_ltr (GtkWidget *editable)
{
  GtkEditable *text;

  g_return_if_fail (GTK_IS_EDITABLE (editable));

  text = gtk_editable_get_delegate (GTK_EDITABLE (editable));
  if (text == NULL)
    text = GTK_EDITABLE (editable);
  gtk_widget_set_direction (GTK_WIDGET (text), GTK_TEXT_DIR_LTR);
  if (gtk_widget_get_direction (editable) == GTK_TEXT_DIR_RTL)
    gtk_editable_set_alignment (text, 1.0);
}

/* @text as a paragraph read in the direction of @widget, whatever letters
 * it starts with: a message that begins with a name typed in another
 * script (“«Gift wrap» deleted”) keeps the order of the interface's
 * language. */
char *
rapport_widget_dup_directed (GtkWidget  *widget,
                             const char *text)
{
  /* RIGHT-TO-LEFT MARK and LEFT-TO-RIGHT MARK: invisible, strong. */
  const char *mark = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? "\u200f" : "\u200e";

  return g_strconcat (mark, text, NULL);
}

/* Toast titles are markup: what people typed must not be read as markup. */
static AdwToast *
new_toast (GtkWidget  *widget,
           const char *text)
{
  g_autofree char *directed = rapport_widget_dup_directed (widget, text);
  g_autofree char *escaped = g_markup_escape_text (directed, -1);

  return adw_toast_new (escaped);
}

/* Shows @toast in the preferences window that holds @widget. A toast's
 * priority counts when it is added: it is set before. */
static AdwToast *
show_toast (GtkWidget *widget,
            AdwToast  *toast)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW);

  if (window == NULL)
    {
      g_debug ("No window to show “%s” in", adw_toast_get_title (toast));
      g_object_unref (toast);
      return NULL;
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (window), toast);
  return toast;
}

/* Shows @text in a toast of the preferences window that holds @widget.
 *
 * Returns: (transfer none) (nullable): the toast, or NULL when @widget is
 *   in no such window */
AdwToast *
rapport_widget_add_toast (GtkWidget  *widget,
                          const char *text)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  return show_toast (widget, new_toast (widget, text));
}

/* A toast that offers to undo what it tells, before any other. */
AdwToast *
rapport_widget_add_undo_toast (GtkWidget  *widget,
                               const char *text)
{
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  toast = new_toast (widget, text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  return show_toast (widget, toast);
}

/* An error stays until it is dismissed: it may need reading twice. */
void
rapport_widget_add_error_toast (GtkWidget    *widget,
                                const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  toast = new_toast (widget, error->message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  show_toast (widget, toast);
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
 * there — or, with @keep_departed, even when they have left: a record that
 * already names them keeps their name. @ids gets the staff ids in the
 * row's order, 0 for nobody. */
gboolean
rapport_staff_row_fill (AdwComboRow             *row,
                        GArray                  *ids,
                        RapportStaffRepository  *repository,
                        gint64                   chosen,
                        gboolean                 keep_departed,
                        GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) staff = rapport_staff_repository_list (repository, TRUE, &local_error);
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

      if (!rapport_staff_get_active (member) && !(keep_departed && id == chosen))
        continue;
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

/**
 * rapport_list_box_remove_rows:
 * @list: a list box
 *
 * Removes every row of @list and keeps its placeholder: removing each
 * child, as gtk_widget_get_first_child() finds them, would remove the
 * placeholder too (“No orders yet.” would never show again).
 */
void
rapport_list_box_remove_rows (GtkListBox *list)
{
  GtkListBoxRow *row;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/**
 * rapport_snapshot_layout:
 * @snapshot: where to draw
 * @layout: text laid out
 * @rtl: whether the widget reads right to left
 * @x: the left of the box the text goes in
 * @y: its top
 * @width: its width
 * @color: the text's colour
 *
 * Draws @layout in the box [@x, @x + @width) at its reading start: the
 * left in left-to-right, the right in right-to-left, whatever the
 * direction of the text itself. For rows that draw their own text.
 */
void
rapport_snapshot_layout (GtkSnapshot   *snapshot,
                         PangoLayout   *layout,
                         gboolean       rtl,
                         int            x,
                         int            y,
                         int            width,
                         const GdkRGBA *color)
{
  PangoRectangle logical;
  int left;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  left = rtl ? x + width - logical.width : x;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (left - logical.x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}
