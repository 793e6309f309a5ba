/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "rapport-client-duplicates-private.h"

/* Which clients may be one, by their names: the rules, without storage.
 * Names are compared folded (rapport_text_fold(): case, accents and
 * script variants set aside), as the sort key keeps them. */

/**
 * rapport_duplicate_score:
 * @reasons: why two clients may be one
 *
 * Returns: how sure, 0–100: a shared e-mail or phone is stronger than a
 *   name, and each further reason adds to the strongest
 */
guint
rapport_duplicate_score (RapportDuplicateReasons reasons)
{
  static const struct { RapportDuplicateReasons reason; guint score; } scores[] = {
    { RAPPORT_DUPLICATE_SAME_EMAIL, 95 },
    { RAPPORT_DUPLICATE_SAME_PHONE, 90 },
    { RAPPORT_DUPLICATE_SAME_NAME, 70 },
    { RAPPORT_DUPLICATE_NAME_ORDER, 65 },
    { RAPPORT_DUPLICATE_NAME_TYPO, 50 },
  };
  guint best = 0, extra = 0;

  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    if (reasons & scores[i].reason)
      {
        if (best == 0)
          best = scores[i].score;
        else
          extra += 5;
      }
  return MIN (100, best + extra);
}

/**
 * rapport_duplicate_reasons_to_string:
 *
 * Returns: (transfer full): the reasons for people: “same phone, same name”
 */
char *
rapport_duplicate_reasons_to_string (RapportDuplicateReasons reasons)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (reasons & RAPPORT_DUPLICATE_SAME_PHONE)
    g_ptr_array_add (parts, _("same phone"));
  if (reasons & RAPPORT_DUPLICATE_SAME_EMAIL)
    g_ptr_array_add (parts, _("same e-mail"));
  if (reasons & RAPPORT_DUPLICATE_SAME_NAME)
    g_ptr_array_add (parts, _("same name"));
  if (reasons & RAPPORT_DUPLICATE_NAME_ORDER)
    g_ptr_array_add (parts, _("same name, words in another order"));
  if (reasons & RAPPORT_DUPLICATE_NAME_TYPO)
    g_ptr_array_add (parts, _("name one letter apart"));
  g_ptr_array_add (parts, NULL);
  /* TRANSLATORS: between the reasons two clients may be one */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * rapport_name_word_key:
 * @folded: a folded name
 *
 * Returns: (transfer full): its words sorted, so that “ivanov ivan” and
 *   “ivan ivanov” have one key
 */
char *
rapport_name_word_key (const char *folded)
{
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (kept, words[i]);
  g_ptr_array_sort (kept, compare_words);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (" ", (char **) kept->pdata);
}

/**
 * rapport_names_differ_by_typo:
 * @a: a folded name
 * @b: another
 *
 * Returns: whether one character added, removed, changed or two
 *   neighbours swapped makes @a into @b (and they are not equal)
 */
gboolean
rapport_names_differ_by_typo (const char *a,
                              const char *b)
{
  g_autofree gunichar *x = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *y = g_utf8_to_ucs4_fast (b, -1, NULL);
  glong n = 0, m = 0, i = 0;

  while (x[n] != 0)
    n++;
  while (y[m] != 0)
    m++;
  if (ABS (n - m) > 1)
    return FALSE;
  while (i < n && i < m && x[i] == y[i])
    i++;
  if (i == n && i == m)
    return FALSE;  /* equal */
  if (n == m)
    {
      /* one changed, or two swapped */
      if (memcmp (x + i + 1, y + i + 1, (n - i - 1) * sizeof (gunichar)) == 0)
        return TRUE;
      return i + 1 < n && x[i] == y[i + 1] && x[i + 1] == y[i]
             && memcmp (x + i + 2, y + i + 2, (n - i - 2) * sizeof (gunichar)) == 0;
    }
  if (n > m)
    return memcmp (x + i + 1, y + i, (m - i) * sizeof (gunichar)) == 0;
  return memcmp (x + i, y + i + 1, (n - i) * sizeof (gunichar)) == 0;
}

typedef struct
{
  guint64 hash;
  guint   index;
} Variant;

static int
compare_variants (gconstpointer a,
                  gconstpointer b)
{
  const Variant *x = a, *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return x->index < y->index ? -1 : (x->index > y->index);
}

/* FNV-1a over @text with the byte range [skip, skip + skip_length) left out. */
static guint64
hash_without (const char *text,
              gsize       length,
              gsize       skip,
              gsize       skip_length)
{
  guint64 hash = 0xcbf29ce484222325ULL;

  for (gsize i = 0; i < length; i++)
    {
      if (i >= skip && i < skip + skip_length)
        continue;
      hash ^= (guint8) text[i];
      hash *= 0x100000001b3ULL;
    }
  return hash;
}

/**
 * _rapport_duplicates_new_pairs:
 *
 * Returns: (transfer full): an array to gather #RapportDuplicatePair in,
 *   a pair once a reason; _rapport_duplicates_finish_pairs() joins them
 */
GArray *
_rapport_duplicates_new_pairs (void)
{
  return g_array_new (FALSE, FALSE, sizeof (RapportDuplicatePair));
}

static void
add_pair (GArray                  *pairs,
          gint64                   a,
          gint64                   b,
          RapportDuplicateReasons  reason)
{
  RapportDuplicatePair pair = { MIN (a, b), MAX (a, b), reason, 0 };

  if (a != b)
    g_array_append_val (pairs, pair);
}

static int
compare_ids (gconstpointer x,
             gconstpointer y)
{
  const RapportDuplicatePair *a = x, *b = y;

  if (a->a != b->a)
    return a->a < b->a ? -1 : 1;
  return a->b < b->b ? -1 : (a->b > b->b);
}

/* One entry a pair, with all its reasons and its score. */
void
_rapport_duplicates_finish_pairs (GArray *pairs)
{
  guint kept = 0;

  g_array_sort (pairs, compare_ids);
  for (guint i = 0; i < pairs->len; i++)
    {
      RapportDuplicatePair *pair = &g_array_index (pairs, RapportDuplicatePair, i);

      if (kept > 0 && compare_ids (pair, &g_array_index (pairs, RapportDuplicatePair, kept - 1)) == 0)
        g_array_index (pairs, RapportDuplicatePair, kept - 1).reasons |= pair->reasons;
      else
        g_array_index (pairs, RapportDuplicatePair, kept++) = *pair;
    }
  g_array_set_size (pairs, kept);
  for (guint i = 0; i < pairs->len; i++)
    g_array_index (pairs, RapportDuplicatePair, i).score
      = rapport_duplicate_score (g_array_index (pairs, RapportDuplicatePair, i).reasons);
}

void
_rapport_duplicates_add_pair (GArray                  *pairs,
                              gint64                   a,
                              gint64                   b,
                              RapportDuplicateReasons  reason)
{
  add_pair (pairs, a, b, reason);
}

/* Groups of names too common to tell anyone apart by (“Maria Garcia” a
 * hundred times) are not proposed by name alone: a person cannot check
 * thousands of pairs. */
#define MAX_NAME_GROUP 50

/* The clients of one distinct folded name. */
typedef struct
{
  const char *name;
  GArray     *ids;  /* gint64 */
} Name;

static void
name_clear (gpointer data)
{
  g_array_unref (((Name *) data)->ids);
}

/* Every client of @x with every client of @y. */
static void
pair_names (GArray                  *pairs,
            const Name              *x,
            const Name              *y,
            RapportDuplicateReasons  reason)
{
  if (x == y ? x->ids->len > MAX_NAME_GROUP : x->ids->len * y->ids->len > MAX_NAME_GROUP * MAX_NAME_GROUP / 2)
    return;
  for (guint i = 0; i < x->ids->len; i++)
    for (guint j = x == y ? i + 1 : 0; j < y->ids->len; j++)
      add_pair (pairs, g_array_index (x->ids, gint64, i), g_array_index (y->ids, gint64, j), reason);
}

static void
pair_runs (GArray                  *variants,
           GArray                  *names,
           gboolean                 typo,
           GArray                  *pairs)
{
  for (guint start = 0; start < variants->len; )
    {
      guint end = start + 1;

      while (end < variants->len
             && g_array_index (variants, Variant, end).hash == g_array_index (variants, Variant, start).hash)
        end++;
      if (end - start > 1 && end - start <= MAX_NAME_GROUP)
        for (guint i = start; i < end; i++)
          for (guint j = i + 1; j < end; j++)
            {
              const Name *x = &g_array_index (names, Name, g_array_index (variants, Variant, i).index);
              const Name *y = &g_array_index (names, Name, g_array_index (variants, Variant, j).index);

              if (x == y)
                continue;
              if (!typo)
                pair_names (pairs, x, y, RAPPORT_DUPLICATE_NAME_ORDER);
              else if (rapport_names_differ_by_typo (x->name, y->name))
                pair_names (pairs, x, y, RAPPORT_DUPLICATE_NAME_TYPO);
            }
      start = end;
    }
}

static void
drop_repeats (GArray *variants)
{
  guint kept = 1;

  if (variants->len == 0)
    return;
  for (guint i = 1; i < variants->len; i++)
    if (compare_variants (&g_array_index (variants, Variant, i), &g_array_index (variants, Variant, kept - 1)) != 0)
      g_array_index (variants, Variant, kept++) = g_array_index (variants, Variant, i);
  g_array_set_size (variants, kept);
}

/* Names that are the same, the same words in another order, or one typo
 * apart. Each distinct name is looked at once; names with the same sorted
 * words, and names with one character left out, meet in sorted arrays of
 * hashes (two names one edit apart share such a variant), so that 100,000
 * names need no comparison of every pair. */
void
_rapport_duplicates_find_names (const gint64  *ids,
                                char * const  *folded,
                                guint          n,
                                GArray        *pairs)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) names = g_array_new (FALSE, FALSE, sizeof (Name));
  g_autoptr(GArray) words = NULL;
  g_autoptr(GArray) deletions = NULL;

  g_array_set_clear_func (names, name_clear);
  for (guint i = 0; i < n; i++)
    {
      gpointer found;
      Name *name;

      if (folded[i][0] == '\0')
        continue;
      if (!g_hash_table_lookup_extended (index, folded[i], NULL, &found))
        {
          Name fresh = { folded[i], g_array_new (FALSE, FALSE, sizeof (gint64)) };

          g_array_append_val (names, fresh);
          found = GUINT_TO_POINTER (names->len);
          g_hash_table_insert (index, (gpointer) folded[i], found);
        }
      name = &g_array_index (names, Name, GPOINTER_TO_UINT (found) - 1);
      g_array_append_val (name->ids, ids[i]);
    }

  words = g_array_sized_new (FALSE, FALSE, sizeof (Variant), names->len);
  deletions = g_array_sized_new (FALSE, FALSE, sizeof (Variant), names->len * 16);
  for (guint i = 0; i < names->len; i++)
    {
      const Name *name = &g_array_index (names, Name, i);
      g_autofree char *key = rapport_name_word_key (name->name);
      gsize length = strlen (name->name);
      Variant variant = { hash_without (key, strlen (key), 0, 0), i };

      /* the same name: every two of its clients */
      if (name->ids->len > 1)
        pair_names (pairs, name, name, RAPPORT_DUPLICATE_SAME_NAME);
      g_array_append_val (words, variant);

      /* short names one letter apart are different people (“Ana”, “Ann”) */
      if (g_utf8_strlen (name->name, -1) < 6)
        continue;
      variant.hash = hash_without (name->name, length, 0, 0);
      g_array_append_val (deletions, variant);
      for (const char *p = name->name; *p != '\0'; p = g_utf8_next_char (p))
        {
          variant.hash = hash_without (name->name, length, p - name->name, g_utf8_next_char (p) - p);
          g_array_append_val (deletions, variant);
        }
    }

  g_array_sort (words, compare_variants);
  pair_runs (words, names, FALSE, pairs);
  g_array_sort (deletions, compare_variants);
  /* one name's variants can repeat a hash (“anna” without either n) */
  drop_repeats (deletions);
  pair_runs (deletions, names, TRUE, pairs);
}
