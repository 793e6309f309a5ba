/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-reminders.h"
#include "rapport-reminder-repository.h"
#include "rapport-task-repository.h"
#include "rapport-test-utils.h"
#include "rapport-wall-clock.h"

/* A store, its reminders in a chosen zone, a fixed clock and one client. */
typedef struct
{
  RapportTestStore      *store;
  RapportTaskRepository *tasks;
  RapportReminders      *reminders;
  RapportClock          *clock;
  GTimeZone             *zone;
  gint64                 client_id;
  char                  *path;
} Fixture;

static gint64
moment (GTimeZone  *zone,
        const char *day,
        const char *time)
{
  gint64 utc = 0;

  g_assert_true (rapport_wall_clock_to_utc (zone, day, time, &utc));
  return utc;
}

static void
fixture_open (Fixture    *f,
              const char *zone,
              const char *now_day,
              const char *now_time)
{
  g_autoptr(RapportClient) client = NULL;

  f->path = rapport_test_dup_path ("reminders.db");
  f->store = rapport_test_open_store ("reminders.db");
  f->tasks = rapport_task_repository_new (f->store->db);
  f->zone = g_time_zone_new_identifier (zone);
  g_assert_nonnull (f->zone);
  f->clock = rapport_clock_new_fixed (moment (f->zone, now_day, now_time));
  rapport_database_set_clock (f->store->db, f->clock);
  f->reminders = rapport_reminders_new (f->store->db);
  rapport_reminders_set_time_zone (f->reminders, f->zone);
  client = rapport_test_add_client (f->store, "Ada", "Lovelace", "+44 20 7946 0001", NULL);
  f->client_id = rapport_client_get_id (client);
}

static void
fixture_close (Fixture *f)
{
  g_clear_object (&f->reminders);
  g_clear_object (&f->tasks);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->zone, g_time_zone_unref);
  g_clear_pointer (&f->store, rapport_test_store_free);
  g_clear_pointer (&f->path, g_free);
}

static gint64
now_of (Fixture *f)
{
  return rapport_clock_get_now (f->clock);
}

static gint64
add_follow_up (Fixture    *f,
               const char *summary,
               const char *day,
               const char *time)
{
  g_autoptr(RapportInteraction) interaction = rapport_interaction_new (f->client_id, RAPPORT_INTERACTION_CALL);
  g_autoptr(GError) error = NULL;

  rapport_interaction_set_occurred_at (interaction, now_of (f) - 86400);
  rapport_interaction_set_summary (interaction, summary);
  rapport_interaction_set_follow_up_on (interaction, day);
  rapport_interaction_set_follow_up_time (interaction, time);
  rapport_interaction_repository_add (f->store->interactions, interaction, &error);
  g_assert_no_error (error);
  return rapport_interaction_get_id (interaction);
}

static gint64
add_task (Fixture    *f,
          const char *title,
          const char *day,
          const char *time)
{
  g_autoptr(RapportTask) task = rapport_task_new (f->client_id);
  g_autoptr(GError) error = NULL;

  rapport_task_set_title (task, title);
  rapport_task_set_due_on (task, day);
  rapport_task_set_due_time (task, time);
  rapport_task_repository_save (f->tasks, task, &error);
  g_assert_no_error (error);
  return rapport_task_get_id (task);
}

static RapportAgenda *
agenda (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  RapportAgenda *result = rapport_reminders_get_agenda (f->reminders, now_of (f), 7, 100, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

/* The titles of @list, joined by “|”. */
static char *
titles (GPtrArray *list)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      RapportReminder *reminder = g_ptr_array_index (list, i);

      g_string_append_printf (out, "%s%s", i ? "|" : "", reminder->title);
    }
  return g_string_free (out, FALSE);
}

#define assert_titles(list, expected) \
  G_STMT_START { g_autofree char *got_ = titles (list); g_assert_cmpstr (got_, ==, expected); } G_STMT_END

static char *
id_of (const char *source,
       gint64      item_id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, source, item_id);
}

/* Both sources, sorted into overdue, today and the days ahead; what is
 * done or beyond the days asked for is nowhere. */
static void
test_agenda (void)
{
  Fixture f = { 0 };
  g_autoptr(RapportAgenda) a = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done_id = NULL;
  gint64 done;

  fixture_open (&f, "UTC", "2026-03-10", "10:00");
  add_follow_up (&f, "Two days late", "2026-03-08", NULL);
  add_follow_up (&f, "This morning", "2026-03-10", NULL);
  add_task (&f, "This afternoon", "2026-03-10", "15:00");
  add_task (&f, "Early today", "2026-03-10", "07:30");
  add_follow_up (&f, "In three days", "2026-03-13", "11:00");
  add_task (&f, "In a week", "2026-03-17", NULL);
  add_follow_up (&f, "Beyond the week", "2026-03-18", NULL);
  done = add_follow_up (&f, "Done already", "2026-03-09", NULL);
  done_id = id_of ("follow-up", done);
  g_assert_true (rapport_reminders_set_done (f.reminders, done_id, TRUE, &error));
  g_assert_no_error (error);

  a = agenda (&f);
  g_assert_cmpstr (a->today_day, ==, "2026-03-10");
  assert_titles (a->overdue, "Follow up: Two days late");
  g_assert_cmpuint (a->n_overdue, ==, 1);
  assert_titles (a->today, "Early today|Follow up: This morning|This afternoon");
  assert_titles (a->upcoming, "Follow up: In three days|In a week");

  {
    RapportReminder *morning = g_ptr_array_index (a->today, 1);

    /* A day without a time is due in the morning. */
    g_assert_cmpint (morning->due_at, ==, moment (f.zone, "2026-03-10", RAPPORT_DAY_STARTS_AT));
    g_assert_cmpstr (morning->client_name, ==, "Ada Lovelace");
    g_assert_cmpstr (morning->origin, ==, "call");
    g_assert_cmpstr (morning->open_kind, ==, RAPPORT_REMINDER_OPEN_CLIENT);
    g_assert_cmpint (morning->open_id, ==, f.client_id);
  }

  /* Undone, it is due again. */
  g_assert_true (rapport_reminders_set_done (f.reminders, done_id, FALSE, &error));
  g_clear_pointer (&a, rapport_agenda_free);
  a = agenda (&f);
  assert_titles (a->overdue, "Follow up: Done already|Follow up: Two days late");
  fixture_close (&f);
}

/* The days ahead cross a month's end and a leap day. */
static void
test_month_end (void)
{
  Fixture f = { 0 };
  g_autoptr(RapportAgenda) a = NULL;

  fixture_open (&f, "Europe/Warsaw", "2028-02-26", "23:30");
  add_task (&f, "Leap day", "2028-02-29", NULL);
  add_task (&f, "First of March", "2028-03-01", "08:00");
  add_task (&f, "Fourth of March", "2028-03-04", NULL);
  add_task (&f, "Fifth of March", "2028-03-05", NULL);

  a = agenda (&f);
  assert_titles (a->today, "");
  assert_titles (a->upcoming, "Leap day|First of March|Fourth of March");
  fixture_close (&f);
}

/* The same moment is another day in another zone. */
static void
test_time_zones (void)
{
  Fixture f = { 0 };
  g_autoptr(RapportAgenda) a = NULL;
  g_autoptr(GTimeZone) tehran = g_time_zone_new_identifier ("Asia/Tehran");

  /* 02:00 UTC on 10 March: still the 9th in New York, the 10th in Tehran. */
  fixture_open (&f, "America/New_York", "2026-03-09", "22:00");
  add_follow_up (&f, "On the tenth", "2026-03-10", NULL);

  a = agenda (&f);
  g_assert_cmpstr (a->today_day, ==, "2026-03-09");
  assert_titles (a->upcoming, "Follow up: On the tenth");
  g_assert_cmpint (((RapportReminder *) g_ptr_array_index (a->upcoming, 0))->due_at, ==,
                   moment (f.zone, "2026-03-10", "09:00"));

  rapport_reminders_set_time_zone (f.reminders, tehran);
  g_clear_pointer (&a, rapport_agenda_free);
  a = agenda (&f);
  g_assert_cmpstr (a->today_day, ==, "2026-03-10");
  assert_titles (a->today, "Follow up: On the tenth");
  /* 09:00 in Tehran (UTC+03:30) is 05:30 UTC. */
  g_assert_cmpint (((RapportReminder *) g_ptr_array_index (a->today, 0))->due_at, ==, 1773120600);
  fixture_close (&f);
}

/* A reminder keeps its hour on the wall clock across daylight saving;
 * one set in the hour the clock skips comes due just after the skip. */
static void
test_daylight_saving (void)
{
  Fixture f = { 0 };
  g_autoptr(RapportAgenda) a = NULL;
  RapportReminder *r;

  /* Summer time begins in Warsaw at 02:00 on 29 March 2026. */
  fixture_open (&f, "Europe/Warsaw", "2026-03-27", "12:00");
  add_task (&f, "Saturday nine", "2026-03-28", "09:00");
  add_task (&f, "Skipped hour", "2026-03-29", "02:30");
  add_task (&f, "Sunday nine", "2026-03-29", "09:00");

  a = agenda (&f);
  assert_titles (a->upcoming, "Saturday nine|Skipped hour|Sunday nine");
  r = g_ptr_array_index (a->upcoming, 0);
  g_assert_cmpint (r->due_at, ==, 1774684800);       /* 08:00 UTC: winter time */
  r = g_ptr_array_index (a->upcoming, 2);
  g_assert_cmpint (r->due_at, ==, 1774767600);       /* 07:00 UTC: summer time */
  r = g_ptr_array_index (a->upcoming, 1);
  g_assert_cmpint (r->due_at, >=, 1774746000);       /* not before the skip at 01:00 UTC */
  g_assert_cmpint (r->due_at, <=, 1774747800);

  /* The day after the change is one calendar day later, though 23 hours. */
  {
    g_autofree char *day = rapport_wall_clock_day (f.zone, moment (f.zone, "2026-03-28", "23:30"), 1);
    g_assert_cmpstr (day, ==, "2026-03-29");
  }
  fixture_close (&f);
}

/* A snooze moves a reminder to where the snooze ends; when it ends, the
 * reminder is due again and notified again, once. */
static void
test_snooze (void)
{
  Fixture f = { 0 };
  g_autoptr(RapportAgenda) a = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  guint n_due = 0;
  gint64 until;

  fixture_open (&f, "UTC", "2026-03-10", "10:00");
  id = id_of ("follow-up", add_follow_up (&f, "Late", "2026-03-05", NULL));
  add_follow_up (&f, "Also late", "2026-03-06", NULL);

  /* Everything due so far is notified (once). */
  due = rapport_reminders_list_to_notify (f.reminders, now_of (&f), 10, &n_due, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_due, ==, 2);
  g_assert_true (rapport_reminders_mark_notified (f.reminders, due, now_of (&f), &error));
  g_clear_pointer (&due, g_ptr_array_unref);

  until = now_of (&f) + 3600;
  g_assert_false (rapport_reminders_snooze (f.reminders, id, now_of (&f) - 1, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (rapport_reminders_snooze (f.reminders, id, until, &error));
  g_assert_no_error (error);

  a = agenda (&f);
  assert_titles (a->overdue, "Follow up: Also late");
  g_assert_cmpuint (a->n_overdue, ==, 1);
  assert_titles (a->today, "Follow up: Late");
  g_assert_cmpint (rapport_reminder_get_effective_due (g_ptr_array_index (a->today, 0), now_of (&f)), ==, until);
  g_assert_cmpint (rapport_reminders_get_next_due (f.reminders, now_of (&f), &error), ==, until);

  /* Nothing new before the snooze ends… */
  rapport_clock_advance (f.clock, 1800);
  due = rapport_reminders_list_to_notify (f.reminders, now_of (&f), 10, &n_due, &error);
  g_assert_cmpuint (n_due, ==, 0);
  g_assert_true (rapport_reminders_mark_notified (f.reminders, due, now_of (&f), &error));
  g_clear_pointer (&due, g_ptr_array_unref);

  /* …then it is due again, and notified once more. */
  rapport_clock_advance (f.clock, 3600);
  due = rapport_reminders_list_to_notify (f.reminders, now_of (&f), 10, &n_due, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_due, ==, 1);
  assert_titles (due, "Follow up: Late");
  g_assert_cmpint (((RapportReminder *) g_ptr_array_index (due, 0))->due_at, ==, until);
  g_assert_true (rapport_reminders_mark_notified (f.reminders, due, now_of (&f), &error));
  g_clear_pointer (&due, g_ptr_array_unref);
  due = rapport_reminders_list_to_notify (f.reminders, now_of (&f) + 60, 10, &n_due, &error);
  g_assert_cmpuint (n_due, ==, 0);

  g_clear_pointer (&a, rapport_agenda_free);
  a = agenda (&f);
  assert_titles (a->overdue, "Follow up: Also late|Follow up: Late");
  fixture_close (&f);
}

/* Never twice: a reminder is notified when it comes due and not again,
 * after restarts (a new RapportReminders on the same file) too. */
static void
test_never_twice (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  guint n_due = 0;

  fixture_open (&f, "Europe/Warsaw", "2026-06-01", "08:00");
  add_task (&f, "At ten", "2026-06-01", "10:00");
  add_task (&f, "At eleven", "2026-06-01", "11:00");

  due = rapport_reminders_list_to_notify (f.reminders, now_of (&f), 10, &n_due, &error);
  g_assert_cmpuint (n_due, ==, 0);
  g_assert_true (rapport_reminders_mark_notified (f.reminders, due, now_of (&f), &error));
  g_clear_pointer (&due, g_ptr_array_unref);
  g_assert_cmpint (rapport_reminders_get_next_due (f.reminders, now_of (&f), &error), ==,
                   moment (f.zone, "2026-06-01", "10:00"));

  rapport_clock_set_now (f.clock, moment (f.zone, "2026-06-01", "10:00"));
  due = rapport_reminders_list_to_notify (f.reminders, now_of (&f), 10, &n_due, &error);
  assert_titles (due, "At ten");
  g_assert_true (rapport_reminders_mark_notified (f.reminders, due, now_of (&f), &error));
  g_clear_pointer (&due, g_ptr_array_unref);

  /* A restart: the same file, new objects. */
  g_clear_object (&f.reminders);
  f.reminders = rapport_reminders_new (f.store->db);
  rapport_reminders_set_time_zone (f.reminders, f.zone);
  due = rapport_reminders_list_to_notify (f.reminders, now_of (&f) + 60, 10, &n_due, &error);
  g_assert_cmpuint (n_due, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);
  g_assert_cmpint (rapport_test_query_int (f.path, "SELECT notified_at FROM reminder_state"
                                           " WHERE source = 'task'"), ==, now_of (&f));

  /* A clock set back finds nothing new. */
  rapport_clock_set_now (f.clock, moment (f.zone, "2026-06-01", "09:00"));
  due = rapport_reminders_list_to_notify (f.reminders, now_of (&f), 10, &n_due, &error);
  g_assert_cmpuint (n_due, ==, 0);
  g_clear_pointer (&due, g_ptr_array_unref);

  rapport_clock_set_now (f.clock, moment (f.zone, "2026-06-01", "11:05"));
  due = rapport_reminders_list_to_notify (f.reminders, now_of (&f), 10, &n_due, &error);
  assert_titles (due, "At eleven");
  fixture_close (&f);
}

/* After a week away everything that came due meanwhile is found at once,
 * counted in full even when only the most recent are listed. */
static void
test_catch_up (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  guint n_due = 0;

  fixture_open (&f, "UTC", "2026-05-01", "08:00");
  due = rapport_reminders_list_to_notify (f.reminders, now_of (&f), 3, &n_due, &error);
  g_assert_true (rapport_reminders_mark_notified (f.reminders, due, now_of (&f), &error));
  g_clear_pointer (&due, g_ptr_array_unref);

  for (int day = 1; day <= 7; day++)
    {
      g_autofree char *date = g_strdup_printf ("2026-05-%02d", day);
      g_autofree char *title = g_strdup_printf ("Day %d", day);

      if (day % 2)
        add_task (&f, title, date, "12:00");
      else
        add_follow_up (&f, title, date, NULL);
    }

  rapport_clock_set_now (f.clock, moment (f.zone, "2026-05-08", "08:00"));
  due = rapport_reminders_list_to_notify (f.reminders, now_of (&f), 3, &n_due, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_due, ==, 7);
  assert_titles (due, "Day 7|Follow up: Day 6|Day 5");
  g_assert_true (rapport_reminders_mark_notified (f.reminders, due, now_of (&f), &error));
  g_clear_pointer (&due, g_ptr_array_unref);
  due = rapport_reminders_list_to_notify (f.reminders, now_of (&f), 3, &n_due, &error);
  g_assert_cmpuint (n_due, ==, 0);
  fixture_close (&f);
}

/* Many overdue: the most recent are listed, all are counted; dismissed and
 * snoozed ones are not counted, even beyond what is listed. */
static void
test_overdue_counted (void)
{
  Fixture f = { 0 };
  g_autoptr(RapportAgenda) a = NULL;
  g_autoptr(GError) error = NULL;
  gint64 oldest = 0, second = 0;

  fixture_open (&f, "UTC", "2026-03-10", "10:00");
  for (int i = 1; i <= 30; i++)
    {
      g_autofree char *date = g_strdup_printf ("2026-02-%02d", i <= 28 ? i : 28);
      gint64 id = add_follow_up (&f, "Old", date, NULL);

      if (i == 1)
        oldest = id;
      else if (i == 2)
        second = id;
    }

  for (int i = 0; i < 8; i++)
    add_task (&f, "Tomorrow", "2026-03-11", NULL);

  a = rapport_reminders_get_agenda (f.reminders, now_of (&f), 7, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->overdue->len, ==, 5);
  g_assert_cmpuint (a->n_overdue, ==, 30);
  g_assert_cmpuint (a->upcoming->len, ==, 5);
  g_assert_cmpuint (a->n_upcoming, ==, 8);
  g_assert_cmpuint (a->n_today, ==, 0);

  {
    g_autofree char *oldest_id = id_of ("follow-up", oldest);
    g_autofree char *second_id = id_of ("follow-up", second);

    g_assert_true (rapport_reminders_dismiss (f.reminders, oldest_id, &error));
    g_assert_true (rapport_reminders_snooze (f.reminders, second_id, now_of (&f) + 7200, &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&a, rapport_agenda_free);
  a = rapport_reminders_get_agenda (f.reminders, now_of (&f), 7, 5, &error);
  g_assert_cmpuint (a->n_overdue, ==, 28);
  g_assert_cmpuint (a->n_today, ==, 1);
  assert_titles (a->today, "Follow up: Old");
  fixture_close (&f);
}

/* Identities: the form is checked, the record looked up; what the file
 * holds may be odd, and is read without a crash. */
static void
test_identities (void)
{
  Fixture f = { 0 };
  g_autoptr(RapportReminder) reminder = NULL;
  g_autoptr(RapportAgenda) a = NULL;
  g_autoptr(GError) error = NULL;
  const char *malformed[] = { "", "task", "task:", ":5", "task:abc", "task:5x",
                              "task:99999999999999999999", "\xff:1" };
  g_autofree char *task_id = NULL;
  gint64 id;

  fixture_open (&f, "UTC", "2026-03-10", "10:00");
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_assert_null (rapport_reminders_lookup (f.reminders, malformed[i], &error));
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_clear_error (&error);
    }
  g_assert_null (rapport_reminders_lookup (f.reminders, "warranty:1", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (rapport_reminders_lookup (f.reminders, "task:-9223372036854775808", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  id = add_task (&f, "Call back", "2026-03-11", "10:00");
  task_id = id_of ("task", id);
  reminder = rapport_reminders_lookup (f.reminders, task_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reminder->title, ==, "Call back");
  g_assert_false (reminder->done);

  /* Another program wrote a day no calendar has, and a huge id. */
  rapport_test_run_sql (f.path,
                        "UPDATE tasks SET due_on = '2026-02-30';"
                        "INSERT INTO reminder_state (source, item_id, snoozed_until)"
                        " VALUES ('task', 9223372036854775807, 9223372036854775807),"
                        " ('no-such-source', 3, 9223372036854775807);");
  a = agenda (&f);
  assert_titles (a->overdue, "Call back");
  fixture_close (&f);
}

/* A source registered from outside is asked like the built-in ones: what
 * orders, deliveries and warranties will do. */
#define TEST_TYPE_SOURCE (test_source_get_type ())
G_DECLARE_FINAL_TYPE (TestSource, test_source, TEST, SOURCE, GObject)

struct _TestSource
{
  GObject   parent_instance;
  gboolean  done;
  guint     n_collects;
};

static const char *
test_source_get_name (RapportReminderSource *source)
{
  return "warranty";
}

static RapportReminder *
make_warranty (TestSource *self)
{
  RapportReminder *reminder = rapport_reminder_new ("warranty", 42);

  reminder->due_on = g_strdup ("2026-03-12");
  g_free (reminder->title);
  reminder->title = g_strdup ("Warranty ends");
  reminder->done = self->done;
  return reminder;
}

static gboolean
test_source_collect (RapportReminderSource       *source,
                     const RapportReminderRange  *range,
                     GPtrArray                   *into,
                     GError                     **error)
{
  TestSource *self = TEST_SOURCE (source);

  self->n_collects++;
  if (!self->done && g_strcmp0 (range->from_day ? range->from_day : "", "2026-03-12") <= 0
      && g_strcmp0 ("2026-03-12", range->to_day) <= 0)
    g_ptr_array_add (into, make_warranty (self));
  return TRUE;
}

static gboolean
test_source_count (RapportReminderSource  *source,
                   const char             *from_day,
                   const char             *to_day,
                   guint                  *count,
                   GError                **error)
{
  *count = 0;
  return TRUE;
}

static RapportReminder *
test_source_lookup (RapportReminderSource  *source,
                    gint64                  item_id,
                    GError                **error)
{
  if (item_id == 42)
    return make_warranty (TEST_SOURCE (source));
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND, "no such warranty");
  return NULL;
}

static gboolean
test_source_set_done (RapportReminderSource  *source,
                      gint64                  item_id,
                      gboolean                done,
                      GError                **error)
{
  TEST_SOURCE (source)->done = done;
  return TRUE;
}

static void
test_source_iface_init (RapportReminderSourceInterface *iface)
{
  iface->get_name = test_source_get_name;
  iface->collect = test_source_collect;
  iface->count = test_source_count;
  iface->lookup = test_source_lookup;
  iface->set_done = test_source_set_done;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSource, test_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RAPPORT_TYPE_REMINDER_SOURCE, test_source_iface_init))

static void
test_source_class_init (TestSourceClass *klass)
{
}

static void
test_source_init (TestSource *self)
{
}

static void
test_registered_source (void)
{
  Fixture f = { 0 };
  g_autoptr(TestSource) source = g_object_new (TEST_TYPE_SOURCE, NULL);
  g_autoptr(RapportAgenda) a = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open (&f, "UTC", "2026-03-10", "10:00");
  add_task (&f, "A task", "2026-03-11", NULL);
  rapport_reminders_add_source (f.reminders, RAPPORT_REMINDER_SOURCE (source));
  g_assert_true (rapport_reminders_get_source (f.reminders, "warranty") == RAPPORT_REMINDER_SOURCE (source));

  a = agenda (&f);
  assert_titles (a->upcoming, "A task|Warranty ends");
  g_assert_cmpuint (source->n_collects, >, 0);

  g_assert_true (rapport_reminders_set_done (f.reminders, "warranty:42", TRUE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&a, rapport_agenda_free);
  a = agenda (&f);
  assert_titles (a->upcoming, "A task");
  fixture_close (&f);
}

static RapportAgenda *
agenda_async (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  RapportAgenda *read;

  rapport_reminders_get_agenda_async (f->reminders, now_of (f), 7, 100, NULL, rapport_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  read = rapport_reminders_get_agenda_finish (f->reminders, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  return read;
}

/* The agenda read in a worker on the reader connection is the one read
 * here: the reader sees what was committed, and not what the writer has
 * not committed yet. With a source of the caller's own, it is read here. */
static void
test_agenda_async (void)
{
  Fixture f = { 0 };
  g_autoptr(TestSource) source = g_object_new (TEST_TYPE_SOURCE, NULL);
  g_autoptr(RapportAgenda) here = NULL;
  g_autoptr(RapportAgenda) read = NULL;
  g_autoptr(GError) error = NULL;

  fixture_open (&f, "UTC", "2026-03-10", "10:00");
  add_follow_up (&f, "Two days late", "2026-03-08", NULL);
  add_task (&f, "This afternoon", "2026-03-10", "15:00");
  add_follow_up (&f, "In three days", "2026-03-13", "11:00");

  g_assert_true (rapport_database_begin_batch (f.store->db, &error));
  add_follow_up (&f, "Not committed yet", "2026-03-09", NULL);
  here = agenda (&f);
  read = agenda_async (&f);
  assert_titles (here->overdue, "Follow up: Not committed yet|Follow up: Two days late");
  assert_titles (read->overdue, "Follow up: Two days late");
  g_assert_cmpuint (read->n_overdue, ==, 1);
  assert_titles (read->today, "This afternoon");
  assert_titles (read->upcoming, "Follow up: In three days");
  g_assert_cmpstr (read->today_day, ==, "2026-03-10");
  g_assert_true (rapport_database_end_batch (f.store->db, &error));
  g_clear_pointer (&read, rapport_agenda_free);
  read = agenda_async (&f);
  assert_titles (read->overdue, "Follow up: Not committed yet|Follow up: Two days late");

  rapport_reminders_add_source (f.reminders, RAPPORT_REMINDER_SOURCE (source));
  g_clear_pointer (&read, rapport_agenda_free);
  read = agenda_async (&f);
  assert_titles (read->upcoming, "Warranty ends|Follow up: In three days");
  fixture_close (&f);
}

/* Tasks: saved, changed, done, deleted and put back; a client with tasks
 * is archived rather than deleted. */
static void
test_tasks (void)
{
  Fixture f = { 0 };
  g_autoptr(RapportTask) task = NULL;
  g_autoptr(RapportTask) copy = NULL;
  g_autoptr(RapportStaff) staff = rapport_staff_new ("Reza Karimi", "Sales");
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(GError) error = NULL;
  RapportRemoval removal;
  guint changes = 0;

  fixture_open (&f, "UTC", "2026-03-10", "10:00");
  rapport_test_count_changes (f.store->db, RAPPORT_KIND_TASK, &changes);
  g_assert_true (rapport_staff_repository_save (f.store->staff, staff, &error));

  task = rapport_task_new (f.client_id);
  g_assert_false (rapport_task_repository_save (f.tasks, task, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  rapport_task_set_title (task, "  Call back  ");
  g_assert_false (rapport_task_repository_save (f.tasks, task, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  rapport_task_set_due_on (task, "2026-03-12");
  rapport_task_set_due_time (task, "25:00");
  g_assert_false (rapport_task_repository_save (f.tasks, task, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "25:00"));
  g_clear_error (&error);
  rapport_task_set_due_time (task, "10:00");
  rapport_task_set_staff_id (task, rapport_staff_get_id (staff));
  g_assert_true (rapport_task_repository_save (f.tasks, task, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);

  copy = rapport_task_repository_get (f.tasks, rapport_task_get_id (task), &error);
  g_assert_cmpstr (rapport_task_get_title (copy), ==, "Call back");
  g_assert_cmpstr (rapport_task_get_staff_name (copy), ==, "Reza Karimi");
  rapport_task_set_due_time (copy, NULL);
  g_assert_true (rapport_task_repository_save (f.tasks, copy, &error));
  g_clear_object (&copy);
  copy = rapport_task_repository_get (f.tasks, rapport_task_get_id (task), &error);
  g_assert_null (rapport_task_get_due_time (copy));

  open = rapport_task_repository_list_open (f.tasks, f.client_id, &error);
  g_assert_cmpuint (open->len, ==, 1);
  g_clear_pointer (&open, g_ptr_array_unref);
  g_assert_true (rapport_task_repository_set_done (f.tasks, rapport_task_get_id (task), TRUE, &error));
  open = rapport_task_repository_list_open (f.tasks, f.client_id, &error);
  g_assert_cmpuint (open->len, ==, 0);

  /* A client with a task keeps it: archived, not deleted. */
  g_assert_true (rapport_client_repository_remove (f.store->clients, f.client_id, &removal, &error));
  g_assert_cmpint (removal, ==, RAPPORT_REMOVAL_ARCHIVED);

  g_assert_true (rapport_task_repository_delete (f.tasks, rapport_task_get_id (task), &error));
  g_assert_false (rapport_task_repository_delete (f.tasks, rapport_task_get_id (task), &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (rapport_task_repository_restore (f.tasks, copy, &error));
  g_assert_no_error (error);
  g_clear_object (&task);
  task = rapport_task_repository_get (f.tasks, rapport_task_get_id (copy), &error);
  g_assert_cmpstr (rapport_task_get_title (task), ==, "Call back");
  fixture_close (&f);
}

/* Interactions are corrected, deleted and put back; their follow-up gets
 * a time and is done. */
static void
test_interaction_corrections (void)
{
  Fixture f = { 0 };
  g_autoptr(RapportInteraction) read = NULL;
  g_autoptr(RapportInteraction) snapshot = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  fixture_open (&f, "UTC", "2026-03-10", "10:00");
  id = add_follow_up (&f, "Quote", "2026-03-12", "14:30");

  read = rapport_interaction_repository_get (f.store->interactions, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rapport_interaction_get_follow_up_time (read), ==, "14:30");
  g_assert_cmpint (rapport_interaction_get_follow_up_done_at (read), ==, 0);

  rapport_interaction_set_summary (read, "Quote sent");
  rapport_interaction_set_follow_up_time (read, "24:00");
  g_assert_false (rapport_interaction_repository_update (f.store->interactions, read, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  rapport_interaction_set_follow_up_time (read, "08:15");
  g_assert_true (rapport_interaction_repository_update (f.store->interactions, read, &error));
  g_assert_no_error (error);

  g_assert_true (rapport_interaction_repository_set_follow_up_done (f.store->interactions, id, TRUE, &error));
  g_clear_object (&read);
  read = rapport_interaction_repository_get (f.store->interactions, id, &error);
  g_assert_cmpstr (rapport_interaction_get_summary (read), ==, "Quote sent");
  g_assert_cmpstr (rapport_interaction_get_follow_up_time (read), ==, "08:15");
  g_assert_cmpint (rapport_interaction_get_follow_up_done_at (read), ==, now_of (&f));

  /* A time without a day is refused. */
  snapshot = rapport_interaction_dup_copy (read);
  rapport_interaction_set_follow_up_on (snapshot, NULL);
  g_assert_false (rapport_interaction_repository_update (f.store->interactions, snapshot, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&snapshot);

  snapshot = rapport_interaction_dup_copy (read);
  g_assert_true (rapport_interaction_repository_delete (f.store->interactions, id, &error));
  g_assert_null (rapport_interaction_repository_get (f.store->interactions, id, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (rapport_interaction_repository_set_follow_up_done (f.store->interactions, id, FALSE, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (rapport_interaction_repository_restore (f.store->interactions, snapshot, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = rapport_interaction_repository_get (f.store->interactions, id, &error);
  g_assert_cmpstr (rapport_interaction_get_summary (read), ==, "Quote sent");
  g_assert_cmpint (rapport_interaction_get_follow_up_done_at (read), ==, now_of (&f));
  g_assert_cmpint (rapport_interaction_get_occurred_at (read), ==, rapport_interaction_get_occurred_at (snapshot));
  fixture_close (&f);
}

static char *
query_plan (const char *path,
            const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s;", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (plan, FALSE);
}

/* “Due before a day” reads an index range of open records only. */
static void
test_query_plans (void)
{
  Fixture f = { 0 };
  g_autofree char *follow_ups = NULL;
  g_autofree char *tasks = NULL;

  fixture_open (&f, "UTC", "2026-03-10", "10:00");
  follow_ups = query_plan (f.path,
                           "SELECT count(*) FROM interactions i WHERE i.follow_up_on IS NOT NULL"
                           " AND i.follow_up_done_at IS NULL AND i.follow_up_on BETWEEN '' AND '2026-03-17'");
  tasks = query_plan (f.path,
                      "SELECT count(*) FROM tasks t WHERE t.done_at IS NULL"
                      " AND t.due_on BETWEEN '2026-03-10' AND '2026-03-17'");
  g_assert_nonnull (strstr (follow_ups, "interactions_open_follow_ups"));
  g_assert_nonnull (strstr (follow_ups, "follow_up_on>? AND follow_up_on<?"));
  g_assert_nonnull (strstr (tasks, "tasks_open_by_due"));
  g_assert_null (strstr (tasks, "SCAN"));
  fixture_close (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/rapport/reminders/agenda", test_agenda);
  g_test_add_func ("/rapport/reminders/month-end", test_month_end);
  g_test_add_func ("/rapport/reminders/time-zones", test_time_zones);
  g_test_add_func ("/rapport/reminders/daylight-saving", test_daylight_saving);
  g_test_add_func ("/rapport/reminders/snooze", test_snooze);
  g_test_add_func ("/rapport/reminders/never-twice", test_never_twice);
  g_test_add_func ("/rapport/reminders/catch-up", test_catch_up);
  g_test_add_func ("/rapport/reminders/overdue-counted", test_overdue_counted);
  g_test_add_func ("/rapport/reminders/identities", test_identities);
  g_test_add_func ("/rapport/reminders/registered-source", test_registered_source);
  g_test_add_func ("/rapport/reminders/agenda-async", test_agenda_async);
  g_test_add_func ("/rapport/reminders/tasks", test_tasks);
  g_test_add_func ("/rapport/reminders/interaction-corrections", test_interaction_corrections);
  g_test_add_func ("/rapport/reminders/query-plans", test_query_plans);

  return g_test_run ();
}
