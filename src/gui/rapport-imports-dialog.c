/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client-duplicates.h"
#include "rapport-client-import.h"
#include "rapport-format.h"
#include "rapport-imports-dialog.h"

/* The imports and merges made, newest first, each to undo as a whole
 * (the window's win.undo-import and win.undo-past-merge, as the toasts
 * after them offer: this dialog is a window of its own, so its buttons'
 * actions hand the undo to the main window). Short tables, read on the
 * main thread. */

struct _RapportImportsDialog
{
  AdwWindow            parent_instance;

  RapportContext      *context;
  GPtrArray           *rows;
  gulong               changed_id;

  GtkStack            *stack;
  AdwStatusPage       *none_page;
  AdwPreferencesGroup *imports_group;
  AdwPreferencesGroup *merges_group;
};

G_DEFINE_FINAL_TYPE (RapportImportsDialog, rapport_imports_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
batch_row (RapportImportBatch *batch)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *day = rapport_format_local_date (batch->imported_at);
  g_autofree char *added = rapport_format_count (batch->n_added);
  g_autofree char *merged = rapport_format_count (batch->n_merged);
  g_autofree char *escaped = g_markup_escape_text (batch->file_name, -1);
  g_autofree char *subtitle = NULL;

  if (batch->undone_at != 0)
    /* TRANSLATORS: a date */
    subtitle = g_strdup_printf (_("%s · undone"), day);
  else
    /* TRANSLATORS: a date, then numbers of clients */
    subtitle = g_strdup_printf (_("%s · %s added, %s merged"), day, added, merged);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (batch->undone_at == 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Undo Import"));
      /* TRANSLATORS: a file name, then a date */
      g_autofree char *accessible = g_strdup_printf (_("Undo import of %s, %s"), batch->file_name, day);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "history.undo-import");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (batch->id));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static GtkWidget *
merge_row (RapportMergeEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *day = rapport_format_local_date (entry->merged_at);
  /* TRANSLATORS: two clients' names: the one merged, then the one it was merged into */
  g_autofree char *title = g_strdup_printf (_("“%s” into “%s”"), entry->other_name, entry->keep_name);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *subtitle = NULL;

  /* TRANSLATORS: a date */
  subtitle = entry->undone_at != 0 ? g_strdup_printf (_("%s · undone"), day) : g_strdup (day);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (entry->undone_at == 0)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Undo _Merge"));
      /* TRANSLATORS: two clients' names, then a date */
      g_autofree char *accessible = g_strdup_printf (_("Undo merge of “%s” into “%s”, %s"), entry->other_name,
                                                     entry->keep_name, day);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "history.undo-merge");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int64 (entry->id));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
clear_rows (RapportImportsDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (RapportImportsDialog *self,
         AdwPreferencesGroup  *group,
         GtkWidget            *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
reload (RapportImportsDialog *self)
{
  RapportClientRepository *clients = rapport_context_get_clients (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batches = rapport_client_repository_list_imports (clients, &error);
  g_autoptr(GPtrArray) merges = batches ? rapport_client_repository_list_merges (clients, &error) : NULL;

  clear_rows (self);
  if (merges == NULL)
    {
      adw_status_page_set_description (self->none_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  for (guint i = 0; i < batches->len; i++)
    add_row (self, self->imports_group, batch_row (g_ptr_array_index (batches, i)));
  for (guint i = 0; i < merges->len; i++)
    add_row (self, self->merges_group, merge_row (g_ptr_array_index (merges, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->imports_group), batches->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->merges_group), merges->len > 0);
  gtk_stack_set_visible_child_name (self->stack, batches->len + merges->len > 0 ? "list" : "none");
}

static void
on_database_changed (RapportImportsDialog *self,
                     const char           *kind)
{
  if (kind == NULL || g_str_equal (kind, RAPPORT_KIND_CLIENT))
    reload (self);
}

static void
rapport_imports_dialog_constructed (GObject *object)
{
  RapportImportsDialog *self = RAPPORT_IMPORTS_DIALOG (object);

  G_OBJECT_CLASS (rapport_imports_dialog_parent_class)->constructed (object);
  self->changed_id = g_signal_connect_swapped (rapport_context_get_database (self->context), "changed",
                                               G_CALLBACK (on_database_changed), self);
  reload (self);
}

static void
rapport_imports_dialog_dispose (GObject *object)
{
  RapportImportsDialog *self = RAPPORT_IMPORTS_DIALOG (object);

  if (self->context != NULL)
    g_clear_signal_handler (&self->changed_id, rapport_context_get_database (self->context));
  G_OBJECT_CLASS (rapport_imports_dialog_parent_class)->dispose (object);
}

static void
rapport_imports_dialog_finalize (GObject *object)
{
  RapportImportsDialog *self = RAPPORT_IMPORTS_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (rapport_imports_dialog_parent_class)->finalize (object);
}

static void
rapport_imports_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  RapportImportsDialog *self = RAPPORT_IMPORTS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_imports_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  RapportImportsDialog *self = RAPPORT_IMPORTS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hand_to_main_window (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GtkWindow *main_window = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (main_window != NULL)
    gtk_widget_activate_action_variant (GTK_WIDGET (main_window), action_name, parameter);
}

static void
undo_import_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  hand_to_main_window (widget, "win.undo-import", parameter);
}

static void
undo_merge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  hand_to_main_window (widget, "win.undo-past-merge", parameter);
}

static void
rapport_imports_dialog_class_init (RapportImportsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_imports_dialog_constructed;
  object_class->dispose = rapport_imports_dialog_dispose;
  object_class->finalize = rapport_imports_dialog_finalize;
  object_class->get_property = rapport_imports_dialog_get_property;
  object_class->set_property = rapport_imports_dialog_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-imports-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportImportsDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportImportsDialog, none_page);
  gtk_widget_class_bind_template_child (widget_class, RapportImportsDialog, imports_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportsDialog, merges_group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "history.undo-import", "x", undo_import_action);
  gtk_widget_class_install_action (widget_class, "history.undo-merge", "x", undo_merge_action);
}

static void
rapport_imports_dialog_init (RapportImportsDialog *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
rapport_imports_dialog_new (RapportContext *context,
                            GtkWindow      *main_window)
{
  return g_object_new (RAPPORT_TYPE_IMPORTS_DIALOG,
                       "context", context,
                       "transient-for", main_window,
                       NULL);
}
