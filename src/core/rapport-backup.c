/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* One backup file: when and why it was made, its size and what it holds. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "rapport-backup-private.h"
#include "rapport-database-private.h"
#include "rapport-error.h"

struct _RapportBackup
{
  GObject             parent_instance;

  char               *path;
  RapportBackupFacts  facts;
  guint64             size;
  gboolean            encrypted;
};

G_DEFINE_FINAL_TYPE (RapportBackup, rapport_backup, G_TYPE_OBJECT)

static const char * const reason_names[] = {
  [RAPPORT_BACKUP_DAILY] = "daily",
  [RAPPORT_BACKUP_BEFORE_UPGRADE] = "upgrade",
  [RAPPORT_BACKUP_BEFORE_CHANGE] = "change",
  [RAPPORT_BACKUP_BEFORE_RESTORE] = "restore",
  [RAPPORT_BACKUP_MANUAL] = "manual",
};

const char *
_rapport_backup_reason_to_string (RapportBackupReason reason)
{
  return (guint) reason < G_N_ELEMENTS (reason_names) ? reason_names[reason] : "manual";
}

RapportBackupReason
_rapport_backup_reason_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (reason_names); i++)
    if (g_strcmp0 (text, reason_names[i]) == 0)
      return (RapportBackupReason) i;
  return RAPPORT_BACKUP_MANUAL;
}

static void
rapport_backup_finalize (GObject *object)
{
  RapportBackup *self = (RapportBackup *) object;

  g_free (self->path);

  G_OBJECT_CLASS (rapport_backup_parent_class)->finalize (object);
}

static void
rapport_backup_class_init (RapportBackupClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_backup_finalize;
}

static void
rapport_backup_init (RapportBackup *self)
{
}

RapportBackup *
_rapport_backup_new (const char               *path,
                     const RapportBackupFacts *facts,
                     gboolean                  encrypted)
{
  RapportBackup *self = g_object_new (RAPPORT_TYPE_BACKUP, NULL);
  GStatBuf st;

  self->path = g_strdup (path);
  self->facts = *facts;
  self->encrypted = encrypted;
  if (g_stat (path, &st) == 0)
    self->size = (guint64) st.st_size;
  return self;
}

/* The counts a backup list shows. Tables that a file of an older version
 * lacks count as unknown. */
gboolean
_rapport_backup_count (RapportSqlite       *db,
                       RapportBackupFacts  *facts,
                       GError             **error)
{
  static const struct
  {
    const char *sql;
    gsize       offset;
  } counts[] = {
    { "SELECT count(*) FROM clients", G_STRUCT_OFFSET (RapportBackupFacts, n_clients) },
    { "SELECT count(*) FROM interactions", G_STRUCT_OFFSET (RapportBackupFacts, n_interactions) },
    { "SELECT count(*) FROM orders", G_STRUCT_OFFSET (RapportBackupFacts, n_orders) },
  };
  gint64 version = 0, application_id = 0;

  if (!_rapport_sqlite_get_int (db, "PRAGMA application_id", &application_id, error)
      || !_rapport_sqlite_get_int (db, "PRAGMA user_version", &version, error))
    return FALSE;
  if (application_id != RAPPORT_APPLICATION_ID)
    {
      g_autofree char *display = g_filename_display_name (_rapport_sqlite_get_path (db));

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_FOREIGN,
                   _("“%s” is not a Rapport backup: it is a database of another program."), display);
      return FALSE;
    }
  facts->schema_version = (guint) CLAMP (version, 0, G_MAXINT);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      gint64 *count = G_STRUCT_MEMBER_P (facts, counts[i].offset);

      if (!_rapport_sqlite_get_int (db, counts[i].sql, count, NULL))
        *count = -1;
    }
  return TRUE;
}

/**
 * rapport_backup_describe:
 * @path: (type filename): a backup, plain or encrypted
 * @error: return location for an error
 *
 * Reads what a backup file holds without changing it: for an encrypted
 * one, what its header tells without the passphrase.
 *
 * Returns: (transfer full): the backup, or %NULL when @path is no Rapport
 *   backup or cannot be read
 */
RapportBackup *
rapport_backup_describe (const char  *path,
                         GError     **error)
{
  RapportBackupFacts facts = { 0, RAPPORT_BACKUP_MANUAL, 0, -1, -1 };
  RapportSqlite *db;
  gboolean ok;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  if (_rapport_backup_is_sealed (path))
    return _rapport_backup_read_sealed_facts (path, &facts, error)
           ? _rapport_backup_new (path, &facts, TRUE) : NULL;

  if (g_stat (path, &st) == 0)
    facts.created_at = st.st_mtime;
  _rapport_backups_parse_name (path, &facts);

  db = _rapport_sqlite_open (path, RAPPORT_SQLITE_READ_ONLY, error);
  if (db == NULL)
    return NULL;
  ok = _rapport_backup_count (db, &facts, error);
  _rapport_sqlite_close (db);

  return ok ? _rapport_backup_new (path, &facts, FALSE) : NULL;
}

const char *
rapport_backup_get_path (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), NULL);
  return self->path;
}

RapportBackupReason
rapport_backup_get_reason (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), RAPPORT_BACKUP_MANUAL);
  return self->facts.reason;
}

/**
 * rapport_backup_get_created_at:
 * @self: a backup
 *
 * Returns: when it was made, UTC seconds since the epoch
 */
gint64
rapport_backup_get_created_at (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), 0);
  return self->facts.created_at;
}

guint64
rapport_backup_get_size (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), 0);
  return self->size;
}

gboolean
rapport_backup_get_encrypted (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), FALSE);
  return self->encrypted;
}

guint
rapport_backup_get_schema_version (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), 0);
  return self->facts.schema_version;
}

/**
 * rapport_backup_get_n_clients:
 * @self: a backup
 *
 * Returns: how many clients it holds, or -1 when unknown
 */
gint64
rapport_backup_get_n_clients (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), -1);
  return self->facts.n_clients;
}

/**
 * rapport_backup_get_n_interactions:
 * @self: a backup
 *
 * Returns: how many interactions it holds, or -1 when unknown
 */
gint64
rapport_backup_get_n_interactions (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), -1);
  return self->facts.n_interactions;
}

/**
 * rapport_backup_get_n_orders:
 * @self: a backup
 *
 * Returns: how many orders it holds, or -1 when unknown (a backup made
 *   before Rapport had orders)
 */
gint64
rapport_backup_get_n_orders (RapportBackup *self)
{
  g_return_val_if_fail (RAPPORT_IS_BACKUP (self), -1);
  return self->facts.n_orders;
}
