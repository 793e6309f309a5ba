/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-lost-reason-row.h"
#include "rapport-widget-util.h"

/* One reason quotes are lost: its name to change in place (applied with
 * Enter or the apply button) and a switch for whether it is still
 * offered. The row saves what the person confirms and says “answered”
 * with the repository's message when it refused; the row is marked. What
 * it shows follows the database (rapport_lost_reason_row_set_reason). */
struct _RapportLostReasonRow
{
  AdwEntryRow             parent_instance;

  RapportOrderRepository *repository;
  RapportLostReason       reason;
  gboolean                syncing;
  gboolean                saving;

  GtkSwitch              *active_switch;
};

G_DEFINE_FINAL_TYPE (RapportLostReasonRow, rapport_lost_reason_row, ADW_TYPE_ENTRY_ROW)

enum {
  ANSWERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a write needs when it ends: the switch goes back if refused. */
typedef struct
{
  RapportLostReasonRow *self;
  gboolean              switched;  /* the write was the switch's */
} Save;

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Save *save = user_data;
  g_autoptr(RapportLostReasonRow) self = save->self;
  gboolean switched = save->switched;
  g_autoptr(GError) error = NULL;

  g_free (save);
  /* The database told everyone, this row included, before this. */
  self->saving = FALSE;
  rapport_order_repository_write_finish (RAPPORT_ORDER_REPOSITORY (source), result, &error);
  rapport_widget_set_invalid (GTK_WIDGET (self), error != NULL);
  if (error != NULL && switched)
    {
      self->syncing = TRUE;
      gtk_switch_set_active (self->active_switch, self->reason.active);
      self->syncing = FALSE;
    }
  g_signal_emit (self, signals[ANSWERED], 0, error ? error->message : NULL);
}

/* Written on the database's worker: the window never waits. */
static void
save (RapportLostReasonRow *self,
      const char           *name,
      gboolean              active,
      gboolean              switched)
{
  Save *save = g_new0 (Save, 1);

  save->self = g_object_ref (self);
  save->switched = switched;
  self->saving = TRUE;
  rapport_order_repository_save_lost_reason_async (self->repository, self->reason.id, name, active, NULL,
                                                   on_saved, save);
}

static void
on_apply (RapportLostReasonRow *self)
{
  save (self, gtk_editable_get_text (GTK_EDITABLE (self)), self->reason.active, FALSE);
}

static void
on_active_changed (RapportLostReasonRow *self)
{
  if (self->syncing)
    return;
  save (self, self->reason.name, gtk_switch_get_active (self->active_switch), TRUE);
}

static void
show_reason (RapportLostReasonRow *self,
             const char           *previous_name)
{
  g_autofree char *switch_label = NULL;

  /* TRANSLATORS: the accessible name of the switch that tells whether a
   * reason for losing a quote is still offered */
  switch_label = g_strdup_printf (_("“%s” Is Offered"), self->reason.name);

  self->syncing = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 self->reason.active ? _("Reason") : _("Reason, no longer offered"));
  gtk_switch_set_active (self->active_switch, self->reason.active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->active_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, switch_label, -1);
  /* What the person is still typing is not overwritten. */
  if (self->saving || previous_name == NULL
      || g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self)), previous_name))
    gtk_editable_set_text (GTK_EDITABLE (self), self->reason.name);
  self->syncing = FALSE;
}

static void
rapport_lost_reason_row_dispose (GObject *object)
{
  RapportLostReasonRow *self = RAPPORT_LOST_REASON_ROW (object);

  g_clear_object (&self->repository);
  g_clear_pointer (&self->reason.name, g_free);

  G_OBJECT_CLASS (rapport_lost_reason_row_parent_class)->dispose (object);
}

static void
rapport_lost_reason_row_class_init (RapportLostReasonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_lost_reason_row_dispose;

  /* After each change the person made: the repository's message when it
   * refused it, NULL when it was saved. */
  signals[ANSWERED] =
    g_signal_new ("answered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-lost-reason-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportLostReasonRow, active_switch);
  gtk_widget_class_bind_template_callback (widget_class, on_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_active_changed);
}

static void
rapport_lost_reason_row_init (RapportLostReasonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_lost_reason_row_new (RapportOrderRepository  *repository,
                             const RapportLostReason *reason)
{
  RapportLostReasonRow *self;

  g_return_val_if_fail (RAPPORT_IS_ORDER_REPOSITORY (repository), NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_LOST_REASON_ROW, NULL);
  self->repository = g_object_ref (repository);
  rapport_lost_reason_row_set_reason (self, reason);
  return GTK_WIDGET (self);
}

const RapportLostReason *
rapport_lost_reason_row_get_reason (RapportLostReasonRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_LOST_REASON_ROW (self), NULL);

  return &self->reason;
}

/* Shows @reason as the database now has it: a newer copy of the same one. */
void
rapport_lost_reason_row_set_reason (RapportLostReasonRow    *self,
                                    const RapportLostReason *reason)
{
  g_autofree char *previous_name = NULL;

  g_return_if_fail (RAPPORT_IS_LOST_REASON_ROW (self));
  g_return_if_fail (reason != NULL);

  previous_name = g_steal_pointer (&self->reason.name);
  self->reason.id = reason->id;
  /* The name is whatever the file holds. */
  self->reason.name = g_utf8_make_valid (reason->name ? reason->name : "", -1);
  self->reason.active = reason->active;
  show_reason (self, previous_name);
}
