/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The part of an encrypted backup that is in the open: a magic line, the
 * header's length, and a key file telling when and why the backup was made
 * and how many clients it holds, with what its seal needs (the cipher, the
 * salt, the key check). The backup list reads it without the passphrase.
 *
 * It needs no cryptography beyond the header's hash, which GLib computes,
 * so describing a backup, and every program that can make one, does not
 * load GnuTLS: only sealing and opening (rapport-backup-crypt.c) do. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "rapport-backup-private.h"
#include "rapport-error.h"

#define MAGIC "RAPPORT-BACKUP\n"
#define FORMAT 1
#define MAX_HEADER 8192

void
_rapport_backup_set_io_error (GError     **error,
                              const char  *path,
                              int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
               _("Could not read or write “%s”: %s."), display, g_strerror (saved_errno));
}

void
_rapport_backup_set_tampered (GError     **error,
                              const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_TAMPERED,
               _("“%s” was changed or damaged after it was made: its content does not match its seal. Nothing was restored from it."),
               display);
}

static void
set_not_backup (GError     **error,
                const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_PARSE,
               _("“%s” is not a Rapport backup."), display);
}

gboolean
_rapport_backup_write_all (int           fd,
                           const void   *data,
                           gsize         length,
                           const char   *path,
                           GError      **error)
{
  const guint8 *p = data;

  while (length > 0)
    {
      gssize written = write (fd, p, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written < 0)
        {
          _rapport_backup_set_io_error (error, path, errno);
          return FALSE;
        }
      p += written;
      length -= (gsize) written;
    }
  return TRUE;
}

gssize
_rapport_backup_read_full (int     fd,
                           void   *data,
                           gsize   length)
{
  guint8 *p = data;
  gsize done = 0;

  while (done < length)
    {
      gssize got = read (fd, p + done, length - done);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        return -1;
      if (got == 0)
        break;
      done += (gsize) got;
    }
  return (gssize) done;
}

static void
hash_header (const char *header,
             gsize       length,
             guint8     *hash)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  gsize hash_length = RAPPORT_BACKUP_HEADER_HASH_SIZE;

  g_checksum_update (checksum, (const guchar *) header, (gssize) length);
  g_checksum_get_digest (checksum, hash, &hash_length);
}

GKeyFile *
_rapport_backup_header_new (const RapportBackupFacts *facts)
{
  GKeyFile *keys = g_key_file_new ();
  const char *group = RAPPORT_BACKUP_HEADER_GROUP;

  g_key_file_set_integer (keys, group, "Format", FORMAT);
  g_key_file_set_int64 (keys, group, "Created", facts->created_at);
  g_key_file_set_string (keys, group, "Reason", _rapport_backup_reason_to_string (facts->reason));
  g_key_file_set_integer (keys, group, "SchemaVersion", (int) facts->schema_version);
  g_key_file_set_int64 (keys, group, "Clients", facts->n_clients);
  g_key_file_set_int64 (keys, group, "Interactions", facts->n_interactions);
  g_key_file_set_int64 (keys, group, "Orders", facts->n_orders);
  return keys;
}

gboolean
_rapport_backup_header_write (int          fd,
                              GKeyFile    *keys,
                              const char  *path,
                              guint8      *hash,
                              GError     **error)
{
  gsize length;
  g_autofree char *header = g_key_file_to_data (keys, &length, NULL);
  char length_line[32];

  hash_header (header, length, hash);
  g_snprintf (length_line, sizeof length_line, "%" G_GSIZE_FORMAT "\n", length);
  return _rapport_backup_write_all (fd, MAGIC, strlen (MAGIC), path, error)
         && _rapport_backup_write_all (fd, length_line, strlen (length_line), path, error)
         && _rapport_backup_write_all (fd, header, length, path, error);
}

GKeyFile *
_rapport_backup_header_read (int          fd,
                             const char  *path,
                             guint8      *hash,
                             GError     **error)
{
  char magic[sizeof MAGIC - 1];
  char line[32];
  gsize n = 0;
  guint64 header_length;
  g_autofree char *header = NULL;
  g_autoptr(GKeyFile) keys = g_key_file_new ();

  if (_rapport_backup_read_full (fd, magic, sizeof magic) != (gssize) sizeof magic
      || memcmp (magic, MAGIC, sizeof magic) != 0)
    {
      set_not_backup (error, path);
      return NULL;
    }
  while (n < sizeof line - 1)
    {
      if (_rapport_backup_read_full (fd, &line[n], 1) != 1)
        break;
      if (line[n] == '\n')
        break;
      n++;
    }
  line[n] = '\0';
  if (!g_ascii_string_to_unsigned (line, 10, 1, MAX_HEADER, &header_length, NULL))
    {
      _rapport_backup_set_tampered (error, path);
      return NULL;
    }
  header = g_malloc (header_length + 1);
  if (_rapport_backup_read_full (fd, header, header_length) != (gssize) header_length)
    {
      _rapport_backup_set_tampered (error, path);
      return NULL;
    }
  header[header_length] = '\0';
  hash_header (header, header_length, hash);
  if (!g_key_file_load_from_data (keys, header, header_length, G_KEY_FILE_NONE, NULL)
      || g_key_file_get_integer (keys, RAPPORT_BACKUP_HEADER_GROUP, "Format", NULL) != FORMAT)
    {
      _rapport_backup_set_tampered (error, path);
      return NULL;
    }
  return g_steal_pointer (&keys);
}

/**
 * _rapport_backup_read_sealed_facts:
 *
 * What the header of an encrypted backup tells, without the passphrase.
 */
gboolean
_rapport_backup_read_sealed_facts (const char          *path,
                                   RapportBackupFacts  *facts,
                                   GError             **error)
{
  const char *group = RAPPORT_BACKUP_HEADER_GROUP;
  g_autoptr(GKeyFile) keys = NULL;
  g_autofree char *reason = NULL;
  guint8 hash[RAPPORT_BACKUP_HEADER_HASH_SIZE];
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    {
      _rapport_backup_set_io_error (error, path, errno);
      return FALSE;
    }
  keys = _rapport_backup_header_read (fd, path, hash, error);
  close (fd);
  if (keys == NULL)
    return FALSE;

  facts->created_at = g_key_file_get_int64 (keys, group, "Created", NULL);
  reason = g_key_file_get_string (keys, group, "Reason", NULL);
  facts->reason = _rapport_backup_reason_from_string (reason);
  facts->schema_version = (guint) CLAMP (g_key_file_get_integer (keys, group, "SchemaVersion", NULL), 0, G_MAXINT);
  facts->n_clients = g_key_file_get_int64 (keys, group, "Clients", NULL);
  facts->n_interactions = g_key_file_get_int64 (keys, group, "Interactions", NULL);
  /* Backups made before orders existed do not say. */
  facts->n_orders = g_key_file_has_key (keys, group, "Orders", NULL)
                    ? g_key_file_get_int64 (keys, group, "Orders", NULL) : -1;
  return TRUE;
}

gboolean
_rapport_backup_is_sealed (const char *path)
{
  char magic[sizeof MAGIC - 1];
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean sealed;

  if (fd < 0)
    return FALSE;
  sealed = _rapport_backup_read_full (fd, magic, sizeof magic) == (gssize) sizeof magic
           && memcmp (magic, MAGIC, sizeof magic) == 0;
  close (fd);
  return sealed;
}
