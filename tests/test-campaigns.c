/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The campaign editor as a person uses it: a rule typed in, the audience
 * counted, the preview filled for the first recipient, a test message to
 * the business's address and the campaign sent, through a real SMTP
 * server on loopback (python3-aiosmtpd, STARTTLS and AUTH). */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "rapport-campaign-editor.h"
#include "rapport-campaigns-page.h"
#include "rapport-client-card.h"
#include "rapport-gui-test-utils.h"
#include "rapport-money-format.h"
#include "rapport-smtp-password.h"
#include "rapport-test-utils.h"

typedef struct
{
  char *out;
  guint want;
} Received;

static guint
count_messages (const char *out)
{
  g_autoptr(GDir) dir = g_dir_open (out, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".eml"))
      n++;
  return n;
}

static gboolean
received (gpointer data)
{
  Received *r = data;

  return count_messages (r->out) >= r->want;
}

static gboolean
label_has (gpointer data)
{
  gpointer *pair = data;
  const char *text = adw_action_row_get_subtitle (ADW_ACTION_ROW (pair[0]));

  return text != NULL && strstr (text, pair[1]) != NULL;
}

static gboolean
preview_has (gpointer data)
{
  gpointer *pair = data;

  return strstr (gtk_label_get_text (GTK_LABEL (pair[0])), pair[1]) != NULL;
}

static void
add_client (RapportContext *context,
            const char     *given,
            const char     *family,
            const char     *email,
            const char     *tag)
{
  g_autoptr(RapportClient) client = rapport_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *phone = g_strdup_printf ("+49 30 %07u", g_str_hash (email) % 10000000);
  const char *tags[] = { tag, NULL };

  rapport_client_set_given_name (client, given);
  rapport_client_set_family_name (client, family);
  rapport_client_add_email (client, "work", email);
  rapport_client_add_phone (client, "mobile", phone);
  rapport_client_set_tags (client, tags);
  g_assert_true (rapport_client_repository_save (rapport_context_get_clients (context), client, &error));
  g_assert_no_error (error);
}

static GSubprocess *
start_server (const char *dir,
              const char *port,
              const char *password)
{
  g_autofree char *server = g_test_build_filename (G_TEST_DIST, "smtp-server.py", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *out = g_build_filename (dir, "received", NULL);
  g_autofree char *input = g_strconcat (password, "\n", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) ready = NULL;
  g_autofree char *line = NULL;
  GSubprocess *process;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char *[]) { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                                                  "-days", "2", "-subj", "/CN=127.0.0.1",
                                                  "-addext", "subjectAltName=IP:127.0.0.1",
                                                  "-keyout", key, "-out", cert, NULL },
                               NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              "/usr/bin/python3", server, port, cert, key, "campaigns@shop.example", out, NULL);
  g_assert_no_error (error);
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (process), input, strlen (input), NULL, NULL, &error);
  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, NULL);
  ready = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (ready, NULL, NULL, &error);
  g_assert_cmpstr (line, ==, "ready");
  return process;
}

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, TRUE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
campaign_sent (gpointer data)
{
  gpointer *pair = data;
  g_autoptr(RapportCampaign) campaign = rapport_campaign_repository_get (pair[0], *(gint64 *) pair[1], NULL);

  return campaign != NULL && campaign->status == RAPPORT_CAMPAIGN_SENT;
}

static void
test_build_preview_send (void)
{
  g_autoptr(RapportContext) context = rapport_gui_test_context_new ("campaigns.db");
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "smtp", NULL);
  g_autofree char *out = g_build_filename (dir, "received", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *password = g_strdup_printf ("pw-%08x", g_random_int ());
  g_autofree char *port = g_strdup_printf ("%u", free_port ());
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GError) error = NULL;
  GSettings *settings = rapport_context_get_settings (context);
  RapportCampaignsPage *page = NULL;
  RapportCampaignEditor *editor;
  GtkWidget *window;
  Received wanted = { out, 1 };
  gint64 id;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  server = start_server (dir, port, password);
  g_settings_set_string (settings, "smtp-host", "127.0.0.1");
  g_settings_set_int (settings, "smtp-port", (int) g_ascii_strtoll (port, NULL, 10));
  g_settings_set_string (settings, "smtp-user", "campaigns@shop.example");
  g_settings_set_string (settings, "smtp-from", "shop@shop.example");
  g_settings_set_string (settings, "smtp-certificate", cert);
  g_settings_set_int (settings, "campaign-rate", 0);
  g_assert_true (rapport_smtp_password_store ("127.0.0.1", "campaigns@shop.example", password, NULL, &error));
  g_assert_no_error (error);

  add_client (context, "Ирина", "Соколова", "irina@clients.example", "VIP");
  add_client (context, "Reza", "Karimi", "reza@clients.example", "VIP");
  add_client (context, "Not", "Chosen", "other@clients.example", "regular");

  /* The page opens a new campaign's editor. */
  window = gtk_window_new ();
  page = rapport_campaigns_page_new (context);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "campaigns.new", NULL));
  editor = RAPPORT_CAMPAIGN_EDITOR (rapport_gui_test_find_window (RAPPORT_TYPE_CAMPAIGN_EDITOR));
  g_assert_nonnull (editor);

  rapport_gui_test_type (rapport_gui_test_child (GTK_WIDGET (editor), RAPPORT_TYPE_CAMPAIGN_EDITOR, "name_row"),
                         "Весна");
  rapport_gui_test_type (rapport_gui_test_child (GTK_WIDGET (editor), RAPPORT_TYPE_CAMPAIGN_EDITOR, "subject_row"),
                         "Hello {first_name|there}");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (rapport_gui_test_child (GTK_WIDGET (editor),
                                                                                           RAPPORT_TYPE_CAMPAIGN_EDITOR,
                                                                                           "body_view"))),
                            "Dear {first_name|client}, the sale starts.", -1);

  /* The rule, typed: the audience counts as it changes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.add-rule", NULL));
  {
    GtkWidget *value = rapport_gui_test_find (GTK_WIDGET (editor), GTK_TYPE_ENTRY, NULL);
    gpointer audience[] = { rapport_gui_test_child (GTK_WIDGET (editor), RAPPORT_TYPE_CAMPAIGN_EDITOR, "audience_row"),
                            "2 to send to" };
    gpointer preview[] = { rapport_gui_test_child (GTK_WIDGET (editor), RAPPORT_TYPE_CAMPAIGN_EDITOR, "preview_label"),
                           "Dear Ирина, the sale starts." };

    g_assert_nonnull (value);
    rapport_gui_test_type (value, "VIP");
    g_assert_true (rapport_gui_test_wait_for (label_has, audience, 10000));
    g_assert_true (rapport_gui_test_wait_for (preview_has, preview, 10000));
  }

  /* A test message to the business's own address. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.send-test", NULL));
  g_assert_true (rapport_gui_test_wait_for (received, &wanted, 20000));
  {
    g_autofree char *first = g_build_filename (out, "0001.rcpt", NULL);
    g_autofree char *to = NULL;

    g_assert_true (g_file_get_contents (first, &to, NULL, NULL));
    g_assert_cmpstr (to, ==, "shop@shop.example");
  }

  /* Sent: two more, and the campaign is sent. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.send", NULL));
  /* The draft is saved on the database's worker first. */
  rapport_gui_test_iterate ();
  id = rapport_campaign_editor_get_id (editor);
  g_assert_cmpint (id, >, 0);
  {
    gpointer pair[] = { rapport_context_get_campaigns (context), &id };

    wanted.want = 3;
    g_assert_true (rapport_gui_test_wait_for (received, &wanted, 20000));
    g_assert_true (rapport_gui_test_wait_for (campaign_sent, pair, 20000));
  }
  rapport_gui_test_wait (300);
  g_assert_cmpuint (count_messages (out), ==, 3);

  gtk_window_set_focus (GTK_WINDOW (editor), NULL);
  rapport_gui_test_iterate ();
  gtk_window_destroy (GTK_WINDOW (editor));
  gtk_window_destroy (GTK_WINDOW (window));
  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
}

static GtkWidget *
editor_child (RapportCampaignEditor *editor,
              const char            *id)
{
  return rapport_gui_test_child (GTK_WIDGET (editor), RAPPORT_TYPE_CAMPAIGN_EDITOR, id);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The recipients are listed once the export's answer reached the editor,
 * which may be after the file is on disk. */
static gboolean
recipients_listed (gpointer data)
{
  return rapport_gui_test_find (editor_child (data, "recipients_list"), GTK_TYPE_BUTTON, "Opted Out") != NULL;
}

static gboolean
editor_waits (gpointer data)
{
  return rapport_gui_test_save_waits (editor_child (data, "save_status"));
}

/* Another program holding the file, as a long import would. */
static sqlite3 *
hold_file (RapportContext *context)
{
  sqlite3 *other = NULL;

  g_assert_cmpint (sqlite3_open (rapport_database_get_path (rapport_context_get_database (context)), &other),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  return other;
}

/* The editor says it waits and keeps drawing while the file is held;
 * nothing is written until it is free. */
static void
wait_on_held_file (RapportContext        *context,
                   RapportCampaignEditor *editor,
                   sqlite3               *other,
                   const char            *count_sql,
                   gint64                 before)
{
  const char *path = rapport_database_get_path (rapport_context_get_database (context));

  g_assert_true (rapport_gui_test_wait_for (editor_waits, editor, 3000));
  g_assert_cmpint (rapport_gui_test_longest_turn_during (300), <, 250 * 1000);
  g_assert_cmpint (rapport_test_query_int (path, count_sql), ==, before);
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  rapport_test_wait_for_writes (rapport_context_get_database (context));
  rapport_gui_test_iterate ();
  g_assert_false (editor_waits (editor));
}

/* Amounts in “spent at least” are typed as on an invoice; a formatted
 * version goes with the message; the draft, Mark All Sent and an opt-out
 * wait for a file another program holds, the window drawing meanwhile, and
 * all go in once it is free. */
static void
test_amounts_and_held_file (void)
{
  g_autoptr(RapportContext) context = rapport_gui_test_context_new ("campaign-writes.db");
  const char *path = rapport_database_get_path (rapport_context_get_database (context));
  RapportCampaignRepository *campaigns = rapport_context_get_campaigns (context);
  g_autoptr(RapportCampaign) saved = NULL;
  g_autoptr(RapportSegment) segment = NULL;
  g_autoptr(GError) error = NULL;
  RapportCampaignEditor *editor;
  RapportSegmentRule *rule;
  GtkWidget *value, *opt_out;
  gint64 id, amount = 0;
  g_auto(GStrv) parts = NULL;

  add_client (context, "Ирина", "Соколова", "irina@clients.example", "VIP");
  add_client (context, "Reza", "Karimi", "reza@clients.example", "VIP");
  add_client (context, "=2+3", "O\"Brien, Jr.", "obrien@clients.example", "VIP");

  editor = rapport_campaign_editor_new (context, 0);
  gtk_window_present (GTK_WINDOW (editor));
  rapport_gui_test_type (editor_child (editor, "name_row"), "Лето");
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor_child (editor, "channel_row")), 1);   /* SMS */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (editor_child (editor, "body_view"))),
                            "Hello {first_name|there},\n\"see\" you", -1);
  rapport_campaign_editor_add_rule (editor, "spent-at-least");
  value = rapport_gui_test_find (GTK_WIDGET (editor), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (value);

  /* Not an amount: said, and nothing saved. */
  rapport_gui_test_type (value, "12.345/30");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  rapport_gui_test_iterate ();
  g_assert_true (gtk_widget_has_css_class (value, "error"));
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM campaigns"), ==, 0);

  /* The draft waits for the held file, then goes in: the amount in cents. */
  gtk_editable_set_text (GTK_EDITABLE (value), "");
  rapport_gui_test_type (value, "1234.50/30");
  {
    sqlite3 *other = hold_file (context);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
    wait_on_held_file (context, editor, other, "SELECT count(*) FROM campaigns", 0);
  }
  id = rapport_campaign_editor_get_id (editor);
  g_assert_cmpint (id, >, 0);
  saved = rapport_campaign_repository_get (campaigns, id, &error);
  g_assert_no_error (error);
  segment = rapport_segment_repository_get (rapport_context_get_segments (context), saved->segment_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segment->rules->len, ==, 1);
  rule = g_ptr_array_index (segment->rules, 0);
  g_assert_cmpint (rule->kind, ==, RAPPORT_RULE_SPENT_AT_LEAST);
  g_assert_cmpint (rule->number, ==, 123450);
  g_assert_cmpint (rule->days, ==, 30);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Opened again, the amount reads as it was typed, in the currency. */
  editor = rapport_campaign_editor_new (context, id);
  gtk_window_present (GTK_WINDOW (editor));
  value = rapport_gui_test_find (GTK_WIDGET (editor), GTK_TYPE_ENTRY, NULL);
  parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (value)), "/", 2);
  g_assert_cmpstr (parts[1], ==, "30");
  g_assert_true (rapport_money_parse (parts[0], "EUR", &amount, NULL));
  g_assert_cmpint (amount, ==, 123450);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Nobody has spent that much: the segment is made to reach the three.
   * The export for the gateway freezes the list on the database's worker,
   * waiting for the held file with the window drawing, then writes the
   * file off the main thread: a comma, a quote and a line break quoted, a
   * name a spreadsheet would run written after an apostrophe. Mark All
   * Sent and an opt-out wait for the held file too. */
  g_ptr_array_set_size (segment->rules, 0);
  rapport_segment_add_rule (segment, rapport_segment_rule_new (RAPPORT_RULE_HAS_TAG, "VIP", 0, 0));
  g_assert_true (rapport_segment_repository_save (rapport_context_get_segments (context), segment, &error));
  g_assert_no_error (error);
  editor = rapport_campaign_editor_new (context, id);
  gtk_window_present (GTK_WINDOW (editor));
  {
    g_autofree char *dir = g_dir_make_tmp ("rapport-sms-XXXXXX", NULL);
    g_autofree char *csv_path = g_build_filename (dir, "Лето.csv", NULL);
    g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
    g_autofree char *csv = NULL;
    sqlite3 *other = hold_file (context);

    rapport_campaign_editor_export_sms (editor, csv_file);
    /* once: the button waits with the file */
    g_assert_false (gtk_widget_is_sensitive (rapport_gui_test_find (GTK_WIDGET (editor), GTK_TYPE_BUTTON,
                                                                    "Export for SMS…")));
    wait_on_held_file (context, editor, other, "SELECT count(*) FROM campaign_recipients", 0);
    g_assert_true (rapport_gui_test_wait_for (file_exists, csv_path, 3000));
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    g_assert_true (g_str_has_prefix (csv, "Phone,Name,Message\r\n+4930"));
    g_assert_nonnull (strstr (csv, ",\"'=2+3 O\"\"Brien, Jr.\",\"Hello =2+3,\n\"\"see\"\" you\"\r\n"));
    g_assert_nonnull (strstr (csv, ",Reza Karimi,\"Hello Reza,\n\"\"see\"\" you\"\r\n"));
    g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM campaign_recipients"), ==, 3);
    g_unlink (csv_path);
    g_rmdir (dir);
  }
  g_assert_true (rapport_gui_test_wait_for (recipients_listed, editor, 3000));
  opt_out = rapport_gui_test_find (editor_child (editor, "recipients_list"), GTK_TYPE_BUTTON, "Opted Out");
  g_assert_nonnull (opt_out);
  {
    sqlite3 *other = hold_file (context);

    gtk_widget_activate (opt_out);
    wait_on_held_file (context, editor, other, "SELECT count(*) FROM opt_outs", 0);
  }
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM opt_outs WHERE channel = 'sms'"), ==, 1);
  {
    sqlite3 *other = hold_file (context);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.mark-sent", NULL));
    wait_on_held_file (context, editor, other, "SELECT count(*) FROM campaign_recipients WHERE state = 'sent'", 0);
  }
  g_assert_cmpint (rapport_test_query_int (path, "SELECT count(*) FROM campaign_recipients WHERE state = 'sent'"),
                   ==, 3);
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Whoever calls from the list finds the campaign on the client's card,
   * where the call is logged. */
  {
    GtkWidget *window = gtk_window_new ();
    RapportClientCard *card = rapport_client_card_new (context);
    gint64 client = rapport_test_query_int (path, "SELECT min(client_id) FROM campaign_recipients");

    gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (card));
    g_assert_true (rapport_client_card_set_client_id (card, client));
    rapport_gui_test_iterate ();
    g_assert_nonnull (rapport_gui_test_find (GTK_WIDGET (card), ADW_TYPE_ACTION_ROW, "Лето"));
    gtk_window_destroy (GTK_WINDOW (window));
  }
}

int
main (int   argc,
      char *argv[])
{
  rapport_gui_test_init (&argc, &argv);
  /* Without a window manager the window is never focused; a blinking
   * cursor in a focused entry would then complain. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/rapport/campaigns/build-preview-send", test_build_preview_send);
  g_test_add_func ("/rapport/campaigns/amounts-and-held-file", test_amounts_and_held_file);

  return g_test_run ();
}
