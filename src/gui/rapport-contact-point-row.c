/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-contact-point-row.h"
#include "rapport-format.h"
#include "rapport-text.h"

/* One phone number or e-mail address being edited: which one it is (mobile,
 * work…), the value, and a button to remove it. Built in code: an entry row
 * has a template of its own. */
struct _RapportContactPointRow
{
  AdwEntryRow    parent_instance;

  gboolean       phone;
  GtkDropDown   *labels;
  GStrv          keys;       /* stored labels, in the drop-down's order */
};

G_DEFINE_FINAL_TYPE (RapportContactPointRow, rapport_contact_point_row, ADW_TYPE_ENTRY_ROW)

enum {
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const phone_labels[] = { "mobile", "work", "home", "other", NULL };
static const char * const email_labels[] = { "home", "work", "other", NULL };

static void
on_remove_clicked (RapportContactPointRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
rapport_contact_point_row_finalize (GObject *object)
{
  RapportContactPointRow *self = (RapportContactPointRow *) object;

  g_strfreev (self->keys);

  G_OBJECT_CLASS (rapport_contact_point_row_parent_class)->finalize (object);
}

static void
rapport_contact_point_row_class_init (RapportContactPointRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_contact_point_row_finalize;

  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rapport_contact_point_row_init (RapportContactPointRow *self)
{
}

/* The known labels, and @current too when a person typed one of their own. */
static void
setup_labels (RapportContactPointRow *self,
              const char             *current)
{
  const char * const *known = self->phone ? phone_labels : email_labels;
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_autoptr(GtkStringList) shown = gtk_string_list_new (NULL);
  guint selected = 0;
  guint n = 0;

  for (; known[n] != NULL; n++)
    {
      g_strv_builder_add (keys, known[n]);
      gtk_string_list_append (shown, rapport_format_contact_label (known[n]));
      if (g_strcmp0 (current, known[n]) == 0)
        selected = n;
    }
  if (current != NULL && *current != '\0' && !g_strv_contains (known, current))
    {
      g_strv_builder_add (keys, current);
      gtk_string_list_append (shown, current);
      selected = n;
    }

  self->keys = g_strv_builder_end (keys);
  self->labels = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&shown)), NULL));
  gtk_drop_down_set_selected (self->labels, selected);
}

GtkWidget *
rapport_contact_point_row_new (gboolean    phone,
                               const char *label,
                               const char *value)
{
  RapportContactPointRow *self = g_object_new (RAPPORT_TYPE_CONTACT_POINT_ROW, NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  const char *what = phone ? _("Phone") : _("E-mail");

  self->phone = phone;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), what);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self),
                                   phone ? GTK_INPUT_PURPOSE_PHONE : GTK_INPUT_PURPOSE_EMAIL);
  gtk_editable_set_text (GTK_EDITABLE (self), value ? value : "");
  /* Numbers and addresses are typed left to right in every language. */
  gtk_widget_set_direction (GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self))),
                            GTK_TEXT_DIR_LTR);

  setup_labels (self, label);
  gtk_widget_set_valign (GTK_WIDGET (self->labels), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->labels), _("Which one it is"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->labels), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  phone ? _("Kind of phone") : _("Kind of e-mail address"), -1);
  adw_entry_row_add_prefix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->labels));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, phone ? _("Remove This Phone") : _("Remove This E-mail"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  phone ? _("Remove This Phone") : _("Remove This E-mail"), -1);
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), remove);

  return GTK_WIDGET (self);
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
 * Returns: the label as stored: “mobile”, “work”… or what the person typed
 */
const char *
rapport_contact_point_row_get_label (RapportContactPointRow *self)
{
  guint selected;

  g_return_val_if_fail (RAPPORT_IS_CONTACT_POINT_ROW (self), NULL);

  selected = gtk_drop_down_get_selected (self->labels);
  return selected < g_strv_length (self->keys) ? self->keys[selected] : "";
}

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

void
rapport_contact_point_row_set_error (RapportContactPointRow *self,
                                     gboolean                error)
{
  g_return_if_fail (RAPPORT_IS_CONTACT_POINT_ROW (self));

  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
}
