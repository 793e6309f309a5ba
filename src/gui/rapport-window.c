/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-analytics-page.h"
#include "rapport-clients-page.h"
#include "rapport-deliveries-page.h"
#include "rapport-orders-page.h"
#include "rapport-campaigns-page.h"
#include "rapport-data-status.h"
#include "rapport-format.h"
#include "rapport-gtk-workarounds.h"
#include "rapport-today-page.h"
#include "rapport-window-contacts.h"
#include "rapport-window.h"

struct _RapportWindow
{
  AdwApplicationWindow  parent_instance;

  RapportContext       *context;
  RapportClientsPage   *clients_page;
  RapportOrdersPage    *orders_page;
  RapportDeliveriesPage *deliveries_page;
  RapportCampaignsPage *campaigns_page;
  RapportTodayPage     *today_page;
  RapportAnalyticsPage *analytics_page;

  AdwToastOverlay      *toast_overlay;
  GtkBox               *content_box;
  RapportDataStatus    *data_status;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkListBox           *sidebar_list;
  GtkListBoxRow        *clients_row;
  GtkListBoxRow        *orders_row;
  GtkListBoxRow        *deliveries_row;
  GtkListBoxRow        *campaigns_row;
  GtkListBoxRow        *today_row;
  GtkListBoxRow        *analytics_row;
  GtkLabel             *today_badge;
  GtkStack             *pages;

  RapportMergeUndo     *merge_undo;  /* what the last merge's toast undoes */
  guint                 build_source; /* making the pages not yet shown */
};

G_DEFINE_FINAL_TYPE (RapportWindow, rapport_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *ensure_page (RapportWindow *self,
                               const char    *name);

static void
on_sidebar_row_activated (RapportWindow *self,
                          GtkListBoxRow *row)
{
  gtk_stack_set_visible_child (self->pages, ensure_page (self, gtk_widget_get_name (GTK_WIDGET (row))));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_show_sidebar (RapportWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
on_show_campaign (RapportWindow *self,
                  gint64         campaign_id);

/* A page in the stack, following the sidebar's fold. */
static void
add_page (RapportWindow *self,
          GtkWidget     *page,
          const char    *name)
{
  gtk_stack_add_named (self->pages, page, name);
  g_object_bind_property (self->leaflet, "folded", page, "sidebar-folded", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (page, "show-sidebar", G_CALLBACK (on_show_sidebar), self);
  rapport_gtk_workarounds_apply (page);
}

static GtkWidget *
make_clients_page (RapportWindow *self)
{
  self->clients_page = rapport_clients_page_new (self->context);
  return GTK_WIDGET (self->clients_page);
}

static GtkWidget *
make_orders_page (RapportWindow *self)
{
  self->orders_page = rapport_orders_page_new (self->context);
  return GTK_WIDGET (self->orders_page);
}

static GtkWidget *
make_deliveries_page (RapportWindow *self)
{
  self->deliveries_page = rapport_deliveries_page_new (self->context);
  g_signal_connect_swapped (self->deliveries_page, "show-client", G_CALLBACK (rapport_window_show_client), self);
  return GTK_WIDGET (self->deliveries_page);
}

static GtkWidget *
make_campaigns_page (RapportWindow *self)
{
  self->campaigns_page = rapport_campaigns_page_new (self->context);
  return GTK_WIDGET (self->campaigns_page);
}

static GtkWidget *
make_analytics_page (RapportWindow *self)
{
  self->analytics_page = rapport_analytics_page_new (self->context);
  g_signal_connect_swapped (self->analytics_page, "show-client", G_CALLBACK (rapport_window_show_client), self);
  g_signal_connect_swapped (self->analytics_page, "show-order", G_CALLBACK (rapport_window_show_order), self);
  g_signal_connect_swapped (self->analytics_page, "show-campaign", G_CALLBACK (on_show_campaign), self);
  return GTK_WIDGET (self->analytics_page);
}

/* The pages made when first needed, in the order idle time makes them:
 * the clients first, whom a ringing phone asks for. */
static const struct
{
  const char  *name;
  GtkWidget *(*make) (RapportWindow *self);
} later_pages[] = {
  { "clients", make_clients_page },
  { "orders", make_orders_page },
  { "deliveries", make_deliveries_page },
  { "campaigns", make_campaigns_page },
  { "analytics", make_analytics_page },
};

/* The page called @name, made now if it was not yet. */
static GtkWidget *
ensure_page (RapportWindow *self,
             const char    *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (self->pages, name);

  for (guint i = 0; page == NULL && i < G_N_ELEMENTS (later_pages); i++)
    if (g_str_equal (name, later_pages[i].name))
      {
        page = later_pages[i].make (self);
        add_page (self, page, name);
      }
  g_assert (page != NULL);
  return page;
}

/* The page @row names, made if need be, on show. */
static GtkWidget *
show_page (RapportWindow *self,
           GtkListBoxRow *row)
{
  GtkWidget *page = ensure_page (self, gtk_widget_get_name (GTK_WIDGET (row)));

  gtk_list_box_select_row (self->sidebar_list, row);
  gtk_stack_set_visible_child (self->pages, page);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->pages));
  return page;
}

static RapportClientsPage *
get_clients_page (RapportWindow *self)
{
  return RAPPORT_CLIENTS_PAGE (ensure_page (self, "clients"));
}

static RapportOrdersPage *
get_orders_page (RapportWindow *self)
{
  return RAPPORT_ORDERS_PAGE (ensure_page (self, "orders"));
}

/* One page a turn, when nothing else waits, so that what the person does
 * meanwhile is answered between them. */
static gboolean
on_build_idle (gpointer user_data)
{
  RapportWindow *self = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (later_pages); i++)
    if (gtk_stack_get_child_by_name (self->pages, later_pages[i].name) == NULL)
      {
        ensure_page (self, later_pages[i].name);
        return G_SOURCE_CONTINUE;
      }
  self->build_source = 0;
  return G_SOURCE_REMOVE;
}

/* The first frame is being drawn: what is not on show comes after it. */
static gboolean
on_first_tick (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (self->build_source == 0)
    self->build_source = g_idle_add_full (G_PRIORITY_LOW, on_build_idle, self, NULL);
  /* The sidebar's count comes from the Today page, on show or not. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->today_page)))
    rapport_today_page_reload (self->today_page);
  return G_SOURCE_REMOVE;
}

static void
show_clients (RapportWindow *self)
{
  show_page (self, self->clients_row);
}

static void
show_today (RapportWindow *self)
{
  show_page (self, self->today_row);
}

/* The sidebar's count: what is overdue or due today. */
static void
on_n_due_changed (RapportWindow *self)
{
  guint n_due = rapport_today_page_get_n_due (self->today_page);
  g_autofree char *count = rapport_format_count (n_due);
  g_autofree char *name = NULL;

  gtk_label_set_text (self->today_badge, count);
  gtk_widget_set_visible (GTK_WIDGET (self->today_badge), n_due > 0);
  /* TRANSLATORS: %s is a number, in the reader's digits */
  name = n_due > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Today, %s due", "Today, %s due", n_due), count)
                   : g_strdup (_("Today"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->today_row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
on_today_open (RapportWindow *self,
               const char    *kind,
               gint64         id)
{
  if (g_strcmp0 (kind, RAPPORT_REMINDER_OPEN_CLIENT) == 0)
    rapport_window_show_client (self, id);
  else if (g_strcmp0 (kind, RAPPORT_REMINDER_OPEN_ORDER) == 0)
    rapport_window_show_order (self, id);
}

static void
show_clients_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_clients (RAPPORT_WINDOW (widget));
}

static void
show_orders (RapportWindow *self);

static void
show_orders_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  show_orders (RAPPORT_WINDOW (widget));
}

static void
show_deliveries_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  show_page (self, self->deliveries_row);
}

static void
show_campaigns (RapportWindow *self)
{
  show_page (self, self->campaigns_row);
}

static void
show_campaigns_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  show_campaigns (RAPPORT_WINDOW (widget));
}

static void
show_analytics_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  rapport_window_show_analytics (RAPPORT_WINDOW (widget));
}

/* A campaign drafted elsewhere (a win-back from Analytics), opened. */
static void
on_show_campaign (RapportWindow *self,
                  gint64         campaign_id)
{
  show_campaigns (self);
  rapport_campaigns_page_reload (self->campaigns_page);
  rapport_campaigns_page_open (self->campaigns_page, campaign_id);
}

static void
show_today_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_today (RAPPORT_WINDOW (widget));
}

static void
show_orders (RapportWindow *self)
{
  show_page (self, self->orders_row);
}

static gboolean
orders_shown (RapportWindow *self)
{
  return self->orders_page != NULL
         && gtk_stack_get_visible_child (self->pages) == GTK_WIDGET (self->orders_page);
}

/* Ctrl+F searches the page on show. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (orders_shown (self))
    {
      show_orders (self);
      rapport_orders_page_focus_search (get_orders_page (self));
      return;
    }
  show_clients (self);
  rapport_clients_page_focus_search (get_clients_page (self));
}

/* Ctrl+N makes a new one of what the page on show lists. */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  if (orders_shown (self))
    {
      rapport_orders_page_new_order (get_orders_page (self), 0);
      return;
    }
  show_clients (self);
  rapport_clients_page_new_client (get_clients_page (self), NULL);
}

static void
import_contacts_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _rapport_window_import_contacts (RAPPORT_WINDOW (widget));
}

static void
export_contacts_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _rapport_window_export_contacts (RAPPORT_WINDOW (widget));
}

static void
show_duplicates_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _rapport_window_show_duplicates (RAPPORT_WINDOW (widget));
}

static void
show_imports_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _rapport_window_show_imports (RAPPORT_WINDOW (widget));
}

static void
undo_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _rapport_window_undo_import (RAPPORT_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
undo_merge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  _rapport_window_undo_merge (self, g_steal_pointer (&self->merge_undo));
}

static void
undo_past_merge_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _rapport_window_undo_past_merge (RAPPORT_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* Typing right away searches. */
static void
rapport_window_show (GtkWidget *widget)
{
  RapportWindow *self = RAPPORT_WINDOW (widget);

  GTK_WIDGET_CLASS (rapport_window_parent_class)->show (widget);
  if (self->clients_page != NULL
      && gtk_stack_get_visible_child (self->pages) == GTK_WIDGET (self->clients_page)
      && rapport_clients_page_get_client_id (self->clients_page) == 0)
    rapport_clients_page_focus_search (self->clients_page);
}

static void
load_size (RapportWindow *self)
{
  GSettings *settings = rapport_context_get_settings (self->context);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
rapport_window_close_request (GtkWindow *window)
{
  RapportWindow *self = RAPPORT_WINDOW (window);
  GSettings *settings = rapport_context_get_settings (self->context);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (rapport_window_parent_class)->close_request (window);
}

/* Another program may have written while the window was in the
 * background; coming back to it is when a person looks. */
static void
on_active_changed (RapportWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    rapport_database_check_changes (rapport_context_get_database (self->context));
}

static gboolean
has_clients (RapportWindow *self)
{
  gboolean any = TRUE;

  rapport_client_repository_has_any (rapport_context_get_clients (self->context), &any, NULL);
  return any;
}

static void
on_phone_region_applied (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(RapportWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_context_apply_phone_region_finish (RAPPORT_CONTEXT (source), result, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

/* The business's country decides which numbers are one; when it cannot be
 * told to the database, phones still match as the file had them. */
static void
apply_phone_region (RapportWindow *self)
{
  rapport_context_apply_phone_region_async (self->context, NULL, on_phone_region_applied, g_object_ref (self));
}

static void
rapport_window_constructed (GObject *object)
{
  RapportWindow *self = RAPPORT_WINDOW (object);
  RapportDatabase *database = rapport_context_get_database (self->context);

  G_OBJECT_CLASS (rapport_window_parent_class)->constructed (object);

  /* While the window is open, what the command line, the reminder service
   * or an import writes shows without a restart. */
  rapport_database_set_watching (database, TRUE);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);

  /* Damage, a week without backup, a save that waits: said above all. */
  self->data_status = rapport_data_status_new (self->context);
  gtk_box_prepend (self->content_box, GTK_WIDGET (self->data_status));

  /* Only the page on show is made before the first frame; the others
   * when first shown, or in idle time after that frame. */
  self->today_page = rapport_today_page_new (self->context);
  add_page (self, GTK_WIDGET (self->today_page), "today");
  g_signal_connect_swapped (self->today_page, "open", G_CALLBACK (on_today_open), self);
  g_signal_connect_swapped (self->today_page, "notify::n-due", G_CALLBACK (on_n_due_changed), self);
  on_n_due_changed (self);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), on_first_tick, NULL, NULL);

  g_signal_connect_object (rapport_context_get_settings (self->context), "changed::phone-country",
                           G_CALLBACK (apply_phone_region), self, G_CONNECT_SWAPPED);
  apply_phone_region (self);

  load_size (self);
  /* Today first; a Rapport with no clients yet opens on its welcome. */
  if (has_clients (self))
    show_today (self);
  else
    show_clients (self);
}

static void
rapport_window_dispose (GObject *object)
{
  RapportWindow *self = (RapportWindow *) object;

  g_clear_handle_id (&self->build_source, g_source_remove);

  G_OBJECT_CLASS (rapport_window_parent_class)->dispose (object);
}

static void
rapport_window_finalize (GObject *object)
{
  RapportWindow *self = (RapportWindow *) object;

  g_clear_object (&self->context);
  g_clear_pointer (&self->merge_undo, rapport_merge_undo_free);

  G_OBJECT_CLASS (rapport_window_parent_class)->finalize (object);
}

static void
rapport_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportWindow *self = RAPPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RapportWindow *self = RAPPORT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_window_class_init (RapportWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rapport_window_constructed;
  object_class->dispose = rapport_window_dispose;
  object_class->finalize = rapport_window_finalize;
  object_class->get_property = rapport_window_get_property;
  object_class->set_property = rapport_window_set_property;
  window_class->close_request = rapport_window_close_request;
  widget_class->show = rapport_window_show;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, clients_row);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, orders_row);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, deliveries_row);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, campaigns_row);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, today_row);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, analytics_row);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, today_badge);
  gtk_widget_class_bind_template_child (widget_class, RapportWindow, pages);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.new-client", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "win.show-today", NULL, show_today_action);
  gtk_widget_class_install_action (widget_class, "win.show-clients", NULL, show_clients_action);
  gtk_widget_class_install_action (widget_class, "win.show-orders", NULL, show_orders_action);
  gtk_widget_class_install_action (widget_class, "win.show-deliveries", NULL, show_deliveries_action);
  gtk_widget_class_install_action (widget_class, "win.show-campaigns", NULL, show_campaigns_action);
  gtk_widget_class_install_action (widget_class, "win.show-analytics", NULL, show_analytics_action);
  gtk_widget_class_install_action (widget_class, "win.import-contacts", NULL, import_contacts_action);
  gtk_widget_class_install_action (widget_class, "win.export-contacts", NULL, export_contacts_action);
  gtk_widget_class_install_action (widget_class, "win.show-duplicates", NULL, show_duplicates_action);
  gtk_widget_class_install_action (widget_class, "win.show-imports", NULL, show_imports_action);
  gtk_widget_class_install_action (widget_class, "win.undo-import", "x", undo_import_action);
  gtk_widget_class_install_action (widget_class, "win.undo-merge", NULL, undo_merge_action);
  gtk_widget_class_install_action (widget_class, "win.undo-past-merge", "x", undo_past_merge_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-contacts", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.show-today", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-client", NULL);
}

static void
rapport_window_init (RapportWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportWindow *
rapport_window_new (GtkApplication *application,
                    RapportContext *context)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  return g_object_new (RAPPORT_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

RapportContext *
rapport_window_get_context (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);
  return self->context;
}

void
rapport_window_show_client (RapportWindow *self,
                            gint64         id)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  show_clients (self);
  rapport_clients_page_show_client (get_clients_page (self), id);
}

/**
 * rapport_window_lookup_phone:
 * @self: a window
 * @phone: the number of an incoming call, written any way
 *
 * The screen pop: the client's card when one client has the number, the
 * list of them when several do, a new client with the number when none.
 */
void
rapport_window_lookup_phone (RapportWindow *self,
                             const char    *phone)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  show_clients (self);
  rapport_clients_page_lookup_phone (get_clients_page (self), phone);
}

/**
 * rapport_window_show_today:
 * @self: a window
 *
 * Shows the Today page: what a summary notification opens.
 */
void
rapport_window_show_today (RapportWindow *self)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  show_today (self);
}

/**
 * rapport_window_show_client_message:
 * @self: a window
 * @reminder_id: a reminder's id
 *
 * Shows the Today page and the reminder's ready message to the client:
 * what a warranty notification's Message action opens.
 */
void
rapport_window_show_client_message (RapportWindow *self,
                                    const char    *reminder_id)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  show_today (self);
  rapport_today_page_show_message (self->today_page, reminder_id);
}

void
rapport_window_add_toast (RapportWindow *self,
                          AdwToast      *toast)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The Campaigns page, for tests and the benchmark. */
RapportCampaignsPage *
rapport_window_show_campaigns (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);
  show_campaigns (self);
  return self->campaigns_page;
}

/* The Orders page, for tests and the benchmark. */
RapportOrdersPage *
rapport_window_get_orders_page (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);
  return get_orders_page (self);
}

void
rapport_window_show_orders (RapportWindow *self)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  show_orders (self);
}

/**
 * rapport_window_show_order:
 * @self: a window
 * @id: an order
 *
 * Opens the order's window over the Orders page.
 */
void
rapport_window_show_order (RapportWindow *self,
                           gint64         id)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));

  show_orders (self);
  rapport_orders_page_open_order (get_orders_page (self), id);
}

/* The clients page, for the contacts actions (rapport-window-contacts.c). */
RapportClientsPage *
rapport_window_get_clients_page (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);
  return get_clients_page (self);
}

/**
 * rapport_window_set_merge_undo:
 * @undo: (transfer full): what undoes the merge just told
 *
 * What win.undo-merge undoes; a newer merge replaces it.
 */
void
rapport_window_set_merge_undo (RapportWindow    *self,
                               RapportMergeUndo *undo)
{
  g_return_if_fail (RAPPORT_IS_WINDOW (self));
  g_clear_pointer (&self->merge_undo, rapport_merge_undo_free);
  self->merge_undo = undo;
}

/* The Analytics page, shown; for tests too. */
RapportAnalyticsPage *
rapport_window_show_analytics (RapportWindow *self)
{
  g_return_val_if_fail (RAPPORT_IS_WINDOW (self), NULL);

  return RAPPORT_ANALYTICS_PAGE (show_page (self, self->analytics_row));
}
