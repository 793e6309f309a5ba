/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Order numbers from a pattern the business chooses: {year}, {yy},
 * {month} and {seq} (or {seq:N}, at least N digits) in any text, such as
 * “{year}-{seq:4}” → 2026-0042 or “INV/{yy}{month}/{seq}” → INV/2611/7.
 * The sequence counts per scope — the pattern with its date parts filled
 * in — so “{year}-…” starts again at 1 each year. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-order-number.h"

#define MAX_PATTERN 64
#define MAX_WIDTH 9

typedef enum
{
  PART_TEXT,
  PART_YEAR,
  PART_YY,
  PART_MONTH,
  PART_SEQ,
} PartKind;

/* Reads the placeholder at @p (just after “{”); returns its kind and the
 * sequence width, and where the text goes on, or NULL when unknown. */
static const char *
read_placeholder (const char *p,
                  PartKind   *kind,
                  guint      *width)
{
  static const struct { const char *name; PartKind kind; } names[] = {
    { "year}", PART_YEAR }, { "yy}", PART_YY }, { "month}", PART_MONTH }, { "seq}", PART_SEQ },
  };

  *width = 1;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_has_prefix (p, names[i].name))
      {
        *kind = names[i].kind;
        return p + strlen (names[i].name);
      }
  if (g_str_has_prefix (p, "seq:") && p[4] >= '1' && p[4] <= '0' + MAX_WIDTH && p[5] == '}')
    {
      *kind = PART_SEQ;
      *width = (guint) (p[4] - '0');
      return p + 6;
    }
  return NULL;
}

/**
 * rapport_order_number_validate:
 * @pattern: a pattern a person entered
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * Returns: whether @pattern is short, valid text, knows every placeholder
 *   it uses and has exactly one {seq}
 */
gboolean
rapport_order_number_validate (const char  *pattern,
                               GError     **error)
{
  guint n_seq = 0;

  if (pattern == NULL || !g_utf8_validate (pattern, -1, NULL)
      || g_utf8_strlen (pattern, -1) > MAX_PATTERN)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("An order number pattern is text of at most %d characters."), MAX_PATTERN);
      return FALSE;
    }

  for (const char *p = pattern; *p != '\0'; )
    {
      PartKind kind;
      guint width;

      if (*p != '{')
        {
          p++;
          continue;
        }
      p = read_placeholder (p + 1, &kind, &width);
      if (p == NULL)
        {
          g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                               _("The order number pattern has an unknown part in braces: use {year}, {yy}, {month} and {seq} or {seq:4}."));
          return FALSE;
        }
      n_seq += kind == PART_SEQ;
    }

  if (n_seq != 1)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The order number pattern needs {seq}, once: it is what makes each number different."));
      return FALSE;
    }
  return TRUE;
}

static void
append_part (GString    *out,
             PartKind    kind,
             guint       width,
             const char *iso_date,
             gint64      sequence)
{
  switch (kind)
    {
    case PART_YEAR:
      g_string_append_len (out, iso_date, 4);
      break;
    case PART_YY:
      g_string_append_len (out, iso_date + 2, 2);
      break;
    case PART_MONTH:
      g_string_append_len (out, iso_date + 5, 2);
      break;
    case PART_SEQ:
      if (sequence < 0)
        g_string_append (out, "{seq}");
      else
        g_string_append_printf (out, "%0*" G_GINT64_FORMAT, (int) width, sequence);
      break;
    case PART_TEXT:
    default:
      g_assert_not_reached ();
    }
}

/* The pattern with its placeholders filled in; {seq} kept when @sequence
 * is negative. @pattern is valid and @iso_date a valid date. */
static char *
expand (const char *pattern,
        const char *iso_date,
        gint64      sequence)
{
  GString *out = g_string_new (NULL);

  for (const char *p = pattern; *p != '\0'; )
    {
      PartKind kind;
      guint width;
      const char *after;

      if (*p != '{' || (after = read_placeholder (p + 1, &kind, &width)) == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      append_part (out, kind, width, iso_date, sequence);
      p = after;
    }

  return g_string_free (out, FALSE);
}

/**
 * rapport_order_number_dup_scope:
 * @pattern: a valid pattern
 * @iso_date: the order's date, `YYYY-MM-DD`
 *
 * Returns: (transfer full): what the sequence counts within: the pattern
 *   with its date parts filled in
 */
char *
rapport_order_number_dup_scope (const char *pattern,
                                const char *iso_date)
{
  g_return_val_if_fail (pattern != NULL && iso_date != NULL && strlen (iso_date) == 10, NULL);
  return expand (pattern, iso_date, -1);
}

/**
 * rapport_order_number_format:
 * @pattern: a valid pattern
 * @iso_date: the order's date, `YYYY-MM-DD`
 * @sequence: the number within the scope, from 1
 *
 * Returns: (transfer full): the order number
 */
char *
rapport_order_number_format (const char *pattern,
                             const char *iso_date,
                             gint64      sequence)
{
  g_return_val_if_fail (pattern != NULL && iso_date != NULL && strlen (iso_date) == 10, NULL);
  g_return_val_if_fail (sequence >= 0, NULL);
  return expand (pattern, iso_date, sequence);
}
