/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <gtk/gtk.h>

#include "rapport-gtk-workarounds.h"

/* GTK 4.8 gives a button with a mnemonic two names at once: its raw label
 * as the accessible label ("_Save") and the text of the label that names it
 * ("Save"), so a screen reader says "underscore Save Save". Without the raw
 * one the button is named by its visible label alone. */
static void
drop_raw_label (GtkButton *button)
{
  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
watch_button (GtkButton *button)
{
  drop_raw_label (button);
  /* GTK sets the raw label again whenever the label changes. */
  if (g_signal_handler_find (button, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, drop_raw_label, NULL) == 0)
    g_signal_connect_after (button, "notify::label", G_CALLBACK (drop_raw_label), NULL);
}

/* GTK 4.8 leaves the button inside a drop-down, which is what takes the
 * keyboard, without a name ("GtkToggleButton"); it is named by the
 * drop-down's own accessible label now. */
static void
name_drop_down_button (GtkWidget *drop_down)
{
  GtkWidget *button = gtk_widget_get_first_child (drop_down);

  if (GTK_IS_TOGGLE_BUTTON (button))
    gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, drop_down, NULL,
                                    -1);
}

static void
watch_buttons_below (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    watch_button (GTK_BUTTON (widget));
  else if (GTK_IS_DROP_DOWN (widget))
    name_drop_down_button (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    watch_buttons_below (child);
}

/* A window's buttons are all put right when it appears, pages not shown yet
 * included, since a screen reader sees those too; a button added later is
 * put right when it appears itself. */
static gboolean
on_widget_map (GSignalInvocationHint *hint,
               guint                  n_values,
               const GValue          *values,
               gpointer               data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  if (GTK_IS_WINDOW (widget))
    watch_buttons_below (widget);
  else if (GTK_IS_BUTTON (widget))
    watch_button (GTK_BUTTON (widget));
  else if (GTK_IS_DROP_DOWN (widget))
    name_drop_down_button (widget);
  return TRUE;
}

/**
 * rapport_gtk_workarounds_install:
 *
 * Works around defects of GTK 4.8, the oldest release Rapport supports, for
 * every widget of the program, including those libadwaita makes (toasts,
 * dialogs). Built against a later GTK, it does nothing.
 */
void
rapport_gtk_workarounds_install (void)
{
#if !GTK_CHECK_VERSION (4, 10, 0)
  g_autoptr(GTypeClass) widget_class = g_type_class_ref (GTK_TYPE_WIDGET);

  g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                              on_widget_map, NULL, NULL);
#endif
}

/**
 * rapport_gtk_workarounds_apply:
 * @widget: a widget added to a window that may be on show already
 *
 * Puts right what rapport_gtk_workarounds_install() puts right for a
 * window as it appears, for @widget and everything in it: a page made
 * after its window appeared is seen by a screen reader before it is shown.
 */
void
rapport_gtk_workarounds_apply (GtkWidget *widget)
{
#if !GTK_CHECK_VERSION (4, 10, 0)
  watch_buttons_below (widget);
#endif
}

/**
 * rapport_gtk_set_new_tooltip:
 * @widget: a widget not yet in a window
 * @text: its tooltip, which is also its accessible description
 *
 * GTK 4.8 asks the display server where the pointer is each time the
 * tooltip of a visible widget is set, to update a tooltip that may be
 * showing: a round trip to the X server per row of the card, a tenth of
 * the time it took to open (measured with the benchmark). A widget not
 * yet in a window shows no tooltip, so it is given one while hidden.
 */
void
rapport_gtk_set_new_tooltip (GtkWidget  *widget,
                             const char *text)
{
  gboolean visible = gtk_widget_get_visible (widget);

  g_return_if_fail (gtk_widget_get_root (widget) == NULL);

  gtk_widget_set_visible (widget, FALSE);
  gtk_widget_set_tooltip_text (widget, text);
  gtk_widget_set_visible (widget, visible);
}
