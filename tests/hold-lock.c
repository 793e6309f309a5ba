/* SPDX-License-Identifier: GPL-3.0-or-later */

/* Another program holding a database: takes an exclusive lock on the file
 * named on the command line, says “locked”, and keeps it until its standard
 * input closes. */

#include <sqlite3.h>
#include <stdio.h>

int
main (int   argc,
      char *argv[])
{
  sqlite3 *db = NULL;
  char buffer[64];

  if (argc != 2 || sqlite3_open (argv[1], &db) != SQLITE_OK)
    return 2;
  if (sqlite3_exec (db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;", NULL, NULL, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "hold-lock: %s\n", sqlite3_errmsg (db));
      return 2;
    }

  printf ("locked\n");
  fflush (stdout);
  while (fgets (buffer, sizeof buffer, stdin) != NULL)
    ;

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}
