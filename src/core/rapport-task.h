/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_TASK (rapport_task_get_type ())

G_DECLARE_FINAL_TYPE (RapportTask, rapport_task, RAPPORT, TASK, GObject)

RapportTask *rapport_task_new            (gint64        client_id);
gint64       rapport_task_get_id         (RapportTask  *self);
void         rapport_task_set_id         (RapportTask  *self,
                                          gint64        id);
gint64       rapport_task_get_client_id  (RapportTask  *self);
gint64       rapport_task_get_staff_id   (RapportTask  *self);
void         rapport_task_set_staff_id   (RapportTask  *self,
                                          gint64        staff_id);
const char  *rapport_task_get_staff_name (RapportTask  *self);
const char  *rapport_task_get_title      (RapportTask  *self);
void         rapport_task_set_title      (RapportTask  *self,
                                          const char   *title);
const char  *rapport_task_get_notes      (RapportTask  *self);
void         rapport_task_set_notes      (RapportTask  *self,
                                          const char   *notes);
const char  *rapport_task_get_due_on     (RapportTask  *self);
void         rapport_task_set_due_on     (RapportTask  *self,
                                          const char   *iso_date);
const char  *rapport_task_get_due_time   (RapportTask  *self);
void         rapport_task_set_due_time   (RapportTask  *self,
                                          const char   *time_of_day);
gint64       rapport_task_get_done_at    (RapportTask  *self);
void         rapport_task_set_done_at    (RapportTask  *self,
                                          gint64        utc_seconds);
gboolean     rapport_task_tidy           (RapportTask  *self,
                                          GError      **error);

void         _rapport_task_set_staff_name (RapportTask *self,
                                           const char  *name);

G_END_DECLS
