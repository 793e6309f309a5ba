/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-error.h"
#include "rapport-set-str-private.h"
#include "rapport-task.h"
#include "rapport-text.h"
#include "rapport-wall-clock.h"

/* A free reminder on a client — “call back Tuesday 10:00” — with the staff
 * member it is for. A plain record: nothing watches its fields. */
struct _RapportTask
{
  GObject  parent_instance;

  gint64   id;
  gint64   client_id;
  gint64   staff_id;
  char    *staff_name;
  char    *title;
  char    *notes;
  char    *due_on;
  char    *due_time;
  gint64   done_at;
};

G_DEFINE_FINAL_TYPE (RapportTask, rapport_task, G_TYPE_OBJECT)

static void
rapport_task_finalize (GObject *object)
{
  RapportTask *self = (RapportTask *) object;

  g_free (self->staff_name);
  g_free (self->title);
  g_free (self->notes);
  g_free (self->due_on);
  g_free (self->due_time);

  G_OBJECT_CLASS (rapport_task_parent_class)->finalize (object);
}

static void
rapport_task_class_init (RapportTaskClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_task_finalize;
}

static void
rapport_task_init (RapportTask *self)
{
  self->staff_name = g_strdup ("");
  self->title = g_strdup ("");
  self->notes = g_strdup ("");
}

RapportTask *
rapport_task_new (gint64 client_id)
{
  RapportTask *self = g_object_new (RAPPORT_TYPE_TASK, NULL);

  self->client_id = client_id;
  return self;
}

gint64
rapport_task_get_id (RapportTask *self)
{
  g_return_val_if_fail (RAPPORT_IS_TASK (self), 0);
  return self->id;
}

void
rapport_task_set_id (RapportTask *self,
                     gint64       id)
{
  g_return_if_fail (RAPPORT_IS_TASK (self));
  self->id = id;
}

gint64
rapport_task_get_client_id (RapportTask *self)
{
  g_return_val_if_fail (RAPPORT_IS_TASK (self), 0);
  return self->client_id;
}

gint64
rapport_task_get_staff_id (RapportTask *self)
{
  g_return_val_if_fail (RAPPORT_IS_TASK (self), 0);
  return self->staff_id;
}

void
rapport_task_set_staff_id (RapportTask *self,
                           gint64       staff_id)
{
  g_return_if_fail (RAPPORT_IS_TASK (self));
  self->staff_id = staff_id;
}

const char *
rapport_task_get_staff_name (RapportTask *self)
{
  g_return_val_if_fail (RAPPORT_IS_TASK (self), NULL);
  return self->staff_name;
}

void
_rapport_task_set_staff_name (RapportTask *self,
                              const char  *name)
{
  _rapport_set_str (&self->staff_name, name ? name : "");
}

const char *
rapport_task_get_title (RapportTask *self)
{
  g_return_val_if_fail (RAPPORT_IS_TASK (self), NULL);
  return self->title;
}

void
rapport_task_set_title (RapportTask *self,
                        const char  *title)
{
  g_return_if_fail (RAPPORT_IS_TASK (self));
  _rapport_set_str (&self->title, title ? title : "");
}

const char *
rapport_task_get_notes (RapportTask *self)
{
  g_return_val_if_fail (RAPPORT_IS_TASK (self), NULL);
  return self->notes;
}

void
rapport_task_set_notes (RapportTask *self,
                        const char  *notes)
{
  g_return_if_fail (RAPPORT_IS_TASK (self));
  _rapport_set_str (&self->notes, notes ? notes : "");
}

/**
 * rapport_task_get_due_on:
 * @self: a task
 *
 * Returns: (nullable): the day it is due, `YYYY-MM-DD`
 */
const char *
rapport_task_get_due_on (RapportTask *self)
{
  g_return_val_if_fail (RAPPORT_IS_TASK (self), NULL);
  return self->due_on;
}

void
rapport_task_set_due_on (RapportTask *self,
                         const char  *iso_date)
{
  g_return_if_fail (RAPPORT_IS_TASK (self));
  _rapport_set_str (&self->due_on, iso_date && *iso_date ? iso_date : NULL);
}

/**
 * rapport_task_get_due_time:
 * @self: a task
 *
 * Returns: (nullable): the time of day, `HH:MM`, or %NULL for the day
 */
const char *
rapport_task_get_due_time (RapportTask *self)
{
  g_return_val_if_fail (RAPPORT_IS_TASK (self), NULL);
  return self->due_time;
}

void
rapport_task_set_due_time (RapportTask *self,
                           const char  *time_of_day)
{
  g_return_if_fail (RAPPORT_IS_TASK (self));
  _rapport_set_str (&self->due_time, time_of_day && *time_of_day ? time_of_day : NULL);
}

gint64
rapport_task_get_done_at (RapportTask *self)
{
  g_return_val_if_fail (RAPPORT_IS_TASK (self), 0);
  return self->done_at;
}

void
rapport_task_set_done_at (RapportTask *self,
                          gint64       utc_seconds)
{
  g_return_if_fail (RAPPORT_IS_TASK (self));
  self->done_at = utc_seconds;
}

/**
 * rapport_task_tidy:
 * @self: a task a person entered
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * Checks and trims what a person entered: a title, a day, a time.
 */
gboolean
rapport_task_tidy (RapportTask  *self,
                   GError      **error)
{
  g_autofree char *title = NULL;
  g_autofree char *notes = NULL;

  g_return_val_if_fail (RAPPORT_IS_TASK (self), FALSE);

  if (!g_utf8_validate (self->title, -1, NULL) || !g_utf8_validate (self->notes, -1, NULL))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The reminder's text is not valid text."));
      return FALSE;
    }
  title = g_strstrip (g_strdup (self->title));
  notes = g_strstrip (g_strdup (self->notes));

  if (self->client_id == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("A reminder belongs to a client; none was given."));
      return FALSE;
    }
  if (*title == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Say what to do: the reminder has no title."));
      return FALSE;
    }
  if (self->due_on == NULL)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Say when: the reminder has no date."));
      return FALSE;
    }
  if (!rapport_date_validate (self->due_on, error))
    {
      g_prefix_error (error, _("Reminder date: "));
      return FALSE;
    }
  if (self->due_time != NULL && !rapport_time_validate (self->due_time, error))
    {
      g_prefix_error (error, _("Reminder time: "));
      return FALSE;
    }

  rapport_task_set_title (self, title);
  rapport_task_set_notes (self, notes);
  return TRUE;
}
