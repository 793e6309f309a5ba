/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Bulk inserts in the benchmark: clients added through the repository's
 * bulk path, as `rapport-cli seed --clients N --interactions 0 --orders 0`
 * adds them, into a new file (bulk-new) and into a copy of the
 * benchmark's file (bulk). For each: the processor time of the writing
 * thread, the data the process wrote (the kernel's count, write-ahead log
 * and checkpoints included) against what the file grew by, and the pace
 * in each tenth of the run, to show whether it slows as the file grows.
 * RAPPORT_BENCH_BULK_CLIENTS=N adds N clients to the new file instead of
 * 50,000 (a million: the long run, documented in the README). */

#define _GNU_SOURCE
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sqlite3.h>

#include "bench-bulk.h"
#include "rapport-database.h"
#include "rapport-demo.h"

static gint64 thread_cpu_us (void);

#define NEW_FILE_CLIENTS 50000
#define COPY_CLIENTS 10000
#define TENTHS 10
/* The seed hands clients over this many at a time (CLIENTS_PER_ADD in
 * rapport-demo.c), and tells its progress every 64: a tenth is measured
 * from a call to the next only where both end a group, so that it counts
 * clients written, not clients made. */
#define SEED_GROUP 2048

typedef struct
{
  gint64 wall;
  gint64 cpu;
  double done;
  double rates[TENTHS];   /* clients a second of processor time */
  guint  n_clients;
  guint  next;
} Pace;

double
bench_thread_cpu_s (void)
{
  return thread_cpu_us () / (double) G_USEC_PER_SEC;
}

static gint64
thread_cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return (gint64) usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec
         + (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}

/* What the process has written to storage so far, as the kernel counts. */
static guint64
written_bytes (void)
{
  g_autofree char *io = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/io", &io, NULL, NULL)
      || (line = strstr (io, "\nwrite_bytes:")) == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("\nwrite_bytes:"), NULL, 10);
}

/* What the file holds: its pages less the free ones (a file that had
 * clients removed reuses their pages before it grows). */
static gint64
stored_bytes (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 bytes = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, "SELECT (p.page_count - f.freelist_count) * s.page_size"
                                 " FROM pragma_page_count AS p, pragma_freelist_count AS f,"
                                 " pragma_page_size AS s", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    bytes = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return bytes;
}

static char *
dup_load (void)
{
  g_autofree char *load = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    return g_strdup ("?");
  *strchr (load, ' ') = '\0';
  return g_steal_pointer (&load);
}

/* Called by the seed as it goes (fractions of the clients written). */
static void
on_progress (double   fraction,
             gpointer data)
{
  Pace *pace = data;
  guint made = (guint) (fraction * pace->n_clients + 0.5);

  gint64 cpu;
  double rate;

  if ((made % SEED_GROUP != 0 && made < pace->n_clients)
      || pace->next == TENTHS || fraction < (pace->next + 1) / (double) TENTHS - 1e-9)
    return;
  /* A group that ends two tenths (a run of fewer than ten groups) gives
   * its pace to both. */
  cpu = thread_cpu_us ();
  rate = (fraction - pace->done) * pace->n_clients / MAX (1e-6, (cpu - pace->cpu) / (double) G_USEC_PER_SEC);
  while (pace->next < TENTHS && fraction >= (pace->next + 1) / (double) TENTHS - 1e-9)
    pace->rates[pace->next++] = rate;
  pace->cpu = cpu;
  pace->done = fraction;
}

static void
add_clients (const char *what,
             const char *path,
             guint       n_clients)
{
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *load = dup_load ();
  g_autoptr(GString) tenths = g_string_new (NULL);
  RapportDemoOptions options = { .seed = 11, .n_clients = n_clients };
  gint64 size = stored_bytes (path);
  guint64 written = written_bytes ();
  Pace pace = { g_get_monotonic_time (), thread_cpu_us (), 0, { 0 }, n_clients, 0 };
  gint64 cpu = pace.cpu;
  double wall_s, cpu_s, stored_mb, written_mb;

  database = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, &error);
  if (database == NULL || !rapport_demo_seed (database, &options, on_progress, &pace, NULL, &error))
    g_error ("%s", error->message);
  /* Closing copies the write-ahead log into the file: part of the cost. */
  g_clear_object (&database);

  wall_s = (g_get_monotonic_time () - pace.wall) / (double) G_USEC_PER_SEC;
  cpu_s = (thread_cpu_us () - cpu) / (double) G_USEC_PER_SEC;
  written_mb = (written_bytes () - written) / 1e6;
  stored_mb = (stored_bytes (path) - size) / 1e6;
  for (guint i = 0; i < pace.next; i++)
    g_string_append_printf (tenths, " %.0f", pace.rates[i]);

  g_print ("%-34s %u clients: %.1f s wall, %.1f s processor (%.0f clients a second), load %s\n",
           what, n_clients, wall_s, cpu_s, n_clients / MAX (1e-6, cpu_s), load);
  g_print ("%-34s %.1f MB written for %.1f MB stored: %.1f x   goal: <= 5 x\n",
           "… data written", written_mb, stored_mb, written_mb / MAX (1e-6, stored_mb));
  g_print ("%-34s%s   goal: >= 20000, flat\n", "… clients a second, by tenths", tenths->str);
}

/* The file and what SQLite and Rapport keep beside it, so that the
 * benchmark's folder can go too. */
void
bench_remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-wait" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);

      g_remove (name);
    }
}

void
bench_bulk (const char  *path,
            gboolean   (*wanted) (const char *what))
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *copy = NULL;

  if (!wanted ("bulk-new") && !wanted ("bulk"))
    return;
  dir = g_dir_make_tmp ("rapport-bench-bulk-XXXXXX", &error);
  g_assert_no_error (error);

  if (wanted ("bulk-new"))
    {
      const char *n = g_getenv ("RAPPORT_BENCH_BULK_CLIENTS");
      g_autofree char *fresh = g_build_filename (dir, "new.db", NULL);

      add_clients ("bulk insert into a new file", fresh, n ? (guint) atoi (n) : NEW_FILE_CLIENTS);
      bench_remove_database (fresh);
    }
  if (wanted ("bulk"))
    {
      g_autofree char *command = NULL;

      /* A copy, so that the benchmark's file stays as it was; a clone
       * where the file system can. */
      copy = g_build_filename (dir, "copy.db", NULL);
      command = g_strdup_printf ("cp --reflink=auto '%s' '%s'", path, copy);
      if (system (command) != 0)
        g_error ("Could not copy %s", path);
      add_clients ("bulk insert into the benchmark's file", copy, COPY_CLIENTS);
      bench_remove_database (copy);
    }
  g_rmdir (dir);
}
