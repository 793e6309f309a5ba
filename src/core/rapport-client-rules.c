/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* What a client must be to be saved, and what of it is searched: rules
 * that hold whatever database keeps the client. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-client-rules.h"
#include "rapport-error.h"
#include "rapport-set-str-private.h"
#include "rapport-text.h"

static char *
trimmed (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

static char *
compose_display_name (RapportClient *client,
                      const char    *given,
                      const char    *family,
                      const char    *organization)
{
  g_autofree char *display = trimmed (rapport_client_get_display_name (client));
  g_autofree char *full = NULL;

  if (*display != '\0')
    return g_steal_pointer (&display);

  full = g_strstrip (g_strjoin (" ", given, family, NULL));
  if (rapport_client_get_kind (client) == RAPPORT_CLIENT_COMPANY && *organization != '\0')
    return g_strdup (organization);
  if (*full != '\0')
    return g_steal_pointer (&full);
  return g_strdup (organization);
}

/* Keeps the non-empty contact points, trimmed, and checks each. */
static gboolean
tidy_contact_points (GPtrArray   *points,
                     gboolean     phones,
                     GError     **error)
{
  for (guint i = 0; i < points->len; )
    {
      RapportContactPoint *point = g_ptr_array_index (points, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *value = trimmed (point->value);
      g_autofree char *label = trimmed (point->label);

      if (*value == '\0')
        {
          g_ptr_array_remove_index (points, i);
          continue;
        }
      if (phones ? !rapport_phone_validate (value, &local_error)
                 : !rapport_email_validate (value, &local_error))
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       phones ? _("Phone %u: %s") : _("E-mail %u: %s"),
                       i + 1, local_error->message);
          return FALSE;
        }
      _rapport_set_str (&point->value, value);
      _rapport_set_str (&point->label, label);
      i++;
    }

  return TRUE;
}

static gboolean
text_is_valid (RapportClient  *client,
               GError        **error)
{
  const char *fields[] = {
    rapport_client_get_given_name (client),
    rapport_client_get_family_name (client),
    rapport_client_get_display_name (client),
    rapport_client_get_organization (client),
    rapport_client_get_notes (client),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (fields[i] != NULL && !g_utf8_validate (fields[i], -1, NULL))
      {
        g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                             _("A name or the notes are not valid text."));
        return FALSE;
      }
  return TRUE;
}

/**
 * rapport_client_tidy:
 * @client: a client a person entered or changed
 * @error: return location for a %RAPPORT_ERROR_INVALID error naming the field
 *
 * Checks what a person entered and tidies it in @client: trimmed names, a
 * display name composed when none was given, empty contact points and
 * addresses dropped, every phone, e-mail and the birthday checked.
 *
 * Returns: whether @client may be saved
 */
gboolean
rapport_client_tidy (RapportClient  *client,
                     GError        **error)
{
  g_autofree char *given = NULL;
  g_autofree char *family = NULL;
  g_autofree char *organization = NULL;
  g_autofree char *display = NULL;
  GPtrArray *addresses;
  const char *birthday;

  g_return_val_if_fail (RAPPORT_IS_CLIENT (client), FALSE);

  if (!text_is_valid (client, error))
    return FALSE;

  given = trimmed (rapport_client_get_given_name (client));
  family = trimmed (rapport_client_get_family_name (client));
  organization = trimmed (rapport_client_get_organization (client));
  display = compose_display_name (client, given, family, organization);
  addresses = rapport_client_get_addresses (client);
  birthday = rapport_client_get_birthday (client);

  if (*display == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("A client needs a name or an organization."));
      return FALSE;
    }
  if (birthday != NULL && !rapport_date_validate (birthday, error))
    {
      g_prefix_error (error, _("Birthday: "));
      return FALSE;
    }
  if (!tidy_contact_points (rapport_client_get_phones (client), TRUE, error)
      || !tidy_contact_points (rapport_client_get_emails (client), FALSE, error))
    return FALSE;

  for (guint i = 0; i < addresses->len; )
    if (rapport_address_is_empty (g_ptr_array_index (addresses, i)))
      g_ptr_array_remove_index (addresses, i);
    else
      i++;

  rapport_client_set_given_name (client, given);
  rapport_client_set_family_name (client, family);
  rapport_client_set_organization (client, organization);
  rapport_client_set_display_name (client, display);
  return TRUE;
}

/**
 * rapport_client_dup_sort_key:
 * @client: a client
 *
 * Returns: (transfer full): what orders clients by name: the display name
 *   folded, so that case, accents and script variants do not move a name
 */
char *
rapport_client_dup_sort_key (RapportClient *client)
{
  return rapport_text_fold (rapport_client_get_display_name (client));
}

/* A field already in the text is left out: the given and family names
 * inside the display name, the digits of a number written as bare digits.
 * Folding makes every field one line (it turns line breaks into spaces),
 * and so is every folded query, so whatever a query finds in such a field
 * it finds in the line that holds it, and the trigram index has fewer
 * trigrams to write. */
static void
append_folded (GString    *text,
               const char *field)
{
  g_autofree char *folded = rapport_text_fold (field);

  g_strdelimit (folded, RAPPORT_WORD_START_MARK, ' ');
  if (*folded == '\0' || strstr (text->str, folded) != NULL)
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, folded);
}

static int
compare_words (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A last line of marks, RAPPORT_WORD_START_MARK around the first two
 * letters and the first letter of each word of the names: a one- or
 * two-letter search looks for them. The mark is taken out of every field
 * (append_folded()) and of every query, so only these are found. */
static void
append_word_starts (GString       *text,
                    RapportClient *client)
{
  g_autoptr(GPtrArray) words = rapport_client_dup_name_words (client);
  g_autoptr(GString) marks = g_string_new (NULL);

  g_ptr_array_sort (words, compare_words);
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      const char *second = g_utf8_next_char (word);
      const char *third = *second != '\0' ? g_utf8_next_char (second) : second;
      g_autofree char *mark = g_strdup_printf (RAPPORT_WORD_START_MARK "%.*s" RAPPORT_WORD_START_MARK
                                               "%.*s" RAPPORT_WORD_START_MARK,
                                               (int) (third - word), word, (int) (second - word), word);

      if (strstr (marks->str, mark) == NULL)
        g_string_append (marks, mark);
    }
  if (marks->len == 0)
    return;
  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, marks->str);
}

/**
 * rapport_client_dup_search_text:
 * @client: a client with its phones, e-mails and addresses
 *
 * The text a substring search looks in: names, organization, phones (as
 * written and as bare digits), e-mails, addresses and notes, each folded
 * (rapport_text_fold()) and on a line of its own, so that no match spans
 * two fields.
 *
 * Returns: (transfer full): the text
 */
char *
rapport_client_dup_search_text (RapportClient *client)
{
  GString *text = g_string_new (NULL);
  GPtrArray *phones = rapport_client_get_phones (client);
  GPtrArray *emails = rapport_client_get_emails (client);
  GPtrArray *addresses = rapport_client_get_addresses (client);

  append_folded (text, rapport_client_get_display_name (client));
  append_folded (text, rapport_client_get_given_name (client));
  append_folded (text, rapport_client_get_family_name (client));
  append_folded (text, rapport_client_get_organization (client));

  for (guint i = 0; i < phones->len; i++)
    {
      RapportContactPoint *phone = g_ptr_array_index (phones, i);
      g_autofree char *digits = rapport_text_digits (phone->value);

      append_folded (text, phone->value);
      append_folded (text, digits);
    }
  for (guint i = 0; i < emails->len; i++)
    append_folded (text, ((RapportContactPoint *) g_ptr_array_index (emails, i))->value);
  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *address = rapport_address_format (g_ptr_array_index (addresses, i));

      append_folded (text, address);
    }
  append_folded (text, rapport_client_get_notes (client));
  append_word_starts (text, client);

  return g_string_free (text, FALSE);
}

static void
add_words (GHashTable *words,
           const char *field)
{
  g_autofree char *folded = rapport_text_fold (field);
  const char *start = NULL;

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          if (start == NULL)
            start = p;
          continue;
        }
      if (start != NULL)
        g_hash_table_add (words, g_strndup (start, p - start));
      start = NULL;
      if (c == 0)
        break;
    }
}

/**
 * rapport_client_dup_name_words:
 * @client: a client
 *
 * The distinct folded words of the client's names and organization: what
 * a one- or two-letter search matches the start of.
 *
 * Returns: (transfer full) (element-type utf8): the words
 */
GPtrArray *
rapport_client_dup_name_words (RapportClient *client)
{
  g_autoptr(GHashTable) words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer word;

  add_words (words, rapport_client_get_display_name (client));
  add_words (words, rapport_client_get_given_name (client));
  add_words (words, rapport_client_get_family_name (client));
  add_words (words, rapport_client_get_organization (client));

  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    {
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (result, word);
    }
  return result;
}

/* The text a list row shows of @client, folded: names, organization, the
 * first phone (also as digits), the first e-mail and the tags. */
static char *
dup_shown_text (RapportClient *client)
{
  GString *text = g_string_new (NULL);
  g_autofree char *digits = rapport_text_digits (rapport_client_get_main_phone (client));
  g_autofree char *tags = rapport_client_dup_tags_text (client);

  append_folded (text, rapport_client_get_display_name (client));
  append_folded (text, rapport_client_get_given_name (client));
  append_folded (text, rapport_client_get_family_name (client));
  append_folded (text, rapport_client_get_organization (client));
  append_folded (text, rapport_client_get_main_phone (client));
  append_folded (text, digits);
  append_folded (text, rapport_client_get_main_email (client));
  append_folded (text, tags);
  return g_string_free (text, FALSE);
}

/* Whether @field, folded, holds one of @words that @shown does not. */
static gboolean
holds_hidden_word (const char  *field,
                   char       **words,
                   const char  *shown)
{
  g_autofree char *folded = rapport_text_fold (field);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (shown, words[i]) == NULL && strstr (folded, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The first line of @notes that holds a hidden word: a row has one line. */
static char *
dup_notes_line (const char  *notes,
                char       **words,
                const char  *shown)
{
  g_auto(GStrv) lines = g_strsplit (notes, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (holds_hidden_word (lines[i], words, shown))
      return g_strstrip (g_strdup (lines[i]));
  return g_strstrip (g_strdup (notes));
}

static gboolean
phone_starts_or_holds (const char *number,
                       const char *key,
                       const char *digits,
                       gboolean    whole,
                       const char *region)
{
  g_autofree char *number_key = rapport_phone_match_key (number, region);
  g_autofree char *number_digits = rapport_text_digits (number);

  return (number_key != NULL && g_str_has_prefix (number_key, key))
         || (!whole && strstr (number_digits, digits) != NULL);
}

/* Which phone a phone-like @text found: the first, shown (TRUE), another
 * (TRUE, in @matched), or none of them (FALSE: it matched other digits). */
static gboolean
find_phone (RapportClient  *client,
            const char     *text,
            const char     *region,
            char          **matched)
{
  GPtrArray *phones = rapport_client_get_phones (client);
  g_autofree char *digits = rapport_text_digits (text);
  g_autofree char *key = NULL;
  gboolean whole = rapport_phone_query_is_whole (text, region);
  RapportPhoneForm form;

  key = rapport_phone_query_key (text, region, &form);
  if (key == NULL)
    return FALSE;

  for (guint i = 0; i < phones->len; i++)
    {
      RapportContactPoint *phone = g_ptr_array_index (phones, i);

      if (phone_starts_or_holds (phone->value, key, digits, whole, region))
        {
          if (i > 0)
            *matched = g_strdup (phone->value);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * rapport_client_find_hidden_match:
 * @client: a client a search found, with all its phones, e-mails and
 *   addresses
 * @text: what was searched for
 * @region: (nullable): the business's country (rapport_phone_match_key())
 * @matched: (out) (optional) (transfer full): the phone, e-mail, address
 *   or line of the notes that matched, when it is not shown
 *
 * Tells where a search found @client when a list row does not show it: a
 * second phone, a postcode, a note.
 *
 * Returns: where @text matched
 */
RapportClientMatch
rapport_client_find_hidden_match (RapportClient  *client,
                                  const char     *text,
                                  const char     *region,
                                  char          **matched)
{
  g_autofree char *folded = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *found = NULL;
  g_auto(GStrv) words = NULL;
  GPtrArray *phones, *emails, *addresses;
  RapportClientMatch match = RAPPORT_CLIENT_MATCH_SHOWN;

  g_return_val_if_fail (RAPPORT_IS_CLIENT (client), RAPPORT_CLIENT_MATCH_SHOWN);

  folded = rapport_text_fold (text);
  if (*folded == '\0')
    return RAPPORT_CLIENT_MATCH_SHOWN;

  /* Most searches are for a name: the name alone settles them, which is
   * one fold where the whole row's text is eight (a list binds hundreds
   * of rows a keystroke). */
  words = g_strsplit (folded, " ", -1);
  {
    g_autofree char *name = rapport_text_fold (rapport_client_get_display_name (client));
    gboolean all = TRUE;

    for (guint i = 0; words[i] != NULL && all; i++)
      all = strstr (name, words[i]) != NULL;
    if (all)
      return RAPPORT_CLIENT_MATCH_SHOWN;
  }

  if (rapport_text_is_phone_like (text) && find_phone (client, text, region, &found))
    match = found != NULL ? RAPPORT_CLIENT_MATCH_PHONE : RAPPORT_CLIENT_MATCH_SHOWN;
  else
    {
      shown = dup_shown_text (client);
      phones = rapport_client_get_phones (client);
      emails = rapport_client_get_emails (client);
      addresses = rapport_client_get_addresses (client);

      for (guint i = 1; i < phones->len && found == NULL; i++)
        {
          RapportContactPoint *phone = g_ptr_array_index (phones, i);
          g_autofree char *digits = rapport_text_digits (phone->value);

          if (holds_hidden_word (phone->value, words, shown) || holds_hidden_word (digits, words, shown))
            found = g_strdup (phone->value), match = RAPPORT_CLIENT_MATCH_PHONE;
        }
      for (guint i = 1; i < emails->len && found == NULL; i++)
        {
          RapportContactPoint *email = g_ptr_array_index (emails, i);

          if (holds_hidden_word (email->value, words, shown))
            found = g_strdup (email->value), match = RAPPORT_CLIENT_MATCH_EMAIL;
        }
      for (guint i = 0; i < addresses->len && found == NULL; i++)
        {
          g_autofree char *address = rapport_address_format (g_ptr_array_index (addresses, i));

          if (holds_hidden_word (address, words, shown))
            {
              g_auto(GStrv) lines = g_strsplit (address, "\n", -1);

              found = g_strjoinv (", ", lines);
              match = RAPPORT_CLIENT_MATCH_ADDRESS;
            }
        }
      if (found == NULL && holds_hidden_word (rapport_client_get_notes (client), words, shown))
        {
          found = dup_notes_line (rapport_client_get_notes (client), words, shown);
          match = RAPPORT_CLIENT_MATCH_NOTES;
        }
    }

  if (matched != NULL)
    *matched = g_steal_pointer (&found);
  return match;
}
