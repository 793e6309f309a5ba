/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

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
