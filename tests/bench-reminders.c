/* SPDX-License-Identifier: GPL-3.0-or-later */

/* The reminders part of the benchmark: 100,000 open follow-ups and tasks
 * on the benchmark database, then what is due today and in the next 7
 * days, computed as the Today page does; then again with two sources of
 * the size later issues bring (1,500,000 warranties, 900,000 deliveries),
 * registered through the public source interface, to show that each
 * source costs an index range, not a scan. The rows are written with SQL
 * here, behind Rapport's back, as the fastest way to make many. */

#include <sqlite3.h>
#include <time.h>

#include "bench-reminders.h"
#include "rapport-reminders.h"
#include "rapport-wall-clock.h"

#define N_OPEN_TASKS 50000
#define EVERY_NTH_INTERACTION 20     /* 1,000,000 / 20: 50,000 open follow-ups */
#define N_WARRANTIES 1500000
#define N_DELIVERIES 900000
#define RUNS 50

static void
run_sql (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Due days spread from 30 days ago to a year ahead. */
static void
add_open_reminders (sqlite3 *db)
{
  g_autofree char *sql = NULL;

  if (query_int (db, "SELECT count(*) FROM tasks") >= N_OPEN_TASKS)
    return;
  sql = g_strdup_printf ("BEGIN;"
                         "UPDATE interactions SET follow_up_on = date('now', ((id * 7919) %% 396 - 30) || ' days'),"
                         " follow_up_done_at = NULL WHERE id %% %d = 0;"
                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
                         " INSERT INTO tasks (client_id, title, due_on, due_time, created_at)"
                         " SELECT (i * 37) %% (SELECT max(id) FROM clients) + 1, 'Call back ' || i,"
                         " date('now', ((i * 104729) %% 396 - 30) || ' days'),"
                         " CASE WHEN i %% 3 = 0 THEN printf('%%02d:%%02d', i %% 24, i %% 60) END, 0 FROM n;"
                         "COMMIT;",
                         EVERY_NTH_INTERACTION, N_OPEN_TASKS);
  run_sql (db, sql);
}

/* Tables as later issues will have them: each with its partial index on
 * the day that is due, holding only what can still be due. */
static void
add_later_entities (sqlite3 *db)
{
  g_autofree char *sql = NULL;

  if (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'bench_warranties'") > 0)
    return;
  sql = g_strdup_printf ("BEGIN;"
                         "CREATE TABLE bench_warranties (id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL,"
                         " ends_on TEXT NOT NULL, dismissed INTEGER NOT NULL DEFAULT 0) STRICT;"
                         "CREATE TABLE bench_deliveries (id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL,"
                         " due_on TEXT NOT NULL, delivered_at INTEGER) STRICT;"
                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
                         " INSERT INTO bench_warranties (client_id, ends_on)"
                         " SELECT (i * 37) %% 100000 + 1, date('now', ((i * 7919) %% 2190 - 1095) || ' days') FROM n;"
                         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
                         " INSERT INTO bench_deliveries (client_id, due_on, delivered_at)"
                         " SELECT (i * 41) %% 100000 + 1, date('now', ((i * 104729) %% 1100 - 1000) || ' days'),"
                         " CASE WHEN i %% 50 <> 0 THEN 1 END FROM n;"
                         "CREATE INDEX bench_warranties_by_end ON bench_warranties (ends_on) WHERE dismissed = 0;"
                         "CREATE INDEX bench_deliveries_open ON bench_deliveries (due_on) WHERE delivered_at IS NULL;"
                         "COMMIT;",
                         N_WARRANTIES, N_DELIVERIES);
  run_sql (db, sql);
}

/* A source over one of those tables, with its own connection. */
#define BENCH_TYPE_SOURCE (bench_source_get_type ())
G_DECLARE_FINAL_TYPE (BenchSource, bench_source, BENCH, SOURCE, GObject)

struct _BenchSource
{
  GObject     parent_instance;
  sqlite3    *db;
  const char *name;
  const char *collect_sql;   /* ?1 first day, ?2 last day, ?3 limit */
  const char *count_sql;
};

static const char *
bench_source_get_name (RapportReminderSource *source)
{
  return BENCH_SOURCE (source)->name;
}

static gboolean
bench_source_collect (RapportReminderSource       *source,
                      const RapportReminderRange  *range,
                      GPtrArray                   *into,
                      GError                     **error)
{
  BenchSource *self = BENCH_SOURCE (source);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (self->db, self->collect_sql, -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, range->from_day ? range->from_day : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, range->to_day, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, range->limit ? (gint64) range->limit : -1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RapportReminder *reminder = rapport_reminder_new (self->name, sqlite3_column_int64 (stmt, 0));

      reminder->client_id = reminder->open_id = sqlite3_column_int64 (stmt, 1);
      reminder->due_on = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      g_free (reminder->title);
      reminder->title = g_strdup (self->name);
      g_ptr_array_add (into, reminder);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

static gboolean
bench_source_count (RapportReminderSource  *source,
                    const char             *from_day,
                    const char             *to_day,
                    guint                  *count,
                    GError                **error)
{
  BenchSource *self = BENCH_SOURCE (source);
  sqlite3_stmt *stmt = NULL;

  sqlite3_prepare_v2 (self->db, self->count_sql, -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, from_day ? from_day : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, to_day, -1, SQLITE_STATIC);
  *count = sqlite3_step (stmt) == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);
  return TRUE;
}

static RapportReminder *
bench_source_lookup (RapportReminderSource  *source,
                     gint64                  item_id,
                     GError                **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "not measured");
  return NULL;
}

static gboolean
bench_source_set_done (RapportReminderSource  *source,
                       gint64                  item_id,
                       gboolean                done,
                       GError                **error)
{
  return TRUE;
}

static void
bench_source_iface_init (RapportReminderSourceInterface *iface)
{
  iface->get_name = bench_source_get_name;
  iface->collect = bench_source_collect;
  iface->count = bench_source_count;
  iface->lookup = bench_source_lookup;
  iface->set_done = bench_source_set_done;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchSource, bench_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RAPPORT_TYPE_REMINDER_SOURCE, bench_source_iface_init))

static void
bench_source_finalize (GObject *object)
{
  sqlite3_close (BENCH_SOURCE (object)->db);
  G_OBJECT_CLASS (bench_source_parent_class)->finalize (object);
}

static void
bench_source_class_init (BenchSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_source_finalize;
}

static void
bench_source_init (BenchSource *self)
{
}

static BenchSource *
bench_source_new (const char *path,
                  const char *name,
                  const char *collect_sql,
                  const char *count_sql)
{
  BenchSource *self = g_object_new (BENCH_TYPE_SOURCE, NULL);

  sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY, NULL);
  self->name = name;
  self->collect_sql = collect_sql;
  self->count_sql = count_sql;
  return self;
}

/* The processor time of this thread, in milliseconds: on a machine that
 * others share, it says what the work costs when wall time also counts
 * the waits for a processor. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* What the agenda says, in a line: each section's count and a digest of
 * the reminders it lists, in their order, so that two runs of different
 * code on the same file can be seen to give the same answer. */
static void
print_agenda (RapportAgenda *agenda)
{
  GPtrArray *sections[] = { agenda->overdue, agenda->today, agenda->upcoming };
  g_autoptr(GChecksum) digest = g_checksum_new (G_CHECKSUM_SHA256);

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    for (guint i = 0; i < sections[s]->len; i++)
      {
        RapportReminder *reminder = g_ptr_array_index (sections[s], i);
        g_autofree char *id = g_strdup_printf ("%u %s:%" G_GINT64_FORMAT " %" G_GINT64_FORMAT ";",
                                               s, reminder->source, reminder->item_id, reminder->due_at);

        g_checksum_update (digest, (const guchar *) id, -1);
      }
  g_print ("%-34s overdue %u, today %u, next days %u; listed %u, %u, %u, digest %.16s\n", "",
           agenda->n_overdue, agenda->n_today, agenda->n_upcoming,
           agenda->overdue->len, agenda->today->len, agenda->upcoming->len, g_checksum_get_string (digest));
}

static guint
measure (RapportReminders *reminders,
         BenchReport       report,
         const char       *what)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cpu_what = g_strdup_printf ("  … %s, processor time", what);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n = 0;

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(RapportAgenda) agenda = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = thread_cpu_ms ();
      double ms, cpu_ms;

      agenda = rapport_reminders_get_agenda (reminders, now, RAPPORT_REMINDERS_DAYS_AHEAD, 20, &error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      cpu_ms = thread_cpu_ms () - cpu_start;
      if (agenda == NULL)
        g_error ("%s", error->message);
      g_array_append_val (samples, ms);
      g_array_append_val (cpu, cpu_ms);
      n = agenda->n_overdue + agenda->n_today + agenda->n_upcoming;
      if (i == 0)
        print_agenda (agenda);
    }
  report (what, samples, "< 20 ms");
  report (cpu_what, cpu, "(for reference)");
  return n;
}

/**
 * bench_reminders:
 * @path: the benchmark database
 * @report: how figures are printed
 */
void
bench_reminders (const char  *path,
                 BenchReport  report)
{
  g_autoptr(RapportDatabase) database = NULL;
  g_autoptr(RapportReminders) reminders = NULL;
  g_autoptr(BenchSource) warranties = NULL;
  g_autoptr(BenchSource) deliveries = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gint64 started = g_get_monotonic_time ();
  guint n;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  add_open_reminders (db);
  add_later_entities (db);
  g_print ("%-34s %lld open follow-ups, %lld open tasks, %lld warranties, %lld deliveries (%.1f s)\n",
           "reminders' data",
           (long long) query_int (db, "SELECT count(*) FROM interactions WHERE follow_up_on IS NOT NULL"
                                      " AND follow_up_done_at IS NULL"),
           (long long) query_int (db, "SELECT count(*) FROM tasks WHERE done_at IS NULL"),
           (long long) query_int (db, "SELECT count(*) FROM bench_warranties"),
           (long long) query_int (db, "SELECT count(*) FROM bench_deliveries"),
           (g_get_monotonic_time () - started) / 1e6);
  sqlite3_close (db);

  database = rapport_database_open (path, RAPPORT_DATABASE_DEFAULT, &error);
  g_assert_no_error (error);
  reminders = rapport_reminders_new (database);
  n = measure (reminders, report, "due today and next 7 days");
  g_print ("%-34s %u reminders due or overdue in that span\n", "", n);

  /* Warranties come due from their end day a lead time before it; what
   * ended long ago is not due. Deliveries are due until delivered. */
  /* Named apart from the built-in sources, which take the plain names. */
  warranties = bench_source_new (path, "bench-warranty",
                                 "SELECT id, client_id, ends_on FROM bench_warranties"
                                 " WHERE dismissed = 0 AND ends_on BETWEEN max(?1, date('now', '-30 days')) AND ?2"
                                 " ORDER BY ends_on LIMIT ?3",
                                 "SELECT count(*) FROM bench_warranties"
                                 " WHERE dismissed = 0 AND ends_on BETWEEN max(?1, date('now', '-30 days')) AND ?2");
  deliveries = bench_source_new (path, "bench-delivery",
                                 "SELECT id, client_id, due_on FROM bench_deliveries"
                                 " WHERE delivered_at IS NULL AND due_on BETWEEN ?1 AND ?2 ORDER BY due_on LIMIT ?3",
                                 "SELECT count(*) FROM bench_deliveries"
                                 " WHERE delivered_at IS NULL AND due_on BETWEEN ?1 AND ?2");
  rapport_reminders_add_source (reminders, RAPPORT_REMINDER_SOURCE (warranties));
  rapport_reminders_add_source (reminders, RAPPORT_REMINDER_SOURCE (deliveries));
  n = measure (reminders, report, "+ warranties and deliveries");
  g_print ("%-34s %u reminders due or overdue in that span\n", "", n);
}
