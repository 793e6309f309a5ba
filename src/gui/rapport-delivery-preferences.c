/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-delivery-preferences.h"
#include "rapport-widget-util.h"

/* Preferences, Deliveries: the carriers (each an expander with its name,
 * its tracking address with {tracking} where the number goes, whether the
 * client picks up, whether it is offered; and one more to add), and how
 * many days before its end a warranty reminds. Every save is written on
 * the database's worker; a refusal is said under the carrier. */

typedef struct
{
  gint64       id;
  AdwExpanderRow *expander;
  AdwEntryRow *name_row;
  AdwEntryRow *pattern_row;
  GtkSwitch   *pickup_switch;
  GtkSwitch   *active_switch;
  GtkLabel    *error_label;
} CarrierRows;

struct _RapportDeliveryPreferences
{
  AdwPreferencesPage   parent_instance;

  RapportContext      *context;
  GArray              *carriers;     /* CarrierRows, the last for a new one */
  gboolean             filling;

  AdwPreferencesGroup *carriers_group;
  GtkSpinButton       *notice_spin;
};

G_DEFINE_FINAL_TYPE (RapportDeliveryPreferences, rapport_delivery_preferences, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkSwitch *
add_switch_row (AdwExpanderRow *expander,
                const char     *title)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_expander_row_add_row (expander, row);
  return GTK_SWITCH (toggle);
}

static void
on_save_clicked (RapportDeliveryPreferences *self,
                 GtkButton                  *button)
{
  for (guint i = 0; i < self->carriers->len; i++)
    if (gtk_widget_is_ancestor (GTK_WIDGET (button),
                                GTK_WIDGET (g_array_index (self->carriers, CarrierRows, i).expander)))
      rapport_delivery_preferences_save_carrier (self, i);
}

static void
add_carrier_rows (RapportDeliveryPreferences *self,
                  const RapportCarrier       *carrier)
{
  CarrierRows rows = { 0 };
  GtkWidget *save_row = adw_action_row_new ();
  GtkWidget *save = gtk_button_new_with_mnemonic (carrier ? _("_Save Carrier") : _("_Add Carrier"));
  g_autofree char *subtitle = NULL;

  rows.id = carrier ? carrier->id : 0;
  rows.expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (rows.expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows.expander), carrier ? carrier->name : _("New Carrier"));
  if (carrier != NULL)
    subtitle = g_strdup (carrier->pickup ? _("The client picks up") : *carrier->tracking_pattern ? carrier->tracking_pattern
                                                                                                 : _("No tracking address"));
  adw_expander_row_set_subtitle (rows.expander, subtitle ? subtitle : _("Post, courier or pick-up"));

  rows.name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows.name_row), _("Name"));
  gtk_editable_set_text (GTK_EDITABLE (rows.name_row), carrier ? carrier->name : "");
  adw_expander_row_add_row (rows.expander, GTK_WIDGET (rows.name_row));

  rows.pattern_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows.pattern_row),
                                 _("Tracking Address, with {tracking} for the Number"));
  gtk_editable_set_text (GTK_EDITABLE (rows.pattern_row), carrier ? carrier->tracking_pattern : "");
  rapport_widget_set_text_ltr (GTK_WIDGET (rows.pattern_row));
  adw_expander_row_add_row (rows.expander, GTK_WIDGET (rows.pattern_row));

  rows.pickup_switch = add_switch_row (rows.expander, _("The Client Picks Up"));
  gtk_switch_set_active (rows.pickup_switch, carrier && carrier->pickup);
  rows.active_switch = add_switch_row (rows.expander, _("Offered for New Deliveries"));
  gtk_switch_set_active (rows.active_switch, carrier == NULL || carrier->active);

  rows.error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (rows.error_label, TRUE);
  gtk_label_set_xalign (rows.error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (rows.error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (rows.error_label), FALSE);
  gtk_widget_set_margin_start (GTK_WIDGET (rows.error_label), 12);
  gtk_widget_set_hexpand (GTK_WIDGET (rows.error_label), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (save_row), GTK_WIDGET (rows.error_label));
  gtk_widget_set_valign (save, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (save, "clicked", G_CALLBACK (on_save_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (save_row), save);
  adw_expander_row_add_row (rows.expander, save_row);

  adw_preferences_group_add (self->carriers_group, GTK_WIDGET (rows.expander));
  g_array_append_val (self->carriers, rows);
}

static void
fill_carriers (RapportDeliveryPreferences *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) carriers = NULL;

  for (guint i = 0; i < self->carriers->len; i++)
    adw_preferences_group_remove (self->carriers_group,
                                  GTK_WIDGET (g_array_index (self->carriers, CarrierRows, i).expander));
  g_array_set_size (self->carriers, 0);

  carriers = rapport_carrier_repository_list (rapport_context_get_carriers (self->context), TRUE, &error);
  if (carriers == NULL)
    {
      adw_preferences_group_set_description (self->carriers_group, error->message);
      return;
    }
  for (guint i = 0; i < carriers->len; i++)
    add_carrier_rows (self, g_ptr_array_index (carriers, i));
  add_carrier_rows (self, NULL);
}

typedef struct
{
  RapportDeliveryPreferences *self;
  guint                       index;
} Saving;

static void
on_carrier_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Saving *saving = user_data;
  g_autoptr(RapportDeliveryPreferences) self = saving->self;
  g_autoptr(GError) error = NULL;
  guint index = saving->index;

  g_free (saving);
  if (rapport_carrier_repository_save_finish (RAPPORT_CARRIER_REPOSITORY (source), result, &error) != 0)
    {
      rapport_widget_add_toast (GTK_WIDGET (self), _("Carrier saved"));
      return;
    }
  if (index < self->carriers->len)
    {
      CarrierRows *rows = &g_array_index (self->carriers, CarrierRows, index);

      gtk_label_set_text (rows->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (rows->error_label), TRUE);
    }
}

/**
 * rapport_delivery_preferences_save_carrier:
 * @self: the page
 * @index: which carrier, in the list's order; the last is a new one
 *
 * What a carrier's Save button does.
 */
void
rapport_delivery_preferences_save_carrier (RapportDeliveryPreferences *self,
                                           guint                       index)
{
  g_autoptr(RapportCarrier) carrier = NULL;
  CarrierRows *rows;
  Saving *saving;

  g_return_if_fail (RAPPORT_IS_DELIVERY_PREFERENCES (self));

  if (index >= self->carriers->len)
    return;
  rows = &g_array_index (self->carriers, CarrierRows, index);
  carrier = rapport_carrier_new (gtk_editable_get_text (GTK_EDITABLE (rows->name_row)));
  carrier->id = rows->id;
  g_free (carrier->tracking_pattern);
  carrier->tracking_pattern = g_strdup (gtk_editable_get_text (GTK_EDITABLE (rows->pattern_row)));
  carrier->pickup = gtk_switch_get_active (rows->pickup_switch);
  carrier->active = gtk_switch_get_active (rows->active_switch);
  gtk_widget_set_visible (GTK_WIDGET (rows->error_label), FALSE);

  saving = g_new0 (Saving, 1);
  saving->self = g_object_ref (self);
  saving->index = index;
  rapport_carrier_repository_save_async (rapport_context_get_carriers (self->context), carrier, NULL,
                                         on_carrier_saved, saving);
}

static void
on_notice_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RapportDeliveryPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_warranty_repository_set_notice_days_finish (RAPPORT_WARRANTY_REPOSITORY (source), result, &error))
    rapport_widget_add_error_toast (GTK_WIDGET (self), error);
}

static void
on_notice_changed (RapportDeliveryPreferences *self)
{
  if (self->filling)
    return;
  rapport_warranty_repository_set_notice_days_async (rapport_context_get_warranties (self->context),
                                                     (guint) gtk_spin_button_get_value_as_int (self->notice_spin),
                                                     NULL, on_notice_saved, g_object_ref (self));
}

static void
on_database_changed (RapportDeliveryPreferences *self,
                     const char                 *kind,
                     gint64                      id,
                     gboolean                    many)
{
  if (rapport_database_change_concerns (kind, RAPPORT_KIND_CARRIER))
    fill_carriers (self);
}

static void
rapport_delivery_preferences_constructed (GObject *object)
{
  RapportDeliveryPreferences *self = RAPPORT_DELIVERY_PREFERENCES (object);

  G_OBJECT_CLASS (rapport_delivery_preferences_parent_class)->constructed (object);

  self->filling = TRUE;
  gtk_spin_button_set_value (self->notice_spin,
                             rapport_warranty_repository_get_notice_days (rapport_context_get_warranties (self->context)));
  self->filling = FALSE;
  fill_carriers (self);
  g_signal_connect_object (rapport_context_get_database (self->context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
}

static void
rapport_delivery_preferences_finalize (GObject *object)
{
  RapportDeliveryPreferences *self = RAPPORT_DELIVERY_PREFERENCES (object);

  g_clear_object (&self->context);
  g_array_unref (self->carriers);

  G_OBJECT_CLASS (rapport_delivery_preferences_parent_class)->finalize (object);
}

static void
rapport_delivery_preferences_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  RapportDeliveryPreferences *self = RAPPORT_DELIVERY_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_delivery_preferences_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  RapportDeliveryPreferences *self = RAPPORT_DELIVERY_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_delivery_preferences_class_init (RapportDeliveryPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_delivery_preferences_constructed;
  object_class->finalize = rapport_delivery_preferences_finalize;
  object_class->set_property = rapport_delivery_preferences_set_property;
  object_class->get_property = rapport_delivery_preferences_get_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-delivery-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryPreferences, carriers_group);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryPreferences, notice_spin);
  gtk_widget_class_bind_template_callback (widget_class, on_notice_changed);
}

static void
rapport_delivery_preferences_init (RapportDeliveryPreferences *self)
{
  self->carriers = g_array_new (FALSE, TRUE, sizeof (CarrierRows));
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportDeliveryPreferences *
rapport_delivery_preferences_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  return g_object_new (RAPPORT_TYPE_DELIVERY_PREFERENCES, "context", context, NULL);
}
