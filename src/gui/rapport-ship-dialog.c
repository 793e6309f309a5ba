/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date-row.h"
#include "rapport-delivery-rules.h"
#include "rapport-money-format.h"
#include "rapport-save-status.h"
#include "rapport-ship-dialog.h"
#include "rapport-widget-util.h"

/* Ship…: plans a delivery of an order's goods. Each line left to deliver
 * has its quantity, all of what is left to begin with (0 leaves it for a
 * later delivery); the address is a copy of one of the client's, which
 * the person may edit; a pick-up carrier needs none. Saved on the
 * database's worker; the repository checks the quantities again in the
 * same transaction as the write, and says which line is refused. */

struct _RapportShipDialog
{
  AdwWindow          parent_instance;

  RapportContext    *context;
  RapportOrder      *order;
  GPtrArray         *lines;         /* RapportDeliverable: the goods with something left */
  GPtrArray         *spins;         /* GtkSpinButton, one per line */
  GPtrArray         *carriers;      /* RapportCarrier, active */
  GPtrArray         *addresses;     /* char *, the client's, formatted */
  GCancellable      *cancellable;
  gboolean           saving;

  AdwPreferencesGroup *lines_group;
  AdwComboRow       *carrier_row;
  AdwComboRow       *address_choice_row;
  AdwEntryRow       *address_row;
  RapportDateRow    *planned_row;
  AdwEntryRow       *tracking_row;
  AdwEntryRow       *notes_row;
  GtkLabel          *error_label;
  GtkWidget         *save_button;
  RapportSaveStatus *save_status;
};

G_DEFINE_FINAL_TYPE (RapportShipDialog, rapport_ship_dialog, ADW_TYPE_WINDOW)

enum {
  PLANNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (RapportShipDialog *self,
            const char        *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static RapportCarrier *
chosen_carrier (RapportShipDialog *self)
{
  guint index = adw_combo_row_get_selected (self->carrier_row);

  return self->carriers != NULL && index < self->carriers->len ? g_ptr_array_index (self->carriers, index) : NULL;
}

/* Quantities are thousandths; the spin buttons show units. */
static gint64
spin_quantity (GtkSpinButton *spin)
{
  return (gint64) (gtk_spin_button_get_value (spin) * 1000.0 + 0.5);
}

static gint64
total_chosen (RapportShipDialog *self)
{
  gint64 total = 0;

  for (guint i = 0; i < self->spins->len; i++)
    total += spin_quantity (g_ptr_array_index (self->spins, i));
  return total;
}

static void
update_sensitivity (RapportShipDialog *self)
{
  RapportCarrier *carrier = chosen_carrier (self);
  gboolean pickup = carrier != NULL && carrier->pickup;
  g_autofree char *address = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));

  gtk_widget_set_visible (GTK_WIDGET (self->address_row), !pickup);
  gtk_widget_set_visible (GTK_WIDGET (self->address_choice_row), !pickup && self->addresses->len > 1);
  gtk_widget_set_sensitive (self->save_button,
                            !self->saving && carrier != NULL && total_chosen (self) > 0
                            && (pickup || *address != '\0')
                            && rapport_date_row_get_valid (self->planned_row));
}

static void
on_changed (RapportShipDialog *self)
{
  update_sensitivity (self);
}

static void
on_address_chosen (RapportShipDialog *self)
{
  guint index = adw_combo_row_get_selected (self->address_choice_row);

  if (index < self->addresses->len)
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), g_ptr_array_index (self->addresses, index));
}

static void
on_created (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RapportShipDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = rapport_delivery_repository_create_finish (RAPPORT_DELIVERY_REPOSITORY (source), result, &error);
  self->saving = FALSE;
  rapport_save_status_end (self->save_status);
  if (id == 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_error (self, error->message);
          update_sensitivity (self);
        }
      return;
    }
  g_signal_emit (self, signals[PLANNED], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_save (RapportShipDialog *self)
{
  g_autoptr(RapportDelivery) delivery = NULL;
  RapportCarrier *carrier = chosen_carrier (self);
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);

  if (self->saving || !gtk_widget_get_sensitive (self->save_button) || carrier == NULL)
    return;

  delivery = rapport_delivery_new (rapport_order_get_id (self->order));
  delivery->carrier_id = carrier->id;
  delivery->planned_on = g_strdup (rapport_date_row_get_date (self->planned_row));
  g_free (delivery->address);
  delivery->address = g_strdup (carrier->pickup ? "" : gtk_editable_get_text (GTK_EDITABLE (self->address_row)));
  g_free (delivery->tracking_number);
  delivery->tracking_number = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tracking_row)));
  g_free (delivery->notes);
  delivery->notes = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->notes_row)));
  delivery->staff_id = rapport_order_get_staff_id (self->order);
  for (guint i = 0; i < self->lines->len; i++)
    {
      RapportDeliverable *line = g_ptr_array_index (self->lines, i);
      gint64 quantity = spin_quantity (g_ptr_array_index (self->spins, i));

      if (quantity > 0)
        rapport_delivery_add_line (delivery, line->order_line_id, quantity);
    }

  self->saving = TRUE;
  show_error (self, NULL);
  update_sensitivity (self);
  rapport_save_status_begin (self->save_status);
  rapport_delivery_repository_create_async (rapport_context_get_deliveries (self->context), delivery,
                                            self->cancellable, on_created, g_object_ref (self));
}

static void
on_cancel (RapportShipDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
add_line_row (RapportShipDialog  *self,
              RapportDeliverable *line)
{
  gint64 left = line->ordered - line->held;
  gboolean whole = line->ordered % 1000 == 0 && left % 1000 == 0;
  g_autofree char *left_text = rapport_quantity_format (left);
  g_autofree char *ordered_text = rapport_quantity_format (line->ordered);
  /* TRANSLATORS: under a line to ship: how much of it is left to
   * deliver, and how much was ordered, both numbers */
  g_autofree char *subtitle = g_strdup_printf (_("%s left of %s"), left_text, ordered_text);
  /* TRANSLATORS: the accessible name of a quantity to ship; %s is what
   * is sold */
  g_autofree char *label = g_strdup_printf (_("Quantity of %s to ship"), line->name);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, left / 1000.0, whole ? 1 : 0.001);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), whole ? 0 : 3);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), left / 1000.0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_changed), self);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (self->lines_group, row);
  g_ptr_array_add (self->spins, spin);
}

static gboolean
fill (RapportShipDialog  *self,
      GError            **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(RapportClient) client = NULL;
  g_autoptr(GtkStringList) carrier_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) address_names = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  GPtrArray *client_addresses;

  all = rapport_delivery_repository_list_deliverable (rapport_context_get_deliveries (self->context),
                                                      rapport_order_get_id (self->order), error);
  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      RapportDeliverable *line = g_ptr_array_index (all, i);

      if (line->kind_product && line->held < line->ordered)
        {
          add_line_row (self, line);
          g_ptr_array_add (self->lines, g_ptr_array_steal_index (all, i--));
        }
    }

  if (self->lines->len == 0)
    adw_preferences_group_set_description (self->lines_group,
                                           _("Everything of this order is delivered or on its way: nothing is left to ship."));

  self->carriers = rapport_carrier_repository_list (rapport_context_get_carriers (self->context), FALSE, error);
  if (self->carriers == NULL)
    return FALSE;
  for (guint i = 0; i < self->carriers->len; i++)
    gtk_string_list_append (carrier_names, ((RapportCarrier *) g_ptr_array_index (self->carriers, i))->name);
  adw_combo_row_set_model (self->carrier_row, G_LIST_MODEL (carrier_names));
  /* The first carrier that brings goods to the client, when there is one. */
  for (guint i = 0; i < self->carriers->len; i++)
    if (!((RapportCarrier *) g_ptr_array_index (self->carriers, i))->pickup)
      {
        adw_combo_row_set_selected (self->carrier_row, i);
        break;
      }

  client = rapport_client_repository_get (rapport_context_get_clients (self->context),
                                          rapport_order_get_client_id (self->order), error);
  if (client == NULL)
    return FALSE;
  client_addresses = rapport_client_get_addresses (client);
  for (guint i = 0; i < client_addresses->len; i++)
    {
      g_autofree char *formatted = rapport_address_format (g_ptr_array_index (client_addresses, i));
      g_auto(GStrv) parts = g_strsplit (formatted, "\n", -1);
      /* One line to edit: the entry has no line ends. */
      char *text = g_strjoinv (", ", parts);

      g_ptr_array_add (self->addresses, text);
      gtk_string_list_append (address_names, text);
    }
  adw_combo_row_set_model (self->address_choice_row, G_LIST_MODEL (address_names));
  if (self->addresses->len > 0)
    gtk_editable_set_text (GTK_EDITABLE (self->address_row), g_ptr_array_index (self->addresses, 0));

  rapport_date_row_set_date (self->planned_row, today);
  return TRUE;
}

static void
rapport_ship_dialog_dispose (GObject *object)
{
  RapportShipDialog *self = RAPPORT_SHIP_DIALOG (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (rapport_ship_dialog_parent_class)->dispose (object);
}

static void
rapport_ship_dialog_finalize (GObject *object)
{
  RapportShipDialog *self = RAPPORT_SHIP_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->order);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->spins, g_ptr_array_unref);
  g_clear_pointer (&self->carriers, g_ptr_array_unref);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_ship_dialog_parent_class)->finalize (object);
}

static void
rapport_ship_dialog_class_init (RapportShipDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_ship_dialog_dispose;
  object_class->finalize = rapport_ship_dialog_finalize;

  signals[PLANNED] = g_signal_new ("planned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (RAPPORT_TYPE_DATE_ROW);
  g_type_ensure (RAPPORT_TYPE_SAVE_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-ship-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportShipDialog, lines_group);
  gtk_widget_class_bind_template_child (widget_class, RapportShipDialog, carrier_row);
  gtk_widget_class_bind_template_child (widget_class, RapportShipDialog, address_choice_row);
  gtk_widget_class_bind_template_child (widget_class, RapportShipDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, RapportShipDialog, planned_row);
  gtk_widget_class_bind_template_child (widget_class, RapportShipDialog, tracking_row);
  gtk_widget_class_bind_template_child (widget_class, RapportShipDialog, notes_row);
  gtk_widget_class_bind_template_child (widget_class, RapportShipDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, RapportShipDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, RapportShipDialog, save_status);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_address_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_save);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_ship_dialog_init (RapportShipDialog *self)
{
  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_deliverable_free);
  self->spins = g_ptr_array_new ();
  self->addresses = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_ship_dialog_new:
 * @context: the application's context
 * @order: a saved, confirmed order
 *
 * Returns: (transfer floating): the dialog, filled with what is left to
 *   deliver of @order; a problem reading it is shown in it
 */
RapportShipDialog *
rapport_ship_dialog_new (RapportContext *context,
                         RapportOrder   *order)
{
  RapportShipDialog *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RAPPORT_IS_ORDER (order), NULL);

  self = g_object_new (RAPPORT_TYPE_SHIP_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->order = g_object_ref (order);
  rapport_save_status_set_database (self->save_status, rapport_context_get_database (context));
  /* TRANSLATORS: the title of the window that plans a delivery; %s is the
   * order's number */
  title = g_strdup_printf (_("Ship Order %s"), rapport_order_get_number (order));
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (!fill (self, &error))
    show_error (self, error->message);
  update_sensitivity (self);
  return self;
}
