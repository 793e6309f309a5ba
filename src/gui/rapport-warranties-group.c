/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-delivery-rules.h"
#include "rapport-format.h"
#include "rapport-warranties-group.h"
#include "rapport-widget-util.h"

/* A client's warranties on the card, the running ones first by their end
 * and then the ended ones, or an order's in the order window: those
 * ending within the notice days stand out. Claim… logs a warranty claim
 * on the client's timeline. */
#define CLIENT_WARRANTIES 20

struct _RapportWarrantiesGroup
{
  AdwPreferencesGroup  parent_instance;

  RapportContext      *context;
  gint64               client_id;
  gint64               order_id;     /* an order's, rather than a client's */
  GPtrArray           *warranties;   /* RapportWarranty, in the list's order */

  GtkListBox          *list;
};

G_DEFINE_FINAL_TYPE (RapportWarrantiesGroup, rapport_warranties_group, ADW_TYPE_PREFERENCES_GROUP)

static void
on_claim_added (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportWarrantiesGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_interaction_repository_add_finish (RAPPORT_INTERACTION_REPOSITORY (source), result, &error))
    rapport_widget_add_error_toast (GTK_WIDGET (self), error);
  else
    rapport_widget_add_toast (GTK_WIDGET (self), _("Warranty claim logged on the client’s timeline"));
}

/**
 * rapport_warranties_group_log_claim:
 * @self: the group
 * @index: which warranty, in the list's order
 * @problem: (nullable): what is wrong
 *
 * Logs a claim under the warranty as a note on the client's timeline,
 * written on the database's worker.
 */
void
rapport_warranties_group_log_claim (RapportWarrantiesGroup *self,
                                    guint                   index,
                                    const char             *problem)
{
  g_autoptr(RapportInteraction) claim = NULL;
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (RAPPORT_IS_WARRANTIES_GROUP (self));

  if (index >= self->warranties->len)
    return;
  now = rapport_context_dup_now (self->context);
  claim = rapport_warranty_claim_new (g_ptr_array_index (self->warranties, index), problem,
                                      g_date_time_to_unix (now));
  rapport_interaction_repository_add_async (rapport_context_get_interactions (self->context), claim, NULL,
                                            on_claim_added, g_object_ref (self));
}

typedef struct
{
  RapportWarrantiesGroup *group;
  guint                   index;
  GtkEditable            *problem;
} Claim;

static void
claim_free (gpointer  data,
            GClosure *closure)
{
  Claim *claim = data;

  g_object_unref (claim->group);
  g_free (claim);
}

static void
on_claim_response (AdwMessageDialog *dialog,
                   const char       *response,
                   Claim            *claim)
{
  if (g_str_equal (response, "log"))
    rapport_warranties_group_log_claim (claim->group, claim->index, gtk_editable_get_text (claim->problem));
}

static void
on_claim_clicked (RapportWarrantiesGroup *self,
                  GtkButton              *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index = row ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  RapportWarranty *warranty;
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *entry;
  Claim *claim;

  if (index < 0 || (guint) index >= self->warranties->len)
    return;
  warranty = g_ptr_array_index (self->warranties, index);
  /* TRANSLATORS: a dialog's heading; %s is the product */
  heading = g_strdup_printf (_("Log a Warranty Claim for “%s”?"), warranty->product);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The claim is kept as a note on the client’s timeline."));
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What is wrong"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("What is wrong"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "log", _("_Log Claim"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "log", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "log");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  claim = g_new0 (Claim, 1);
  claim->group = g_object_ref (self);
  claim->index = (guint) index;
  claim->problem = GTK_EDITABLE (entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_claim_response), claim, claim_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* “Until April 22, 2027 · SN1F · Order 2026-0051”: on one
 * line where there is room, and in a narrow window a part a line, never
 * a date or a number broken across two. */
static char *
join_unbroken (GPtrArray *parts)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      g_autoptr(GString) part = g_string_new (g_ptr_array_index (parts, i));

      g_string_replace (part, " ", "\u00a0", 0);
      if (i > 0)
        g_string_append (text, " · ");
      g_string_append (text, part->str);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
make_row (RapportWarrantiesGroup *self,
          RapportWarranty        *warranty,
          const char             *today,
          const char             *notice_from)
{
  g_autofree char *ends = rapport_format_iso_date (warranty->ends_on);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  g_autofree char *claim_label = NULL;
  gboolean ended = g_strcmp0 (warranty->ends_on, today) < 0;
  gboolean ending = !ended && g_strcmp0 (warranty->ends_on, notice_from) <= 0;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *state = gtk_label_new (ended ? _("Ended") : ending ? _("Ends soon") : _("Running"));
  GtkWidget *claim = gtk_button_new_with_label (_("Claim…"));

  /* TRANSLATORS: under a warranty: its last day */
  g_ptr_array_add (parts, g_strdup_printf (_("Until %s"), ends));
  if (*warranty->serial_number != '\0')
    g_ptr_array_add (parts, g_strdup (warranty->serial_number));
  /* TRANSLATORS: the order window's title; %s is the order's number */
  g_ptr_array_add (parts, g_strdup_printf (_("Order %s"), warranty->order_number));
  subtitle = join_unbroken (parts);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warranty->product);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (state, ended ? "dim-label" : ending ? "warning" : "success");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), state);

  /* TRANSLATORS: %s is the product a warranty covers */
  claim_label = g_strdup_printf (_("Log a Warranty Claim for %s"), warranty->product);
  gtk_widget_set_valign (claim, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (claim, claim_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (claim), GTK_ACCESSIBLE_PROPERTY_LABEL, claim_label, -1);
  g_signal_connect_swapped (claim, "clicked", G_CALLBACK (on_claim_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), claim);
  return row;
}

static void
clear_list (RapportWarrantiesGroup *self)
{
  rapport_list_box_remove_rows (self->list);
  g_ptr_array_set_size (self->warranties, 0);
}

/* The running ones, then (if room is left) the ended ones. */
static GPtrArray *
load_client_warranties (RapportWarrantiesGroup     *self,
                        RapportWarrantyRepository  *repository,
                        const char                 *today,
                        GError                    **error)
{
  RapportWarrantyFilter filter = { 0 };
  g_autoptr(GArray) ids = NULL;

  filter.client_id = self->client_id;
  filter.limit = CLIENT_WARRANTIES;
  filter.from_day = today;
  ids = rapport_warranty_repository_search (repository, &filter, error);
  if (ids == NULL)
    return NULL;
  if (ids->len < CLIENT_WARRANTIES)
    {
      g_autofree char *yesterday = rapport_day_shift (today, -1);
      g_autoptr(GArray) ended = NULL;

      filter.from_day = NULL;
      filter.to_day = yesterday;
      filter.limit = CLIENT_WARRANTIES - ids->len;
      ended = rapport_warranty_repository_search (repository, &filter, error);
      if (ended == NULL)
        return NULL;
      g_array_append_vals (ids, ended->data, ended->len);
    }
  return rapport_warranty_repository_load (repository, (const gint64 *) (gpointer) ids->data, ids->len, error);
}

static gboolean
reload (RapportWarrantiesGroup  *self,
        GError                 **error)
{
  RapportWarrantyRepository *repository;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  g_autofree char *notice_from = NULL;

  clear_list (self);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  if (self->context == NULL || (self->client_id == 0 && self->order_id == 0))
    return TRUE;

  repository = rapport_context_get_warranties (self->context);
  now = rapport_context_dup_now (self->context);
  today = g_date_time_format (now, "%Y-%m-%d");
  notice_from = rapport_day_shift (today, (int) rapport_warranty_repository_get_notice_days (repository));
  if (self->order_id != 0)
    found = rapport_warranty_repository_list_for_order (repository, self->order_id, error);
  else
    found = load_client_warranties (self, repository, today, error);
  if (found == NULL)
    return FALSE;

  for (guint i = 0; i < found->len; i++)
    {
      RapportWarranty *warranty = g_ptr_array_index (found, i);

      gtk_list_box_append (self->list, make_row (self, warranty, today, notice_from ? notice_from : today));
    }
  g_ptr_array_extend_and_steal (self->warranties, g_steal_pointer (&found));
  gtk_widget_set_visible (GTK_WIDGET (self), self->warranties->len > 0);
  return TRUE;
}

static void
on_database_changed (RapportWarrantiesGroup *self,
                     const char             *kind,
                     gint64                  id,
                     gboolean                many)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_database_change_concerns (kind, RAPPORT_KIND_WARRANTY))
    return;
  if (!reload (self, &error))
    rapport_widget_add_error_toast (GTK_WIDGET (self), error);
}

static void
rapport_warranties_group_finalize (GObject *object)
{
  RapportWarrantiesGroup *self = RAPPORT_WARRANTIES_GROUP (object);

  g_clear_object (&self->context);
  g_ptr_array_unref (self->warranties);

  G_OBJECT_CLASS (rapport_warranties_group_parent_class)->finalize (object);
}

static void
rapport_warranties_group_class_init (RapportWarrantiesGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_warranties_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-warranties-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportWarrantiesGroup, list);
}

static void
rapport_warranties_group_init (RapportWarrantiesGroup *self)
{
  self->warranties = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_warranty_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
rapport_warranties_group_set_context (RapportWarrantiesGroup *self,
                                      RapportContext         *context)
{
  g_return_if_fail (RAPPORT_IS_WARRANTIES_GROUP (self));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (rapport_context_get_database (context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
}

/**
 * rapport_warranties_group_set_order_id:
 * @self: the group
 * @order_id: whose warranties to show, or 0 for no order's
 * @error: return location for an error, for a person
 *
 * Shows what an order sold under warranty, in the order window.
 */
gboolean
rapport_warranties_group_set_order_id (RapportWarrantiesGroup  *self,
                                       gint64                   order_id,
                                       GError                 **error)
{
  g_return_val_if_fail (RAPPORT_IS_WARRANTIES_GROUP (self), FALSE);

  self->client_id = 0;
  self->order_id = order_id;
  return reload (self, error);
}

/**
 * rapport_warranties_group_set_client_id:
 * @self: the group
 * @client_id: whose warranties to show, or 0 for nobody's
 * @error: return location for an error, for a person
 */
gboolean
rapport_warranties_group_set_client_id (RapportWarrantiesGroup  *self,
                                        gint64                   client_id,
                                        GError                 **error)
{
  g_return_val_if_fail (RAPPORT_IS_WARRANTIES_GROUP (self), FALSE);

  self->client_id = client_id;
  self->order_id = 0;
  return reload (self, error);
}

guint
rapport_warranties_group_get_n_shown (RapportWarrantiesGroup *self)
{
  g_return_val_if_fail (RAPPORT_IS_WARRANTIES_GROUP (self), 0);
  return self->warranties->len;
}
