/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Encrypted backups: a database file sealed with a passphrase.
 *
 * The file is a short header in the open — what any backup list shows:
 * when, why, how many clients — followed by the database in chunks of
 * 64 KiB, each sealed with AES-256-GCM (GnuTLS). rapport-backup-header.c
 * reads and writes the header. The key comes from the
 * passphrase through PBKDF2-HMAC-SHA256 with a random salt of the file's
 * own. Each chunk's nonce is its number; its additional data is a hash of
 * the header and whether it is the last chunk, so a changed header, chunks
 * swapped, dropped or cut off are all refused. A short check value of the
 * key in the header tells a wrong passphrase from a changed file. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <string.h>
#include <unistd.h>

#include "rapport-backup-private.h"
#include "rapport-error.h"

#define GROUP RAPPORT_BACKUP_HEADER_GROUP
#define CHUNK_SIZE 65536
#define TAG_SIZE 16
#define KEY_SIZE 32
#define SALT_SIZE 16
#define NONCE_SIZE 12
#define CHECK_SIZE 16
/* PBKDF2-HMAC-SHA256 at the count OWASP recommends (2023). */
#define ITERATIONS 600000
#define MIN_ITERATIONS 100000
#define MAX_ITERATIONS 10000000

static gboolean
derive_key (const char    *passphrase,
            const guint8  *salt,
            guint          iterations,
            guint8        *key,
            guint8        *check)
{
  gnutls_datum_t secret = { (unsigned char *) passphrase, (unsigned int) strlen (passphrase) };
  gnutls_datum_t salt_datum = { (unsigned char *) salt, SALT_SIZE };
  static const char label[] = "Rapport backup key check";
  guint8 material[KEY_SIZE + sizeof label];
  guint8 digest[32];

  if (gnutls_pbkdf2 (GNUTLS_MAC_SHA256, &secret, &salt_datum, iterations, key, KEY_SIZE) < 0)
    return FALSE;

  memcpy (material, key, KEY_SIZE);
  memcpy (material + KEY_SIZE, label, sizeof label);
  gnutls_hash_fast (GNUTLS_DIG_SHA256, material, sizeof material, digest);
  memcpy (check, digest, CHECK_SIZE);
  gnutls_memset (material, 0, sizeof material);
  return TRUE;
}

static void
make_nonce (guint64  index,
            guint8  *nonce)
{
  memset (nonce, 0, NONCE_SIZE);
  for (guint i = 0; i < 8; i++)
    nonce[NONCE_SIZE - 1 - i] = (guint8) (index >> (8 * i));
}

static void
make_aad (const guint8 *header_hash,
          gboolean      final,
          guint8       *aad)
{
  memcpy (aad, header_hash, 32);
  aad[32] = final ? 1 : 0;
}

static char *
encode (const guint8 *data,
        gsize         length)
{
  return g_base64_encode (data, length);
}

static gboolean
decode_exact (GKeyFile  *keys,
              const char *key,
              guint8     *out,
              gsize       length)
{
  g_autofree char *text = g_key_file_get_string (keys, GROUP, key, NULL);
  g_autofree guchar *data = NULL;
  gsize data_length = 0;

  if (text == NULL)
    return FALSE;
  data = g_base64_decode (text, &data_length);
  if (data_length != length)
    return FALSE;
  memcpy (out, data, length);
  return TRUE;
}

/**
 * _rapport_backup_encrypt:
 *
 * Seals the database file @plain into @sealed (created 0600; replaced only
 * when whole: the caller writes to a temporary name and renames).
 */
gboolean
_rapport_backup_encrypt (const char                *plain,
                         const char                *sealed,
                         const char                *passphrase,
                         const RapportBackupFacts  *facts,
                         GError                   **error)
{
  g_autoptr(GKeyFile) keys = _rapport_backup_header_new (facts);
  g_autofree char *salt_text = NULL, *check_text = NULL;
  guint8 salt[SALT_SIZE], key[KEY_SIZE], check[CHECK_SIZE], header_hash[RAPPORT_BACKUP_HEADER_HASH_SIZE];
  gnutls_aead_cipher_hd_t cipher = NULL;
  gnutls_datum_t key_datum = { key, KEY_SIZE };
  g_autofree guint8 *in_buf = g_malloc (CHUNK_SIZE);
  g_autofree guint8 *out_buf = g_malloc (CHUNK_SIZE + TAG_SIZE);
  guint64 index = 0;
  gboolean ok = FALSE, final = FALSE;
  int in_fd = -1, out_fd = -1;

  if (gnutls_rnd (GNUTLS_RND_KEY, salt, SALT_SIZE) < 0
      || !derive_key (passphrase, salt, ITERATIONS, key, check))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_FAILED,
                           _("The backup could not be encrypted: the system's cryptography failed."));
      goto out;
    }

  salt_text = encode (salt, SALT_SIZE);
  check_text = encode (check, CHECK_SIZE);
  g_key_file_set_string (keys, GROUP, "Cipher", "AES-256-GCM");
  g_key_file_set_string (keys, GROUP, "KeyDerivation", "PBKDF2-HMAC-SHA256");
  g_key_file_set_integer (keys, GROUP, "Iterations", ITERATIONS);
  g_key_file_set_string (keys, GROUP, "Salt", salt_text);
  g_key_file_set_string (keys, GROUP, "KeyCheck", check_text);
  g_key_file_set_integer (keys, GROUP, "ChunkSize", CHUNK_SIZE);

  in_fd = g_open (plain, O_RDONLY | O_CLOEXEC, 0);
  if (in_fd < 0)
    {
      _rapport_backup_set_io_error (error, plain, errno);
      goto out;
    }
  out_fd = g_open (sealed, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out_fd < 0 || fchmod (out_fd, 0600) != 0)
    {
      _rapport_backup_set_io_error (error, sealed, errno);
      goto out;
    }

  if (!_rapport_backup_header_write (out_fd, keys, sealed, header_hash, error))
    goto out;

  if (gnutls_aead_cipher_init (&cipher, GNUTLS_CIPHER_AES_256_GCM, &key_datum) < 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_FAILED,
                           _("The backup could not be encrypted: the system's cryptography failed."));
      goto out;
    }

  /* A chunk shorter than the others is the last one; a file whose size is
   * a multiple of the chunk size ends with an empty chunk. */
  while (!final)
    {
      guint8 nonce[NONCE_SIZE], aad[33];
      gssize got = _rapport_backup_read_full (in_fd, in_buf, CHUNK_SIZE);
      size_t out_length = CHUNK_SIZE + TAG_SIZE;

      if (got < 0)
        {
          _rapport_backup_set_io_error (error, plain, errno);
          goto out;
        }
      final = got < CHUNK_SIZE;
      make_nonce (index++, nonce);
      make_aad (header_hash, final, aad);
      if (gnutls_aead_cipher_encrypt (cipher, nonce, NONCE_SIZE, aad, sizeof aad, TAG_SIZE,
                                      in_buf, (size_t) got, out_buf, &out_length) < 0)
        {
          g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_FAILED,
                               _("The backup could not be encrypted: the system's cryptography failed."));
          goto out;
        }
      if (!_rapport_backup_write_all (out_fd, out_buf, out_length, sealed, error))
        goto out;
    }

  if (fsync (out_fd) != 0)
    {
      _rapport_backup_set_io_error (error, sealed, errno);
      goto out;
    }
  ok = TRUE;

out:
  if (cipher != NULL)
    gnutls_aead_cipher_deinit (cipher);
  gnutls_memset (key, 0, sizeof key);
  if (in_fd >= 0)
    close (in_fd);
  if (out_fd >= 0 && close (out_fd) != 0 && ok)
    {
      _rapport_backup_set_io_error (error, sealed, errno);
      ok = FALSE;
    }
  return ok;
}

/**
 * _rapport_backup_decrypt:
 *
 * Opens the sealed @sealed into the database file @plain (created 0600).
 * A wrong passphrase is %RAPPORT_ERROR_WRONG_PASSPHRASE, a file changed
 * or cut short %RAPPORT_ERROR_TAMPERED; then @plain is removed, never
 * left half-written.
 */
gboolean
_rapport_backup_decrypt (const char  *sealed,
                         const char  *plain,
                         const char  *passphrase,
                         GError     **error)
{
  g_autoptr(GKeyFile) keys = NULL;
  guint8 salt[SALT_SIZE], key[KEY_SIZE], check[CHECK_SIZE], expected[CHECK_SIZE], header_hash[RAPPORT_BACKUP_HEADER_HASH_SIZE];
  gnutls_aead_cipher_hd_t cipher = NULL;
  gnutls_datum_t key_datum = { key, KEY_SIZE };
  g_autofree guint8 *in_buf = g_malloc (CHUNK_SIZE + TAG_SIZE);
  g_autofree guint8 *out_buf = g_malloc (CHUNK_SIZE + TAG_SIZE);
  g_autofree char *cipher_name = NULL;
  guint64 index = 0;
  gint64 iterations, chunk_size;
  gboolean ok = FALSE, final = FALSE;
  int in_fd = -1, out_fd = -1;

  in_fd = g_open (sealed, O_RDONLY | O_CLOEXEC, 0);
  if (in_fd < 0)
    {
      _rapport_backup_set_io_error (error, sealed, errno);
      return FALSE;
    }
  keys = _rapport_backup_header_read (in_fd, sealed, header_hash, error);
  if (keys == NULL)
    goto out;

  iterations = g_key_file_get_int64 (keys, GROUP, "Iterations", NULL);
  chunk_size = g_key_file_get_int64 (keys, GROUP, "ChunkSize", NULL);
  cipher_name = g_key_file_get_string (keys, GROUP, "Cipher", NULL);
  if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS || chunk_size != CHUNK_SIZE
      || g_strcmp0 (cipher_name, "AES-256-GCM") != 0
      || !decode_exact (keys, "Salt", salt, SALT_SIZE)
      || !decode_exact (keys, "KeyCheck", expected, CHECK_SIZE))
    {
      _rapport_backup_set_tampered (error, sealed);
      goto out;
    }

  if (!derive_key (passphrase, salt, (guint) iterations, key, check))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_FAILED,
                           _("The backup could not be decrypted: the system's cryptography failed."));
      goto out;
    }
  if (gnutls_memcmp (check, expected, CHECK_SIZE) != 0)
    {
      g_autofree char *display = g_filename_display_name (sealed);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_WRONG_PASSPHRASE,
                   _("The passphrase does not open “%s”: it was encrypted with another one. Nothing was restored from it."),
                   display);
      goto out;
    }

  out_fd = g_open (plain, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out_fd < 0 || fchmod (out_fd, 0600) != 0
      || gnutls_aead_cipher_init (&cipher, GNUTLS_CIPHER_AES_256_GCM, &key_datum) < 0)
    {
      _rapport_backup_set_io_error (error, plain, errno);
      goto out;
    }

  while (!final)
    {
      guint8 nonce[NONCE_SIZE], aad[33];
      gssize got = _rapport_backup_read_full (in_fd, in_buf, CHUNK_SIZE + TAG_SIZE);
      size_t out_length = CHUNK_SIZE + TAG_SIZE;

      if (got < 0)
        {
          _rapport_backup_set_io_error (error, sealed, errno);
          goto out;
        }
      if (got < TAG_SIZE)
        {
          /* Cut short: the last chunk is missing. */
          _rapport_backup_set_tampered (error, sealed);
          goto out;
        }
      final = got < CHUNK_SIZE + TAG_SIZE;
      make_nonce (index++, nonce);
      make_aad (header_hash, final, aad);
      if (gnutls_aead_cipher_decrypt (cipher, nonce, NONCE_SIZE, aad, sizeof aad, TAG_SIZE,
                                      in_buf, (size_t) got, out_buf, &out_length) < 0)
        {
          _rapport_backup_set_tampered (error, sealed);
          goto out;
        }
      if (!_rapport_backup_write_all (out_fd, out_buf, out_length, plain, error))
        goto out;
    }

  /* Anything after the last chunk was added. */
  if (_rapport_backup_read_full (in_fd, in_buf, 1) != 0)
    {
      _rapport_backup_set_tampered (error, sealed);
      goto out;
    }
  if (fsync (out_fd) != 0)
    {
      _rapport_backup_set_io_error (error, plain, errno);
      goto out;
    }
  ok = TRUE;

out:
  if (cipher != NULL)
    gnutls_aead_cipher_deinit (cipher);
  gnutls_memset (key, 0, sizeof key);
  close (in_fd);
  if (out_fd >= 0)
    close (out_fd);
  if (!ok && out_fd >= 0)
    g_unlink (plain);
  return ok;
}
