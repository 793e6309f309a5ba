/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-address-row.h"
#include "rapport-format.h"

/* One postal address being edited: folded, it shows the address on one
 * line and what it is used for; open, its parts. */
struct _RapportAddressRow
{
  AdwExpanderRow  parent_instance;

  GPtrArray      *keys;         /* stored labels, in the combo row's order */

  AdwComboRow    *label_row;
  GtkEditable    *street_row;
  GtkEditable    *locality_row;
  GtkEditable    *region_row;
  GtkEditable    *postal_code_row;
  GtkEditable    *country_row;
};

G_DEFINE_FINAL_TYPE (RapportAddressRow, rapport_address_row, ADW_TYPE_EXPANDER_ROW)

enum {
  REMOVE,
  CHANGED,
  ENTRY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const labels[] = { "home", "work", "delivery", "billing", "other", NULL };

static const char *
get_label (RapportAddressRow *self)
{
  guint selected = adw_combo_row_get_selected (self->label_row);

  return selected < self->keys->len ? g_ptr_array_index (self->keys, selected) : "";
}

/* A label of its own (from an import) is offered beside the known ones
 * rather than lost. */
static void
set_label (RapportAddressRow *self,
           const char        *label)
{
  GtkStringList *shown = GTK_STRING_LIST (adw_combo_row_get_model (self->label_row));
  guint index = 0;

  if (label != NULL && *label != '\0'
      && !g_ptr_array_find_with_equal_func (self->keys, label, g_str_equal, &index))
    {
      index = self->keys->len;
      g_ptr_array_add (self->keys, g_strdup (label));
      gtk_string_list_append (shown, label);
    }
  adw_combo_row_set_selected (self->label_row, index);
}

/* Folded, the row reads as the address on one line, and what it is for. */
static void
update_summary (RapportAddressRow *self)
{
  g_autoptr(RapportAddress) address = rapport_address_row_dup_address (self);
  g_autofree char *text = rapport_address_format (address);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *one_line = g_strjoinv (", ", lines);
  g_autofree char *title = g_markup_escape_text (*one_line != '\0' ? one_line : _("Address"), -1);
  g_autofree char *subtitle = g_markup_escape_text (rapport_format_contact_label (address->label), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
on_changed (RapportAddressRow *self)
{
  update_summary (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_remove_clicked (RapportAddressRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

static void
on_entry_activated (RapportAddressRow *self)
{
  g_signal_emit (self, signals[ENTRY_ACTIVATED], 0);
}

/* An unfolded address takes the focus where typing starts. */
static gboolean
rapport_address_row_grab_focus (GtkWidget *widget)
{
  RapportAddressRow *self = RAPPORT_ADDRESS_ROW (widget);

  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (self)))
    return gtk_widget_grab_focus (GTK_WIDGET (self->street_row));
  return GTK_WIDGET_CLASS (rapport_address_row_parent_class)->grab_focus (widget);
}

static void
rapport_address_row_finalize (GObject *object)
{
  RapportAddressRow *self = RAPPORT_ADDRESS_ROW (object);

  g_ptr_array_unref (self->keys);

  G_OBJECT_CLASS (rapport_address_row_parent_class)->finalize (object);
}

static void
rapport_address_row_class_init (RapportAddressRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_address_row_finalize;
  widget_class->grab_focus = rapport_address_row_grab_focus;

  signals[REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ENTRY_ACTIVATED] =
    g_signal_new ("entry-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-address-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportAddressRow, label_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAddressRow, street_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAddressRow, locality_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAddressRow, region_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAddressRow, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, RapportAddressRow, country_row);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
}

static void
rapport_address_row_init (RapportAddressRow *self)
{
  g_autoptr(GtkStringList) shown = gtk_string_list_new (NULL);

  self->keys = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_ptr_array_add (self->keys, g_strdup (labels[i]));
      gtk_string_list_append (shown, rapport_format_contact_label (labels[i]));
    }
  adw_combo_row_set_model (self->label_row, G_LIST_MODEL (shown));
}

static void
set_part (GtkEditable *editable,
          const char  *value)
{
  gtk_editable_set_text (editable, value ? value : "");
}

/**
 * rapport_address_row_new:
 * @address: (nullable): the address to edit, or %NULL for a new one
 *
 * A new address comes unfolded, ready to be typed in.
 *
 * Returns: (transfer floating): the row
 */
GtkWidget *
rapport_address_row_new (const RapportAddress *address)
{
  RapportAddressRow *self = g_object_new (RAPPORT_TYPE_ADDRESS_ROW, NULL);

  if (address != NULL)
    {
      set_label (self, address->label);
      set_part (self->street_row, address->street);
      set_part (self->locality_row, address->locality);
      set_part (self->region_row, address->region);
      set_part (self->postal_code_row, address->postal_code);
      set_part (self->country_row, address->country);
    }
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), address == NULL);
  update_summary (self);
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
  RapportAddress *address;

  g_return_val_if_fail (RAPPORT_IS_ADDRESS_ROW (self), NULL);

  address = rapport_address_new ();
  g_free (address->label);
  address->label = g_strdup (get_label (self));
  take_part (&address->street, self->street_row);
  take_part (&address->locality, self->locality_row);
  take_part (&address->region, self->region_row);
  take_part (&address->postal_code, self->postal_code_row);
  take_part (&address->country, self->country_row);
  return address;
}
