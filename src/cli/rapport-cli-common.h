/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-database.h"

G_BEGIN_DECLS

/* Exit statuses: scripts and softphones tell “found” from “not found” from
 * “something is wrong”. */
enum {
  EXIT_FOUND = 0,
  EXIT_NOTHING = 1,
  EXIT_ERROR = 2,
};

/* What the command line said, as parsed once by rapport-cli; the commands
 * module gets a copy (rapport-cli-commands.c). */
typedef struct
{
  char     *database;
  int       n_clients;
  int       n_interactions;
  int       n_orders;
  int       seed;
  int       limit;
  char     *status_filter;
  gboolean  unpaid_only;
  char     *from_day;
  char     *to_day;
  char     *at;
  int       days;
  char     *output;
  gboolean  encrypt;
  gboolean  late_only;
  int       expiring_days;
  char     *channel;
  gboolean  dry_run;
  char     *on_duplicate;
  char     *export_format;
  char     *encoding;
  char     *matching;
  char     *by;
} RapportCliOptions;

G_GNUC_INTERNAL extern RapportCliOptions rapport_cli_options;

/* What a command had hoped to find, named when the file has nothing yet. */
typedef enum
{
  RAPPORT_CLI_WANTS_CLIENTS,
  RAPPORT_CLI_WANTS_REMINDERS,
} RapportCliWants;

int              rapport_cli_fail              (const char           *message);
char            *rapport_cli_dup_database_path (void);
RapportDatabase *rapport_cli_open              (RapportDatabaseFlags  flags,
                                                RapportCliWants       wants,
                                                int                  *status);
RapportDatabase *rapport_cli_open_for_looking  (int                  *status);

G_END_DECLS
