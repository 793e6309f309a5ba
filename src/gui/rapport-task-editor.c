/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

/* A reminder on a client — “call back Tuesday 10:00” — for a staff member
 * or nobody in particular: added from the card, corrected or deleted. */

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date-row.h"
#include "rapport-save-status.h"
#include "rapport-task-editor.h"
#include "rapport-widget-util.h"

struct _RapportTaskEditor
{
  AdwWindow       parent_instance;

  RapportContext *context;
  RapportClient  *client;
  RapportTask    *editing;    /* a copy of the task corrected, or NULL */
  GArray         *staff_ids;
  GCancellable   *write_cancellable;  /* while a save or delete runs */

  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkEditable    *title_row;
  RapportDateRow *day_row;
  GtkEditable    *time_row;
  AdwComboRow    *staff_row;
  GtkEditable    *notes_row;
  GtkLabel       *problem;
  GtkWidget      *delete_button;
  GtkWidget      *save_button;
  RapportSaveStatus *save_status;
};

G_DEFINE_FINAL_TYPE (RapportTaskEditor, rapport_task_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CLIENT,
  PROP_TASK,
  N_PROPS
};

enum {
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
show_problem (RapportTaskEditor *self,
              const char        *text)
{
  gtk_widget_set_visible (GTK_WIDGET (self->problem), text != NULL);
  gtk_label_set_text (self->problem, text ? text : "");
}

/* One place decides what is pointed out and whether Save can be pressed. */
static void
on_changed (RapportTaskEditor *self)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (self->title_row)));
  g_autofree char *day_problem = rapport_date_row_dup_hint (self->day_row);
  const char *time = gtk_editable_get_text (self->time_row);
  gboolean time_ok;
  int hour, minute;

  time_ok = *time == '\0' || rapport_parse_time_of_day (time, &hour, &minute);
  rapport_widget_set_invalid (GTK_WIDGET (self->time_row), !time_ok);
  if (day_problem != NULL)
    show_problem (self, day_problem);
  else if (!time_ok)
    show_problem (self, _("Enter the time as hours and minutes, for example 10:30, or leave it empty for the whole day."));
  else
    show_problem (self, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.save",
                                 self->write_cancellable == NULL
                                 && *title != '\0' && time_ok && rapport_date_row_get_date (self->day_row) != NULL);
}

/* One write at a time, on the database's worker: Save and Delete are off
 * meanwhile, and after a moment the form says it is saving. */
static void
begin_write (RapportTaskEditor *self)
{
  self->write_cancellable = g_cancellable_new ();
  on_changed (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.delete", FALSE);
  rapport_save_status_begin (self->save_status);
}

/* Whether the write went in; a refusal is shown in the form, which stays.
 * FALSE too when the form was closed while the write waited. */
static gboolean
end_write (RapportTaskEditor *self,
           GObject           *source,
           GAsyncResult      *result)
{
  g_autoptr(GError) error = NULL;
  gboolean written = rapport_task_repository_write_finish (RAPPORT_TASK_REPOSITORY (source), result, &error);
  gboolean closed = g_cancellable_is_cancelled (self->write_cancellable);

  g_clear_object (&self->write_cancellable);
  if (closed)
    return FALSE;
  rapport_save_status_end (self->save_status);
  on_changed (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.delete", TRUE);
  if (!written)
    show_problem (self, error->message);
  return written;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RapportTaskEditor) self = user_data;

  if (end_write (self, source, result))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportTaskEditor *self = RAPPORT_TASK_EDITOR (widget);
  g_autoptr(RapportTask) task = NULL;
  int hour, minute;

  if (self->write_cancellable != NULL)
    return;
  task = rapport_task_new (rapport_client_get_id (self->client));
  if (self->editing != NULL)
    {
      rapport_task_set_id (task, rapport_task_get_id (self->editing));
      rapport_task_set_done_at (task, rapport_task_get_done_at (self->editing));
    }
  rapport_task_set_title (task, gtk_editable_get_text (self->title_row));
  rapport_task_set_notes (task, gtk_editable_get_text (self->notes_row));
  rapport_task_set_due_on (task, rapport_date_row_get_date (self->day_row));
  if (rapport_parse_time_of_day (gtk_editable_get_text (self->time_row), &hour, &minute))
    {
      g_autofree char *normal = g_strdup_printf ("%02d:%02d", hour, minute);
      rapport_task_set_due_time (task, normal);
    }
  rapport_task_set_staff_id (task, rapport_staff_row_get_id (self->staff_row, self->staff_ids));

  begin_write (self);
  rapport_task_repository_save_async (rapport_context_get_tasks (self->context), task, self->write_cancellable,
                                      on_saved, g_object_ref (self));
}

static void
on_deleted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RapportTaskEditor) self = user_data;

  if (!end_write (self, source, result))
    return;
  g_signal_emit (self, signals[DELETED], 0, self->editing);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportTaskEditor *self = RAPPORT_TASK_EDITOR (widget);

  if (self->editing == NULL || self->write_cancellable != NULL)
    return;
  begin_write (self);
  rapport_task_repository_delete_async (rapport_context_get_tasks (self->context), rapport_task_get_id (self->editing),
                                        self->write_cancellable, on_deleted, g_object_ref (self));
}

static void
fill_in (RapportTaskEditor *self)
{
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *day = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  gint64 staff_id = 0;

  rapport_widget_set_titles (self->title_label, self->subtitle_label,
                             self->editing != NULL ? _("Edit Reminder") : _("Add Reminder"),
                             rapport_client_get_display_name (self->client));
  if (self->editing != NULL)
    {
      const char *time = rapport_task_get_due_time (self->editing);

      gtk_window_set_title (GTK_WINDOW (self), _("Edit Reminder"));
      gtk_widget_set_visible (self->delete_button, TRUE);
      gtk_editable_set_text (self->title_row, rapport_task_get_title (self->editing));
      gtk_editable_set_text (self->notes_row, rapport_task_get_notes (self->editing));
      gtk_editable_set_text (self->time_row, time ? time : "");
      g_free (day);
      day = g_strdup (rapport_task_get_due_on (self->editing));
      staff_id = rapport_task_get_staff_id (self->editing);
    }
  rapport_date_row_set_date (self->day_row, day);
  if (!rapport_staff_row_fill (self->staff_row, self->staff_ids, rapport_context_get_staff (self->context),
                               staff_id, self->editing != NULL, &error))
    show_problem (self, error->message);
  on_changed (self);
}

static void
rapport_task_editor_constructed (GObject *object)
{
  RapportTaskEditor *self = RAPPORT_TASK_EDITOR (object);

  G_OBJECT_CLASS (rapport_task_editor_parent_class)->constructed (object);

  rapport_save_status_set_database (self->save_status, rapport_context_get_database (self->context));
  fill_in (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
rapport_task_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportTaskEditor *self = RAPPORT_TASK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    case PROP_TASK: g_value_set_object (value, self->editing); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_task_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportTaskEditor *self = RAPPORT_TASK_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    case PROP_CLIENT: self->client = g_value_dup_object (value); break;
    case PROP_TASK: self->editing = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_task_editor_dispose (GObject *object)
{
  RapportTaskEditor *self = RAPPORT_TASK_EDITOR (object);

  /* Closed while a write waits for another program: it waits no more. */
  if (self->write_cancellable != NULL)
    g_cancellable_cancel (self->write_cancellable);

  G_OBJECT_CLASS (rapport_task_editor_parent_class)->dispose (object);
}

static void
rapport_task_editor_finalize (GObject *object)
{
  RapportTaskEditor *self = RAPPORT_TASK_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_object (&self->client);
  g_clear_object (&self->editing);
  g_clear_pointer (&self->staff_ids, g_array_unref);

  G_OBJECT_CLASS (rapport_task_editor_parent_class)->finalize (object);
}

static void
rapport_task_editor_class_init (RapportTaskEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_task_editor_constructed;
  object_class->dispose = rapport_task_editor_dispose;
  object_class->finalize = rapport_task_editor_finalize;
  object_class->get_property = rapport_task_editor_get_property;
  object_class->set_property = rapport_task_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, RAPPORT_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TASK] =
    g_param_spec_object ("task", NULL, NULL, RAPPORT_TYPE_TASK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportTaskEditor::deleted:
   * @self: the editor
   * @task: the task as it was, to put back on Undo
   */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RAPPORT_TYPE_TASK);

  g_type_ensure (RAPPORT_TYPE_DATE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-task-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportTaskEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportTaskEditor, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RapportTaskEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTaskEditor, day_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTaskEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTaskEditor, staff_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTaskEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, RapportTaskEditor, problem);
  gtk_widget_class_bind_template_child (widget_class, RapportTaskEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, RapportTaskEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RapportTaskEditor, save_status);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);

  gtk_widget_class_install_action (widget_class, "task.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "task.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "task.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_task_editor_init (RapportTaskEditor *self)
{
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_task_editor_new:
 * @context: the application's context
 * @client: whose reminder it is
 * @task: (nullable): the task to correct, or %NULL for a new one
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
rapport_task_editor_new (RapportContext *context,
                         RapportClient  *client,
                         RapportTask    *task)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RAPPORT_IS_CLIENT (client), NULL);

  return g_object_new (RAPPORT_TYPE_TASK_EDITOR, "context", context, "client", client, "task", task, NULL);
}
