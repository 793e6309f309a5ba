/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rapport-date-row.h"
#include "rapport-format.h"
#include "rapport-interaction-editor.h"

/* A follow-up is proposed this many days ahead. */
#define FOLLOW_UP_DAYS 7

struct _RapportInteractionEditor
{
  AdwWindow       parent_instance;

  RapportContext *context;
  RapportClient  *client;
  GArray         *staff_ids;     /* gint64, in the staff row's order */

  AdwWindowTitle *title;
  GtkWidget      *save_button;
  GtkLabel       *save_error;
  AdwComboRow    *kind_row;
  AdwComboRow    *direction_row;
  RapportDateRow *day_row;
  GtkEditable    *time_row;
  AdwComboRow    *staff_row;
  GtkLabel       *when_error;
  GtkEditable    *summary_row;
  GtkTextView    *text_view;
  AdwExpanderRow *follow_up_row;
  RapportDateRow *follow_up_day_row;
  GtkWidget      *follow_up_hint;
};

G_DEFINE_FINAL_TYPE (RapportInteractionEditor, rapport_interaction_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CLIENT,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const RapportInteractionKind kinds[] = {
  RAPPORT_INTERACTION_CALL, RAPPORT_INTERACTION_MEETING, RAPPORT_INTERACTION_EMAIL,
  RAPPORT_INTERACTION_VISIT, RAPPORT_INTERACTION_NOTE,
};

static const RapportDirection directions[] = {
  RAPPORT_DIRECTION_INBOUND, RAPPORT_DIRECTION_OUTBOUND,
};

static RapportInteractionKind
get_kind (RapportInteractionEditor *self)
{
  return kinds[MIN (adw_combo_row_get_selected (self->kind_row), G_N_ELEMENTS (kinds) - 1)];
}

/* “14:05”, “9:30”, “9.30” or “14” mean a time of day. */
static gboolean
parse_time (const char *text,
            int        *hour,
            int        *minute)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char separator = 0, tail = 0;
  int fields;

  *minute = 0;
  fields = sscanf (trimmed, "%2d%c%2d%c", hour, &separator, minute, &tail);
  if (fields == 1 && *trimmed != '\0')
    return *hour >= 0 && *hour < 24 && strlen (trimmed) <= 2;
  return fields == 3 && (separator == ':' || separator == '.')
         && *hour >= 0 && *hour < 24 && *minute >= 0 && *minute < 60;
}

static gboolean
has_words (RapportInteractionEditor *self)
{
  g_autofree char *summary = g_strstrip (g_strdup (gtk_editable_get_text (self->summary_row)));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  return *summary != '\0' || *text != '\0';
}

static gboolean
follow_up_is_past (RapportInteractionEditor *self)
{
  const char *date = rapport_date_row_get_date (self->follow_up_day_row);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return date != NULL && strcmp (date, today) < 0;
}

/* One place decides whether Save can be pressed and what is pointed out. */
static void
update_validity (RapportInteractionEditor *self)
{
  int hour, minute;
  gboolean day_ok = rapport_date_row_get_valid (self->day_row)
                    && rapport_date_row_get_date (self->day_row) != NULL;
  gboolean time_ok = parse_time (gtk_editable_get_text (self->time_row), &hour, &minute);
  gboolean following = adw_expander_row_get_enable_expansion (self->follow_up_row);
  gboolean follow_up_ok = !following || rapport_date_row_get_date (self->follow_up_day_row) != NULL;

  if (time_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->time_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->time_row), "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->time_row), GTK_ACCESSIBLE_STATE_INVALID,
                               time_ok ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE, -1);

  gtk_widget_set_visible (GTK_WIDGET (self->when_error), !day_ok || !time_ok);
  if (!day_ok)
    gtk_label_set_text (self->when_error, _("Give the day as year-month-day, for example 2024-03-31, or pick it."));
  else if (!time_ok)
    gtk_label_set_text (self->when_error, _("Give the time as hours and minutes, for example 14:05."));

  gtk_widget_set_visible (self->follow_up_hint, following && follow_up_is_past (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 day_ok && time_ok && follow_up_ok && has_words (self));
}

static void
on_changed (RapportInteractionEditor *self)
{
  update_validity (self);
}

/* Only calls and e-mails have a direction. */
static void
on_kind_changed (RapportInteractionEditor *self)
{
  RapportInteractionKind kind = get_kind (self);

  gtk_widget_set_visible (GTK_WIDGET (self->direction_row),
                          kind == RAPPORT_INTERACTION_CALL || kind == RAPPORT_INTERACTION_EMAIL);
}

static void
setup_choices (RapportInteractionEditor *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) direction_names = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_names, rapport_format_kind_label (kinds[i]));
  /* TRANSLATORS: who started a call or e-mail */
  gtk_string_list_append (direction_names, _("The Client"));
  gtk_string_list_append (direction_names, _("We Did"));

  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));
  adw_combo_row_set_model (self->direction_row, G_LIST_MODEL (direction_names));
}

/* Active staff; the one who logged last time comes chosen. */
static void
setup_staff (RapportInteractionEditor *self)
{
  g_autoptr(GPtrArray) staff = rapport_store_list_staff (rapport_context_get_store (self->context),
                                                         FALSE, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 last = g_settings_get_int64 (rapport_context_get_settings (self->context), "last-staff-id");
  gint64 nobody = 0;
  guint selected = 0;

  gtk_string_list_append (names, _("Nobody in Particular"));
  g_array_append_val (self->staff_ids, nobody);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      RapportStaff *member = g_ptr_array_index (staff, i);
      gint64 id = rapport_staff_get_id (member);

      if (id == last)
        selected = self->staff_ids->len;
      gtk_string_list_append (names, rapport_staff_get_name (member));
      g_array_append_val (self->staff_ids, id);
    }

  adw_combo_row_set_model (self->staff_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->staff_row, selected);
}

static void
fill_in (RapportInteractionEditor *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, FOLLOW_UP_DAYS);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (now, "%H:%M");
  g_autofree char *follow_up = g_date_time_format (later, "%Y-%m-%d");

  adw_window_title_set_subtitle (self->title, rapport_client_get_display_name (self->client));
  setup_choices (self);
  setup_staff (self);
  rapport_date_row_set_date (self->day_row, today);
  gtk_editable_set_text (self->time_row, time);
  rapport_date_row_set_date (self->follow_up_day_row, follow_up);
  on_kind_changed (self);
  update_validity (self);
}

static gint64
occurred_at (RapportInteractionEditor *self)
{
  const char *day = rapport_date_row_get_date (self->day_row);
  g_autoptr(GDateTime) local = NULL;
  int year = 0, month = 0, mday = 0, hour = 0, minute = 0;

  sscanf (day, "%d-%d-%d", &year, &month, &mday);
  parse_time (gtk_editable_get_text (self->time_row), &hour, &minute);
  /* The person means the wall clock here, whatever the season. */
  local = g_date_time_new_local (year, month, mday, hour, minute, 0);
  return local ? g_date_time_to_unix (local) : 0;
}

static RapportInteraction *
collect (RapportInteractionEditor *self)
{
  RapportInteractionKind kind = get_kind (self);
  RapportInteraction *interaction = rapport_interaction_new (rapport_client_get_id (self->client), kind);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  guint staff = adw_combo_row_get_selected (self->staff_row);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (kind == RAPPORT_INTERACTION_CALL || kind == RAPPORT_INTERACTION_EMAIL)
    rapport_interaction_set_direction (interaction,
                                       directions[MIN (adw_combo_row_get_selected (self->direction_row), 1)]);
  rapport_interaction_set_occurred_at (interaction, occurred_at (self));
  rapport_interaction_set_staff_id (interaction, staff < self->staff_ids->len
                                                 ? g_array_index (self->staff_ids, gint64, staff) : 0);
  rapport_interaction_set_summary (interaction, gtk_editable_get_text (self->summary_row));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  rapport_interaction_set_text (interaction, text);
  if (adw_expander_row_get_enable_expansion (self->follow_up_row))
    rapport_interaction_set_follow_up_on (interaction, rapport_date_row_get_date (self->follow_up_day_row));

  return interaction;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (widget);
  g_autoptr(RapportInteraction) interaction = collect (self);
  g_autoptr(GError) error = NULL;

  if (!rapport_store_add_interaction (rapport_context_get_store (self->context), interaction, &error))
    {
      gtk_label_set_text (self->save_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
      return;
    }

  g_settings_set_int64 (rapport_context_get_settings (self->context), "last-staff-id",
                        rapport_interaction_get_staff_id (interaction));
  g_signal_emit (self, signals[SAVED], 0, interaction);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
rapport_interaction_editor_constructed (GObject *object)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  G_OBJECT_CLASS (rapport_interaction_editor_parent_class)->constructed (object);

  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  fill_in (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->summary_row));
}

static void
rapport_interaction_editor_finalize (GObject *object)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_object (&self->client);
  g_array_unref (self->staff_ids);

  G_OBJECT_CLASS (rapport_interaction_editor_parent_class)->finalize (object);
}

static void
rapport_interaction_editor_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_editor_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: self->context = g_value_dup_object (value); break;
    case PROP_CLIENT: self->client = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_editor_class_init (RapportInteractionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_interaction_editor_constructed;
  object_class->finalize = rapport_interaction_editor_finalize;
  object_class->get_property = rapport_interaction_editor_get_property;
  object_class->set_property = rapport_interaction_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, RAPPORT_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportInteractionEditor::saved:
   * @self: the editor
   * @interaction: the interaction as saved, with its id
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RAPPORT_TYPE_INTERACTION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-interaction-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, title);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, save_error);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, direction_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, day_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, staff_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, when_error);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, summary_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, follow_up_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, follow_up_day_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, follow_up_hint);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_interaction_editor_init (RapportInteractionEditor *self)
{
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_interaction_editor_new:
 * @context: the application's context
 * @client: whose interaction it is
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
rapport_interaction_editor_new (RapportContext *context,
                                RapportClient  *client)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RAPPORT_IS_CLIENT (client), NULL);

  return g_object_new (RAPPORT_TYPE_INTERACTION_EDITOR,
                       "context", context,
                       "client", client,
                       NULL);
}
