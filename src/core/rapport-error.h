/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RAPPORT_ERROR (rapport_error_quark ())

/**
 * RapportError:
 * @RAPPORT_ERROR_FAILED: something else went wrong
 * @RAPPORT_ERROR_NOT_FOUND: the record does not exist
 * @RAPPORT_ERROR_INVALID: a value a person entered is not acceptable
 * @RAPPORT_ERROR_CONSTRAINT: the change would break the data's rules
 * @RAPPORT_ERROR_BUSY: another program holds the database
 * @RAPPORT_ERROR_CORRUPT: the database file is damaged
 * @RAPPORT_ERROR_NOT_DATABASE: the file is not an SQLite database
 * @RAPPORT_ERROR_FOREIGN: the file is an SQLite database of another program
 * @RAPPORT_ERROR_TOO_NEW: the database was written by a newer Rapport
 * @RAPPORT_ERROR_READ_ONLY: the file cannot be written to
 * @RAPPORT_ERROR_FULL: the disk is full
 * @RAPPORT_ERROR_IO: the file could not be read or written
 * @RAPPORT_ERROR_PARSE: a file being read is malformed
 * @RAPPORT_ERROR_CANCELLED: the operation was cancelled
 * @RAPPORT_ERROR_TOO_OLD: the database must be upgraded first, which a
 *   read-only look may not do
 * @RAPPORT_ERROR_EMPTY: the database holds no data yet
 * @RAPPORT_ERROR_WRONG_PASSPHRASE: an encrypted backup was sealed with
 *   another passphrase
 * @RAPPORT_ERROR_TAMPERED: an encrypted backup was changed, damaged or cut
 *   short after it was made
 * @RAPPORT_ERROR_NO_PASSPHRASE: encrypting or opening a backup needs a
 *   passphrase and none is kept
 *
 * Error codes in the %RAPPORT_ERROR domain. Messages are written for people.
 */
typedef enum
{
  RAPPORT_ERROR_FAILED,
  RAPPORT_ERROR_NOT_FOUND,
  RAPPORT_ERROR_INVALID,
  RAPPORT_ERROR_CONSTRAINT,
  RAPPORT_ERROR_BUSY,
  RAPPORT_ERROR_CORRUPT,
  RAPPORT_ERROR_NOT_DATABASE,
  RAPPORT_ERROR_FOREIGN,
  RAPPORT_ERROR_TOO_NEW,
  RAPPORT_ERROR_READ_ONLY,
  RAPPORT_ERROR_FULL,
  RAPPORT_ERROR_IO,
  RAPPORT_ERROR_PARSE,
  RAPPORT_ERROR_CANCELLED,
  RAPPORT_ERROR_TOO_OLD,
  RAPPORT_ERROR_EMPTY,
  RAPPORT_ERROR_WRONG_PASSPHRASE,
  RAPPORT_ERROR_TAMPERED,
  RAPPORT_ERROR_NO_PASSPHRASE,
} RapportError;

GQuark rapport_error_quark (void);

G_END_DECLS
