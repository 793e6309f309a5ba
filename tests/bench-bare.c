/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The floor for start-up: a bare libadwaita window with a header bar, a
 * search entry and a list of 100,000 one-line rows, as little as a window
 * with a list can be. It prints “first-frame” once its first frame is
 * drawn, and on the next line the processor time it used until then in
 * milliseconds, and quits, as Rapport does with RAPPORT_EXIT_AFTER_FIRST_FRAME, so
 * that the benchmark times both the same way. */

#include <adwaita.h>
#include <time.h>

#define N_ROWS 100000

static void
on_setup (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  gtk_list_item_set_child (item, gtk_inscription_new (NULL));
}

static void
on_bind (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)),
                            gtk_string_object_get_string (string));
}

static void
on_after_paint (GdkFrameClock *clock,
                GApplication  *app)
{
  struct timespec used = { 0 };

  g_signal_handlers_disconnect_by_func (clock, on_after_paint, app);
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &used);
  g_print ("first-frame\n%.1f\n", used.tv_sec * 1000.0 + used.tv_nsec / 1e6);
  g_application_quit (app);
}

/* A list model of N_ROWS strings made on demand. */
static void
on_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkStringList *strings = gtk_string_list_new (NULL);
  GtkWidget *view;

  for (guint i = 0; i < N_ROWS; i++)
    {
      char row[32];

      g_snprintf (row, sizeof row, "Client %u", i);
      gtk_string_list_append (strings, row);
    }
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind), NULL);
  view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (strings))), factory);

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), gtk_search_entry_new ());
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);

  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.rapportcrm.Rapport.BenchBare",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
