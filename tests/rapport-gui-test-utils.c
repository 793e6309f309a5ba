/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-card-row.h"
#include "rapport-gui.h"
#include "rapport-gui-test-utils.h"
#include "rapport-today-page.h"
#include "rapport-test-utils.h"

/* The databases the tests opened: the window's saves run on their worker
 * threads, and a test looks at what was saved once they have ended. */
static GPtrArray *open_databases;

static void
forget_database (gpointer  data,
                 GObject  *where_the_object_was)
{
  g_ptr_array_remove (open_databases, where_the_object_was);
}

/* GUI tests drive the real widgets in a real (virtual) display: each test
 * program runs inside the headless session that build-aux/test sets up. */
/* Not G_TEST_OPTION_ISOLATE_DIRS: it hides the system's data directories,
 * and with them the MIME database that loading SVG icons needs. The user
 * directories are private to the test program instead. */
void
rapport_gui_test_init (int    *argc,
                       char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("rapport-gui-test-XXXXXX", &error);
  const char * const dirs[][2] = {
    { "XDG_DATA_HOME", "data" }, { "XDG_CONFIG_HOME", "config" },
    { "XDG_CACHE_HOME", "cache" }, { "XDG_STATE_HOME", "state" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, dirs[i][1], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (dirs[i][0], dir, TRUE);
    }

  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
  rapport_gui_init ();
}

/* Each call opens a new database file: tests do not see each other's. */
RapportContext *
rapport_gui_test_context_new (const char *db_name)
{
  static guint serial;
  g_autofree char *unique = g_strdup_printf ("%u-%s", ++serial, db_name);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportDatabase) db = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.rapportcrm.Rapport");

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  path = g_build_filename (g_get_user_data_dir (), unique, NULL);
  db = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, &error);
  g_assert_no_error (error);
  if (open_databases == NULL)
    open_databases = g_ptr_array_new ();
  g_ptr_array_add (open_databases, db);
  g_object_weak_ref (G_OBJECT (db), forget_database, NULL);

  /* The memory backend keeps settings for the whole program: start clean. */
  g_settings_reset (settings, "client-sort");
  g_settings_reset (settings, "show-archived");
  g_settings_reset (settings, "last-staff-id");
  g_settings_reset (settings, "phone-country");

  return rapport_context_new (db, settings);
}

/* Whether no Today page in any window on show is reading what is due: it
 * reads in a worker thread, from its window's first frame on. */
static gboolean
today_pages_read (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      GtkWidget *page = gtk_widget_get_mapped (window)
                        ? rapport_gui_test_find (window, RAPPORT_TYPE_TODAY_PAGE, NULL) : NULL;

      if (page != NULL && rapport_today_page_get_loading (RAPPORT_TODAY_PAGE (page)))
        return FALSE;
    }
  return TRUE;
}

/* Runs what is pending, the saves on their way and the Today pages'
 * readings included. */
void
rapport_gui_test_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  for (guint i = 0; open_databases != NULL && i < open_databases->len; i++)
    rapport_test_wait_for_writes (g_ptr_array_index (open_databases, i));
  g_assert_true (rapport_gui_test_wait_for (today_pages_read, NULL, 10000));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
rapport_gui_test_wait (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @condition holds; FALSE when it never did. */
gboolean
rapport_gui_test_wait_for (gboolean (*condition) (gpointer),
                           gpointer   data,
                           guint      timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static const char *
widget_text (GtkWidget *widget)
{
  /* An icon button is known by its tooltip, as a pointer user knows it. */
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget)) ? gtk_button_get_label (GTK_BUTTON (widget))
                                                       : gtk_widget_get_tooltip_text (widget);
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_label (GTK_LABEL (widget));
  if (RAPPORT_IS_CARD_ROW (widget))
    return rapport_card_row_get_title (RAPPORT_CARD_ROW (widget));
  if (ADW_IS_PREFERENCES_ROW (widget))
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  if (GTK_IS_INSCRIPTION (widget))
    return gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  return NULL;
}

/* The first widget of @type under @root (depth first) whose label, title or
 * text is @text, mnemonic underscores ignored; any of @type when @text is
 * NULL. */
GtkWidget *
rapport_gui_test_find (GtkWidget  *root,
                       GType       type,
                       const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *label = widget_text (root);
      g_autofree char *plain = NULL;

      if (text == NULL)
        return root;
      if (label != NULL)
        {
          GString *without = g_string_new (NULL);

          for (const char *p = label; *p != '\0'; p++)
            if (*p != '_')
              g_string_append_c (without, *p);
          plain = g_string_free (without, FALSE);
          if (g_str_equal (plain, text))
            return root;
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = rapport_gui_test_find (child, type, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The newest open window of @type, or NULL. */
GtkWindow *
rapport_gui_test_find_window (GType type)
{
  GListModel *windows = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (windows); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (windows, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = window;
    }
  return found;
}

void
rapport_gui_test_type (GtkWidget  *editable,
                       const char *text)
{
  g_assert_true (GTK_IS_EDITABLE (editable));
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  rapport_gui_test_iterate ();
}

/* Clicks through the button's action or signal, as a pointer would. */
void
rapport_gui_test_click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  rapport_gui_test_iterate ();
}

/* Where @text stands in the GtkStringList @strings; it must be there. */
guint
rapport_gui_test_string_index (GListModel *strings,
                               const char *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (strings); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (strings), i), text))
      return i;
  g_error ("“%s” is not among the choices", text);
}

/* The shortcut of @widget's own key bindings that @keyval with @modifiers
 * triggers, or NULL. */
GtkShortcut *
rapport_gui_test_find_shortcut (GtkWidget       *widget,
                                guint            keyval,
                                GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger)
              && gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval
              && gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return g_steal_pointer (&shortcut);
        }
    }
  return NULL;
}

/* A child of @widget's template, by its id. */
GtkWidget *
rapport_gui_test_child (GtkWidget  *widget,
                        GType       type,
                        const char *id)
{
  GObject *child = gtk_widget_get_template_child (widget, type, id);

  g_assert_true (GTK_IS_WIDGET (child));
  return GTK_WIDGET (child);
}

/* Tells the database the business's country, as the window does, and
 * waits until it has. */
gboolean
rapport_gui_test_apply_phone_region (RapportContext *context)
{
  g_autoptr(GAsyncResult) result = NULL;

  rapport_context_apply_phone_region_async (context, NULL, rapport_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return rapport_context_apply_phone_region_finish (context, result, NULL);
}

/* Turns the main loop for @ms milliseconds; returns its longest turn, in
 * microseconds. */
gint64
rapport_gui_test_longest_turn_during (guint ms)
{
  gint64 started, last, longest = 0;

  started = last = g_get_monotonic_time ();
  while (g_get_monotonic_time () - started < ms * 1000)
    {
      gint64 now;

      g_main_context_iteration (NULL, FALSE);
      now = g_get_monotonic_time ();
      longest = MAX (longest, now - last);
      last = now;
      g_usleep (1000);
    }
  return longest;
}

/* Whether a RapportSaveStatus says its save waits for another program. */
gboolean
rapport_gui_test_save_waits (GtkWidget *save_status)
{
  GtkWidget *label = rapport_gui_test_find (save_status, GTK_TYPE_LABEL, NULL);

  return gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_first_child (save_status)))
         && strstr (gtk_label_get_text (GTK_LABEL (label)), "Waiting") != NULL;
}
