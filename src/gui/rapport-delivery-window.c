/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-delivery-note.h"
#include "rapport-delivery-rules.h"
#include "rapport-delivery-window.h"
#include "rapport-format.h"
#include "rapport-money-format.h"
#include "rapport-print.h"
#include "rapport-save-status.h"
#include "rapport-widget-util.h"

/* One delivery: where it goes, what it carries, where it is, and every
 * status it went through. A button for each status it may take next
 * moves it (on the database's worker); its tracking number opens the
 * carrier's page; its note is saved as a PDF. The window follows the
 * database's change notices, also those of another program. */

struct _RapportDeliveryWindow
{
  AdwWindow          parent_instance;

  RapportContext    *context;
  gint64             delivery_id;
  RapportDelivery   *delivery;
  GCancellable      *cancellable;
  gboolean           saving;

  AdwWindowTitle    *title;
  AdwToastOverlay   *toast_overlay;
  GtkLabel          *status_label;
  GtkFlowBox        *status_buttons;
  AdwActionRow      *planned_row;
  AdwActionRow      *carrier_row;
  AdwActionRow      *tracking_row;
  GtkWidget         *track_button;
  AdwActionRow      *address_row;
  GtkListBox        *lines_list;
  GtkListBox        *history_list;
  RapportSaveStatus *save_status;
};

G_DEFINE_FINAL_TYPE (RapportDeliveryWindow, rapport_delivery_window, ADW_TYPE_WINDOW)

static void
on_status_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportDeliveryWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  rapport_save_status_end (self->save_status);
  if (!rapport_delivery_repository_set_status_finish (RAPPORT_DELIVERY_REPOSITORY (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    rapport_widget_add_error_toast (GTK_WIDGET (self), error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_buttons), TRUE);
}

/**
 * rapport_delivery_window_set_status:
 * @self: the window
 * @status: where the delivery is now
 *
 * What a status button does: the change is written on the database's
 * worker, by the staff member of the delivery; a refusal is told.
 */
void
rapport_delivery_window_set_status (RapportDeliveryWindow *self,
                                    RapportDeliveryStatus  status)
{
  g_return_if_fail (RAPPORT_IS_DELIVERY_WINDOW (self));

  if (self->saving || self->delivery == NULL)
    return;
  self->saving = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_buttons), FALSE);
  rapport_save_status_begin (self->save_status);
  rapport_delivery_repository_set_status_async (rapport_context_get_deliveries (self->context), self->delivery_id,
                                                status, self->delivery->staff_id, NULL, self->cancellable,
                                                on_status_done, g_object_ref (self));
}

static void
on_set_status_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  guint32 status = g_variant_get_uint32 (parameter);

  if (status < RAPPORT_DELIVERY_N_STATUSES)
    rapport_delivery_window_set_status (RAPPORT_DELIVERY_WINDOW (widget), status);
}

static const char *
action_label (RapportDeliveryStatus status)
{
  switch (status)
    {
    case RAPPORT_DELIVERY_PLANNED: return _("Back to _Planned");
    case RAPPORT_DELIVERY_PACKED: return _("_Packed");
    case RAPPORT_DELIVERY_SHIPPED: return _("_Shipped");
    case RAPPORT_DELIVERY_IN_TRANSIT: return _("In _Transit");
    case RAPPORT_DELIVERY_DELIVERED: return _("_Delivered");
    case RAPPORT_DELIVERY_RETURNED: return _("_Returned");
    case RAPPORT_DELIVERY_FAILED: return _("_Failed");
    default: return "";
    }
}

static void
fill_status_buttons (RapportDeliveryWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->status_buttons))) != NULL)
    gtk_flow_box_remove (self->status_buttons, child);
  for (guint to = 0; to < RAPPORT_DELIVERY_N_STATUSES; to++)
    {
      GtkWidget *button;

      if (!rapport_delivery_can_become (self->delivery->status, to)
          /* Going back along the way is for setting a mistake right: only
           * the step just before is offered. */
          || (to < self->delivery->status && to + 1 != self->delivery->status))
        continue;
      button = gtk_button_new_with_mnemonic (action_label (to));
      if (to == RAPPORT_DELIVERY_DELIVERED)
        gtk_widget_add_css_class (button, "suggested-action");
      if (to == RAPPORT_DELIVERY_FAILED || to == RAPPORT_DELIVERY_RETURNED)
        gtk_widget_add_css_class (button, "destructive-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "delivery.set-status");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "u", to);
      gtk_flow_box_append (self->status_buttons, button);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_buttons),
                          gtk_widget_get_first_child (GTK_WIDGET (self->status_buttons)) != NULL);
}

static void
fill_lines (RapportDeliveryWindow *self)
{
  rapport_list_box_remove_rows (self->lines_list);
  for (guint i = 0; i < self->delivery->lines->len; i++)
    {
      RapportDeliveryLine *line = g_ptr_array_index (self->delivery->lines, i);
      g_autofree char *number = rapport_quantity_format (line->quantity);
      g_autofree char *quantity = *line->unit ? g_strdup_printf ("%s %s", number, line->unit) : g_strdup (number);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *amount = gtk_label_new (quantity);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), line->name);
      if (*line->serial_number != '\0')
        {
          /* TRANSLATORS: under a delivered item; %s is its serial number */
          g_autofree char *serial = g_strdup_printf (_("Serial number %s"), line->serial_number);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), serial);
        }
      gtk_widget_add_css_class (amount, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      gtk_list_box_append (self->lines_list, row);
    }
}

static void
fill_history (RapportDeliveryWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);

  rapport_list_box_remove_rows (self->history_list);
  changes = rapport_delivery_repository_list_changes (rapport_context_get_deliveries (self->context),
                                                      self->delivery_id, &error);
  if (changes == NULL)
    {
      rapport_widget_add_error_toast (GTK_WIDGET (self), error);
      return;
    }
  for (guint i = 0; i < changes->len; i++)
    {
      RapportDeliveryChange *change = g_ptr_array_index (changes, i);
      g_autofree char *when = rapport_format_moment (change->changed_at, now);
      GString *details = g_string_new (when);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (*change->staff_name != '\0')
        g_string_append_printf (details, " · %s", change->staff_name);
      if (*change->note != '\0')
        g_string_append_printf (details, " · %s", change->note);
      subtitle = g_string_free (details, FALSE);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_delivery_status_get_label (change->status));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->history_list, row);
    }
}

static void
show_delivery (RapportDeliveryWindow *self)
{
  RapportDelivery *delivery = self->delivery;
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *planned = rapport_format_iso_date (delivery->planned_on);
  g_autofree char *title = NULL;
  g_autofree char *status = NULL;
  gboolean late = rapport_delivery_is_late (delivery->status, delivery->planned_on, today);
  const char *styles[] = { "accent", "error", "success", "dim-label" };

  /* TRANSLATORS: a delivery window's title; %s is the order's number,
   * %lld the delivery's */
  title = g_strdup_printf (_("Delivery %s/%lld"), delivery->order_number, (long long) delivery->id);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->title, title);
  adw_window_title_set_subtitle (self->title, delivery->client_name);

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), styles[i]);
  if (late)
    /* TRANSLATORS: a delivery's status when its day has passed; %s is the status */
    status = g_strdup_printf (_("%s · late"), rapport_delivery_status_get_label (delivery->status));
  else if (delivery->status == RAPPORT_DELIVERY_DELIVERED && delivery->delivered_on != NULL)
    {
      g_autofree char *day = rapport_format_iso_date (delivery->delivered_on);
      /* TRANSLATORS: %s is the day a delivery arrived */
      status = g_strdup_printf (_("Delivered on %s"), day);
    }
  else
    status = g_strdup (rapport_delivery_status_get_label (delivery->status));
  gtk_label_set_text (self->status_label, status);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label),
                            late ? "error"
                            : delivery->status == RAPPORT_DELIVERY_DELIVERED ? "success"
                            : rapport_delivery_status_is_open (delivery->status) ? "accent" : "dim-label");

  adw_action_row_set_subtitle (self->planned_row, planned);
  adw_action_row_set_subtitle (self->carrier_row, delivery->carrier_name);
  adw_action_row_set_subtitle (self->tracking_row, *delivery->tracking_number ? delivery->tracking_number : _("None"));
  gtk_widget_set_visible (self->track_button, *delivery->tracking_uri != '\0');
  adw_action_row_set_subtitle (self->address_row,
                               *delivery->address ? delivery->address : _("Collected by the client"));

  fill_status_buttons (self);
  fill_lines (self);
  fill_history (self);
}

static gboolean
reload (RapportDeliveryWindow  *self,
        GError                **error)
{
  RapportDelivery *delivery = rapport_delivery_repository_get (rapport_context_get_deliveries (self->context),
                                                               self->delivery_id, error);

  if (delivery == NULL)
    return FALSE;
  g_clear_pointer (&self->delivery, rapport_delivery_free);
  self->delivery = delivery;
  show_delivery (self);
  return TRUE;
}

static void
on_database_changed (RapportDeliveryWindow *self,
                     const char            *kind,
                     gint64                 id,
                     gboolean               many)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_database_change_concerns (kind, RAPPORT_KIND_DELIVERY)
      && !rapport_database_change_concerns (kind, RAPPORT_KIND_ORDER))
    return;
  if (!reload (self, &error))
    rapport_widget_add_error_toast (GTK_WIDGET (self), error);
}

static void
on_track_clicked (RapportDeliveryWindow *self)
{
  if (self->delivery != NULL && *self->delivery->tracking_uri != '\0')
    gtk_show_uri (GTK_WINDOW (self), self->delivery->tracking_uri, GDK_CURRENT_TIME);
}

static void
on_note_file_chosen (GtkNativeDialog       *dialog,
                     int                    response,
                     RapportDeliveryWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDeliveryNote) note = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file ? g_file_get_path (file) : NULL;
      note = rapport_delivery_note_load (rapport_context_get_database (self->context), self->delivery_id, &error);
      if (path == NULL)
        rapport_widget_add_toast (GTK_WIDGET (self),
                                  _("The delivery note could not be saved there: choose a folder on this computer."));
      else if (note != NULL)
        rapport_delivery_note_set_right_to_left (note, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL);
      if (path != NULL && (note == NULL || !rapport_delivery_note_write_pdf (note, path, &error)))
        rapport_widget_add_error_toast (GTK_WIDGET (self), error);
      else if (path != NULL)
        {
          g_autofree char *name = g_file_get_basename (file);
          /* TRANSLATORS: %s is a file name */
          g_autofree char *message = g_strdup_printf (_("Delivery note saved as “%s”"), name);

          rapport_widget_add_toast (GTK_WIDGET (self), message);
        }
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_note_clicked (RapportDeliveryWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->delivery == NULL)
    return;
  dialog = gtk_file_chooser_native_new (_("Save Delivery Note"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* TRANSLATORS: the file a delivery note is saved as; %s is the order's
   * number, %lld the delivery's */
  name = g_strdup_printf (_("Delivery note %s-%lld.pdf"), self->delivery->order_number,
                          (long long) self->delivery->id);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (on_note_file_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Prints the delivery note (Ctrl+P), laid out as its PDF is. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  RapportDeliveryWindow *self = RAPPORT_DELIVERY_WINDOW (widget);
  g_autoptr(RapportDeliveryNote) note = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  note = rapport_delivery_note_load (rapport_context_get_database (self->context), self->delivery_id, &error);
  if (note == NULL)
    {
      rapport_widget_add_error_toast (widget, error);
      return;
    }
  rapport_delivery_note_set_right_to_left (note, gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL);
  title = rapport_delivery_note_dup_title (note);
  if (!rapport_print_document (GTK_WINDOW (self), title, (RapportPaginateFunc) rapport_delivery_note_paginate,
                               (RapportDrawPageFunc) rapport_delivery_note_draw_page, note, NULL, &error))
    rapport_widget_add_error_toast (widget, error);
}

static void
rapport_delivery_window_dispose (GObject *object)
{
  RapportDeliveryWindow *self = RAPPORT_DELIVERY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (rapport_delivery_window_parent_class)->dispose (object);
}

static void
rapport_delivery_window_finalize (GObject *object)
{
  RapportDeliveryWindow *self = RAPPORT_DELIVERY_WINDOW (object);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->delivery, rapport_delivery_free);

  G_OBJECT_CLASS (rapport_delivery_window_parent_class)->finalize (object);
}

static void
rapport_delivery_window_class_init (RapportDeliveryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_delivery_window_dispose;
  object_class->finalize = rapport_delivery_window_finalize;

  g_type_ensure (RAPPORT_TYPE_SAVE_STATUS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-delivery-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryWindow, title);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryWindow, status_buttons);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryWindow, planned_row);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryWindow, carrier_row);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryWindow, tracking_row);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryWindow, track_button);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryWindow, lines_list);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryWindow, history_list);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveryWindow, save_status);
  gtk_widget_class_bind_template_callback (widget_class, on_track_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_note_clicked);
  gtk_widget_class_install_action (widget_class, "delivery.set-status", "u", on_set_status_action);
  gtk_widget_class_install_action (widget_class, "delivery.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "delivery.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_delivery_window_init (RapportDeliveryWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_delivery_window_new:
 * @context: the application's context
 * @delivery_id: the delivery to show
 *
 * Returns: (transfer floating): the window; a delivery that cannot be
 *   read is said so in it
 */
RapportDeliveryWindow *
rapport_delivery_window_new (RapportContext *context,
                             gint64          delivery_id)
{
  RapportDeliveryWindow *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  self = g_object_new (RAPPORT_TYPE_DELIVERY_WINDOW, NULL);
  self->context = g_object_ref (context);
  self->delivery_id = delivery_id;
  rapport_save_status_set_database (self->save_status, rapport_context_get_database (context));
  g_signal_connect_object (rapport_context_get_database (context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
  if (!reload (self, &error))
    {
      gtk_label_set_text (self->status_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->status_buttons), FALSE);
    }
  return self;
}
