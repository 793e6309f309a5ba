/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Warranties of delivered goods: their SQL and nothing else. When a
 * warranty ends is in rapport-delivery-rules.c; its reminders' SQL is
 * below, their source in rapport-warranty-source.c. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-delivery-rules.h"
#include "rapport-error.h"
#include "rapport-reminder.h"
#include "rapport-set-str-private.h"
#include "rapport-text.h"
#include "rapport-warranty-repository-private.h"

/* A client search needs this many characters (trigrams). */
#define TRIGRAM 3
/* The reminder on a warranty's last day stays this many days, unless
 * marked done; after that there is nothing left to offer. */
#define END_REMINDER_DAYS 7
#define NOTICE_DAYS_KEY "warranty_notice_days"

struct _RapportWarrantyRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportWarrantyRepository, rapport_warranty_repository, G_TYPE_OBJECT)

static void
rapport_warranty_repository_finalize (GObject *object)
{
  RapportWarrantyRepository *self = (RapportWarrantyRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_warranty_repository_parent_class)->finalize (object);
}

static void
rapport_warranty_repository_class_init (RapportWarrantyRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_warranty_repository_finalize;
}

static void
rapport_warranty_repository_init (RapportWarrantyRepository *self)
{
}

/**
 * rapport_warranty_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the warranties of @database
 */
RapportWarrantyRepository *
rapport_warranty_repository_new (RapportDatabase *database)
{
  RapportWarrantyRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_WARRANTY_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

static RapportSqlite *
connection (RapportWarrantyRepository *self)
{
  return _rapport_database_get_connection (self->database);
}

typedef struct
{
  gint64  order_line_id;
  gint64  client_id;
  char   *product;
  char   *serial_number;
  gint64  quantity;
  guint   months;
} Covered;

static void
covered_free (Covered *covered)
{
  g_free (covered->product);
  g_free (covered->serial_number);
  g_free (covered);
}

gboolean
_rapport_warranty_repository_add_for_delivery (RapportDatabase  *database,
                                               gint64            delivery_id,
                                               const char       *starts_on,
                                               GError          **error)
{
  RapportSqlite *db = _rapport_database_get_connection (database);
  g_autoptr(GPtrArray) covered = g_ptr_array_new_with_free_func ((GDestroyNotify) covered_free);
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row, ok;

  stmt = _rapport_sqlite_prepare (db,
                                  "SELECT dl.order_line_id, d.client_id, l.name, l.serial_number, dl.quantity,"
                                  " l.warranty_months"
                                  " FROM delivery_lines dl JOIN deliveries d ON d.id = dl.delivery_id"
                                  " JOIN order_lines l ON l.id = dl.order_line_id"
                                  " WHERE dl.delivery_id = ?1 AND l.kind = 'product' AND l.warranty_months > 0",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, delivery_id);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      Covered *line = g_new0 (Covered, 1);

      line->order_line_id = _rapport_stmt_column_int (stmt, 0);
      line->client_id = _rapport_stmt_column_int (stmt, 1);
      line->product = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 2));
      line->serial_number = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 3));
      line->quantity = _rapport_stmt_column_int (stmt, 4);
      line->months = (guint) CLAMP (_rapport_stmt_column_int (stmt, 5), 1, 1200);
      g_ptr_array_add (covered, line);
    }
  if (!ok)
    return FALSE;
  g_clear_pointer (&stmt, _rapport_stmt_release);

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO warranties (order_line_id, delivery_id, client_id, product,"
                                  " serial_number, quantity, starts_on, ends_on, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < covered->len; i++)
    {
      Covered *line = g_ptr_array_index (covered, i);
      g_autofree char *ends_on = rapport_warranty_dup_end (starts_on, line->months);

      if (ends_on == NULL)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The warranty of “%s” would end after the year 9999: check the computer’s date."),
                       line->product);
          return FALSE;
        }
      _rapport_stmt_bind_int (stmt, 1, line->order_line_id);
      _rapport_stmt_bind_int (stmt, 2, delivery_id);
      _rapport_stmt_bind_int (stmt, 3, line->client_id);
      _rapport_stmt_bind_text (stmt, 4, line->product);
      _rapport_stmt_bind_text (stmt, 5, line->serial_number);
      _rapport_stmt_bind_int (stmt, 6, line->quantity);
      _rapport_stmt_bind_text (stmt, 7, starts_on);
      _rapport_stmt_bind_text (stmt, 8, ends_on);
      _rapport_stmt_bind_int (stmt, 9, rapport_database_now (database));
      if (!_rapport_sqlite_run (db, stmt, error))
        return FALSE;
      _rapport_database_note_change (database, RAPPORT_KIND_WARRANTY, _rapport_sqlite_last_insert_id (db));
    }
  return TRUE;
}

gboolean
_rapport_warranty_repository_remove_for_delivery (RapportDatabase  *database,
                                                  gint64            delivery_id,
                                                  GError          **error)
{
  RapportSqlite *db = _rapport_database_get_connection (database);
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db, "DELETE FROM warranties WHERE delivery_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, delivery_id);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  _rapport_database_note_change (database, RAPPORT_KIND_WARRANTY, 0);
  return TRUE;
}

/* The LIKE pattern of @text anywhere, its wildcards taken literally. */
static char *
like_anywhere (const char *text)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static GArray *
search_ids (RapportSqlite                *db,
            const RapportWarrantyFilter  *filter,
            GError                      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) sql = g_string_new ("SELECT w.id FROM warranties w");
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *trimmed = NULL, *after = NULL, *phrase = NULL, *like = NULL;
  gboolean has_row, ok;

  trimmed = g_strstrip (g_strdup (filter->text ? filter->text : ""));
  if (*trimmed != '\0')
    {
      g_autofree char *folded = rapport_text_fold (trimmed);

      after = g_strconcat (trimmed, "\xf4\x8f\xbf\xbf", NULL);
      like = like_anywhere (trimmed);
      if (g_utf8_strlen (folded, -1) >= TRIGRAM)
        phrase = _rapport_sqlite_fts_phrase (folded);
    }

  if (filter->client_id == 0 && (filter->from_day != NULL || filter->to_day != NULL || after == NULL))
    g_string_append (sql, " INDEXED BY warranties_by_end");
  g_string_append (sql, " WHERE w.ends_on BETWEEN ?1 AND ?2");
  if (filter->client_id != 0)
    g_string_append (sql, " AND w.client_id = ?7");
  if (after != NULL)
    g_string_append (sql, phrase != NULL
                          ? " AND ((w.serial_number >= ?3 AND w.serial_number < ?4) OR w.product LIKE ?6 ESCAPE '\\'"
                            " OR w.client_id IN (SELECT id FROM clients WHERE search_pos IN"
                            "  (SELECT rowid FROM client_search WHERE client_search MATCH ?5)))"
                          : " AND ((w.serial_number >= ?3 AND w.serial_number < ?4) OR w.product LIKE ?6 ESCAPE '\\')");
  g_string_append (sql, " ORDER BY w.ends_on, w.id LIMIT ?8");

  stmt = _rapport_sqlite_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, filter->from_day ? filter->from_day : "");
  _rapport_stmt_bind_text (stmt, 2, filter->to_day ? filter->to_day : "9999-12-31");
  if (after != NULL)
    {
      _rapport_stmt_bind_text (stmt, 3, trimmed);
      _rapport_stmt_bind_text (stmt, 4, after);
      if (phrase != NULL)
        _rapport_stmt_bind_text (stmt, 5, phrase);
      _rapport_stmt_bind_text (stmt, 6, like);
    }
  if (filter->client_id != 0)
    _rapport_stmt_bind_int (stmt, 7, filter->client_id);
  _rapport_stmt_bind_int (stmt, 8, filter->limit > 0 ? (gint64) filter->limit : -1);

  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    {
      gint64 id = _rapport_stmt_column_int (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&ids);
}

/**
 * rapport_warranty_repository_search:
 * @self: the warranties
 * @filter: which warranties
 * @error: return location for an error
 *
 * Walks the warranties by their last day (their index), so that those
 * ending within a few days are read without touching the others.
 *
 * Returns: (transfer full) (element-type gint64): the ids, the first to
 *   end first
 */
GArray *
rapport_warranty_repository_search (RapportWarrantyRepository    *self,
                                    const RapportWarrantyFilter  *filter,
                                    GError                      **error)
{
  g_return_val_if_fail (RAPPORT_IS_WARRANTY_REPOSITORY (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  return search_ids (connection (self), filter, error);
}

/* A filter that owns its text, for a worker. */
typedef struct
{
  RapportWarrantyFilter filter;
  char                 *from_day;
  char                 *to_day;
  char                 *text;
} FilterCopy;

static void
filter_copy_free (FilterCopy *copy)
{
  g_free (copy->from_day);
  g_free (copy->to_day);
  g_free (copy->text);
  g_free (copy);
}

static gpointer
search_on_reader (RapportSqlite  *reader,
                  gpointer        data,
                  GError        **error)
{
  return search_ids (reader, &((FilterCopy *) data)->filter, error);
}

static void
search_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RapportWarrantyRepository *self = source_object;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  ids = _rapport_database_read (self->database, search_on_reader, task_data, cancellable, &error);
  if (g_task_return_error_if_cancelled (task))
    g_clear_pointer (&ids, g_array_unref);
  else if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify) g_array_unref);
}

/**
 * rapport_warranty_repository_search_async:
 * @self: the warranties
 * @filter: which warranties; copied
 * @cancellable: (nullable): stops the query
 * @callback: called with the ids
 * @user_data: for @callback
 *
 * rapport_warranty_repository_search() on the database's reader, in a
 * worker thread.
 */
void
rapport_warranty_repository_search_async (RapportWarrantyRepository   *self,
                                          const RapportWarrantyFilter *filter,
                                          GCancellable                *cancellable,
                                          GAsyncReadyCallback          callback,
                                          gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  FilterCopy *copy;

  g_return_if_fail (RAPPORT_IS_WARRANTY_REPOSITORY (self));
  g_return_if_fail (filter != NULL);

  copy = g_new0 (FilterCopy, 1);
  copy->filter = *filter;
  copy->filter.from_day = copy->from_day = g_strdup (filter->from_day);
  copy->filter.to_day = copy->to_day = g_strdup (filter->to_day);
  copy->filter.text = copy->text = g_strdup (filter->text);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_warranty_repository_search_async);
  g_task_set_task_data (task, copy, (GDestroyNotify) filter_copy_free);
  g_task_run_in_thread (task, search_thread);
}

GArray *
rapport_warranty_repository_search_finish (RapportWarrantyRepository  *self,
                                           GAsyncResult               *result,
                                           GError                    **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

#define WARRANTY_COLUMNS \
  "SELECT w.id, w.order_line_id, w.delivery_id, o.number, w.client_id, c.display_name, w.product," \
  " w.serial_number, w.quantity, w.starts_on, w.ends_on" \
  " FROM warranties w JOIN order_lines l ON l.id = w.order_line_id JOIN orders o ON o.id = l.order_id" \
  " JOIN clients c ON c.id = w.client_id"

static RapportWarranty *
warranty_from_row (RapportStmt *stmt)
{
  RapportWarranty *warranty = g_new0 (RapportWarranty, 1);

  warranty->id = _rapport_stmt_column_int (stmt, 0);
  warranty->order_line_id = _rapport_stmt_column_int (stmt, 1);
  warranty->delivery_id = _rapport_stmt_column_int (stmt, 2);
  warranty->order_number = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 3));
  warranty->client_id = _rapport_stmt_column_int (stmt, 4);
  warranty->client_name = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 5));
  warranty->product = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 6));
  warranty->serial_number = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 7));
  warranty->quantity = _rapport_stmt_column_int (stmt, 8);
  warranty->starts_on = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 9));
  warranty->ends_on = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 10));
  return warranty;
}

/**
 * rapport_warranty_repository_load:
 * @self: the warranties
 * @ids: (array length=n_ids): warranties' ids
 * @n_ids: how many
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportWarranty): the warranties
 *   still in the file, in the order of @ids
 */
GPtrArray *
rapport_warranty_repository_load (RapportWarrantyRepository  *self,
                                  const gint64               *ids,
                                  guint                       n_ids,
                                  GError                    **error)
{
  g_autoptr(GPtrArray) warranties = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_warranty_free);
  g_autoptr(RapportStmt) stmt = NULL;
  g_autofree char *json = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_WARRANTY_REPOSITORY (self), NULL);

  db = connection (self);
  json = _rapport_sqlite_ids_to_json (ids, n_ids);
  stmt = _rapport_sqlite_prepare (db,
                                  WARRANTY_COLUMNS " JOIN json_each (?1) j ON j.value = w.id ORDER BY j.key",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_text (stmt, 1, json);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (warranties, warranty_from_row (stmt));
  if (!ok)
    return NULL;
  return g_steal_pointer (&warranties);
}

/**
 * rapport_warranty_repository_list_for_order:
 * @self: the warranties
 * @order_id: an order
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type RapportWarranty): the warranties
 *   of what the order sold, the first to end first
 */
GPtrArray *
rapport_warranty_repository_list_for_order (RapportWarrantyRepository  *self,
                                            gint64                      order_id,
                                            GError                    **error)
{
  g_autoptr(GPtrArray) warranties = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_warranty_free);
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_WARRANTY_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, WARRANTY_COLUMNS " WHERE l.order_id = ?1 ORDER BY w.ends_on, w.id", error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, order_id);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (warranties, warranty_from_row (stmt));
  if (!ok)
    return NULL;
  return g_steal_pointer (&warranties);
}

/**
 * rapport_warranty_repository_get:
 * @self: the warranties
 * @id: a warranty's id
 * @error: return location for an error
 *
 * Returns: (transfer full): the warranty, or %NULL with
 *   %RAPPORT_ERROR_NOT_FOUND
 */
RapportWarranty *
rapport_warranty_repository_get (RapportWarrantyRepository  *self,
                                 gint64                      id,
                                 GError                    **error)
{
  g_autoptr(GPtrArray) found = rapport_warranty_repository_load (self, &id, 1, error);

  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The warranty no longer exists: its delivery may have been returned."));
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

/**
 * rapport_warranty_repository_get_notice_days:
 * @self: the warranties
 *
 * Returns: how many days before its end a warranty reminds; the default
 *   when the file has no valid choice
 */
guint
rapport_warranty_repository_get_notice_days (RapportWarrantyRepository *self)
{
  RapportSqlite *db;
  g_autoptr(RapportStmt) stmt = NULL;
  gboolean has_row = FALSE;
  gint64 days;

  g_return_val_if_fail (RAPPORT_IS_WARRANTY_REPOSITORY (self), RAPPORT_WARRANTY_NOTICE_DAYS_DEFAULT);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, "SELECT value FROM business_settings WHERE key = ?1", NULL);
  if (stmt == NULL)
    return RAPPORT_WARRANTY_NOTICE_DAYS_DEFAULT;
  _rapport_stmt_bind_text (stmt, 1, NOTICE_DAYS_KEY);
  if (!_rapport_sqlite_step (db, stmt, &has_row, NULL) || !has_row)
    return RAPPORT_WARRANTY_NOTICE_DAYS_DEFAULT;
  days = _rapport_stmt_column_int (stmt, 0);
  if (days < 1 || days > RAPPORT_WARRANTY_NOTICE_DAYS_MAX)
    return RAPPORT_WARRANTY_NOTICE_DAYS_DEFAULT;
  return (guint) days;
}

/**
 * rapport_warranty_repository_set_notice_days:
 * @self: the warranties
 * @days: how many days before its end a warranty reminds, 1 to 365
 * @error: return location for an error
 *
 * Kept in the file, as the business's other choices.
 */
gboolean
rapport_warranty_repository_set_notice_days (RapportWarrantyRepository  *self,
                                             guint                       days,
                                             GError                    **error)
{
  RapportSqlite *db;
  g_autoptr(RapportStmt) stmt = NULL;

  g_return_val_if_fail (RAPPORT_IS_WARRANTY_REPOSITORY (self), FALSE);

  if (days < 1 || days > RAPPORT_WARRANTY_NOTICE_DAYS_MAX)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Warranty reminder: choose between 1 and %d days before the end."),
                   RAPPORT_WARRANTY_NOTICE_DAYS_MAX);
      return FALSE;
    }
  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO business_settings (key, value) VALUES (?1, ?2)"
                                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, NOTICE_DAYS_KEY);
  _rapport_stmt_bind_int (stmt, 2, days);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  _rapport_database_note_change (self->database, RAPPORT_KIND_WARRANTY, 0);
  return TRUE;
}

static gboolean
notice_days_on_worker (RapportDatabase  *worker,
                       gpointer          data,
                       GError          **error)
{
  g_autoptr(RapportWarrantyRepository) warranties = rapport_warranty_repository_new (worker);

  return rapport_warranty_repository_set_notice_days (warranties, GPOINTER_TO_UINT (data), error);
}

/**
 * rapport_warranty_repository_set_notice_days_async:
 * @self: the warranties
 * @days: how many days before its end a warranty reminds, 1 to 365
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_warranty_repository_set_notice_days() on the database's worker.
 */
void
rapport_warranty_repository_set_notice_days_async (RapportWarrantyRepository *self,
                                                   guint                      days,
                                                   GCancellable              *cancellable,
                                                   GAsyncReadyCallback        callback,
                                                   gpointer                   user_data)
{
  g_return_if_fail (RAPPORT_IS_WARRANTY_REPOSITORY (self));

  _rapport_database_write_async (self->database, self, notice_days_on_worker, GUINT_TO_POINTER (days), NULL,
                                 rapport_warranty_repository_set_notice_days_async,
                                 cancellable, callback, user_data);
}

gboolean
rapport_warranty_repository_set_notice_days_finish (RapportWarrantyRepository  *self,
                                                    GAsyncResult               *result,
                                                    GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_WARRANTY_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}

/* The reminders: “warranty-soon” due the notice days before the end, and
 * “warranty-end” due on the last day. Both walk warranties_by_end. */

#define REMINDER_COLUMNS \
  "SELECT w.id, w.client_id, c.display_name, w.product, w.serial_number, w.ends_on, w.created_at," \
  " w.soon_reminder_done_at IS NOT NULL, w.end_reminder_done_at IS NOT NULL," \
  " c.service_messages_since IS NOT NULL," \
  " (SELECT address FROM client_emails WHERE client_id = c.id ORDER BY position LIMIT 1)," \
  " EXISTS (SELECT 1 FROM opt_outs WHERE client_id = c.id AND channel = 'email')"

/* For a client who agreed to service messages: the ready message, and
 * where it may be e-mailed. An opt-out of e-mail wins over the consent
 * for e-mail: the message offers an extended warranty, which is selling. */
static void
add_message (RapportReminder *reminder,
             RapportStmt     *stmt,
             const char      *product,
             const char      *serial,
             const char      *ends_on)
{
  const char *email = _rapport_stmt_column_text (stmt, 10);

  if (_rapport_stmt_column_int (stmt, 9) == 0)
    return;
  rapport_warranty_message_compose (reminder->client_name, product, serial, ends_on,
                                    &reminder->message_subject, &reminder->message);
  reminder->message_email_refused = _rapport_stmt_column_int (stmt, 11) != 0;
  if (*email != '\0' && !reminder->message_email_refused)
    reminder->message_email = _rapport_strdup_valid (email);
}

static RapportReminder *
reminder_from_row (RapportStmt *stmt,
                   const char  *source,
                   gboolean     on_the_day,
                   guint        notice_days)
{
  RapportReminder *reminder = rapport_reminder_new (source, _rapport_stmt_column_int (stmt, 0));
  const char *product = _rapport_stmt_column_text (stmt, 3);
  const char *serial = _rapport_stmt_column_text (stmt, 4);
  const char *ends_on = _rapport_stmt_column_text (stmt, 5);

  reminder->client_id = _rapport_stmt_column_int (stmt, 1);
  g_free (reminder->client_name);
  reminder->client_name = _rapport_strdup_valid (_rapport_stmt_column_text (stmt, 2));
  reminder->due_on = on_the_day ? g_strdup (ends_on) : rapport_day_shift (ends_on, -(int) notice_days);
  if (reminder->due_on == NULL)
    reminder->due_on = g_strdup (ends_on);
  reminder->origin_at = _rapport_stmt_column_int (stmt, 6);
  reminder->done = _rapport_stmt_column_int (stmt, on_the_day ? 8 : 7) != 0;
  reminder->open_kind = RAPPORT_REMINDER_OPEN_CLIENT;
  reminder->open_id = reminder->client_id;

  g_free (reminder->title);
  g_free (reminder->detail);
  if (on_the_day)
    {
      /* TRANSLATORS: a reminder due on a warranty's last day; %s is the product */
      reminder->title = g_strdup_printf (_("Last day of the warranty of “%s”"), product);
      reminder->detail = *serial
        /* TRANSLATORS: %s is a serial number */
        ? g_strdup_printf (_("Serial number %s. Offer an extended warranty or a replacement."), serial)
        : g_strdup (_("Offer an extended warranty or a replacement."));
    }
  else
    {
      /* TRANSLATORS: a reminder some days before a warranty ends; %s is the product */
      reminder->title = g_strdup_printf (_("Warranty of “%s” ends soon"), product);
      reminder->detail = *serial
        /* TRANSLATORS: %s is a serial number */
        ? g_strdup_printf (_("Serial number %s. Offer the client an extended warranty before it ends."), serial)
        : g_strdup (_("Offer the client an extended warranty before it ends."));
    }
  add_message (reminder, stmt, product, serial, ends_on);
  return reminder;
}

/* The days of ends_on whose reminders are due from @from_day (or, for
 * the overdue, as long as there is something to offer) to @to_day. */
static gboolean
end_days (gboolean     on_the_day,
          guint        notice_days,
          const char  *from_day,
          const char  *to_day,
          char       **first,
          char       **last)
{
  int lead = on_the_day ? 0 : (int) notice_days;

  *last = rapport_day_shift (to_day, lead);
  if (from_day != NULL)
    *first = rapport_day_shift (from_day, lead);
  else if (on_the_day)
    *first = rapport_day_shift (to_day, -END_REMINDER_DAYS);
  else
    /* Overdue before the end: until the last day, which reminds itself. */
    *first = rapport_day_shift (to_day, 1);
  return *first != NULL && *last != NULL;
}

/**
 * rapport_warranty_repository_collect_reminders:
 * @self: the warranties
 * @on_the_day: %TRUE for the reminders on the last day, %FALSE for those
 *   the notice days before
 * @source: the name to give the reminders
 * @range: which days, how many, in which order
 * @into: (element-type RapportReminder): where to add them
 * @error: return location for an error
 */
gboolean
rapport_warranty_repository_collect_reminders (RapportWarrantyRepository   *self,
                                               gboolean                     on_the_day,
                                               const char                  *source,
                                               const RapportReminderRange  *range,
                                               GPtrArray                   *into,
                                               GError                     **error)
{
  guint notice_days = rapport_warranty_repository_get_notice_days (self);
  g_autofree char *first = NULL, *last = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_WARRANTY_REPOSITORY (self), FALSE);

  if (!end_days (on_the_day, notice_days, range->from_day, range->to_day, &first, &last))
    return TRUE;

  db = connection (self);
  sql = g_strdup_printf (REMINDER_COLUMNS " FROM warranties w INDEXED BY warranties_by_end"
                         " JOIN clients c ON c.id = w.client_id WHERE w.ends_on BETWEEN ?1 AND ?2 AND w.%s_reminder_done_at IS NULL"
                         " ORDER BY w.ends_on %s, w.id %s LIMIT ?3",
                         on_the_day ? "end" : "soon",
                         range->newest_first ? "DESC" : "", range->newest_first ? "DESC" : "");
  stmt = _rapport_sqlite_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, first);
  _rapport_stmt_bind_text (stmt, 2, last);
  _rapport_stmt_bind_int (stmt, 3, range->limit > 0 ? (gint64) range->limit : -1);
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    g_ptr_array_add (into, reminder_from_row (stmt, source, on_the_day, notice_days));
  return ok;
}

gboolean
rapport_warranty_repository_count_reminders (RapportWarrantyRepository  *self,
                                             gboolean                    on_the_day,
                                             const char                 *from_day,
                                             const char                 *to_day,
                                             guint                      *n,
                                             GError                    **error)
{
  guint notice_days = rapport_warranty_repository_get_notice_days (self);
  g_autofree char *first = NULL, *last = NULL;
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_WARRANTY_REPOSITORY (self), FALSE);

  *n = 0;
  if (!end_days (on_the_day, notice_days, from_day, to_day, &first, &last))
    return TRUE;

  /* Tens of thousands can end within the notice days: counted from their
   * last days, kept by the triggers of step 0017, a row a day. */
  db = connection (self);
  stmt = _rapport_sqlite_prepare (db, on_the_day
                                  ? "SELECT coalesce(sum(due), 0) FROM reminder_days"
                                    " WHERE source = 'warranty-end' AND day BETWEEN ?1 AND ?2"
                                  : "SELECT coalesce(sum(due), 0) FROM reminder_days"
                                    " WHERE source = 'warranty-soon' AND day BETWEEN ?1 AND ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_text (stmt, 1, first);
  _rapport_stmt_bind_text (stmt, 2, last);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return FALSE;
  *n = has_row ? (guint) CLAMP (_rapport_stmt_column_int (stmt, 0), 0, G_MAXUINT) : 0;
  return TRUE;
}

RapportReminder *
rapport_warranty_repository_get_reminder (RapportWarrantyRepository  *self,
                                          gboolean                    on_the_day,
                                          const char                 *source,
                                          gint64                      id,
                                          GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row;

  g_return_val_if_fail (RAPPORT_IS_WARRANTY_REPOSITORY (self), NULL);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  REMINDER_COLUMNS " FROM warranties w JOIN clients c ON c.id = w.client_id"
                                  " WHERE w.id = ?1",
                                  error);
  if (stmt == NULL)
    return NULL;
  _rapport_stmt_bind_int (stmt, 1, id);
  if (!_rapport_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The warranty no longer exists: its delivery may have been returned."));
      return NULL;
    }
  return reminder_from_row (stmt, source, on_the_day, rapport_warranty_repository_get_notice_days (self));
}

gboolean
rapport_warranty_repository_set_reminder_done (RapportWarrantyRepository  *self,
                                               gboolean                    on_the_day,
                                               gint64                      id,
                                               gboolean                    done,
                                               GError                    **error)
{
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;

  g_return_val_if_fail (RAPPORT_IS_WARRANTY_REPOSITORY (self), FALSE);

  db = connection (self);
  stmt = _rapport_sqlite_prepare (db,
                                  on_the_day ? "UPDATE warranties SET end_reminder_done_at = ?2 WHERE id = ?1"
                                             : "UPDATE warranties SET soon_reminder_done_at = ?2 WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;
  _rapport_stmt_bind_int (stmt, 1, id);
  _rapport_stmt_bind_id_or_null (stmt, 2, done ? rapport_database_now (self->database) : 0);
  if (!_rapport_sqlite_run (db, stmt, error))
    return FALSE;
  if (_rapport_sqlite_changes (db) == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND,
                           _("The warranty no longer exists: its delivery may have been returned."));
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_WARRANTY, id);
  return TRUE;
}
