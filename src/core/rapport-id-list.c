/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-id-list-private.h"

/* A change that adds more rows than this is told as a removal followed by
 * an addition: GTK 4.8's list item manager and single selection otherwise
 * fetch every added row, looking for the rows they follow by identity
 * (a filter over a million orders fetched them all, twice: 38 s). */
#define SPLIT_ABOVE 128

/* The rows before @prefix and the last @suffix rows of @old. */
static GArray *
keep_ends (GArray *old,
           guint   prefix,
           guint   suffix)
{
  GArray *kept = g_array_sized_new (FALSE, FALSE, sizeof (gint64), prefix + suffix);

  g_array_append_vals (kept, old->data, prefix);
  g_array_append_vals (kept, &g_array_index (old, gint64, old->len - suffix), suffix);
  return kept;
}

/**
 * _rapport_ids_replace:
 * @model: the list
 * @old: its ids now
 * @ids: its new ids
 * @every_row: whether every row may show something else (many records
 *   changed), rather than only the rows whose ids differ
 * @install: makes an array the list's ids
 * @prefix: (out): how many rows at the start kept their place
 * @suffix: (out): how many rows at the end did
 *
 * Replaces the ids and tells the views which span differs: rows before
 * and after it keep their widgets and scroll place. One items-changed, or
 * a removal and an addition when many rows arrive (see SPLIT_ABOVE), both
 * before the main loop runs again, so no frame shows the list in between.
 */
void
_rapport_ids_replace (GListModel            *model,
                      GArray                *old,
                      GArray                *ids,
                      gboolean               every_row,
                      RapportIdsInstallFunc  install,
                      guint                 *prefix,
                      guint                 *suffix)
{
  guint removed, added;

  *prefix = *suffix = 0;
  if (!every_row)
    {
      while (*prefix < old->len && *prefix < ids->len
             && g_array_index (old, gint64, *prefix) == g_array_index (ids, gint64, *prefix))
        (*prefix)++;
      while (*suffix < old->len - *prefix && *suffix < ids->len - *prefix
             && g_array_index (old, gint64, old->len - 1 - *suffix)
                == g_array_index (ids, gint64, ids->len - 1 - *suffix))
        (*suffix)++;
    }
  removed = old->len - *prefix - *suffix;
  added = ids->len - *prefix - *suffix;

  if (removed > 0 && added > SPLIT_ABOVE)
    {
      g_autoptr(GArray) between = keep_ends (old, *prefix, *suffix);

      install (model, between);
      g_list_model_items_changed (model, *prefix, removed, 0);
      install (model, ids);
      g_list_model_items_changed (model, *prefix, 0, added);
    }
  else
    {
      install (model, ids);
      if (removed > 0 || added > 0)
        g_list_model_items_changed (model, *prefix, removed, added);
    }
}
