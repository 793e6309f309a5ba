/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-core-enums.h"
#include "rapport-error.h"
#include "rapport-interaction.h"
#include "rapport-set-str-private.h"
#include "rapport-text.h"
#include "rapport-wall-clock.h"

struct _RapportInteraction
{
  GObject                 parent_instance;

  gint64                  id;
  gint64                  client_id;
  RapportInteractionKind  kind;
  RapportDirection        direction;
  gint64                  occurred_at;
  gint64                  staff_id;
  char                   *staff_name;
  char                   *summary;
  char                   *text;
  char                   *follow_up_on;
  char                   *follow_up_time;
  gint64                  follow_up_done_at;
};

G_DEFINE_FINAL_TYPE (RapportInteraction, rapport_interaction, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT_ID,
  PROP_KIND,
  PROP_DIRECTION,
  PROP_OCCURRED_AT,
  PROP_STAFF_ID,
  PROP_STAFF_NAME,
  PROP_SUMMARY,
  PROP_TEXT,
  PROP_FOLLOW_UP_ON,
  PROP_FOLLOW_UP_TIME,
  PROP_FOLLOW_UP_DONE_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The words stored in the database; never translated. */
static const char * const kind_names[] = { "call", "meeting", "email", "visit", "note" };
static const char * const direction_names[] = { "none", "inbound", "outbound" };

static void
rapport_interaction_finalize (GObject *object)
{
  RapportInteraction *self = (RapportInteraction *) object;

  g_free (self->staff_name);
  g_free (self->summary);
  g_free (self->text);
  g_free (self->follow_up_on);
  g_free (self->follow_up_time);

  G_OBJECT_CLASS (rapport_interaction_parent_class)->finalize (object);
}

static void
rapport_interaction_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportInteraction *self = RAPPORT_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CLIENT_ID: g_value_set_int64 (value, self->client_id); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_DIRECTION: g_value_set_enum (value, self->direction); break;
    case PROP_OCCURRED_AT: g_value_set_int64 (value, self->occurred_at); break;
    case PROP_STAFF_ID: g_value_set_int64 (value, self->staff_id); break;
    case PROP_STAFF_NAME: g_value_set_string (value, self->staff_name); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_FOLLOW_UP_ON: g_value_set_string (value, self->follow_up_on); break;
    case PROP_FOLLOW_UP_TIME: g_value_set_string (value, self->follow_up_time); break;
    case PROP_FOLLOW_UP_DONE_AT: g_value_set_int64 (value, self->follow_up_done_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  RapportInteraction *self = RAPPORT_INTERACTION (object);

  switch (prop_id)
    {
    case PROP_ID: rapport_interaction_set_id (self, g_value_get_int64 (value)); break;
    case PROP_CLIENT_ID: self->client_id = g_value_get_int64 (value); break;
    case PROP_KIND: rapport_interaction_set_kind (self, g_value_get_enum (value)); break;
    case PROP_DIRECTION: rapport_interaction_set_direction (self, g_value_get_enum (value)); break;
    case PROP_OCCURRED_AT: rapport_interaction_set_occurred_at (self, g_value_get_int64 (value)); break;
    case PROP_STAFF_ID: rapport_interaction_set_staff_id (self, g_value_get_int64 (value)); break;
    case PROP_SUMMARY: rapport_interaction_set_summary (self, g_value_get_string (value)); break;
    case PROP_TEXT: rapport_interaction_set_text (self, g_value_get_string (value)); break;
    case PROP_FOLLOW_UP_ON: rapport_interaction_set_follow_up_on (self, g_value_get_string (value)); break;
    case PROP_FOLLOW_UP_TIME: rapport_interaction_set_follow_up_time (self, g_value_get_string (value)); break;
    case PROP_FOLLOW_UP_DONE_AT: rapport_interaction_set_follow_up_done_at (self, g_value_get_int64 (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_interaction_class_init (RapportInteractionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = rapport_interaction_finalize;
  object_class->get_property = rapport_interaction_get_property;
  object_class->set_property = rapport_interaction_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, RAPPORT_TYPE_INTERACTION_KIND,
                       RAPPORT_INTERACTION_CALL, rw);
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, RAPPORT_TYPE_DIRECTION,
                       RAPPORT_DIRECTION_NONE, rw);
  properties[PROP_OCCURRED_AT] =
    g_param_spec_int64 ("occurred-at", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_STAFF_ID] = g_param_spec_int64 ("staff-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_STAFF_NAME] =
    g_param_spec_string ("staff-name", NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, "", rw);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, "", rw);
  properties[PROP_FOLLOW_UP_ON] = g_param_spec_string ("follow-up-on", NULL, NULL, NULL, rw);
  properties[PROP_FOLLOW_UP_TIME] = g_param_spec_string ("follow-up-time", NULL, NULL, NULL, rw);
  properties[PROP_FOLLOW_UP_DONE_AT] =
    g_param_spec_int64 ("follow-up-done-at", NULL, NULL, G_MININT64, G_MAXINT64, 0, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_interaction_init (RapportInteraction *self)
{
  self->staff_name = g_strdup ("");
  self->summary = g_strdup ("");
  self->text = g_strdup ("");
}

RapportInteraction *
rapport_interaction_new (gint64                 client_id,
                         RapportInteractionKind kind)
{
  return g_object_new (RAPPORT_TYPE_INTERACTION,
                       "client-id", client_id,
                       "kind", kind,
                       NULL);
}

gint64
rapport_interaction_get_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);
  return self->id;
}

void
rapport_interaction_set_id (RapportInteraction *self,
                            gint64              id)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
rapport_interaction_get_client_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);
  return self->client_id;
}

RapportInteractionKind
rapport_interaction_get_kind (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), RAPPORT_INTERACTION_NOTE);
  return self->kind;
}

void
rapport_interaction_set_kind (RapportInteraction     *self,
                              RapportInteractionKind  kind)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

RapportDirection
rapport_interaction_get_direction (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), RAPPORT_DIRECTION_NONE);
  return self->direction;
}

void
rapport_interaction_set_direction (RapportInteraction *self,
                                   RapportDirection    direction)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  if (self->direction == direction)
    return;
  self->direction = direction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRECTION]);
}

/**
 * rapport_interaction_get_occurred_at:
 * @self: an interaction
 *
 * Returns: when it happened, as UTC seconds since the epoch
 */
gint64
rapport_interaction_get_occurred_at (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);
  return self->occurred_at;
}

void
rapport_interaction_set_occurred_at (RapportInteraction *self,
                                     gint64              utc_seconds)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  if (self->occurred_at == utc_seconds)
    return;
  self->occurred_at = utc_seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OCCURRED_AT]);
}

gint64
rapport_interaction_get_staff_id (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);
  return self->staff_id;
}

void
rapport_interaction_set_staff_id (RapportInteraction *self,
                                  gint64              staff_id)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  if (self->staff_id == staff_id)
    return;
  self->staff_id = staff_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_ID]);
}

/**
 * rapport_interaction_get_staff_name:
 * @self: an interaction
 *
 * Returns: the name of the staff member who logged it, as loaded from the
 *   store, or “” when nobody was named
 */
const char *
rapport_interaction_get_staff_name (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);
  return self->staff_name;
}

void
_rapport_interaction_set_staff_name (RapportInteraction *self,
                                     const char         *name)
{
  if (_rapport_set_str (&self->staff_name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAFF_NAME]);
}

const char *
rapport_interaction_get_summary (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);
  return self->summary;
}

void
rapport_interaction_set_summary (RapportInteraction *self,
                                 const char         *summary)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  if (_rapport_set_str (&self->summary, summary ? summary : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

const char *
rapport_interaction_get_text (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);
  return self->text;
}

void
rapport_interaction_set_text (RapportInteraction *self,
                              const char         *text)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  if (_rapport_set_str (&self->text, text ? text : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/**
 * rapport_interaction_get_follow_up_on:
 * @self: an interaction
 *
 * Returns: (nullable): the day to follow up, as `YYYY-MM-DD`, or %NULL
 */
const char *
rapport_interaction_get_follow_up_on (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);
  return self->follow_up_on;
}

void
rapport_interaction_set_follow_up_on (RapportInteraction *self,
                                      const char         *iso_date)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  if (iso_date != NULL && *iso_date == '\0')
    iso_date = NULL;
  if (_rapport_set_str (&self->follow_up_on, iso_date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_UP_ON]);
}

/**
 * rapport_interaction_get_follow_up_time:
 * @self: an interaction
 *
 * Returns: (nullable): the time of day to follow up, as `HH:MM`, or %NULL
 *   for the day as a whole
 */
const char *
rapport_interaction_get_follow_up_time (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);
  return self->follow_up_time;
}

void
rapport_interaction_set_follow_up_time (RapportInteraction *self,
                                        const char         *time_of_day)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  if (time_of_day != NULL && *time_of_day == '\0')
    time_of_day = NULL;
  if (_rapport_set_str (&self->follow_up_time, time_of_day))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_UP_TIME]);
}

/**
 * rapport_interaction_get_follow_up_done_at:
 * @self: an interaction
 *
 * Returns: when the follow-up was done, UTC seconds, or 0 while it is
 *   open (or there is none)
 */
gint64
rapport_interaction_get_follow_up_done_at (RapportInteraction *self)
{
  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), 0);
  return self->follow_up_done_at;
}

void
rapport_interaction_set_follow_up_done_at (RapportInteraction *self,
                                           gint64              utc_seconds)
{
  g_return_if_fail (RAPPORT_IS_INTERACTION (self));
  if (self->follow_up_done_at == utc_seconds)
    return;
  self->follow_up_done_at = utc_seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOW_UP_DONE_AT]);
}

/**
 * rapport_interaction_dup_copy:
 * @self: an interaction
 *
 * Returns: (transfer full): a copy with the same id, to keep what it was
 *   (for Undo) or to edit without touching what is shown
 */
RapportInteraction *
rapport_interaction_dup_copy (RapportInteraction *self)
{
  RapportInteraction *copy;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), NULL);

  copy = rapport_interaction_new (self->client_id, self->kind);
  copy->id = self->id;
  copy->direction = self->direction;
  copy->occurred_at = self->occurred_at;
  copy->staff_id = self->staff_id;
  _rapport_set_str (&copy->staff_name, self->staff_name);
  _rapport_set_str (&copy->summary, self->summary);
  _rapport_set_str (&copy->text, self->text);
  _rapport_set_str (&copy->follow_up_on, self->follow_up_on);
  _rapport_set_str (&copy->follow_up_time, self->follow_up_time);
  copy->follow_up_done_at = self->follow_up_done_at;
  return copy;
}

const char *
rapport_interaction_kind_to_string (RapportInteractionKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (kind_names), "note");
  return kind_names[kind];
}

gboolean
rapport_interaction_kind_from_string (const char             *text,
                                      RapportInteractionKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (text, kind_names[i]) == 0)
      {
        *kind = (RapportInteractionKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
rapport_direction_to_string (RapportDirection direction)
{
  g_return_val_if_fail (direction < G_N_ELEMENTS (direction_names), "none");
  return direction_names[direction];
}

gboolean
rapport_direction_from_string (const char       *text,
                               RapportDirection *direction)
{
  for (guint i = 0; i < G_N_ELEMENTS (direction_names); i++)
    if (g_strcmp0 (text, direction_names[i]) == 0)
      {
        *direction = (RapportDirection) i;
        return TRUE;
      }
  return FALSE;
}

/**
 * rapport_interaction_tidy:
 * @self: an interaction a person entered or changed
 * @now: the time it happened when none is set, in UTC seconds
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * Checks what a person entered and tidies it: trimmed summary and text,
 * a valid follow-up date, a time.
 *
 * Returns: whether @self may be saved
 */
gboolean
rapport_interaction_tidy (RapportInteraction  *self,
                          gint64               now,
                          GError             **error)
{
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (RAPPORT_IS_INTERACTION (self), FALSE);

  if ((self->summary != NULL && !g_utf8_validate (self->summary, -1, NULL))
      || (self->text != NULL && !g_utf8_validate (self->text, -1, NULL)))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The summary or the text is not valid text."));
      return FALSE;
    }

  summary = g_strstrip (g_strdup (self->summary ? self->summary : ""));
  text = g_strstrip (g_strdup (self->text ? self->text : ""));

  if (self->client_id == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("An interaction belongs to a client; none was given."));
      return FALSE;
    }
  if (*summary == '\0' && *text == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Say what happened: the summary and the text are both empty."));
      return FALSE;
    }
  if (self->follow_up_on != NULL && !rapport_date_validate (self->follow_up_on, error))
    {
      g_prefix_error (error, _("Follow-up date: "));
      return FALSE;
    }
  if (self->follow_up_time != NULL && self->follow_up_on == NULL)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("A follow-up time needs a follow-up date."));
      return FALSE;
    }
  if (self->follow_up_time != NULL && !rapport_time_validate (self->follow_up_time, error))
    {
      g_prefix_error (error, _("Follow-up time: "));
      return FALSE;
    }

  rapport_interaction_set_summary (self, summary);
  rapport_interaction_set_text (self, text);
  if (self->occurred_at == 0)
    rapport_interaction_set_occurred_at (self, now);
  return TRUE;
}
