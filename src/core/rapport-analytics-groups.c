/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Each client's groups (its tags, and the cities and regions of its
 * addresses) and the sales and payments of each group by day (schema step
 * 0020), the lines and regions of each group's sales by day (0023), each
 * group's unpaid orders (0024) and each group's funnel, interactions and
 * follow-ups by day (0025): filled from the data already there, checked
 * against it and made again. Under a tag or a place the page reads the
 * group's rows of the period (rapport-analytics-filters.c, -breakdowns.c,
 * -owed.c, -funnel.c, -staff.c) instead of every order, line, payment and
 * interaction of the group's clients. */

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
#define GROUP_DAYS_FROM(GROUPS) \
  "SELECT group_id, day, staff_id, sale, sum(orders), sum(amount), sum(received), sum(refunded)" \
  " FROM (SELECT g.group_id, o.ordered_on AS day, coalesce(o.staff_id, 0) AS staff_id," \
  " o.status <> 'cancelled' AS sale, 1 AS orders, o.total AS amount, 0 AS received, 0 AS refunded" \
  " FROM (" GROUPS ") g JOIN orders o ON o.client_id = g.client_id" \
  " WHERE o.status IN ('confirmed', 'fulfilled', 'closed', 'cancelled')" \
  " UNION ALL SELECT g.group_id, p.paid_on, coalesce(o.staff_id, 0), o.status IN ('confirmed', 'fulfilled', 'closed')," \
  " 0, 0, max(p.amount, 0), max(-p.amount, 0)" \
  " FROM (" GROUPS ") g JOIN orders o ON o.client_id = g.client_id" \
  " JOIN payments p ON p.order_id = o.id)" \
  " GROUP BY 1, 2, 3, 4 HAVING sum(orders) <> 0 OR sum(amount) <> 0 OR sum(received) <> 0 OR sum(refunded) <> 0"
#define GROUP_DAYS_FROM_TABLES GROUP_DAYS_FROM (CLIENT_GROUPS_FROM_CLIENTS)
/* Each group's unpaid sales (step 0024). */
#define GROUP_OWED_FROM_ORDERS(groups) \
  "SELECT g.group_id, o.payment_due_on, o.id, o.ordered_on, coalesce(o.staff_id, 0), o.total - o.paid" \
  " FROM orders o INDEXED BY orders_owed JOIN (" groups ") g ON g.client_id = o.client_id" \
  " WHERE o.paid < o.total AND o.status IN " RAPPORT_ANALYTICS_COUNTED

/* Each sale's lines by catalog item (or, for a line typed by hand, name):
 * the order's client, day and member of staff, and what those lines come
 * to; and from them the lines of each group's sales by day (step 0023),
 * from @GROUPS, a statement of the memberships (client_id, group_id). */
#define SALE_ITEMS \
  "SELECT o.client_id, o.ordered_on AS day, coalesce(o.staff_id, 0) AS staff_id," \
  " coalesce(l.catalog_item_id, 0) AS item_id, CASE WHEN l.catalog_item_id IS NULL THEN l.name ELSE '' END AS name," \
  " sum(l.gross) AS amount FROM orders o JOIN order_lines l ON l.order_id = o.id" \
  " WHERE o.status IN " RAPPORT_ANALYTICS_COUNTED " GROUP BY o.id, 4, 5"
#define GROUP_LINES_FROM(GROUPS) \
  "SELECT g.group_id, s.day, s.staff_id, s.item_id, s.name, count(*), sum(s.amount)" \
  " FROM (" GROUPS ") g JOIN (" SALE_ITEMS ") s ON s.client_id = g.client_id GROUP BY 1, 2, 3, 4, 5"
#define GROUP_LINES_FROM_TABLES GROUP_LINES_FROM (CLIENT_GROUPS_FROM_CLIENTS)
/* The sales of each group by day, member of staff and its clients'
 * regions (step 0023). */
#define GROUP_REGIONS_FROM(GROUPS) \
  "SELECT g.group_id, o.ordered_on, coalesce(o.staff_id, 0), coalesce(r.region, ''), count(*), sum(o.total)" \
  " FROM (" GROUPS ") g JOIN orders o ON o.client_id = g.client_id" \
  " LEFT JOIN client_regions r ON r.client_id = g.client_id" \
  " WHERE o.status IN " RAPPORT_ANALYTICS_COUNTED " GROUP BY 1, 2, 3, 4"
#define GROUP_REGIONS_FROM_TABLES GROUP_REGIONS_FROM (CLIENT_GROUPS_FROM_CLIENTS)

/* The C half of schema step 0020. The memberships are emptied first (each
 * takes its client's figures away), then the group rows, and each
 * membership made again brings its client's figures in. */
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

#define FILL_GROUP_LINES \
  "DELETE FROM group_lines;" \
  "INSERT INTO group_lines (group_id, day, staff_id, item_id, name, orders, amount) " \
  GROUP_LINES_FROM ("SELECT client_id, group_id FROM client_groups") ";" \
  "DELETE FROM group_regions;" \
  "INSERT INTO group_regions (group_id, day, staff_id, region, orders, amount) " \
  GROUP_REGIONS_FROM ("SELECT client_id, group_id FROM client_groups") ";"

/* The C half of schema step 0023. */
gboolean
_rapport_analytics_fill_group_lines (RapportSqlite  *db,
                                     GError        **error)
{
  return _rapport_sqlite_exec (db, FILL_GROUP_LINES, error);
}

/* The rebuild of steps 0020 and 0023. Only the memberships that differ
 * from the tags and addresses are taken away or made (each moves its
 * client's figures); then every group's rows are made again from the
 * tables at once. (Emptying the memberships and making them again, as
 * step 0020's fill does, moved every client's figures out of each of its
 * groups and back: ten minutes on the benchmark's file.) Places are only
 * added, so that a group keeps its id. */
gboolean
_rapport_analytics_rebuild_group_summaries (RapportSqlite  *db,
                                            GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "INSERT OR IGNORE INTO analytics_places (name) " PLACES_FROM_ADDRESSES ";"
                               "DELETE FROM client_groups WHERE (client_id, group_id) NOT IN"
                               " (" CLIENT_GROUPS_FROM_CLIENTS ");"
                               "INSERT OR IGNORE INTO client_groups (client_id, group_id) "
                               "SELECT * FROM (" CLIENT_GROUPS_FROM_CLIENTS ") ORDER BY 1, 2;"
                               "DELETE FROM group_days;"
                               "INSERT INTO group_days (group_id, day, staff_id, sale, orders, amount, received, refunded) "
                               GROUP_DAYS_FROM ("SELECT client_id, group_id FROM client_groups") ";"
                               FILL_GROUP_LINES,
                               error);
}

/* The C half of schema step 0024, and the rebuild (after the groups'
 * memberships and rows are made again). */
gboolean
_rapport_analytics_fill_group_owed (RapportSqlite  *db,
                                    GError        **error)
{
  return _rapport_sqlite_exec (db,
                               "DELETE FROM group_owed;"
                               "INSERT INTO group_owed (group_id, due_on, order_id, ordered_on, staff_id, balance) "
                               GROUP_OWED_FROM_ORDERS ("SELECT client_id, group_id FROM client_groups") ";",
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
    RAPPORT_ANALYTICS_DIFFERENCES ("client_id, group_id", "client_groups", "true", CLIENT_GROUPS_FROM_CLIENTS),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "group_days", "orders <> 0 OR amount <> 0 OR received <> 0 OR refunded <> 0",
                                   GROUP_DAYS_FROM_TABLES),
    /* The lines of the groups' sales (step 0023). */
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "group_lines", "orders <> 0 OR amount <> 0", GROUP_LINES_FROM_TABLES),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "group_regions", "orders <> 0 OR amount <> 0", GROUP_REGIONS_FROM_TABLES),
    /* The groups' unpaid orders (step 0024). */
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "group_owed", "true", GROUP_OWED_FROM_ORDERS (CLIENT_GROUPS_FROM_CLIENTS)),
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
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "group_funnel_days", "orders <> 0 OR amount <> 0",
                                   GROUP_FUNNEL_DAYS_FROM (CLIENT_GROUPS_FROM_CLIENTS)),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "group_funnel_times", "orders <> 0",
                                   GROUP_FUNNEL_TIMES_FROM (CLIENT_GROUPS_FROM_CLIENTS)),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "group_interaction_days", "logged <> 0",
                                   GROUP_INTERACTION_DAYS_FROM (CLIENT_GROUPS_FROM_CLIENTS)),
    RAPPORT_ANALYTICS_DIFFERENCES ("*", "group_follow_up_days", "done <> 0 OR open <> 0",
                                   GROUP_FOLLOW_UP_DAYS_FROM (CLIENT_GROUPS_FROM_CLIENTS)),
  };

  *mismatches = 0;
  return _rapport_analytics_count_mismatches (db, checks, G_N_ELEMENTS (checks), mismatches, error);
}
