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
