/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A phone campaign's call list as a PDF, read back with pdftotext: names
 * in Cyrillic and Persian intact, phones in international form, the notes
 * column, and several pages for eighty people. */
#include <locale.h>
#include <string.h>

#include "rapport-business-repository.h"
#include "rapport-call-list.h"
#include "rapport-campaign-repository.h"
#include "rapport-error.h"
#include "rapport-segment-repository.h"
#include "rapport-test-utils.h"

#define N_CLIENTS 80

static const char * const given_names[] = { "Анна", "Олег", "فرید", "Zoë", "Дмитро", "Ewa", "سارا", "Пётр" };

static void
assert_says (const char *text,
             const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("the call list does not say “%s”:\n%s", part, text);
}

/* Without spaces and direction marks: pdftotext may split joined Arabic
 * letters and reorder a line read right to left. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  return g_string_free (out, FALSE);
}

static gint64
add_campaign (RapportTestStore *store,
              RapportChannel    channel)
{
  g_autoptr(RapportSegmentRepository) segments = rapport_segment_repository_new (store->db);
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (store->db);
  g_autoptr(RapportSegment) segment = rapport_segment_new (channel == RAPPORT_CHANNEL_PHONE ? "Phones" : "Mail");
  g_autoptr(RapportCampaign) campaign = NULL;
  g_autoptr(GError) error = NULL;

  rapport_segment_add_rule (segment, rapport_segment_rule_new (RAPPORT_RULE_HAS_PHONE, NULL, 0, 0));
  g_assert_true (rapport_segment_repository_save (segments, segment, &error));
  g_assert_no_error (error);
  campaign = rapport_campaign_new (channel == RAPPORT_CHANNEL_PHONE ? "Весенний обзвон" : "Mail", channel);
  campaign->segment_id = segment->id;
  g_free (campaign->subject);
  campaign->subject = g_strdup ("Hello");
  g_assert_true (rapport_campaign_repository_save (campaigns, campaign, &error));
  g_assert_no_error (error);
  return campaign->id;
}

static void
test_pdf (void)
{
  g_autoptr(RapportTestStore) store = rapport_test_open_store ("calls.db");
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (store->db);
  g_autoptr(RapportBusinessRepository) businesses = rapport_business_repository_new (store->db);
  g_autoptr(RapportBusiness) business = rapport_business_new ();
  g_autofree char *pdf = rapport_test_dup_path ("calls.pdf");
  g_autoptr(RapportCallList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *squeezed = NULL;
  gint64 id, mail;

  g_free (business->name);
  business->name = g_strdup ("Салон «Лада»");
  g_assert_true (rapport_business_repository_save (businesses, business, &error));
  g_assert_true (rapport_client_repository_set_phone_region (store->clients, "RU", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autoptr(RapportClient) client = rapport_client_new ();
      g_autofree char *family = g_strdup_printf ("Клиент%02u", i);
      g_autofree char *phone = g_strdup_printf ("8 916 123-45-%02u", i);

      rapport_client_set_given_name (client, given_names[i % G_N_ELEMENTS (given_names)]);
      rapport_client_set_family_name (client, family);
      rapport_client_add_phone (client, "mobile", phone);
      g_assert_true (rapport_client_repository_save (store->clients, client, &error));
      g_assert_no_error (error);
    }
  id = add_campaign (store, RAPPORT_CHANNEL_PHONE);

  /* A draft has no list yet; the list is made when its recipients are
   * frozen. An e-mail campaign has none. */
  g_assert_null (rapport_call_list_load (store->db, id, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "draft"));
  g_clear_error (&error);
  mail = add_campaign (store, RAPPORT_CHANNEL_EMAIL);
  g_assert_null (rapport_call_list_load (store->db, mail, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (rapport_campaign_repository_start (campaigns, id, &error));
  g_assert_no_error (error);
  list = rapport_call_list_load (store->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rapport_call_list_get_n_rows (list), ==, N_CLIENTS);
  g_assert_true (rapport_call_list_write_pdf (list, pdf, &error));
  g_assert_no_error (error);

  text = rapport_test_pdf_text (pdf);
  assert_says (text, "Call list: Весенний обзвон");
  assert_says (text, "Салон «Лада»");
  assert_says (text, "80 people to call");
  assert_says (text, "Name");
  assert_says (text, "Phone");
  assert_says (text, "Notes");
  assert_says (text, "Анна Клиент00");
  assert_says (text, "Zoë Клиент03");
  assert_says (text, "Дмитро Клиент04");
  assert_says (text, "+79161234500");
  assert_says (text, "+79161234579");
  /* Eighty people with room to write take pages, each with the columns. */
  assert_says (text, "Page 1 of ");
  assert_says (text, "Page 3 of ");
  assert_says (text, "continued");
  g_assert_null (strstr (text, "8 916"));
  squeezed = squeeze (text);
  g_assert_nonnull (strstr (squeezed, "فرید"));
  g_assert_nonnull (strstr (squeezed, "سارا"));

  /* In Persian the page numbers are in Persian digits, as every number. */
  g_setenv ("LANGUAGE", "fa", TRUE);
  g_assert_true (rapport_call_list_write_pdf (list, pdf, &error));
  g_unsetenv ("LANGUAGE");
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = rapport_test_pdf_text (pdf);
  assert_says (text, "Page ۱ of ");
  assert_says (text, "Page ۳ of ");
  g_assert_null (strstr (text, "Page 1 of"));
  g_assert_null (strstr (text, "Page 3 of"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/call-list/pdf", test_pdf);

  return g_test_run ();
}
