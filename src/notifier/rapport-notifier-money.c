/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-notifier"

/* The notifier's money and counts, written with ICU as the Today page
 * writes them, built as a module of their own: the notifier loads it,
 * and with it ICU and the C++ library, only when it first writes an
 * amount or a count (rapport-notifier-format.c). Linked in, ICU's
 * libraries were mapped and relocated at start, a quarter of what the
 * notifier kept in memory while it slept. */

#include "config.h"

#include <gmodule.h>

#include "rapport-money-format.h"

G_MODULE_EXPORT char *rapport_notifier_money_format   (gint64      amount,
                                                       const char *currency);
G_MODULE_EXPORT char *rapport_notifier_integer_format (gint64      n);

G_MODULE_EXPORT char *
rapport_notifier_money_format (gint64      amount,
                               const char *currency)
{
  return rapport_money_format (amount, currency);
}

G_MODULE_EXPORT char *
rapport_notifier_integer_format (gint64 n)
{
  return rapport_integer_format (n);
}
