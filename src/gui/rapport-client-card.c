/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rapport-card-row.h"
#include "rapport-client-card.h"
#include "rapport-client-campaigns.h"
#include "rapport-client-orders.h"
#include "rapport-deliveries-group.h"
#include "rapport-warranties-group.h"
#include "rapport-error.h"
#include "rapport-format.h"
#include "rapport-gtk-workarounds.h"
#include "rapport-interaction-editor.h"
#include "rapport-interaction-row.h"
#include "rapport-task-editor.h"
#include "rapport-text.h"
#include "rapport-wall-clock.h"
#include "rapport-widget-util.h"

/* The history first shows the newest interactions — what the first screen
 * of the card has room for — and more each time the person scrolls to the
 * end or asks for older ones: building rows is most of the time a card
 * takes to open. It is below what the first screen of a card shows, so
 * its first rows are made once the card's first frame is drawn: laying
 * them out took three times what the rest of the card did. */
#define TIMELINE_FIRST 10
#define TIMELINE_MORE 25

struct _RapportClientCard
{
  AdwBin              parent_instance;

  RapportContext     *context;
  RapportClient      *client;
  RapportInteraction *oldest_shown;
  guint               n_shown;
  guint               timeline_source;  /* the first rows, after the frame */
  char               *opening_uri;   /* the tel: or mailto: being opened */

  GtkScrolledWindow  *scroller;
  AdwAvatar          *avatar;
  GtkLabel           *name_label;
  GtkLabel           *organization_label;
  GtkWidget          *archived_label;
  GtkListBox         *contact_list;
  RapportClientOrders *orders_group;
  RapportDeliveriesGroup *deliveries_group;
  RapportWarrantiesGroup *warranties_group;
  RapportClientCampaigns *campaigns_group;
  AdwActionRow       *tags_row;
  AdwActionRow       *birthday_row;
  AdwActionRow       *owner_row;
  AdwActionRow       *since_row;
  GtkWidget          *notes_group;
  GtkLabel           *notes_label;
  GtkListBox         *timeline;
  GtkWidget          *older_button;
  GtkListBox         *tasks_list;
  GPtrArray          *tasks;         /* RapportTask, in the order of tasks_list */
  RapportTask        *deleted_task;  /* what Undo puts back */
  RapportInteraction *deleted_interaction;
};

G_DEFINE_FINAL_TYPE (RapportClientCard, rapport_client_card, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CLIENT,
  N_PROPS
};

enum {
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


/* tel: wants the digits, a leading + when there is one, and the extension
 * as a parameter. */
static char *
phone_uri (const char *phone)
{
  g_autofree char *lower = g_utf8_strdown (phone, -1);
  const char *ext = strstr (lower, "ext");
  g_autofree char *main_part = NULL;
  g_autofree char *digits = NULL;
  g_autofree char *ext_digits = NULL;

  if (ext == NULL)
    ext = strchr (lower, 'x');
  main_part = g_strndup (lower, ext ? (gsize) (ext - lower) : strlen (lower));
  digits = rapport_text_digits (main_part);
  ext_digits = ext ? rapport_text_digits (ext) : NULL;

  return g_strdup_printf ("tel:%s%s%s%s",
                          g_str_has_prefix (g_strstrip (main_part), "+") ? "+" : "",
                          digits,
                          ext_digits && *ext_digits ? ";ext=" : "",
                          ext_digits ? ext_digits : "");
}

static void
on_uri_shown (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RapportClientCard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error))
    g_signal_emit (self, signals[MESSAGE], 0,
                   g_str_has_prefix (self->opening_uri ? self->opening_uri : "", "tel:")
                   ? _("No app for phone calls is installed. The number can be copied instead.")
                   : _("No e-mail app is installed. The address can be copied instead."));
}

/* A phone or e-mail row: call or write, with the app the desktop chose. */
static void
on_open_uri_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!GTK_IS_WINDOW (root))
    return;

  g_free (self->opening_uri);
  self->opening_uri = g_variant_dup_string (parameter, NULL);
  gtk_show_uri_full (GTK_WINDOW (root), self->opening_uri, GDK_CURRENT_TIME, NULL,
                     on_uri_shown, g_object_ref (self));
}

static void
on_copy_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (parameter, NULL));
  g_signal_emit (widget, signals[MESSAGE], 0, _("Copied"));
}

static GtkWidget *
add_contact_row (RapportClientCard *self,
                 const char        *icon,
                 const char        *title,
                 const char        *label,
                 const char        *uri,
                 const char        *action_tooltip,
                 const char        *copy_tooltip)
{
  GtkWidget *row = rapport_card_row_new ();
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  /* Numbers and addresses read left to right in every language. */
  g_autofree char *shown = uri != NULL ? rapport_format_left_to_right (title) : g_strdup (title);

  rapport_card_row_set_title (RAPPORT_CARD_ROW (row), shown, TRUE);
  rapport_card_row_set_subtitle (RAPPORT_CARD_ROW (row), rapport_format_contact_label (label));
  rapport_card_row_set_icon_name (RAPPORT_CARD_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), uri != NULL);
  if (uri != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "card.open-uri");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", uri);
      rapport_gtk_set_new_tooltip (row, action_tooltip);
    }

  gtk_widget_add_css_class (copy, "flat");
  rapport_gtk_set_new_tooltip (copy, copy_tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, copy_tooltip, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "card.copy");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (copy), "s", title);
  rapport_card_row_set_button (RAPPORT_CARD_ROW (row), copy);

  gtk_list_box_append (self->contact_list, row);
  return row;
}

static void
show_contacts (RapportClientCard *self)
{
  GPtrArray *phones = rapport_client_get_phones (self->client);
  GPtrArray *emails = rapport_client_get_emails (self->client);
  GPtrArray *addresses = rapport_client_get_addresses (self->client);

  rapport_list_box_remove_rows (self->contact_list);

  for (guint i = 0; i < phones->len; i++)
    {
      RapportContactPoint *phone = g_ptr_array_index (phones, i);
      g_autofree char *uri = phone_uri (phone->value);

      add_contact_row (self, "call-start-symbolic", phone->value, phone->label, uri,
                       _("Call This Number"), _("Copy the Number"));
    }
  for (guint i = 0; i < emails->len; i++)
    {
      RapportContactPoint *email = g_ptr_array_index (emails, i);
      g_autofree char *uri = g_strconcat ("mailto:", email->value, NULL);

      add_contact_row (self, "mail-unread-symbolic", email->value, email->label, uri,
                       _("Write an E-mail"), _("Copy the E-mail Address"));
    }
  for (guint i = 0; i < addresses->len; i++)
    {
      RapportAddress *address = g_ptr_array_index (addresses, i);
      g_autofree char *text = rapport_address_format (address);

      add_contact_row (self, "mark-location-symbolic", text, address->label, NULL, NULL,
                       _("Copy the Address"));
    }
}

static void
set_property_row (AdwActionRow *row,
                  const char   *value)
{
  gboolean shown = value != NULL && *value != '\0';

  gtk_widget_set_visible (GTK_WIDGET (row), shown);
  if (shown)
    {
      g_autofree char *escaped = g_markup_escape_text (value, -1);
      adw_action_row_set_subtitle (row, escaped);
    }
}

static char *
dup_owner_name (RapportClientCard *self)
{
  gint64 owner_id = rapport_client_get_owner_id (self->client);
  g_autoptr(RapportStaff) owner = NULL;
  g_autoptr(GError) error = NULL;

  if (owner_id == 0)
    return NULL;

  owner = rapport_staff_repository_get (rapport_context_get_staff (self->context), owner_id, &error);
  if (owner == NULL)
    {
      if (!g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND))
        g_signal_emit (self, signals[MESSAGE], 0, error->message);
      return NULL;
    }
  return g_strdup (rapport_staff_get_name (owner));
}

static void
show_details (RapportClientCard *self)
{
  RapportClient *client = self->client;
  const char *organization = rapport_client_get_organization (client);
  const char *notes = rapport_client_get_notes (client);
  g_autofree char *tags = rapport_client_dup_tags_text (client);
  g_autofree char *birthday = rapport_format_iso_date (rapport_client_get_birthday (client));
  g_autofree char *owner = dup_owner_name (self);
  g_autofree char *since = rapport_format_local_date (rapport_client_get_created_at (client));

  adw_avatar_set_text (self->avatar, rapport_client_get_display_name (client));
  gtk_label_set_text (self->name_label, rapport_client_get_display_name (client));
  gtk_label_set_text (self->organization_label, organization);
  gtk_widget_set_visible (GTK_WIDGET (self->organization_label),
                          *organization != '\0'
                          && g_strcmp0 (organization, rapport_client_get_display_name (client)) != 0);
  gtk_widget_set_visible (self->archived_label, rapport_client_get_archived (client));

  set_property_row (self->tags_row, tags);
  set_property_row (self->birthday_row, birthday);
  set_property_row (self->owner_row, owner);
  set_property_row (self->since_row, since);

  gtk_label_set_text (self->notes_label, notes);
  gtk_widget_set_visible (self->notes_group, *notes != '\0');
}

static gboolean
load_interactions (RapportClientCard *self)
{
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  guint limit;

  limit = self->n_shown == 0 ? TIMELINE_FIRST : TIMELINE_MORE;
  page = rapport_interaction_repository_list (rapport_context_get_interactions (self->context),
                                              rapport_client_get_id (self->client),
                                              self->oldest_shown, limit, &error);
  if (page == NULL)
    {
      g_signal_emit (self, signals[MESSAGE], 0, error->message);
      return FALSE;
    }

  now = rapport_context_dup_now (self->context);
  for (guint i = 0; i < page->len; i++)
    gtk_list_box_append (self->timeline, rapport_interaction_row_new (g_ptr_array_index (page, i), now));
  self->n_shown += page->len;
  if (page->len > 0)
    g_set_object (&self->oldest_shown, g_ptr_array_index (page, page->len - 1));

  gtk_widget_set_visible (self->older_button, page->len == limit);
  return TRUE;
}

/* The client's open tasks, the soonest first, each with Done. */
static void
reload_tasks (RapportClientCard *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *tasks;

  rapport_list_box_remove_rows (self->tasks_list);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  if (self->client == NULL)
    return;
  tasks = self->tasks = rapport_task_repository_list_open (rapport_context_get_tasks (self->context),
                                             rapport_client_get_id (self->client), &error);
  if (tasks == NULL)
    {
      g_signal_emit (self, signals[MESSAGE], 0, error->message);
      return;
    }

  now = rapport_context_dup_now (self->context);
  for (guint i = 0; i < tasks->len; i++)
    {
      RapportTask *task = g_ptr_array_index (tasks, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *done = gtk_button_new_from_icon_name ("object-select-symbolic");
      const char *time = rapport_task_get_due_time (task);
      g_autofree char *title = g_markup_escape_text (rapport_task_get_title (task), -1);
      g_autofree char *when = NULL;
      g_autofree char *subtitle = NULL;
      gint64 due = 0;

      rapport_wall_clock_to_utc (g_date_time_get_timezone (now), rapport_task_get_due_on (task), time, &due);
      when = rapport_format_due (due, time != NULL, now);
      subtitle = *rapport_task_get_staff_name (task) != '\0'
                 ? g_markup_printf_escaped ("%s · %s", when, rapport_task_get_staff_name (task))
                 : g_markup_escape_text (when, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "alarm-symbolic");
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

      gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (done, "flat");
      rapport_gtk_set_new_tooltip (done, _("Mark Done"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (done), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Mark Done"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (done), "card.task-done");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (done), "x", rapport_task_get_id (task));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
      gtk_list_box_append (self->tasks_list, row);
    }
}

static void
present (RapportClientCard *self,
         GtkWidget         *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
      /* The application's shortcuts (Ctrl+Q) work in the form too. */
      gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (root)));
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A toast in the page the card is in, with Undo when @undo_action is set. */
static void
toast (RapportClientCard *self,
       const char        *text,
       const char        *undo_action,
       GVariant          *undo_target)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *item;

  if (overlay == NULL)
    {
      if (undo_target != NULL)
        g_variant_unref (g_variant_ref_sink (undo_target));
      return;
    }
  item = adw_toast_new (escaped);
  if (undo_action != NULL)
    {
      adw_toast_set_button_label (item, _("_Undo"));
      adw_toast_set_action_target_value (item, undo_target);
      adw_toast_set_action_name (item, undo_action);
      adw_toast_set_priority (item, ADW_TOAST_PRIORITY_HIGH);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), item);
}

/* A write of the card, on the database's worker: when it went in, a toast
 * (with Undo when @undo_action is set); when refused, the reason. */
typedef struct
{
  RapportClientCard *self;
  const char        *text;
  const char        *undo_action;
  GVariant          *undo_target;
} CardWrite;

static CardWrite *
card_write_new (RapportClientCard *self,
                const char        *text,
                const char        *undo_action,
                GVariant          *undo_target)
{
  CardWrite *write = g_new0 (CardWrite, 1);

  write->self = g_object_ref (self);
  write->text = text;
  write->undo_action = undo_action;
  write->undo_target = undo_target ? g_variant_ref_sink (undo_target) : NULL;
  return write;
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CardWrite *write = user_data;
  g_autoptr(RapportClientCard) self = write->self;
  g_autoptr(GVariant) target = write->undo_target;
  g_autoptr(GError) error = NULL;
  gboolean written = RAPPORT_IS_TASK_REPOSITORY (source)
                     ? rapport_task_repository_write_finish (RAPPORT_TASK_REPOSITORY (source), result, &error)
                     : rapport_interaction_repository_write_finish (RAPPORT_INTERACTION_REPOSITORY (source),
                                                                    result, &error);

  if (!written)
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
  else if (write->text != NULL)
    toast (self, write->text, write->undo_action, target);
  g_free (write);
}

static void
on_task_deleted (RapportClientCard *self,
                 RapportTask       *task)
{
  g_clear_object (&self->deleted_task);
  self->deleted_task = g_object_ref (task);
  toast (self, _("Reminder deleted"), "card.undo-delete-task", NULL);
}

static void
on_task_activated (RapportClientCard *self,
                   GtkListBoxRow     *row)
{
  int index = gtk_list_box_row_get_index (row);
  GtkWidget *editor;

  if (self->tasks == NULL || index < 0 || (guint) index >= self->tasks->len)
    return;
  editor = rapport_task_editor_new (self->context, self->client, g_ptr_array_index (self->tasks, index));
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_task_deleted), self, G_CONNECT_SWAPPED);
  present (self, editor);
}

static void
add_task_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (widget);

  if (self->client != NULL)
    present (self, rapport_task_editor_new (self->context, self->client, NULL));
}

static void
undo_delete_task_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (widget);
  g_autoptr(RapportTask) task = g_steal_pointer (&self->deleted_task);

  if (task != NULL)
    rapport_task_repository_restore_async (rapport_context_get_tasks (self->context), task, NULL,
                                           on_written, card_write_new (self, NULL, NULL, NULL));
}

static void
task_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (widget);
  gint64 id = g_variant_get_int64 (parameter);

  rapport_task_repository_set_done_async (rapport_context_get_tasks (self->context), id, TRUE, NULL, on_written,
                                          card_write_new (self, _("Reminder done"), "card.undo-task-done",
                                                          g_variant_new_int64 (id)));
}

static void
undo_task_done_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (widget);

  rapport_task_repository_set_done_async (rapport_context_get_tasks (self->context), g_variant_get_int64 (parameter),
                                          FALSE, NULL, on_written, card_write_new (self, NULL, NULL, NULL));
}

static void
follow_up_done_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (widget);
  gint64 id = g_variant_get_int64 (parameter);

  rapport_interaction_repository_set_follow_up_done_async (rapport_context_get_interactions (self->context),
                                                           id, TRUE, NULL, on_written,
                                                           card_write_new (self, _("Follow-up done"),
                                                                           "card.undo-follow-up-done",
                                                                           g_variant_new_int64 (id)));
}

static void
undo_follow_up_done_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (widget);

  rapport_interaction_repository_set_follow_up_done_async (rapport_context_get_interactions (self->context),
                                                           g_variant_get_int64 (parameter), FALSE, NULL,
                                                           on_written, card_write_new (self, NULL, NULL, NULL));
}

static void
on_interaction_deleted (RapportClientCard  *self,
                        RapportInteraction *interaction)
{
  g_clear_object (&self->deleted_interaction);
  self->deleted_interaction = g_object_ref (interaction);
  toast (self, _("Interaction deleted"), "card.undo-delete-interaction", NULL);
}

static void
on_interaction_activated (RapportClientCard *self,
                          GtkListBoxRow     *row)
{
  GtkWidget *editor;

  if (!RAPPORT_IS_INTERACTION_ROW (row) || self->client == NULL)
    return;
  editor = rapport_interaction_editor_new_for (self->context, self->client,
                                               rapport_interaction_row_get_interaction (RAPPORT_INTERACTION_ROW (row)));
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_interaction_deleted), self, G_CONNECT_SWAPPED);
  present (self, editor);
}

static void
undo_delete_interaction_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (widget);
  g_autoptr(RapportInteraction) interaction = g_steal_pointer (&self->deleted_interaction);

  if (interaction != NULL)
    rapport_interaction_repository_restore_async (rapport_context_get_interactions (self->context), interaction,
                                                  NULL, on_written, card_write_new (self, NULL, NULL, NULL));
}

/* Forgets the history shown. Its rows go at once, or, with @hide, stay
 * in the hidden list until the rows that replace them are made. */
static void
clear_timeline (RapportClientCard *self,
                gboolean           hide)
{
  g_clear_handle_id (&self->timeline_source, g_source_remove);
  if (!hide)
    rapport_list_box_remove_rows (self->timeline);
  g_clear_object (&self->oldest_shown);
  self->n_shown = 0;
  gtk_widget_set_visible (self->older_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline), !hide);
}

/* The history as it is now, at once: after a change, so that its rows do
 * not vanish for a frame. */
static void
reload_timeline (RapportClientCard *self)
{
  clear_timeline (self, FALSE);
  if (self->client != NULL)
    load_interactions (self);
}

static gboolean
on_timeline_idle (gpointer user_data)
{
  RapportClientCard *self = user_data;

  self->timeline_source = 0;
  rapport_list_box_remove_rows (self->timeline);
  if (self->client != NULL)
    load_interactions (self);
  gtk_widget_set_visible (GTK_WIDGET (self->timeline), TRUE);
  return G_SOURCE_REMOVE;
}

/* Another client's history: when nothing more urgent is left, which is
 * after the frame that shows the rest of the card. Until then the list
 * is hidden rather than saying that nothing was logged; the previous
 * client's rows are taken out then too (removing them was a sixth of the
 * time the card took to open). */
static void
reload_timeline_later (RapportClientCard *self)
{
  clear_timeline (self, self->client != NULL);
  if (self->client != NULL)
    self->timeline_source = g_idle_add (on_timeline_idle, self);
}

static void
on_older_clicked (RapportClientCard *self)
{
  load_interactions (self);
}

static void
on_edge_reached (RapportClientCard *self,
                 GtkPositionType    position)
{
  if (position == GTK_POS_BOTTOM && gtk_widget_get_visible (self->older_button))
    load_interactions (self);
}

static void
reload_orders (RapportClientCard *self)
{
  g_autoptr(GError) error = NULL;

  gint64 client_id = self->client ? rapport_client_get_id (self->client) : 0;

  if (!rapport_client_orders_set_client_id (self->orders_group, client_id, &error)
      || !rapport_deliveries_group_set_client_id (self->deliveries_group, client_id, &error)
      || !rapport_warranties_group_set_client_id (self->warranties_group, client_id, &error)
      || !rapport_client_campaigns_set_client_id (self->campaigns_group, client_id, &error))
    g_signal_emit (self, signals[MESSAGE], 0, error->message);
}

static void
set_client (RapportClientCard *self,
            RapportClient     *client)
{
  gboolean same = self->client && client
                  && rapport_client_get_id (self->client) == rapport_client_get_id (client);

  g_set_object (&self->client, client);
  if (client != NULL)
    {
      show_details (self);
      show_contacts (self);
    }
  reload_tasks (self);
  if (!same)
    {
      reload_timeline_later (self);
      reload_orders (self);
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

static void
reload_client (RapportClientCard *self)
{
  g_autoptr(RapportClient) client = NULL;
  g_autoptr(GError) error = NULL;

  client = rapport_client_repository_get (rapport_context_get_clients (self->context),
                                          rapport_client_get_id (self->client), &error);
  if (client == NULL && !g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND))
    {
      g_signal_emit (self, signals[MESSAGE], 0, error->message);
      return;
    }
  set_client (self, client);
}

/* Whoever changed the client, its owner or its history — this window,
 * another one, the command line — the card shows it as it is now. */
static void
on_database_changed (RapportClientCard *self,
                     const char        *kind,
                     gint64             id,
                     gboolean           many)
{
  gint64 client_id;

  if (self->client == NULL)
    return;

  client_id = rapport_client_get_id (self->client);
  if ((rapport_database_change_concerns (kind, RAPPORT_KIND_CLIENT) && (many || id == client_id))
      || (rapport_database_change_concerns (kind, RAPPORT_KIND_STAFF)
          && (many || id == rapport_client_get_owner_id (self->client))))
    reload_client (self);

  if (self->client != NULL
      && rapport_database_change_concerns (kind, RAPPORT_KIND_INTERACTION)
      && (many || id == client_id))
    reload_timeline (self);

  /* An order's notice names the order, not its client. */
  if (self->client != NULL
      && (rapport_database_change_concerns (kind, RAPPORT_KIND_ORDER)
          || rapport_database_change_concerns (kind, RAPPORT_KIND_BUSINESS)
          || rapport_database_change_concerns (kind, RAPPORT_KIND_CAMPAIGN)
          || (rapport_database_change_concerns (kind, RAPPORT_KIND_OPT_OUT) && (many || id == client_id))))
    reload_orders (self);
  if (self->client != NULL
      && (rapport_database_change_concerns (kind, RAPPORT_KIND_TASK)
          || rapport_database_change_concerns (kind, RAPPORT_KIND_STAFF))
      && (many || id == client_id || kind == NULL || g_strcmp0 (kind, RAPPORT_KIND_STAFF) == 0))
    reload_tasks (self);
}

static void
rapport_client_card_constructed (GObject *object)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (object);

  G_OBJECT_CLASS (rapport_client_card_parent_class)->constructed (object);

  rapport_client_orders_set_context (self->orders_group, self->context);
  rapport_deliveries_group_set_context (self->deliveries_group, self->context);
  rapport_warranties_group_set_context (self->warranties_group, self->context);
  rapport_client_campaigns_set_context (self->campaigns_group, self->context);
  g_signal_connect_object (rapport_context_get_database (self->context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scroller, "edge-reached",
                           G_CALLBACK (on_edge_reached), self, G_CONNECT_SWAPPED);
}

static void
rapport_client_card_dispose (GObject *object)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (object);

  g_clear_handle_id (&self->timeline_source, g_source_remove);
  g_clear_object (&self->client);
  g_clear_object (&self->oldest_shown);
  g_clear_pointer (&self->opening_uri, g_free);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_object (&self->deleted_task);
  g_clear_object (&self->deleted_interaction);

  G_OBJECT_CLASS (rapport_client_card_parent_class)->dispose (object);
}

static void
rapport_client_card_finalize (GObject *object)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (object);

  g_clear_object (&self->context);

  G_OBJECT_CLASS (rapport_client_card_parent_class)->finalize (object);
}

static void
rapport_client_card_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_client_card_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportClientCard *self = RAPPORT_CLIENT_CARD (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_client_card_class_init (RapportClientCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_client_card_constructed;
  object_class->dispose = rapport_client_card_dispose;
  object_class->finalize = rapport_client_card_finalize;
  object_class->get_property = rapport_client_card_get_property;
  object_class->set_property = rapport_client_card_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, RAPPORT_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportClientCard::message:
   * @self: the card
   * @text: something to tell the person, briefly
   */
  signals[MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (RAPPORT_TYPE_CLIENT_ORDERS);
  g_type_ensure (RAPPORT_TYPE_DELIVERIES_GROUP);
  g_type_ensure (RAPPORT_TYPE_WARRANTIES_GROUP);
  g_type_ensure (RAPPORT_TYPE_CLIENT_CAMPAIGNS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-client-card.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, scroller);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, avatar);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, organization_label);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, archived_label);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, contact_list);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, orders_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, deliveries_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, warranties_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, campaigns_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, owner_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, since_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, notes_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, notes_label);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, timeline);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, older_button);
  gtk_widget_class_bind_template_child (widget_class, RapportClientCard, tasks_list);
  gtk_widget_class_bind_template_callback (widget_class, on_task_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_interaction_activated);
  gtk_widget_class_install_action (widget_class, "card.add-task", NULL, add_task_action);
  gtk_widget_class_install_action (widget_class, "card.task-done", "x", task_done_action);
  gtk_widget_class_install_action (widget_class, "card.undo-task-done", "x", undo_task_done_action);
  gtk_widget_class_install_action (widget_class, "card.undo-delete-task", NULL, undo_delete_task_action);
  gtk_widget_class_install_action (widget_class, "card.follow-up-done", "x", follow_up_done_action);
  gtk_widget_class_install_action (widget_class, "card.undo-follow-up-done", "x", undo_follow_up_done_action);
  gtk_widget_class_install_action (widget_class, "card.undo-delete-interaction", NULL,
                                   undo_delete_interaction_action);
  gtk_widget_class_install_action (widget_class, "card.open-uri", "s", on_open_uri_action);
  gtk_widget_class_install_action (widget_class, "card.copy", "s", on_copy_action);
  gtk_widget_class_bind_template_callback (widget_class, on_older_clicked);
}

static void
rapport_client_card_init (RapportClientCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportClientCard *
rapport_client_card_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  return g_object_new (RAPPORT_TYPE_CLIENT_CARD, "context", context, NULL);
}

/**
 * rapport_client_card_set_client_id:
 * @self: a card
 * @id: the client to show, or 0 for none
 *
 * Returns: %FALSE when the client does not exist; the card is empty then
 */
gboolean
rapport_client_card_set_client_id (RapportClientCard *self,
                                   gint64             id)
{
  g_autoptr(RapportClient) client = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_CARD (self), FALSE);

  if (id != 0)
    {
      client = rapport_client_repository_get (rapport_context_get_clients (self->context), id, &error);
      if (client == NULL)
        g_signal_emit (self, signals[MESSAGE], 0, error->message);
    }

  set_client (self, client);
  return id == 0 || client != NULL;
}

/**
 * rapport_client_card_get_client:
 * @self: a card
 *
 * Returns: (transfer none) (nullable): the client shown, with everything
 *   the card shows of it
 */
RapportClient *
rapport_client_card_get_client (RapportClientCard *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_CARD (self), NULL);
  return self->client;
}

/**
 * rapport_client_card_get_n_shown:
 * @self: a card
 *
 * Returns: how many interactions the history shows now
 */
guint
rapport_client_card_get_n_shown (RapportClientCard *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_CARD (self), 0);
  return self->n_shown;
}
