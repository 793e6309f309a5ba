/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client-duplicates.h"
#include "rapport-duplicates-dialog.h"
#include "rapport-format.h"
#include "rapport-merge-dialog.h"

/* Clients that may be one person, surest first, each pair with its
 * reasons and score: Merge opens the two side by side, “Not a Duplicate”
 * is remembered. The scan runs off the main thread on the reader
 * connection; the surest few hundred pairs are shown, the rest follow as
 * those are settled. */

#define SHOWN_PAIRS 200

struct _RapportDuplicatesDialog
{
  AdwWindow            parent_instance;

  RapportContext      *context;
  GtkWindow           *main_window;  /* weak */
  GCancellable        *cancellable;
  GArray              *pairs;
  GPtrArray           *rows;
  gulong               changed_id;

  GtkStack            *stack;
  GtkLabel            *busy_label;
  AdwPreferencesGroup *pairs_group;
};

G_DEFINE_FINAL_TYPE (RapportDuplicatesDialog, rapport_duplicates_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  RapportDuplicatesDialog *self;
  gint64                   a;
  gint64                   b;
} PairRow;

static void find_pairs (RapportDuplicatesDialog *self);

static void
on_not_duplicate_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(RapportDuplicatesDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_client_repository_save_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error))
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_timeout (toast, 0);
      if (self->main_window != NULL && RAPPORT_IS_WINDOW (self->main_window))
        rapport_window_add_toast (RAPPORT_WINDOW (self->main_window), toast);
      else
        g_object_unref (g_object_ref_sink (toast));
    }
}

static void
on_not_duplicate_clicked (GtkButton *button,
                          PairRow   *pair)
{
  RapportDuplicatesDialog *self = pair->self;

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  rapport_client_repository_set_not_duplicate_async (rapport_context_get_clients (self->context), pair->a, pair->b,
                                                     NULL, on_not_duplicate_done, g_object_ref (self));
}

static void
on_merge_clicked (GtkButton *button,
                  PairRow   *pair)
{
  RapportDuplicatesDialog *self = pair->self;
  GtkWidget *dialog = rapport_merge_dialog_new (self->context, pair->a, pair->b,
                                                self->main_window ? self->main_window : GTK_WINDOW (self));

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
pair_button (const char *label,
             const char *accessible)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return button;
}

static void
show_pairs (RapportDuplicatesDialog *self)
{
  guint n = MIN (self->pairs->len, SHOWN_PAIRS);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n * 2);
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *count = rapport_format_count (self->pairs->len);
  g_autofree char *description = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->pairs_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (self->pairs->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      RapportDuplicatePair *pair = &g_array_index (self->pairs, RapportDuplicatePair, i);

      g_array_append_val (ids, pair->a);
      g_array_append_val (ids, pair->b);
    }
  /* the names of the pairs shown: one indexed read of a few hundred rows */
  loaded = rapport_client_repository_load (rapport_context_get_clients (self->context),
                                           (const gint64 *) ids->data, ids->len, &error);
  for (guint i = 0; loaded != NULL && i < loaded->len; i++)
    if (g_ptr_array_index (loaded, i) != NULL)
      g_hash_table_insert (names, &g_array_index (ids, gint64, i),
                           (gpointer) rapport_client_get_display_name (g_ptr_array_index (loaded, i)));

  for (guint i = 0; i < n; i++)
    {
      RapportDuplicatePair *pair = &g_array_index (self->pairs, RapportDuplicatePair, i);
      const char *name_a = g_hash_table_lookup (names, &pair->a);
      const char *name_b = g_hash_table_lookup (names, &pair->b);
      g_autofree char *reasons = rapport_duplicate_reasons_to_string (pair->reasons);
      g_autofree char *score = rapport_format_count (pair->score);
      /* TRANSLATORS: why two clients may be one, then how sure, as a percentage */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s%%"), reasons, score);
      g_autofree char *title = NULL;
      g_autofree char *escaped_title = NULL;
      g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);
      g_autofree char *merge_name = NULL;
      g_autofree char *dismiss_name = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *merge, *dismiss;
      PairRow *data = g_new0 (PairRow, 1);

      if (name_a == NULL || name_b == NULL)
        continue;  /* merged or deleted since the scan */
      /* TRANSLATORS: two clients' names */
      title = g_strdup_printf (_("%s and %s"), name_a, name_b);
      escaped_title = g_markup_escape_text (title, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

      /* TRANSLATORS: %s names two clients */
      merge_name = g_strdup_printf (_("Merge %s"), title);
      /* TRANSLATORS: %s names two clients */
      dismiss_name = g_strdup_printf (_("%s are not a duplicate"), title);
      merge = pair_button (_("_Merge…"), merge_name);
      dismiss = pair_button (_("_Not a Duplicate"), dismiss_name);
      gtk_widget_add_css_class (dismiss, "flat");
      data->self = self;
      data->a = pair->a;
      data->b = pair->b;
      g_signal_connect_data (merge, "clicked", G_CALLBACK (on_merge_clicked), data,
                             (GClosureNotify) (void (*) (void)) g_free, 0);
      g_signal_connect (dismiss, "clicked", G_CALLBACK (on_not_duplicate_clicked), data);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dismiss);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), merge);
      adw_preferences_group_add (self->pairs_group, row);
      g_ptr_array_add (self->rows, row);
    }

  /* TRANSLATORS: %s is a number of pairs of clients */
  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s pair, the surest first.",
                                              "%s pairs, the surest first.", self->pairs->len), count);
  adw_preferences_group_set_description (self->pairs_group, description);
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
on_found (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RapportDuplicatesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *pairs = rapport_client_repository_find_duplicates_finish (RAPPORT_CLIENT_REPOSITORY (source), result,
                                                                    &error);

  if (pairs == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->busy_label, error->message);
          gtk_stack_set_visible_child_name (self->stack, "busy");
        }
      return;
    }
  g_clear_pointer (&self->pairs, g_array_unref);
  self->pairs = pairs;
  show_pairs (self);
}

static void
find_pairs (RapportDuplicatesDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->pairs == NULL)
    gtk_stack_set_visible_child_name (self->stack, "busy");
  rapport_client_repository_find_duplicates_async (rapport_context_get_clients (self->context), self->cancellable,
                                                   on_found, g_object_ref (self));
}

/* A merge, a “not a duplicate” or another program's write: look again. */
static void
on_database_changed (RapportDuplicatesDialog *self,
                     const char              *kind)
{
  if (kind == NULL || g_str_equal (kind, RAPPORT_KIND_CLIENT))
    find_pairs (self);
}

static void
rapport_duplicates_dialog_constructed (GObject *object)
{
  RapportDuplicatesDialog *self = RAPPORT_DUPLICATES_DIALOG (object);

  G_OBJECT_CLASS (rapport_duplicates_dialog_parent_class)->constructed (object);

  self->changed_id = g_signal_connect_swapped (rapport_context_get_database (self->context), "changed",
                                               G_CALLBACK (on_database_changed), self);
  find_pairs (self);
}

static void
rapport_duplicates_dialog_dispose (GObject *object)
{
  RapportDuplicatesDialog *self = RAPPORT_DUPLICATES_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    g_clear_signal_handler (&self->changed_id, rapport_context_get_database (self->context));
  g_clear_weak_pointer (&self->main_window);

  G_OBJECT_CLASS (rapport_duplicates_dialog_parent_class)->dispose (object);
}

static void
rapport_duplicates_dialog_finalize (GObject *object)
{
  RapportDuplicatesDialog *self = RAPPORT_DUPLICATES_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pairs, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_duplicates_dialog_parent_class)->finalize (object);
}

static void
rapport_duplicates_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  RapportDuplicatesDialog *self = RAPPORT_DUPLICATES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_duplicates_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  RapportDuplicatesDialog *self = RAPPORT_DUPLICATES_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_duplicates_dialog_class_init (RapportDuplicatesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_duplicates_dialog_constructed;
  object_class->dispose = rapport_duplicates_dialog_dispose;
  object_class->finalize = rapport_duplicates_dialog_finalize;
  object_class->get_property = rapport_duplicates_dialog_get_property;
  object_class->set_property = rapport_duplicates_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-duplicates-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportDuplicatesDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportDuplicatesDialog, busy_label);
  gtk_widget_class_bind_template_child (widget_class, RapportDuplicatesDialog, pairs_group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_duplicates_dialog_init (RapportDuplicatesDialog *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_duplicates_dialog_new:
 * @main_window: (nullable): where merges are told, with Undo
 *
 * Returns: (transfer none): the dialog, looking; present it
 */
GtkWidget *
rapport_duplicates_dialog_new (RapportContext *context,
                               GtkWindow      *main_window)
{
  RapportDuplicatesDialog *self = g_object_new (RAPPORT_TYPE_DUPLICATES_DIALOG,
                                                "context", context,
                                                "transient-for", main_window,
                                                NULL);

  g_set_weak_pointer (&self->main_window, main_window);
  return GTK_WIDGET (self);
}
