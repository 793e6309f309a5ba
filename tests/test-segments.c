/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Segments: each rule alone against a known set of clients, rules
 * combined with all and any, the exclusions and duplicates, saved
 * segments, placeholders, and a campaign's frozen list, queue and results. */
#include <locale.h>
#include <math.h>
#include <string.h>

#include "rapport-campaign-message.h"
#include "rapport-campaign-repository.h"
#include "rapport-error.h"
#include "rapport-segment-repository.h"
#include "rapport-test-utils.h"

/* 2026-06-15 12:00 UTC; the tests run with TZ=UTC. */
#define NOW G_GINT64_CONSTANT (1781524800)
#define DAY (24 * 3600)

typedef struct
{
  RapportTestStore          *store;
  RapportSegmentRepository  *segments;
  RapportCampaignRepository *campaigns;
  char                      *path;
} Fixture;

/* Six clients, each with an e-mail address of their own:
 *   1 Anna    VIP, Lyon/France, owner 1, created 2024-01-10, contacted 2026-06-01,
 *             born 06-20; orders 2026-05-01 (100.00, item 1) and 2025-01-01 (50.00)
 *   2 Boris   VIP, Paris/France, owner 2, created 2026-06-10, never contacted
 *   3 Chloé   lyon/France, created 2025-03-01, contacted 2026-01-01, born 12-01;
 *             a quote (999.99, not an order) and 2026-06-10 (200.00, a service)
 *   4 Dmitri  VIP, created 2020-01-01, owes 30.00 on an order of 2021-02-02
 *   5 Ella    VIP, Kraków/Poland
 *   6 Farid & Co, a company, contacted 2026-06-14, born 02-29 */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(RapportClock) clock = rapport_clock_new_fixed (NOW);
  g_autoptr(RapportClient) anna = NULL, boris = NULL, chloe = NULL, dmitri = NULL, ella = NULL, farid = NULL;

  fixture->path = rapport_test_dup_path ("segments.db");
  fixture->store = rapport_test_open_store ("segments.db");
  rapport_database_set_clock (fixture->store->db, clock);
  fixture->segments = rapport_segment_repository_new (fixture->store->db);
  fixture->campaigns = rapport_campaign_repository_new (fixture->store->db);

  anna = rapport_test_add_client (fixture->store, "Anna", "Berg", "+33 4 72 00 00 01", "anna@example.com");
  boris = rapport_test_add_client (fixture->store, "Борис", "Петров", "+33 1 40 00 00 02", "boris@example.com");
  chloe = rapport_test_add_client (fixture->store, "Chloé", "Durand", "+33 4 72 00 00 03", "chloe@example.com");
  dmitri = rapport_test_add_client (fixture->store, "Dmitri", "Orlov", NULL, "dmitri@example.com");
  ella = rapport_test_add_client (fixture->store, "Ella", "Nowak", "+48 12 000 00 05", "ella@example.com");
  farid = rapport_test_add_client (fixture->store, "فرید", "", NULL, "farid@example.com");

  rapport_test_run_sql (fixture->path,
    "INSERT INTO staff (id, name, created_at) VALUES (1, 'Zoë', 0), (2, 'Adam', 0);"
    "INSERT INTO tags (id, name) VALUES (1, 'VIP'), (2, 'Newsletter');"
    "INSERT INTO client_tags VALUES (1, 1, 0), (2, 1, 0), (4, 1, 0), (5, 1, 0), (3, 2, 0);"
    "INSERT INTO client_addresses (client_id, position, locality, country) VALUES"
    " (1, 0, 'Lyon', 'France'), (2, 0, 'Paris', 'France'), (3, 0, 'lyon', 'France'), (5, 0, 'Kraków', 'Poland');"
    "UPDATE clients SET owner_id = 1, created_at = 1704844800, last_contact_at = 1780272000, birthday = '1990-06-20' WHERE id = 1;"
    "UPDATE clients SET owner_id = 2, created_at = 1781049600, last_contact_at = NULL WHERE id = 2;"
    "UPDATE clients SET created_at = 1740787200, last_contact_at = 1767225600, birthday = '1985-12-01' WHERE id = 3;"
    "UPDATE clients SET created_at = 1577836800, last_contact_at = NULL WHERE id = 4;"
    "UPDATE clients SET created_at = 1577836800, last_contact_at = NULL WHERE id = 5;"
    "UPDATE clients SET kind = 'company', organization = 'Farid & Co', created_at = 1577836800,"
    " last_contact_at = 1781395200, birthday = '2000-02-29' WHERE id = 6;"
    "INSERT INTO catalog_items (id, name, kind, unit_price, sort_key, created_at, updated_at)"
    " VALUES (1, 'Phone', 'product', 10000, 'phone', 0, 0), (2, 'Repair', 'service', 20000, 'repair', 0, 0);"
    "INSERT INTO orders (id, number, client_id, ordered_on, status, payment_due_on, currency,"
    " prices_include_tax, created_at, updated_at) VALUES"
    " (1, 'A-1', 1, '2026-05-01', 'confirmed', '2026-05-01', 'EUR', 1, 0, 0),"
    " (2, 'A-2', 1, '2025-01-01', 'closed', '2025-01-01', 'EUR', 1, 0, 0),"
    " (3, 'A-3', 3, '2026-06-01', 'quoted', '2026-06-01', 'EUR', 1, 0, 0),"
    " (4, 'A-4', 3, '2026-06-10', 'fulfilled', '2026-06-10', 'EUR', 1, 0, 0),"
    " (5, 'A-5', 4, '2021-02-02', 'confirmed', '2021-02-02', 'EUR', 1, 0, 0);"
    "INSERT INTO order_lines (order_id, position, catalog_item_id, kind, name, quantity, unit_price, net, tax, gross)"
    " VALUES (1, 0, 1, 'product', 'Phone', 1000, 10000, 10000, 0, 10000),"
    " (2, 0, NULL, 'product', 'Case', 1000, 5000, 5000, 0, 5000),"
    " (3, 0, NULL, 'product', 'Laptop', 1000, 99999, 99999, 0, 99999),"
    " (4, 0, 2, 'service', 'Repair', 1000, 20000, 20000, 0, 20000),"
    " (5, 0, NULL, 'product', 'Cable', 1000, 3000, 3000, 0, 3000);"
    /* Warranties: client 1's ends in 10 days, client 3's in 78, client
     * 4's ended a fortnight ago (today is 2026-06-15). */
    "INSERT INTO deliveries (id, order_id, client_id, carrier_id, planned_on, status, delivered_on,"
    " created_at, updated_at) VALUES"
    " (1, 1, 1, (SELECT min(id) FROM carriers), '2026-05-02', 'delivered', '2026-05-02', 0, 0),"
    " (2, 4, 3, (SELECT min(id) FROM carriers), '2026-06-10', 'delivered', '2026-06-10', 0, 0),"
    " (3, 5, 4, (SELECT min(id) FROM carriers), '2021-02-03', 'delivered', '2021-02-03', 0, 0);"
    "INSERT INTO warranties (order_line_id, delivery_id, client_id, product, quantity, starts_on, ends_on,"
    " created_at) VALUES"
    " (1, 1, 1, 'Phone', 1, '2025-06-25', '2026-06-25', 0),"
    " (4, 2, 3, 'Repair', 1, '2026-06-10', '2026-09-01', 0),"
    " (5, 3, 4, 'Cable', 1, '2021-02-03', '2026-06-01', 0);");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->campaigns);
  g_clear_object (&fixture->segments);
  g_clear_pointer (&fixture->store, rapport_test_store_free);
  g_free (fixture->path);
}

/* The ids a segment reaches by e-mail, as “1,3”. */
static char *
reached (Fixture        *fixture,
         RapportSegment *segment)
{
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GError) error = NULL;
  GString *ids = g_string_new (NULL);

  recipients = rapport_segment_repository_list_audience (fixture->segments, segment, RAPPORT_CHANNEL_EMAIL,
                                                         0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < recipients->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            ((RapportRecipient *) g_ptr_array_index (recipients, i))->client_id);
  return g_string_free (ids, FALSE);
}

static const struct
{
  const char *rule;
  const char *expected;
} rule_table[] = {
  { "has-tag=VIP", "1,2,4,5" },
  { "has-tag= vip ", "1,2,4,5" },
  { "lacks-tag=VIP", "3,6" },
  { "has-tag=Nobody", "" },
  { "city=Lyon", "1,3" },
  { "city=Kraków", "5" },
  { "country=France", "1,2,3" },
  { "owner=1", "1" },
  { "created-before=2024-01-10", "4,5,6" },
  { "created-after=2025-03-01", "2" },
  { "created-within=30", "2" },
  { "contacted-before=2026-06-01", "3" },
  { "contacted-after=2026-06-01", "6" },
  { "contacted-within=30", "1,6" },
  { "not-contacted-within=30", "2,3,4,5" },
  { "orders-at-least=1", "1,3,4" },
  { "orders-at-least=2", "1" },
  { "orders-at-least=0", "1,2,3,4,5,6" },
  { "orders-at-most=0", "2,5,6" },
  { "orders-at-most=1", "2,3,4,5,6" },
  { "spent-at-least=15000", "1,3" },
  { "spent-at-least=15000/30", "3" },
  { "spent-at-least=10000/60", "1,3" },
  { "last-order-before=2026-01-01", "4" },
  { "last-order-after=2026-05-01", "3" },
  { "bought-item=1", "1" },
  { "bought-item=2", "3" },
  { "bought-kind=service", "3" },
  { "bought-kind=product", "1,4" },
  { "birthday-within=10", "1" },
  { "has-email", "1,2,3,4,5,6" },
  { "has-phone", "1,2,3,5" },
  { "warranty-ending-within=30", "1" },
  { "warranty-ending-within=90", "1,3" },
  { "warranty-ending-within=5", "" },
};

static void
test_rules_alone (Fixture       *fixture,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_table); i++)
    {
      g_autoptr(RapportSegment) segment = rapport_segment_new ("t");
      g_autoptr(GError) error = NULL;
      g_autofree char *ids = NULL;
      RapportSegmentRule *rule = rapport_segment_rule_parse (rule_table[i].rule, &error);

      g_assert_no_error (error);
      rapport_segment_add_rule (segment, rule);
      ids = reached (fixture, segment);
      if (g_strcmp0 (ids, rule_table[i].expected) != 0)
        g_error ("%s reached “%s”, not “%s”", rule_table[i].rule, ids, rule_table[i].expected);
    }
}

static RapportSegment *
segment_of (gboolean    match_any,
            const char *first,
            ...)
{
  RapportSegment *segment = rapport_segment_new ("s");
  va_list args;

  segment->match_any = match_any;
  va_start (args, first);
  for (const char *text = first; text != NULL; text = va_arg (args, const char *))
    {
      g_autoptr(GError) error = NULL;
      RapportSegmentRule *rule = rapport_segment_rule_parse (text, &error);

      g_assert_no_error (error);
      rapport_segment_add_rule (segment, rule);
    }
  va_end (args);
  return segment;
}

static void
test_rules_combined (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RapportSegment) all = segment_of (FALSE, "has-tag=VIP", "country=France", "has-phone", NULL);
  g_autoptr(RapportSegment) any = segment_of (TRUE, "city=Kraków", "bought-kind=service", "owner=2", NULL);
  g_autoptr(RapportSegment) none = rapport_segment_new ("everyone");
  g_autofree char *all_ids = reached (fixture, all);
  g_autofree char *any_ids = reached (fixture, any);
  g_autofree char *none_ids = reached (fixture, none);

  g_assert_cmpstr (all_ids, ==, "1,2");
  g_assert_cmpstr (any_ids, ==, "2,3,5");
  g_assert_cmpstr (none_ids, ==, "1,2,3,4,5,6");
}

static void
test_exclusions (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(RapportSegment) vip_or_lyon = segment_of (TRUE, "has-tag=VIP", "city=Lyon", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = NULL;
  RapportAudience audience;

  /* Dmitri archived, Boris opted out of e-mail, Ella has no e-mail but a
   * phone, Chloé writes from Anna's address (in other letters' case). */
  rapport_test_run_sql (fixture->path,
                        "UPDATE clients SET archived_at = 1 WHERE id = 4;"
                        "DELETE FROM client_emails WHERE client_id = 5;"
                        "UPDATE client_emails SET address = 'ANNA@Example.com',"
                        " match_key = (SELECT match_key FROM client_emails WHERE client_id = 1) WHERE client_id = 3;");
  g_assert_true (rapport_campaign_repository_set_opt_out (fixture->campaigns, 2, RAPPORT_CHANNEL_EMAIL, TRUE, &error));
  g_assert_no_error (error);

  g_assert_true (rapport_segment_repository_count (fixture->segments, vip_or_lyon, RAPPORT_CHANNEL_EMAIL,
                                                   NULL, &audience, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (audience.matched, ==, 5);
  g_assert_cmpuint (audience.archived, ==, 1);
  g_assert_cmpuint (audience.opted_out, ==, 1);
  g_assert_cmpuint (audience.no_address, ==, 1);
  g_assert_cmpuint (audience.duplicates, ==, 1);
  g_assert_cmpuint (audience.recipients, ==, 1);
  ids = reached (fixture, vip_or_lyon);
  g_assert_cmpstr (ids, ==, "1");

  /* By SMS: Boris's e-mail opt-out does not count; Dmitri has no phone
   * and is archived anyway; Ella is reached. */
  g_assert_true (rapport_segment_repository_count (fixture->segments, vip_or_lyon, RAPPORT_CHANNEL_SMS,
                                                   NULL, &audience, &error));
  g_assert_cmpuint (audience.matched, ==, 5);
  g_assert_cmpuint (audience.archived, ==, 1);
  g_assert_cmpuint (audience.opted_out, ==, 0);
  g_assert_cmpuint (audience.no_address, ==, 0);
  g_assert_cmpuint (audience.duplicates, ==, 0);
  g_assert_cmpuint (audience.recipients, ==, 4);

  /* The opt-out keeps its date and can be lifted. */
  {
    gint64 when = 0;

    g_assert_true (rapport_campaign_repository_get_opt_out (fixture->campaigns, 2, RAPPORT_CHANNEL_EMAIL, &when, &error));
    g_assert_cmpint (when, ==, NOW);
    g_assert_true (rapport_campaign_repository_set_opt_out (fixture->campaigns, 2, RAPPORT_CHANNEL_EMAIL, FALSE, &error));
    g_assert_true (rapport_campaign_repository_get_opt_out (fixture->campaigns, 2, RAPPORT_CHANNEL_EMAIL, &when, &error));
    g_assert_cmpint (when, ==, 0);
  }
}

static void
test_bad_rules (Fixture       *fixture,
                gconstpointer  data)
{
  const char *bad[] = {
    "created-before=2026-02-30", "contacted-within=0", "contacted-within=99999999999",
    "birthday-within=400", "warranty-ending-within=0", "orders-at-least=-1", "spent-at-least=1/-5", "owner=0",
    "bought-kind=gift", "has-tag=", "has-tag=  ", "has-email=yes", "favourite-colour=blue", "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RapportSegmentRule) rule = rapport_segment_rule_parse (bad[i], &error);

      if (rule != NULL)
        g_error ("“%s” was taken as a rule", bad[i]);
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    }

  /* A rule made in code is checked too, and so is what a file holds. */
  {
    g_autoptr(RapportSegment) segment = rapport_segment_new ("Bad");
    g_autoptr(GError) error = NULL;
    RapportAudience audience;

    rapport_segment_add_rule (segment, rapport_segment_rule_new (RAPPORT_RULE_CONTACTED_WITHIN, NULL, 0, -3));
    g_assert_false (rapport_segment_repository_count (fixture->segments, segment, RAPPORT_CHANNEL_EMAIL,
                                                      NULL, &audience, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (rapport_segment_repository_save (fixture->segments, segment, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  }
  {
    g_autoptr(RapportSegment) loaded = NULL;
    g_autoptr(GError) error = NULL;

    rapport_test_run_sql (fixture->path,
                          "INSERT INTO segments (id, name, created_at, updated_at) VALUES (9, 'Odd', 0, 0);"
                          "INSERT INTO segment_rules VALUES (9, 0, 'moon-phase', '', 0, 0);"
                          "INSERT INTO segments (id, name, created_at, updated_at) VALUES (10, 'Huge', 0, 0);"
                          "INSERT INTO segment_rules VALUES (10, 0, 'contacted-within', '', 0, 9223372036854775807);");
    loaded = rapport_segment_repository_get (fixture->segments, 9, &error);
    g_assert_null (loaded);
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "moon-phase"));
    g_clear_error (&error);

    loaded = rapport_segment_repository_get (fixture->segments, 10, &error);
    g_assert_no_error (error);
    g_assert_false (rapport_segment_validate (loaded, &error));
    g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  }
}

static void
test_saved (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(RapportSegment) segment = segment_of (FALSE, "has-tag=VIP", "spent-at-least=5000/365", NULL);
  g_autoptr(RapportSegment) twin = segment_of (FALSE, NULL);
  g_autoptr(RapportSegment) loaded = NULL;
  g_autoptr(RapportSegment) found = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  g_free (segment->name);
  segment->name = g_strdup ("  Best clients ");
  g_assert_true (rapport_segment_repository_save (fixture->segments, segment, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (segment->name, ==, "Best clients");

  loaded = rapport_segment_repository_get (fixture->segments, segment->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->rules->len, ==, 2);
  g_assert_cmpint (((RapportSegmentRule *) g_ptr_array_index (loaded->rules, 1))->kind, ==, RAPPORT_RULE_SPENT_AT_LEAST);
  g_assert_cmpint (((RapportSegmentRule *) g_ptr_array_index (loaded->rules, 1))->number, ==, 5000);
  g_assert_cmpint (((RapportSegmentRule *) g_ptr_array_index (loaded->rules, 1))->days, ==, 365);

  found = rapport_segment_repository_find (fixture->segments, "best CLIENTS", &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, segment->id);

  g_free (twin->name);
  twin->name = g_strdup ("BEST CLIENTS");
  g_assert_false (rapport_segment_repository_save (fixture->segments, twin, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT);
  g_assert_cmpint (twin->id, ==, 0);
  g_clear_error (&error);

  all = rapport_segment_repository_list (fixture->segments, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
}

static void
test_placeholders (void)
{
  RapportMessageFields fields = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *filled = NULL;
  g_autofree char *empty = NULL;

  fields.first_name = g_strdup ("Борис");
  fields.name = g_strdup ("Борис Петров");
  fields.organization = g_strdup ("");
  fields.balance = g_strdup ("30,00 €");

  g_assert_true (rapport_campaign_message_check ("Hello {first_name|there}, {{not a placeholder}} {balance}", &error));
  filled = rapport_campaign_message_fill ("Hello {first_name|there} of {organization|your family}, you owe {balance}. {{x}}",
                                          &fields);
  g_assert_cmpstr (filled, ==, "Hello Борис of your family, you owe 30,00 €. {x}");

  g_free (fields.first_name);
  fields.first_name = NULL;
  empty = rapport_campaign_message_fill ("Hi {first_name|there}! {owner}.", &fields);
  g_assert_cmpstr (empty, ==, "Hi there! .");

  g_assert_false (rapport_campaign_message_check ("Hi {frist_name}", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "{frist_name}"));
  g_clear_error (&error);
  g_assert_false (rapport_campaign_message_check ("Hi {first_name", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_campaign_message_check ("\xff\xfe", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);

  rapport_message_fields_clear (&fields);
}

/* A formatted message: values are escaped for HTML, the fallback is the
 * message's own HTML, a style sheet's braces stay, and a misspelt
 * placeholder is still refused. */
static void
test_placeholders_html (void)
{
  RapportMessageFields fields = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *filled = NULL;
  const char *html = "<style>p { color: #333 }</style><p>Dear {name}, {first_name|<b>friend</b>}</p>{{x}}";

  fields.name = g_strdup ("Smith & <Sons>");
  g_assert_true (rapport_campaign_message_check_html (html, &error));
  g_assert_no_error (error);
  filled = rapport_campaign_message_fill_html (html, &fields);
  g_assert_cmpstr (filled, ==,
                   "<style>p { color: #333 }</style><p>Dear Smith &amp; &lt;Sons&gt;, <b>friend</b></p>{x}");

  /* As plain text, the style sheet's braces would be a placeholder. */
  g_assert_false (rapport_campaign_message_check (html, &error));
  g_clear_error (&error);
  g_assert_false (rapport_campaign_message_check_html ("<p>{frist_name|you}</p>", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "{frist_name}"));

  rapport_message_fields_clear (&fields);
}

static void
test_campaign_queue (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(RapportSegment) vip = segment_of (FALSE, "has-tag=VIP", NULL);
  g_autoptr(RapportCampaign) campaign = rapport_campaign_new ("Summer sale", RAPPORT_CHANNEL_EMAIL);
  g_autoptr(RapportCampaign) loaded = NULL;
  g_autoptr(RapportRecipient) first = NULL;
  g_autoptr(RapportRecipient) second = NULL;
  g_autoptr(GPtrArray) recipients = NULL;
  g_autoptr(GPtrArray) of_anna = NULL;
  g_autoptr(GError) error = NULL;
  RapportCampaignResults results;
  gint64 wait_until;

  g_free (vip->name);
  vip->name = g_strdup ("VIP");
  g_assert_true (rapport_segment_repository_save (fixture->segments, vip, &error));

  campaign->segment_id = vip->id;
  campaign->cost = 5000;
  g_free (campaign->body);
  campaign->body = g_strdup ("Dear {first_name|client}");
  /* An e-mail needs a subject, and placeholders must be known ones. */
  g_assert_false (rapport_campaign_repository_save (fixture->campaigns, campaign, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_free (campaign->subject);
  campaign->subject = g_strdup ("Sale for {nmae}");
  g_assert_false (rapport_campaign_repository_save (fixture->campaigns, campaign, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_free (campaign->subject);
  campaign->subject = g_strdup ("Sale for {first_name|you}");
  g_assert_true (rapport_campaign_repository_save (fixture->campaigns, campaign, &error));
  g_assert_no_error (error);

  /* Starting freezes the list: a VIP tagged later is not added. */
  g_assert_true (rapport_campaign_repository_start (fixture->campaigns, campaign->id, &error));
  g_assert_no_error (error);
  rapport_test_run_sql (fixture->path, "INSERT INTO client_tags VALUES (6, 1, 0);");
  recipients = rapport_campaign_repository_list_recipients (fixture->campaigns, campaign->id, &error);
  g_assert_cmpuint (recipients->len, ==, 4);
  g_assert_cmpstr (((RapportRecipient *) g_ptr_array_index (recipients, 1))->address, ==, "boris@example.com");

  /* A draft no longer: it cannot change. */
  g_assert_false (rapport_campaign_repository_save (fixture->campaigns, campaign, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* The first is sent; the second is with the server when sending stops. */
  g_assert_true (rapport_campaign_repository_next (fixture->campaigns, campaign->id, &first, &wait_until, &error));
  g_assert_cmpint (first->client_id, ==, 1);
  g_assert_true (rapport_campaign_repository_mark (fixture->campaigns, first->id, RAPPORT_RECIPIENT_SENDING, NULL, 0, &error));
  g_assert_true (rapport_campaign_repository_mark_sent (fixture->campaigns, first->id, "Sale for Anna", &error));
  g_assert_no_error (error);
  g_assert_true (rapport_campaign_repository_next (fixture->campaigns, campaign->id, &second, &wait_until, &error));
  g_assert_cmpint (second->client_id, ==, 2);
  g_assert_true (rapport_campaign_repository_mark (fixture->campaigns, second->id, RAPPORT_RECIPIENT_SENDING, NULL, 0, &error));

  /* Resuming does not send it again. */
  g_assert_true (rapport_campaign_repository_start (fixture->campaigns, campaign->id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&recipients, g_ptr_array_unref);
  recipients = rapport_campaign_repository_list_recipients (fixture->campaigns, campaign->id, &error);
  g_assert_cmpint (((RapportRecipient *) g_ptr_array_index (recipients, 1))->state, ==, RAPPORT_RECIPIENT_FAILED);
  g_assert_cmpstr (((RapportRecipient *) g_ptr_array_index (recipients, 1))->reason, !=, "");

  /* A temporary failure waits for its retry. */
  g_clear_pointer (&first, rapport_recipient_free);
  g_assert_true (rapport_campaign_repository_next (fixture->campaigns, campaign->id, &first, &wait_until, &error));
  g_assert_cmpint (first->client_id, ==, 4);
  g_assert_true (rapport_campaign_repository_mark (fixture->campaigns, first->id, RAPPORT_RECIPIENT_QUEUED,
                                                   "451 try later", NOW + 60, &error));
  g_clear_pointer (&second, rapport_recipient_free);
  g_assert_true (rapport_campaign_repository_next (fixture->campaigns, campaign->id, &second, &wait_until, &error));
  g_assert_cmpint (second->client_id, ==, 5);
  g_assert_true (rapport_campaign_repository_mark_sent (fixture->campaigns, second->id, "Sale for Ella", &error));
  g_clear_pointer (&second, rapport_recipient_free);
  g_assert_true (rapport_campaign_repository_next (fixture->campaigns, campaign->id, &second, &wait_until, &error));
  g_assert_null (second);
  g_assert_cmpint (wait_until, ==, NOW + 60);
  g_assert_true (rapport_campaign_repository_mark (fixture->campaigns, first->id, RAPPORT_RECIPIENT_FAILED,
                                                   "550 no such user", 0, &error));
  g_assert_true (rapport_campaign_repository_next (fixture->campaigns, campaign->id, &second, &wait_until, &error));
  g_assert_null (second);
  g_assert_cmpint (wait_until, ==, 0);
  g_assert_true (rapport_campaign_repository_set_status (fixture->campaigns, campaign->id, RAPPORT_CAMPAIGN_SENT, &error));

  /* Sent twice? Never. */
  g_assert_false (rapport_campaign_repository_start (fixture->campaigns, campaign->id, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_CONSTRAINT);
  g_clear_error (&error);

  loaded = rapport_campaign_repository_get (fixture->campaigns, campaign->id, &error);
  g_assert_cmpint (loaded->status, ==, RAPPORT_CAMPAIGN_SENT);
  g_assert_cmpuint (loaded->n_recipients, ==, 4);
  g_assert_cmpuint (loaded->n_sent, ==, 2);
  g_assert_cmpuint (loaded->n_failed, ==, 2);

  /* The e-mail is on Anna's timeline, and the campaign on her card. */
  g_assert_cmpint (rapport_test_query_int (fixture->path,
                                           "SELECT count(*) FROM interactions WHERE client_id = 1 AND kind = 'email'"
                                           " AND direction = 'outbound' AND summary = 'Sale for Anna'"), ==, 1);
  of_anna = rapport_campaign_repository_list_for_client (fixture->campaigns, 1, &error);
  g_assert_cmpuint (of_anna->len, ==, 1);

  /* Results: Anna orders 200.00 within the window, Boris (failed) orders
   * too but does not count unless his order names the campaign; an order
   * after the window does not count. */
  {
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO orders (number, client_id, ordered_on, status, payment_due_on, currency, prices_include_tax,"
      " created_at, updated_at, campaign_id) VALUES"
      " ('B-1', 1, '2026-06-20', 'confirmed', '2026-06-20', 'EUR', 1, 0, 0, NULL),"
      " ('B-2', 2, '2026-06-21', 'confirmed', '2026-06-21', 'EUR', 1, 0, 0, NULL),"
      " ('B-3', 2, '2026-06-22', 'confirmed', '2026-06-22', 'EUR', 1, 0, 0, %" G_GINT64_FORMAT "),"
      " ('B-4', 5, '2026-08-30', 'confirmed', '2026-08-30', 'EUR', 1, 0, 0, NULL);"
      "INSERT INTO order_lines (order_id, position, kind, name, quantity, unit_price, net, tax, gross)"
      " SELECT id, 0, 'product', 'Thing', 1000, 20000, 20000, 0, 20000 FROM orders WHERE number LIKE 'B-%%';",
      campaign->id);
    rapport_test_run_sql (fixture->path, sql);
  }
  g_assert_true (rapport_campaign_repository_results (fixture->campaigns, campaign->id, 30, &results, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (results.recipients, ==, 4);
  g_assert_cmpuint (results.delivered, ==, 2);
  g_assert_cmpuint (results.failed, ==, 2);
  g_assert_cmpuint (results.buyers, ==, 2);
  g_assert_cmpuint (results.orders, ==, 2);
  g_assert_cmpint (results.revenue, ==, 40000);
  g_assert_cmpint (results.revenue_per_recipient, ==, 20000);
  g_assert_cmpfloat_with_epsilon (results.return_on_cost, 7.0, 1e-9);
}

static void
test_nobody (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(RapportSegment) nobody = segment_of (FALSE, "has-tag=Nobody", NULL);
  g_autoptr(RapportCampaign) campaign = rapport_campaign_new ("Empty", RAPPORT_CHANNEL_SMS);
  g_autoptr(RapportCampaign) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_free (nobody->name);
  nobody->name = g_strdup ("Nobody");
  g_assert_true (rapport_segment_repository_save (fixture->segments, nobody, &error));
  g_assert_true (rapport_campaign_repository_save (fixture->campaigns, campaign, &error));
  g_assert_false (rapport_campaign_repository_start (fixture->campaigns, campaign->id, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  campaign->segment_id = nobody->id;
  g_assert_true (rapport_campaign_repository_save (fixture->campaigns, campaign, &error));
  g_assert_false (rapport_campaign_repository_start (fixture->campaigns, campaign->id, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  loaded = rapport_campaign_repository_get (fixture->campaigns, campaign->id, &error);
  g_assert_cmpint (loaded->status, ==, RAPPORT_CAMPAIGN_DRAFT);
  g_assert_cmpuint (loaded->n_recipients, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/rapport/segments/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("rules-alone", test_rules_alone);
  ADD ("rules-combined", test_rules_combined);
  ADD ("exclusions", test_exclusions);
  ADD ("bad-rules", test_bad_rules);
  ADD ("saved", test_saved);
  ADD ("campaign-queue", test_campaign_queue);
  ADD ("nobody", test_nobody);
#undef ADD
  g_test_add_func ("/rapport/segments/placeholders", test_placeholders);
  g_test_add_func ("/rapport/segments/placeholders-html", test_placeholders_html);

  return g_test_run ();
}
