/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-client-rules.h"
#include "rapport-database-private.h"
#include "rapport-error.h"
#include "rapport-test-utils.h"

typedef struct
{
  RapportTestStore  *store;
  RapportClient *jose;
  RapportClient *malgorzata;
  RapportClient *ivan;
  RapportClient *irina;
  RapportClient *ali;
  RapportClient *company;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RapportAddress) address = rapport_address_new ();
  g_autoptr(GError) error = NULL;

  f->store = rapport_test_open_store ("search.db");
  f->jose = rapport_test_add_client (f->store, "José", "García", "+34 612 98 76 54", "jose.garcia@correo.es");
  f->malgorzata = rapport_test_add_client (f->store, "Małgorzata", "Wiśniewska", "+48 601 555 777", NULL);
  f->ivan = rapport_test_add_client (f->store, "Иван", "Фёдоров", "+7 (916) 123-45-67", "ivan@yandex.ru");
  f->irina = rapport_test_add_client (f->store, "Ирина", "Иванова", "8 903 404-12-88", NULL);
  f->ali = rapport_test_add_client (f->store, "علي", "كريمي", "۰۹۳۵ ۷۷۱ ۲۰۴۰", NULL);

  f->company = rapport_client_new ();
  rapport_client_set_kind (f->company, RAPPORT_CLIENT_COMPANY);
  rapport_client_set_organization (f->company, "Smith & Sons (Plumbing) Ltd");
  rapport_client_set_notes (f->company, "Gate code 1234*; ask for \"Big\" Joe. AND bring the -20% voucher");
  g_free (address->street);
  address->street = g_strdup ("221B Baker Street");
  g_free (address->locality);
  address->locality = g_strdup ("London");
  rapport_client_add_address (f->company, address);
  rapport_client_repository_save (f->store->clients, f->company, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->jose);
  g_clear_object (&f->malgorzata);
  g_clear_object (&f->ivan);
  g_clear_object (&f->irina);
  g_clear_object (&f->ali);
  g_clear_object (&f->company);
  g_clear_pointer (&f->store, rapport_test_store_free);
}

/* @text finds exactly @expected (NULL-terminated). */
static void
assert_finds (Fixture        *f,
              const char     *text,
              RapportClient **expected)
{
  g_autoptr(GArray) ids = rapport_test_search (f->store, text);
  guint n = 0;

  for (; expected[n] != NULL; n++)
    if (!rapport_test_ids_contain (ids, rapport_client_get_id (expected[n])))
      g_error ("“%s” did not find %s", text, rapport_client_get_display_name (expected[n]));
  if (ids->len != n)
    g_error ("“%s” found %u clients, expected %u", text, ids->len, n);
}

#define FINDS(text, ...) assert_finds (f, text, (RapportClient *[]) { __VA_ARGS__, NULL })
#define FINDS_NOTHING(text) assert_finds (f, text, (RapportClient *[]) { NULL })

static void
test_substring (Fixture       *f,
                gconstpointer  data)
{
  FINDS ("garc", f->jose);
  FINDS ("GARCÍA", f->jose);
  FINDS ("garcia", f->jose);
  FINDS ("correo.es", f->jose);
  FINDS ("baker", f->company);
  FINDS ("london", f->company);
  FINDS ("plumb", f->company);
  FINDS ("gate code", f->company);
  FINDS ("jose garc", f->jose);
  FINDS ("garc jos", f->jose);
  FINDS_NOTHING ("nobody-has-this");
}

static void
test_scripts (Fixture       *f,
              gconstpointer  data)
{
  /* Cyrillic: case and ё/е. */
  FINDS ("федор", f->ivan);
  FINDS ("ФЁДОРОВ", f->ivan);
  FINDS ("иван", f->ivan, f->irina);
  FINDS ("иванова", f->irina);
  /* Polish letters typed without their marks, or with. */
  FINDS ("wisniew", f->malgorzata);
  FINDS ("Wiśniew", f->malgorzata);
  FINDS ("malgo", f->malgorzata);
  FINDS ("MAŁGORZATA", f->malgorzata);
  /* Persian, typed with the Arabic yeh and kaf or the Persian ones. */
  FINDS ("کریمی", f->ali);
  FINDS ("كريمي", f->ali);
  FINDS ("علی", f->ali);
  FINDS ("ریم", f->ali);
}

static void
test_short_queries (Fixture       *f,
                    gconstpointer  data)
{
  /* One or two characters: the start of a name's words. */
  FINDS ("ma", f->malgorzata);
  FINDS ("w", f->malgorzata);
  FINDS ("и", f->ivan, f->irina);
  FINDS ("фе", f->ivan);
  FINDS ("Wi", f->malgorzata);
  FINDS ("Ł", f->company);
  FINDS ("s", f->company);
  FINDS ("j g", f->jose);
  FINDS ("ع", f->ali);
  FINDS_NOTHING ("zz");
  FINDS_NOTHING ("rc");
}

static void
set_region (Fixture    *f,
            const char *region)
{
  g_autoptr(GError) error = NULL;

  rapport_client_repository_set_phone_region (f->store->clients, region, &error);
  g_assert_no_error (error);
}

static void
test_phones (Fixture       *f,
             gconstpointer  data)
{
  set_region (f, "RU");
  FINDS ("916", f->ivan);
  FINDS ("123-45", f->ivan);
  FINDS ("(916) 123", f->ivan);
  FINDS ("89161234567", f->ivan);
  FINDS ("+7 916 123 45 67", f->ivan);
  FINDS ("404-12", f->irina);
  FINDS ("+79034041288", f->irina);
  FINDS ("0935 771", f->ali);
  FINDS ("۷۷۱ ۲۰۴۰", f->ali);
  FINDS ("601 555", f->malgorzata);
  FINDS ("1234", f->company, f->ivan);
}

/* A number is found from the first digits a person types, in the forms
 * they write it in: the trunk prefix, the calling code being typed. */
static void
test_phones_as_typed (Fixture       *f,
                      gconstpointer  data)
{
  const char *russian = "8916123456";
  g_autoptr(RapportClient) london = rapport_test_add_client (f->store, "Ada", "Lovelace",
                                                              "+44 20 0979 3621", NULL);
  g_autoptr(RapportClient) mobile = rapport_test_add_client (f->store, "Ann", "Other",
                                                              "+44 7009 793621", NULL);
  g_autoptr(RapportClient) kyiv = rapport_test_add_client (f->store, "Тарас", "Шевченко",
                                                            "+380 67 123 4567", NULL);

  set_region (f, "RU");
  /* 8 916 …, from the third digit to the last. */
  for (gsize len = 3; len <= strlen (russian); len++)
    {
      g_autofree char *typed = g_strndup (russian, len);
      g_autoptr(GArray) ids = rapport_test_search (f->store, typed);

      if (!rapport_test_ids_contain (ids, rapport_client_get_id (f->ivan)))
        g_error ("“%s” did not find +7 (916) 123-45-67", typed);
    }
  FINDS ("8 903 40", f->irina);
  FINDS ("+7 90", f->irina);
  FINDS ("+7 916", f->ivan);
  FINDS ("+791", f->ivan);
  FINDS ("00 7 916", f->ivan);
  /* + means the start of a number, not a fragment anywhere in one. */
  FINDS ("+44 7", mobile);
  FINDS ("+44 20", london);
  FINDS ("+380", kyiv);
  FINDS ("+380 6", kyiv);

  set_region (f, "GB");
  FINDS ("020 09", london);
  FINDS ("07009 79", mobile);
  FINDS ("07009 793621", mobile);
  FINDS ("020 0979 3621", london);

  set_region (f, "UA");
  FINDS ("067 12", kyiv);
  FINDS ("(067) 123-45-67", kyiv);

  set_region (f, "IR");
  FINDS ("0935 7", f->ali);
  FINDS ("۰۹۳۵ ۷۷", f->ali);
  FINDS ("+98 935 771 2040", f->ali);

  set_region (f, "PL");
  FINDS ("0601 55", f->malgorzata);
  FINDS ("601 555 7", f->malgorzata);
}

/* Different numbers that share their last nine digits are not one. */
static void
test_phone_whole_number (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RapportClient) london = rapport_test_add_client (f->store, "Ada", "Lovelace",
                                                              "+44 20 0979 3621", NULL);
  g_autoptr(RapportClient) mobile = rapport_test_add_client (f->store, "Ann", "Other",
                                                              "+44 7009 793621", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  set_region (f, "GB");
  found = rapport_client_repository_find_by_phone (f->store->clients, "020 0979 3621", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (rapport_client_get_id (g_ptr_array_index (found, 0)), ==, rapport_client_get_id (london));
  FINDS ("+44 7009 793621", mobile);
  FINDS ("+44 20 0979 3621", london);
}

/* One or two digits, or a lone “+”, are not searched yet. */
static void
test_phone_too_short (Fixture       *f,
                      gconstpointer  data)
{
  set_region (f, "RU");
  FINDS_NOTHING ("9");
  FINDS_NOTHING ("91");
  FINDS_NOTHING ("+");
  FINDS_NOTHING ("+7");
  FINDS_NOTHING ("۹");
  FINDS ("916", f->ivan);
}

static RapportClientMatch
hidden_match (Fixture    *f,
              gint64      id,
              const char *text,
              char      **matched)
{
  g_autoptr(GPtrArray) loaded = rapport_client_repository_load_details (f->store->clients, &id, 1, NULL);

  g_assert_nonnull (loaded);
  return rapport_client_find_hidden_match (g_ptr_array_index (loaded, 0), text, "PL", matched);
}

/* A client found through something its row does not show says what. */
static void
test_hidden_match (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RapportClient) client = rapport_client_new ();
  g_autoptr(RapportAddress) address = rapport_address_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;
  static const struct
  {
    const char         *text;
    RapportClientMatch  match;
    const char         *matched;
  } cases[] = {
    { "Zofia", RAPPORT_CLIENT_MATCH_SHOWN, NULL },
    { "601 555", RAPPORT_CLIENT_MATCH_SHOWN, NULL },
    { "+48 22 7", RAPPORT_CLIENT_MATCH_PHONE, "+48 22 777 00 11" },
    { "022 777", RAPPORT_CLIENT_MATCH_PHONE, "+48 22 777 00 11" },
    { "biuro", RAPPORT_CLIENT_MATCH_EMAIL, "biuro@example.pl" },
    { "zofia@", RAPPORT_CLIENT_MATCH_SHOWN, NULL },
    { "80-001", RAPPORT_CLIENT_MATCH_ADDRESS, "ul. Długa 5, 80-001 Gdańsk" },
    { "gdansk", RAPPORT_CLIENT_MATCH_ADDRESS, "ul. Długa 5, 80-001 Gdańsk" },
    { "parking", RAPPORT_CLIENT_MATCH_NOTES, "Parking behind the shop." },
    { "zofia parking", RAPPORT_CLIENT_MATCH_NOTES, "Parking behind the shop." },
  };

  rapport_client_set_given_name (client, "Zofia");
  rapport_client_set_family_name (client, "Nowak");
  rapport_client_add_phone (client, "mobile", "+48 601 555 123");
  rapport_client_add_phone (client, "work", "+48 22 777 00 11");
  rapport_client_add_email (client, "home", "zofia@example.pl");
  rapport_client_add_email (client, "work", "biuro@example.pl");
  g_free (address->street);
  address->street = g_strdup ("ul. Długa 5");
  g_free (address->locality);
  address->locality = g_strdup ("Gdańsk");
  g_free (address->postal_code);
  address->postal_code = g_strdup ("80-001");
  rapport_client_add_address (client, address);
  rapport_client_set_notes (client, "Pays in cash.\nParking behind the shop.");
  g_assert_true (rapport_client_repository_save (f->store->clients, client, &error));
  g_assert_no_error (error);
  id = rapport_client_get_id (client);
  set_region (f, "PL");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *matched = NULL;
      g_autoptr(GArray) ids = rapport_test_search (f->store, cases[i].text);

      /* The search finds the client, and says where. */
      if (!rapport_test_ids_contain (ids, id))
        g_error ("“%s” did not find the client", cases[i].text);
      g_assert_cmpint (hidden_match (f, id, cases[i].text, &matched), ==, cases[i].match);
      g_assert_cmpstr (matched, ==, cases[i].matched);
    }
}

/* The country can be set to none and back; a country not known is refused. */
static void
test_phone_region_setting (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *region = NULL;

  set_region (f, "");
  FINDS_NOTHING ("8916123");
  FINDS ("+7 916 123", f->ivan);
  set_region (f, "ru");
  region = rapport_client_repository_dup_phone_region (f->store->clients, &error);
  g_assert_cmpstr (region, ==, "RU");
  FINDS ("8916123", f->ivan);

  g_assert_false (rapport_client_repository_set_phone_region (f->store->clients, "XX", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
}

static void
test_literal (Fixture       *f,
              gconstpointer  data)
{
  /* What a person types is text, never query syntax: none of these may
   * fail, and each finds what contains it literally. */
  const char *odd[] = {
    "\"", "\"\"", "'", "*", "-", "(", ")", "AND", "OR", "NOT", "NEAR", "NEAR(a b)",
    "a OR b", "^", ":", "{", "}", "[", "]", "+", "\\", "%", "_", ";", "--", "/*", "*/",
    "' OR 1=1 --", "\"; DROP TABLE clients; --", "col:value", "a\"b", "🙂", "   ",
    "a AND", "AND OR NOT", "* * *", "\"unterminated", "x*", "-x", "é́́", NULL
  };
  g_autofree char *long_text = g_strnfill (5000, 'q');

  for (guint i = 0; odd[i] != NULL; i++)
    {
      g_autoptr(GArray) ids = rapport_test_search (f->store, odd[i]);
      (void) ids;
    }
  {
    g_autoptr(GArray) ids = rapport_test_search (f->store, long_text);
    g_assert_cmpuint (ids->len, ==, 0);
  }

  FINDS ("1234*", f->company);
  FINDS ("\"big\"", f->company);
  FINDS ("\"big\" joe", f->company);
  FINDS ("-20%", f->company);
  FINDS ("AND bring", f->company);
  FINDS ("(plumbing)", f->company);
  FINDS ("smith &", f->company);
  FINDS_NOTHING ("\"; DROP TABLE clients; --");
  FINDS ("", f->jose, f->malgorzata, f->ivan, f->irina, f->ali, f->company);
}

static void
test_sort_and_archive (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RapportInteraction) call = rapport_interaction_new (rapport_client_get_id (f->irina),
                                                                RAPPORT_INTERACTION_CALL);
  g_autoptr(RapportInteraction) older = rapport_interaction_new (rapport_client_get_id (f->jose),
                                                                 RAPPORT_INTERACTION_VISIT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) by_name = NULL;
  g_autoptr(GArray) by_contact = NULL;
  g_autoptr(GArray) with_archived = NULL;

  by_name = rapport_client_repository_search (f->store->clients, NULL, RAPPORT_CLIENT_SORT_NAME, FALSE, &error);
  g_assert_no_error (error);
  /* José < Małgorzata < Smith < Иван < Ирина < علی: folded names in code point order. */
  g_assert_cmpint (g_array_index (by_name, gint64, 0), ==, rapport_client_get_id (f->jose));
  g_assert_cmpint (g_array_index (by_name, gint64, 1), ==, rapport_client_get_id (f->malgorzata));
  g_assert_cmpint (g_array_index (by_name, gint64, 2), ==, rapport_client_get_id (f->company));
  g_assert_cmpint (g_array_index (by_name, gint64, 5), ==, rapport_client_get_id (f->ali));

  rapport_interaction_set_summary (call, "call");
  rapport_interaction_set_occurred_at (call, 1750000000);
  rapport_interaction_set_summary (older, "visit");
  rapport_interaction_set_occurred_at (older, 1600000000);
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, call, &error));
  g_assert_true (rapport_interaction_repository_add (f->store->interactions, older, &error));

  by_contact = rapport_client_repository_search (f->store->clients, NULL, RAPPORT_CLIENT_SORT_LAST_CONTACT,
                                                FALSE, &error);
  g_assert_cmpint (g_array_index (by_contact, gint64, 0), ==, rapport_client_get_id (f->irina));
  g_assert_cmpint (g_array_index (by_contact, gint64, 1), ==, rapport_client_get_id (f->jose));
  /* Never contacted: after, by name. */
  g_assert_cmpint (g_array_index (by_contact, gint64, 2), ==, rapport_client_get_id (f->malgorzata));

  g_assert_true (rapport_client_repository_set_archived (f->store->clients, rapport_client_get_id (f->jose), TRUE, &error));
  FINDS_NOTHING ("garcia");
  with_archived = rapport_client_repository_search (f->store->clients, "garcia", RAPPORT_CLIENT_SORT_NAME,
                                                   TRUE, &error);
  g_assert_cmpuint (with_archived->len, ==, 1);
}

/* The first rows of a search are those of the whole search, in its order,
 * whichever way they are found: few matches sorted through the index, many
 * met walking the order, none; with archived clients and an id far from
 * the others. */
static void
assert_first_is_prefix (Fixture           *f,
                        const char        *text,
                        RapportClientSort  sort,
                        gboolean           include_archived)
{
  static const guint limits[] = { 1, 3, 40, 1000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = rapport_client_repository_search (f->store->clients, text, sort,
                                                           include_archived, &error);
  /* The repository that searched holds the order; a new one does not,
   * and finds the first rows through SQLite. */
  g_autoptr(RapportClientRepository) fresh = rapport_client_repository_new (f->store->db);
  RapportClientRepository *repositories[] = { f->store->clients, fresh };

  g_assert_no_error (error);
  for (guint r = 0; r < G_N_ELEMENTS (repositories); r++)
    for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
      {
        g_autoptr(GArray) first = rapport_client_repository_search_first (repositories[r], text, sort,
                                                                          include_archived, limits[i], &error);

        g_assert_no_error (error);
        g_assert_cmpuint (first->len, ==, MIN (limits[i], all->len));
        if (first->len > 0 && memcmp (first->data, all->data, first->len * sizeof (gint64)) != 0)
          g_error ("The first %u of “%s” (sort %d, archived %d, %s order) are not those of the whole search",
                   limits[i], text, sort, include_archived, r == 0 ? "a held" : "no");
      }
}

static void
test_first_rows (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const texts[] = { "", "an", "ma", "many", "many1", "vip", "+7 916", "smith",
                                        "no such client", "8 903", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClient) far = NULL;

  g_assert_true (rapport_database_begin_batch (f->store->db, &error));
  for (guint i = 0; i < 300; i++)
    {
      /* Names in an order other than the ids': the walk and the sort must
       * both follow names. */
      g_autofree char *given = g_strdup_printf ("Many%03u", (i * 7919) % 300);
      g_autoptr(RapportClient) client = rapport_test_add_client (f->store, given, i % 3 ? "Vip" : "Test",
                                                                 NULL, NULL);

      if (i % 5 == 0)
        g_assert_true (rapport_client_repository_set_archived (f->store->clients, rapport_client_get_id (client),
                                                               TRUE, &error));
    }
  g_assert_true (rapport_database_end_batch (f->store->db, &error));

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; texts[i] != NULL; i++)
        for (int sort = RAPPORT_CLIENT_SORT_NAME; sort <= RAPPORT_CLIENT_SORT_LAST_CONTACT; sort++)
          {
            assert_first_is_prefix (f, texts[i], sort, FALSE);
            assert_first_is_prefix (f, texts[i], sort, TRUE);
          }
      if (pass == 1)
        break;

      /* A client that came back under an id far from the others. */
      far = rapport_client_new ();
      rapport_client_set_given_name (far, "Many");
      rapport_client_set_family_name (far, "Faraway");
      rapport_client_set_id (far, G_GINT64_CONSTANT (1) << 50);
      g_assert_true (rapport_client_repository_restore (f->store->clients, far, &error));
    }
}

/* The first rows of @text just after the whole search of @before, as a
 * person types: they are those a repository that searched nothing finds. */
static void
assert_first_narrows (Fixture           *f,
                      const char        *before,
                      const char        *text,
                      RapportClientSort  sort,
                      gboolean           include_archived)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportClientRepository) fresh = rapport_client_repository_new (f->store->db);
  g_autoptr(GArray) earlier = rapport_client_repository_search (f->store->clients, before, sort,
                                                               include_archived, &error);
  g_autoptr(GArray) first = rapport_client_repository_search_first (f->store->clients, text, sort,
                                                                    include_archived, 40, &error);
  g_autoptr(GArray) all = rapport_client_repository_search (fresh, text, sort, include_archived, &error);

  g_assert_no_error (error);
  g_assert_nonnull (earlier);
  g_assert_cmpuint (first->len, ==, MIN (40, all->len));
  if (memcmp (first->data, all->data, first->len * sizeof (gint64)) != 0)
    g_error ("The first rows of “%s” after “%s” (sort %d, archived %d) are not those of the whole search",
             text, before, sort, include_archived);
}

/* Typing on: a search that narrows the last one walks its result; one
 * that does not, or a result some write made stale, is not walked. */
static void
assert_first_after (Fixture *f)
{
  static const char * const typing[][2] = {
    { "mem", "memb" }, { "memb", "member" }, { "ber", "member" }, { "member", "member 12" },
    /* Not narrower: every club member is a member, not the other way. */
    { "club member", "member" }, { "member", "ember" }, { "mber 1", "member" },
    /* The start of a name's words, narrowed or not. */
    { "m", "me" }, { "me", "m" }, { "o", "me" }, { "me", "mem" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) earlier = NULL;
  g_autoptr(GArray) first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (typing); i++)
    for (int sort = RAPPORT_CLIENT_SORT_NAME; sort <= RAPPORT_CLIENT_SORT_LAST_CONTACT; sort++)
      {
        assert_first_narrows (f, typing[i][0], typing[i][1], sort, FALSE);
        assert_first_narrows (f, typing[i][0], typing[i][1], sort, TRUE);
      }

  /* A client archived after the search is not among the next one's rows. */
  earlier = rapport_client_repository_search (f->store->clients, "memb", RAPPORT_CLIENT_SORT_NAME,
                                              FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (rapport_client_repository_set_archived (f->store->clients, g_array_index (earlier, gint64, 0),
                                                         TRUE, &error));
  first = rapport_client_repository_search_first (f->store->clients, "member", RAPPORT_CLIENT_SORT_NAME,
                                                  FALSE, 40, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (first, gint64, 0), !=, g_array_index (earlier, gint64, 0));
  assert_first_narrows (f, "memb", "member", RAPPORT_CLIENT_SORT_NAME, FALSE);
}

/* A word in more clients than a search collects for its first rows: the
 * order is walked instead, and gives the same rows. */
static void
test_first_rows_many (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const texts[] = { "member", "club member", "ember 12", "lub", "ber", "m", "me m", NULL };
  g_autoptr(GError) error = NULL;

  if (rapport_test_skip_bulk ())
    return;

  g_assert_true (rapport_database_begin_batch (f->store->db, &error));
  for (guint i = 0; i < 9000; i++)
    {
      g_autofree char *given = g_strdup_printf ("Member%04u", (i * 7919) % 9000);
      g_autoptr(RapportClient) client = rapport_test_add_client (f->store, given, i % 2 ? "Club" : "Other",
                                                                 NULL, NULL);

      if (i % 7 == 0)
        g_assert_true (rapport_client_repository_set_archived (f->store->clients, rapport_client_get_id (client),
                                                               TRUE, &error));
    }
  g_assert_true (rapport_database_end_batch (f->store->db, &error));

  for (guint i = 0; texts[i] != NULL; i++)
    for (int sort = RAPPORT_CLIENT_SORT_NAME; sort <= RAPPORT_CLIENT_SORT_LAST_CONTACT; sort++)
      {
        assert_first_is_prefix (f, texts[i], sort, FALSE);
        assert_first_is_prefix (f, texts[i], sort, TRUE);
      }

  assert_first_after (f);
}

/* The start of a name word, or a phone number, in many clients: the
 * first rows are those of the whole search, with the order held or not,
 * for clients found through their organization (not in the name the list
 * shows), their phones' keys or their notes, near the start of the order
 * or far down. */
static void
test_first_rows_name_starts_and_phones (Fixture       *f,
                                        gconstpointer  data)
{
  /* 1,000 Annas, every 50th at Zenith, every 25th with a phone, as many
   * with its digits in their notes and as many with another phone; then
   * 3,200 Carls, then 8,300 Zoes with a phone. “z”: the first through
   * their organization only, the rest far down; “y”, “zo y”, “y z”: only
   * far down; “a”, “c”: a few. “+7 903 555”, a whole number: the Annas
   * through their phone's key, and the Zoes: found by key, many, so the
   * order is walked; “903 555”: through it or their notes. Every 25th Zoe
   * has a number of Moscow too: “+7 495 777” finds only those, enough to
   * walk the order for the first few, but all past the Annas and Carls,
   * so the walk gives up and sorts them. The Annas and the Zoes are
   * regulars (their notes); “young”, the Zoes alone, lie far down. */
  static const char * const texts[] = { "z", "y", "zo y", "y z", "a", "c", "zenith",
                                        "+7 903 555", "903 555", "8 903 555", "555-00",
                                        "+7 495 777", "regular", "young", NULL };
  static const struct { const char *given, *family; guint n; } groups[] = {
    { "Anna", "Brown", 1000 }, { "Carl", "Smith", 3200 }, { "Zoe", "Young", 8300 },
  };
  g_autoptr(GError) error = NULL;

  if (rapport_test_skip_bulk ())
    return;

  set_region (f, "RU");
  g_assert_true (rapport_database_begin_batch (f->store->db, &error));
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; i < groups[g].n; i++)
      {
        /* Names in an order other than the ids'. */
        g_autofree char *given = g_strdup_printf ("%s%04u", groups[g].given, (i * 7919) % groups[g].n);
        g_autoptr(RapportClient) client = rapport_client_new ();

        rapport_client_set_given_name (client, given);
        rapport_client_set_family_name (client, groups[g].family);
        if (g == 0 && i % 50 == 0)
          rapport_client_set_organization (client, "Zenith Ltd");
        if ((g == 0 && i % 25 == 0) || g == 2)
          {
            g_autofree char *number = g_strdup_printf (g == 0 ? "8 903 555-%04u" : "+7 903 555-%04u", i);

            rapport_client_add_phone (client, NULL, number);
          }
        if (g == 0 && i % 25 == 12)
          rapport_client_set_notes (client, "Gate code 903555");
        else if (g != 1)
          rapport_client_set_notes (client, "Regular");
        if (g == 0 && i % 25 == 5)
          rapport_client_add_phone (client, NULL, "+7 916 000-00-00");
        if (g == 2 && i % 25 == 0)
          {
            g_autofree char *number = g_strdup_printf ("+7 495 777-%04u", i);

            rapport_client_add_phone (client, NULL, number);
          }
        rapport_client_repository_save (f->store->clients, client, &error);
        g_assert_no_error (error);
        if (i % 9 == 0)
          g_assert_true (rapport_client_repository_set_archived (f->store->clients, rapport_client_get_id (client),
                                                                 TRUE, &error));
      }
  g_assert_true (rapport_database_end_batch (f->store->db, &error));

  for (guint i = 0; texts[i] != NULL; i++)
    for (int sort = RAPPORT_CLIENT_SORT_NAME; sort <= RAPPORT_CLIENT_SORT_LAST_CONTACT; sort++)
      {
        assert_first_is_prefix (f, texts[i], sort, FALSE);
        assert_first_is_prefix (f, texts[i], sort, TRUE);
      }
}

static void
test_reindex_on_change (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  rapport_client_set_family_name (f->jose, "Fernández");
  rapport_client_set_display_name (f->jose, "");
  g_ptr_array_set_size (rapport_client_get_phones (f->jose), 0);
  rapport_client_add_phone (f->jose, "work", "+34 91 000 11 22");
  g_assert_true (rapport_client_repository_save (f->store->clients, f->jose, &error));

  /* The old family name is gone from the name, not from the e-mail. */
  FINDS_NOTHING ("ga");
  FINDS ("garcia", f->jose);
  FINDS_NOTHING ("612 98");
  FINDS ("fernandez", f->jose);
  FINDS ("000 11", f->jose);
  FINDS ("fe", f->jose);
  FINDS ("фе", f->ivan);
}

static void
on_search_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GArray *
search_async (RapportTestStore  *store,
              const char    *text,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  rapport_client_repository_search_async (store->clients, text, RAPPORT_CLIENT_SORT_NAME, FALSE,
                                         cancellable, on_search_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return rapport_client_repository_search_finish (store->clients, result, error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sync = rapport_test_search (f->store, "иван");
  g_autoptr(GArray) async = search_async (f->store, "иван", NULL, &error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) cancelled = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (async->len, ==, sync->len);
  for (guint i = 0; i < sync->len; i++)
    g_assert_cmpint (g_array_index (async, gint64, i), ==, g_array_index (sync, gint64, i));

  g_cancellable_cancel (cancellable);
  cancelled = search_async (f->store, "иван", cancellable, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static GString *
many_words (guint       n,
            const char *word)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%s%u", i ? " " : "", word, i % 7);
  return text;
}

/* A search is never too long: hundreds of words, short or long, neither
 * fail nor grow the statement cache, and extra words still narrow. */
static void
test_many_words (Fixture       *f,
                 gconstpointer  data)
{
  RapportSqlite *connection = _rapport_database_get_connection (f->store->db);
  guint after_first = 0;

  for (guint n = 1; n <= 500; n += (n < 20 ? 1 : 37))
    {
      const char *stems[] = { "a", "jo", "garc" };

      for (guint i = 0; i < G_N_ELEMENTS (stems); i++)
        {
          g_autoptr(GString) text = many_words (n, stems[i]);
          g_autoptr(GError) error = NULL;
          g_autoptr(GArray) ids = rapport_client_repository_search (f->store->clients, text->str,
                                                                    RAPPORT_CLIENT_SORT_NAME, FALSE, &error);

          g_assert_no_error (error);
          g_assert_nonnull (ids);
        }
      if (after_first == 0)
        after_first = _rapport_sqlite_get_n_statements (connection);
    }

  /* A handful of shapes, whatever the number of words. */
  g_assert_cmpuint (_rapport_sqlite_get_n_statements (connection), <=, after_first + 12);
  g_assert_cmpuint (_rapport_sqlite_get_n_statements (connection), <=, 32);

  /* Past the words the index query takes, the others still must match. */
  {
    /* Twenty different pieces of José's details, then one of nobody's. */
    g_autoptr(GString) text = g_string_new ("josé garcía jos gar arc rci cor orr rre reo correo"
                                            " 612 987 654 346 461 129 876 765 .es");

    g_string_append (text, " nowhere");
    FINDS_NOTHING (text->str);
    g_string_truncate (text, text->len - strlen (" nowhere"));
    FINDS (text->str, f->jose);
  }
}

/* The indexed text holds each field once: a name inside the display name,
 * or a number written as bare digits, is not indexed again, and is still
 * found, alone or with the text around it. */
static void
test_fields_once (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RapportClient) lea = rapport_test_add_client (f->store, "Léa", "Laurent", "0633021260", "lea@free.fr");
  g_autoptr(RapportClient) firm = rapport_client_new ();
  g_autofree char *lea_text = rapport_client_dup_search_text (lea);
  g_autofree char *firm_text = NULL;
  g_autoptr(GError) error = NULL;

  rapport_client_set_kind (firm, RAPPORT_CLIENT_COMPANY);
  rapport_client_set_organization (firm, "Laurent Frères");
  rapport_client_set_notes (firm, "Ask for\nLaurent");
  rapport_client_repository_save (f->store->clients, firm, &error);
  g_assert_no_error (error);
  firm_text = rapport_client_dup_search_text (firm);

  /* The last line: the marks of the names' words' starts. */
  g_assert_cmpstr (lea_text, ==, "lea laurent\n0633021260\nlea@free.fr\n"
                                 "\036la\036l\036\036le\036l\036");
  g_assert_cmpstr (firm_text, ==, "laurent freres\nask for laurent\n"
                                  "\036fr\036f\036\036la\036l\036");
  FINDS ("léa", lea);
  FINDS ("lea laurent", lea);
  FINDS ("06330", lea);
  FINDS ("063 302", lea);
  FINDS ("free.fr", lea);
  FINDS ("freres", firm);
  FINDS ("ask for laur", firm);
  FINDS ("laurent", lea, firm);
  FINDS ("laurent\nlea", lea);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/search/substring", test_substring);
  ADD ("/rapport/search/fields-once", test_fields_once);
  ADD ("/rapport/search/scripts", test_scripts);
  ADD ("/rapport/search/short-queries", test_short_queries);
  ADD ("/rapport/search/phones", test_phones);
  ADD ("/rapport/search/phones-as-typed", test_phones_as_typed);
  ADD ("/rapport/search/phone-whole-number", test_phone_whole_number);
  ADD ("/rapport/search/phone-too-short", test_phone_too_short);
  ADD ("/rapport/search/phone-region-setting", test_phone_region_setting);
  ADD ("/rapport/search/hidden-match", test_hidden_match);
  ADD ("/rapport/search/literal", test_literal);
  ADD ("/rapport/search/sort-and-archive", test_sort_and_archive);
  ADD ("/rapport/search/reindex-on-change", test_reindex_on_change);
  ADD ("/rapport/search/async", test_async);
  ADD ("/rapport/search/many-words", test_many_words);
  ADD ("/rapport/search/first-rows", test_first_rows);
  ADD ("/rapport/search/bulk/first-rows-many", test_first_rows_many);
  ADD ("/rapport/search/bulk/first-rows-name-starts-and-phones", test_first_rows_name_starts_and_phones);
#undef ADD

  return g_test_run ();
}
