/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "rapport-client-repository.h"
#include "rapport-demo.h"
#include "rapport-demo-private.h"
#include "rapport-demo-names-private.h"
#include "rapport-error.h"
#include "rapport-interaction-repository.h"
#include "rapport-staff-repository.h"
#include "rapport-task-repository.h"

/* Between this many records the run looks whether to commit a step (see
 * rapport_database_yield_batch()), whether it was cancelled, and tells
 * its progress. */
#define RECORDS_PER_LOOK 64
/* Clients go to the repository's bulk path this many at a time, as an
 * import's do (ADD_CHUNK): each call writes a table in one statement, and
 * the search index a piece of its own that FTS5 later merges with the
 * others. At 256 a call, merging those pieces made a quarter of the
 * seed's processor time; at 2,048 a save from another program still gets
 * in within a second (the benchmark's “wait”: 222 / 360 ms, against
 * 219 / 268 ms at 256, load 3 to 5), since a batch's step ends when a save
 * waits. */
#define CLIENTS_PER_ADD 2048
#define YEARS_OF_HISTORY 3
/* A follow-up older than this was dealt with: only recent ones are open. */
#define OPEN_FOLLOW_UP_DAYS 14
/* The last interactions made are recent and ask for a follow-up around
 * today, so that the Today page shows the sample data at work. */
#define CURRENT_FOLLOW_UPS 12
#define SAMPLE_TASKS 4

typedef struct
{
  RapportDatabase              *database;
  RapportClientRepository      *clients;
  RapportInteractionRepository *interactions;
  RapportStaffRepository       *staff;
  RapportTaskRepository        *tasks;
  GRand     *rand;
  guint      n_interactions;
  guint      n_made;
  gint64     now;
  GArray    *staff_ids;
  GArray    *client_ids;
  guint      total_weight;
  GPtrArray *new_clients;     /* made, added CLIENTS_PER_ADD at a time */
  guint      clients_left;    /* to make */
} Generator;

static const struct
{
  const char *name;
  const char *role;
} demo_staff[] = {
  /* TRANSLATORS: the job of a sample staff member */
  { "Anna Kowalska", NC_("staff role", "Manager") },
  /* TRANSLATORS: the job of a sample staff member */
  { "Reza Karimi", NC_("staff role", "Sales") },
  /* TRANSLATORS: the job of a sample staff member */
  { "Emily Clarke", NC_("staff role", "Reception") },
  /* TRANSLATORS: the job of a sample staff member */
  { "Дмитрий Орлов", NC_("staff role", "Technician") },
};

/* Summaries are shown to people, so they are in their language. */
static const char * const call_summaries[] = {
  N_("Asked about the price of a repair"),
  N_("Called to confirm the appointment"),
  N_("Wants to know when the order arrives"),
  N_("Complained about a late delivery"),
  N_("Asked for a quote"),
  N_("Called back about the invoice"),
  NULL
};
static const char * const email_summaries[] = {
  N_("Sent the quote"),
  N_("Sent the invoice"),
  N_("Asked for the warranty certificate"),
  N_("Confirmed the delivery address"),
  N_("Thanked us for the quick service"),
  NULL
};
static const char * const visit_summaries[] = {
  N_("Came in for a haircut and colour"),
  N_("Picked up the repaired phone"),
  N_("Bought accessories"),
  N_("Brought the device in for a warranty repair"),
  N_("Looked at the new models"),
  NULL
};
static const char * const meeting_summaries[] = {
  N_("Consultation about the contract"),
  N_("Signed the documents"),
  N_("Discussed the next steps of the case"),
  N_("Reviewed the annual order"),
  NULL
};
static const char * const note_summaries[] = {
  N_("Prefers e-mail to phone calls"),
  N_("Recommended us to a friend"),
  N_("Owes a deposit"),
  N_("Wants to hear about the sales"),
  NULL
};

static guint
list_length (const char * const *list)
{
  guint n = 0;

  while (list != NULL && list[n] != NULL)
    n++;
  return n;
}

static const char *
pick (Generator          *gen,
      const char * const *list)
{
  guint n = list_length (list);

  return n > 0 ? list[g_rand_int_range (gen->rand, 0, (gint32) n)] : "";
}

static gboolean
chance (Generator *gen,
        double     probability)
{
  return g_rand_double (gen->rand) < probability;
}

static const DemoLocale *
pick_locale (Generator *gen)
{
  guint target = (guint) g_rand_int_range (gen->rand, 0, (gint32) gen->total_weight);

  for (guint i = 0; i < _rapport_demo_n_locales; i++)
    {
      if (target < _rapport_demo_locales[i].weight)
        return &_rapport_demo_locales[i];
      target -= _rapport_demo_locales[i].weight;
    }
  return &_rapport_demo_locales[0];
}

/* “Native|latin” → the two halves. */
static void
split_entry (const char  *entry,
             char       **native,
             char       **latin)
{
  const char *bar = strchr (entry, '|');

  *native = bar ? g_strndup (entry, bar - entry) : g_strdup (entry);
  *latin = g_strdup (bar ? bar + 1 : entry);
}

static char *
replace_suffix (const char *word,
                const char *suffix,
                const char *replacement)
{
  gsize len = strlen (word);
  gsize suffix_len = strlen (suffix);

  return g_strdup_printf ("%.*s%s", (int) (len - suffix_len), word, replacement);
}

static void
make_feminine (const DemoLocale  *locale,
               char             **native,
               char             **latin)
{
  const char * const *endings = locale->feminine_endings;

  for (guint i = 0; endings != NULL && endings[i] != NULL && endings[i + 1] != NULL; i += 2)
    {
      g_autofree char *m_native = NULL, *m_latin = NULL, *f_native = NULL, *f_latin = NULL;

      split_entry (endings[i], &m_native, &m_latin);
      split_entry (endings[i + 1], &f_native, &f_latin);
      if (g_str_has_suffix (*native, m_native) && g_str_has_suffix (*latin, m_latin))
        {
          char *new_native = replace_suffix (*native, m_native, f_native);
          char *new_latin = replace_suffix (*latin, m_latin, f_latin);

          g_free (*native);
          g_free (*latin);
          *native = new_native;
          *latin = new_latin;
          return;
        }
    }
}

static char *
fill_digits (Generator  *gen,
             const char *pattern)
{
  /* A pattern written with Persian digits gets Persian digits. */
  gboolean persian = g_str_has_prefix (pattern, "۰");
  GString *out = g_string_new (NULL);

  for (const char *p = pattern; *p != '\0'; p++)
    {
      int digit;

      if (*p != '#')
        {
          g_string_append_c (out, *p);
          continue;
        }
      digit = g_rand_int_range (gen->rand, 0, 10);
      if (persian)
        g_string_append_unichar (out, 0x06F0 + digit);
      else
        g_string_append_c (out, (char) ('0' + digit));
    }

  return g_string_free (out, FALSE);
}

static void
add_contact_points (Generator        *gen,
                    RapportClient    *client,
                    const DemoLocale *locale,
                    const char       *given_latin,
                    const char       *family_latin,
                    gboolean          company)
{
  static const char * const phone_labels[] = { "mobile", "work", "home", NULL };
  g_autofree char *phone = fill_digits (gen, pick (gen, locale->phone_patterns));
  const char *domain = pick (gen, locale->mail_domains);

  rapport_client_add_phone (client, company ? "work" : "mobile", phone);
  if (chance (gen, 0.35))
    {
      g_autofree char *second = fill_digits (gen, pick (gen, locale->phone_patterns));

      rapport_client_add_phone (client, pick (gen, phone_labels), second);
    }

  if (chance (gen, 0.85))
    {
      g_autofree char *email = NULL;

      if (company)
        email = g_strdup_printf ("office.%s@%s", family_latin, domain);
      else if (chance (gen, 0.5))
        email = g_strdup_printf ("%s.%s@%s", given_latin, family_latin, domain);
      else
        email = g_strdup_printf ("%c%s%u@%s", given_latin[0], family_latin,
                                 (guint) g_rand_int_range (gen->rand, 1, 99), domain);
      rapport_client_add_email (client, company ? "work" : "home", email);
    }
  if (chance (gen, 0.3))
    {
      g_autofree char *email = g_strdup_printf ("%s.%s@%s", family_latin, given_latin,
                                                company ? "example.com" : "work.example.com");

      rapport_client_add_email (client, "work", email);
    }
}

static void
add_address (Generator        *gen,
             RapportClient    *client,
             const DemoLocale *locale,
             gboolean          company)
{
  g_autoptr(RapportAddress) address = rapport_address_new ();
  guint number = (guint) g_rand_int_range (gen->rand, 1, 180);

  g_free (address->label);
  address->label = g_strdup (company ? "work" : (chance (gen, 0.2) ? "delivery" : "home"));
  g_free (address->street);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  address->street = g_strdup_printf (locale->street_format, pick (gen, locale->streets), number);
#pragma GCC diagnostic pop
  g_free (address->locality);
  address->locality = g_strdup (pick (gen, locale->localities));
  g_free (address->region);
  address->region = g_strdup (pick (gen, locale->regions));
  g_free (address->postal_code);
  address->postal_code = g_strdup_printf ("%05u", (guint) g_rand_int_range (gen->rand, 1000, 99999));
  g_free (address->country);
  address->country = g_strdup (locale->country);

  rapport_client_add_address (client, address);
}

static void
add_tags_and_notes (Generator     *gen,
                    RapportClient *client)
{
  const char *tags[3] = { NULL, NULL, NULL };
  guint n_tags = (guint) g_rand_int_range (gen->rand, 0, 3);

  for (guint i = 0; i < n_tags; i++)
    tags[i] = pick (gen, _rapport_demo_tags);
  rapport_client_set_tags (client, (const char * const *) tags);
  rapport_client_set_notes (client, pick (gen, _rapport_demo_notes));
}

static RapportClient *
make_client (Generator *gen)
{
  const DemoLocale *locale = pick_locale (gen);
  gboolean company = chance (gen, 0.15);
  gboolean female = chance (gen, 0.5);
  g_autofree char *given = NULL, *given_latin = NULL, *family = NULL, *family_latin = NULL;
  g_autoptr(RapportClient) client = rapport_client_new ();

  split_entry (pick (gen, female ? locale->given_female : locale->given_male),
               &given, &given_latin);
  split_entry (pick (gen, locale->family), &family, &family_latin);
  if (female)
    make_feminine (locale, &family, &family_latin);

  rapport_client_set_given_name (client, given);
  rapport_client_set_family_name (client, family);
  if (company)
    {
      g_autofree char *organization = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      organization = g_strdup_printf (pick (gen, locale->company_patterns), family);
#pragma GCC diagnostic pop
      rapport_client_set_kind (client, RAPPORT_CLIENT_COMPANY);
      rapport_client_set_organization (client, organization);
    }
  else if (chance (gen, 0.4))
    {
      g_autofree char *birthday = g_strdup_printf ("%04d-%02d-%02d",
                                                   g_rand_int_range (gen->rand, 1950, 2006),
                                                   g_rand_int_range (gen->rand, 1, 13),
                                                   g_rand_int_range (gen->rand, 1, 29));
      rapport_client_set_birthday (client, birthday);
    }

  add_contact_points (gen, client, locale, given_latin, family_latin, company);
  if (chance (gen, 0.7))
    add_address (gen, client, locale, company);
  add_tags_and_notes (gen, client);

  if (gen->staff_ids->len > 0 && chance (gen, 0.7))
    rapport_client_set_owner_id (client,
                                 g_array_index (gen->staff_ids, gint64,
                                                g_rand_int_range (gen->rand, 0, (gint32) gen->staff_ids->len)));

  /* A client since before their history starts, up to a year more: taken
   * from the name rather than drawn, so that a seed gives the same clients
   * and history as before. */
  {
    guint32 spread = g_str_hash (given) ^ g_str_hash (family);
    gint64 since = gen->now - (gint64) YEARS_OF_HISTORY * 365 * 86400 - 86400
                   - (gint64) (spread % (365 * 86400));

    _rapport_client_set_times (client, since, since, 0, 0);
  }

  return g_steal_pointer (&client);
}

/* A follow-up from two days ago to six days ahead, in the local days of
 * the person trying Rapport; some at a time of day. */
static void
add_current_follow_up (Generator          *gen,
                       RapportInteraction *interaction)
{
  static const char * const times[] = { "10:00", "11:30", "14:00", "16:30", NULL };
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (gen->now);
  g_autoptr(GDateTime) here = g_date_time_to_local (utc);
  g_autoptr(GDateTime) due = g_date_time_add_days (here, g_rand_int_range (gen->rand, -2, 7));
  g_autofree char *date = g_date_time_format (due, "%Y-%m-%d");

  rapport_interaction_set_follow_up_on (interaction, date);
  if (chance (gen, 0.5))
    rapport_interaction_set_follow_up_time (interaction, pick (gen, times));
}

static RapportInteraction *
make_interaction (Generator *gen)
{
  /* Some clients are regulars: the first ones get most of the history. */
  guint index = (guint) (gen->client_ids->len * pow (g_rand_double (gen->rand), 1.6));
  gint64 client_id = g_array_index (gen->client_ids, gint64, MIN (index, gen->client_ids->len - 1));
  double roll = g_rand_double (gen->rand);
  RapportInteractionKind kind;
  const char * const *summaries;
  g_autoptr(RapportInteraction) interaction = NULL;
  gint64 ago = g_rand_int_range (gen->rand, 0, YEARS_OF_HISTORY * 365 * 86400);
  gboolean current = gen->n_made + MIN (CURRENT_FOLLOW_UPS, gen->n_interactions / 25) >= gen->n_interactions;

  /* The last few happened this week. */
  if (current)
    ago = g_rand_int_range (gen->rand, 3600, 6 * 86400);

  if (roll < 0.40)
    kind = RAPPORT_INTERACTION_CALL, summaries = call_summaries;
  else if (roll < 0.60)
    kind = RAPPORT_INTERACTION_EMAIL, summaries = email_summaries;
  else if (roll < 0.80)
    kind = RAPPORT_INTERACTION_VISIT, summaries = visit_summaries;
  else if (roll < 0.90)
    kind = RAPPORT_INTERACTION_MEETING, summaries = meeting_summaries;
  else
    kind = RAPPORT_INTERACTION_NOTE, summaries = note_summaries;

  interaction = rapport_interaction_new (client_id, kind);
  rapport_interaction_set_occurred_at (interaction, gen->now - ago);
  rapport_interaction_set_summary (interaction, _(pick (gen, summaries)));
  if (kind == RAPPORT_INTERACTION_CALL || kind == RAPPORT_INTERACTION_EMAIL)
    rapport_interaction_set_direction (interaction, chance (gen, 0.5) ? RAPPORT_DIRECTION_INBOUND
                                                                       : RAPPORT_DIRECTION_OUTBOUND);
  if (gen->staff_ids->len > 0)
    rapport_interaction_set_staff_id (interaction,
                                      g_array_index (gen->staff_ids, gint64,
                                                     g_rand_int_range (gen->rand, 0, (gint32) gen->staff_ids->len)));
  if (current)
    add_current_follow_up (gen, interaction);
  else if (chance (gen, 0.06))
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (gen->now - ago);
      g_autoptr(GDateTime) due = g_date_time_add_days (when, g_rand_int_range (gen->rand, 3, 31));
      g_autofree char *date = g_date_time_format (due, "%Y-%m-%d");

      rapport_interaction_set_follow_up_on (interaction, date);
      if (g_date_time_to_unix (due) < gen->now - OPEN_FOLLOW_UP_DAYS * 86400)
        rapport_interaction_set_follow_up_done_at (interaction, g_date_time_to_unix (due) + 86400);
    }

  gen->n_made++;
  return g_steal_pointer (&interaction);
}

static gboolean
ensure_staff (Generator  *gen,
              GError    **error)
{
  g_autoptr(GPtrArray) staff = rapport_staff_repository_list (gen->staff, FALSE, error);

  if (staff == NULL)
    return FALSE;

  if (staff->len == 0)
    for (guint i = 0; i < G_N_ELEMENTS (demo_staff); i++)
      {
        g_autoptr(RapportStaff) member = rapport_staff_new (demo_staff[i].name,
                                                            g_dpgettext2 (GETTEXT_PACKAGE, "staff role",
                                                                          demo_staff[i].role));

        if (!rapport_staff_repository_save (gen->staff, member, error))
          return FALSE;
        g_ptr_array_add (staff, g_steal_pointer (&member));
      }

  for (guint i = 0; i < staff->len; i++)
    {
      gint64 id = rapport_staff_get_id (g_ptr_array_index (staff, i));
      g_array_append_val (gen->staff_ids, id);
    }
  return TRUE;
}

/* Runs @step @count times in one batch that commits in short steps, so
 * that another writer never waits long, and a cancelled or failed run keeps
 * the steps it committed. The batch is ended once: committed, or cancelled
 * when a record failed (a failed commit has rolled itself back). */
static gboolean
run_in_steps (Generator           *gen,
              guint                count,
              gboolean           (*step) (Generator *, GError **),
              double               progress_from,
              double               progress_span,
              RapportProgressFunc  progress,
              gpointer             progress_data,
              GCancellable        *cancellable,
              GError             **error)
{
  if (count == 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !rapport_database_begin_batch (gen->database, error))
    return FALSE;

  for (guint done = 0; done < count; done++)
    {
      if (!step (gen, error))
        {
          rapport_database_cancel_batch (gen->database);
          return FALSE;
        }
      if ((done + 1) % RECORDS_PER_LOOK != 0)
        continue;
      if (g_cancellable_is_cancelled (cancellable))
        {
          /* What was written since the last step is kept too. */
          return rapport_database_end_batch (gen->database, error)
                 && !g_cancellable_set_error_if_cancelled (cancellable, error);
        }
      if (!rapport_database_yield_batch (gen->database, error))
        return FALSE;
      if (progress != NULL)
        progress (progress_from + progress_span * (done + 1) / count, progress_data);
    }

  if (!rapport_database_end_batch (gen->database, error))
    return FALSE;
  if (progress != NULL)
    progress (progress_from + progress_span, progress_data);
  return TRUE;
}

/* Clients go in through the repository's bulk path, as an import's do,
 * a group at a time; run_in_steps() commits between groups. */
static gboolean
client_step (Generator  *gen,
             GError    **error)
{
  g_ptr_array_add (gen->new_clients, make_client (gen));
  gen->clients_left--;
  if (gen->new_clients->len < CLIENTS_PER_ADD && gen->clients_left > 0)
    return TRUE;

  if (!rapport_client_repository_add_many (gen->clients, gen->new_clients, error))
    return FALSE;
  for (guint i = 0; i < gen->new_clients->len; i++)
    {
      gint64 id = rapport_client_get_id (g_ptr_array_index (gen->new_clients, i));
      g_array_append_val (gen->client_ids, id);
    }
  g_ptr_array_set_size (gen->new_clients, 0);
  return TRUE;
}

static gboolean
interaction_step (Generator  *gen,
                  GError    **error)
{
  g_autoptr(RapportInteraction) interaction = make_interaction (gen);

  return rapport_interaction_repository_add (gen->interactions, interaction, error);
}

static const char * const task_titles[] = {
  N_("Call back about the quote"),
  N_("Send the warranty certificate"),
  N_("Ask how the repair holds up"),
  N_("Confirm next week's appointment"),
  NULL
};

/* A few tasks on the first clients, due in the coming days. */
static gboolean
add_sample_tasks (Generator  *gen,
                  GError    **error)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (gen->now);
  g_autoptr(GDateTime) here = g_date_time_to_local (utc);

  for (guint i = 0; i < SAMPLE_TASKS && i < gen->client_ids->len; i++)
    {
      g_autoptr(RapportTask) task = rapport_task_new (g_array_index (gen->client_ids, gint64, i));
      g_autoptr(GDateTime) due = g_date_time_add_days (here, (int) i);
      g_autofree char *date = g_date_time_format (due, "%Y-%m-%d");

      rapport_task_set_title (task, _(task_titles[i % (G_N_ELEMENTS (task_titles) - 1)]));
      rapport_task_set_due_on (task, date);
      rapport_task_set_due_time (task, i % 2 ? "15:00" : NULL);
      if (gen->staff_ids->len > 0)
        rapport_task_set_staff_id (task, g_array_index (gen->staff_ids, gint64, i % gen->staff_ids->len));
      if (!rapport_task_repository_save (gen->tasks, task, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
use_existing_clients (Generator  *gen,
                      GError    **error)
{
  g_autoptr(GArray) existing = rapport_client_repository_search (gen->clients, NULL,
                                                                 RAPPORT_CLIENT_SORT_NAME,
                                                                 TRUE, error);
  if (existing == NULL)
    return FALSE;

  g_array_append_vals (gen->client_ids, existing->data, existing->len);
  if (gen->client_ids->len == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("There are no clients to add sample data to."));
      return FALSE;
    }
  return TRUE;
}

static void
generator_init (Generator                *gen,
                RapportDatabase          *database,
                const RapportDemoOptions *options)
{
  gen->database = database;
  gen->clients = rapport_client_repository_new (database);
  gen->interactions = rapport_interaction_repository_new (database);
  gen->staff = rapport_staff_repository_new (database);
  gen->tasks = rapport_task_repository_new (database);
  gen->n_interactions = options->n_interactions;
  gen->rand = g_rand_new_with_seed (options->seed);
  gen->now = options->now ? options->now : rapport_database_now (database);
  gen->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gen->client_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gen->new_clients = g_ptr_array_new_with_free_func (g_object_unref);
  gen->clients_left = options->n_clients;
  for (guint i = 0; i < _rapport_demo_n_locales; i++)
    gen->total_weight += _rapport_demo_locales[i].weight;
}

static void
generator_clear (Generator *gen)
{
  g_clear_object (&gen->clients);
  g_clear_object (&gen->interactions);
  g_clear_object (&gen->staff);
  g_clear_object (&gen->tasks);
  g_clear_pointer (&gen->rand, g_rand_free);
  g_clear_pointer (&gen->staff_ids, g_array_unref);
  g_clear_pointer (&gen->client_ids, g_array_unref);
  g_clear_pointer (&gen->new_clients, g_ptr_array_unref);
}

/* A part of the whole run's progress. */
typedef struct
{
  RapportProgressFunc  progress;
  gpointer             data;
  double               from;
  double               span;
} ProgressShare;

static void
report_share (double   fraction,
              gpointer user_data)
{
  ProgressShare *share = user_data;

  share->progress (share->from + share->span * fraction, share->data);
}

/**
 * rapport_demo_seed:
 * @database: where to add the data
 * @options: how much, from which seed
 * @progress: (nullable): told the fraction done as it goes
 * @progress_data: for @progress
 * @cancellable: (nullable): stops soon; what was written stays
 * @error: return location for an error
 *
 * Adds realistic sample data — clients from eight countries with their
 * names, phones, e-mails and addresses written the local way, staff, and
 * years of calls, visits and e-mails — the same for the same seed. With no
 * clients asked for, the interactions go to the clients already there.
 */
gboolean
rapport_demo_seed (RapportDatabase           *database,
                   const RapportDemoOptions  *options,
                   RapportProgressFunc        progress,
                   gpointer                   progress_data,
                   GCancellable              *cancellable,
                   GError                   **error)
{
  Generator gen = { 0 };
  gboolean ok;
  double total_rows, client_share, order_share;

  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  generator_init (&gen, database, options);

  /* A client costs about ten rows, an interaction one, an order eight. */
  total_rows = MAX (1.0, (double) options->n_clients * 10 + options->n_interactions
                         + (double) options->n_orders * 8);
  client_share = (double) options->n_clients * 10 / total_rows;
  order_share = (double) options->n_orders * 8 / total_rows;

  ok = ensure_staff (&gen, error)
       && run_in_steps (&gen, options->n_clients, client_step,
                        0.0, client_share, progress, progress_data, cancellable, error);

  if (ok && options->n_interactions > 0 && gen.client_ids->len == 0)
    ok = use_existing_clients (&gen, error);

  if (ok)
    ok = run_in_steps (&gen, options->n_interactions, interaction_step,
                       client_share, 1.0 - client_share - order_share,
                       progress, progress_data, cancellable, error);

  if (ok && options->n_orders > 0 && gen.client_ids->len == 0)
    ok = use_existing_clients (&gen, error);
  if (ok)
    {
      ProgressShare share = { progress, progress_data, 1.0 - order_share, order_share };

      ok = _rapport_demo_seed_orders (gen.database, gen.rand, gen.now, gen.client_ids, gen.staff_ids,
                                      options->n_orders, progress ? report_share : NULL, &share,
                                      cancellable, error);
    }
  if (ok && options->n_clients > 0)
    ok = add_sample_tasks (&gen, error);
  if (ok && options->n_clients > 0)
    ok = _rapport_demo_seed_campaigns (gen.database, error);

  generator_clear (&gen);
  return ok;
}

static void
seed_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  RapportDatabase *database = source_object;
  g_autoptr(RapportDatabase) own = NULL;
  g_autoptr(GError) error = NULL;

  /* The caller's database belongs to its thread; this one writes through
   * a connection of its own to the same file. */
  own = rapport_database_open (rapport_database_get_path (database), RAPPORT_DATABASE_DEFAULT, &error);
  if (own == NULL || !rapport_demo_seed (own, task_data, NULL, NULL, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * rapport_demo_seed_async:
 * @database: where to add the data
 * @options: how much, from which seed
 * @cancellable: (nullable): stops soon
 * @callback: called when done
 * @user_data: for @callback
 *
 * Does rapport_demo_seed() in a worker thread, with @database's clock.
 * When it finishes, @database tells its watchers that its content changed.
 */
void
rapport_demo_seed_async (RapportDatabase          *database,
                         const RapportDemoOptions *options,
                         GCancellable             *cancellable,
                         GAsyncReadyCallback       callback,
                         gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  RapportDemoOptions *copy;

  g_return_if_fail (RAPPORT_IS_DATABASE (database));
  g_return_if_fail (options != NULL);

  copy = g_memdup2 (options, sizeof *options);
  if (copy->now == 0)
    copy->now = rapport_database_now (database);

  task = g_task_new (database, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_demo_seed_async);
  g_task_set_task_data (task, copy, g_free);
  g_task_run_in_thread (task, seed_thread);
}

gboolean
rapport_demo_seed_finish (RapportDatabase  *database,
                          GAsyncResult     *result,
                          GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, database), FALSE);

  /* Even a failed run may have committed some steps. */
  rapport_database_notify_changed (database);
  return g_task_propagate_boolean (G_TASK (result), error);
}
