/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-error.h"
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
test_phone_key (void)
{
  const char *same[] = { "+7 (916) 123-45-67", "89161234567", "916 123 4567", "8-916-123-45-67" };
  g_autofree char *first = rapport_phone_match_key (same[0]);
  g_autofree char *short_key = rapport_phone_match_key ("12-34");
  g_autofree char *too_short = rapport_phone_match_key ("12");
  g_autofree char *persian = rapport_phone_match_key ("۰۹۱۲ ۳۴۵ ۶۷۸۹");
  g_autofree char *iran = rapport_phone_match_key ("+98 912 345 6789");
  g_autofree char *other = rapport_phone_match_key ("+7 916 123-45-68");

  for (guint i = 1; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *key = rapport_phone_match_key (same[i]);
      g_assert_cmpstr (key, ==, first);
    }
  g_assert_cmpstr (short_key, ==, "1234");
  g_assert_null (too_short);
  g_assert_cmpstr (persian, ==, iran);
  g_assert_cmpstr (other, !=, first);
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
      g_autofree char *phone = rapport_phone_match_key (broken[i]);
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
  g_test_add_func ("/rapport/text/phone-like", test_phone_like);
  g_test_add_func ("/rapport/text/phone-validate", test_phone_validate);
  g_test_add_func ("/rapport/text/email-validate", test_email_validate);
  g_test_add_func ("/rapport/text/date-validate", test_date_validate);
  g_test_add_func ("/rapport/text/initials", test_initials);
  g_test_add_func ("/rapport/text/match-keys-of-broken-text", test_match_keys_of_broken_text);

  return g_test_run ();
}
