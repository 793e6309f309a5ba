/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include "rapport-error-row.h"
#include "rapport-widget-util.h"

/* What is wrong with one field of a form, in the list right under it:
 * hidden while there is nothing to say. The field is marked too, and a
 * screen reader reads the message as its description. */
struct _RapportErrorRow
{
  AdwPreferencesRow  parent_instance;

  GtkWidget         *field;
  char              *message;
  GtkLabel          *label;
};

G_DEFINE_FINAL_TYPE (RapportErrorRow, rapport_error_row, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_FIELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_error_row_dispose (GObject *object)
{
  RapportErrorRow *self = RAPPORT_ERROR_ROW (object);

  g_clear_weak_pointer (&self->field);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (rapport_error_row_parent_class)->dispose (object);
}

static void
rapport_error_row_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RapportErrorRow *self = RAPPORT_ERROR_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_object (value, self->field);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_error_row_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RapportErrorRow *self = RAPPORT_ERROR_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      if (g_set_weak_pointer (&self->field, g_value_get_object (value)))
        {
          if (self->field != NULL)
            gtk_accessible_update_relation (GTK_ACCESSIBLE (self->field),
                                            GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->label, NULL,
                                            -1);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_error_row_class_init (RapportErrorRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_error_row_dispose;
  object_class->get_property = rapport_error_row_get_property;
  object_class->set_property = rapport_error_row_set_property;

  /* The widget the messages are about. */
  properties[PROP_FIELD] =
    g_param_spec_object ("field", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-error-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportErrorRow, label);
}

static void
rapport_error_row_init (RapportErrorRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Says what is wrong with the field, or nothing when @message is NULL. */
void
rapport_error_row_set_message (RapportErrorRow *self,
                               const char      *message)
{
  g_autofree char *directed = NULL;

  g_return_if_fail (RAPPORT_IS_ERROR_ROW (self));

  g_free (self->message);
  self->message = g_strdup (message);
  directed = rapport_widget_dup_directed (GTK_WIDGET (self), message ? message : "");
  gtk_label_set_text (self->label, directed);
  gtk_widget_set_visible (GTK_WIDGET (self), message != NULL);
  if (self->field != NULL)
    rapport_widget_set_invalid (self->field, message != NULL);
}

/* Returns: (nullable): what is shown, or NULL when nothing is wrong */
const char *
rapport_error_row_get_message (RapportErrorRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_ERROR_ROW (self), NULL);

  return self->message;
}
