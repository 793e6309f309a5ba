/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-phone-region.h"
#include "rapport-text.h"

static void
assert_fold (const char *text,
             const char *expected)
{
  g_autofree char *folded = rapport_text_fold (text);

  g_assert_cmpstr (folded, ==, expected);
}

static void
test_fold (void)
{
  assert_fold ("José GARCÍA", "jose garcia");
  assert_fold ("Łódź", "lodz");
  assert_fold ("Wiśniewski", "wisniewski");
  assert_fold ("Ärztin Groß", "arztin gross");
  assert_fold ("Фёдоров", "федоров");
  assert_fold ("ИВАНОВА", "иванова");
  assert_fold ("  several   spaces\there ", "several spaces here");
  /* Arabic yeh and kaf are Persian yeh and keheh; ZWNJ and tatweel vanish. */
  assert_fold ("علي", "علی");
  assert_fold ("كريمي", "کریمی");
  assert_fold ("می‌خواهم", "میخواهم");
  assert_fold ("مـحـمد", "محمد");
  /* Digits of every script are ASCII digits. */
  assert_fold ("۰۹۱۲ ۳۴۵ ۶۷۸۹", "0912 345 6789");
  assert_fold ("٠١٢", "012");
  assert_fold (NULL, "");
  assert_fold ("", "");
  /* Plain ASCII folds as any text does: tab, line and page breaks are
   * white space, a vertical tab and other control characters are not. */
  assert_fold ("\r\n Mary-Ann O'NEIL,\f\tNo. 42 \n", "mary-ann o'neil, no. 42");
  assert_fold ("A\vB\x01C\x7f", "a\vb\x01c\x7f");
  assert_fold (" \t ", "");
  /* Invalid UTF-8 never crashes. */
  {
    g_autofree char *folded = rapport_text_fold ("ab\xff\xfe" "cd");
    g_assert_true (g_utf8_validate (folded, -1, NULL));
  }
}

static void
test_digits (void)
{
  g_autofree char *a = rapport_text_digits ("+7 (916) 123-45-67");
  g_autofree char *b = rapport_text_digits ("۰۹۱۲ ۳۴۵");
  g_autofree char *c = rapport_text_digits ("no digits");

  g_assert_cmpstr (a, ==, "79161234567");
  g_assert_cmpstr (b, ==, "0912345");
  g_assert_cmpstr (c, ==, "");
}

static void
assert_same_keys (const char        *region,
                  const char * const *numbers)
{
  g_autofree char *first = rapport_phone_match_key (numbers[0], region);

  g_assert_nonnull (first);
  for (guint i = 1; numbers[i] != NULL; i++)
    {
      g_autofree char *key = rapport_phone_match_key (numbers[i], region);

      if (g_strcmp0 (key, first) != 0)
        g_error ("In “%s”, “%s” and “%s” should be one number: %s, %s",
                 region, numbers[0], numbers[i], first, key);
    }
}

/* The forms people write one number in, per country: with its calling
 * code, the trunk prefix, the calling code without “+”, 00 or 810, and
 * Persian digits. */
static void
test_phone_key (void)
{
  const char * const russia[] = { "+7 (916) 123-45-67", "89161234567", "916 123 4567",
                                  "8-916-123-45-67", "7 916 123 45 67", "8 10 7 916 123 45 67",
                                  "00 7 916 1234567", NULL };
  const char * const britain[] = { "+44 20 7946 0958", "020 7946 0958", "+44 (0)20 7946 0958",
                                   "0044 20 7946 0958", "20 7946 0958", NULL };
  const char * const iran[] = { "+98 912 345 6789", "0912 345 6789", "۰۹۱۲ ۳۴۵ ۶۷۸۹",
                                "+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹", NULL };
  const char * const ukraine[] = { "+380 67 123 4567", "067 123 45 67", "(067) 123-45-67", NULL };
  const char * const poland[] = { "+48 22 123 45 67", "22 123 45 67", "0 22 123 45 67", NULL };
  const char * const italy[] = { "+39 06 1234 5678", "06 1234 5678", NULL };
  const char * const us[] = { "+1 212 555 0100", "(212) 555-0100", "1-212-555-0100", NULL };
  g_autofree char *short_key = rapport_phone_match_key ("12-34", "");
  g_autofree char *too_short = rapport_phone_match_key ("12", "RU");
  g_autofree char *london = rapport_phone_match_key ("+44 20 0979 3621", "GB");
  g_autofree char *mobile = rapport_phone_match_key ("+44 7009 793621", "GB");
  g_autofree char *russian = rapport_phone_match_key ("+7 916 123-45-67", "");
  g_autofree char *national = rapport_phone_match_key ("8 916 123-45-67", "");
  g_autofree char *other = rapport_phone_match_key ("+7 916 123-45-68", "RU");
  g_autofree char *with_ext = rapport_phone_match_key ("+7 916 123-45-67 ext. 12", "RU");

  assert_same_keys ("RU", russia);
  assert_same_keys ("ru", russia);
  assert_same_keys ("GB", britain);
  assert_same_keys ("IR", iran);
  assert_same_keys ("UA", ukraine);
  assert_same_keys ("PL", poland);
  assert_same_keys ("IT", italy);
  assert_same_keys ("US", us);

  /* Different numbers that share their last nine digits are two numbers. */
  g_assert_cmpstr (london, ==, "442009793621");
  g_assert_cmpstr (mobile, ==, "447009793621");
  /* Without the business's country, a national form is only itself. */
  g_assert_cmpstr (russian, ==, "79161234567");
  g_assert_cmpstr (national, ==, "89161234567");
  g_assert_cmpstr (short_key, ==, "1234");
  g_assert_null (too_short);
  g_assert_cmpstr (other, !=, russian);
  g_assert_cmpstr (with_ext, ==, russian);
}

static void
test_phone_query (void)
{
  static const struct
  {
    const char *region;
    const char *typed;
    const char *key;
    gboolean    whole;
  } cases[] = {
    { "RU", "8916396", "7916396", FALSE },
    { "RU", "891639693", "791639693", FALSE },
    { "RU", "8 916 396-93-49", "79163969349", TRUE },
    { "RU", "+7 916", "7916", TRUE },
    { "RU", "+7 91", "791", TRUE },
    { "RU", "916 39", "791639", FALSE },
    { "GB", "020 79", "442079", FALSE },
    { "GB", "+44 20", "4420", TRUE },
    { "IR", "۰۹۱۲ ۳", "989123", FALSE },
    { "UA", "067 12", "3806712", FALSE },
    { "PL", "0 22 1", "48221", FALSE },
    { "", "8916396", "8916396", FALSE },
    { "", "00 44 20", "4420", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RapportPhoneForm form;
      g_autofree char *key = rapport_phone_query_key (cases[i].typed, cases[i].region, &form);

      g_assert_cmpstr (key, ==, cases[i].key);
      g_assert_cmpint (rapport_phone_query_is_whole (cases[i].typed, cases[i].region), ==,
                       cases[i].whole);
    }

  {
    RapportPhoneForm form;
    g_autofree char *words = rapport_phone_query_key ("Room 101", "RU", &form);

    g_assert_null (words);
  }
}

static void
test_short_phone (void)
{
  g_assert_true (rapport_text_is_short_phone ("9"));
  g_assert_true (rapport_text_is_short_phone ("91"));
  g_assert_true (rapport_text_is_short_phone ("+"));
  g_assert_true (rapport_text_is_short_phone ("+7 "));
  g_assert_true (rapport_text_is_short_phone ("۹۱"));
  g_assert_false (rapport_text_is_short_phone ("916"));
  g_assert_false (rapport_text_is_short_phone ("a9"));
  g_assert_false (rapport_text_is_short_phone (""));
  g_assert_false (rapport_text_is_short_phone ("-"));
}

static void
test_phone_region (void)
{
  g_autofree char *russia = rapport_phone_region_from_locale ("ru_RU.UTF-8");
  g_autofree char *iran = rapport_phone_region_from_locale ("fa_IR");
  g_autofree char *modifier = rapport_phone_region_from_locale ("uk_UA@euro");
  g_autofree char *none = rapport_phone_region_from_locale ("C.UTF-8");
  g_autofree char *unknown = rapport_phone_region_from_locale ("en_AQ.UTF-8");
  guint n_regions;
  const RapportPhoneRegion *all = rapport_phone_region_get_all (&n_regions);

  g_assert_cmpstr (russia, ==, "RU");
  g_assert_cmpstr (iran, ==, "IR");
  g_assert_cmpstr (modifier, ==, "UA");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (unknown, ==, "");
  g_assert_null (rapport_phone_region_lookup (""));
  g_assert_null (rapport_phone_region_lookup (NULL));
  g_assert_cmpstr (rapport_phone_region_lookup ("pl")->calling_code, ==, "48");

  /* Sorted and each known once: the preferences list them in this order. */
  for (guint i = 1; i < n_regions; i++)
    g_assert_cmpint (strcmp (all[i - 1].region, all[i].region), <, 0);
}

static void
test_phone_like (void)
{
  g_assert_true (rapport_text_is_phone_like ("+7 (916) 123-45-67"));
  g_assert_true (rapport_text_is_phone_like ("916"));
  g_assert_true (rapport_text_is_phone_like ("۰۹۱۲"));
  g_assert_false (rapport_text_is_phone_like ("91"));
  g_assert_false (rapport_text_is_phone_like ("Room 101"));
  g_assert_false (rapport_text_is_phone_like (""));
}

static void
assert_phone (const char *phone,
              gboolean    valid)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rapport_phone_validate (phone, &error), ==, valid);
  if (valid)
    g_assert_no_error (error);
  else
    {
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_phone_validate (void)
{
  assert_phone ("+7 (916) 123-45-67", TRUE);
  assert_phone ("0912 345 6789", TRUE);
  assert_phone ("۰۹۱۲ ۳۴۵ ۶۷۸۹", TRUE);
  assert_phone ("+1 415 555 0100 ext 12", TRUE);
  assert_phone ("020 7946 0958 x3", TRUE);
  assert_phone ("12", FALSE);
  assert_phone ("call me", FALSE);
  assert_phone ("916+123", FALSE);
  assert_phone ("123 ext", FALSE);
  assert_phone ("123456789012345678901", FALSE);
}

static void
assert_email (const char *email,
              gboolean    valid,
              const char *message_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (rapport_email_validate (email, &error), ==, valid);
  if (valid)
    g_assert_no_error (error);
  else
    {
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
      if (message_part != NULL)
        g_assert_nonnull (strstr (error->message, message_part));
    }
}

static void
test_email_validate (void)
{
  assert_email ("anna@example.com", TRUE, NULL);
  assert_email ("a.b+tag@mail.example.co.uk", TRUE, NULL);
  assert_email ("иван@пример.рф", TRUE, NULL);
  assert_email ("bob@", FALSE, "bob@");
  assert_email ("bob", FALSE, "@");
  assert_email ("@example.com", FALSE, NULL);
  assert_email ("bob@example", FALSE, NULL);
  assert_email ("bob@@example.com", FALSE, NULL);
  assert_email ("bob smith@example.com", FALSE, NULL);
  assert_email ("bob@-example.com", FALSE, NULL);
  assert_email ("bob@example..com", FALSE, NULL);
}

static void
test_date_validate (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rapport_date_validate ("2024-02-29", NULL));
  g_assert_false (rapport_date_validate ("2023-02-29", NULL));
  g_assert_false (rapport_date_validate ("2024-13-01", NULL));
  g_assert_false (rapport_date_validate ("2024-1-1", NULL));
  g_assert_false (rapport_date_validate ("2024-01-01x", NULL));
  g_assert_false (rapport_date_validate (" 2024-03-1", NULL));
  g_assert_false (rapport_date_validate ("2024-+3-01", NULL));
  g_assert_false (rapport_date_validate ("-024-03-01", NULL));
  g_assert_false (rapport_date_validate ("2024-03-0\xff", NULL));
  g_assert_false (rapport_date_validate ("0000-01-01", NULL));
  g_assert_false (rapport_date_validate (NULL, NULL));
  g_assert_true (rapport_date_validate ("0001-01-01", NULL));
  g_assert_true (rapport_date_validate ("9999-12-31", NULL));
  g_assert_false (rapport_date_validate ("tomorrow", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "tomorrow"));
}

/* Keys of text that is not UTF-8 are made from what can be read, without
 * reading past the end (AddressSanitizer watches). */
static void
test_match_keys_of_broken_text (void)
{
  const char *broken[] = { "\xff", "Bob@\xc3", "\xe2\x82", "ann@example.com\xf0\x9f\x98" };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *email = rapport_email_match_key (broken[i]);
      g_autofree char *phone = rapport_phone_match_key (broken[i], "RU");
      g_autofree char *folded = rapport_text_fold (broken[i]);

      g_assert_true (g_utf8_validate (email, -1, NULL));
      g_assert_true (g_utf8_validate (folded, -1, NULL));
      g_assert_null (phone);
    }
  {
    g_autofree char *key = rapport_email_match_key ("Bob@Example.COM\xc3");
    g_assert_true (g_str_has_prefix (key, "bob@example.com"));
  }
}

static void
test_initials (void)
{
  g_autofree char *a = rapport_text_initials ("anna kowalska");
  g_autofree char *b = rapport_text_initials ("Иван");
  g_autofree char *c = rapport_text_initials ("  ");

  g_assert_cmpstr (a, ==, "AK");
  g_assert_cmpstr (b, ==, "И");
  g_assert_cmpstr (c, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/text/fold", test_fold);
  g_test_add_func ("/rapport/text/digits", test_digits);
  g_test_add_func ("/rapport/text/phone-key", test_phone_key);
  g_test_add_func ("/rapport/text/phone-query", test_phone_query);
  g_test_add_func ("/rapport/text/short-phone", test_short_phone);
  g_test_add_func ("/rapport/text/phone-region", test_phone_region);
  g_test_add_func ("/rapport/text/phone-like", test_phone_like);
  g_test_add_func ("/rapport/text/phone-validate", test_phone_validate);
  g_test_add_func ("/rapport/text/email-validate", test_email_validate);
  g_test_add_func ("/rapport/text/date-validate", test_date_validate);
  g_test_add_func ("/rapport/text/initials", test_initials);
  g_test_add_func ("/rapport/text/match-keys-of-broken-text", test_match_keys_of_broken_text);

  return g_test_run ();
}
