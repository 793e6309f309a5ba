/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client-card.h"
#include "rapport-client-row.h"
#include "rapport-client-editor.h"
#include "rapport-clients-page.h"
#include "rapport-demo.h"
#include "rapport-format.h"
#include "rapport-interaction-editor.h"
#include "rapport-order-editor.h"
#include "rapport-text.h"

/* What “Try with Sample Clients” adds: enough to look around, little
 * enough to appear at once. */
#define SAMPLE_SEED 2024
#define SAMPLE_CLIENTS 300
#define SAMPLE_INTERACTIONS 1500

/* A removal that its toast can still undo. */
typedef struct
{
  RapportClient  *snapshot;
  RapportRemoval  removal;
} PendingUndo;

struct _RapportClientsPage
{
  AdwBin              parent_instance;

  RapportContext     *context;
  RapportClientList  *list;
  GtkSingleSelection *selection;
  RapportClientCard  *card;
  GCancellable       *sample_cancellable;
  GCancellable       *archived_cancellable;  /* counting archived matches */
  GHashTable         *pending_undos;   /* AdwToast → PendingUndo */
  RapportClient      *removing;        /* while its removal is written */
  gint64              undoing;         /* the client an Undo brings back */
  gboolean            sidebar_folded;
  gboolean            folded;          /* the leaflet's, kept for bindings */
  gboolean            has_history;
  gboolean            setting_search;  /* the search entry's text is being replaced */
  char               *phone_region;    /* the business's country, for matching */
  guint               scroll_position;
  guint               scroll_tick;

  AdwToastOverlay    *toast_overlay;
  GtkStack           *stack;
  GtkWidget          *sample_button;
  GtkWidget          *sample_spinner;
  GtkLabel           *sample_label;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkWidget          *card_pane;
  AdwWindowTitle     *list_title;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  AdwWindowTitle     *card_title;
  GtkStack           *card_stack;
};

G_DEFINE_FINAL_TYPE (RapportClientsPage, rapport_clients_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SIDEBAR_FOLDED,
  PROP_HAS_CLIENT,
  PROP_FOLDED,
  N_PROPS
};

enum {
  SHOW_SIDEBAR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static RapportClientRepository *
get_clients (RapportClientsPage *self)
{
  return rapport_context_get_clients (self->context);
}

static void
pending_undo_free (PendingUndo *undo)
{
  g_clear_object (&undo->snapshot);
  g_free (undo);
}

static RapportClient *
get_client (RapportClientsPage *self)
{
  /* Bindings in the template ask before the card is made. */
  return self->card ? rapport_client_card_get_client (self->card) : NULL;
}

/* Toast titles are markup: what people typed must not be read as markup. */
static AdwToast *
add_toast (RapportClientsPage *self,
           const char         *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return toast;
}

static void
add_error_toast (RapportClientsPage *self,
                 const GError       *error)
{
  AdwToast *toast = add_toast (self, error->message);

  /* An error stays until it is dismissed: it may need reading twice. */
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
}

/* One place decides what can be done with the client on show. */
static void
update_actions (RapportClientsPage *self)
{
  RapportClient *client = get_client (self);
  gboolean archived = client != NULL && rapport_client_get_archived (client);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.edit", client != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.log", client != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.new-order", client != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.restore", archived);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.archive",
                                 client != NULL && !archived && self->has_history);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "client.delete",
                                 client != NULL && !archived && !self->has_history);
}

/* GTK 4.8's single selection has no unselect_all(). */
static void
unselect (RapportClientsPage *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
select_current (RapportClientsPage *self)
{
  RapportClient *client = get_client (self);
  guint position = client ? rapport_client_list_find (self->list, rapport_client_get_id (client))
                          : G_MAXUINT;

  if (position == G_MAXUINT)
    {
      unselect (self);
      return;
    }
  gtk_single_selection_set_selected (self->selection, position);
}

static void
set_empty_page (RapportClientsPage *self,
                const char         *title,
                const char         *description)
{
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}

/* A search found no active client: whether archived ones match is told,
 * once a worker has counted them. */
static void
on_archived_counted (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(RapportClientsPage) self = user_data;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *count = NULL;
  g_autofree char *description = NULL;

  ids = rapport_client_repository_search_finish (RAPPORT_CLIENT_REPOSITORY (source), result, NULL);
  if (ids == NULL || ids->len == 0 || self->list == NULL)
    return;
  g_clear_object (&self->archived_cancellable);

  count = rapport_format_count (ids->len);
  /* TRANSLATORS: %s is a number, in the reader's digits */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "No active client matches, but %s archived client does. Choose “Show Archived Clients” in the sort menu to see it.",
                                              "No active client matches, but %s archived clients do. Choose “Show Archived Clients” in the sort menu to see them.",
                                              ids->len),
                                 count);
  set_empty_page (self, _("Only Archived Clients Match"), description);
}

static void
count_archived_matches (RapportClientsPage *self,
                        const char         *search)
{
  self->archived_cancellable = g_cancellable_new ();
  rapport_client_repository_search_async (get_clients (self), search,
                                          rapport_client_list_get_sort (self->list), TRUE,
                                          self->archived_cancellable, on_archived_counted,
                                          g_object_ref (self));
}

static void
update_list_state (RapportClientsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  const char *search = rapport_client_list_get_search (self->list);
  g_autofree char *trimmed = g_strstrip (g_strdup (search));
  g_autofree char *subtitle = NULL;
  g_autofree char *count = rapport_format_count (n);

  if (self->archived_cancellable != NULL)
    g_cancellable_cancel (self->archived_cancellable);
  g_clear_object (&self->archived_cancellable);

  /* TRANSLATORS: %s is a number, written with the reader's digits and grouping */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s client", "%s clients", n), count);
  adw_window_title_set_subtitle (self->list_title, subtitle);

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (rapport_text_is_short_phone (trimmed))
    {
      set_empty_page (self, _("Keep Typing"),
                      _("A phone number is looked for from its third digit."));
    }
  else if (*trimmed != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (search, -1);
      g_autofree char *description =
        g_strdup_printf (_("No client’s name, phone, e-mail, address or notes contain “%s”."), escaped);

      set_empty_page (self, _("No Results"), description);
      if (!rapport_client_list_get_include_archived (self->list))
        count_archived_matches (self, search);
    }
  else
    {
      set_empty_page (self, _("No Active Clients"),
                      _("Every client is archived. Choose “Show Archived Clients” in the sort menu to see them."));
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

/* What the search found in @row's client, when the row does not show it. */
static void
show_match (RapportClientsPage *self,
            RapportClientRow   *row)
{
  RapportClient *client = rapport_client_row_get_client (row);
  const char *search = rapport_client_list_get_search (self->list);
  g_autofree char *matched = NULL;
  RapportClientMatch match = RAPPORT_CLIENT_MATCH_SHOWN;

  if (client == NULL)
    return;
  if (*search != '\0')
    match = rapport_client_find_hidden_match (client, search, self->phone_region, &matched);
  rapport_client_row_set_match (row, match, matched);
}

/* While a search runs, no row is selected: its slots are about to show
 * other clients. When the new rows are in, the row of the client on the
 * card is selected again, if the search found it; the card stays. */
static void
on_list_loading (RapportClientsPage *self)
{
  if (rapport_client_list_get_loading (self->list))
    unselect (self);
  else
    {
      /* A list whose count stays the same changes no items, but what it
       * says depends on the search. Every row was shown anew with the
       * search's result (its slot told it), what matched included. */
      update_list_state (self);
      select_current (self);
    }
}

/* A search's first rows are in, the rest still coming. */
static void
on_list_partial (RapportClientsPage *self)
{
  if (rapport_client_list_get_partial (self->list))
    {
      update_list_state (self);
      select_current (self);
    }
}

static void
on_list_items_changed (RapportClientsPage *self)
{
  update_list_state (self);
  select_current (self);
}

static void
update_stack (RapportClientsPage *self)
{
  g_autoptr(GError) error = NULL;
  gboolean has_clients = TRUE;

  /* When the question cannot be answered, the list stays and says why. */
  if (!rapport_client_repository_has_any (get_clients (self), &has_clients, &error))
    add_error_toast (self, error);

  gtk_stack_set_visible_child_name (self->stack, has_clients ? "main" : "welcome");
}

static void
on_database_changed (RapportClientsPage *self,
                     const char         *kind)
{
  if (rapport_database_change_concerns (kind, RAPPORT_KIND_CLIENT))
    update_stack (self);
}

static void
on_list_failed (RapportClientsPage *self,
                const GError       *error)
{
  add_error_toast (self, error);
}

static void
show_nothing (RapportClientsPage *self)
{
  rapport_client_card_set_client_id (self->card, 0);
  gtk_stack_set_visible_child_name (self->card_stack, "none");
  adw_window_title_set_title (self->card_title, "");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  unselect (self);
}

static void
on_card_client_changed (RapportClientsPage *self)
{
  RapportClient *client = get_client (self);
  g_autoptr(GError) error = NULL;
  guint count = 0;

  if (client == NULL)
    {
      if (g_str_equal (gtk_stack_get_visible_child_name (self->card_stack), "card"))
        show_nothing (self);
    }
  else
    {
      adw_window_title_set_title (self->card_title, rapport_client_get_display_name (client));
      if (!rapport_interaction_repository_count (rapport_context_get_interactions (self->context),
                                                 rapport_client_get_id (client), &count, &error))
        add_error_toast (self, error);
    }

  self->has_history = count > 0;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_CLIENT]);
}

static void
on_card_message (RapportClientsPage *self,
                 const char         *text)
{
  add_toast (self, text);
}

static void
on_search_changed (RapportClientsPage *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  if (self->setting_search)
    return;
  /* A new search is read from its first row. */
  if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, 0);
  rapport_client_list_set_search (self->list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Puts @text in the search entry and searches it, once: replacing an
 * entry's text empties it first, and the search entry tells an empty
 * search at once, which would read the first rows of every client for
 * nothing. */
static void
set_search_text (RapportClientsPage *self,
                 const char         *text)
{
  self->setting_search = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  self->setting_search = FALSE;
  on_search_changed (self);
}

/* Enter in the search opens the first client found. */
static void
on_search_activate (RapportClientsPage *self)
{
  gint64 id = rapport_client_list_get_id (self->list, 0);

  if (id != 0)
    rapport_clients_page_show_client (self, id);
}

static void
on_search_stop (RapportClientsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_list_activate (RapportClientsPage *self,
                  guint               position)
{
  gint64 id = rapport_client_list_get_id (self->list, position);

  if (id != 0)
    rapport_clients_page_show_client (self, id);
}

static gboolean
on_scroll_tick (GtkWidget     *list_view,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (gtk_widget_get_ancestor (list_view, RAPPORT_TYPE_CLIENTS_PAGE));

  if (gtk_widget_get_height (list_view) == 0)
    return G_SOURCE_CONTINUE;

  gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", self->scroll_position);
  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

/* GTK 4.8's list view scrolled before it has a size stays blank: scroll in
 * the first frame it has one. */
static void
scroll_to (RapportClientsPage *self,
           guint               position)
{
  self->scroll_position = position;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), on_scroll_tick,
                                                      NULL, NULL);
}

static void
present_dialog (RapportClientsPage *self,
                GtkWidget          *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
      /* The application's shortcuts (Ctrl+Q) work in the dialog too. */
      gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (root)));
    }
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_editor_saved (RapportClientsPage *self,
                 RapportClient      *client)
{
  rapport_clients_page_show_client (self, rapport_client_get_id (client));
}

static void
on_editor_open_client (RapportClientsPage *self,
                       gint64              id)
{
  rapport_clients_page_show_client (self, id);
}

static void
open_editor (RapportClientsPage *self,
             RapportClient      *client,
             const char         *phone)
{
  GtkWidget *editor = rapport_client_editor_new (self->context, client);

  if (phone != NULL)
    rapport_client_editor_set_phone (RAPPORT_CLIENT_EDITOR (editor), phone);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "open-client", G_CALLBACK (on_editor_open_client),
                           self, G_CONNECT_SWAPPED);
  present_dialog (self, editor);
}

/* After Undo or Restore: the client, back in the list, is shown. */
static void
on_undone (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RapportClientsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = self->undoing;

  self->undoing = 0;
  if (!rapport_client_repository_save_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error))
    add_error_toast (self, error);
  else if (id != 0)
    rapport_clients_page_show_client (self, id);
}

static void
on_undo_remove (AdwToast           *toast,
                RapportClientsPage *self)
{
  PendingUndo *undo = g_hash_table_lookup (self->pending_undos, toast);
  gint64 id;

  if (undo == NULL)
    return;

  /* Written on the database's worker; the change notice brings the client
   * back into the list, and the card shows it. */
  id = rapport_client_get_id (undo->snapshot);
  self->undoing = id;
  if (undo->removal == RAPPORT_REMOVAL_DELETED)
    rapport_client_repository_restore_async (get_clients (self), undo->snapshot, NULL,
                                             on_undone, g_object_ref (self));
  else
    rapport_client_repository_set_archived_async (get_clients (self), id, FALSE, NULL,
                                                  on_undone, g_object_ref (self));
  g_hash_table_remove (self->pending_undos, toast);
}

static void
on_undo_toast_dismissed (AdwToast           *toast,
                         RapportClientsPage *self)
{
  g_hash_table_remove (self->pending_undos, toast);
}

static void
on_removed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RapportClientsPage) self = user_data;
  g_autoptr(RapportClient) snapshot = g_steal_pointer (&self->removing);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  RapportRemoval removal;
  PendingUndo *undo;
  AdwToast *toast;

  if (!rapport_client_repository_remove_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &removal, &error))
    {
      add_error_toast (self, error);
      return;
    }

  if (get_client (self) != NULL && rapport_client_get_id (get_client (self)) == rapport_client_get_id (snapshot))
    show_nothing (self);
  message = g_strdup_printf (removal == RAPPORT_REMOVAL_DELETED ? _("“%s” deleted")
                                                                : _("“%s” archived"),
                             rapport_client_get_display_name (snapshot));
  toast = add_toast (self, message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  undo = g_new0 (PendingUndo, 1);
  undo->snapshot = g_steal_pointer (&snapshot);
  undo->removal = removal;
  g_hash_table_insert (self->pending_undos, g_object_ref (toast), undo);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self, 0);
}

static void
remove_client (RapportClientsPage *self)
{
  RapportClient *client = get_client (self);

  if (client == NULL || self->removing != NULL)
    return;

  self->removing = rapport_client_copy (client);
  rapport_client_repository_remove_async (get_clients (self), rapport_client_get_id (client), NULL,
                                          on_removed, g_object_ref (self));
}

static void
on_edit_client_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (widget);

  if (get_client (self) != NULL)
    open_editor (self, get_client (self), NULL);
}

static void
on_log_interaction_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (widget);

  if (get_client (self) != NULL)
    present_dialog (self, rapport_interaction_editor_new (self->context, get_client (self)));
}

static void
on_new_order_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (widget);

  if (get_client (self) != NULL)
    present_dialog (self, GTK_WIDGET (rapport_order_editor_new (self->context,
                                                                rapport_client_get_id (get_client (self)))));
}

/* Archive and Delete are one removal: the client's history decides. */
static void
on_remove_client_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  remove_client (RAPPORT_CLIENTS_PAGE (widget));
}

static void
on_restore_client_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (widget);
  RapportClient *client = get_client (self);

  if (client != NULL)
    rapport_client_repository_set_archived_async (get_clients (self), rapport_client_get_id (client),
                                                  FALSE, NULL, on_undone, g_object_ref (self));
}

static void
on_sample_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportClientsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_demo_seed_finish (RAPPORT_DATABASE (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    add_error_toast (self, error);

  g_clear_object (&self->sample_cancellable);
  gtk_widget_set_visible (self->sample_spinner, FALSE);
  gtk_spinner_stop (GTK_SPINNER (self->sample_spinner));
  gtk_label_set_text_with_mnemonic (self->sample_label, _("_Try with Sample Clients"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.try-sample", TRUE);
}

static void
on_new_client_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  rapport_clients_page_new_client (RAPPORT_CLIENTS_PAGE (widget), NULL);
}

static void
on_show_sidebar_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_SIDEBAR], 0);
}

static void
on_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
on_try_sample_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (widget);
  RapportDemoOptions options = { SAMPLE_SEED, SAMPLE_CLIENTS, SAMPLE_INTERACTIONS, 0 };

  if (self->sample_cancellable != NULL)
    return;

  self->sample_cancellable = g_cancellable_new ();
  gtk_widget_action_set_enabled (widget, "clients.try-sample", FALSE);
  gtk_widget_set_visible (self->sample_spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->sample_spinner));
  gtk_label_set_text (self->sample_label, _("Adding Sample Clients…"));
  rapport_demo_seed_async (rapport_context_get_database (self->context), &options,
                           self->sample_cancellable, on_sample_done, g_object_ref (self));
}

static gboolean
sort_from_setting (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *sort = g_variant_get_string (variant, NULL);

  g_value_set_enum (value, g_str_equal (sort, "last-contact") ? RAPPORT_CLIENT_SORT_LAST_CONTACT
                                                              : RAPPORT_CLIENT_SORT_NAME);
  return TRUE;
}

static void
setup_view_actions (RapportClientsPage *self)
{
  GSettings *settings = rapport_context_get_settings (self->context);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GAction) sort = g_settings_create_action (settings, "client-sort");
  g_autoptr(GAction) archived = g_settings_create_action (settings, "show-archived");

  g_action_map_add_action (G_ACTION_MAP (group), sort);
  g_action_map_add_action (G_ACTION_MAP (group), archived);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "view", G_ACTION_GROUP (group));

  g_settings_bind_with_mapping (settings, "client-sort", self->list, "sort",
                                G_SETTINGS_BIND_GET, sort_from_setting, NULL, NULL, NULL);
  g_settings_bind (settings, "show-archived", self->list, "include-archived", G_SETTINGS_BIND_GET);
}

static void
on_row_setup (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  gtk_list_item_set_child (item, rapport_client_row_new ());
}

/* The row shows what its slot holds now, and what the search found in it.
 * GTK 4.8 unbinds and binds a row again when only its selection changed:
 * one that shows its client already is left as it is (opening a card
 * selects its row, and writing the two rows again was a sixth of the time
 * the card took to open). */
static void
show_slot (RapportClientsPage *self,
           RapportClientRow   *row,
           RapportClientSlot  *slot)
{
  RapportClient *client = rapport_client_slot_get_client (slot);
  g_autoptr(GDateTime) now = NULL;

  if (client == rapport_client_row_get_client (row))
    {
      /* What matched, or the tags again after a search. */
      show_match (self, row);
      return;
    }
  now = rapport_context_dup_now (self->context);
  rapport_client_row_set_client (row, client, now);
  if (*rapport_client_list_get_search (self->list) != '\0')
    show_match (self, row);
}

static void
on_slot_client_changed (RapportClientSlot *slot,
                        GParamSpec        *pspec,
                        RapportClientRow  *row)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                            RAPPORT_TYPE_CLIENTS_PAGE));

  if (self != NULL)
    show_slot (self, row, slot);
}

static void
on_row_bind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RapportClientsPage       *self)
{
  RapportClientRow *row = RAPPORT_CLIENT_ROW (gtk_list_item_get_child (item));
  RapportClientSlot *slot = gtk_list_item_get_item (item);

  show_slot (self, row, slot);
  g_signal_connect_object (slot, "notify::client", G_CALLBACK (on_slot_client_changed), row, 0);
}

static void
on_row_unbind (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  RapportClientRow *row = RAPPORT_CLIENT_ROW (gtk_list_item_get_child (item));
  RapportClientSlot *slot = gtk_list_item_get_item (item);

  /* The row keeps showing its client: bound again, it is often the same. */
  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, on_slot_client_changed, row);
}

/* Rows come from a signal factory and follow their slot: a new search
 * shows other clients in the same slots, so GTK 4.8 keeps the row widgets
 * (it makes new ones for items it has not seen). */
static void
setup_list (RapportClientsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_row_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_row_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_row_unbind), NULL);
  gtk_list_view_set_factory (self->list_view, factory);

  self->list = rapport_client_list_new (get_clients (self));
  self->selection = g_object_new (GTK_TYPE_SINGLE_SELECTION,
                                  "autoselect", FALSE,
                                  "can-unselect", TRUE,
                                  "model", self->list,
                                  NULL);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (on_list_items_changed),
                           self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->list, "notify::loading", G_CALLBACK (on_list_loading),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::partial", G_CALLBACK (on_list_partial),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "failed", G_CALLBACK (on_list_failed),
                           self, G_CONNECT_SWAPPED);
}

static void
on_phone_country_changed (RapportClientsPage *self)
{
  g_free (self->phone_region);
  self->phone_region = rapport_context_dup_phone_region (self->context);
}

static void
rapport_clients_page_constructed (GObject *object)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (object);

  G_OBJECT_CLASS (rapport_clients_page_parent_class)->constructed (object);

  g_signal_connect_object (rapport_context_get_settings (self->context), "changed::phone-country",
                           G_CALLBACK (on_phone_country_changed), self, G_CONNECT_SWAPPED);
  on_phone_country_changed (self);

  setup_list (self);
  setup_view_actions (self);

  /* Held, not only parented: template bindings ask for the shown client
   * while the page is being torn down. */
  self->card = g_object_ref_sink (rapport_client_card_new (self->context));
  gtk_stack_add_named (self->card_stack, GTK_WIDGET (self->card), "card");
  g_signal_connect_object (self->card, "notify::client", G_CALLBACK (on_card_client_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->card, "message", G_CALLBACK (on_card_message),
                           self, G_CONNECT_SWAPPED);

  g_signal_connect_object (rapport_context_get_database (self->context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
  gtk_search_entry_set_search_delay (self->search_entry, 0);
  gtk_search_entry_set_key_capture_widget (self->search_entry, self->list_pane);

  update_stack (self);
  update_list_state (self);
  update_actions (self);
  if (rapport_client_list_get_error (self->list) != NULL)
    add_error_toast (self, rapport_client_list_get_error (self->list));
}

static void
rapport_clients_page_dispose (GObject *object)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (object);

  if (self->sample_cancellable != NULL)
    g_cancellable_cancel (self->sample_cancellable);
  if (self->archived_cancellable != NULL)
    g_cancellable_cancel (self->archived_cancellable);
  g_clear_object (&self->archived_cancellable);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);
  g_clear_object (&self->card);
  g_clear_pointer (&self->pending_undos, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_clients_page_parent_class)->dispose (object);
}

static void
rapport_clients_page_finalize (GObject *object)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (object);

  g_clear_object (&self->context);
  g_free (self->phone_region);
  g_clear_object (&self->removing);

  G_OBJECT_CLASS (rapport_clients_page_parent_class)->finalize (object);
}

static void
rapport_clients_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_SIDEBAR_FOLDED: g_value_set_boolean (value, self->sidebar_folded); break;
    case PROP_HAS_CLIENT: g_value_set_boolean (value, get_client (self) != NULL); break;
    case PROP_FOLDED: g_value_set_boolean (value, self->folded); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_clients_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportClientsPage *self = RAPPORT_CLIENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_SIDEBAR_FOLDED:
      if (self->sidebar_folded != g_value_get_boolean (value))
        {
          self->sidebar_folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_clients_page_class_init (RapportClientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_clients_page_constructed;
  object_class->dispose = rapport_clients_page_dispose;
  object_class->finalize = rapport_clients_page_finalize;
  object_class->get_property = rapport_clients_page_get_property;
  object_class->set_property = rapport_clients_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_FOLDED] =
    g_param_spec_boolean ("sidebar-folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HAS_CLIENT] =
    g_param_spec_boolean ("has-client", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The leaflet's, for the template's bindings: GTK 4.8 unwatches a
   * binding on a template child after that child is gone ("couldn't find
   * weak ref") when the page is destroyed; the page itself outlives them. */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportClientsPage::show-sidebar:
   *
   * The person asked to go back to the list of pages.
   */
  signals[SHOW_SIDEBAR] =
    g_signal_new ("show-sidebar", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-clients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, sample_button);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, sample_spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, sample_label);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, card_pane);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, card_title);
  gtk_widget_class_bind_template_child (widget_class, RapportClientsPage, card_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);

  gtk_widget_class_install_action (widget_class, "client.edit", NULL, on_edit_client_action);
  gtk_widget_class_install_action (widget_class, "client.log", NULL, on_log_interaction_action);
  gtk_widget_class_install_action (widget_class, "client.new-order", NULL, on_new_order_action);
  gtk_widget_class_install_action (widget_class, "client.archive", NULL, on_remove_client_action);
  gtk_widget_class_install_action (widget_class, "client.delete", NULL, on_remove_client_action);
  gtk_widget_class_install_action (widget_class, "client.restore", NULL, on_restore_client_action);
  gtk_widget_class_install_action (widget_class, "clients.new", NULL, on_new_client_action);
  gtk_widget_class_install_action (widget_class, "clients.show-sidebar", NULL, on_show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "clients.back", NULL, on_back_action);
  gtk_widget_class_install_action (widget_class, "clients.try-sample", NULL, on_try_sample_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "client.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "client.log", NULL);
  /* Alt+O whatever letter a translation underlines in “New Order”. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_ALT_MASK, "client.new-order", NULL);
}

static void
on_leaflet_folded (RapportClientsPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  if (self->folded == folded)
    return;
  self->folded = folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}

static void
rapport_clients_page_init (RapportClientsPage *self)
{
  self->pending_undos = g_hash_table_new_full (NULL, NULL, g_object_unref,
                                               (GDestroyNotify) pending_undo_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (on_leaflet_folded),
                           self, G_CONNECT_SWAPPED);
  on_leaflet_folded (self);
}

RapportClientsPage *
rapport_clients_page_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  return g_object_new (RAPPORT_TYPE_CLIENTS_PAGE, "context", context, NULL);
}

RapportClientList *
rapport_clients_page_get_list (RapportClientsPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENTS_PAGE (self), NULL);
  return self->list;
}

/**
 * rapport_clients_page_get_client_id:
 * @self: the clients page
 *
 * Returns: the client whose card is shown, or 0
 */
gint64
rapport_clients_page_get_client_id (RapportClientsPage *self)
{
  RapportClient *client;

  g_return_val_if_fail (RAPPORT_IS_CLIENTS_PAGE (self), 0);

  client = get_client (self);
  return client ? rapport_client_get_id (client) : 0;
}

void
rapport_clients_page_focus_search (RapportClientsPage *self)
{
  g_return_if_fail (RAPPORT_IS_CLIENTS_PAGE (self));

  /* With no client yet, there is nothing to search: welcome stays. */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "welcome"))
    return;
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * rapport_clients_page_new_client:
 * @self: the clients page
 * @phone: (nullable): a phone number to start the new client with
 */
void
rapport_clients_page_new_client (RapportClientsPage *self,
                                 const char         *phone)
{
  g_return_if_fail (RAPPORT_IS_CLIENTS_PAGE (self));

  open_editor (self, NULL, phone);
}

void
rapport_clients_page_show_client (RapportClientsPage *self,
                                  gint64              id)
{
  guint position;

  g_return_if_fail (RAPPORT_IS_CLIENTS_PAGE (self));

  if (!rapport_client_card_set_client_id (self->card, id))
    {
      show_nothing (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "main");
  gtk_stack_set_visible_child_name (self->card_stack, "card");
  adw_leaflet_set_visible_child (self->leaflet, self->card_pane);

  /* The list shows the client selected, or none: never another one. When
   * the client comes into the list later, select_current() selects it. */
  position = rapport_client_list_find (self->list, id);
  if (position != G_MAXUINT)
    {
      gtk_single_selection_set_selected (self->selection, position);
      scroll_to (self, position);
    }
  else
    unselect (self);
}

/* The New Client form already open for @phone, if any: a caller who rings
 * again gets the same form, not another one. */
static GtkWindow *
find_new_client_for (RapportClientsPage *self,
                     const char         *phone)
{
  const char *region = self->phone_region;
  g_autofree char *key = rapport_phone_match_key (phone, region);
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      const char *asked;
      g_autofree char *asked_key = NULL;

      if (!RAPPORT_IS_CLIENT_EDITOR (l->data))
        continue;
      asked = rapport_client_editor_get_asked_phone (l->data);
      if (asked == NULL)
        continue;
      asked_key = rapport_phone_match_key (asked, region);
      if (g_strcmp0 (asked_key, key) == 0 || g_str_equal (asked, phone))
        return l->data;
    }
  return NULL;
}

void
rapport_clients_page_lookup_phone (RapportClientsPage *self,
                                   const char         *phone)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (RAPPORT_IS_CLIENTS_PAGE (self));

  found = rapport_client_repository_find_by_phone (get_clients (self), phone, 0, &error);
  if (found == NULL)
    {
      add_error_toast (self, error);
      return;
    }

  if (found->len == 1)
    {
      /* The whole list, with the caller selected in it. */
      set_search_text (self, "");
      rapport_clients_page_show_client (self, rapport_client_get_id (g_ptr_array_index (found, 0)));
    }
  else if (found->len > 1)
    {
      g_autofree char *message = NULL;
      g_autofree char *count = rapport_format_count (found->len);
      g_autofree char *isolated = rapport_format_left_to_right (phone);

      /* The phone search lists each of them, and no card is one of them
       * more than the others. */
      show_nothing (self);
      set_search_text (self, phone);
      rapport_clients_page_focus_search (self);
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* TRANSLATORS: %s is a number of clients in the
                                               * reader's digits, then a phone number */
                                              "%s client has the number %s",
                                              "%s clients have the number %s", found->len),
                                 count, isolated);
      add_toast (self, message);
    }
  else
    {
      GtkWindow *open = find_new_client_for (self, phone);

      if (open != NULL)
        gtk_window_present (open);
      else
        rapport_clients_page_new_client (self, phone);
    }
}
