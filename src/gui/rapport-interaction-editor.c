/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "rapport-date-row.h"
#include "rapport-format.h"
#include "rapport-interaction-editor.h"
#include "rapport-save-status.h"
#include "rapport-widget-util.h"

/* A follow-up is proposed this many days ahead. */
#define FOLLOW_UP_DAYS 7

struct _RapportInteractionEditor
{
  AdwWindow          parent_instance;

  RapportContext    *context;
  RapportClient     *client;
  RapportInteraction *editing;      /* as it was, when correcting one; else NULL */
  GArray            *staff_ids;      /* gint64, in the staff row's order; 0 is nobody */
  GPtrArray         *kind_items;     /* the kind drop-down's bound list items */
  char              *initial_state;  /* the form as filled in, to tell a change */

  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkWidget         *save_button;
  GtkRevealer       *save_error_revealer;
  GtkLabel          *save_error;
  RapportSaveStatus *save_status;
  GCancellable      *save_cancellable;  /* while a save runs */
  RapportInteraction *saving;           /* what it saves */
  AdwComboRow       *kind_row;
  GtkWidget         *direction_row;
  GtkToggleButton   *incoming_button;
  GtkToggleButton   *outgoing_button;
  GtkEditable       *summary_row;
  GtkTextView       *text_view;
  RapportDateRow    *day_row;
  GtkEditable       *time_row;
  AdwComboRow       *staff_row;
  GtkLabel          *when_error;
  GtkSwitch         *follow_up_switch;
  RapportDateRow    *follow_up_day_row;
  GtkEditable       *follow_up_time_row;
  GtkLabel          *follow_up_hint;
  GtkWidget         *delete_button;
};

G_DEFINE_FINAL_TYPE (RapportInteractionEditor, rapport_interaction_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CLIENT,
  PROP_INTERACTION,
  N_PROPS
};

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];


/* The kind row's items are the kinds' stored names, in this order. */
static const RapportInteractionKind kinds[] = {
  RAPPORT_INTERACTION_CALL,
  RAPPORT_INTERACTION_MEETING,
  RAPPORT_INTERACTION_EMAIL,
  RAPPORT_INTERACTION_VISIT,
  RAPPORT_INTERACTION_NOTE,
};

static RapportInteractionKind
kind_of_item (GtkStringObject *item)
{
  RapportInteractionKind kind = RAPPORT_INTERACTION_CALL;

  if (item != NULL)
    rapport_interaction_kind_from_string (gtk_string_object_get_string (item), &kind);
  return kind;
}

static RapportInteractionKind
get_kind (RapportInteractionEditor *self)
{
  return kind_of_item (adw_combo_row_get_selected_item (self->kind_row));
}

static gboolean
has_direction (RapportInteractionKind kind)
{
  return kind == RAPPORT_INTERACTION_CALL || kind == RAPPORT_INTERACTION_EMAIL;
}

/* The person means the wall clock where they are, whatever the season:
 * the zone decides how far that is from UTC on that day. */
static gboolean
local_time_to_utc (GTimeZone  *zone,
                   const char *iso_date,
                   int         hour,
                   int         minute,
                   gint64     *utc_seconds)
{
  g_autoptr(GDateTime) moment = NULL;
  int year, month, day;

  if (iso_date == NULL || sscanf (iso_date, "%d-%d-%d", &year, &month, &day) != 3)
    return FALSE;

  moment = g_date_time_new (zone, year, month, day, hour, minute, 0);
  if (moment == NULL)
    return FALSE;

  *utc_seconds = g_date_time_to_unix (moment);
  return TRUE;
}

static char *
dup_text (RapportInteractionEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
has_words (RapportInteractionEditor *self)
{
  g_autofree char *summary = g_strstrip (g_strdup (gtk_editable_get_text (self->summary_row)));
  g_autofree char *text = g_strstrip (dup_text (self));

  return *summary != '\0' || *text != '\0';
}

static gint64 get_staff_id (RapportInteractionEditor *self);

/* What the form holds, fields as typed, as one string: two states compare
 * as strings. */
static char *
dup_form_state (RapportInteractionEditor *self)
{
  g_autofree char *text = dup_text (self);

  return g_strdup_printf ("%d\x1d%d\x1d%s\x1d%s\x1d%s\x1d%s\x1d%" G_GINT64_FORMAT "\x1d%d\x1d%s\x1d%s",
                          get_kind (self),
                          gtk_toggle_button_get_active (self->outgoing_button),
                          gtk_editable_get_text (self->summary_row),
                          text,
                          gtk_editable_get_text (GTK_EDITABLE (self->day_row)),
                          gtk_editable_get_text (self->time_row),
                          get_staff_id (self),
                          gtk_switch_get_active (self->follow_up_switch),
                          gtk_editable_get_text (GTK_EDITABLE (self->follow_up_day_row)),
                          gtk_editable_get_text (self->follow_up_time_row));
}

static void
remember_state (RapportInteractionEditor *self)
{
  g_free (self->initial_state);
  self->initial_state = dup_form_state (self);
}

static gboolean
is_past (RapportInteractionEditor *self,
         const char               *iso_date)
{
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return strcmp (iso_date, today) < 0;
}

static void
show_label (GtkLabel   *label,
            const char *text,
            const char *style)
{
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  if (text == NULL)
    return;

  gtk_label_set_text (label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (label), style);
}

/* One place decides what is pointed out and whether Save can be pressed. */
static void
update_validity (RapportInteractionEditor *self)
{
  const char *time_text = gtk_editable_get_text (self->time_row);
  g_autofree char *day_problem = rapport_date_row_dup_hint (self->day_row);
  g_autofree char *follow_up_problem = rapport_date_row_dup_hint (self->follow_up_day_row);
  gboolean following = gtk_switch_get_active (self->follow_up_switch);
  const char *follow_up = rapport_date_row_get_date (self->follow_up_day_row);
  const char *follow_up_time = gtk_editable_get_text (self->follow_up_time_row);
  const char *time_problem = NULL;
  gboolean follow_up_time_ok;
  int hour, minute;

  /* The follow-up's time is optional: empty means the day as a whole. */
  follow_up_time_ok = *follow_up_time == '\0' || rapport_parse_time_of_day (follow_up_time, &hour, &minute);

  if (!rapport_parse_time_of_day (time_text, &hour, &minute))
    time_problem = *time_text == '\0' ? _("Enter the time of day, for example 14:30.")
                                      : _("Enter the time as hours and minutes, for example 14:30.");

  rapport_widget_set_invalid (GTK_WIDGET (self->day_row), day_problem != NULL);
  rapport_widget_set_invalid (GTK_WIDGET (self->time_row), time_problem != NULL);
  show_label (self->when_error, day_problem ? day_problem : time_problem, "error");

  if (!following)
    show_label (self->follow_up_hint, NULL, NULL);
  else if (follow_up == NULL)
    show_label (self->follow_up_hint, follow_up_problem, "error");
  else if (!follow_up_time_ok)
    show_label (self->follow_up_hint, _("Enter the follow-up time as hours and minutes, for example 10:30, or leave it empty for the whole day."),
                "error");
  else if (is_past (self, follow_up))
    show_label (self->follow_up_hint, _("This date has passed: the follow-up will be due right away."),
                "warning");
  else
    show_label (self->follow_up_hint, NULL, NULL);
  rapport_widget_set_invalid (GTK_WIDGET (self->follow_up_day_row), following && follow_up == NULL);
  rapport_widget_set_invalid (GTK_WIDGET (self->follow_up_time_row), following && !follow_up_time_ok);

  /* A correction can be saved once something in it changed. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 self->save_cancellable == NULL
                                 && day_problem == NULL && time_problem == NULL
                                 && (!following || (follow_up != NULL && follow_up_time_ok))
                                 && has_words (self)
                                 && (self->editing == NULL || rapport_interaction_editor_has_changes (self)));
}

static void
on_changed (RapportInteractionEditor *self)
{
  update_validity (self);
}

static void
on_kind_changed (RapportInteractionEditor *self)
{
  gtk_widget_set_visible (self->direction_row, has_direction (get_kind (self)));
}

/* Each kind with its icon, as the history shows it; in the list, the
 * chosen one is ticked. */
static void
setup_kind_item (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 RapportInteractionEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);

  /* The icons only repeat the words (and the list tells which item is
   * selected): screen readers skip them. */
  gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_IMAGE,
                                               "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                               NULL));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  if (self != NULL)
    {
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), g_object_new (GTK_TYPE_IMAGE,
                                                   "icon-name", "object-select-symbolic",
                                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                                   NULL));
    }
  gtk_list_item_set_child (item, box);
}

static void
update_tick (RapportInteractionEditor *self,
             GtkListItem              *item)
{
  GtkWidget *tick = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (tick, adw_combo_row_get_selected_item (self->kind_row)
                                == gtk_list_item_get_item (item));
}

static void
on_kind_selected (RapportInteractionEditor *self)
{
  for (guint i = 0; i < self->kind_items->len; i++)
    update_tick (self, g_ptr_array_index (self->kind_items, i));
}

static void
bind_kind_item (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                RapportInteractionEditor *self)
{
  RapportInteractionKind kind = kind_of_item (gtk_list_item_get_item (item));
  GtkWidget *icon = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), rapport_format_kind_icon (kind));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (icon)), rapport_format_kind_label (kind));
  if (self != NULL)
    {
      g_ptr_array_add (self->kind_items, item);
      update_tick (self, item);
    }
}

static void
unbind_kind_item (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  RapportInteractionEditor *self)
{
  if (self != NULL)
    g_ptr_array_remove (self->kind_items, item);
}

static void
setup_kinds (RapportInteractionEditor *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_kind_item), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_kind_item), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_kind_item), self);
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_kind_item), self);
  g_signal_connect (list_factory, "unbind", G_CALLBACK (unbind_kind_item), self);

  /* The factories first: the row shows the model's items at once. */
  adw_combo_row_set_factory (self->kind_row, factory);
  adw_combo_row_set_list_factory (self->kind_row, list_factory);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (names, rapport_interaction_kind_to_string (kinds[i]));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (names));
  g_signal_connect_object (self->kind_row, "notify::selected-item",
                           G_CALLBACK (on_kind_selected), self, G_CONNECT_SWAPPED);
}

static gint64
get_staff_id (RapportInteractionEditor *self)
{
  return rapport_staff_row_get_id (self->staff_row, self->staff_ids);
}

static void
show_save_error (RapportInteractionEditor *self,
                 const char               *message)
{
  gtk_label_set_text (self->save_error, message ? message : "");
  gtk_revealer_set_reveal_child (self->save_error_revealer, message != NULL);
}

/* Active staff, and nobody; @chosen comes selected when still there. */
static void
fill_staff (RapportInteractionEditor *self,
            gint64                    chosen)
{
  g_autoptr(GError) error = NULL;

  if (!rapport_staff_row_fill (self->staff_row, self->staff_ids,
                               rapport_context_get_staff (self->context), chosen,
                               self->editing != NULL, &error))
    show_save_error (self, error->message);
}

static void
on_database_changed (RapportInteractionEditor *self,
                     const char               *kind)
{
  if (rapport_database_change_concerns (kind, RAPPORT_KIND_STAFF))
    fill_staff (self, get_staff_id (self));
}

static void
select_kind (RapportInteractionEditor *self,
             RapportInteractionKind    kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == kind)
      adw_combo_row_set_selected (self->kind_row, i);
}

/* The interaction being corrected, as it is, in the person's zone. */
static void
fill_in_editing (RapportInteractionEditor *self)
{
  RapportInteraction *editing = self->editing;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (rapport_interaction_get_occurred_at (editing));
  g_autoptr(GDateTime) when = utc ? g_date_time_to_local (utc) : rapport_context_dup_now (self->context);
  g_autofree char *day = g_date_time_format (when, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  const char *follow_up = rapport_interaction_get_follow_up_on (editing);

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Interaction"));
  gtk_widget_set_visible (self->delete_button, TRUE);
  fill_staff (self, rapport_interaction_get_staff_id (editing));
  select_kind (self, rapport_interaction_get_kind (editing));
  gtk_toggle_button_set_active (rapport_interaction_get_direction (editing) == RAPPORT_DIRECTION_OUTBOUND
                                ? self->outgoing_button : self->incoming_button, TRUE);
  gtk_editable_set_text (self->summary_row, rapport_interaction_get_summary (editing));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), rapport_interaction_get_text (editing), -1);
  rapport_date_row_set_date (self->day_row, day);
  gtk_editable_set_text (self->time_row, time);
  gtk_switch_set_active (self->follow_up_switch, follow_up != NULL);
  if (follow_up != NULL)
    {
      const char *follow_up_time = rapport_interaction_get_follow_up_time (editing);

      rapport_date_row_set_date (self->follow_up_day_row, follow_up);
      gtk_editable_set_text (self->follow_up_time_row, follow_up_time ? follow_up_time : "");
    }
  on_kind_changed (self);
  remember_state (self);
  update_validity (self);
}

static void
fill_in (RapportInteractionEditor *self)
{
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  g_autoptr(GDateTime) later = g_date_time_add_days (now, FOLLOW_UP_DAYS);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *time = g_date_time_format (now, "%H:%M");
  g_autofree char *follow_up = g_date_time_format (later, "%Y-%m-%d");

  rapport_widget_set_titles (self->title_label, self->subtitle_label,
                             self->editing != NULL ? _("Edit Interaction") : _("Log Interaction"),
                             rapport_client_get_display_name (self->client));
  if (self->editing != NULL)
    {
      fill_in_editing (self);
      return;
    }
  fill_staff (self, g_settings_get_int64 (rapport_context_get_settings (self->context), "last-staff-id"));
  rapport_date_row_set_date (self->day_row, today);
  gtk_editable_set_text (self->time_row, time);
  rapport_date_row_set_date (self->follow_up_day_row, follow_up);
  on_kind_changed (self);
  remember_state (self);
  update_validity (self);
}

static RapportInteraction *
collect (RapportInteractionEditor *self)
{
  RapportInteractionKind kind = get_kind (self);
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (rapport_client_get_id (self->client), kind);
  g_autoptr(GTimeZone) here = g_time_zone_new_local ();
  g_autofree char *text = dup_text (self);
  gint64 occurred_at;
  int hour, minute;

  if (!rapport_parse_time_of_day (gtk_editable_get_text (self->time_row), &hour, &minute)
      || !local_time_to_utc (here, rapport_date_row_get_date (self->day_row), hour, minute, &occurred_at))
    return NULL;

  if (has_direction (kind))
    rapport_interaction_set_direction (interaction,
                                       gtk_toggle_button_get_active (self->outgoing_button)
                                       ? RAPPORT_DIRECTION_OUTBOUND : RAPPORT_DIRECTION_INBOUND);
  rapport_interaction_set_occurred_at (interaction, occurred_at);
  rapport_interaction_set_staff_id (interaction, get_staff_id (self));
  rapport_interaction_set_summary (interaction, gtk_editable_get_text (self->summary_row));
  rapport_interaction_set_text (interaction, text);
  if (gtk_switch_get_active (self->follow_up_switch))
    {
      const char *follow_up_time = gtk_editable_get_text (self->follow_up_time_row);

      rapport_interaction_set_follow_up_on (interaction, rapport_date_row_get_date (self->follow_up_day_row));
      if (rapport_parse_time_of_day (follow_up_time, &hour, &minute))
        {
          g_autofree char *normal = g_strdup_printf ("%02d:%02d", hour, minute);
          rapport_interaction_set_follow_up_time (interaction, normal);
        }
    }

  if (self->editing != NULL)
    {
      rapport_interaction_set_id (interaction, rapport_interaction_get_id (self->editing));
      /* A follow-up done stays done while its day and time stay; moved,
       * it is a new one to do. */
      if (g_strcmp0 (rapport_interaction_get_follow_up_on (interaction),
                     rapport_interaction_get_follow_up_on (self->editing)) == 0
          && g_strcmp0 (rapport_interaction_get_follow_up_time (interaction),
                        rapport_interaction_get_follow_up_time (self->editing)) == 0)
        rapport_interaction_set_follow_up_done_at (interaction,
                                                   rapport_interaction_get_follow_up_done_at (self->editing));
    }

  return g_steal_pointer (&interaction);
}

/* One write at a time, saving or deleting: Save and Delete are off
 * meanwhile, and after a moment the form says it is saving. */
static void
begin_write (RapportInteractionEditor *self)
{
  self->save_cancellable = g_cancellable_new ();
  update_validity (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", FALSE);
  rapport_save_status_begin (self->save_status);
}

/* Whether the write went in; a refusal is shown in the form, which stays.
 * FALSE too when the form was closed while the write waited. */
static gboolean
end_write (RapportInteractionEditor *self,
           GObject                  *source,
           GAsyncResult             *result)
{
  g_autoptr(GError) error = NULL;
  gboolean written = rapport_interaction_repository_write_finish (RAPPORT_INTERACTION_REPOSITORY (source),
                                                                  result, &error);
  gboolean closed = g_cancellable_is_cancelled (self->save_cancellable);

  g_clear_object (&self->save_cancellable);
  if (closed)
    return FALSE;
  rapport_save_status_end (self->save_status);
  update_validity (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", self->editing != NULL);
  if (!written)
    show_save_error (self, error->message);
  return written;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RapportInteractionEditor) self = user_data;
  RapportInteraction *interaction = self->saving;

  if (!end_write (self, source, result))
    return;

  g_settings_set_int64 (rapport_context_get_settings (self->context), "last-staff-id",
                        rapport_interaction_get_staff_id (interaction));
  g_signal_emit (self, signals[SAVED], 0, interaction);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The save runs on the database's worker: the window keeps drawing, and
 * says so when it waits for another program. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (widget);
  RapportInteractionRepository *interactions = rapport_context_get_interactions (self->context);
  g_autoptr(RapportInteraction) interaction = NULL;

  if (self->save_cancellable != NULL)
    return;
  interaction = collect (self);
  if (interaction == NULL)
    {
      /* Save is off while they are not; this is only a guard. */
      show_save_error (self, _("Check the date and the time of day."));
      return;
    }

  show_save_error (self, NULL);
  g_set_object (&self->saving, interaction);
  begin_write (self);
  if (self->editing != NULL)
    rapport_interaction_repository_update_async (interactions, interaction, self->save_cancellable,
                                                 on_saved, g_object_ref (self));
  else
    rapport_interaction_repository_add_async (interactions, interaction, self->save_cancellable,
                                              on_saved, g_object_ref (self));
}

static void
on_deleted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RapportInteractionEditor) self = user_data;

  if (!end_write (self, source, result))
    return;
  g_signal_emit (self, signals[DELETED], 0, self->editing);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Deleting is undone from the toast its owner shows, with the copy
 * “deleted” hands over. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (widget);

  if (self->editing == NULL || self->save_cancellable != NULL)
    return;
  show_save_error (self, NULL);
  begin_write (self);
  rapport_interaction_repository_delete_async (rapport_context_get_interactions (self->context),
                                               rapport_interaction_get_id (self->editing),
                                               self->save_cancellable, on_deleted, g_object_ref (self));
}

static void
rapport_interaction_editor_constructed (GObject *object)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);

  G_OBJECT_CLASS (rapport_interaction_editor_parent_class)->constructed (object);

  rapport_save_status_set_database (self->save_status, rapport_context_get_database (self->context));
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  /* Choices, too, are changes to a correction. */
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->outgoing_button, "toggled", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->staff_row, "notify::selected", G_CALLBACK (on_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (rapport_context_get_database (self->context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
  fill_in (self);

  /* What was said is what people come to write. */
  gtk_widget_grab_focus (GTK_WIDGET (self->summary_row));
}

static void
rapport_interaction_editor_dispose (GObject *object)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);

  /* Closed while a save waits for another program: it waits no more. */
  if (self->save_cancellable != NULL)
    g_cancellable_cancel (self->save_cancellable);

  G_OBJECT_CLASS (rapport_interaction_editor_parent_class)->dispose (object);
}

static void
rapport_interaction_editor_finalize (GObject *object)
{
  RapportInteractionEditor *self = RAPPORT_INTERACTION_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_object (&self->client);
  g_clear_object (&self->editing);
  g_clear_pointer (&self->initial_state, g_free);
  g_clear_object (&self->saving);
  g_clear_pointer (&self->staff_ids, g_array_unref);
  g_clear_pointer (&self->kind_items, g_ptr_array_unref);

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
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_INTERACTION:
      g_value_set_object (value, self->editing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
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
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_INTERACTION:
      /* A copy: what the history shows stays as it is until saved. */
      if (g_value_get_object (value) != NULL)
        self->editing = rapport_interaction_dup_copy (g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_editor_class_init (RapportInteractionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_interaction_editor_constructed;
  object_class->dispose = rapport_interaction_editor_dispose;
  object_class->finalize = rapport_interaction_editor_finalize;
  object_class->get_property = rapport_interaction_editor_get_property;
  object_class->set_property = rapport_interaction_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, RAPPORT_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INTERACTION] =
    g_param_spec_object ("interaction", NULL, NULL, RAPPORT_TYPE_INTERACTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportInteractionEditor::deleted:
   * @self: the editor
   * @interaction: the interaction as it was, to put back on Undo
   */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RAPPORT_TYPE_INTERACTION);

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RAPPORT_TYPE_INTERACTION);

  /* Named by the template. */
  g_type_ensure (RAPPORT_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-interaction-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, save_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, save_error);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, save_status);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, direction_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, incoming_button);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, outgoing_button);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, summary_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, day_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, staff_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, when_error);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, follow_up_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, follow_up_day_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, follow_up_hint);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, follow_up_time_row);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_interaction_editor_init (RapportInteractionEditor *self)
{
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->kind_items = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_kinds (self);
}

/**
 * rapport_interaction_editor_new_for:
 * @context: the application's context
 * @client: whose interaction it is
 * @interaction: the interaction to correct
 *
 * Returns: (transfer floating): the dialog to correct or delete
 *   @interaction, not yet shown
 */
GtkWidget *
rapport_interaction_editor_new_for (RapportContext     *context,
                                    RapportClient      *client,
                                    RapportInteraction *interaction)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (RAPPORT_IS_CLIENT (client), NULL);
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (interaction), NULL);

  return g_object_new (RAPPORT_TYPE_INTERACTION_EDITOR,
                       "context", context,
                       "client", client,
                       "interaction", interaction,
                       NULL);
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

/**
 * rapport_interaction_editor_has_changes:
 * @self: an editor
 *
 * Returns: whether closing the form would throw away what the person
 *   typed: a summary or details of a new interaction, or any change to one
 *   being corrected
 */
gboolean
rapport_interaction_editor_has_changes (RapportInteractionEditor *self)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION_EDITOR (self), FALSE);

  if (self->initial_state == NULL || (self->editing == NULL && !has_words (self)))
    return FALSE;
  state = dup_form_state (self);
  return !g_str_equal (state, self->initial_state);
}
