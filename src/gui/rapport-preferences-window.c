/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-preferences-window.h"
#include "rapport-staff-row.h"

struct _RapportPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  RapportContext       *context;
  GPtrArray            *staff_rows;
  guint                 reload_source;

  GtkEditable          *new_name_row;
  GtkEditable          *new_role_row;
  GtkWidget            *add_button;
  AdwPreferencesGroup  *staff_group;
};

G_DEFINE_FINAL_TYPE (RapportPreferencesWindow, rapport_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static RapportStore *
get_store (RapportPreferencesWindow *self)
{
  return rapport_context_get_store (self->context);
}

static void
add_message (RapportPreferencesWindow *self,
             const char               *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
on_staff_row_changed (RapportPreferencesWindow *self,
                      RapportStaff             *edited)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_store_save_staff (get_store (self), edited, &error))
    add_message (self, error->message);
}

/* The list follows the store: a change made anywhere shows here. */
static gboolean
reload (gpointer user_data)
{
  RapportPreferencesWindow *self = user_data;
  g_autoptr(GPtrArray) staff = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->staff_rows->len; i++)
    adw_preferences_group_remove (self->staff_group, g_ptr_array_index (self->staff_rows, i));
  g_ptr_array_set_size (self->staff_rows, 0);

  self->reload_source = 0;
  staff = rapport_store_list_staff (get_store (self), TRUE, &error);
  if (staff == NULL)
    {
      add_message (self, error->message);
      return G_SOURCE_REMOVE;
    }

  for (guint i = 0; i < staff->len; i++)
    {
      GtkWidget *row = rapport_staff_row_new (g_ptr_array_index (staff, i));

      g_signal_connect_object (row, "changed", G_CALLBACK (on_staff_row_changed),
                               self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->staff_group, row);
      g_ptr_array_add (self->staff_rows, row);
    }
  return G_SOURCE_REMOVE;
}

/* Not at once: the change may come from a row that is still handling the
 * click or key that made it. */
static void
on_staff_changed (RapportPreferencesWindow *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload, self);
}

static void
on_new_changed (RapportPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (self->new_name_row)));

  gtk_widget_set_sensitive (self->add_button, *name != '\0');
}

static void
on_add (RapportPreferencesWindow *self)
{
  g_autoptr(RapportStaff) staff = rapport_staff_new (gtk_editable_get_text (self->new_name_row),
                                                     gtk_editable_get_text (self->new_role_row));
  g_autoptr(GError) error = NULL;

  if (!gtk_widget_get_sensitive (self->add_button))
    return;

  if (!rapport_store_save_staff (get_store (self), staff, &error))
    {
      add_message (self, error->message);
      return;
    }

  gtk_editable_set_text (self->new_name_row, "");
  gtk_editable_set_text (self->new_role_row, "");
  gtk_widget_grab_focus (GTK_WIDGET (self->new_name_row));
}

static void
rapport_preferences_window_constructed (GObject *object)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->constructed (object);

  g_signal_connect_object (get_store (self), "staff-changed", G_CALLBACK (on_staff_changed),
                           self, G_CONNECT_SWAPPED);
  reload (self);
}

static void
rapport_preferences_window_dispose (GObject *object)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);

  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->dispose (object);
}

static void
rapport_preferences_window_finalize (GObject *object)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  g_clear_object (&self->context);
  g_ptr_array_unref (self->staff_rows);

  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->finalize (object);
}

static void
rapport_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_preferences_window_class_init (RapportPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_preferences_window_constructed;
  object_class->dispose = rapport_preferences_window_dispose;
  object_class->finalize = rapport_preferences_window_finalize;
  object_class->get_property = rapport_preferences_window_get_property;
  object_class->set_property = rapport_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, new_name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, new_role_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, staff_group);
  gtk_widget_class_bind_template_callback (widget_class, on_new_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add);
}

static void
rapport_preferences_window_init (RapportPreferencesWindow *self)
{
  self->staff_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_preferences_window_new:
 * @context: the application's context
 *
 * Returns: (transfer floating): the preferences, not yet shown
 */
GtkWidget *
rapport_preferences_window_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  return g_object_new (RAPPORT_TYPE_PREFERENCES_WINDOW, "context", context, NULL);
}
