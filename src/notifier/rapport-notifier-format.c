/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-notifier"

/* Amounts and counts in the reader's locale, through the formatting
 * module beside the notifier (rapport-notifier-money.c), loaded the first
 * time one is written: most days the notifier shows only follow-ups, or
 * nothing, and ICU stays out of its memory. */

#include "config.h"

#include <gmodule.h>

#include "rapport-notifier-format.h"

#define MODULE_NAME "rapport-notifier-money"

typedef char *(*MoneyFormatFunc)   (gint64      amount,
                                    const char *currency);
typedef char *(*IntegerFormatFunc) (gint64      n);

typedef struct
{
  MoneyFormatFunc   money;
  IntegerFormatFunc integer;
} Formatters;

/* The module is looked for beside the notifier's own executable, where it
 * is built and where it is installed. */
static char *
dup_module_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self ? g_path_get_dirname (self) : NULL;

  return dir ? g_module_build_path (dir, MODULE_NAME) : NULL;
}

static gpointer
load_formatters (gpointer data)
{
  Formatters *formatters = g_new0 (Formatters, 1);
  g_autofree char *path = dup_module_path ();
  GModule *module = path ? g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL) : NULL;
  gpointer money = NULL, integer = NULL;

  if (module == NULL
      || !g_module_symbol (module, "rapport_notifier_money_format", &money)
      || !g_module_symbol (module, "rapport_notifier_integer_format", &integer))
    {
      /* A broken installation: amounts are left out, counts in ASCII
       * digits, rather than a notification not shown. */
      g_debug ("The formatting module %s could not be loaded: %s", path ? path : MODULE_NAME,
               g_module_error ());
      g_clear_pointer (&module, g_module_close);
      return formatters;
    }
  /* Kept loaded: ICU is not made to be unloaded. */
  g_module_make_resident (module);
  formatters->money = (MoneyFormatFunc) money;
  formatters->integer = (IntegerFormatFunc) integer;
  return formatters;
}

static Formatters *
get_formatters (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_formatters, NULL);
}

/**
 * rapport_notifier_format_money:
 * @amount: in minor units
 * @currency: an ISO 4217 code
 *
 * Returns: (transfer full) (nullable): the amount as the Today page writes
 *   it, or %NULL when the formatting module is missing
 */
char *
rapport_notifier_format_money (gint64      amount,
                               const char *currency)
{
  Formatters *formatters = get_formatters ();

  return formatters->money ? formatters->money (amount, currency) : NULL;
}

/**
 * rapport_notifier_format_integer:
 * @n: a count
 *
 * Returns: (transfer full): @n in the reader's digits and grouping
 */
char *
rapport_notifier_format_integer (gint64 n)
{
  Formatters *formatters = get_formatters ();

  return formatters->integer ? formatters->integer (n) : g_strdup_printf ("%" G_GINT64_FORMAT, n);
}
