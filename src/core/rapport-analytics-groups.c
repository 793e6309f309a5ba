/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Each client's groups (its tags, and the cities and regions of its
 * addresses) and the sales and payments of each group by day (schema step
 * 0020), and each group's funnel, interactions and follow-ups by day
 * (0025): filled from the data already there, checked against it and made
 * again. Under a tag or a place the page reads the group's rows of the
 * period (rapport-analytics-filters.c, -funnel.c, -staff.c) instead of
 * every order, payment and interaction of the group's clients. */

#include "config.h"

#include "rapport-analytics-private.h"

/* What the tables say each summary should hold. */
#define PLACES_FROM_ADDRESSES \
  "SELECT locality FROM client_addresses WHERE locality <> ''" \
  " UNION ALL SELECT region FROM client_addresses WHERE region <> ''"
#define PLACES_MISSING \
  "SELECT count(*) FROM client_addresses a WHERE (a.locality <> '' AND NOT EXISTS" \
  " (SELECT 1 FROM analytics_places p WHERE p.name = a.locality)) OR (a.region <> '' AND NOT EXISTS" \
  " (SELECT 1 FROM analytics_places p WHERE p.name = a.region))"
#define CLIENT_GROUPS_FROM_CLIENTS \
  "SELECT client_id, tag_id AS group_id FROM client_tags WHERE tag_id > 0" \
  " UNION SELECT a.client_id, -p.id FROM client_addresses a JOIN analytics_places p" \
  " ON p.name = a.locality OR p.name = a.region"
#define GROUP_DAYS_FROM_TABLES \
  "SELECT group_id, day, staff_id, sale, sum(orders), sum(amount), sum(received), sum(refunded)" \
  " FROM (SELECT g.group_id, o.ordered_on AS day, coalesce(o.staff_id, 0) AS staff_id," \
  " o.status <> 'cancelled' AS sale, 1 AS orders, o.total AS amount, 0 AS received, 0 AS refunded" \
  " FROM (" CLIENT_GROUPS_FROM_CLIENTS ") g JOIN orders o ON o.client_id = g.client_id" \
  " WHERE o.status IN ('confirmed', 'fulfilled', 'closed', 'cancelled')" \
  " UNION ALL SELECT g.group_id, p.paid_on, coalesce(o.staff_id, 0), o.status IN ('confirmed', 'fulfilled', 'closed')," \
  " 0, 0, max(p.amount, 0), max(-p.amount, 0)" \
  " FROM (" CLIENT_GROUPS_FROM_CLIENTS ") g JOIN orders o ON o.client_id = g.client_id" \
  " JOIN payments p ON p.order_id = o.id)" \
  " GROUP BY 1, 2, 3, 4 HAVING sum(orders) <> 0 OR sum(amount) <> 0 OR sum(received) <> 0 OR sum(refunded) <> 0"

/* The C half of schema step 0020, and the rebuild. The memberships are
 * emptied first (each takes its client's figures away), then the group
 * rows, and each membership made again brings its client's figures in. */
gboolean
_rapport_analytics_fill_group_summaries (RapportSqlite  *db,
                                         GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "DELETE FROM client_groups;"
                               "DELETE FROM group_days;"
                               "DELETE FROM analytics_places;"
                               "INSERT OR IGNORE INTO analytics_places (name) " PLACES_FROM_ADDRESSES ";"
                               "INSERT INTO client_groups (client_id, group_id) "
                               "SELECT * FROM (" CLIENT_GROUPS_FROM_CLIENTS ") ORDER BY 1, 2;",
                               error);
}

/* How many rows of the groups' summaries differ from what the clients,
 * orders and payments say (a row that comes to nothing counts for
 * nothing; a place no address names any more stays, with no client). */
gboolean
_rapport_analytics_check_group_summaries (RapportSqlite  *db,
                                          gint64         *mismatches,
                                          GError        **error)
{
  static const char * const checks[] = {
    PLACES_MISSING,
    "SELECT count(*) FROM (SELECT client_id, group_id FROM client_groups"
    " EXCEPT SELECT * FROM (" CLIENT_GROUPS_FROM_CLIENTS "))",
    "SELECT count(*) FROM (" CLIENT_GROUPS_FROM_CLIENTS " EXCEPT SELECT client_id, group_id FROM client_groups)",
    "SELECT count(*) FROM (SELECT * FROM group_days"
    " WHERE orders <> 0 OR amount <> 0 OR received <> 0 OR refunded <> 0 EXCEPT " GROUP_DAYS_FROM_TABLES ")",
    "SELECT count(*) FROM (" GROUP_DAYS_FROM_TABLES " EXCEPT SELECT * FROM group_days)",
  };

  *mismatches = 0;
  return _rapport_analytics_count_mismatches (db, checks, G_N_ELEMENTS (checks), mismatches, error);
}

/* What the summaries of step 0025 hold, from the tables, for the
 * memberships @GROUPS (a statement of client_id, group_id). */
#define GROUP_FUNNEL_DAYS_FROM(GROUPS) \
  "SELECT g.group_id, f.day, f.staff_id, f.status, f.reason_id, f.quoted, f.confirmed, f.paid, f.delivered," \
  " count(*), sum(f.amount) FROM (" GROUPS ") g JOIN orders o INDEXED BY orders_by_client_day" \
  " ON o.client_id = g.client_id JOIN funnel_facts f ON f.order_id = o.id GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9"
#define GROUP_FUNNEL_TIMES_FROM(GROUPS) \
  "SELECT g.group_id, d.day, d.staff_id, d.step, d.bucket, count(*) FROM funnel_durations d" \
  " JOIN orders o ON o.id = d.order_id JOIN (" GROUPS ") g ON g.client_id = o.client_id GROUP BY 1, 2, 3, 4, 5"
#define GROUP_INTERACTION_DAYS_FROM(GROUPS) \
  "SELECT g.group_id, i.occurred_at / 86400 - (i.occurred_at % 86400 < 0), coalesce(i.staff_id, 0), count(*)" \
  " FROM (" GROUPS ") g JOIN interactions i ON i.client_id = g.client_id GROUP BY 1, 2, 3"
#define GROUP_FOLLOW_UP_DAYS_FROM(GROUPS) \
  "SELECT g.group_id, r.day, r.staff_id, r.quarter, sum(r.done), sum(r.open) FROM (" GROUPS ") g" \
  " JOIN group_follow_up_rows r ON r.client_id = g.client_id GROUP BY 1, 2, 3, 4"
#define CLIENT_GROUPS "SELECT client_id, group_id FROM client_groups"

/* The C half of schema step 0025, and the rebuild (after the memberships
 * are made again). */
gboolean
_rapport_analytics_fill_group_activity (RapportSqlite  *db,
                                        GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "DELETE FROM group_funnel_days;"
                               "INSERT INTO group_funnel_days (group_id, day, staff_id, status, reason_id, quoted,"
                               " confirmed, paid, delivered, orders, amount) "
                               GROUP_FUNNEL_DAYS_FROM (CLIENT_GROUPS) ";"
                               "DELETE FROM group_funnel_times;"
                               "INSERT INTO group_funnel_times (group_id, day, staff_id, step, bucket, orders) "
                               GROUP_FUNNEL_TIMES_FROM (CLIENT_GROUPS) ";"
                               "DELETE FROM group_interaction_days;"
                               "INSERT INTO group_interaction_days (group_id, day, staff_id, logged) "
                               GROUP_INTERACTION_DAYS_FROM (CLIENT_GROUPS) ";"
                               "DELETE FROM group_follow_up_days;"
                               "INSERT INTO group_follow_up_days (group_id, day, staff_id, quarter, done, open) "
                               GROUP_FOLLOW_UP_DAYS_FROM (CLIENT_GROUPS) ";",
                               error);
}

/* How many rows of the groups' funnel, interactions and follow-ups differ
 * from what the clients, orders and interactions say (a row that comes to
 * nothing counts for nothing). */
gboolean
_rapport_analytics_check_group_activity (RapportSqlite  *db,
                                         gint64         *mismatches,
                                         GError        **error)
{
  static const char * const checks[] = {
    "SELECT count(*) FROM (SELECT * FROM group_funnel_days WHERE orders <> 0 OR amount <> 0"
    " EXCEPT " GROUP_FUNNEL_DAYS_FROM (CLIENT_GROUPS_FROM_CLIENTS) ")",
    "SELECT count(*) FROM (" GROUP_FUNNEL_DAYS_FROM (CLIENT_GROUPS_FROM_CLIENTS) " EXCEPT SELECT * FROM group_funnel_days)",
    "SELECT count(*) FROM (SELECT * FROM group_funnel_times WHERE orders <> 0"
    " EXCEPT " GROUP_FUNNEL_TIMES_FROM (CLIENT_GROUPS_FROM_CLIENTS) ")",
    "SELECT count(*) FROM (" GROUP_FUNNEL_TIMES_FROM (CLIENT_GROUPS_FROM_CLIENTS) " EXCEPT SELECT * FROM group_funnel_times)",
    "SELECT count(*) FROM (SELECT * FROM group_interaction_days WHERE logged <> 0"
    " EXCEPT " GROUP_INTERACTION_DAYS_FROM (CLIENT_GROUPS_FROM_CLIENTS) ")",
    "SELECT count(*) FROM (" GROUP_INTERACTION_DAYS_FROM (CLIENT_GROUPS_FROM_CLIENTS)
    " EXCEPT SELECT * FROM group_interaction_days)",
    "SELECT count(*) FROM (SELECT * FROM group_follow_up_days WHERE done <> 0 OR open <> 0"
    " EXCEPT " GROUP_FOLLOW_UP_DAYS_FROM (CLIENT_GROUPS_FROM_CLIENTS) ")",
    "SELECT count(*) FROM (" GROUP_FOLLOW_UP_DAYS_FROM (CLIENT_GROUPS_FROM_CLIENTS)
    " EXCEPT SELECT * FROM group_follow_up_days)",
  };

  *mismatches = 0;
  return _rapport_analytics_count_mismatches (db, checks, G_N_ELEMENTS (checks), mismatches, error);
}
