/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

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
