/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* What a delivery must be and may become, what a carrier's tracking
 * address must hold, and when a warranty ends: rules, no storage. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "rapport-delivery-rules.h"
#include "rapport-error.h"
#include "rapport-money.h"
#include "rapport-text.h"

#define TRACKING_PLACEHOLDER "{tracking}"
#define MAX_TRACKING_LENGTH 100
#define MAX_ADDRESS_LENGTH 1000

/**
 * rapport_delivery_status_is_open:
 * @status: a status
 *
 * Returns: whether a delivery in @status is still on its way: planned,
 *   packed, shipped or in transit
 */
gboolean
rapport_delivery_status_is_open (RapportDeliveryStatus status)
{
  return status <= RAPPORT_DELIVERY_IN_TRANSIT;
}

/**
 * rapport_delivery_status_holds:
 * @status: a status
 *
 * Returns: whether a delivery in @status holds the quantities it carries,
 *   so that they cannot be delivered again: on its way or delivered; a
 *   returned or failed one gives them back
 */
gboolean
rapport_delivery_status_holds (RapportDeliveryStatus status)
{
  return status <= RAPPORT_DELIVERY_DELIVERED;
}

/**
 * rapport_delivery_can_become:
 * @from: the status now
 * @to: another status
 *
 * A delivery on its way may take any other status on the way (a status
 * set by mistake can be set right), or be delivered, or fail. Once
 * delivered it can only be returned; returned and failed are the end.
 *
 * Returns: whether the change is allowed
 */
gboolean
rapport_delivery_can_become (RapportDeliveryStatus from,
                             RapportDeliveryStatus to)
{
  if (from == to || to >= RAPPORT_DELIVERY_N_STATUSES)
    return FALSE;
  if (rapport_delivery_status_is_open (from))
    return to != RAPPORT_DELIVERY_RETURNED;
  if (from == RAPPORT_DELIVERY_DELIVERED)
    return to == RAPPORT_DELIVERY_RETURNED;
  return FALSE;
}

/**
 * rapport_delivery_check_status_change:
 * @from: the status now
 * @to: the status asked for
 * @error: return location for an error saying why not
 *
 * Returns: whether the change is allowed
 */
gboolean
rapport_delivery_check_status_change (RapportDeliveryStatus   from,
                                      RapportDeliveryStatus   to,
                                      GError                **error)
{
  if (rapport_delivery_can_become (from, to))
    return TRUE;

  if (from == to)
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                 _("The delivery is already “%s”."), rapport_delivery_status_get_label (to));
  else if (from == RAPPORT_DELIVERY_DELIVERED)
    g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                         _("The delivery was delivered: it can only be marked returned now."));
  else if (to == RAPPORT_DELIVERY_RETURNED)
    g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                         _("Only a delivered delivery can be returned: mark it failed if it never arrived."));
  else
    g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                 _("The delivery is “%s”, which is final: plan a new delivery instead."),
                 rapport_delivery_status_get_label (from));
  return FALSE;
}

/**
 * rapport_delivery_is_late:
 * @status: a delivery's status
 * @planned_on: its planned day, `YYYY-MM-DD`
 * @today: today, `YYYY-MM-DD`
 *
 * Returns: whether its day passed and it is still on its way
 */
gboolean
rapport_delivery_is_late (RapportDeliveryStatus  status,
                          const char            *planned_on,
                          const char            *today)
{
  return rapport_delivery_status_is_open (status) && g_strcmp0 (planned_on, today) < 0;
}

static char *
tidy_text (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return g_strstrip (g_utf8_make_valid (text, -1));
  return g_strstrip (g_strdup (text));
}

static void
replace (char **field,
         char  *value)
{
  g_free (*field);
  *field = value;
}

/**
 * rapport_delivery_tidy:
 * @delivery: a delivery being put together
 * @pickup: whether its carrier is a pick-up
 * @error: return location for an error naming the field
 *
 * Trims the text fields and checks what does not need the database: a
 * planned day, an address unless picked up, something to carry, each
 * line once with a quantity above zero.
 *
 * Returns: whether the delivery may be saved, as far as it alone tells
 */
gboolean
rapport_delivery_tidy (RapportDelivery  *delivery,
                       gboolean          pickup,
                       GError          **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  replace (&delivery->tracking_number, tidy_text (delivery->tracking_number));
  replace (&delivery->address, tidy_text (delivery->address));
  replace (&delivery->notes, tidy_text (delivery->notes));

  if (delivery->planned_on == NULL || !rapport_date_validate (delivery->planned_on, NULL))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Planned day: choose the day the delivery is planned for."));
      return FALSE;
    }
  if (!pickup && *delivery->address == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Address: a delivery needs an address, unless the client picks it up."));
      return FALSE;
    }
  if (strlen (delivery->address) > MAX_ADDRESS_LENGTH)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Address: the address is too long; keep it under 1000 characters."));
      return FALSE;
    }
  if (g_utf8_strlen (delivery->tracking_number, -1) > MAX_TRACKING_LENGTH)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Tracking number: it is too long to be a tracking number."));
      return FALSE;
    }
  if (delivery->lines->len == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The delivery carries nothing: choose a quantity of at least one line."));
      return FALSE;
    }

  for (guint i = 0; i < delivery->lines->len; i++)
    {
      RapportDeliveryLine *line = g_ptr_array_index (delivery->lines, i);

      if (line->quantity <= 0 || line->quantity > RAPPORT_QUANTITY_MAX)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("Line %u: the quantity must be above zero."), i + 1);
          return FALSE;
        }
      if (!g_hash_table_add (seen, &line->order_line_id))
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("Line %u: the same order line is in the delivery twice."), i + 1);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * rapport_quantity_to_string:
 * @thousandths: a quantity
 *
 * Returns: (transfer full): the quantity with a dot and no more decimals
 *   than it needs, for messages of the core (the interface formats
 *   quantities in the reader's language itself)
 */
char *
rapport_quantity_to_string (gint64 thousandths)
{
  guint64 magnitude = thousandths < 0 ? -(guint64) thousandths : (guint64) thousandths;
  const char *sign = thousandths < 0 ? "-" : "";
  guint64 whole = magnitude / 1000, part = magnitude % 1000;

  if (part == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, sign, whole);
  if (part % 100 == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT, sign, whole, part / 100);
  if (part % 10 == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02" G_GUINT64_FORMAT, sign, whole, part / 10);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%03" G_GUINT64_FORMAT, sign, whole, part);
}

/**
 * rapport_delivery_check_quantity:
 * @line: an order line and how much of it is already held
 * @number: the line's number in the order, from 1, for the message
 * @quantity: how much a new delivery would carry
 * @error: return location for an error naming the line
 *
 * Returns: whether @quantity is goods and no more than what is left
 */
gboolean
rapport_delivery_check_quantity (const RapportDeliverable  *line,
                                 guint                      number,
                                 gint64                     quantity,
                                 GError                   **error)
{
  gint64 left = MAX (line->ordered - line->held, 0);

  if (!line->kind_product)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Line %u “%s” is a service: only goods are delivered."), number, line->name);
      return FALSE;
    }
  if (quantity > left)
    {
      g_autofree char *asked = rapport_quantity_to_string (quantity);
      g_autofree char *rest = rapport_quantity_to_string (left);

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Line %u “%s”: %s asked, but only %s is left to deliver."),
                   number, line->name, asked, rest);
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_carrier_tidy:
 * @carrier: a carrier being edited
 * @error: return location for an error naming the field
 *
 * Trims the name and the pattern; a pattern must be a web address that
 * holds `{tracking}` where the number goes.
 *
 * Returns: whether the carrier may be saved
 */
gboolean
rapport_carrier_tidy (RapportCarrier  *carrier,
                      GError         **error)
{
  replace (&carrier->name, tidy_text (carrier->name));
  replace (&carrier->tracking_pattern, tidy_text (carrier->tracking_pattern));

  if (*carrier->name == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Name: a carrier needs a name."));
      return FALSE;
    }
  if (*carrier->tracking_pattern == '\0')
    return TRUE;
  if (strstr (carrier->tracking_pattern, TRACKING_PLACEHOLDER) == NULL)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Tracking address: put %s where the tracking number goes, as in https://example.com/track?id=%s."),
                   TRACKING_PLACEHOLDER, TRACKING_PLACEHOLDER);
      return FALSE;
    }
  if (!g_str_has_prefix (carrier->tracking_pattern, "https://")
      && !g_str_has_prefix (carrier->tracking_pattern, "http://"))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Tracking address: it must be a web address starting with https://."));
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_carrier_dup_tracking_uri:
 * @pattern: a carrier's tracking pattern
 * @tracking_number: a tracking number
 *
 * Returns: (transfer full): the address where @tracking_number is looked
 *   up, the number escaped; empty when either is empty or the pattern has
 *   no `{tracking}`
 */
char *
rapport_carrier_dup_tracking_uri (const char *pattern,
                                  const char *tracking_number)
{
  g_autofree char *escaped = NULL;
  g_auto(GStrv) parts = NULL;

  if (pattern == NULL || tracking_number == NULL || *tracking_number == '\0'
      || strstr (pattern, TRACKING_PLACEHOLDER) == NULL)
    return g_strdup ("");

  escaped = g_uri_escape_string (tracking_number, NULL, FALSE);
  parts = g_strsplit (pattern, TRACKING_PLACEHOLDER, -1);
  return g_strjoinv (escaped, parts);
}

static gboolean
parse_day (const char *day,
           GDate      *date)
{
  int y, m, d;
  char end;

  g_date_clear (date, 1);
  if (day == NULL || strlen (day) != 10 || sscanf (day, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * rapport_warranty_dup_end:
 * @starts_on: the day it starts, `YYYY-MM-DD`
 * @months: how long it lasts, 1 to 1200
 *
 * The same day @months later; when that month is shorter, its last day:
 * 31 January + 1 month is 28 February, or 29 in a leap year.
 *
 * Returns: (transfer full) (nullable): the last day, or %NULL when
 *   @starts_on is not a day
 */
char *
rapport_warranty_dup_end (const char *starts_on,
                          guint       months)
{
  GDate date;

  if (!parse_day (starts_on, &date) || months > 1200)
    return NULL;
  /* GDate keeps the day within the month it lands in. */
  g_date_add_months (&date, months);
  if (!g_date_valid (&date) || g_date_get_year (&date) > 9999)
    return NULL;
  return format_day (&date);
}

/**
 * rapport_day_shift:
 * @day: a day, `YYYY-MM-DD`
 * @days: how many days later (or earlier, below zero)
 *
 * Returns: (transfer full) (nullable): the day moved, or %NULL when @day
 *   is not a day or the move leaves the calendar
 */
char *
rapport_day_shift (const char *day,
                   int         days)
{
  GDate date;

  if (!parse_day (day, &date))
    return NULL;
  if (days > 0)
    {
      if ((guint) days > G_MAXUINT32 - g_date_get_julian (&date) || g_date_get_julian (&date) + days > 3652059)
        return NULL;
      g_date_add_days (&date, (guint) days);
    }
  else if (days < 0)
    {
      if ((guint) -days >= g_date_get_julian (&date))
        return NULL;
      g_date_subtract_days (&date, (guint) -days);
    }
  return format_day (&date);
}

/**
 * rapport_warranty_claim_new:
 * @warranty: the warranty claimed under
 * @problem: (nullable): what is wrong, as the client said it
 * @occurred_at: when, UTC seconds
 *
 * A warranty claim is kept on the client's timeline, as a note that
 * names the product, its serial number, the order and the warranty's end.
 *
 * Returns: (transfer full): the interaction to add
 */
RapportInteraction *
rapport_warranty_claim_new (const RapportWarranty *warranty,
                            const char            *problem,
                            gint64                 occurred_at)
{
  RapportInteraction *claim = rapport_interaction_new (warranty->client_id, RAPPORT_INTERACTION_NOTE);
  g_autofree char *summary = NULL;
  g_autofree char *trimmed = tidy_text (problem);
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: the summary of a warranty claim on the client's
   * timeline; %s is the product */
  summary = g_strdup_printf (_("Warranty claim: %s"), warranty->product);
  if (*warranty->serial_number != '\0')
    {
      /* TRANSLATORS: in a warranty claim; %s is a serial number */
      g_string_append_printf (text, _("Serial number: %s"), warranty->serial_number);
      g_string_append_c (text, '\n');
    }
  /* TRANSLATORS: in a warranty claim: the order's number, and the
   * warranty's last day as YYYY-MM-DD */
  g_string_append_printf (text, _("Order %s, under warranty until %s"), warranty->order_number, warranty->ends_on);
  if (*trimmed != '\0')
    g_string_append_printf (text, "\n\n%s", trimmed);

  rapport_interaction_set_summary (claim, summary);
  rapport_interaction_set_text (claim, text->str);
  rapport_interaction_set_occurred_at (claim, occurred_at);
  g_string_free (text, TRUE);
  return claim;
}

/* The placeholders of a translated template filled in one pass, so that
 * a value holding “{product}” stays as it is. */
static char *
fill_template (const char         *template,
               const char * const *names,
               const char * const *values,
               guint               n)
{
  GString *text = g_string_new (NULL);

  for (const char *p = template; *p != '\0';)
    {
      gboolean replaced = FALSE;

      for (guint i = 0; i < n && !replaced && *p == '{'; i++)
        if (g_str_has_prefix (p, names[i]))
          {
            g_string_append (text, values[i] ? values[i] : "");
            p += strlen (names[i]);
            replaced = TRUE;
          }
      if (!replaced)
        g_string_append_c (text, *p++);
    }
  return g_string_free (text, FALSE);
}

/* A day a person means as a day, as the reader writes it in full: in the
 * reader's calendar when a front end that knows it says how. */
static RapportDayFormatFunc day_format;

/**
 * rapport_warranty_message_set_day_format:
 * @format: (nullable): writes a `YYYY-MM-DD` day in full for the reader,
 *   or %NULL for the Gregorian calendar in the language's words
 *
 * Set once, before any message is made (the window sets the calendar of
 * its language: Solar Hijri in Persian).
 */
void
rapport_warranty_message_set_day_format (RapportDayFormatFunc format)
{
  day_format = format;
}

static char *
format_full_day (const char *iso_date)
{
  g_autofree char *noon = g_strconcat (iso_date, "T12:00:00Z", NULL);
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (noon, NULL);

  if (date == NULL)
    return g_strdup (iso_date);
  if (day_format != NULL)
    return day_format (iso_date);
  /* TRANSLATORS: a full date, see strftime(3) */
  return g_date_time_format (date, _("%-d %B %Y"));
}

/**
 * rapport_warranty_message_compose:
 * @client_name: whom it is for
 * @product: what the warranty covers
 * @serial_number: its serial number, or “”
 * @ends_on: the warranty's last day, `YYYY-MM-DD`
 * @subject: (out): the message's subject
 * @body: (out): the message
 *
 * The ready message to a client who agreed to service messages, when a
 * warranty is about to end: the templates are translated, and their
 * placeholders may stand in any order.
 */
void
rapport_warranty_message_compose (const char  *client_name,
                                  const char  *product,
                                  const char  *serial_number,
                                  const char  *ends_on,
                                  char       **subject,
                                  char       **body)
{
  static const char * const names[] = { "{client}", "{product}", "{serial}", "{end}" };
  g_autofree char *end = format_full_day (ends_on);
  const char *values[] = { client_name, product, serial_number, end };
  const char *text;

  /* TRANSLATORS: the subject of the message to a client whose warranty
   * ends soon; keep {product} and {end} (a date) as they are */
  *subject = fill_template (_("The warranty of your {product} ends on {end}"), names, values, G_N_ELEMENTS (names));
  if (serial_number != NULL && *serial_number != '\0')
    /* TRANSLATORS: a message to a client whose warranty ends soon; keep
     * {client}, {product}, {serial} (a serial number) and {end} (a date)
     * as they are; they may move */
    text = _("Hello {client},\n\n"
             "the warranty of your {product} (serial number {serial}) ends on {end}. "
             "If anything needs looking at, bring it in before then; we can also extend the warranty.\n\n"
             "Kind regards");
  else
    /* TRANSLATORS: a message to a client whose warranty ends soon; keep
     * {client}, {product} and {end} (a date) as they are; they may move */
    text = _("Hello {client},\n\n"
             "the warranty of your {product} ends on {end}. "
             "If anything needs looking at, bring it in before then; we can also extend the warranty.\n\n"
             "Kind regards");
  *body = fill_template (text, names, values, G_N_ELEMENTS (names));
}

/**
 * rapport_warranty_message_sent_new:
 * @client_id: whom it was sent to
 * @subject: its subject
 * @body: the message
 * @occurred_at: when it was sent, UTC seconds
 *
 * Returns: (transfer full): the e-mail as the client's timeline keeps it
 */
RapportInteraction *
rapport_warranty_message_sent_new (gint64      client_id,
                                   const char *subject,
                                   const char *body,
                                   gint64      occurred_at)
{
  RapportInteraction *sent = rapport_interaction_new (client_id, RAPPORT_INTERACTION_EMAIL);

  rapport_interaction_set_direction (sent, RAPPORT_DIRECTION_OUTBOUND);
  rapport_interaction_set_summary (sent, subject);
  rapport_interaction_set_text (sent, body);
  rapport_interaction_set_occurred_at (sent, occurred_at);
  return sent;
}
