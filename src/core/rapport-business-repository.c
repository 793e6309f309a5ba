/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The business's own details, kept in the file: its SQL. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-business-repository.h"
#include "rapport-database-private.h"
#include "rapport-error.h"

struct _RapportBusinessRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

G_DEFINE_FINAL_TYPE (RapportBusinessRepository, rapport_business_repository, G_TYPE_OBJECT)

static void
rapport_business_repository_finalize (GObject *object)
{
  RapportBusinessRepository *self = (RapportBusinessRepository *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (rapport_business_repository_parent_class)->finalize (object);
}

static void
rapport_business_repository_class_init (RapportBusinessRepositoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_business_repository_finalize;
}

static void
rapport_business_repository_init (RapportBusinessRepository *self)
{
}

/**
 * rapport_business_repository_new:
 * @database: the database
 *
 * Returns: (transfer full): the business details of @database
 */
RapportBusinessRepository *
rapport_business_repository_new (RapportDatabase *database)
{
  RapportBusinessRepository *self;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  self = g_object_new (RAPPORT_TYPE_BUSINESS_REPOSITORY, NULL);
  self->database = g_object_ref (database);
  return self;
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_utf8_make_valid (value, -1);
}

static guint
as_days (gint64 value)
{
  return (guint) CLAMP (value, 0, 3650);
}

static void
apply (RapportBusiness *business,
       const char      *key,
       RapportStmt     *stmt)
{
  const char *text = _rapport_stmt_column_text (stmt, 1);

  if (g_str_equal (key, "name"))
    set_text (&business->name, text);
  else if (g_str_equal (key, "address"))
    set_text (&business->address, text);
  else if (g_str_equal (key, "tax-number"))
    set_text (&business->tax_number, text);
  else if (g_str_equal (key, "contact"))
    set_text (&business->contact, text);
  else if (g_str_equal (key, "currency"))
    set_text (&business->currency, text);
  else if (g_str_equal (key, "number-pattern"))
    set_text (&business->number_pattern, text);
  else if (g_str_equal (key, "payment-terms-days"))
    business->payment_terms_days = as_days (_rapport_stmt_column_int (stmt, 1));
  else if (g_str_equal (key, "quote-days"))
    business->quote_days = as_days (_rapport_stmt_column_int (stmt, 1));
  else if (g_str_equal (key, "prices-include-tax"))
    business->prices_include_tax = _rapport_stmt_column_int (stmt, 1) != 0;
  else if (g_str_equal (key, "logo"))
    {
      g_clear_pointer (&business->logo, g_bytes_unref);
      business->logo = _rapport_stmt_dup_blob (stmt, 1);
    }
}

/**
 * rapport_business_repository_get:
 * @self: the business details
 * @error: return location for an error
 *
 * Returns: (transfer full): the business as saved, with the defaults of
 *   rapport_business_new() for what was never set — but for a currency
 *   never set, that of the newest order if there is one
 */
RapportBusiness *
rapport_business_repository_get (RapportBusinessRepository  *self,
                                 GError                    **error)
{
  g_autoptr(RapportBusiness) business = rapport_business_new ();
  g_autoptr(RapportStmt) stmt = NULL;
  RapportSqlite *db;
  gboolean has_row, ok;

  g_return_val_if_fail (RAPPORT_IS_BUSINESS_REPOSITORY (self), NULL);

  db = _rapport_database_get_connection (self->database);
  /* A currency never chosen is the newest order's, which is what the
   * figures add up (orders made before a choice, or in another language,
   * are in it); with no order, the locale's. */
  stmt = _rapport_sqlite_prepare (db, "SELECT key, value FROM business_settings"
                                      " UNION ALL"
                                      " SELECT 'currency', newest"
                                      " FROM (SELECT currency AS newest FROM orders ORDER BY id DESC LIMIT 1)"
                                      " WHERE newest GLOB '[A-Z][A-Z][A-Z]'"
                                      " AND NOT EXISTS (SELECT 1 FROM business_settings WHERE key = 'currency')",
                                  error);
  if (stmt == NULL)
    return NULL;
  while ((ok = _rapport_sqlite_step (db, stmt, &has_row, error)) && has_row)
    apply (business, _rapport_stmt_column_text (stmt, 0), stmt);
  if (!ok)
    return NULL;

  return g_steal_pointer (&business);
}

static gboolean
put_text (RapportSqlite  *db,
          RapportStmt    *stmt,
          const char     *key,
          const char     *value,
          GError        **error)
{
  _rapport_stmt_bind_text (stmt, 1, key);
  _rapport_stmt_bind_text (stmt, 2, value);
  return _rapport_sqlite_run (db, stmt, error);
}

static gboolean
put_int (RapportSqlite  *db,
         RapportStmt    *stmt,
         const char     *key,
         gint64          value,
         GError        **error)
{
  _rapport_stmt_bind_text (stmt, 1, key);
  _rapport_stmt_bind_int (stmt, 2, value);
  return _rapport_sqlite_run (db, stmt, error);
}

static gboolean
write_all (RapportBusinessRepository  *self,
           RapportBusiness            *business,
           GError                    **error)
{
  RapportSqlite *db = _rapport_database_get_connection (self->database);
  g_autoptr(RapportStmt) stmt = NULL;

  stmt = _rapport_sqlite_prepare (db,
                                  "INSERT INTO business_settings (key, value) VALUES (?1, ?2)"
                                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                  error);
  if (stmt == NULL)
    return FALSE;

  if (!put_text (db, stmt, "name", business->name, error)
      || !put_text (db, stmt, "address", business->address, error)
      || !put_text (db, stmt, "tax-number", business->tax_number, error)
      || !put_text (db, stmt, "contact", business->contact, error)
      || !put_text (db, stmt, "currency", business->currency, error)
      || !put_text (db, stmt, "number-pattern", business->number_pattern, error)
      || !put_int (db, stmt, "payment-terms-days", business->payment_terms_days, error)
      || !put_int (db, stmt, "quote-days", business->quote_days, error)
      || !put_int (db, stmt, "prices-include-tax", business->prices_include_tax, error))
    return FALSE;

  _rapport_stmt_bind_text (stmt, 1, "logo");
  _rapport_stmt_bind_blob (stmt, 2, business->logo);
  return _rapport_sqlite_run (db, stmt, error);
}

/**
 * rapport_business_repository_save:
 * @self: the business details
 * @business: what a person entered (rapport_business_tidy())
 * @error: return location for an error naming the field
 *
 * A change of currency applies to new orders: each order keeps the
 * currency it was made in.
 */
gboolean
rapport_business_repository_save (RapportBusinessRepository  *self,
                                  RapportBusiness            *business,
                                  GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_BUSINESS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (business != NULL, FALSE);

  if (!rapport_business_tidy (business, error))
    return FALSE;

  if (!_rapport_database_begin (self->database, error))
    return FALSE;
  if (!write_all (self, business, error))
    {
      _rapport_database_rollback (self->database);
      return FALSE;
    }
  _rapport_database_note_change (self->database, RAPPORT_KIND_BUSINESS, 0);
  return _rapport_database_commit (self->database, error);
}

static gboolean
save_on_worker (RapportDatabase  *worker,
                gpointer          data,
                GError          **error)
{
  g_autoptr(RapportBusinessRepository) business = rapport_business_repository_new (worker);

  return rapport_business_repository_save (business, data, error);
}

/**
 * rapport_business_repository_save_async:
 * @self: the business details
 * @business: what a person entered (a copy is written)
 * @cancellable: (nullable): stops a write that waits for another program
 * @callback: called when written, or refused
 * @user_data: for @callback
 *
 * rapport_business_repository_save() on the database's worker thread: the
 * window never waits for another program.
 */
void
rapport_business_repository_save_async (RapportBusinessRepository *self,
                                        const RapportBusiness     *business,
                                        GCancellable              *cancellable,
                                        GAsyncReadyCallback        callback,
                                        gpointer                   user_data)
{
  g_return_if_fail (RAPPORT_IS_BUSINESS_REPOSITORY (self));
  g_return_if_fail (business != NULL);

  _rapport_database_write_async (self->database, self, save_on_worker, rapport_business_copy (business),
                                 (GDestroyNotify) rapport_business_free, rapport_business_repository_save_async,
                                 cancellable, callback, user_data);
}

/**
 * rapport_business_repository_save_finish:
 * @self: the business details
 * @result: the result
 * @error: return location for an error naming the field
 *
 * Returns: whether they were saved
 */
gboolean
rapport_business_repository_save_finish (RapportBusinessRepository  *self,
                                         GAsyncResult               *result,
                                         GError                    **error)
{
  g_return_val_if_fail (RAPPORT_IS_BUSINESS_REPOSITORY (self), FALSE);
  return _rapport_database_write_finish (self, result, error);
}
