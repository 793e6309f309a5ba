/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-staff-row.h"

/* A staff member in the preferences: name and role, a switch for whether
 * they still work here, and, opened, their name and role to change. Built
 * in code: an expander row has a template of its own. */
struct _RapportStaffRow
{
  AdwExpanderRow  parent_instance;

  RapportStaff   *staff;
  GtkSwitch      *active;
  GtkEditable    *name;
  GtkEditable    *role;
};

G_DEFINE_FINAL_TYPE (RapportStaffRow, rapport_staff_row, ADW_TYPE_EXPANDER_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (RapportStaffRow *self)
{
  g_autoptr(RapportStaff) edited = rapport_staff_new (gtk_editable_get_text (self->name),
                                                      gtk_editable_get_text (self->role));

  rapport_staff_set_id (edited, rapport_staff_get_id (self->staff));
  rapport_staff_set_active (edited, gtk_switch_get_active (self->active));
  g_signal_emit (self, signals[CHANGED], 0, edited);
}

static gboolean
on_active_set (RapportStaffRow *self,
               gboolean         state)
{
  if (state != rapport_staff_get_active (self->staff))
    emit_changed (self);
  return FALSE;
}

static GtkEditable *
add_entry (RapportStaffRow *self,
           const char      *title,
           const char      *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value);
  /* The change is saved when the person confirms it, not at each key. */
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect_swapped (row, "apply", G_CALLBACK (emit_changed), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
  return GTK_EDITABLE (row);
}

static void
rapport_staff_row_dispose (GObject *object)
{
  RapportStaffRow *self = RAPPORT_STAFF_ROW (object);

  g_clear_object (&self->staff);

  G_OBJECT_CLASS (rapport_staff_row_parent_class)->dispose (object);
}

static void
rapport_staff_row_class_init (RapportStaffRowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = rapport_staff_row_dispose;

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RAPPORT_TYPE_STAFF);
}

static void
rapport_staff_row_init (RapportStaffRow *self)
{
}

GtkWidget *
rapport_staff_row_new (RapportStaff *staff)
{
  RapportStaffRow *self = g_object_new (RAPPORT_TYPE_STAFF_ROW, NULL);
  g_autofree char *name = g_markup_escape_text (rapport_staff_get_name (staff), -1);
  g_autofree char *role = g_markup_escape_text (rapport_staff_get_role (staff), -1);
  /* TRANSLATORS: whether a staff member still works here */
  g_autofree char *switch_label = g_strdup_printf (_("%s Works Here"), rapport_staff_get_name (staff));

  self->staff = g_object_ref (staff);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                 rapport_staff_get_active (staff) ? role : _("No longer works here"));

  self->active = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (self->active, rapport_staff_get_active (staff));
  gtk_widget_set_valign (GTK_WIDGET (self->active), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->active), _("Works Here"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->active), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  switch_label, -1);
  g_signal_connect_swapped (self->active, "state-set", G_CALLBACK (on_active_set), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->active));

  self->name = add_entry (self, _("Name"), rapport_staff_get_name (staff));
  self->role = add_entry (self, _("Role"), rapport_staff_get_role (staff));
  return GTK_WIDGET (self);
}

RapportStaff *
rapport_staff_row_get_staff (RapportStaffRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_ROW (self), NULL);
  return self->staff;
}
