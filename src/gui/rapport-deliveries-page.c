/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-deliveries-page.h"
#include "rapport-delivery-rules.h"
#include "rapport-delivery-window.h"
#include "rapport-format.h"
#include "rapport-widget-util.h"

/* The Deliveries page: the deliveries of today, this week, the late ones
 * or all, in a table that reads only the rows on screen
 * (RapportDeliveryList), searchable by order number, client or tracking
 * number; late ones say so in red. Its last choice lists the warranties
 * ending within the notice days (a preference), searchable by serial
 * number, client or product. Enter or a double click opens a delivery,
 * or a warranty's client. */
struct _RapportDeliveriesPage
{
  AdwBin               parent_instance;

  RapportContext      *context;
  RapportDeliveryList *list;
  GtkSingleSelection  *selection;
  gboolean             sidebar_folded;
  gboolean             shown;       /* queries run once the page was first shown */
  char                *today;

  AdwToastOverlay     *toast_overlay;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *view_drop_down;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkColumnViewColumn *columns[5];
};

G_DEFINE_FINAL_TYPE (RapportDeliveriesPage, rapport_deliveries_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SIDEBAR_FOLDED,
  N_PROPS
};

enum {
  SHOW_SIDEBAR,
  SHOW_CLIENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The table's columns: for deliveries and for warranties. */
enum {
  COLUMN_DAY,       /* planned day / last day */
  COLUMN_WHAT,      /* order / product */
  COLUMN_CLIENT,
  COLUMN_DETAILS,   /* carrier and tracking / serial and order */
  COLUMN_STATUS,
  N_COLUMNS
};

typedef struct
{
  RapportDeliveriesPage *page;
  guint                  column;
} CellColumn;

static char *
delivery_cell (RapportDeliveriesPage *self,
               RapportDelivery       *delivery,
               guint                  column,
               gboolean              *alarm)
{
  switch (column)
    {
    case COLUMN_DAY:
      return delivery->planned_on ? rapport_format_iso_date (delivery->planned_on) : g_strdup ("");
    case COLUMN_WHAT:
      return g_strdup (delivery->order_number);
    case COLUMN_CLIENT:
      return g_strdup (delivery->client_name);
    case COLUMN_DETAILS:
      return *delivery->tracking_number ? g_strdup_printf ("%s · %s", delivery->carrier_name, delivery->tracking_number)
                                        : g_strdup (delivery->carrier_name);
    case COLUMN_STATUS:
    default:
      if (delivery->planned_on != NULL && rapport_delivery_is_late (delivery->status, delivery->planned_on, self->today))
        {
          *alarm = TRUE;
          /* TRANSLATORS: a late delivery's status in the list; %s is the status */
          return g_strdup_printf (_("Late · %s"), rapport_delivery_status_get_label (delivery->status));
        }
      return g_strdup (delivery->order_number[0] ? rapport_delivery_status_get_label (delivery->status) : "");
    }
}

static char *
warranty_cell (RapportDeliveriesPage *self,
               RapportWarranty       *warranty,
               guint                  column,
               gboolean              *alarm)
{
  switch (column)
    {
    case COLUMN_DAY:
      return warranty->ends_on ? rapport_format_iso_date (warranty->ends_on) : g_strdup ("");
    case COLUMN_WHAT:
      return g_strdup (warranty->product ? warranty->product : "");
    case COLUMN_CLIENT:
      return g_strdup (warranty->client_name ? warranty->client_name : "");
    case COLUMN_DETAILS:
      if (warranty->order_number == NULL)
        return g_strdup ("");
      return warranty->serial_number && *warranty->serial_number
             /* TRANSLATORS: a warranty's serial number and order, in the list */
             ? g_strdup_printf (_("%s · order %s"), warranty->serial_number, warranty->order_number)
             /* TRANSLATORS: a warranty's order, in the list */
             : g_strdup_printf (_("Order %s"), warranty->order_number);
    case COLUMN_STATUS:
    default:
      if (warranty->ends_on == NULL)
        return g_strdup ("");
      *alarm = g_strcmp0 (warranty->ends_on, self->today) == 0;
      return g_strdup (*alarm ? _("Ends today") : _("Ends soon"));
    }
}

static void
on_setup_cell (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CellColumn               *column)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 6);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), column->column == COLUMN_DETAILS ? 20
                                                         : column->column == COLUMN_DAY ? 18 : 12);
  gtk_list_item_set_child (item, cell);
}

static void
on_bind_cell (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CellColumn               *column)
{
  RapportDeliveryItem *row = gtk_list_item_get_item (item);
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;
  gboolean alarm = FALSE;

  if (row != NULL && rapport_delivery_item_get_delivery (row) != NULL)
    text = delivery_cell (column->page, rapport_delivery_item_get_delivery (row), column->column, &alarm);
  else if (row != NULL && rapport_delivery_item_get_warranty (row) != NULL)
    text = warranty_cell (column->page, rapport_delivery_item_get_warranty (row), column->column, &alarm);
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  if (alarm)
    gtk_widget_add_css_class (cell, "error");
  else
    gtk_widget_remove_css_class (cell, "error");
}

static void
free_cell_column (gpointer  data,
                  GClosure *closure)
{
  g_free (data);
}

static void
add_columns (RapportDeliveriesPage *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      CellColumn *column = g_new0 (CellColumn, 1);

      column->page = self;
      column->column = i;
      g_signal_connect_data (factory, "setup", G_CALLBACK (on_setup_cell), column, NULL, 0);
      g_signal_connect_data (factory, "bind", G_CALLBACK (on_bind_cell), column, free_cell_column, 0);
      self->columns[i] = gtk_column_view_column_new (NULL, factory);
      gtk_column_view_column_set_resizable (self->columns[i], TRUE);
      gtk_column_view_column_set_expand (self->columns[i], i == COLUMN_CLIENT || i == COLUMN_DETAILS);
      gtk_column_view_append_column (self->column_view, self->columns[i]);
    }
}

static void
title_columns (RapportDeliveriesPage *self)
{
  gboolean warranties = rapport_delivery_list_get_mode (self->list) == RAPPORT_DELIVERY_LIST_WARRANTIES;

  gtk_column_view_column_set_title (self->columns[COLUMN_DAY],
                                    warranties ? C_("column", "Ends") : C_("column", "Planned"));
  gtk_column_view_column_set_title (self->columns[COLUMN_WHAT],
                                    warranties ? C_("column", "Product") : C_("column", "Order"));
  gtk_column_view_column_set_title (self->columns[COLUMN_CLIENT], C_("column", "Client"));
  gtk_column_view_column_set_title (self->columns[COLUMN_DETAILS],
                                    warranties ? C_("column", "Serial Number") : C_("column", "Carrier"));
  gtk_column_view_column_set_title (self->columns[COLUMN_STATUS], C_("column", "Status"));
  /* Narrow, the table keeps the day, what and whose. */
  gtk_column_view_column_set_visible (self->columns[COLUMN_DETAILS], !self->sidebar_folded);
}

static void
update_stack (RapportDeliveriesPage *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->list)) == 0;
  gboolean searching = *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0';
  RapportDeliveriesView view = gtk_drop_down_get_selected (self->view_drop_down);

  if (empty && rapport_delivery_list_get_loading (self->list))
    return;
  if (searching)
    {
      adw_status_page_set_title (self->empty_page, _("Nothing Found"));
      adw_status_page_set_description (self->empty_page, _("Try an order or tracking number, or part of a client’s name."));
    }
  else if (view == RAPPORT_DELIVERIES_VIEW_LATE)
    {
      adw_status_page_set_title (self->empty_page, _("Nothing Late"));
      adw_status_page_set_description (self->empty_page, _("Every delivery whose day has passed has arrived."));
    }
  else if (view == RAPPORT_DELIVERIES_VIEW_WARRANTIES)
    {
      adw_status_page_set_title (self->empty_page, _("No Warranty Ends Soon"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Deliveries"));
      adw_status_page_set_description (self->empty_page, _("Plan one with Ship… in a confirmed order’s window."));
    }
  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
refresh (RapportDeliveriesPage *self)
{
  RapportDeliveriesView view = gtk_drop_down_get_selected (self->view_drop_down);
  const RapportDeliveryWhen whens[] = { RAPPORT_DELIVERIES_TODAY, RAPPORT_DELIVERIES_WEEK, RAPPORT_DELIVERIES_LATE,
                                        RAPPORT_DELIVERIES_ALL, RAPPORT_DELIVERIES_ALL };
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  guint days = rapport_warranty_repository_get_notice_days (rapport_context_get_warranties (self->context));

  g_free (self->today);
  self->today = g_date_time_format (now, "%Y-%m-%d");
  rapport_delivery_list_set_query (self->list,
                                   view == RAPPORT_DELIVERIES_VIEW_WARRANTIES ? RAPPORT_DELIVERY_LIST_WARRANTIES
                                                                              : RAPPORT_DELIVERY_LIST_DELIVERIES,
                                   whens[MIN (view, G_N_ELEMENTS (whens) - 1)], self->today, days,
                                   gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  title_columns (self);
}

static void
on_filter_changed (RapportDeliveriesPage *self)
{
  /* The drop-down tells of its first choice while the page is built;
   * a page never shown asks nothing. */
  if (self->list != NULL && self->shown)
    refresh (self);
}

static void
on_activate (RapportDeliveriesPage *self,
             guint                  position)
{
  g_autoptr(RapportDeliveryItem) row = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (row == NULL)
    return;
  if (rapport_delivery_item_get_delivery (row) != NULL)
    {
      GtkWindow *window = GTK_WINDOW (rapport_delivery_window_new (self->context, rapport_delivery_item_get_id (row)));

      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (window, GTK_WINDOW (root));
      gtk_window_present (window);
    }
  else if (rapport_delivery_item_get_warranty (row)->client_id != 0)
    g_signal_emit (self, signals[SHOW_CLIENT], 0, rapport_delivery_item_get_warranty (row)->client_id);
}

static void
on_list_failed (RapportDeliveriesPage *self,
                GError                *error)
{
  rapport_widget_add_error_toast (GTK_WIDGET (self), error);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_SIDEBAR], 0);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (RAPPORT_DELIVERIES_PAGE (widget)->search_entry));
}

static void
on_map (RapportDeliveriesPage *self)
{
  if (self->shown)
    return;
  self->shown = TRUE;
  refresh (self);
}

static void
rapport_deliveries_page_constructed (GObject *object)
{
  RapportDeliveriesPage *self = RAPPORT_DELIVERIES_PAGE (object);
  g_autoptr(GtkStringList) views = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (rapport_deliveries_page_parent_class)->constructed (object);

  gtk_string_list_append (views, _("Today"));
  gtk_string_list_append (views, _("This Week"));
  gtk_string_list_append (views, _("Late"));
  gtk_string_list_append (views, _("All Deliveries"));
  gtk_string_list_append (views, _("Warranties Ending Soon"));
  gtk_drop_down_set_model (self->view_drop_down, G_LIST_MODEL (views));

  self->list = rapport_delivery_list_new (rapport_context_get_database (self->context));
  g_signal_connect_object (self->list, "failed", G_CALLBACK (on_list_failed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading", G_CALLBACK (update_stack), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  /* Late first: what needs doing. */
  gtk_drop_down_set_selected (self->view_drop_down, RAPPORT_DELIVERIES_VIEW_LATE);
  title_columns (self);
  g_signal_connect (self, "map", G_CALLBACK (on_map), NULL);
}

static void
rapport_deliveries_page_dispose (GObject *object)
{
  RapportDeliveriesPage *self = RAPPORT_DELIVERIES_PAGE (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->columns[i]);

  G_OBJECT_CLASS (rapport_deliveries_page_parent_class)->dispose (object);
}

static void
rapport_deliveries_page_finalize (GObject *object)
{
  RapportDeliveriesPage *self = RAPPORT_DELIVERIES_PAGE (object);

  g_clear_object (&self->list);
  g_clear_object (&self->context);
  g_free (self->today);

  G_OBJECT_CLASS (rapport_deliveries_page_parent_class)->finalize (object);
}

static void
rapport_deliveries_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RapportDeliveriesPage *self = RAPPORT_DELIVERIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_SIDEBAR_FOLDED: g_value_set_boolean (value, self->sidebar_folded); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_deliveries_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RapportDeliveriesPage *self = RAPPORT_DELIVERIES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_SIDEBAR_FOLDED:
      if (self->sidebar_folded != g_value_get_boolean (value))
        {
          self->sidebar_folded = g_value_get_boolean (value);
          if (self->list != NULL)
            title_columns (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_deliveries_page_class_init (RapportDeliveriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_deliveries_page_constructed;
  object_class->dispose = rapport_deliveries_page_dispose;
  object_class->finalize = rapport_deliveries_page_finalize;
  object_class->get_property = rapport_deliveries_page_get_property;
  object_class->set_property = rapport_deliveries_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_FOLDED] =
    g_param_spec_boolean ("sidebar-folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SHOW_SIDEBAR] = g_signal_new ("show-sidebar", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SHOW_CLIENT] = g_signal_new ("show-client", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-deliveries-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveriesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveriesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveriesPage, view_drop_down);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveriesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveriesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RapportDeliveriesPage, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);

  gtk_widget_class_install_action (widget_class, "deliveries.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "deliveries.focus-search", NULL, focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "deliveries.focus-search", NULL);
}

static void
rapport_deliveries_page_init (RapportDeliveriesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportDeliveriesPage *
rapport_deliveries_page_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  return g_object_new (RAPPORT_TYPE_DELIVERIES_PAGE, "context", context, NULL);
}

/**
 * rapport_deliveries_page_set_view:
 * @self: the page
 * @view: what to list
 */
void
rapport_deliveries_page_set_view (RapportDeliveriesPage *self,
                                  RapportDeliveriesView  view)
{
  g_return_if_fail (RAPPORT_IS_DELIVERIES_PAGE (self));
  gtk_drop_down_set_selected (self->view_drop_down, view);
  if (!self->shown)
    {
      self->shown = TRUE;
      refresh (self);
    }
}

/* The page's list, for tests and the benchmark. */
RapportDeliveryList *
rapport_deliveries_page_get_list (RapportDeliveriesPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERIES_PAGE (self), NULL);
  return self->list;
}
