/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-cli"

/* Runs a command of the commands module (rapport-cli-commands.c). Starting
 * a process that links Pango, Cairo, ICU, GMime, libcurl, libical, GnuTLS
 * and libsecret meant loading about 80 shared libraries and resolving their
 * symbols, 18 ms before any command ran: more than a softphone's look-up
 * may take. rapport-cli itself links the core library alone and loads the
 * rest only for the commands that use it. */

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "rapport-cli-commands.h"
#include "rapport-cli-module.h"

#define MODULE_NAME "rapport-cli-commands"

/* Where it is built, beside rapport-cli, or where it is installed; the
 * tests may name another file. */
static char *
dup_module_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir ? g_module_build_path (dir, MODULE_NAME) : NULL;

  if (g_getenv ("RAPPORT_CLI_MODULE") != NULL)
    return g_strdup (g_getenv ("RAPPORT_CLI_MODULE"));
  if (beside != NULL && g_file_test (beside, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&beside);
  return g_module_build_path (CLI_MODULE_DIR, MODULE_NAME);
}

int
rapport_cli_run_in_module (const char * const *arguments)
{
  g_autofree char *path = dup_module_path ();
  GModule *module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  gpointer run = NULL;

  if (module == NULL || !g_module_symbol (module, RAPPORT_CLI_COMMANDS_RUN, &run))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *message = NULL;

      /* TRANSLATORS: the first %s is a command such as “invoice”, the second a file, the third why it could not be loaded */
      message = g_strdup_printf (_("The part of Rapport that runs “%s” could not be loaded from “%s”: %s. Installing Rapport again should mend it."),
                                 arguments[0], display, g_module_error ());
      g_clear_pointer (&module, g_module_close);
      return rapport_cli_fail (message);
    }
  /* Kept loaded to the end: ICU and GnuTLS are not made to be unloaded. */
  g_module_make_resident (module);
  return ((RapportCliCommandsRun) run) (&rapport_cli_options, arguments);
}
