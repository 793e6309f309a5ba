/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A copy that is valid UTF-8: records hold text as a database file gave
 * it, and a file may hold broken text; what cannot be read becomes U+FFFD
 * instead of reaching a label, a terminal or a search as bad bytes. */
static inline char *
_rapport_strdup_valid (const char *text)
{
  if (text == NULL)
    return NULL;
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  return g_utf8_make_valid (text, -1);
}

/* g_set_str() arrived in GLib 2.76; Debian 12 has 2.74. */
static inline gboolean
_rapport_set_str (char       **str_pointer,
                  const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = _rapport_strdup_valid (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;
  return TRUE;
}

G_END_DECLS
