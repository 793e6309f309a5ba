/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client-import.h"
#include "rapport-error.h"
#include "rapport-format.h"
#include "rapport-import-dialog.h"
#include "rapport-window.h"

/* Importing a contacts file: it is read and matched off the main thread
 * (with a connection of its own), then shown — the code page when the
 * file is not UTF-8, the columns of a CSV file Rapport does not know, the
 * new clients, the matches with their reason and what to do with each,
 * the refused cards and rows with their line — and imported as a whole
 * with progress and Cancel. The main window then offers Undo. */

/* Rows a group shows at most: a person reads a few hundred, not 100,000. */
#define SHOWN_ROWS 200

struct _RapportImportDialog
{
  AdwWindow            parent_instance;

  RapportContext      *context;
  GFile               *file;
  GtkWindow           *main_window;  /* weak: where the result is told */
  GCancellable        *cancellable;
  RapportImportPlan   *plan;
  char                *charset;      /* the code page the person picked */
  gboolean             filling;
  gboolean             importing;
  gint                 permille;     /* import progress, set from the worker */
  guint                progress_source;
  GPtrArray           *shown_rows;   /* (group, row) pairs to take away on refresh */

  GtkButton           *cancel_button;
  GtkButton           *import_button;
  GtkStack            *stack;
  GtkLabel            *busy_label;
  GtkProgressBar      *progress_bar;
  AdwPreferencesGroup *summary_group;
  AdwComboRow         *default_row;
  GtkStringList       *actions_model;
  AdwPreferencesGroup *encoding_group;
  AdwComboRow         *encoding_row;
  GtkStringList       *encodings_model;
  AdwPreferencesGroup *columns_group;
  AdwPreferencesGroup *matches_group;
  AdwPreferencesGroup *refused_group;
  AdwPreferencesGroup *new_group;
};

G_DEFINE_FINAL_TYPE (RapportImportDialog, rapport_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The fields a CSV column may hold, in the order the column rows offer them. */
static const char *
field_label (RapportCsvField field)
{
  switch (field)
    {
    case RAPPORT_CSV_IGNORE: return _("Nothing to import");
    case RAPPORT_CSV_DISPLAY_NAME: return _("Name as shown");
    case RAPPORT_CSV_GIVEN_NAME: return _("Given name");
    case RAPPORT_CSV_MIDDLE_NAME: return _("Middle name");
    case RAPPORT_CSV_FAMILY_NAME: return _("Family name");
    case RAPPORT_CSV_ORGANIZATION: return _("Organization");
    case RAPPORT_CSV_EMAIL: return _("E-mail");
    case RAPPORT_CSV_PHONE: return _("Phone");
    case RAPPORT_CSV_STREET: return _("Street");
    case RAPPORT_CSV_LOCALITY: return _("City");
    case RAPPORT_CSV_REGION: return _("Region");
    case RAPPORT_CSV_POSTAL_CODE: return _("Postal code");
    case RAPPORT_CSV_COUNTRY: return _("Country");
    case RAPPORT_CSV_NOTES: return _("Notes");
    case RAPPORT_CSV_BIRTHDAY: return _("Birthday");
    case RAPPORT_CSV_BIRTH_YEAR: return _("Year of birth");
    case RAPPORT_CSV_BIRTH_MONTH: return _("Month of birth");
    case RAPPORT_CSV_BIRTH_DAY: return _("Day of birth");
    case RAPPORT_CSV_TAGS: return _("Tags");
    case RAPPORT_CSV_N_FIELDS:
    default: return "";
    }
}

/* Reading, off the main thread */

typedef struct
{
  GFile             *file;
  char              *database_path;
  char              *charset;
  RapportImportPlan *plan;   /* to match again after the columns changed */
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_clear_object (&job->file);
  g_free (job->database_path);
  g_free (job->charset);
  g_clear_pointer (&job->plan, rapport_import_plan_free);
  g_free (job);
}

static gboolean
apply_remembered_columns (RapportImportPlan        *plan,
                          RapportClientRepository  *clients,
                          GError                  **error)
{
  g_autofree char *signature = NULL;
  g_autofree char *mapping = NULL;

  if (plan->table == NULL || rapport_csv_table_is_mapped (plan->table) || clients == NULL)
    return TRUE;
  signature = rapport_csv_table_dup_signature (plan->table);
  mapping = rapport_client_repository_dup_column_map (clients, signature, error);
  if (mapping == NULL)
    return FALSE;
  if (*mapping != '\0' && rapport_csv_table_apply_mapping (plan->table, mapping))
    rapport_import_plan_remap (plan);
  return TRUE;
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReadJob *job = task_data;
  g_autoptr(RapportImportPlan) plan = g_steal_pointer (&job->plan);
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportClientRepository) clients = NULL;
  g_autoptr(GError) error = NULL;

  if (plan == NULL)
    {
      g_autofree char *name = g_file_get_basename (job->file);
      g_autoptr(GBytes) bytes = g_file_load_bytes (job->file, cancellable, NULL, &error);

      if (bytes == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      plan = rapport_import_plan_read (name, bytes, job->charset, &error);
      if (plan == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else if (plan->table != NULL)
    rapport_import_plan_remap (plan);

  /* its own connection: the window's stays free */
  database = rapport_database_open (job->database_path, RAPPORT_DATABASE_READ_ONLY, &error);
  if (database == NULL && !g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_EMPTY))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);
  if (database != NULL)
    clients = rapport_client_repository_new (database);

  if (!apply_remembered_columns (plan, clients, &error)
      || !rapport_import_plan_match (plan, clients, RAPPORT_ON_DUPLICATE_SKIP, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&plan), (GDestroyNotify) rapport_import_plan_free);
}

static void show_plan (RapportImportDialog *self);

static void
show_failure (RapportImportDialog *self,
              const GError        *error)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_label), TRUE);
  gtk_label_set_text (self->busy_label, error->message);
  gtk_stack_set_visible_child_name (self->stack, "busy");
  gtk_widget_set_visible (gtk_widget_get_prev_sibling (GTK_WIDGET (self->busy_label)), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(RapportImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  RapportImportPlan *plan = g_task_propagate_pointer (G_TASK (result), &error);

  if (plan == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_failure (self, error);
      return;
    }
  g_clear_pointer (&self->plan, rapport_import_plan_free);
  self->plan = plan;
  show_plan (self);
}

static void
start_reading (RapportImportDialog *self,
               gboolean             again)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *text = g_strdup_printf (_("Reading “%s”…"), name);
  ReadJob *job = g_new0 (ReadJob, 1);

  job->file = g_object_ref (self->file);
  job->database_path = g_strdup (rapport_database_get_path (rapport_context_get_database (self->context)));
  job->charset = g_strdup (self->charset);
  if (again)
    job->plan = g_steal_pointer (&self->plan);
  g_clear_pointer (&self->plan, rapport_import_plan_free);

  gtk_label_set_text (self->busy_label, text);
  gtk_stack_set_visible_child_name (self->stack, "busy");
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);

  task = g_task_new (NULL, self->cancellable, on_read, g_object_ref (self));
  g_task_set_source_tag (task, start_reading);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_in_thread);
}

/* Showing the plan */

static void
clear_shown_rows (RapportImportDialog *self)
{
  for (guint i = 0; i + 1 < self->shown_rows->len; i += 2)
    adw_preferences_group_remove (g_ptr_array_index (self->shown_rows, i),
                                  g_ptr_array_index (self->shown_rows, i + 1));
  g_ptr_array_set_size (self->shown_rows, 0);
}

static void
add_row (RapportImportDialog *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->shown_rows, group);
  g_ptr_array_add (self->shown_rows, row);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = subtitle ? g_markup_escape_text (subtitle, -1) : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
  if (escaped_subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  return row;
}

static gboolean
anything_to_import (RapportImportDialog *self)
{
  for (guint i = 0; i < self->plan->items->len; i++)
    {
      RapportImportItem *item = g_ptr_array_index (self->plan->items, i);

      if (item->record->client != NULL
          && (item->reason == RAPPORT_MATCH_NONE || item->action != RAPPORT_ON_DUPLICATE_SKIP))
        return TRUE;
    }
  return FALSE;
}

static void
update_import_button (RapportImportDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), self->plan != NULL && anything_to_import (self));
}

typedef struct
{
  RapportImportDialog *self;
  guint                index;
} MatchRow;

static void
on_match_action_changed (GtkDropDown *drop_down,
                         GParamSpec  *pspec,
                         MatchRow    *match)
{
  RapportImportItem *item;

  if (match->self->filling || match->self->plan == NULL || match->index >= match->self->plan->items->len)
    return;
  item = g_ptr_array_index (match->self->plan->items, match->index);
  item->action = (RapportOnDuplicate) gtk_drop_down_get_selected (drop_down);
  update_import_button (match->self);
}

static GtkStringList *
new_actions_model (void)
{
  return gtk_string_list_new ((const char *[]) { _("Skip"), _("Merge into the client"), _("Add anyway"), NULL });
}

static void
show_match (RapportImportDialog *self,
            guint                index,
            RapportImportItem   *item)
{
  g_autofree char *line = rapport_format_line (item->record->line);
  /* TRANSLATORS: the client a card matches, and why: “same phone” */
  g_autofree char *subtitle = g_strdup_printf (_("%s · matches “%s”: %s"), line, item->match_name,
                                               rapport_match_reason_to_string (item->reason));
  GtkWidget *row = text_row (rapport_client_get_display_name (item->record->client), subtitle);
  g_autoptr(GtkStringList) model = new_actions_model ();
  GtkWidget *drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&model)), NULL);
  g_autofree char *accessible = g_strdup_printf (_("What to do with %s"),
                                                 rapport_client_get_display_name (item->record->client));
  MatchRow *match = g_new0 (MatchRow, 1);

  match->self = self;
  match->index = index;
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), item->action);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_data (drop_down, "notify::selected", G_CALLBACK (on_match_action_changed), match,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), drop_down);
  add_row (self, self->matches_group, row);
}

static void
set_more (AdwPreferencesGroup *group,
          guint                shown,
          guint                total)
{
  g_autofree char *count = rapport_format_count (total - shown);
  g_autofree char *more = NULL;

  if (total > shown)
    /* TRANSLATORS: %s is a number of rows not shown */
    more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %s more.", "And %s more.", total - shown), count);
  adw_preferences_group_set_description (group, more);
}

static void
show_summary (RapportImportDialog *self)
{
  RapportImportPlan *plan = self->plan;
  g_autofree char *n_new = rapport_format_count (plan->n_new);
  g_autofree char *n_matches = rapport_format_count (plan->n_matches);
  g_autofree char *n_refused = rapport_format_count (plan->n_refused);
  /* TRANSLATORS: %s is a number */
  g_autofree char *new_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new client", "%s new clients",
                                                            plan->n_new), n_new);
  /* TRANSLATORS: %s is a number */
  g_autofree char *match_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s matches a client already here",
                                                              "%s match clients already here", plan->n_matches),
                                                 n_matches);
  /* TRANSLATORS: %s is a number */
  g_autofree char *refused_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s refused", "%s refused",
                                                                plan->n_refused), n_refused);
  g_autofree char *description = g_strjoin (" · ", new_text, match_text, refused_text, NULL);

  adw_preferences_group_set_title (self->summary_group, plan->file_name);
  adw_preferences_group_set_description (self->summary_group, description);
  gtk_widget_set_visible (GTK_WIDGET (self->default_row), plan->n_matches > 0);
}

static void
show_encoding (RapportImportDialog *self)
{
  RapportImportPlan *plan = self->plan;
  const char * const *candidates = rapport_charset_candidates ();
  g_autoptr(GString) names = g_string_new (NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->encoding_group), plan->charset != NULL);
  if (plan->charset == NULL)
    return;
  for (guint i = 0; candidates[i] != NULL; i++)
    if (g_ascii_strcasecmp (candidates[i], plan->charset) == 0)
      adw_combo_row_set_selected (self->encoding_row, i);
  /* a few names as read: wrong letters show a wrong code page at once */
  for (guint i = 0, shown = 0; i < plan->items->len && shown < 4; i++)
    {
      RapportImportItem *item = g_ptr_array_index (plan->items, i);

      if (item->record->client == NULL)
        continue;
      if (shown++ > 0)
        g_string_append (names, ", ");
      g_string_append (names, rapport_client_get_display_name (item->record->client));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), names->str);
  adw_preferences_group_set_description (self->encoding_group,
                                         plan->charset_sure
                                         ? NULL
                                         : _("Rapport is not sure which code page this file uses. "
                                             "Pick the one that shows the names right."));
}

static void
on_column_changed (AdwComboRow *row,
                   GParamSpec  *pspec,
                   MatchRow    *column);

/* A sample value of a column: one without letters (a phone number, a
 * date) reads left to right in a right-to-left line too. */
static char *
dup_sample (const char *cell)
{
  for (const char *p = cell; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return g_strdup (cell);
  return rapport_format_left_to_right (cell);
}

/* A column without a header, by its place, with the reader's digits. */
static char *
dup_column_title (guint index)
{
  g_autofree char *number = rapport_format_count (index + 1);

  /* TRANSLATORS: %s is the number of a column of a file */
  return g_strdup_printf (_("Column %s"), number);
}

static void
show_columns (RapportImportDialog *self)
{
  RapportCsvTable *table = self->plan->table;
  g_autoptr(GtkStringList) fields = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), table != NULL && (!table->known || table->mapped_by_person));
  if (table == NULL || (table->known && !table->mapped_by_person))
    return;

  for (guint c = 0; c < table->columns->len; c++)
    {
      RapportCsvColumn *column = &g_array_index (table->columns, RapportCsvColumn, c);
      GtkWidget *row = adw_combo_row_new ();
      g_autoptr(GString) samples = g_string_new (NULL);
      g_autofree char *title = c < table->header->len && *(char *) g_ptr_array_index (table->header, c) != '\0'
                               ? g_markup_escape_text (g_ptr_array_index (table->header, c), -1)
                               : dup_column_title (c);
      g_autofree char *escaped = NULL;
      GtkStringList *labels = gtk_string_list_new (NULL);
      MatchRow *data = g_new0 (MatchRow, 1);

      for (guint f = 0; f < RAPPORT_CSV_N_FIELDS; f++)
        gtk_string_list_append (labels, field_label ((RapportCsvField) f));
      for (guint r = 0; r < table->rows->len && r < 3; r++)
        {
          GPtrArray *cells = g_ptr_array_index (table->rows, r);

          if (c < cells->len && *(char *) g_ptr_array_index (cells, c) != '\0')
            {
              g_autofree char *sample = dup_sample (g_ptr_array_index (cells, c));

              g_string_append_printf (samples, "%s%s", samples->len > 0 ? " · " : "", sample);
            }
        }
      escaped = g_markup_escape_text (samples->str, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
      g_object_unref (labels);
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), column->field);
      data->self = self;
      data->index = c;
      g_signal_connect_data (row, "notify::selected", G_CALLBACK (on_column_changed), data,
                             (GClosureNotify) (void (*) (void)) g_free, 0);
      add_row (self, self->columns_group, row);
    }
}

static void
on_column_changed (AdwComboRow *row,
                   GParamSpec  *pspec,
                   MatchRow    *column)
{
  RapportImportDialog *self = column->self;

  if (self->filling || self->plan == NULL || self->plan->table == NULL)
    return;
  rapport_csv_table_set_field (self->plan->table, column->index,
                               (RapportCsvField) adw_combo_row_get_selected (row));
  start_reading (self, TRUE);
}

static void
show_items (RapportImportDialog *self)
{
  RapportImportPlan *plan = self->plan;
  guint n_matches = 0, n_refused = 0, n_new = 0;

  for (guint i = 0; i < plan->items->len; i++)
    {
      RapportImportItem *item = g_ptr_array_index (plan->items, i);

      if (item->record->client == NULL)
        {
          if (n_refused++ < SHOWN_ROWS)
            {
              g_autofree char *line = rapport_format_line (item->record->refused_line);

              add_row (self, self->refused_group, text_row (item->record->reason, line));
            }
        }
      else if (item->reason != RAPPORT_MATCH_NONE)
        {
          if (n_matches++ < SHOWN_ROWS)
            show_match (self, i, item);
        }
      else if (n_new++ < SHOWN_ROWS)
        {
          g_autofree char *line = rapport_format_line (item->record->line);

          add_row (self, self->new_group, text_row (rapport_client_get_display_name (item->record->client), line));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->matches_group), n_matches > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->refused_group), n_refused > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->new_group), n_new > 0);
  set_more (self->matches_group, MIN (n_matches, SHOWN_ROWS), n_matches);
  set_more (self->new_group, MIN (n_new, SHOWN_ROWS), n_new);
  if (n_refused > SHOWN_ROWS)
    set_more (self->refused_group, SHOWN_ROWS, n_refused);
  else
    adw_preferences_group_set_description (self->refused_group, plan->file_name);
}

static void
show_plan (RapportImportDialog *self)
{
  self->filling = TRUE;
  clear_shown_rows (self);
  show_summary (self);
  show_encoding (self);
  show_columns (self);
  show_items (self);
  adw_combo_row_set_selected (self->default_row, RAPPORT_ON_DUPLICATE_SKIP);
  self->filling = FALSE;

  update_import_button (self);
  gtk_stack_set_visible_child_name (self->stack, "review");
  if (self->plan->table != NULL && !rapport_csv_table_is_mapped (self->plan->table))
    adw_preferences_group_set_description (self->summary_group,
                                           _("Say below what the columns hold: Rapport does not know this file's layout."));
}

static void
on_default_changed (RapportImportDialog *self)
{
  if (self->filling || self->plan == NULL)
    return;
  rapport_import_plan_set_default (self->plan, (RapportOnDuplicate) adw_combo_row_get_selected (self->default_row));
  self->filling = TRUE;
  clear_shown_rows (self);
  show_columns (self);
  show_items (self);
  self->filling = FALSE;
  update_import_button (self);
}

static void
on_encoding_changed (RapportImportDialog *self)
{
  const char * const *candidates = rapport_charset_candidates ();
  guint selected = adw_combo_row_get_selected (self->encoding_row);

  if (self->filling || self->plan == NULL || selected >= g_strv_length ((char **) candidates))
    return;
  g_free (self->charset);
  self->charset = g_strdup (candidates[selected]);
  start_reading (self, FALSE);
}

/* Importing */

static void
on_import_progress (double   fraction,
                    gpointer user_data)
{
  RapportImportDialog *self = user_data;

  g_atomic_int_set (&self->permille, (gint) (fraction * 1000));
}

static gboolean
show_progress (gpointer user_data)
{
  RapportImportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar, g_atomic_int_get (&self->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
tell_main_window (RapportImportDialog *self,
                  AdwToast            *toast)
{
  if (self->main_window != NULL && RAPPORT_IS_WINDOW (self->main_window))
    rapport_window_add_toast (RAPPORT_WINDOW (self->main_window), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
on_imported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(RapportImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 batch = rapport_client_repository_import_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error);
  AdwToast *toast;

  self->importing = FALSE;
  g_clear_handle_id (&self->progress_source, g_source_remove);
  if (batch == 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          toast = adw_toast_new (_("The import was cancelled: nothing was imported."));
          tell_main_window (self, toast);
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }
      show_failure (self, error);
      return;
    }

  {
    guint n = 0;
    g_autofree char *count = NULL;
    g_autofree char *title = NULL;
    g_autofree char *escaped = NULL;

    for (guint i = 0; i < self->plan->items->len; i++)
      {
        RapportImportItem *item = g_ptr_array_index (self->plan->items, i);

        if (item->record->client != NULL
            && (item->reason == RAPPORT_MATCH_NONE || item->action != RAPPORT_ON_DUPLICATE_SKIP))
          n++;
      }
    count = rapport_format_count (n);
    /* TRANSLATORS: a number of clients, then a file name */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s client imported from “%s”",
                                          "%s clients imported from “%s”", n),
                             count, self->plan->file_name);
    escaped = g_markup_escape_text (title, -1);
    toast = adw_toast_new (escaped);
    adw_toast_set_button_label (toast, _("_Undo"));
    adw_toast_set_action_name (toast, "win.undo-import");
    adw_toast_set_action_target_value (toast, g_variant_new_int64 (batch));
    adw_toast_set_timeout (toast, 10);
    tell_main_window (self, toast);
  }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_import_clicked (RapportImportDialog *self)
{
  g_autofree char *text = NULL;

  if (self->plan == NULL || self->importing)
    return;
  self->importing = TRUE;
  text = g_strdup_printf (_("Importing “%s”…"), self->plan->file_name);
  gtk_label_set_text (self->busy_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "busy");
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  self->progress_source = g_timeout_add (100, show_progress, self);
  rapport_client_repository_import_async (rapport_context_get_clients (self->context), self->plan,
                                          on_import_progress, self, self->cancellable, on_imported,
                                          g_object_ref (self));
}

static void
on_cancel_clicked (RapportImportDialog *self)
{
  g_cancellable_cancel (self->cancellable);
  /* an import in progress ends on its own, writing nothing, and closes */
  if (!self->importing)
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
rapport_import_dialog_close_request (GtkWindow *window)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  if (self->importing)
    return TRUE;  /* closes when the cancelled import has ended */
  return GTK_WINDOW_CLASS (rapport_import_dialog_parent_class)->close_request (window);
}

static void
rapport_import_dialog_constructed (GObject *object)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);
  const char * const *candidates = rapport_charset_candidates ();
  g_autoptr(GtkStringList) actions = new_actions_model ();

  G_OBJECT_CLASS (rapport_import_dialog_parent_class)->constructed (object);

  self->filling = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (actions)); i++)
    gtk_string_list_append (self->actions_model, gtk_string_list_get_string (actions, i));
  for (guint i = 0; candidates[i] != NULL; i++)
    gtk_string_list_append (self->encodings_model, candidates[i]);
  self->filling = FALSE;
  start_reading (self, FALSE);
}

static void
rapport_import_dialog_dispose (GObject *object)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_weak_pointer (&self->main_window);

  G_OBJECT_CLASS (rapport_import_dialog_parent_class)->dispose (object);
}

static void
rapport_import_dialog_finalize (GObject *object)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->plan, rapport_import_plan_free);
  g_clear_pointer (&self->shown_rows, g_ptr_array_unref);
  g_free (self->charset);

  G_OBJECT_CLASS (rapport_import_dialog_parent_class)->finalize (object);
}

static void
rapport_import_dialog_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_FILE: g_value_set_object (value, self->file); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_import_dialog_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportImportDialog *self = RAPPORT_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    case PROP_FILE: self->file = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_import_dialog_class_init (RapportImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = rapport_import_dialog_constructed;
  object_class->dispose = rapport_import_dialog_dispose;
  object_class->finalize = rapport_import_dialog_finalize;
  object_class->get_property = rapport_import_dialog_get_property;
  object_class->set_property = rapport_import_dialog_set_property;
  window_class->close_request = rapport_import_dialog_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, busy_label);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, default_row);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, actions_model);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, encoding_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, encodings_model);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, matches_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, refused_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportDialog, new_group);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_default_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_encoding_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_import_dialog_init (RapportImportDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->shown_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_import_dialog_new:
 * @context: the open data
 * @file: a vCard or CSV file
 * @main_window: (nullable): the window to tell the result in (with Undo)
 *
 * Returns: (transfer none): the dialog, reading @file; present it
 */
GtkWidget *
rapport_import_dialog_new (RapportContext *context,
                           GFile          *file,
                           GtkWindow      *main_window)
{
  RapportImportDialog *self = g_object_new (RAPPORT_TYPE_IMPORT_DIALOG,
                                            "context", context,
                                            "file", file,
                                            "transient-for", main_window,
                                            NULL);

  g_set_weak_pointer (&self->main_window, main_window);
  return GTK_WIDGET (self);
}
