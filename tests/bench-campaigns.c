/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The campaigns part of the benchmark, on the benchmark database: a
 * segment's audience with three rules (a tag, a city, contacted within a
 * year), counted with its exclusions as the editor's live count does; and
 * the list of campaigns as the Campaigns page reads it. */

#include <time.h>

#include "bench-campaigns.h"
#include "rapport-campaign-repository.h"
#include "rapport-segment-repository.h"

#define RUNS 30

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

/* The processor time of this thread, which a busy machine's other work
 * does not lengthen as it does the time on the clock. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

void
bench_campaigns (RapportDatabase *database,
                 BenchReport      report)
{
  g_autoptr(RapportSegmentRepository) segments = rapport_segment_repository_new (database);
  g_autoptr(RapportCampaignRepository) campaigns = rapport_campaign_repository_new (database);
  g_autoptr(RapportSegment) segment = rapport_segment_new ("bench");
  g_autoptr(GArray) counting = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) counting_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) listing = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) page = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  RapportAudience audience = { 0 };

  rapport_segment_add_rule (segment, rapport_segment_rule_new (RAPPORT_RULE_HAS_TAG, "VIP", 0, 0));
  rapport_segment_add_rule (segment, rapport_segment_rule_new (RAPPORT_RULE_HAS_EMAIL, NULL, 0, 0));
  rapport_segment_add_rule (segment, rapport_segment_rule_new (RAPPORT_RULE_CONTACTED_WITHIN, NULL, 0, 365));

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 started = g_get_monotonic_time ();
      double cpu_started = thread_cpu_ms ();
      double ms, cpu;

      if (!rapport_segment_repository_count (segments, segment, RAPPORT_CHANNEL_EMAIL, NULL, &audience, &error))
        g_error ("%s", error->message);
      ms = elapsed_ms (started);
      cpu = thread_cpu_ms () - cpu_started;
      g_array_append_val (counting, ms);
      g_array_append_val (counting_cpu, cpu);
    }
  g_print ("  (three rules: %u matched, %u to send to, %u opted out, %u without address, %u twice)\n",
           audience.matched, audience.recipients, audience.opted_out, audience.no_address, audience.duplicates);
  report ("audience count, three rules", counting, "< 100 ms");
  report ("  … its processor time", counting_cpu, "(for reference)");

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 started = g_get_monotonic_time ();
      g_autoptr(GPtrArray) all = rapport_campaign_repository_list (campaigns, &error);
      double ms;

      if (all == NULL)
        g_error ("%s", error->message);
      ms = elapsed_ms (started);
      g_array_append_val (listing, ms);
    }
  {
    g_autoptr(GPtrArray) all = rapport_campaign_repository_list (campaigns, NULL);

    g_print ("  (%u campaigns)\n", all != NULL ? all->len : 0);
  }
  report ("Campaigns page: the list", listing, "< 100 ms");

  /* What the Campaigns page reads: the list, and each sent campaign's
   * results (orders within 30 days of its recipients). */
  for (guint i = 0; i < 10; i++)
    {
      gint64 started = g_get_monotonic_time ();
      g_autoptr(GPtrArray) all = rapport_campaign_repository_list (campaigns, &error);
      double ms;

      for (guint j = 0; all != NULL && j < all->len; j++)
        {
          RapportCampaign *campaign = g_ptr_array_index (all, j);
          RapportCampaignResults results;

          if (campaign->status == RAPPORT_CAMPAIGN_SENT
              && !rapport_campaign_repository_results (campaigns, campaign->id, 30, &results, &error))
            g_error ("%s", error->message);
        }
      ms = elapsed_ms (started);
      g_array_append_val (page, ms);
    }
  report ("  … then every result, on a worker", page, "(for reference)");
}
