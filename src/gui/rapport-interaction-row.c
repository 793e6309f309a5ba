/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-format.h"
#include "rapport-interaction-row.h"
#include "rapport-wall-clock.h"

/* One entry of a client's history: what kind, what was said, when, by whom,
 * and the follow-up it asks for. */
struct _RapportInteractionRow
{
  GtkListBoxRow       parent_instance;

  RapportInteraction *interaction;

  GtkImage           *kind_icon;
  GtkLabel           *label;
  GtkLabel           *follow_up_label;
  GtkWidget          *done_button;
};

G_DEFINE_FINAL_TYPE (RapportInteractionRow, rapport_interaction_row, GTK_TYPE_LIST_BOX_ROW)

/* Returns markup: the text escaped. */
static char *
build_meta (RapportInteraction *interaction,
            GDateTime          *now)
{
  g_autofree char *moment = rapport_format_moment (rapport_interaction_get_occurred_at (interaction), now);
  const char *direction = rapport_format_direction_label (rapport_interaction_get_direction (interaction));
  const char *staff = rapport_interaction_get_staff_name (interaction);
  GString *meta = g_string_new (rapport_format_kind_label (rapport_interaction_get_kind (interaction)));

  if (*direction != '\0')
    g_string_append_printf (meta, " · %s", direction);
  g_string_append_printf (meta, " · %s", moment);
  if (*staff != '\0')
    /* TRANSLATORS: who logged an interaction */
    g_string_append_printf (meta, " · %s", staff);

  {
    g_autofree char *raw = g_string_free (meta, FALSE);
    return g_markup_escape_text (raw, -1);
  }
}

/* Escapes @text, each of its lines in the row's reading direction. */
static char *
escape_lines (RapportInteractionRow *self,
              const char            *text)
{
  g_autofree char *marked = rapport_format_lines_in_direction (text, gtk_widget_get_direction (GTK_WIDGET (self)));

  return g_markup_escape_text (marked, -1);
}

/* The follow-up, as it stands: done, overdue (in red), due today (in the
 * accent colour) or to come; an open one can be marked done from here. */
static void
show_follow_up (RapportInteractionRow *self,
                GDateTime             *now)
{
  RapportInteraction *interaction = self->interaction;
  const char *day = rapport_interaction_get_follow_up_on (interaction);
  const char *time = rapport_interaction_get_follow_up_time (interaction);
  gboolean done = rapport_interaction_get_follow_up_done_at (interaction) != 0;
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *when = NULL;
  g_autofree char *line = NULL;
  const char *style;
  gint64 due;

  if (!rapport_wall_clock_to_utc (g_date_time_get_timezone (now), day, time, &due))
    due = 0;
  when = rapport_format_due (due, time != NULL, now);

  if (done)
    {
      g_autofree char *date = rapport_format_iso_date (day);
      /* TRANSLATORS: %s is the date the follow-up was due */
      line = g_strdup_printf (_("Followed up (due %s)"), date);
      style = "dim-label";
    }
  else if (g_strcmp0 (day, today) < 0)
    {
      g_autofree char *date = rapport_format_iso_date (day);
      /* TRANSLATORS: %s is the date the follow-up was due */
      line = g_strdup_printf (_("Follow-up overdue since %s"), date);
      style = "error";
    }
  else if (g_strcmp0 (day, today) == 0)
    {
      /* TRANSLATORS: %s is when the follow-up is due: “Today” or “Today at 14:30” */
      line = g_strdup_printf (_("Follow up: %s"), when);
      style = "accent";
    }
  else
    {
      /* TRANSLATORS: %s is a date */
      line = g_strdup_printf (_("Follow up on %s"), when);
      style = "heading";
    }

  gtk_label_set_text (self->follow_up_label, line);
  gtk_widget_add_css_class (GTK_WIDGET (self->follow_up_label), style);
  gtk_widget_set_visible (GTK_WIDGET (self->follow_up_label), TRUE);
  gtk_widget_set_visible (self->done_button, !done);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->done_button), "x", rapport_interaction_get_id (interaction));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->done_button), "card.follow-up-done");
}

/* Summary in bold, the text, then kind, time and staff dimmed — in one
 * label, every line of it in the reading direction of the interface, so
 * that a Latin summary in a Persian window starts where the rest does,
 * beside the icon — and the follow-up. */
static void
show_interaction (RapportInteractionRow *self,
                  GDateTime             *now)
{
  RapportInteraction *interaction = self->interaction;
  const char *summary = rapport_interaction_get_summary (interaction);
  const char *text = rapport_interaction_get_text (interaction);
  const char *follow_up = rapport_interaction_get_follow_up_on (interaction);
  const char *mark = rapport_format_direction_mark (gtk_widget_get_direction (GTK_WIDGET (self)));
  g_autofree char *meta = build_meta (interaction, now);
  GString *markup = g_string_new (NULL);

  gtk_image_set_from_icon_name (self->kind_icon,
                                rapport_format_kind_icon (rapport_interaction_get_kind (interaction)));

  {
    g_autofree char *title = escape_lines (self, *summary != '\0' ? summary : text);
    g_string_append_printf (markup, "<b>%s</b>", title);
  }
  if (*summary != '\0' && *text != '\0')
    {
      g_autofree char *escaped = escape_lines (self, text);
      g_string_append_printf (markup, "\n%s", escaped);
    }
  g_string_append_printf (markup, "\n%s<span size=\"small\" alpha=\"60%%\">%s</span>", mark, meta);
  if (follow_up != NULL)
    show_follow_up (self, now);

  gtk_label_set_markup (self->label, markup->str);
  g_string_free (markup, TRUE);

  /* A screen reader reads the whole entry from the row. */
  {
    g_autofree char *whole = follow_up != NULL
                             ? g_strconcat (gtk_label_get_text (self->label), "\n",
                                            gtk_label_get_text (self->follow_up_label), NULL)
                             : g_strdup (gtk_label_get_text (self->label));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, whole, -1);
  }
}

static void
rapport_interaction_row_finalize (GObject *object)
{
  RapportInteractionRow *self = (RapportInteractionRow *) object;

  g_clear_object (&self->interaction);

  G_OBJECT_CLASS (rapport_interaction_row_parent_class)->finalize (object);
}

static void
rapport_interaction_row_class_init (RapportInteractionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_interaction_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-interaction-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionRow, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionRow, label);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionRow, follow_up_label);
  gtk_widget_class_bind_template_child (widget_class, RapportInteractionRow, done_button);
}

static void
rapport_interaction_row_init (RapportInteractionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_interaction_row_new:
 * @interaction: what to show
 * @now: what “today” is counted from
 *
 * Returns: (transfer floating): a history row
 */
GtkWidget *
rapport_interaction_row_new (RapportInteraction *interaction,
                             GDateTime          *now)
{
  RapportInteractionRow *self;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION (interaction), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (RAPPORT_TYPE_INTERACTION_ROW, NULL);
  self->interaction = g_object_ref (interaction);
  show_interaction (self, now);
  return GTK_WIDGET (self);
}

RapportInteraction *
rapport_interaction_row_get_interaction (RapportInteractionRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION_ROW (self), NULL);
  return self->interaction;
}
