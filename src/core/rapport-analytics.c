/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Analytics and its SQL: the reports of the Analytics page and of
 * `rapport-cli report`, read on the reader connection, from the summaries
 * that step 0008's triggers keep (or, for checking, from the orders). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-analytics-private.h"
#include "rapport-database-private.h"
#include "rapport-error.h"

struct _RapportAnalytics
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportAnalytics, rapport_analytics, G_TYPE_OBJECT)

static void
rapport_analytics_finalize (GObject *object)
{
  RapportAnalytics *self = (RapportAnalytics *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_analytics_parent_class)->finalize (object);
}

static void
rapport_analytics_class_init (RapportAnalyticsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_analytics_finalize;
}

static void
rapport_analytics_init (RapportAnalytics *self)
{
}

/**
 * rapport_analytics_new:
 * @database: the database
 *
 * Returns: (transfer full): the analytics of @database
 */
RapportAnalytics *
rapport_analytics_new (RapportDatabase *database)
{
  RapportAnalytics *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_ANALYTICS, NULL);
  self->database = g_object_ref (database);
  return self;
}

static gboolean
not_yet (GError **error)
{
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_FAILED, "not yet");
  return FALSE;
}

/**
 * rapport_analytics_report:
 * @self: the analytics
 * @query: what to cover
 * @parts: which parts to fill in
 * @cancellable: (nullable): interrupts the queries
 * @error: return location for an error
 *
 * Returns: (transfer full): the figures, or %NULL with @error set
 */
RapportAnalyticsReport *
rapport_analytics_report (RapportAnalytics             *self,
                          const RapportAnalyticsQuery  *query,
                          RapportAnalyticsParts         parts,
                          GCancellable                 *cancellable,
                          GError                      **error)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!rapport_analytics_query_validate (query, error))
    return NULL;
  not_yet (error);
  return NULL;
}

typedef struct
{
  RapportAnalyticsQuery *query;
  RapportAnalyticsParts  parts;
  RapportRfmSegment      segment;
} TaskData;

static void
task_data_free (TaskData *data)
{
  rapport_analytics_query_free (data->query);
  g_free (data);
}

static void
report_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  RapportAnalyticsReport *report;

  report = rapport_analytics_report (source_object, data->query, data->parts, cancellable, &error);
  if (report != NULL)
    g_task_return_pointer (task, report, (GDestroyNotify) rapport_analytics_report_unref);
  else
    g_task_return_error (task, error);
}

/**
 * rapport_analytics_report_async:
 *
 * rapport_analytics_report() on a worker thread.
 */
void
rapport_analytics_report_async (RapportAnalytics             *self,
                                const RapportAnalyticsQuery  *query,
                                RapportAnalyticsParts         parts,
                                GCancellable                 *cancellable,
                                GAsyncReadyCallback           callback,
                                gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (RAPPORT_IS_ANALYTICS (self));
  g_return_if_fail (query != NULL);

  data = g_new0 (TaskData, 1);
  data->query = rapport_analytics_query_copy (query);
  data->parts = parts;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_analytics_report_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, report_thread);
}

/**
 * rapport_analytics_report_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
RapportAnalyticsReport *
rapport_analytics_report_finish (RapportAnalytics  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

RapportSales *
rapport_analytics_sales_from_orders (RapportAnalytics             *self,
                                     const RapportAnalyticsQuery  *query,
                                     GCancellable                 *cancellable,
                                     GError                      **error)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), NULL);

  if (!rapport_analytics_query_validate (query, error))
    return NULL;
  not_yet (error);
  return NULL;
}

GArray *
rapport_analytics_list_segment (RapportAnalytics   *self,
                                RapportRfmSegment   segment,
                                GCancellable       *cancellable,
                                GError            **error)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), NULL);
  not_yet (error);
  return NULL;
}

static void
list_segment_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  GArray *ids;

  ids = rapport_analytics_list_segment (source_object, data->segment, cancellable, &error);
  if (ids != NULL)
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
  else
    g_task_return_error (task, error);
}

void
rapport_analytics_list_segment_async (RapportAnalytics    *self,
                                      RapportRfmSegment    segment,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  g_return_if_fail (RAPPORT_IS_ANALYTICS (self));

  data = g_new0 (TaskData, 1);
  data->segment = segment;
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_analytics_list_segment_async);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  g_task_run_in_thread (task, list_segment_thread);
}

/**
 * rapport_analytics_list_segment_finish:
 *
 * Returns: (transfer full) (element-type gint64): the client ids
 */
GArray *
rapport_analytics_list_segment_finish (RapportAnalytics  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
rapport_analytics_get_client_score (RapportAnalytics  *self,
                                    gint64             client_id,
                                    RapportRfmScore   *score,
                                    GError           **error)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), FALSE);
  return not_yet (error);
}

gboolean
rapport_analytics_refresh_rfm (RapportAnalytics  *self,
                               GError           **error)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), FALSE);
  return not_yet (error);
}

static void
refresh_rfm_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;

  if (rapport_analytics_refresh_rfm (source_object, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
rapport_analytics_refresh_rfm_async (RapportAnalytics    *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RAPPORT_IS_ANALYTICS (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_analytics_refresh_rfm_async);
  g_task_run_in_thread (task, refresh_rfm_thread);
}

gboolean
rapport_analytics_refresh_rfm_finish (RapportAnalytics  *self,
                                      GAsyncResult      *result,
                                      GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gint64
rapport_analytics_get_rfm_scored_at (RapportAnalytics  *self,
                                     GError           **error)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), 0);
  not_yet (error);
  return 0;
}

gboolean
rapport_analytics_rebuild_summaries (RapportAnalytics  *self,
                                     GError           **error)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), FALSE);
  return not_yet (error);
}

gboolean
rapport_analytics_check_summaries (RapportAnalytics  *self,
                                   GError           **error)
{
  g_return_val_if_fail (RAPPORT_IS_ANALYTICS (self), FALSE);
  return not_yet (error);
}
