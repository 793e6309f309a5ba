/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-text.h"

/* A phone number matches another when their last nine digits agree: that is
 * what survives every way of writing one number (+7 916…, 8 916…, 916…; +44 20…,
 * 020…; +98 912…, 0912…), and nine digits are few enough for short national
 * numbers (Poland) and many enough to tell a business's clients apart. */
#define PHONE_KEY_DIGITS 9
#define PHONE_MIN_DIGITS 3
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

  if (text == NULL || *text == '\0')
    return g_strdup ("");

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
 * rapport_phone_match_key:
 * @phone: a phone number as a person wrote it
 *
 * Returns: (transfer full) (nullable): the key two numbers share when they
 *   are the same number written two ways, or %NULL when @phone has too few
 *   digits to be a number
 */
char *
rapport_phone_match_key (const char *phone)
{
  g_autofree char *digits = rapport_text_digits (phone);
  gsize len = strlen (digits);

  if (len < PHONE_MIN_DIGITS)
    return NULL;
  if (len <= PHONE_KEY_DIGITS)
    return g_steal_pointer (&digits);

  return g_strdup (digits + len - PHONE_KEY_DIGITS);
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
