/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-money-format.h"
#include "rapport-order-dialogs.h"

/* The two status changes that need a word from the person: why a quote
 * was lost (the sales figures count exactly these reasons), and what
 * happens to money already paid when an order is called off. */

typedef struct
{
  GArray             *reason_ids;
  GtkDropDown        *reasons;
  GtkEditable        *note;
  RapportLostAnswer   lost;
  RapportCancelAnswer cancel;
  gpointer            user_data;
} Question;

static void
question_free (gpointer  data,
               GClosure *closure)
{
  Question *question = data;

  g_clear_pointer (&question->reason_ids, g_array_unref);
  g_free (question);
}

static void
on_lost_response (AdwMessageDialog *dialog,
                  const char       *response,
                  Question         *question)
{
  guint selected = gtk_drop_down_get_selected (question->reasons);

  if (g_strcmp0 (response, "lost") == 0 && selected < question->reason_ids->len)
    question->lost (g_array_index (question->reason_ids, gint64, selected),
                    gtk_editable_get_text (question->note), question->user_data);
}

static GtkWidget *
lost_form (Question  *question,
           GPtrArray *reasons)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *note = gtk_entry_new ();
  GtkWidget *drop_down;

  question->reason_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < reasons->len; i++)
    {
      RapportLostReason *reason = g_ptr_array_index (reasons, i);

      gtk_string_list_append (names, reason->name);
      g_array_append_val (question->reason_ids, reason->id);
    }
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason"), -1);
  gtk_entry_set_placeholder_text (GTK_ENTRY (note), _("A note, if any"));
  gtk_entry_set_activates_default (GTK_ENTRY (note), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  gtk_box_append (GTK_BOX (box), drop_down);
  gtk_box_append (GTK_BOX (box), note);

  question->reasons = GTK_DROP_DOWN (drop_down);
  question->note = GTK_EDITABLE (note);
  return box;
}

/**
 * rapport_order_ask_lost_reason:
 * @parent: the order's window
 * @order: the quote being lost
 * @reasons: the active #RapportLostReason; at least one
 * @answer: called with the chosen reason and note when the person
 *   confirms; not called when they change their mind
 * @user_data: for @answer; must live as long as @parent
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWindow *
rapport_order_ask_lost_reason (GtkWindow         *parent,
                               RapportOrder      *order,
                               GPtrArray         *reasons,
                               RapportLostAnswer  answer,
                               gpointer           user_data)
{
  Question *question = g_new0 (Question, 1);
  g_autofree char *heading = g_strdup_printf (_("Mark Order %s as Lost?"), rapport_order_get_number (order));
  GtkWidget *dialog;

  question->lost = answer;
  question->user_data = user_data;

  dialog = adw_message_dialog_new (parent, heading,
                                   _("Why did the client not take it? The reasons add up in the sales figures."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), lost_form (question, reasons));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "back", _("_Keep It Open"),
                                    "lost", _("Mark _Lost"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "lost",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "lost");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "back");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_lost_response), question,
                         question_free, 0);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
on_cancel_response (AdwMessageDialog *dialog,
                    const char       *response,
                    Question         *question)
{
  if (g_strcmp0 (response, "refund") == 0)
    question->cancel (RAPPORT_CANCEL_REFUND, question->user_data);
  else if (g_strcmp0 (response, "credit") == 0 || g_strcmp0 (response, "cancel") == 0)
    question->cancel (RAPPORT_CANCEL_KEEP_CREDIT, question->user_data);
}

/**
 * rapport_order_ask_cancel:
 * @parent: the order's window
 * @order: the order being called off
 * @answer: called with what to do with the money when the person
 *   confirms; not called when they change their mind
 * @user_data: for @answer; must live as long as @parent
 *
 * An order with payments asks whether they are refunded or kept as the
 * client's credit; one without only asks to be sure.
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWindow *
rapport_order_ask_cancel (GtkWindow           *parent,
                          RapportOrder        *order,
                          RapportCancelAnswer  answer,
                          gpointer             user_data)
{
  Question *question = g_new0 (Question, 1);
  gint64 paid = rapport_order_get_paid (order);
  g_autofree char *heading = g_strdup_printf (_("Cancel Order %s?"), rapport_order_get_number (order));
  g_autofree char *amount = rapport_money_format (paid, rapport_order_get_currency (order));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  question->cancel = answer;
  question->user_data = user_data;

  if (paid > 0)
    body = g_strdup_printf (_("The client has paid %s on it. Pay it back, or keep it as their credit for a later order?"),
                            amount);
  else
    body = g_strdup (_("The order stays in the client’s history as cancelled."));

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "back", _("_Keep the Order"));
  if (paid > 0)
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "credit", _("Keep as _Credit"),
                                        "refund", _("_Refund"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "refund",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("Ca_ncel Order"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "back");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "back");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_cancel_response), question,
                         question_free, 0);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
