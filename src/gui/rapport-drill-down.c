/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-drill-down.h"
#include "rapport-table-row.h"

/* The clients or orders behind a bar of a chart: a window listing them,
 * each opening its card or its order in the main window. A list of
 * clients may offer a win-back campaign to them. */

struct _RapportDrillDown
{
  AdwWindow         parent_instance;

  RapportContext   *context;
  RapportDrillRows *rows;

  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *window_title;
  GtkWidget        *campaign_button;
  GtkListView      *list_view;
};

G_DEFINE_FINAL_TYPE (RapportDrillDown, rapport_drill_down, ADW_TYPE_WINDOW)

enum {
  OPEN,
  START_CAMPAIGN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_list_activate (RapportDrillDown *self,
                  guint             position)
{
  gint64 id = rapport_drill_rows_get_id (self->rows, position);

  if (id > 0)
    g_signal_emit (self, signals[OPEN], 0, rapport_drill_rows_get_kind (self->rows), id);
}

static void
on_campaign_clicked (RapportDrillDown *self)
{
  g_signal_emit (self, signals[START_CAMPAIGN], 0);
}

static void
on_rows_failed (RapportDrillDown *self,
                const GError     *error)
{
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  RapportTableRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  const char *subtitle_text = rapport_table_row_get_cell (row, 1);

  gtk_label_set_text (GTK_LABEL (title), rapport_table_row_get_cell (row, 0));
  gtk_label_set_text (GTK_LABEL (subtitle), subtitle_text);
  gtk_widget_set_visible (subtitle, *subtitle_text != '\0');
}

static void
rapport_drill_down_finalize (GObject *object)
{
  RapportDrillDown *self = (RapportDrillDown *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (rapport_drill_down_parent_class)->finalize (object);
}

static void
rapport_drill_down_class_init (RapportDrillDownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_drill_down_finalize;

  /**
   * RapportDrillDown::open:
   * @kind: a #RapportDrillKind
   * @id: the client or order to show
   */
  signals[OPEN] =
    g_signal_new ("open", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);
  /**
   * RapportDrillDown::start-campaign:
   *
   * The person asked for a win-back campaign to the clients listed.
   */
  signals[START_CAMPAIGN] =
    g_signal_new ("start-campaign", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-drill-down.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportDrillDown, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportDrillDown, window_title);
  gtk_widget_class_bind_template_child (widget_class, RapportDrillDown, campaign_button);
  gtk_widget_class_bind_template_child (widget_class, RapportDrillDown, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_campaign_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_drill_down_init (RapportDrillDown *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}

/**
 * rapport_drill_down_new:
 * @title: what the figure was (“Owed 31–60 days”)
 * @subtitle: (nullable): the period, or how many
 * @ids: (element-type gint64) (transfer none): the clients or orders
 */
RapportDrillDown *
rapport_drill_down_new (RapportContext   *context,
                        GtkWindow        *parent,
                        const char       *title,
                        const char       *subtitle,
                        RapportDrillKind  kind,
                        GArray           *ids)
{
  RapportDrillDown *self;

  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_DRILL_DOWN,
                       "transient-for", parent,
                       "title", title,
                       NULL);
  self->context = g_object_ref (context);
  self->rows = rapport_drill_rows_new (context, kind, ids);
  g_signal_connect_object (self->rows, "failed", G_CALLBACK (on_rows_failed), self, G_CONNECT_SWAPPED);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)))));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return self;
}

/* Returns: (transfer none): the rows, #RapportTableRow of a title and a line */
GListModel *
rapport_drill_down_get_rows (RapportDrillDown *self)
{
  g_return_val_if_fail (RAPPORT_IS_DRILL_DOWN (self), NULL);
  return G_LIST_MODEL (self->rows);
}

void
rapport_drill_down_offer_campaign (RapportDrillDown *self,
                                   gboolean          offer)
{
  g_return_if_fail (RAPPORT_IS_DRILL_DOWN (self));
  gtk_widget_set_visible (self->campaign_button, offer);
}

void
rapport_drill_down_add_toast (RapportDrillDown *self,
                              AdwToast         *toast)
{
  g_return_if_fail (RAPPORT_IS_DRILL_DOWN (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
