/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-staff-row.h"
#include "rapport-widget-util.h"

/* A staff member in the preferences: name and role, a switch for whether
 * they still work here and, opened, their name and role to change. The row
 * saves what the person confirms and shows the repository's answer when
 * it refuses; what it shows follows the database (rapport_staff_row_set_staff). */
struct _RapportStaffRow
{
  AdwExpanderRow  parent_instance;

  RapportStaffRepository *repository;
  RapportStaff   *staff;
  gboolean        syncing;
  guint           n_saving;       /* saves on their way */
  gboolean        switch_saving;  /* one of them from the switch */

  GtkSwitch      *active_switch;
  GtkEditable    *name_row;
  GtkEditable    *role_row;
  GtkWidget      *error_row;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (RapportStaffRow, rapport_staff_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_STAFF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_error (RapportStaffRow *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (self->error_row, message != NULL);
  rapport_widget_set_invalid (GTK_WIDGET (self->name_row), message != NULL);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RapportStaffRow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved = rapport_staff_repository_save_finish (RAPPORT_STAFF_REPOSITORY (source), result, &error);

  self->n_saving--;
  show_error (self, saved ? NULL : error->message);
  if (!saved && self->switch_saving)
    {
      self->syncing = TRUE;
      gtk_switch_set_active (self->active_switch, rapport_staff_get_active (self->staff));
      self->syncing = FALSE;
      /* The message is inside: show it. */
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
    }
  if (self->n_saving == 0)
    self->switch_saving = FALSE;
}

/* Saved on the database's worker; the database tells everyone, this row
 * included, just before on_saved() hears the answer. */
static void
save (RapportStaffRow *self,
      const char      *name,
      const char      *role,
      gboolean         active,
      gboolean         from_switch)
{
  g_autoptr(RapportStaff) edited = rapport_staff_new (name, role);

  rapport_staff_set_id (edited, rapport_staff_get_id (self->staff));
  rapport_staff_set_active (edited, active);

  self->n_saving++;
  self->switch_saving = self->switch_saving || from_switch;
  rapport_staff_repository_save_async (self->repository, edited, NULL, on_saved, g_object_ref (self));
}

static void
on_apply (RapportStaffRow *self)
{
  save (self, gtk_editable_get_text (self->name_row), gtk_editable_get_text (self->role_row),
        rapport_staff_get_active (self->staff), FALSE);
}

static void
on_edited (RapportStaffRow *self)
{
  if (!self->syncing && gtk_widget_get_visible (self->error_row))
    show_error (self, NULL);
}

static void
on_active_changed (RapportStaffRow *self)
{
  if (self->syncing)
    return;

  save (self, rapport_staff_get_name (self->staff), rapport_staff_get_role (self->staff),
        gtk_switch_get_active (self->active_switch), TRUE);
}

static void
show_staff (RapportStaffRow *self,
            RapportStaff    *previous)
{
  const char *name = rapport_staff_get_name (self->staff);
  const char *role = rapport_staff_get_role (self->staff);
  gboolean active = rapport_staff_get_active (self->staff);
  /* An expander row reads its title and subtitle as markup, whatever its
   * use-markup says (libadwaita 1.2): names are shown as typed. */
  g_autofree char *title = g_markup_escape_text (name, -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *switch_label = NULL;

  if (active)
    subtitle = g_markup_escape_text (role, -1);
  else if (*role == '\0')
    subtitle = g_strdup (_("No longer works here"));
  else
    {
      g_autofree char *escaped = g_markup_escape_text (role, -1);

      /* TRANSLATORS: “Sales — no longer works here” */
      subtitle = g_strdup_printf (_("%s — no longer works here"), escaped);
    }

  /* TRANSLATORS: the accessible name of the switch that tells whether a
   * staff member still works here */
  switch_label = g_strdup_printf (_("%s Is Active"), name);

  self->syncing = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
  gtk_switch_set_active (self->active_switch, active);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->active_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, switch_label, -1);
  /* What the person is still typing is not overwritten. */
  if (self->n_saving > 0 || previous == NULL
      || g_str_equal (gtk_editable_get_text (self->name_row), rapport_staff_get_name (previous)))
    gtk_editable_set_text (self->name_row, name);
  if (self->n_saving > 0 || previous == NULL
      || g_str_equal (gtk_editable_get_text (self->role_row), rapport_staff_get_role (previous)))
    gtk_editable_set_text (self->role_row, role);
  self->syncing = FALSE;
}

static void
rapport_staff_row_dispose (GObject *object)
{
  RapportStaffRow *self = RAPPORT_STAFF_ROW (object);

  g_clear_object (&self->repository);
  g_clear_object (&self->staff);

  G_OBJECT_CLASS (rapport_staff_row_parent_class)->dispose (object);
}

static void
rapport_staff_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RapportStaffRow *self = RAPPORT_STAFF_ROW (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;

    case PROP_STAFF:
      g_value_set_object (value, self->staff);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_staff_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RapportStaffRow *self = RAPPORT_STAFF_ROW (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      self->repository = g_value_dup_object (value);
      break;

    case PROP_STAFF:
      rapport_staff_row_set_staff (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_staff_row_class_init (RapportStaffRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_staff_row_dispose;
  object_class->get_property = rapport_staff_row_get_property;
  object_class->set_property = rapport_staff_row_set_property;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, RAPPORT_TYPE_STAFF_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STAFF] =
    g_param_spec_object ("staff", NULL, NULL, RAPPORT_TYPE_STAFF,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-staff-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportStaffRow, active_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportStaffRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportStaffRow, role_row);
  gtk_widget_class_bind_template_child (widget_class, RapportStaffRow, error_row);
  gtk_widget_class_bind_template_child (widget_class, RapportStaffRow, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_edited);
  gtk_widget_class_bind_template_callback (widget_class, on_active_changed);
}

static void
rapport_staff_row_init (RapportStaffRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_staff_row_new (RapportStaffRepository *repository,
                       RapportStaff *staff)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_REPOSITORY (repository), NULL);
  g_return_val_if_fail (RAPPORT_IS_STAFF (staff), NULL);

  return g_object_new (RAPPORT_TYPE_STAFF_ROW,
                       "repository", repository,
                       "staff", staff,
                       NULL);
}

RapportStaff *
rapport_staff_row_get_staff (RapportStaffRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF_ROW (self), NULL);

  return self->staff;
}

/* Shows @staff as the database now has it: a newer copy of the same person. */
void
rapport_staff_row_set_staff (RapportStaffRow *self,
                             RapportStaff    *staff)
{
  g_autoptr(RapportStaff) previous = NULL;

  g_return_if_fail (RAPPORT_IS_STAFF_ROW (self));
  g_return_if_fail (RAPPORT_IS_STAFF (staff));

  if (self->staff == staff)
    return;

  previous = g_steal_pointer (&self->staff);
  self->staff = g_object_ref (staff);
  show_staff (self, previous);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF]);
}
