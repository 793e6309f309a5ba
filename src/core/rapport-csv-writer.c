/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "rapport-csv-writer.h"
#include "rapport-error.h"
#include "rapport-text.h"

/* Tables written as RFC 4180 CSV, the way spreadsheets read them: UTF-8,
 * CRLF line ends, a field quoted when it holds a comma, a quote, a line
 * break or a space at either end, quotes doubled inside. A text field a
 * spreadsheet would run as a formula (it starts with =, +, -, @, a tab or
 * a carriage return and is not a number) is written after an apostrophe,
 * so that a client named “=HYPERLINK(…)” stays a name. A phone number
 * (“+48 600 100 200”: digits and phone punctuation only) is written as it
 * is: with no letter it can call no function and reach no other program,
 * and address books need it whole. */

static gboolean
is_number (const char *text)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;
  errno = 0;
  g_ascii_strtod (text, &end);
  return errno == 0 && end != NULL && *end == '\0' && !g_ascii_isspace (text[0]);
}

static gboolean
looks_like_formula (const char *text)
{
  return strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0' && !is_number (text)
         && !rapport_text_is_phone_like (text);
}

static void
append_cell (GString    *out,
             const char *text)
{
  gsize len = strlen (text);
  gboolean formula = looks_like_formula (text);
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL
                   || (len > 0 && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[len - 1])));

  if (quote)
    g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

/**
 * rapport_csv_append_row:
 * @out: the text so far
 * @cells: (array length=n_cells) (nullable): the row's fields; a %NULL
 *   field is empty
 * @n_cells: how many
 *
 * Appends one line of CSV, ended with CRLF.
 */
void
rapport_csv_append_row (GString            *out,
                        const char * const *cells,
                        gsize               n_cells)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (cells != NULL || n_cells == 0);

  for (gsize i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      if (cells[i] != NULL)
        append_cell (out, cells[i]);
    }
  g_string_append (out, "\r\n");
}

/**
 * rapport_csv_write_file:
 * @path: (type filename): the file to write, replaced whole
 * @text: the rows
 * @error: return location for an error naming the file
 *
 * Writes @text to @path through a temporary file, so that a full disk
 * leaves the old file whole. The file is for its owner alone, as the
 * database is: it holds clients' data.
 */
gboolean
rapport_csv_write_file (const char  *path,
                        GString     *text,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_file_set_contents_full (path, text->str, (gssize) text->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_autofree char *name = g_filename_display_basename (path);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   /* TRANSLATORS: %s is a file name, then why it failed */
                   _("“%s” could not be written: %s. Choose another folder, or make room on the disk."),
                   name, local_error->message);
      return FALSE;
    }
  return TRUE;
}
