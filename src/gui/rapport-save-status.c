/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-save-status.h"

/* Tells that a save is under way: nothing for a quick one, “Saving…” after
 * a moment, and, while another program keeps the file, that the save waits
 * for it. The save goes on by itself when the file is free. */
#define SHOW_AFTER_MS 150

struct _RapportSaveStatus
{
  GtkWidget        parent_instance;

  RapportDatabase *database;
  guint            show_source;
  gboolean         active;

  GtkRevealer     *revealer;
  GtkSpinner      *spinner;
  GtkLabel        *label;
};

G_DEFINE_FINAL_TYPE (RapportSaveStatus, rapport_save_status, GTK_TYPE_WIDGET)

static void
update (RapportSaveStatus *self)
{
  gboolean waiting = self->database != NULL && rapport_database_get_waiting (self->database);

  gtk_label_set_text (self->label, waiting ? _("Waiting for another program to finish writing…")
                                           : _("Saving…"));
  if (self->active && waiting)
    {
      g_clear_handle_id (&self->show_source, g_source_remove);
      gtk_revealer_set_reveal_child (self->revealer, TRUE);
    }
}

static gboolean
on_show_timeout (gpointer user_data)
{
  RapportSaveStatus *self = user_data;

  self->show_source = 0;
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  return G_SOURCE_REMOVE;
}

void
rapport_save_status_set_database (RapportSaveStatus *self,
                                  RapportDatabase   *database)
{
  g_return_if_fail (RAPPORT_IS_SAVE_STATUS (self));

  if (self->database != NULL)
    g_signal_handlers_disconnect_by_data (self->database, self);
  g_set_object (&self->database, database);
  if (database != NULL)
    g_signal_connect_object (database, "notify::waiting", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
}

void
rapport_save_status_begin (RapportSaveStatus *self)
{
  g_return_if_fail (RAPPORT_IS_SAVE_STATUS (self));

  self->active = TRUE;
  gtk_spinner_start (self->spinner);
  if (self->show_source == 0 && !gtk_revealer_get_reveal_child (self->revealer))
    self->show_source = g_timeout_add (SHOW_AFTER_MS, on_show_timeout, self);
  update (self);
}

void
rapport_save_status_end (RapportSaveStatus *self)
{
  g_return_if_fail (RAPPORT_IS_SAVE_STATUS (self));

  self->active = FALSE;
  g_clear_handle_id (&self->show_source, g_source_remove);
  gtk_spinner_stop (self->spinner);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

static void
rapport_save_status_dispose (GObject *object)
{
  RapportSaveStatus *self = RAPPORT_SAVE_STATUS (object);

  g_clear_handle_id (&self->show_source, g_source_remove);
  rapport_save_status_set_database (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_SAVE_STATUS);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (rapport_save_status_parent_class)->dispose (object);
}

static void
rapport_save_status_class_init (RapportSaveStatusClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_save_status_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-save-status.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportSaveStatus, revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportSaveStatus, spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportSaveStatus, label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
rapport_save_status_init (RapportSaveStatus *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
