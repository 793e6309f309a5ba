/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-address-row.h"
#include "rapport-format.h"

/* One postal address being edited: folded, it shows the address on one
 * line; open, its parts. Built in code: an expander row has a template of
 * its own. */
struct _RapportAddressRow
{
  AdwExpanderRow  parent_instance;

  AdwComboRow    *label;
  GtkEditable    *street;
  GtkEditable    *locality;
  GtkEditable    *region;
  GtkEditable    *postal_code;
  GtkEditable    *country;
  char           *custom_label;
};

G_DEFINE_FINAL_TYPE (RapportAddressRow, rapport_address_row, ADW_TYPE_EXPANDER_ROW)

enum {
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const labels[] = { "home", "work", "delivery", "billing", "other", NULL };

static void
on_remove_clicked (RapportAddressRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
update_subtitle (RapportAddressRow *self)
{
  g_autoptr(RapportAddress) address = rapport_address_row_dup_address (self);
  g_autofree char *text = rapport_address_format (address);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *one_line = g_strjoinv (", ", lines);
  g_autofree char *escaped = g_markup_escape_text (one_line, -1);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), escaped);
}

static GtkEditable *
add_part (RapportAddressRow *self,
          const char        *title,
          const char        *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (update_subtitle), self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
  return GTK_EDITABLE (row);
}

static void
rapport_address_row_finalize (GObject *object)
{
  RapportAddressRow *self = (RapportAddressRow *) object;

  g_free (self->custom_label);

  G_OBJECT_CLASS (rapport_address_row_parent_class)->finalize (object);
}

static void
rapport_address_row_class_init (RapportAddressRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_address_row_finalize;

  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rapport_address_row_init (RapportAddressRow *self)
{
}

static void
setup_label (RapportAddressRow *self,
             const char        *current)
{
  g_autoptr(GtkStringList) shown = gtk_string_list_new (NULL);
  guint selected = 0, n = 0;

  for (; labels[n] != NULL; n++)
    {
      gtk_string_list_append (shown, rapport_format_contact_label (labels[n]));
      if (g_strcmp0 (current, labels[n]) == 0)
        selected = n;
    }
  if (current != NULL && *current != '\0' && !g_strv_contains (labels, current))
    {
      self->custom_label = g_strdup (current);
      gtk_string_list_append (shown, current);
      selected = n;
    }

  self->label = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->label), _("Used For"));
  adw_combo_row_set_model (self->label, G_LIST_MODEL (shown));
  adw_combo_row_set_selected (self->label, selected);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->label));
}

/**
 * rapport_address_row_new:
 * @address: (nullable): the address to edit, or %NULL for a new one
 */
GtkWidget *
rapport_address_row_new (const RapportAddress *address)
{
  RapportAddressRow *self = g_object_new (RAPPORT_TYPE_ADDRESS_ROW, NULL);
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), _("Address"));
  setup_label (self, address ? address->label : NULL);
  self->street = add_part (self, _("Street and Number"), address ? address->street : NULL);
  self->postal_code = add_part (self, _("Postal Code"), address ? address->postal_code : NULL);
  self->locality = add_part (self, _("Town or City"), address ? address->locality : NULL);
  self->region = add_part (self, _("Region"), address ? address->region : NULL);
  self->country = add_part (self, _("Country"), address ? address->country : NULL);

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove This Address"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove This Address"), -1);
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self), remove);

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), address == NULL);
  update_subtitle (self);
  return GTK_WIDGET (self);
}

static void
take_part (char        **field,
           GtkEditable  *editable)
{
  g_free (*field);
  *field = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/**
 * rapport_address_row_dup_address:
 * @self: a row
 *
 * Returns: (transfer full): the address as entered, parts trimmed
 */
RapportAddress *
rapport_address_row_dup_address (RapportAddressRow *self)
{
  RapportAddress *address = rapport_address_new ();
  guint selected;

  g_return_val_if_fail (RAPPORT_IS_ADDRESS_ROW (self), NULL);

  selected = adw_combo_row_get_selected (self->label);
  g_free (address->label);
  address->label = g_strdup (selected < g_strv_length ((char **) labels) ? labels[selected]
                             : self->custom_label ? self->custom_label : "");
  take_part (&address->street, self->street);
  take_part (&address->locality, self->locality);
  take_part (&address->region, self->region);
  take_part (&address->postal_code, self->postal_code);
  take_part (&address->country, self->country);
  return address;
}
