/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date-row.h"
#include "rapport-format.h"
#include "rapport-money-format.h"
#include "rapport-order-editor.h"
#include "rapport-order-format.h"
#include "rapport-order-rules.h"
#include "rapport-orders-page.h"

/* The Orders page: every quote and order, newest first, in a table that
 * reads only the rows on screen (RapportOrderList), narrowed by status,
 * date, unpaid and a search by number or client. Enter or a double click
 * opens an order. */
struct _RapportOrdersPage
{
  AdwBin               parent_instance;

  RapportContext      *context;
  RapportOrderList    *list;
  GtkSingleSelection  *selection;
  GPtrArray           *wide_columns;   /* hidden when the page is narrow */
  gboolean             sidebar_folded;

  AdwToastOverlay     *toast_overlay;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_drop_down;
  GtkDropDown         *period_drop_down;
  GtkToggleButton     *unpaid_button;
  AdwWindowTitle      *title;
  GtkRevealer         *range_revealer;
  RapportDateRow      *from_row;
  RapportDateRow      *to_row;
  GtkStack            *stack;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkWidget           *empty_new_button;
};

G_DEFINE_FINAL_TYPE (RapportOrdersPage, rapport_orders_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_SIDEBAR_FOLDED,
  N_PROPS
};

enum {
  SHOW_SIDEBAR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The status choices, in the drop-down's order: bits of
 * RapportOrderFilter.statuses. */
#define BIT(status) (1u << (status))
static const guint status_choices[] = {
  0,
  BIT (RAPPORT_ORDER_DRAFT) | BIT (RAPPORT_ORDER_QUOTED) | BIT (RAPPORT_ORDER_CONFIRMED),
  BIT (RAPPORT_ORDER_DRAFT),
  BIT (RAPPORT_ORDER_QUOTED),
  BIT (RAPPORT_ORDER_CONFIRMED),
  BIT (RAPPORT_ORDER_FULFILLED),
  BIT (RAPPORT_ORDER_CLOSED),
  BIT (RAPPORT_ORDER_LOST),
  BIT (RAPPORT_ORDER_CANCELLED),
};

typedef enum
{
  PERIOD_ANY,
  PERIOD_TODAY,
  PERIOD_LAST_7_DAYS,
  PERIOD_THIS_MONTH,
  PERIOD_LAST_MONTH,
  PERIOD_THIS_YEAR,
  PERIOD_CUSTOM,
} Period;

static void
add_toast (RapportOrdersPage *self,
           const char        *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* Cells */

typedef char *(*CellText) (RapportOrder *order);

static char *
number_text (RapportOrder *order)
{
  return g_strdup (rapport_order_get_number (order));
}

static char *
date_text (RapportOrder *order)
{
  return rapport_order_get_ordered_on (order) ? rapport_format_iso_date (rapport_order_get_ordered_on (order))
                                              : g_strdup ("");
}

static char *
client_text (RapportOrder *order)
{
  return g_strdup (rapport_order_get_client_name (order));
}

static char *
status_text (RapportOrder *order)
{
  return g_strdup (rapport_format_order_status (rapport_order_get_status (order)));
}

static char *
total_text (RapportOrder *order)
{
  return rapport_money_format (rapport_order_get_total (order), rapport_order_get_currency (order));
}

static char *
paid_text (RapportOrder *order)
{
  return rapport_money_format (rapport_order_get_paid (order), rapport_order_get_currency (order));
}

/* Only a sale owes anything; a quote's balance is not a debt. */
static char *
balance_text (RapportOrder *order)
{
  if (!rapport_order_counts_as_sale (rapport_order_get_status (order)))
    return g_strdup ("");
  return rapport_money_format (rapport_order_get_balance (order), rapport_order_get_currency (order));
}

/* Cells are GtkInscriptions: made for lists, they skip the measuring of
 * their text that a label does, and GTK 4.8 builds a couple of hundred
 * rows at once. */
static void
on_setup_cell (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  numeric)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), numeric ? 1.0f : 0.0f);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), numeric ? 8 : 6);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), numeric ? 10 : 12);
  if (numeric)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

static void
on_bind_cell (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CellText                  text_of)
{
  RapportOrder *order = gtk_list_item_get_item (item);
  g_autofree char *text = order ? text_of (order) : NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text);
}

static GtkColumnViewColumn *
add_column (RapportOrdersPage *self,
            const char        *title,
            CellText           text_of,
            gboolean           numeric,
            gboolean           expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cell), GINT_TO_POINTER (numeric));
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cell), text_of);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
  return column;
}

static void
add_columns (RapportOrdersPage *self)
{
  add_column (self, C_("column", "Number"), number_text, FALSE, FALSE);
  g_ptr_array_add (self->wide_columns, add_column (self, C_("column", "Date"), date_text, FALSE, FALSE));
  add_column (self, C_("column", "Client"), client_text, FALSE, TRUE);
  add_column (self, C_("column", "Status"), status_text, FALSE, FALSE);
  g_ptr_array_add (self->wide_columns, add_column (self, C_("column", "Total"), total_text, TRUE, FALSE));
  g_ptr_array_add (self->wide_columns, add_column (self, C_("column", "Paid"), paid_text, TRUE, FALSE));
  add_column (self, C_("column", "Balance"), balance_text, TRUE, FALSE);
}

/* Filters */

static char *
format_day (GDateTime *day)
{
  return g_date_time_format (day, "%Y-%m-%d");
}

/* The first and last day of a period, counted from the clock's today. */
static void
period_range (RapportOrdersPage  *self,
              Period              period,
              char              **from,
              char              **to)
{
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  int year = g_date_time_get_year (now), month = g_date_time_get_month (now);

  switch (period)
    {
    case PERIOD_TODAY:
      start = g_date_time_ref (now);
      break;
    case PERIOD_LAST_7_DAYS:
      start = g_date_time_add_days (now, -6);
      break;
    case PERIOD_THIS_MONTH:
      start = g_date_time_new_local (year, month, 1, 0, 0, 0);
      break;
    case PERIOD_LAST_MONTH:
      {
        g_autoptr(GDateTime) first = g_date_time_new_local (year, month, 1, 0, 0, 0);

        start = g_date_time_add_months (first, -1);
        end = g_date_time_add_days (first, -1);
      }
      break;
    case PERIOD_THIS_YEAR:
      start = g_date_time_new_local (year, 1, 1, 0, 0, 0);
      break;
    case PERIOD_ANY:
    case PERIOD_CUSTOM:
    default:
      *from = *to = NULL;
      return;
    }
  *from = format_day (start);
  *to = format_day (end ? end : now);
}

static RapportOrderFilter *
read_filter (RapportOrdersPage *self)
{
  RapportOrderFilter *filter = rapport_order_filter_copy (NULL);
  guint status = gtk_drop_down_get_selected (self->status_drop_down);
  Period period = gtk_drop_down_get_selected (self->period_drop_down);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  filter->statuses = status < G_N_ELEMENTS (status_choices) ? status_choices[status] : 0;
  filter->unpaid_only = gtk_toggle_button_get_active (self->unpaid_button);
  filter->text = *text ? g_steal_pointer (&text) : NULL;
  if (period == PERIOD_CUSTOM)
    {
      filter->from = g_strdup (rapport_date_row_get_date (self->from_row));
      filter->to = g_strdup (rapport_date_row_get_date (self->to_row));
    }
  else
    period_range (self, period, &filter->from, &filter->to);
  return filter;
}

static gboolean
filtered (const RapportOrderFilter *filter)
{
  return filter->statuses != 0 || filter->unpaid_only || filter->from || filter->to || filter->text;
}

static void
on_filter_changed (RapportOrdersPage *self)
{
  g_autoptr(RapportOrderFilter) filter = NULL;

  if (self->list == NULL)
    return;
  filter = read_filter (self);
  rapport_order_list_set_filter (self->list, filter);
}

static void
on_period_changed (RapportOrdersPage *self)
{
  gtk_revealer_set_reveal_child (self->range_revealer,
                                 gtk_drop_down_get_selected (self->period_drop_down) == PERIOD_CUSTOM);
  on_filter_changed (self);
}

/* The newest rows show as soon as they are in; the count and “no
 * orders” wait for the whole list. */
static void
update_shown (RapportOrdersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  gboolean any_filter = filtered (rapport_order_list_get_filter (self->list));
  g_autofree char *count = NULL;
  g_autofree char *number = NULL;

  if (n > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  if (rapport_order_list_get_loading (self->list))
    return;

  number = rapport_format_count (n);
  /* TRANSLATORS: %s is a number, in the reader's digits */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders", n), number);
  adw_window_title_set_subtitle (self->title, count);
  if (n > 0)
    return;

  adw_status_page_set_title (self->empty_page, any_filter ? _("No Orders Found") : _("No Orders Yet"));
  adw_status_page_set_description (self->empty_page,
                                   any_filter ? _("No order matches these filters. Try another search, status or date.")
                                              : _("Quotes, orders and their payments show here. Start one here, or from a client’s card."));
  adw_status_page_set_icon_name (self->empty_page, any_filter ? "edit-find-symbolic" : "emblem-documents-symbolic");
  gtk_widget_set_visible (self->empty_new_button, !any_filter);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
on_list_failed (RapportOrdersPage *self,
                GError            *error)
{
  add_toast (self, error->message);
}

/* Opening */

static GtkWindow *
present (RapportOrdersPage  *self,
         RapportOrderEditor *editor)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

GtkWindow *
rapport_orders_page_open_order (RapportOrdersPage *self,
                                gint64             order_id)
{
  g_return_val_if_fail (RAPPORT_IS_ORDERS_PAGE (self), NULL);
  return present (self, rapport_order_editor_new_open (self->context, order_id));
}

/**
 * rapport_orders_page_new_order:
 * @self: the page
 * @client_id: who it is for, or 0 to choose
 *
 * Returns: (transfer none): the order's window
 */
GtkWindow *
rapport_orders_page_new_order (RapportOrdersPage *self,
                               gint64             client_id)
{
  g_return_val_if_fail (RAPPORT_IS_ORDERS_PAGE (self), NULL);
  return present (self, rapport_order_editor_new (self->context, client_id));
}

static void
on_activate (RapportOrdersPage *self,
             guint              position)
{
  gint64 id = rapport_order_list_get_id (self->list, position);

  if (id != 0)
    rapport_orders_page_open_order (self, id);
}

/* Enter in the search opens the first order found: a number typed in full
 * is one keystroke from its order. */
static void
on_search_activated (RapportOrdersPage *self)
{
  if (!rapport_order_list_get_loading (self->list) && g_list_model_get_n_items (G_LIST_MODEL (self->list)) > 0)
    on_activate (self, 0);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  rapport_orders_page_new_order (RAPPORT_ORDERS_PAGE (widget), 0);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_SIDEBAR], 0);
}

static void
set_sidebar_folded (RapportOrdersPage *self,
                    gboolean           folded)
{
  if (self->sidebar_folded == folded)
    return;
  self->sidebar_folded = folded;
  for (guint i = 0; i < self->wide_columns->len; i++)
    gtk_column_view_column_set_visible (g_ptr_array_index (self->wide_columns, i), !folded);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_FOLDED]);
}

/* Construction */

static void
fill_drop_downs (RapportOrdersPage *self)
{
  const char *statuses[] = {
    _("All Statuses"), C_("orders in progress", "Open"),
    C_("order status", "Draft"), C_("order status", "Quoted"), C_("order status", "Confirmed"),
    C_("order status", "Fulfilled"), C_("order status", "Closed"), C_("order status", "Lost"),
    C_("order status", "Cancelled"), NULL,
  };
  const char *periods[] = {
    _("Any Date"), _("Today"), _("Last 7 Days"), _("This Month"), _("Last Month"), _("This Year"),
    _("Between Dates…"), NULL,
  };
  g_autoptr(GtkStringList) status_list = gtk_string_list_new (statuses);
  g_autoptr(GtkStringList) period_list = gtk_string_list_new (periods);

  gtk_drop_down_set_model (self->status_drop_down, G_LIST_MODEL (status_list));
  gtk_drop_down_set_model (self->period_drop_down, G_LIST_MODEL (period_list));
}

static void
rapport_orders_page_constructed (GObject *object)
{
  RapportOrdersPage *self = RAPPORT_ORDERS_PAGE (object);

  G_OBJECT_CLASS (rapport_orders_page_parent_class)->constructed (object);

  self->list = rapport_order_list_new (rapport_context_get_orders (self->context));
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_shown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::loading", G_CALLBACK (update_shown), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "failed", G_CALLBACK (on_list_failed), self, G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

static void
rapport_orders_page_dispose (GObject *object)
{
  RapportOrdersPage *self = RAPPORT_ORDERS_PAGE (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (rapport_orders_page_parent_class)->dispose (object);
}

static void
rapport_orders_page_finalize (GObject *object)
{
  RapportOrdersPage *self = RAPPORT_ORDERS_PAGE (object);

  g_clear_object (&self->context);
  g_ptr_array_unref (self->wide_columns);

  G_OBJECT_CLASS (rapport_orders_page_parent_class)->finalize (object);
}

static void
rapport_orders_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportOrdersPage *self = RAPPORT_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_SIDEBAR_FOLDED: g_value_set_boolean (value, self->sidebar_folded); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_orders_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportOrdersPage *self = RAPPORT_ORDERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    case PROP_SIDEBAR_FOLDED: set_sidebar_folded (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_orders_page_class_init (RapportOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_orders_page_constructed;
  object_class->dispose = rapport_orders_page_dispose;
  object_class->finalize = rapport_orders_page_finalize;
  object_class->get_property = rapport_orders_page_get_property;
  object_class->set_property = rapport_orders_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_FOLDED] =
    g_param_spec_boolean ("sidebar-folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportOrdersPage::show-sidebar:
   *
   * The person wants the list of pages back (narrow windows).
   */
  signals[SHOW_SIDEBAR] =
    g_signal_new ("show-sidebar", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (RAPPORT_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, status_drop_down);
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, period_drop_down);
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, unpaid_button);
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, title);
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, range_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, RapportOrdersPage, empty_new_button);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);

  gtk_widget_class_install_action (widget_class, "orders.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "orders.show-sidebar", NULL, show_sidebar_action);
}

static void
rapport_orders_page_init (RapportOrdersPage *self)
{
  self->wide_columns = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_drop_downs (self);
  add_columns (self);
}

RapportOrdersPage *
rapport_orders_page_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  return g_object_new (RAPPORT_TYPE_ORDERS_PAGE, "context", context, NULL);
}

RapportOrderList *
rapport_orders_page_get_list (RapportOrdersPage *self)
{
  g_return_val_if_fail (RAPPORT_IS_ORDERS_PAGE (self), NULL);
  return self->list;
}

void
rapport_orders_page_focus_search (RapportOrdersPage *self)
{
  g_return_if_fail (RAPPORT_IS_ORDERS_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
