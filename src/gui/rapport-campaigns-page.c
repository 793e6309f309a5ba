/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

/* The Campaigns page: every campaign with its status, recipients, sent
 * and failed counts and what it brought, comparable down the list; a row
 * opens the campaign's editor. */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "rapport-campaign-editor.h"
#include "rapport-campaigns-page.h"
#include "rapport-error.h"
#include "rapport-format.h"
#include "rapport-money-format.h"
#include "rapport-widget-util.h"

struct _RapportCampaignsPage
{
  AdwBin           parent_instance;

  RapportContext  *context;
  gboolean         sidebar_folded;
  GArray          *row_ids;        /* campaign id of each row */
  guint            reload_source;
  GPtrArray       *sent;           /* the sent campaigns, whose results come later */
  GPtrArray       *sent_rows;      /* and their rows */
  GCancellable    *results_cancellable;
  char            *currency;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list;
};

G_DEFINE_FINAL_TYPE (RapportCampaignsPage, rapport_campaigns_page, ADW_TYPE_BIN)

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

static const char *
status_label (RapportCampaignStatus status)
{
  switch (status)
    {
    case RAPPORT_CAMPAIGN_DRAFT:
      return _("Draft");
    case RAPPORT_CAMPAIGN_SENDING:
      return _("Sending");
    case RAPPORT_CAMPAIGN_PAUSED:
      return _("Paused");
    case RAPPORT_CAMPAIGN_SENT:
    default:
      return _("Sent");
    }
}

static const char *
channel_icon (RapportChannel channel)
{
  switch (channel)
    {
    case RAPPORT_CHANNEL_EMAIL:
      return "mail-send-symbolic";
    case RAPPORT_CHANNEL_SMS:
      return "mail-message-new-symbolic";
    case RAPPORT_CHANNEL_PHONE:
    default:
      return "call-start-symbolic";
    }
}

/* “Sent · 194 recipients, 194 sent, 0 failed · 3 clients ordered, €1,855.60” */
static char *
describe (RapportCampaign              *campaign,
          const RapportCampaignResults *results,
          const char                   *currency)
{
  GString *text = g_string_new (status_label (campaign->status));
  g_autofree char *n = rapport_format_count (campaign->n_recipients);
  g_autofree char *sent = rapport_format_count (campaign->n_sent);
  g_autofree char *failed = rapport_format_count (campaign->n_failed);

  if (campaign->status == RAPPORT_CAMPAIGN_DRAFT)
    return g_string_free (text, FALSE);

  g_string_append (text, " · ");
  /* TRANSLATORS: %s are numbers in the reader's digits */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s recipient, %s sent, %s failed",
                                             "%s recipients, %s sent, %s failed", campaign->n_recipients),
                          n, sent, failed);

  if (results != NULL)
    {
      g_autofree char *buyers = rapport_format_count (results->buyers);
      g_autofree char *revenue = rapport_money_format (results->revenue, currency);

      g_string_append (text, " · ");
      /* TRANSLATORS: %s: how many clients ordered after a campaign; then the revenue */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s client ordered, %s",
                                                 "%s clients ordered, %s", results->buyers),
                              buyers, revenue);
      if (!isnan (results->return_on_cost))
        {
          g_autofree char *share = rapport_format_percent (results->return_on_cost, TRUE);

          g_string_append (text, " · ");
          /* TRANSLATORS: the return on a campaign's cost, as a percentage (“+700%”) */
          g_string_append_printf (text, _("return %s"), share);
        }
    }
  return g_string_free (text, FALSE);
}

static void
on_results (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RapportCampaignsPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = rapport_campaign_repository_results_finish (RAPPORT_CAMPAIGN_REPOSITORY (source),
                                                                      result, &error);

  if (all == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      g_object_unref (self);
      return;
    }
  for (guint i = 0; i < all->len && i < self->sent->len; i++)
    {
      RapportCampaign *campaign = g_ptr_array_index (self->sent, i);
      GtkWidget *row = g_ptr_array_index (self->sent_rows, i);
      g_autofree char *subtitle = describe (campaign, &g_array_index (all, RapportCampaignResults, i),
                                            self->currency);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
  g_object_unref (self);
}

/**
 * rapport_campaigns_page_reload:
 * @self: the page
 *
 * Reads the campaigns again: a handful of rows, from one indexed query.
 */
void
rapport_campaigns_page_reload (RapportCampaignsPage *self)
{
  g_autoptr(GPtrArray) campaigns = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportBusiness) business = NULL;

  g_return_if_fail (RAPPORT_IS_CAMPAIGNS_PAGE (self));

  campaigns = rapport_campaign_repository_list (rapport_context_get_campaigns (self->context), &error);
  if (campaigns == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  business = rapport_business_repository_get (rapport_context_get_business (self->context), NULL);
  g_free (self->currency);
  self->currency = g_strdup (business != NULL ? business->currency : "EUR");
  g_cancellable_cancel (self->results_cancellable);
  g_clear_object (&self->results_cancellable);
  g_ptr_array_set_size (self->sent, 0);
  g_ptr_array_set_size (self->sent_rows, 0);

  rapport_list_box_remove_rows (self->list);
  g_array_set_size (self->row_ids, 0);

  for (guint i = 0; i < campaigns->len; i++)
    {
      RapportCampaign *campaign = g_ptr_array_index (campaigns, i);
      g_autofree char *subtitle = describe (campaign, NULL, self->currency);
      GtkWidget *action_row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (channel_icon (campaign->channel));
      g_autofree char *escaped = g_markup_escape_text (campaign->name, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (action_row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      rapport_channel_to_string (campaign->channel), -1);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (action_row), TRUE);
      gtk_list_box_append (self->list, action_row);
      g_array_append_val (self->row_ids, campaign->id);
      if (campaign->status == RAPPORT_CAMPAIGN_SENT)
        {
          g_ptr_array_add (self->sent, rapport_campaign_copy (campaign));
          g_ptr_array_add (self->sent_rows, action_row);
        }
    }
  gtk_stack_set_visible_child_name (self->stack, campaigns->len > 0 ? "list" : "empty");

  /* What each brought is counted on a worker thread. */
  if (self->sent->len > 0)
    {
      self->results_cancellable = g_cancellable_new ();
      rapport_campaign_repository_results_async (rapport_context_get_campaigns (self->context), self->sent,
                                                 g_settings_get_int (rapport_context_get_settings (self->context),
                                                                     "campaign-result-days"),
                                                 self->results_cancellable, on_results, g_object_ref (self));
    }
}

static gboolean
reload_now (gpointer user_data)
{
  RapportCampaignsPage *self = user_data;

  self->reload_source = 0;
  rapport_campaigns_page_reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_database_changed (RapportCampaignsPage *self,
                     const char           *kind,
                     gint64                id,
                     gboolean              many)
{
  if (kind != NULL && g_strcmp0 (kind, RAPPORT_KIND_CAMPAIGN) != 0 && g_strcmp0 (kind, "order") != 0)
    return;
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_now, self);
}

/**
 * rapport_campaigns_page_open:
 * @self: the page
 * @campaign_id: a campaign, or 0 for a new one
 *
 * Returns: (transfer none): the campaign's editor, shown
 */
GtkWindow *
rapport_campaigns_page_open (RapportCampaignsPage *self,
                             gint64                campaign_id)
{
  RapportCampaignEditor *editor = rapport_campaign_editor_new (self->context, campaign_id);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
on_list_row_activated (RapportCampaignsPage *self,
                       GtkListBoxRow        *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->row_ids->len)
    rapport_campaigns_page_open (self, g_array_index (self->row_ids, gint64, index));
}

static void
new_campaign_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  rapport_campaigns_page_open (RAPPORT_CAMPAIGNS_PAGE (widget), 0);
}

static void
show_sidebar_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_signal_emit (widget, signals[SHOW_SIDEBAR], 0);
}

static void
rapport_campaigns_page_constructed (GObject *object)
{
  RapportCampaignsPage *self = (RapportCampaignsPage *) object;

  G_OBJECT_CLASS (rapport_campaigns_page_parent_class)->constructed (object);

  g_signal_connect_object (rapport_context_get_database (self->context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
  rapport_campaigns_page_reload (self);
}

static void
rapport_campaigns_page_dispose (GObject *object)
{
  RapportCampaignsPage *self = (RapportCampaignsPage *) object;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->results_cancellable);
  g_clear_object (&self->results_cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rapport_campaigns_page_parent_class)->dispose (object);
}

static void
rapport_campaigns_page_finalize (GObject *object)
{
  RapportCampaignsPage *self = (RapportCampaignsPage *) object;

  g_array_unref (self->row_ids);
  g_ptr_array_unref (self->sent);
  g_ptr_array_unref (self->sent_rows);
  g_free (self->currency);

  G_OBJECT_CLASS (rapport_campaigns_page_parent_class)->finalize (object);
}

static void
rapport_campaigns_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RapportCampaignsPage *self = RAPPORT_CAMPAIGNS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_SIDEBAR_FOLDED:
      g_value_set_boolean (value, self->sidebar_folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_campaigns_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RapportCampaignsPage *self = RAPPORT_CAMPAIGNS_PAGE (object);

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
rapport_campaigns_page_class_init (RapportCampaignsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_campaigns_page_constructed;
  object_class->dispose = rapport_campaigns_page_dispose;
  object_class->finalize = rapport_campaigns_page_finalize;
  object_class->get_property = rapport_campaigns_page_get_property;
  object_class->set_property = rapport_campaigns_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_FOLDED] =
    g_param_spec_boolean ("sidebar-folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportCampaignsPage::show-sidebar:
   *
   * Asks the window to show the sidebar (on a narrow window).
   */
  signals[SHOW_SIDEBAR] =
    g_signal_new ("show-sidebar", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-campaigns-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignsPage, list);
  gtk_widget_class_bind_template_callback (widget_class, on_list_row_activated);

  gtk_widget_class_install_action (widget_class, "campaigns.new", NULL, new_campaign_action);
  gtk_widget_class_install_action (widget_class, "campaigns.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "campaigns.new", NULL);
}

static void
rapport_campaigns_page_init (RapportCampaignsPage *self)
{
  self->row_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->sent = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_campaign_free);
  self->sent_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportCampaignsPage *
rapport_campaigns_page_new (RapportContext *context)
{
  return g_object_new (RAPPORT_TYPE_CAMPAIGNS_PAGE, "context", context, NULL);
}
