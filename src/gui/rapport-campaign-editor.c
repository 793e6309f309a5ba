/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

/* A campaign's editor: its name and channel, the rules of who receives it
 * with the live audience (counted off the main thread, never holding the
 * typing), the message with its preview for the first recipient, a test
 * send to the business's own address, and Send with progress, Pause and
 * Cancel (on a thread with a database of its own); for SMS, the CSV for a
 * gateway and the confirmation. A sent campaign shows its recipients, each
 * with a one-click opt-out for those who answered “unsubscribe”. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-call-list.h"
#include "rapport-campaign-editor.h"
#include "rapport-campaign-export.h"
#include "rapport-campaign-sender.h"
#include "rapport-campaign-text.h"
#include "rapport-error.h"
#include "rapport-format.h"
#include "rapport-money-format.h"
#include "rapport-print.h"
#include "rapport-save-status.h"
#include "rapport-smtp-password.h"

#define COUNT_DELAY_MS 150
#define RECIPIENTS_SHOWN 100

static const RapportSegmentRuleKind rule_kinds[] = {
  RAPPORT_RULE_HAS_TAG, RAPPORT_RULE_LACKS_TAG, RAPPORT_RULE_CITY, RAPPORT_RULE_COUNTRY,
  RAPPORT_RULE_OWNER, RAPPORT_RULE_CREATED_BEFORE, RAPPORT_RULE_CREATED_AFTER, RAPPORT_RULE_CREATED_WITHIN,
  RAPPORT_RULE_CONTACTED_BEFORE, RAPPORT_RULE_CONTACTED_AFTER, RAPPORT_RULE_CONTACTED_WITHIN,
  RAPPORT_RULE_NOT_CONTACTED_WITHIN, RAPPORT_RULE_ORDERS_AT_LEAST, RAPPORT_RULE_ORDERS_AT_MOST,
  RAPPORT_RULE_SPENT_AT_LEAST, RAPPORT_RULE_LAST_ORDER_BEFORE, RAPPORT_RULE_LAST_ORDER_AFTER,
  RAPPORT_RULE_BOUGHT_ITEM, RAPPORT_RULE_BOUGHT_KIND, RAPPORT_RULE_BIRTHDAY_WITHIN,
  RAPPORT_RULE_HAS_EMAIL, RAPPORT_RULE_HAS_PHONE, RAPPORT_RULE_WARRANTY_ENDING_WITHIN,
  RAPPORT_RULE_RFM_SEGMENT, RAPPORT_RULE_SLIPPING_AWAY,
};

static const char *
rule_label (RapportSegmentRuleKind kind)
{
  switch (kind)
    {
    case RAPPORT_RULE_HAS_TAG: return _("Has the tag");
    case RAPPORT_RULE_LACKS_TAG: return _("Has not the tag");
    case RAPPORT_RULE_CITY: return _("City is");
    case RAPPORT_RULE_COUNTRY: return _("Country is");
    case RAPPORT_RULE_OWNER: return _("Owner (staff number) is");
    case RAPPORT_RULE_CREATED_BEFORE: return _("Added before");
    case RAPPORT_RULE_CREATED_AFTER: return _("Added after");
    case RAPPORT_RULE_CREATED_WITHIN: return _("Added within days");
    case RAPPORT_RULE_CONTACTED_BEFORE: return _("Last contacted before");
    case RAPPORT_RULE_CONTACTED_AFTER: return _("Last contacted after");
    case RAPPORT_RULE_CONTACTED_WITHIN: return _("Contacted within days");
    case RAPPORT_RULE_NOT_CONTACTED_WITHIN: return _("Not contacted for days");
    case RAPPORT_RULE_ORDERS_AT_LEAST: return _("Orders, at least");
    case RAPPORT_RULE_ORDERS_AT_MOST: return _("Orders, at most");
    case RAPPORT_RULE_SPENT_AT_LEAST: return _("Spent at least (amount/days)");
    case RAPPORT_RULE_LAST_ORDER_BEFORE: return _("Last order before");
    case RAPPORT_RULE_LAST_ORDER_AFTER: return _("Last order after");
    case RAPPORT_RULE_BOUGHT_ITEM: return _("Bought the catalog item number");
    case RAPPORT_RULE_BOUGHT_KIND: return _("Bought a product or service");
    case RAPPORT_RULE_BIRTHDAY_WITHIN: return _("Birthday within days");
    case RAPPORT_RULE_HAS_EMAIL: return _("Has an e-mail address");
    case RAPPORT_RULE_HAS_PHONE: return _("Has a phone number");
    case RAPPORT_RULE_WARRANTY_ENDING_WITHIN: return _("A warranty ends within days");
    case RAPPORT_RULE_RFM_SEGMENT: return _("Clients by value: segment (champions, at-risk…)");
    case RAPPORT_RULE_SLIPPING_AWAY: return _("Slipping away (not back for twice their usual interval)");
    case RAPPORT_RULE_N_KINDS:
    default: return "";
    }
}

typedef struct
{
  GtkDropDown *kind;
  GtkEntry    *value;
} RuleRow;

struct _RapportCampaignEditor
{
  AdwWindow            parent_instance;

  RapportContext      *context;
  gint64               campaign_id;
  gint64               segment_id;
  RapportCampaignStatus status;
  GPtrArray           *rule_rows;      /* RuleRow, in the order shown */
  GCancellable        *count_cancellable;
  guint                count_source;
  gboolean             loading;
  gboolean             sending;
  gboolean             saving;          /* a draft is being written */
  gboolean             exporting;       /* the SMS file is being written */
  RapportSendControl   control;
  gint64               preview_client;
  GtkFileChooserNative *chooser;
  char                *currency;       /* the business's, for amounts in rules */

  AdwToastOverlay     *toast_overlay;
  RapportSaveStatus   *save_status;
  AdwEntryRow         *name_row;
  AdwComboRow         *channel_row;
  AdwComboRow         *match_row;
  AdwPreferencesGroup *campaign_group;
  AdwPreferencesGroup *rules_group;
  AdwPreferencesGroup *message_group;
  AdwPreferencesGroup *recipients_group;
  GtkListBox          *rules_list;
  GtkListBox          *recipients_list;
  AdwActionRow        *audience_row;
  AdwActionRow        *state_row;
  AdwEntryRow         *subject_row;
  GtkTextView         *body_view;
  GtkExpander         *html_expander;
  GtkTextView         *html_view;
  GtkLabel            *preview_label;
  GtkProgressBar      *progress_bar;
};

G_DEFINE_FINAL_TYPE (RapportCampaignEditor, rapport_campaign_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CAMPAIGN_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_count (RapportCampaignEditor *self);
static void update_actions (RapportCampaignEditor *self);

static void
toast (RapportCampaignEditor *self,
       const char            *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static RapportChannel
selected_channel (RapportCampaignEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->channel_row);

  return selected == 1 ? RAPPORT_CHANNEL_SMS : selected == 2 ? RAPPORT_CHANNEL_PHONE : RAPPORT_CHANNEL_EMAIL;
}

static char *
dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* “Spent at least” as a person writes it, “1 500,50” or “1 500,50/365”
 * (the amount in the business's currency, then the days it counts), as
 * the rule reads it: the amount in smallest units. */
static char *
spent_rule_text (RapportCampaignEditor  *self,
                 const char             *value,
                 GError                **error)
{
  g_auto(GStrv) parts = g_strsplit (value, "/", 2);
  const char *kind = rapport_segment_rule_kind_to_string (RAPPORT_RULE_SPENT_AT_LEAST);
  g_autofree char *amount_text = g_strstrip (g_strdup (parts[0] ? parts[0] : ""));
  g_autoptr(GError) local_error = NULL;
  gint64 amount = 0;

  if (!rapport_money_parse (amount_text, self->currency, &amount, &local_error) || amount < 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   /* TRANSLATORS: %s is what was typed; %s the currency's code */
                   _("“%s” is not an amount in %s: write it as on an invoice, and the days after a slash if "
                     "you like, such as 500 or 500/365."),
                   value, self->currency);
      return NULL;
    }
  if (parts[0] != NULL && parts[1] != NULL)
    {
      GString *days = g_string_new (NULL);

      /* The days in the reader's digits (Persian ones too) as the rule
       * reads them; anything else is left for the rule to refuse. */
      for (const char *p = parts[1]; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (g_unichar_digit_value (c) >= 0)
            g_string_append_c (days, (char) ('0' + g_unichar_digit_value (c)));
          else if (!g_unichar_isspace (c))
            g_string_append_unichar (days, c);
        }
      {
        g_autofree char *digits = g_string_free (days, FALSE);

        return g_strdup_printf ("%s=%" G_GINT64_FORMAT "/%s", kind, amount, digits);
      }
    }
  return g_strdup_printf ("%s=%" G_GINT64_FORMAT, kind, amount);
}

/* The segment as the rows say, or NULL with the first rule that does not
 * make sense. */
static RapportSegment *
collect_segment (RapportCampaignEditor  *self,
                 GError                **error)
{
  g_autoptr(RapportSegment) segment = rapport_segment_new (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));

  segment->id = self->segment_id;
  segment->match_any = adw_combo_row_get_selected (self->match_row) == 1;
  for (guint i = 0; i < self->rule_rows->len; i++)
    {
      RuleRow *row = g_ptr_array_index (self->rule_rows, i);
      RapportSegmentRuleKind kind = rule_kinds[MIN (gtk_drop_down_get_selected (row->kind),
                                                    G_N_ELEMENTS (rule_kinds) - 1)];
      const char *value = gtk_editable_get_text (GTK_EDITABLE (row->value));
      g_autoptr(GError) local_error = NULL;
      g_autofree char *text = NULL;
      RapportSegmentRule *rule = NULL;

      if (kind == RAPPORT_RULE_SPENT_AT_LEAST)
        text = spent_rule_text (self, value, &local_error);
      else
        text = *value != '\0' ? g_strdup_printf ("%s=%s", rapport_segment_rule_kind_to_string (kind), value)
                              : g_strdup (rapport_segment_rule_kind_to_string (kind));
      if (text != NULL)
        rule = rapport_segment_rule_parse (text, &local_error);

      gtk_widget_remove_css_class (GTK_WIDGET (row->value), "error");
      if (rule == NULL)
        {
          gtk_widget_add_css_class (GTK_WIDGET (row->value), "error");
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      rapport_segment_add_rule (segment, rule);
    }
  return g_steal_pointer (&segment);
}

static RapportCampaign *
collect_campaign (RapportCampaignEditor *self)
{
  RapportCampaign *campaign = rapport_campaign_new (gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                                    selected_channel (self));

  campaign->id = self->campaign_id;
  campaign->segment_id = self->segment_id;
  g_free (campaign->subject);
  campaign->subject = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  g_free (campaign->body);
  campaign->body = dup_text (self->body_view);
  g_free (campaign->html_body);
  campaign->html_body = selected_channel (self) == RAPPORT_CHANNEL_EMAIL ? dup_text (self->html_view) : g_strdup ("");
  return campaign;
}

/* ---- Rules ---- */

static void
on_rule_changed (RapportCampaignEditor *self)
{
  if (!self->loading)
    schedule_count (self);
}

static void
on_rule_removed (GtkButton *button,
                 gpointer   user_data)
{
  RapportCampaignEditor *self = user_data;
  GtkWidget *list_row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (list_row));

  g_ptr_array_remove_index (self->rule_rows, (guint) index);
  gtk_list_box_remove (self->rules_list, list_row);
  schedule_count (self);
}

static void
on_rule_label_setup (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (user_data))
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

static void
on_rule_label_bind (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (GTK_STRING_OBJECT (gtk_list_item_get_item (item))));
}

/* A rule's name, ellipsized on its button when the window is narrow (360
 * px) so that the value beside it keeps room, and whole in the list. */
static GtkListItemFactory *
shown_rule_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_rule_label_setup), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (on_rule_label_bind), NULL);
  return factory;
}

/**
 * rapport_campaign_editor_add_rule:
 * @self: the editor
 * @rule: (nullable): a rule as rapport_segment_rule_parse() reads it, or
 *   %NULL for an empty “has the tag”
 */
void
rapport_campaign_editor_add_rule (RapportCampaignEditor *self,
                                  const char            *rule)
{
  g_auto(GStrv) parts = g_strsplit (rule ? rule : "has-tag", "=", 2);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  RuleRow *row = g_new0 (RuleRow, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  RapportSegmentRuleKind kind = RAPPORT_RULE_HAS_TAG;

  rapport_segment_rule_kind_from_string (parts[0], &kind);
  for (guint i = 0; i < G_N_ELEMENTS (rule_kinds); i++)
    gtk_string_list_append (labels, rule_label (rule_kinds[i]));
  row->kind = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL));
  {
    g_autoptr(GtkListItemFactory) on_button = shown_rule_factory (TRUE);
    g_autoptr(GtkListItemFactory) in_list = shown_rule_factory (FALSE);

    gtk_drop_down_set_factory (row->kind, on_button);
    gtk_drop_down_set_list_factory (row->kind, in_list);
  }
  for (guint i = 0; i < G_N_ELEMENTS (rule_kinds); i++)
    if (rule_kinds[i] == kind)
      gtk_drop_down_set_selected (row->kind, i);
  row->value = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (row->value), parts[0] && parts[1] ? parts[1] : "");
  gtk_widget_set_hexpand (GTK_WIDGET (row->value), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (row->value), 6);
  gtk_entry_set_placeholder_text (row->value, _("Value"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->kind), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Rule"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->value), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the Rule"), -1);
  gtk_widget_set_tooltip_text (remove, _("Remove the Rule"));
  gtk_widget_add_css_class (remove, "flat");

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->kind));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->value));
  gtk_box_append (GTK_BOX (box), remove);
  g_signal_connect_swapped (row->kind, "notify::selected", G_CALLBACK (on_rule_changed), self);
  g_signal_connect_swapped (row->value, "changed", G_CALLBACK (on_rule_changed), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_rule_removed), self);

  g_ptr_array_add (self->rule_rows, row);
  gtk_list_box_append (self->rules_list, box);
  gtk_list_box_row_set_activatable (gtk_list_box_get_row_at_index (self->rules_list,
                                                                   (int) self->rule_rows->len - 1), FALSE);
  if (!self->loading)
    {
      gtk_widget_grab_focus (GTK_WIDGET (row->value));
      schedule_count (self);
    }
}

/* ---- The live audience and the preview ---- */

static void
show_preview (RapportCampaignEditor *self)
{
  g_autoptr(RapportCampaign) campaign = collect_campaign (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;

  if (!rapport_campaign_message_check (campaign->subject, &error)
      || !rapport_campaign_message_check (campaign->body, &error))
    {
      gtk_label_set_text (self->preview_label, error->message);
      return;
    }
  if (self->preview_client == 0)
    {
      gtk_label_set_text (self->preview_label, _("Nobody to preview for: the audience is empty."));
      return;
    }
  if (!rapport_campaign_text_fill (rapport_context_get_campaigns (self->context), campaign,
                                   self->preview_client, &subject, &body, NULL, &error))
    {
      gtk_label_set_text (self->preview_label, error->message);
      return;
    }
  text = campaign->channel == RAPPORT_CHANNEL_EMAIL ? g_strdup_printf ("%s\n\n%s", subject, body)
                                                   : g_steal_pointer (&body);
  gtk_label_set_text (self->preview_label, text);
}

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RapportCampaignEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportSegment) segment = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autofree char *text = NULL;
  g_autofree char *recipients = NULL, *archived = NULL, *opted = NULL, *missing = NULL, *twice = NULL;
  RapportAudience audience;

  if (!rapport_segment_repository_count_finish (RAPPORT_SEGMENT_REPOSITORY (source), result, &audience, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && !g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_CANCELLED))
        adw_action_row_set_subtitle (self->audience_row, error->message);
      return;
    }

  recipients = rapport_format_count (audience.recipients);
  archived = rapport_format_count (audience.archived);
  opted = rapport_format_count (audience.opted_out);
  missing = rapport_format_count (audience.no_address);
  twice = rapport_format_count (audience.duplicates);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* TRANSLATORS: the numbers are in the reader's digits */
                                       "%s to send to. Left out: %s archived, %s opted out, %s without an address, %s twice.",
                                       "%s to send to. Left out: %s archived, %s opted out, %s without an address, %s twice.",
                                       audience.recipients),
                          recipients, archived, opted, missing, twice);
  adw_action_row_set_subtitle (self->audience_row, text);

  /* The preview is for the first recipient: one indexed look. */
  segment = collect_segment (self, NULL);
  if (segment != NULL)
    first = rapport_segment_repository_list_audience (RAPPORT_SEGMENT_REPOSITORY (source), segment,
                                                      selected_channel (self), 1, NULL, NULL);
  self->preview_client = first != NULL && first->len > 0
                         ? ((RapportRecipient *) g_ptr_array_index (first, 0))->client_id : 0;
  show_preview (self);
}

static gboolean
count_now (gpointer user_data)
{
  RapportCampaignEditor *self = user_data;
  g_autoptr(RapportSegment) segment = NULL;
  g_autoptr(GError) error = NULL;

  self->count_source = 0;
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);

  segment = collect_segment (self, &error);
  if (segment == NULL)
    {
      adw_action_row_set_subtitle (self->audience_row, error->message);
      return G_SOURCE_REMOVE;
    }
  self->count_cancellable = g_cancellable_new ();
  rapport_segment_repository_count_async (rapport_context_get_segments (self->context), segment,
                                          selected_channel (self), self->count_cancellable,
                                          on_counted, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
schedule_count (RapportCampaignEditor *self)
{
  if (self->status != RAPPORT_CAMPAIGN_DRAFT)
    return;
  g_clear_handle_id (&self->count_source, g_source_remove);
  self->count_source = g_timeout_add (COUNT_DELAY_MS, count_now, self);
}

static void
on_field_changed (RapportCampaignEditor *self)
{
  if (self->loading)
    return;
  update_actions (self);
  schedule_count (self);
  show_preview (self);
}

static void
on_body_changed (RapportCampaignEditor *self)
{
  on_field_changed (self);
}

/* ---- State ---- */

static const char *
state_label (RapportRecipientState state)
{
  switch (state)
    {
    case RAPPORT_RECIPIENT_QUEUED: return _("Queued");
    case RAPPORT_RECIPIENT_SENDING: return _("Being sent");
    case RAPPORT_RECIPIENT_SENT: return _("Sent");
    case RAPPORT_RECIPIENT_FAILED: return _("Failed");
    case RAPPORT_RECIPIENT_SKIPPED:
    default: return _("Skipped");
    }
}

typedef struct
{
  RapportCampaignEditor *self;
  gint64                 client_id;
} OptOut;

static void
opt_out_free (gpointer  data,
              GClosure *closure)
{
  g_free (data);
}

/* What an opt-out written on the worker needs when it ends: the button
 * may be gone by then, with the list rebuilt. */
typedef struct
{
  RapportCampaignEditor *self;
  GtkButton             *button;   /* weak */
} OptOutWrite;

static void
on_opted_out (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  OptOutWrite *write = user_data;
  g_autoptr(RapportCampaignEditor) self = write->self;
  g_autoptr(GError) error = NULL;
  GtkButton *button = write->button;

  g_clear_weak_pointer (&write->button);
  g_free (write);
  rapport_save_status_end (self->save_status);
  if (!rapport_campaign_repository_set_opt_out_finish (RAPPORT_CAMPAIGN_REPOSITORY (source), result, &error))
    {
      toast (self, error->message);
      if (button != NULL)
        gtk_widget_set_sensitive (GTK_WIDGET (button), TRUE);
      return;
    }
  if (button != NULL)
    gtk_button_set_label (button, _("Opted Out"));
}

static void
on_opt_out_clicked (GtkButton *button,
                    gpointer   user_data)
{
  OptOut *opt_out = user_data;
  OptOutWrite *write = g_new0 (OptOutWrite, 1);

  write->self = g_object_ref (opt_out->self);
  g_set_weak_pointer (&write->button, button);
  /* Once: it is written on the worker, and the button says when. */
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  rapport_save_status_begin (opt_out->self->save_status);
  rapport_campaign_repository_set_opt_out_async (rapport_context_get_campaigns (opt_out->self->context),
                                                 opt_out->client_id, selected_channel (opt_out->self), TRUE,
                                                 NULL, on_opted_out, write);
}

static void
show_recipients (RapportCampaignEditor *self)
{
  g_autoptr(GPtrArray) recipients = NULL;
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->recipients_list, 0)) != NULL)
    gtk_list_box_remove (self->recipients_list, GTK_WIDGET (row));
  gtk_widget_set_visible (GTK_WIDGET (self->recipients_group), self->status != RAPPORT_CAMPAIGN_DRAFT);
  if (self->status == RAPPORT_CAMPAIGN_DRAFT)
    return;

  recipients = rapport_campaign_repository_list_recipients (rapport_context_get_campaigns (self->context),
                                                             self->campaign_id, NULL);
  for (guint i = 0; recipients != NULL && i < recipients->len && i < RECIPIENTS_SHOWN; i++)
    {
      RapportRecipient *recipient = g_ptr_array_index (recipients, i);
      GtkWidget *action_row = adw_action_row_new ();
      GtkWidget *opt_out = gtk_button_new_with_label (_("Opted Out"));
      g_autofree char *title = g_markup_escape_text (recipient->name, -1);
      g_autofree char *subtitle = g_markup_printf_escaped ("%s · %s%s%s", recipient->address,
                                                           state_label (recipient->state),
                                                           *recipient->reason ? " · " : "", recipient->reason);
      gint64 opted_at = 0;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
      rapport_campaign_repository_get_opt_out (rapport_context_get_campaigns (self->context), recipient->client_id,
                                               selected_channel (self), &opted_at, NULL);
      gtk_widget_set_valign (opt_out, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (opt_out, _("The client asked to receive no more: mark the opt-out"));
      gtk_widget_set_sensitive (opt_out, opted_at == 0);
      {
        OptOut *data = g_new0 (OptOut, 1);

        data->self = self;
        data->client_id = recipient->client_id;
        g_signal_connect_data (opt_out, "clicked", G_CALLBACK (on_opt_out_clicked), data, opt_out_free, 0);
      }
      adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), opt_out);
      gtk_list_box_append (self->recipients_list, action_row);
    }
}

static void
show_state (RapportCampaignEditor *self)
{
  g_autoptr(RapportCampaign) campaign = NULL;
  g_autofree char *text = NULL;
  gboolean draft;

  if (self->campaign_id != 0)
    campaign = rapport_campaign_repository_get (rapport_context_get_campaigns (self->context),
                                                self->campaign_id, NULL);
  self->status = campaign != NULL ? campaign->status : RAPPORT_CAMPAIGN_DRAFT;
  draft = self->status == RAPPORT_CAMPAIGN_DRAFT;

  if (campaign == NULL || draft)
    text = g_strdup (_("Draft: nothing has been sent."));
  else
    {
      g_autofree char *sent = rapport_format_count (campaign->n_sent);
      g_autofree char *total = rapport_format_count (campaign->n_recipients);
      g_autofree char *failed = rapport_format_count (campaign->n_failed);

      /* TRANSLATORS: numbers in the reader's digits */
      text = g_strdup_printf (_("%s of %s sent, %s failed."), sent, total, failed);
    }
  adw_action_row_set_subtitle (self->state_row, text);

  gtk_widget_set_sensitive (GTK_WIDGET (self->campaign_group), draft && !self->sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rules_group), draft && !self->sending);
  gtk_widget_set_sensitive (GTK_WIDGET (self->message_group), draft && !self->sending);
  show_recipients (self);
  update_actions (self);
}

static void
update_actions (RapportCampaignEditor *self)
{
  gboolean draft = self->status == RAPPORT_CAMPAIGN_DRAFT;
  gboolean email = selected_channel (self) == RAPPORT_CHANNEL_EMAIL;
  gboolean open = self->status != RAPPORT_CAMPAIGN_SENT;

  gtk_widget_set_visible (GTK_WIDGET (self->subject_row), email);
  gtk_widget_set_visible (GTK_WIDGET (self->html_expander), email);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", draft && !self->sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add-rule", draft && !self->sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.send-test", email && !self->sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.send", email && open && !self->sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.pause", self->sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.cancel-sending", self->sending);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.export-sms",
                                 selected_channel (self) == RAPPORT_CHANNEL_SMS && open && !self->exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.mark-sent",
                                 !email && self->status == RAPPORT_CAMPAIGN_SENDING);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.print-call-list",
                                 selected_channel (self) == RAPPORT_CHANNEL_PHONE && !self->saving);
}

/* ---- Saving ---- */

/* What a save goes on to do once the draft is written. */
typedef enum
{
  THEN_SAY_SAVED,
  THEN_SEND,
  THEN_EXPORT,
  THEN_PRINT,
} Then;

static void run_then (RapportCampaignEditor *self,
                      Then                   then);

typedef struct
{
  RapportCampaignEditor *self;
  Then                   then;
} DraftSave;

static void
on_draft_saved (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DraftSave *save = user_data;
  g_autoptr(RapportCampaignEditor) self = save->self;
  Then then = save->then;
  g_autoptr(GError) error = NULL;
  gint64 segment_id = 0, campaign_id = 0;

  g_free (save);
  self->saving = FALSE;
  rapport_save_status_end (self->save_status);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", TRUE);
  if (!rapport_campaign_repository_save_draft_finish (RAPPORT_CAMPAIGN_REPOSITORY (source), result,
                                                      &segment_id, &campaign_id, &error))
    {
      toast (self, error->message);
      return;
    }
  self->segment_id = segment_id;
  self->campaign_id = campaign_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAMPAIGN_ID]);
  run_then (self, then);
}

/* Saves the draft as shown on the database's worker, then does @then; a
 * campaign no longer a draft goes straight on. What is wrong is said and
 * nothing is written. */
static void
save_then (RapportCampaignEditor *self,
           Then                   then)
{
  g_autoptr(RapportSegment) segment = NULL;
  g_autoptr(RapportCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;
  DraftSave *save;

  if (self->saving)
    return;
  if (self->status != RAPPORT_CAMPAIGN_DRAFT)
    {
      run_then (self, then);
      return;
    }
  segment = collect_segment (self, &error);
  campaign = segment != NULL ? collect_campaign (self) : NULL;
  if (segment == NULL || !rapport_campaign_validate (campaign, &error))
    {
      toast (self, error->message);
      return;
    }

  save = g_new0 (DraftSave, 1);
  save->self = g_object_ref (self);
  save->then = then;
  self->saving = TRUE;
  rapport_save_status_begin (self->save_status);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  rapport_campaign_repository_save_draft_async (rapport_context_get_campaigns (self->context), segment, campaign,
                                                NULL, on_draft_saved, save);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_then (RAPPORT_CAMPAIGN_EDITOR (widget), THEN_SAY_SAVED);
}

static void
add_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  rapport_campaign_editor_add_rule (RAPPORT_CAMPAIGN_EDITOR (widget), NULL);
}

/* ---- Sending, on a thread of its own ---- */

typedef struct
{
  RapportCampaignEditor *self;   /* a reference */
  char                  *path;
  gint64                 campaign_id;
  gint64                 test_client;   /* 0: send the campaign */
  RapportCampaign       *campaign;      /* for a test */
  RapportSmtpSettings   *settings;
} SendJob;

static void
send_job_free (SendJob *job)
{
  g_object_unref (job->self);
  g_free (job->path);
  rapport_campaign_free (job->campaign);
  rapport_smtp_settings_free (job->settings);
  g_free (job);
}

typedef struct
{
  RapportCampaignEditor *self;
  RapportSendProgress    progress;
} ProgressUpdate;

static gboolean
show_progress (gpointer user_data)
{
  ProgressUpdate *update = user_data;
  g_autofree char *sent = rapport_format_count (update->progress.sent);
  g_autofree char *total = rapport_format_count (update->progress.total);
  g_autofree char *text = g_strdup_printf (_("%s of %s sent"), sent, total);

  gtk_progress_bar_set_fraction (update->self->progress_bar,
                                 update->progress.total > 0
                                 ? (double) (update->progress.sent + update->progress.failed) / update->progress.total
                                 : 1.0);
  gtk_progress_bar_set_text (update->self->progress_bar, text);
  g_object_unref (update->self);
  g_free (update);
  return G_SOURCE_REMOVE;
}

static void
on_send_progress (const RapportSendProgress *progress,
                  gpointer                   data)
{
  SendJob *job = data;
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->self = g_object_ref (job->self);
  update->progress = *progress;
  g_idle_add (show_progress, update);
}

static void
send_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SendJob *job = task_data;
  g_autoptr(RapportDatabase) own = NULL;
  g_autoptr(GError) error = NULL;
  char *password = NULL;
  gboolean ok;

  own = rapport_database_open (job->path, RAPPORT_DATABASE_DEFAULT, &error);
  if (own == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->settings->user != NULL)
    {
      password = rapport_smtp_password_lookup (job->settings->host, job->settings->user, NULL, &error);
      if (error != NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (job->test_client != 0)
    ok = rapport_campaign_send_test (own, job->campaign, job->test_client, job->settings, password, &error);
  else
    ok = rapport_campaign_send (own, job->campaign_id, job->settings, password, &job->self->control,
                                on_send_progress, job, &error);
  rapport_smtp_password_free (password);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  RapportCampaignEditor *self = RAPPORT_CAMPAIGN_EDITOR (source);
  SendJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->sending = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    toast (self, error->message);
  else if (job->test_client != 0)
    toast (self, _("The test message was sent to the business’s address."));
  rapport_database_notify_changed (rapport_context_get_database (self->context));
  show_state (self);
}

static void
start_sending (RapportCampaignEditor *self,
               gint64                 test_client)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SendJob *job;

  job = g_new0 (SendJob, 1);
  job->self = g_object_ref (self);
  job->path = g_strdup (rapport_database_get_path (rapport_context_get_database (self->context)));
  job->campaign_id = self->campaign_id;
  job->test_client = test_client;
  job->campaign = collect_campaign (self);
  job->settings = rapport_smtp_settings_new_from_gsettings (rapport_context_get_settings (self->context));
  if (!rapport_smtp_settings_validate (job->settings, &error))
    {
      toast (self, error->message);
      send_job_free (job);
      return;
    }
  {
    g_autoptr(RapportBusiness) business = rapport_business_repository_get (rapport_context_get_business (self->context),
                                                                           NULL);
    job->settings->from_name = business != NULL ? g_strdup (business->name) : NULL;
  }

  self->sending = test_client == 0;
  rapport_send_control_request (&self->control, RAPPORT_SEND_RUN);
  if (self->sending)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
      gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
    }
  show_state (self);
  task = g_task_new (self, NULL, on_sent, NULL);
  g_task_set_source_tag (task, start_sending);
  g_task_set_task_data (task, job, (GDestroyNotify) send_job_free);
  g_task_run_in_thread (task, send_thread);
}

static void
send_test_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportCampaignEditor *self = RAPPORT_CAMPAIGN_EDITOR (widget);

  if (self->preview_client == 0)
    {
      toast (self, _("The audience is empty: there is nobody to fill the test message for."));
      return;
    }
  start_sending (self, self->preview_client);
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_then (RAPPORT_CAMPAIGN_EDITOR (widget), THEN_SEND);
}

static void
pause_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  rapport_send_control_request (&RAPPORT_CAMPAIGN_EDITOR (widget)->control, RAPPORT_SEND_PAUSE);
}

static void
cancel_sending_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  rapport_send_control_request (&RAPPORT_CAMPAIGN_EDITOR (widget)->control, RAPPORT_SEND_CANCEL);
}

/* ---- SMS ---- */

static void
on_sms_exported (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(RapportCampaignEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  rapport_save_status_end (self->save_status);
  self->exporting = FALSE;
  if (!rapport_campaign_export_sms_finish (result, &rows, &error))
    toast (self, error->message);
  else
    {
      g_autofree char *count = rapport_format_count (rows);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s recipient written. Once the gateway has taken the file, choose Mark All Sent.",
                                                            "%s recipients written. Once the gateway has taken the file, choose Mark All Sent.",
                                                            rows),
                                               count);
      toast (self, text);
    }
  show_state (self);
}

/**
 * rapport_campaign_editor_export_sms:
 * @self: an editor of a saved SMS campaign
 * @file: the CSV file to write
 *
 * Freezes a draft's recipients and writes them for an SMS gateway, off the
 * main thread; the editor says how many when done.
 */
void
rapport_campaign_editor_export_sms (RapportCampaignEditor *self,
                                    GFile                 *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (RAPPORT_IS_CAMPAIGN_EDITOR (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a local file: choose a folder on this computer."),
                                                  name);

      toast (self, message);
      return;
    }
  /* Once: the draft is frozen on the worker, and the status says when. */
  self->exporting = TRUE;
  update_actions (self);
  rapport_save_status_begin (self->save_status);
  rapport_campaign_export_sms_async (rapport_context_get_database (self->context), self->campaign_id, path,
                                     NULL, on_sms_exported, g_object_ref (self));
}

static void
on_export_response (RapportCampaignEditor *self,
                    int                    response)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    rapport_campaign_editor_export_sms (self, file);
}

static void
export_sms_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  save_then (RAPPORT_CAMPAIGN_EDITOR (widget), THEN_EXPORT);
}

/* Where the SMS list goes, once the draft is saved. */
static void
choose_export_file (RapportCampaignEditor *self)
{
  g_autofree char *name = NULL;

  self->chooser = gtk_file_chooser_native_new (_("Export for an SMS Gateway"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  name = g_strdup_printf ("%s.csv", gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_marked_sent (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RapportCampaignEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  rapport_save_status_end (self->save_status);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.mark-sent", TRUE);
  if (!rapport_campaign_repository_set_opt_out_finish (RAPPORT_CAMPAIGN_REPOSITORY (source), result, &error))
    toast (self, error->message);
  show_state (self);
}

static void
mark_sent_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  RapportCampaignEditor *self = RAPPORT_CAMPAIGN_EDITOR (widget);

  /* Once: it is written on the worker, and the status says when. */
  gtk_widget_action_set_enabled (widget, "editor.mark-sent", FALSE);
  rapport_save_status_begin (self->save_status);
  rapport_campaign_repository_mark_all_sent_async (rapport_context_get_campaigns (self->context),
                                                   self->campaign_id, NULL, on_marked_sent, g_object_ref (self));
}

/* ---- Phone ---- */

/* The call list through the print dialog, which also saves it as a PDF. */
static void
print_call_list (RapportCampaignEditor *self)
{
  g_autoptr(RapportCallList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  list = rapport_call_list_load (rapport_context_get_database (self->context), self->campaign_id, &error);
  if (list == NULL)
    {
      toast (self, error->message);
      return;
    }
  rapport_call_list_set_right_to_left (list, gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL);
  title = rapport_call_list_dup_title (list);
  if (!rapport_print_document (GTK_WINDOW (self), title, (RapportPaginateFunc) rapport_call_list_paginate,
                               (RapportDrawPageFunc) rapport_call_list_draw_page, list, NULL, &error))
    toast (self, error->message);
}

static void
on_frozen (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RapportCampaignEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  rapport_save_status_end (self->save_status);
  if (!rapport_campaign_repository_set_opt_out_finish (RAPPORT_CAMPAIGN_REPOSITORY (source), result, &error))
    {
      toast (self, error->message);
      return;
    }
  show_state (self);
  print_call_list (self);
}

/* A draft's recipients are frozen on the database's worker first: the list
 * printed is who is really called. */
static void
freeze_then_print (RapportCampaignEditor *self)
{
  if (self->status != RAPPORT_CAMPAIGN_DRAFT)
    {
      print_call_list (self);
      return;
    }
  rapport_save_status_begin (self->save_status);
  rapport_campaign_repository_start_async (rapport_context_get_campaigns (self->context), self->campaign_id,
                                           NULL, on_frozen, g_object_ref (self));
}

static void
print_call_list_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  save_then (RAPPORT_CAMPAIGN_EDITOR (widget), THEN_PRINT);
}

static void
run_then (RapportCampaignEditor *self,
          Then                   then)
{
  switch (then)
    {
    case THEN_SEND:
      start_sending (self, 0);
      break;
    case THEN_EXPORT:
      choose_export_file (self);
      break;
    case THEN_PRINT:
      freeze_then_print (self);
      break;
    case THEN_SAY_SAVED:
    default:
      toast (self, _("Saved"));
      break;
    }
}

/* ---- Loading ---- */

static void
load (RapportCampaignEditor *self)
{
  g_autoptr(RapportCampaign) campaign = NULL;
  g_autoptr(RapportSegment) segment = NULL;
  g_autoptr(GError) error = NULL;

  self->loading = TRUE;
  if (self->campaign_id != 0)
    {
      campaign = rapport_campaign_repository_get (rapport_context_get_campaigns (self->context),
                                                  self->campaign_id, &error);
      if (campaign == NULL)
        toast (self, error->message);
    }
  if (campaign != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), campaign->name);
      adw_combo_row_set_selected (self->channel_row, campaign->channel);
      gtk_editable_set_text (GTK_EDITABLE (self->subject_row), campaign->subject);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), campaign->body, -1);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->html_view), campaign->html_body, -1);
      gtk_expander_set_expanded (self->html_expander, *campaign->html_body != '\0');
      self->segment_id = campaign->segment_id;
      gtk_window_set_title (GTK_WINDOW (self), campaign->name);
    }
  if (self->segment_id != 0)
    {
      g_clear_error (&error);
      segment = rapport_segment_repository_get (rapport_context_get_segments (self->context), self->segment_id, &error);
      if (segment == NULL)
        toast (self, error->message);
    }
  if (segment != NULL)
    {
      adw_combo_row_set_selected (self->match_row, segment->match_any ? 1 : 0);
      for (guint i = 0; i < segment->rules->len; i++)
        {
          RapportSegmentRule *rule = g_ptr_array_index (segment->rules, i);
          g_autofree char *value = NULL;

          switch (rule->kind)
            {
            case RAPPORT_RULE_HAS_EMAIL:
            case RAPPORT_RULE_HAS_PHONE:
            case RAPPORT_RULE_SLIPPING_AWAY:
              value = g_strdup (rapport_segment_rule_kind_to_string (rule->kind));
              break;
            case RAPPORT_RULE_OWNER:
            case RAPPORT_RULE_ORDERS_AT_LEAST:
            case RAPPORT_RULE_ORDERS_AT_MOST:
            case RAPPORT_RULE_BOUGHT_ITEM:
              value = g_strdup_printf ("%s=%" G_GINT64_FORMAT, rapport_segment_rule_kind_to_string (rule->kind),
                                       rule->number);
              break;
            case RAPPORT_RULE_SPENT_AT_LEAST:
              {
                g_autofree char *amount = rapport_money_format_number (rule->number, self->currency);

                value = rule->days > 0
                        ? g_strdup_printf ("%s=%s/%d", rapport_segment_rule_kind_to_string (rule->kind), amount,
                                           rule->days)
                        : g_strdup_printf ("%s=%s", rapport_segment_rule_kind_to_string (rule->kind), amount);
              }
              break;
            case RAPPORT_RULE_CREATED_WITHIN:
            case RAPPORT_RULE_CONTACTED_WITHIN:
            case RAPPORT_RULE_NOT_CONTACTED_WITHIN:
            case RAPPORT_RULE_BIRTHDAY_WITHIN:
            case RAPPORT_RULE_WARRANTY_ENDING_WITHIN:
              value = g_strdup_printf ("%s=%d", rapport_segment_rule_kind_to_string (rule->kind), rule->days);
              break;
            default:
              value = g_strdup_printf ("%s=%s", rapport_segment_rule_kind_to_string (rule->kind), rule->text);
              break;
            }
          rapport_campaign_editor_add_rule (self, value);
        }
    }
  self->loading = FALSE;
  show_state (self);
  if (self->status == RAPPORT_CAMPAIGN_DRAFT)
    count_now (self);
}

gint64
rapport_campaign_editor_get_id (RapportCampaignEditor *self)
{
  g_return_val_if_fail (RAPPORT_IS_CAMPAIGN_EDITOR (self), 0);
  return self->campaign_id;
}

static void
load_currency (RapportCampaignEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportBusiness) business = rapport_business_repository_get (rapport_context_get_business (self->context),
                                                                          &error);

  if (business == NULL)
    {
      self->currency = rapport_business_dup_default_currency ();
      toast (self, error->message);
      return;
    }
  self->currency = g_strdup (business->currency);
}

static void
rapport_campaign_editor_constructed (GObject *object)
{
  RapportCampaignEditor *self = (RapportCampaignEditor *) object;

  G_OBJECT_CLASS (rapport_campaign_editor_parent_class)->constructed (object);

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->body_view), "changed",
                            G_CALLBACK (on_body_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->html_view), "changed",
                            G_CALLBACK (on_body_changed), self);
  rapport_save_status_set_database (self->save_status, rapport_context_get_database (self->context));
  load_currency (self);
  load (self);
}

static void
rapport_campaign_editor_dispose (GObject *object)
{
  RapportCampaignEditor *self = (RapportCampaignEditor *) object;

  g_clear_handle_id (&self->count_source, g_source_remove);
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rapport_campaign_editor_parent_class)->dispose (object);
}

static void
rapport_campaign_editor_finalize (GObject *object)
{
  RapportCampaignEditor *self = (RapportCampaignEditor *) object;

  g_ptr_array_unref (self->rule_rows);
  g_free (self->currency);

  G_OBJECT_CLASS (rapport_campaign_editor_parent_class)->finalize (object);
}

/* Closing while sending pauses: the queue is in the database. */
static gboolean
rapport_campaign_editor_close_request (GtkWindow *window)
{
  RapportCampaignEditor *self = RAPPORT_CAMPAIGN_EDITOR (window);

  if (self->sending)
    rapport_send_control_request (&self->control, RAPPORT_SEND_PAUSE);
  return GTK_WINDOW_CLASS (rapport_campaign_editor_parent_class)->close_request (window);
}

static void
rapport_campaign_editor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  RapportCampaignEditor *self = RAPPORT_CAMPAIGN_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_CAMPAIGN_ID:
      g_value_set_int64 (value, self->campaign_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_campaign_editor_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  RapportCampaignEditor *self = RAPPORT_CAMPAIGN_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_CAMPAIGN_ID:
      self->campaign_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_campaign_editor_class_init (RapportCampaignEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  g_type_ensure (RAPPORT_TYPE_SAVE_STATUS);
  object_class->constructed = rapport_campaign_editor_constructed;
  object_class->dispose = rapport_campaign_editor_dispose;
  object_class->finalize = rapport_campaign_editor_finalize;
  object_class->get_property = rapport_campaign_editor_get_property;
  object_class->set_property = rapport_campaign_editor_set_property;
  window_class->close_request = rapport_campaign_editor_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAMPAIGN_ID] =
    g_param_spec_int64 ("campaign-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-campaign-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, save_status);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, match_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, campaign_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, rules_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, message_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, recipients_group);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, rules_list);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, recipients_list);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, audience_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, state_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, html_expander);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, html_view);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, preview_label);
  gtk_widget_class_bind_template_child (widget_class, RapportCampaignEditor, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-rule", NULL, add_rule_action);
  gtk_widget_class_install_action (widget_class, "editor.send-test", NULL, send_test_action);
  gtk_widget_class_install_action (widget_class, "editor.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "editor.pause", NULL, pause_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel-sending", NULL, cancel_sending_action);
  gtk_widget_class_install_action (widget_class, "editor.export-sms", NULL, export_sms_action);
  gtk_widget_class_install_action (widget_class, "editor.mark-sent", NULL, mark_sent_action);
  gtk_widget_class_install_action (widget_class, "editor.print-call-list", NULL, print_call_list_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_campaign_editor_init (RapportCampaignEditor *self)
{
  self->rule_rows = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

RapportCampaignEditor *
rapport_campaign_editor_new (RapportContext *context,
                             gint64          campaign_id)
{
  return g_object_new (RAPPORT_TYPE_CAMPAIGN_EDITOR, "context", context, "campaign-id", campaign_id, NULL);
}
