/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-deliveries-group.h"
#include "rapport-delivery-rules.h"
#include "rapport-delivery-window.h"
#include "rapport-format.h"
#include "rapport-ship-dialog.h"
#include "rapport-widget-util.h"

/* The deliveries of an order (in the order window, with Ship… to plan
 * the next one) or of a client (on the card), and where each one is: a
 * late one stands out. A delivery opens with Enter or a click. The list
 * follows the database's change notices. */
#define CLIENT_DELIVERIES 10

struct _RapportDeliveriesGroup
{
  AdwPreferencesGroup  parent_instance;

  RapportContext      *context;
  RapportOrder        *order;       /* the order shown, or NULL */
  gint64               client_id;   /* the client shown, or 0 */
  GArray              *ids;         /* gint64, in the list's order */

  GtkListBox          *list;
  GtkWidget           *ship_button;
};

G_DEFINE_FINAL_TYPE (RapportDeliveriesGroup, rapport_deliveries_group, ADW_TYPE_PREFERENCES_GROUP)

static void
present (RapportDeliveriesGroup *self,
         GtkWindow              *window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (window, GTK_WINDOW (root));
  gtk_window_present (window);
}

static void
on_row_activated (RapportDeliveriesGroup *self,
                  GtkListBoxRow          *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->ids->len)
    present (self, GTK_WINDOW (rapport_delivery_window_new (self->context,
                                                            g_array_index (self->ids, gint64, index))));
}

static void
on_ship_clicked (RapportDeliveriesGroup *self)
{
  if (self->order != NULL)
    present (self, GTK_WINDOW (rapport_ship_dialog_new (self->context, self->order)));
}

static char *
dup_today (RapportDeliveriesGroup *self)
{
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);

  return g_date_time_format (now, "%Y-%m-%d");
}

static GtkWidget *
make_row (RapportDeliveriesGroup *self,
          RapportDelivery        *delivery,
          const char             *today)
{
  g_autofree char *day = rapport_format_iso_date (delivery->planned_on);
  g_autofree char *title = NULL;
  GString *subtitle = g_string_new (delivery->carrier_name);
  gboolean late = rapport_delivery_is_late (delivery->status, delivery->planned_on, today);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (late ? _("Late") : rapport_delivery_status_get_label (delivery->status));
  g_autofree char *subtitle_text = NULL;

  if (self->order != NULL)
    /* TRANSLATORS: a delivery in an order's list: its number and planned day */
    title = g_strdup_printf (_("Delivery %lld · %s"), (long long) delivery->id, day);
  else
    /* TRANSLATORS: a delivery on a client's card: its order's number and planned day */
    title = g_strdup_printf (_("Order %s · %s"), delivery->order_number, day);

  if (*delivery->tracking_number != '\0')
    g_string_append_printf (subtitle, " · %s", delivery->tracking_number);
  for (guint i = 0; i < delivery->lines->len; i++)
    {
      RapportDeliveryLine *line = g_ptr_array_index (delivery->lines, i);

      g_string_append_printf (subtitle, i == 0 ? "\n%s" : ", %s", line->name);
    }
  subtitle_text = g_string_free (subtitle, FALSE);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle_text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_add_css_class (status, late ? "error" : rapport_delivery_status_is_open (delivery->status)
                                                     ? "accent" : "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
clear_list (RapportDeliveriesGroup *self)
{
  rapport_list_box_remove_rows (self->list);
  g_array_set_size (self->ids, 0);
}

/* Whether anything of the order is left to ship. */
static gboolean
order_has_goods_left (RapportDeliveriesGroup *self)
{
  g_autoptr(GPtrArray) lines = NULL;

  if (self->order == NULL || rapport_order_get_status (self->order) != RAPPORT_ORDER_CONFIRMED)
    return FALSE;
  lines = rapport_delivery_repository_list_deliverable (rapport_context_get_deliveries (self->context),
                                                        rapport_order_get_id (self->order), NULL);
  for (guint i = 0; lines != NULL && i < lines->len; i++)
    {
      RapportDeliverable *line = g_ptr_array_index (lines, i);

      if (line->kind_product && line->held < line->ordered)
        return TRUE;
    }
  return FALSE;
}

static gboolean
reload (RapportDeliveriesGroup  *self,
        GError                 **error)
{
  RapportDeliveryRepository *deliveries;
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *today = NULL;

  clear_list (self);
  if (self->context == NULL || (self->order == NULL && self->client_id == 0))
    return TRUE;

  deliveries = rapport_context_get_deliveries (self->context);
  found = self->order != NULL
          ? rapport_delivery_repository_list_for_order (deliveries, rapport_order_get_id (self->order), error)
          : rapport_delivery_repository_list_for_client (deliveries, self->client_id, CLIENT_DELIVERIES, error);
  if (found == NULL)
    return FALSE;

  today = dup_today (self);
  for (guint i = 0; i < found->len; i++)
    {
      RapportDelivery *delivery = g_ptr_array_index (found, i);

      g_array_append_val (self->ids, delivery->id);
      gtk_list_box_append (self->list, make_row (self, delivery, today));
    }
  gtk_widget_set_visible (self->ship_button, self->order != NULL);
  gtk_widget_set_sensitive (self->ship_button, order_has_goods_left (self));
  gtk_widget_set_visible (GTK_WIDGET (self), self->order != NULL || found->len > 0);
  return TRUE;
}

static void
on_database_changed (RapportDeliveriesGroup *self,
                     const char             *kind,
                     gint64                  id,
                     gboolean                many)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_database_change_concerns (kind, RAPPORT_KIND_DELIVERY)
      && !rapport_database_change_concerns (kind, RAPPORT_KIND_ORDER))
    return;
  if (!reload (self, &error))
    rapport_widget_add_error_toast (GTK_WIDGET (self), error);
}

static void
rapport_deliveries_group_finalize (GObject *object)
{
  RapportDeliveriesGroup *self = RAPPORT_DELIVERIES_GROUP (object);

  g_clear_object (&self->context);
  g_clear_object (&self->order);
  g_array_unref (self->ids);

  G_OBJECT_CLASS (rapport_deliveries_group_parent_class)->finalize (object);
}

static void
rapport_deliveries_group_class_init (RapportDeliveriesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_deliveries_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-deliveries-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveriesGroup, list);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveriesGroup, ship_button);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_ship_clicked);
}

static void
rapport_deliveries_group_init (RapportDeliveriesGroup *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
rapport_deliveries_group_set_context (RapportDeliveriesGroup *self,
                                      RapportContext         *context)
{
  g_return_if_fail (RAPPORT_IS_DELIVERIES_GROUP (self));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (rapport_context_get_database (context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
}

/**
 * rapport_deliveries_group_set_order:
 * @self: the group
 * @order: (nullable): a saved order, whose deliveries to show
 *
 * Shows the order's deliveries and offers to ship what is left of a
 * confirmed one.
 */
void
rapport_deliveries_group_set_order (RapportDeliveriesGroup *self,
                                    RapportOrder           *order)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RAPPORT_IS_DELIVERIES_GROUP (self));

  g_set_object (&self->order, order);
  self->client_id = 0;
  if (!reload (self, &error))
    rapport_widget_add_error_toast (GTK_WIDGET (self), error);
}

/**
 * rapport_deliveries_group_set_client_id:
 * @self: the group
 * @client_id: whose deliveries to show, or 0 for nobody's
 * @error: return location for an error, for a person
 */
gboolean
rapport_deliveries_group_set_client_id (RapportDeliveriesGroup  *self,
                                        gint64                   client_id,
                                        GError                 **error)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERIES_GROUP (self), FALSE);

  g_clear_object (&self->order);
  self->client_id = client_id;
  return reload (self, error);
}

guint
rapport_deliveries_group_get_n_shown (RapportDeliveriesGroup *self)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERIES_GROUP (self), 0);
  return self->ids->len;
}
