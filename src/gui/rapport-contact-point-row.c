/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-contact-point-row.h"
#include "rapport-format.h"
#include "rapport-text.h"
#include "rapport-widget-util.h"

/* One phone number or e-mail address being edited: which one it is (mobile,
 * work…), the value, a button to remove it, and under them what is wrong
 * with the value, if anything. */
struct _RapportContactPointRow
{
  AdwPreferencesRow  parent_instance;

  gboolean           phone;
  GPtrArray         *keys;       /* stored labels, in the drop-down's order */
  GtkStringList     *shown;      /* the same, as people read them */

  GtkDropDown       *kind_dropdown;
  GtkEntry          *entry;
  GtkWidget         *remove_button;
  GtkLabel          *message_label;
};

static void rapport_contact_point_row_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RapportContactPointRow, rapport_contact_point_row, ADW_TYPE_PREFERENCES_ROW,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE, rapport_contact_point_row_editable_init))

enum {
  PROP_0,
  PROP_PHONE,
  PROP_LABEL,
  N_PROPS
};

enum {
  REMOVE,
  ENTRY_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const phone_labels[] = { "mobile", "work", "home", "other", NULL };
static const char * const email_labels[] = { "home", "work", "other", NULL };

static GtkEditable *
rapport_contact_point_row_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (RAPPORT_CONTACT_POINT_ROW (editable)->entry);
}

static void
rapport_contact_point_row_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = rapport_contact_point_row_get_delegate;
}

static void
on_remove_clicked (RapportContactPointRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
on_kind_selected (RapportContactPointRow *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

static void
on_entry_activate (RapportContactPointRow *self)
{
  g_signal_emit (self, signals[ENTRY_ACTIVATED], 0);
}

static gboolean
rapport_contact_point_row_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (RAPPORT_CONTACT_POINT_ROW (widget)->entry));
}

static void
rapport_contact_point_row_constructed (GObject *object)
{
  RapportContactPointRow *self = RAPPORT_CONTACT_POINT_ROW (object);
  const char * const *known = self->phone ? phone_labels : email_labels;
  const char *what = self->phone ? _("Phone") : _("E-mail");
  const char *remove = self->phone ? _("Remove This Phone") : _("Remove This E-mail");
  const char *kind = self->phone ? _("Kind of phone") : _("Kind of e-mail address");

  G_OBJECT_CLASS (rapport_contact_point_row_parent_class)->constructed (object);

  for (guint i = 0; known[i] != NULL; i++)
    {
      g_ptr_array_add (self->keys, g_strdup (known[i]));
      gtk_string_list_append (self->shown, rapport_format_contact_label (known[i]));
    }
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (self->shown));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), what);
  gtk_entry_set_input_purpose (self->entry, self->phone ? GTK_INPUT_PURPOSE_PHONE : GTK_INPUT_PURPOSE_EMAIL);
  gtk_entry_set_input_hints (self->entry, GTK_INPUT_HINT_NO_SPELLCHECK | GTK_INPUT_HINT_NO_EMOJI);
  gtk_entry_set_placeholder_text (self->entry, self->phone ? _("Phone number") : _("E-mail address"));
  /* Numbers and addresses read left to right in every language: in a
   * right-to-left line, digit groups would come out in reverse order. */
  gtk_widget_set_direction (GTK_WIDGET (self->entry), GTK_TEXT_DIR_LTR);
  gtk_widget_set_direction (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->entry))),
                            GTK_TEXT_DIR_LTR);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->kind_dropdown), kind);
  gtk_widget_set_tooltip_text (self->remove_button, remove);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, what, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kind, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, what, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
}

static void
rapport_contact_point_row_dispose (GObject *object)
{
  RapportContactPointRow *self = RAPPORT_CONTACT_POINT_ROW (object);

  if (self->entry != NULL)
    {
      gtk_editable_finish_delegate (GTK_EDITABLE (self));
      self->entry = NULL;
    }

  G_OBJECT_CLASS (rapport_contact_point_row_parent_class)->dispose (object);
}

static void
rapport_contact_point_row_finalize (GObject *object)
{
  RapportContactPointRow *self = RAPPORT_CONTACT_POINT_ROW (object);

  g_ptr_array_unref (self->keys);
  g_object_unref (self->shown);

  G_OBJECT_CLASS (rapport_contact_point_row_parent_class)->finalize (object);
}

static void
rapport_contact_point_row_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RapportContactPointRow *self = RAPPORT_CONTACT_POINT_ROW (object);

  if (gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_PHONE: g_value_set_boolean (value, self->phone); break;
    case PROP_LABEL: g_value_set_string (value, rapport_contact_point_row_get_label (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_contact_point_row_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  RapportContactPointRow *self = RAPPORT_CONTACT_POINT_ROW (object);

  if (gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_PHONE: self->phone = g_value_get_boolean (value); break;
    case PROP_LABEL: rapport_contact_point_row_set_label (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_contact_point_row_class_init (RapportContactPointRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_contact_point_row_constructed;
  object_class->dispose = rapport_contact_point_row_dispose;
  object_class->finalize = rapport_contact_point_row_finalize;
  object_class->get_property = rapport_contact_point_row_get_property;
  object_class->set_property = rapport_contact_point_row_set_property;
  widget_class->grab_focus = rapport_contact_point_row_grab_focus;

  properties[PROP_PHONE] =
    g_param_spec_boolean ("phone", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_editable_install_properties (object_class, N_PROPS);

  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ENTRY_ACTIVATED] =
    g_signal_new ("entry-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-contact-point-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportContactPointRow, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPointRow, entry);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPointRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, RapportContactPointRow, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
}

static void
rapport_contact_point_row_init (RapportContactPointRow *self)
{
  self->phone = TRUE;
  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->shown = gtk_string_list_new (NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_editable_init_delegate (GTK_EDITABLE (self));
}

/**
 * rapport_contact_point_row_new:
 * @phone: %TRUE for a phone number, %FALSE for an e-mail address
 * @label: (nullable): the label as stored: “mobile”, “work”…
 * @value: (nullable): the number or address
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
rapport_contact_point_row_new (gboolean    phone,
                               const char *label,
                               const char *value)
{
  return g_object_new (RAPPORT_TYPE_CONTACT_POINT_ROW,
                       "phone", phone,
                       "label", label,
                       "text", value ? value : "",
                       NULL);
}

gboolean
rapport_contact_point_row_is_phone (RapportContactPointRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT_POINT_ROW (self), FALSE);
  return self->phone;
}

/**
 * rapport_contact_point_row_get_label:
 * @self: a row
 *
 * Returns: the label as stored: “mobile”, “work”… or one that came with the
 *   data (an import), kept as it was
 */
const char *
rapport_contact_point_row_get_label (RapportContactPointRow *self)
{
  guint selected;

  g_return_val_if_fail (RAPPORT_IS_CONTACT_POINT_ROW (self), NULL);

  selected = gtk_drop_down_get_selected (self->kind_dropdown);
  return selected < self->keys->len ? g_ptr_array_index (self->keys, selected) : "";
}

/* A label of its own (say “fax”, from an import) is offered beside the
 * known ones rather than lost. */
void
rapport_contact_point_row_set_label (RapportContactPointRow *self,
                                     const char             *label)
{
  guint index;

  g_return_if_fail (RAPPORT_IS_CONTACT_POINT_ROW (self));

  if (label == NULL || *label == '\0')
    index = 0;
  else if (!g_ptr_array_find_with_equal_func (self->keys, label, g_str_equal, &index))
    {
      index = self->keys->len;
      g_ptr_array_add (self->keys, g_strdup (label));
      gtk_string_list_append (self->shown, label);
    }

  if (index == gtk_drop_down_get_selected (self->kind_dropdown))
    return;
  gtk_drop_down_set_selected (self->kind_dropdown, index);
}

/**
 * rapport_contact_point_row_dup_value:
 * @self: a row
 *
 * Returns: (transfer full): the number or address, trimmed
 */
char *
rapport_contact_point_row_dup_value (RapportContactPointRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT_POINT_ROW (self), NULL);
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
}

/**
 * rapport_contact_point_row_check:
 * @self: a row
 * @error: return location for what is wrong, in words for people
 *
 * Returns: %TRUE when the row is empty or holds a number or address that
 *   can be saved
 */
gboolean
rapport_contact_point_row_check (RapportContactPointRow  *self,
                                 GError                 **error)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (RAPPORT_IS_CONTACT_POINT_ROW (self), FALSE);

  value = rapport_contact_point_row_dup_value (self);
  if (*value == '\0')
    return TRUE;
  return self->phone ? rapport_phone_validate (value, error) : rapport_email_validate (value, error);
}

/**
 * rapport_contact_point_row_get_message:
 * @self: a row
 *
 * Returns: (nullable): what the row shows is wrong with its value
 */
const char *
rapport_contact_point_row_get_message (RapportContactPointRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTACT_POINT_ROW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message_label))
         ? gtk_label_get_label (self->message_label) : NULL;
}

/**
 * rapport_contact_point_row_set_message:
 * @self: a row
 * @message: (nullable): what is wrong with the value, or %NULL when nothing
 *
 * Marks the value as wrong, in colour, with an icon and in words under it,
 * and tells assistive technologies so.
 */
void
rapport_contact_point_row_set_message (RapportContactPointRow *self,
                                       const char             *message)
{
  gboolean wrong;

  g_return_if_fail (RAPPORT_IS_CONTACT_POINT_ROW (self));

  wrong = message != NULL && *message != '\0';
  gtk_label_set_label (self->message_label, wrong ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), wrong);
  gtk_entry_set_icon_from_icon_name (self->entry, GTK_ENTRY_ICON_SECONDARY,
                                     wrong ? "dialog-error-symbolic" : NULL);
  /* Only the value is wrong: the kind and the Remove button stay as they are. */
  rapport_widget_set_invalid (GTK_WIDGET (self->entry), wrong);
}
