/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-date-row.h"
#include "rapport-format.h"
#include "rapport-widget-util.h"

/* An entry row for a calendar date: typed as year-month-day in the
 * reader's calendar and digits (rapport_format_entry_date()), or picked
 * from a calendar. Empty means no date; anything else that is not a date
 * marks the row as an error until it is one. The date it gives and takes
 * is always a Gregorian `YYYY-MM-DD`. */
struct _RapportDateRow
{
  AdwEntryRow  parent_instance;

  GtkWidget   *button;
  GtkCalendar *calendar;
  char        *date;       /* NULL when empty or not a date */
  gboolean     valid;
  gboolean     syncing;
};

G_DEFINE_FINAL_TYPE (RapportDateRow, rapport_date_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_DATE,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (RapportDateRow *self,
           const char     *date,
           gboolean        valid)
{
  gboolean date_changed = g_strcmp0 (self->date, date) != 0;
  gboolean valid_changed = self->valid != valid;

  if (date_changed)
    {
      g_free (self->date);
      self->date = g_strdup (date);
    }
  self->valid = valid;

  rapport_widget_set_invalid (GTK_WIDGET (self), !valid);

  if (date_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
  if (valid_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
on_text_changed (RapportDateRow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;

  if (self->syncing)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
  if (*text == '\0')
    set_state (self, NULL, TRUE);
  else if ((date = rapport_format_parse_entry_date (text)) != NULL)
    set_state (self, date, TRUE);
  else
    set_state (self, NULL, FALSE);
}

static void
on_day_selected (RapportDateRow *self)
{
  g_autoptr(GDateTime) picked = gtk_calendar_get_date (self->calendar);
  g_autofree char *date = g_date_time_format (picked, "%Y-%m-%d");

  if (self->syncing)
    return;

  rapport_date_row_set_date (self, date);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->button));
}

/* The calendar opens on the date typed, or on today. */
static void
on_popover_show (RapportDateRow *self)
{
  g_autoptr(GDateTime) shown = NULL;

  if (self->date != NULL)
    {
      g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
      g_autofree char *with_time = g_strconcat (self->date, "T12:00:00", NULL);

      shown = g_date_time_new_from_iso8601 (with_time, zone);
    }
  if (shown == NULL)
    shown = g_date_time_new_now_local ();

  self->syncing = TRUE;
  gtk_calendar_select_day (self->calendar, shown);
  self->syncing = FALSE;
}

static void
rapport_date_row_finalize (GObject *object)
{
  RapportDateRow *self = (RapportDateRow *) object;

  g_free (self->date);

  G_OBJECT_CLASS (rapport_date_row_parent_class)->finalize (object);
}

static void
rapport_date_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RapportDateRow *self = RAPPORT_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE: g_value_set_string (value, self->date); break;
    case PROP_VALID: g_value_set_boolean (value, self->valid); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_date_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  RapportDateRow *self = RAPPORT_DATE_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE: rapport_date_row_set_date (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_date_row_class_init (RapportDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_date_row_finalize;
  object_class->get_property = rapport_date_row_get_property;
  object_class->set_property = rapport_date_row_set_property;

  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_date_row_init (RapportDateRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  self->valid = TRUE;
  self->calendar = GTK_CALENDAR (calendar);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect_swapped (calendar, "day-selected", G_CALLBACK (on_day_selected), self);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_popover_show), self);

  self->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->button), "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->button), popover);
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_widget_set_tooltip_text (self->button, _("Pick a Date"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pick a Date"), -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), self->button);

  g_signal_connect (self, "changed", G_CALLBACK (on_text_changed), NULL);
}

GtkWidget *
rapport_date_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_DATE_ROW, NULL);
}

/**
 * rapport_date_row_get_date:
 * @self: a date row
 *
 * Returns: (nullable): the date as `YYYY-MM-DD`, or %NULL when the row is
 *   empty or does not hold a date
 */
const char *
rapport_date_row_get_date (RapportDateRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATE_ROW (self), NULL);
  return self->date;
}

void
rapport_date_row_set_date (RapportDateRow *self,
                           const char     *iso_date)
{
  g_autofree char *text = NULL;

  g_return_if_fail (RAPPORT_IS_DATE_ROW (self));

  text = rapport_format_entry_date (iso_date);
  gtk_editable_set_text (GTK_EDITABLE (self), text);
}

/**
 * rapport_date_row_dup_problem:
 * @self: a date row
 *
 * Returns: (transfer full) (nullable): why what was typed is not a date, or
 *   %NULL when the row is empty or holds one
 */
char *
rapport_date_row_dup_problem (RapportDateRow *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATE_ROW (self), NULL);

  if (self->valid)
    return NULL;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
  return rapport_format_date_problem (text);
}

/**
 * rapport_date_row_get_valid:
 * @self: a date row
 *
 * Returns: %TRUE when the row is empty or holds a real date
 */
gboolean
rapport_date_row_get_valid (RapportDateRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_DATE_ROW (self), FALSE);
  return self->valid;
}

/**
 * rapport_date_row_dup_hint:
 * @self: a date row
 *
 * Returns: (transfer full) (nullable): what to do while the row holds no
 *   date — enter one, or write it as the reader writes dates — or %NULL
 *   when it holds one
 */
char *
rapport_date_row_dup_hint (RapportDateRow *self)
{
  g_autofree char *example = NULL;

  g_return_val_if_fail (RAPPORT_IS_DATE_ROW (self), NULL);

  if (self->date != NULL)
    return NULL;
  if (self->valid)
    return g_strdup (_("Enter a date, or pick it from the calendar."));
  example = rapport_format_entry_date ("2024-03-31");
  /* TRANSLATORS: %s is a date written as the reader types dates */
  return g_strdup_printf (_("Enter the date as year-month-day, for example %s, or pick it from the calendar."),
                          example);
}
