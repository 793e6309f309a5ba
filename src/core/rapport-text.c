/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-phone-region.h"
#include "rapport-text.h"

/* Phone numbers match on their whole number, calling code first: see
 * rapport_phone_match_key(). */
#define PHONE_MIN_DIGITS 3
#define PHONE_FULL_NATIONAL 9
#define PHONE_MAX_DIGITS 20

static gunichar
fold_letter (gunichar c)
{
  /* Letters that Unicode does not decompose but that people type without
   * their marks, and the Arabic-script letters that Persian keyboards and
   * Arabic keyboards write differently. */
  switch (c)
    {
    case 0x0142: return 'l';     /* ł */
    case 0x0111: return 'd';     /* đ */
    case 0x00F8: return 'o';     /* ø */
    case 0x0127: return 'h';     /* ħ */
    case 0x0131: return 'i';     /* dotless ı */
    case 0x064A: return 0x06CC;  /* Arabic yeh → Persian yeh */
    case 0x0649: return 0x06CC;  /* alef maksura → Persian yeh */
    case 0x0643: return 0x06A9;  /* Arabic kaf → keheh */
    case 0x0629: return 0x0647;  /* teh marbuta → heh */
    default: return c;
    }
}

static gboolean
is_ignorable (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK
      || type == G_UNICODE_SPACING_MARK
      || type == G_UNICODE_ENCLOSING_MARK
      || type == G_UNICODE_FORMAT        /* ZWNJ, ZWJ, bidi marks */
      || c == 0x0640;                    /* tatweel */
}

/* rapport_text_fold() of text that is all ASCII, without the Unicode
 * tables: what a bulk insert folds most (names, e-mails, phones), a few
 * times a client. The same result: NFKD and case folding of ASCII are
 * its lower case; white space is what g_unichar_isspace() says (not the
 * vertical tab); other control characters stay. */
static char *
fold_ascii (const char *text,
            gsize       length)
{
  GString *out = g_string_sized_new (length);
  gboolean pending_space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = *p;

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        {
          g_string_append_c (out, ' ');
          pending_space = FALSE;
        }
      g_string_append_c (out, g_ascii_tolower (c));
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_ascii (const char *text,
          gsize      *length)
{
  const char *p;

  for (p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  *length = p - text;
  return TRUE;
}

/**
 * rapport_text_fold:
 * @text: (nullable): UTF-8 text
 *
 * Folds case, accents and script variants away, turns every decimal digit
 * into an ASCII one and collapses white space, so that what a person types
 * matches what was stored however either was written.
 *
 * Returns: (transfer full): the folded text, never %NULL
 */
char *
rapport_text_fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean pending_space = FALSE;
  gsize length;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  if (is_ascii (text, &length))
    return fold_ascii (text, length);

  valid = g_utf8_make_valid (text, -1);
  decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKD);
  folded = g_utf8_casefold (decomposed, -1);
  out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int digit;

      if (is_ignorable (c))
        continue;
      if (g_unichar_isspace (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        {
          g_string_append_c (out, ' ');
          pending_space = FALSE;
        }
      digit = g_unichar_digit_value (c);
      if (digit >= 0)
        g_string_append_c (out, (char) ('0' + digit));
      else
        g_string_append_unichar (out, fold_letter (c));
    }

  return g_string_free (out, FALSE);
}

/**
 * rapport_text_digits:
 * @text: (nullable): UTF-8 text
 *
 * Returns: (transfer full): the decimal digits of @text, in any script,
 *   as ASCII digits
 */
char *
rapport_text_digits (const char *text)
{
  GString *out = g_string_new (NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_string_free (out, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int digit = g_unichar_digit_value (g_utf8_get_char (p));

      if (digit >= 0)
        g_string_append_c (out, (char) ('0' + digit));
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_phone_punctuation (gunichar c)
{
  return c == '+' || c == '-' || c == '(' || c == ')' || c == '.' || c == '/'
      || c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0x00A0
      || g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_FORMAT;
}

/**
 * rapport_text_is_phone_like:
 * @text: UTF-8 text
 *
 * Returns: %TRUE when @text holds only digits and the punctuation people
 *   write phone numbers with, and at least three digits
 */
gboolean
rapport_text_is_phone_like (const char *text)
{
  guint digits = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_digit_value (c) >= 0)
        digits++;
      else if (!is_phone_punctuation (c))
        return FALSE;
    }

  return digits >= PHONE_MIN_DIGITS;
}

/**
 * rapport_text_is_short_phone:
 * @text: UTF-8 text
 *
 * Returns: %TRUE when @text is the start of a phone number too short to
 *   search for yet: a “+” or one or two digits, with phone punctuation
 */
gboolean
rapport_text_is_short_phone (const char *text)
{
  guint digits = 0;
  gboolean plus = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_digit_value (c) >= 0)
        digits++;
      else if (!is_phone_punctuation (c))
        return FALSE;
      plus = plus || c == '+';
    }

  return digits < PHONE_MIN_DIGITS && (digits > 0 || plus);
}

/* The number without its extension, lower-cased, and without the “(0)”
 * people write between a calling code and the rest: “+44 (0)20 …”. */
static char *
dup_main_part (const char *phone)
{
  g_autofree char *lower = g_utf8_strdown (phone, -1);
  const char *ext = strstr (lower, "ext");
  GString *main_part;

  if (ext == NULL)
    ext = strchr (lower, 'x');
  main_part = g_string_new_len (lower, ext ? ext - lower : (gssize) strlen (lower));
  g_string_replace (main_part, "(0)", "", 0);
  return g_strstrip (g_string_free (main_part, FALSE));
}

/* The digits of @phone with its calling code first, when its country can
 * be told: from a “+” or an international prefix (00; 810 where the trunk
 * prefix is 8; 011 in North America), else from @region, whose trunk
 * prefix is dropped. Without either, the digits as written. */
static char *
dup_key_digits (const char     *phone,
                const char     *region,
                RapportPhoneForm *form)
{
  g_autofree char *main_part = dup_main_part (phone);
  g_autofree char *digits = rapport_text_digits (main_part);
  const RapportPhoneRegion *known = rapport_phone_region_lookup (region);
  const char *cc, *trunk;

  *form = RAPPORT_PHONE_INTERNATIONAL;
  if (main_part[0] == '+')
    return g_steal_pointer (&digits);
  /* No calling code starts with 0: “000 11” is a fragment, not 00 + 011. */
  if (g_str_has_prefix (digits, "00") && digits[2] >= '1' && digits[2] <= '9')
    return g_strdup (digits + 2);

  *form = RAPPORT_PHONE_UNKNOWN_COUNTRY;
  if (known == NULL)
    return g_steal_pointer (&digits);

  cc = known->calling_code;
  trunk = known->trunk_prefix;
  *form = RAPPORT_PHONE_INTERNATIONAL;
  if ((g_str_equal (trunk, "8") && g_str_has_prefix (digits, "810"))
      || (g_str_equal (cc, "1") && g_str_has_prefix (digits, "011")))
    return g_strdup (digits + 3);
  /* The calling code typed without its “+”: 7 916 123-45-67. */
  if (!g_str_equal (cc, trunk) && g_str_has_prefix (digits, cc)
      && strlen (digits) >= strlen (cc) + PHONE_FULL_NATIONAL + 1)
    return g_steal_pointer (&digits);

  if (*trunk != '\0' && g_str_has_prefix (digits, trunk))
    {
      *form = RAPPORT_PHONE_TRUNK;
      return g_strconcat (cc, digits + strlen (trunk), NULL);
    }
  *form = RAPPORT_PHONE_NATIONAL;
  return g_strconcat (cc, digits, NULL);
}

/**
 * rapport_phone_match_key:
 * @phone: a phone number as a person wrote it
 * @region: (nullable): the ISO 3166 code of the business's own country,
 *   whose numbers people write without a calling code
 *
 * Two numbers match when they are the same whole number: calling code and
 * national number. `+7 (916) 123-45-67`, `8 916 123 45 67` and
 * `916 123-45-67` are one number for a business in Russia; `+44 20 0979
 * 3621` and `+44 7009 793621` are two. A number written without a calling
 * code is taken to be of @region; when no region is known, it matches only
 * the same digits written the same national way.
 *
 * Returns: (transfer full) (nullable): the key two numbers share when they
 *   are the same number written two ways, or %NULL when @phone has too few
 *   digits to be a number
 */
char *
rapport_phone_match_key (const char *phone,
                         const char *region)
{
  g_autofree char *digits = rapport_text_digits (phone);
  RapportPhoneForm form;

  if (strlen (digits) < PHONE_MIN_DIGITS || !g_utf8_validate (phone, -1, NULL))
    return NULL;

  return dup_key_digits (phone, region, &form);
}

/**
 * rapport_phone_international:
 * @phone: a number as written on the card
 * @region: (nullable): the business's country, for numbers written
 *   without a calling code
 *
 * Returns: (transfer full): “+” and the digits when the calling code is
 *   written or the country known, otherwise the number as written
 */
char *
rapport_phone_international (const char *phone,
                             const char *region)
{
  g_autofree char *key = NULL;
  const char *start = phone;

  while (*start == ' ')
    start++;
  key = rapport_phone_match_key (phone, region);
  if (key != NULL && (*start == '+' || g_str_has_prefix (start, "00") || (region != NULL && *region != '\0')))
    return g_strconcat ("+", key, NULL);
  return g_strstrip (g_strdup (phone));
}

/**
 * rapport_phone_query_key:
 * @text: the start of a phone number, as a person types it
 * @region: (nullable): as for rapport_phone_match_key()
 * @form: (out): how @text was written
 *
 * Returns: (transfer full) (nullable): what the match keys of the numbers
 *   that start with @text start with, or %NULL when @text is not the start
 *   of a phone number of at least three digits
 */
char *
rapport_phone_query_key (const char       *text,
                         const char       *region,
                         RapportPhoneForm *form)
{
  g_return_val_if_fail (form != NULL, NULL);

  if (!rapport_text_is_phone_like (text))
    return NULL;
  return dup_key_digits (text, region, form);
}

/**
 * rapport_phone_query_is_whole:
 * @text: what a person typed
 * @region: (nullable): as for rapport_phone_match_key()
 *
 * Returns: whether @text is written as a number with its country — with a
 *   “+” or an international prefix — or as a whole national number with
 *   its trunk prefix: such a query means that number, not any number that
 *   contains its digits
 */
gboolean
rapport_phone_query_is_whole (const char *text,
                              const char *region)
{
  const RapportPhoneRegion *known = rapport_phone_region_lookup (region);
  g_autofree char *key = NULL;
  RapportPhoneForm form;

  key = rapport_phone_query_key (text, region, &form);
  if (key == NULL)
    return FALSE;
  if (form == RAPPORT_PHONE_INTERNATIONAL)
    return TRUE;
  return form == RAPPORT_PHONE_TRUNK
         && strlen (key) >= strlen (known->calling_code) + PHONE_FULL_NATIONAL;
}

/**
 * rapport_email_match_key:
 * @email: an e-mail address
 *
 * Returns: (transfer full): the address trimmed and case-folded
 */
char *
rapport_email_match_key (const char *email)
{
  /* Case folding reads whole characters: invalid text is mended first. */
  g_autofree char *valid = g_utf8_make_valid (email ? email : "", -1);

  return g_utf8_casefold (g_strstrip (valid), -1);
}

/**
 * rapport_phone_validate:
 * @phone: a phone number as a person wrote it
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * Accepts digits in any script, the usual punctuation, a leading `+` and an
 * extension written as “ext” or “x”.
 */
gboolean
rapport_phone_validate (const char  *phone,
                        GError     **error)
{
  g_autofree char *lower = NULL;
  const char *ext;
  g_autofree char *main_part = NULL;
  g_autofree char *digits = NULL;

  if (phone == NULL || !g_utf8_validate (phone, -1, NULL))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The phone number is not valid text."));
      return FALSE;
    }

  lower = g_utf8_strdown (phone, -1);
  ext = strstr (lower, "ext");
  if (ext == NULL)
    ext = strchr (lower, 'x');
  main_part = g_strndup (lower, ext ? (gsize) (ext - lower) : strlen (lower));
  g_strstrip (main_part);

  for (const char *p = main_part; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_digit_value (c) >= 0)
        continue;
      if (c == '+' && p != main_part)
        {
          g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                               _("A “+” may only start a phone number."));
          return FALSE;
        }
      if (c != '+' && !is_phone_punctuation (c))
        {
          char letter[8] = { 0 };

          g_unichar_to_utf8 (c, letter);
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("A phone number cannot contain “%s”: use digits, spaces and + - ( )."),
                       letter);
          return FALSE;
        }
    }

  if (ext != NULL)
    {
      const char *rest = ext + (g_str_has_prefix (ext, "ext") ? 3 : 1);
      g_autofree char *ext_digits = rapport_text_digits (rest);

      if (*ext_digits == '\0')
        {
          g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                               _("The extension after “ext” has no digits."));
          return FALSE;
        }
    }

  digits = rapport_text_digits (main_part);
  if (strlen (digits) < PHONE_MIN_DIGITS)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A phone number needs at least %d digit.",
                                "A phone number needs at least %d digits.",
                                PHONE_MIN_DIGITS),
                   PHONE_MIN_DIGITS);
      return FALSE;
    }
  if (strlen (digits) > PHONE_MAX_DIGITS)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A phone number has at most %d digit.",
                                "A phone number has at most %d digits.",
                                PHONE_MAX_DIGITS),
                   PHONE_MAX_DIGITS);
      return FALSE;
    }

  return TRUE;
}

static gboolean
email_domain_is_valid (const char *domain)
{
  g_auto(GStrv) labels = NULL;

  if (*domain == '\0' || strchr (domain, '.') == NULL)
    return FALSE;

  labels = g_strsplit (domain, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = labels[i];
      gsize len = strlen (label);

      if (len == 0 || label[0] == '-' || label[len - 1] == '-')
        return FALSE;
      for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (!g_unichar_isalnum (c) && c != '-')
            return FALSE;
        }
    }

  return TRUE;
}

/**
 * rapport_email_validate:
 * @email: an e-mail address
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * Checks the shape a person can get wrong — one “@”, something before it, a
 * domain with a dot after it, no spaces — not whether the mailbox exists.
 */
gboolean
rapport_email_validate (const char  *email,
                        GError     **error)
{
  const char *at;

  if (email == NULL || !g_utf8_validate (email, -1, NULL))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The e-mail address is not valid text."));
      return FALSE;
    }

  for (const char *p = email; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      {
        g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                     _("The e-mail address “%s” contains a space."), email);
        return FALSE;
      }

  at = strchr (email, '@');
  if (at == NULL)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The e-mail address “%s” has no “@”."), email);
      return FALSE;
    }
  if (strchr (at + 1, '@') != NULL)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The e-mail address “%s” has more than one “@”."), email);
      return FALSE;
    }
  if (at == email || email[0] == '.' || at[-1] == '.')
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The e-mail address “%s” needs a name before the “@”."), email);
      return FALSE;
    }
  if (!email_domain_is_valid (at + 1))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The e-mail address “%s” is incomplete: it needs a domain such as “example.com” after the “@”."),
                   email);
      return FALSE;
    }

  return TRUE;
}

/* Reads exactly YYYY-MM-DD in ASCII digits: no sign, no space, nothing
 * before or after. */
static gboolean
parse_iso_date (const char *text,
                guint      *year,
                guint      *month,
                guint      *day)
{
  guint parts[3] = { 0, 0, 0 };
  static const guint ends[3] = { 4, 7, 10 };
  guint part = 0;

  if (text == NULL || strlen (text) != 10)
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i == ends[part])
        {
          if (text[i] != '-')
            return FALSE;
          part++;
          continue;
        }
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      parts[part] = parts[part] * 10 + (guint) (text[i] - '0');
    }

  *year = parts[0];
  *month = parts[1];
  *day = parts[2];
  return TRUE;
}

/**
 * rapport_date_validate:
 * @iso_date: a calendar date as `YYYY-MM-DD`
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * Accepts exactly four, two and two ASCII digits that name a day that
 * exists, between years 1 and 9999.
 */
gboolean
rapport_date_validate (const char  *iso_date,
                       GError     **error)
{
  guint year, month, day;
  g_autofree char *shown = NULL;

  if (parse_iso_date (iso_date, &year, &month, &day)
      && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return TRUE;

  shown = iso_date ? g_utf8_make_valid (iso_date, -1) : g_strdup ("");
  g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
               _("“%s” is not a date: write it as year-month-day, for example 2024-03-31."),
               shown);
  return FALSE;
}

/**
 * rapport_text_initials:
 * @name: a display name
 *
 * Returns: (transfer full): up to two initials, upper-cased
 */
char *
rapport_text_initials (const char *name)
{
  g_auto(GStrv) words = g_strsplit (name ? name : "", " ", -1);
  GString *out = g_string_new (NULL);
  guint taken = 0;

  for (guint i = 0; words[i] != NULL && taken < 2; i++)
    {
      gunichar c;

      if (words[i][0] == '\0' || !g_utf8_validate (words[i], -1, NULL))
        continue;
      c = g_utf8_get_char (words[i]);
      if (!g_unichar_isalnum (c))
        continue;
      g_string_append_unichar (out, g_unichar_toupper (c));
      taken++;
    }

  return g_string_free (out, FALSE);
}
