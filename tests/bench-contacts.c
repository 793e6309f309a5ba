/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Contacts in the benchmark: the preview of 1,000 cards, the import of
 * 100,000 cards with the duplicate check against the clients already
 * there (then undone, so that the database stays as it was), and the
 * duplicate scan of all clients. RAPPORT_BENCH_ONLY names: import-preview,
 * import, duplicates. */

#include <glib/gstdio.h>

#include "bench-bulk.h"
#include "bench-contacts.h"
#include "rapport-backups.h"
#include "rapport-client-duplicates.h"
#include "rapport-client-import.h"

#define IMPORT_CARDS 100000
#define PREVIEW_CARDS 1000
/* One card in this many has the phone of a client already there. */
#define MATCH_EVERY 10

static const char * const given_names[] = {
  "Olivia", "Mateo", "Zofia", "Дмитрий", "Fatemeh", "Hiroshi", "Amara", "Lukas", "Chiara", "Oksana",
  "Nasrin", "Tomasz", "Inès", "Kwame", "Yuki", "Sven", "Leila", "Богдан", "Aarav", "Camila",
};
static const char * const family_names[] = {
  "Nakamura", "Kowalczyk", "Петренко", "Rahimi", "Okafor", "Lindqvist", "Moreau", "Bianchi", "Dąbrowska",
  "Haddad", "Schneider", "Сидоренко", "Takahashi", "Mensah", "Van Dijk", "Karimi", "Novak", "O'Connor",
};

/* Existing clients' phones, for the cards that should match. */
static GPtrArray *
existing_phones (RapportClientRepository *clients,
                 guint                    wanted)
{
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) loaded = NULL;
  g_autoptr(GError) error = NULL;

  for (gint64 id = 1; ids->len < wanted; id += 7)
    g_array_append_val (ids, id);
  loaded = rapport_client_repository_load (clients, (const gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < loaded->len; i++)
    {
      RapportClient *client = g_ptr_array_index (loaded, i);

      if (client != NULL && rapport_client_get_main_phone (client) != NULL
          && *rapport_client_get_main_phone (client) != '\0')
        g_ptr_array_add (phones, g_strdup (rapport_client_get_main_phone (client)));
    }
  return g_steal_pointer (&phones);
}

/* Cards as a phone writes them: 3.0, CR LF, a few fields each. */
static GBytes *
write_cards (guint      n,
             GPtrArray *matching)
{
  GString *out = g_string_sized_new (n * 220);

  for (guint i = 0; i < n; i++)
    {
      const char *given = given_names[i % G_N_ELEMENTS (given_names)];
      const char *family = family_names[(i / G_N_ELEMENTS (given_names)) % G_N_ELEMENTS (family_names)];
      g_autofree char *phone = NULL;

      if (matching->len > 0 && i % MATCH_EVERY == 0)
        phone = g_strdup (g_ptr_array_index (matching, (i / MATCH_EVERY) % matching->len));
      else
        phone = g_strdup_printf ("+1 415 %03u %04u", 200 + (i / 10000) % 700, i % 10000);
      g_string_append_printf (out,
                              "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:%s %s %u\r\nN:%s;%s %u;;;\r\n"
                              "TEL;TYPE=CELL:%s\r\nEMAIL;TYPE=HOME:card%u@bench.example.org\r\n"
                              "ADR;TYPE=HOME:;;%u Market Street;Springfield;;%05u;\r\n"
                              "NOTE:Imported for the benchmark\\, card %u\r\nEND:VCARD\r\n",
                              given, family, i, family, given, i, phone, i, i % 997, i % 99999, i);
    }
  return g_string_free_to_bytes (out);
}

static double
since_ms (gint64 started)
{
  return (g_get_monotonic_time () - started) / 1000.0;
}

static RapportImportPlan *
preview (RapportClientRepository *clients,
         GBytes                  *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportImportPlan) plan = rapport_import_plan_read ("bench.vcf", bytes, NULL, &error);

  g_assert_no_error (error);
  if (!rapport_import_plan_match (plan, clients, RAPPORT_ON_DUPLICATE_SKIP, NULL, &error))
    g_error ("%s", error->message);
  return g_steal_pointer (&plan);
}

static void
bench_preview (RapportClientRepository *clients,
               GPtrArray               *matching,
               BenchReport              report)
{
  g_autoptr(GBytes) bytes = write_cards (PREVIEW_CARDS, matching);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < 7; run++)
    {
      gint64 started = g_get_monotonic_time ();
      g_autoptr(RapportImportPlan) plan = preview (clients, bytes);
      double ms = since_ms (started);

      g_assert_cmpuint (plan->items->len, ==, PREVIEW_CARDS);
      g_array_append_val (samples, ms);
    }
  report ("import preview of 1,000 cards", samples, "< 1000 ms");
}

static guint
import_runs (void)
{
  const char *runs = g_getenv ("RAPPORT_BENCH_IMPORT_RUNS");

  return runs ? (guint) CLAMP (g_ascii_strtoull (runs, NULL, 10), 1, 20) : 1;
}

static void
bench_import (RapportClientRepository *clients,
              GPtrArray               *matching,
              BenchReport              report)
{
  g_autoptr(GBytes) bytes = write_cards (IMPORT_CARDS, matching);
  g_autoptr(GArray) previews = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) wholes = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undos = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) backups = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  double cpu_preview = 0, cpu_write = 0, cpu_undo = 0, cpu;

  /* RAPPORT_BENCH_IMPORT_RUNS times (default 1): each import is undone, so
   * that the file stays as it was; both take minutes on a busy machine */
  for (guint run = 0; run < import_runs (); run++)
    {
      gint64 started = g_get_monotonic_time ();
      double cpu_started = bench_thread_cpu_s ();
      g_autoptr(RapportImportPlan) plan = preview (clients, bytes);
      double preview_ms = since_ms (started), write_ms, whole_ms, undo_ms, backup_ms;
      g_autoptr(RapportBackup) backup = NULL;
      gint64 batch;

      cpu = bench_thread_cpu_s ();
      cpu_preview += cpu - cpu_started;
      batch = rapport_client_repository_import (clients, plan, NULL, NULL, NULL, &error);
      if (batch == 0)
        g_error ("%s", error->message);
      cpu_write += bench_thread_cpu_s () - cpu;
      whole_ms = since_ms (started);
      write_ms = whole_ms - preview_ms;
      g_array_append_val (previews, preview_ms);
      g_array_append_val (writes, write_ms);
      g_array_append_val (wholes, whole_ms);
      g_print ("%-34s %u new, %u matching, %u refused\n", "… the file", plan->n_new, plan->n_matches,
               plan->n_refused);

      /* the backup the import made first, alone, to see its share */
      started = g_get_monotonic_time ();
      backup = rapport_backups_make (rapport_client_repository_get_database (clients), RAPPORT_BACKUP_BEFORE_CHANGE,
                                     NULL, &error);
      g_assert_no_error (error);
      backup_ms = since_ms (started);
      g_array_append_val (backups, backup_ms);

      started = g_get_monotonic_time ();
      cpu = bench_thread_cpu_s ();
      if (!rapport_client_repository_undo_import (clients, batch, &error))
        g_error ("%s", error->message);
      cpu_undo += bench_thread_cpu_s () - cpu;
      undo_ms = since_ms (started);
      g_array_append_val (undos, undo_ms);
    }
  report ("import of 100,000 cards, whole", wholes, "< 20000 ms");
  report ("… reading and matching", previews, "");
  report ("… backup and writing", writes, "");
  report ("… a backup alone", backups, "");
  report ("… undoing it", undos, "");
  g_print ("%-34s reading and matching %.1f s, backup and writing %.1f s, undoing %.1f s (mean of %u)\n",
           "… processor time", cpu_preview / import_runs (), cpu_write / import_runs (),
           cpu_undo / import_runs (), import_runs ());
}

static void
bench_duplicates (RapportClientRepository *clients,
                  BenchReport              report)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint found = 0;

  for (guint run = 0; run < 3; run++)
    {
      g_autoptr(GError) error = NULL;
      gint64 started = g_get_monotonic_time ();
      g_autoptr(GArray) pairs = rapport_client_repository_find_duplicates (clients, NULL, &error);
      double ms = since_ms (started);

      g_assert_no_error (error);
      found = pairs->len;
      g_array_append_val (samples, ms);
    }
  report ("duplicate scan of all clients", samples, "< 5000 ms");
  g_print ("%-34s %u pairs\n", "… found", found);
}

void
bench_contacts (RapportDatabase *database,
                gboolean       (*wanted) (const char *what),
                BenchReport      report)
{
  g_autoptr(RapportClientRepository) clients = rapport_client_repository_new (database);
  g_autoptr(GPtrArray) matching = NULL;

  if (!wanted ("import-preview") && !wanted ("import") && !wanted ("duplicates"))
    return;
  matching = existing_phones (clients, 20000);
  if (wanted ("import-preview"))
    bench_preview (clients, matching, report);
  if (wanted ("import"))
    bench_import (clients, matching, report);
  if (wanted ("duplicates"))
    bench_duplicates (clients, report);
}
