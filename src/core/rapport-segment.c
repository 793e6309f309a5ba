/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Segments: the rule model and what a valid rule is. Nothing here knows
 * SQL; rapport-segment-repository.c turns rules into one query. */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "rapport-analytics.h"
#include "rapport-error.h"
#include "rapport-segment.h"
#include "rapport-text.h"

G_DEFINE_BOXED_TYPE (RapportSegmentRule, rapport_segment_rule,
                     rapport_segment_rule_copy, rapport_segment_rule_free)
G_DEFINE_BOXED_TYPE (RapportSegment, rapport_segment, rapport_segment_copy, rapport_segment_free)

typedef enum
{
  VALUE_NONE,
  VALUE_TEXT,
  VALUE_DATE,
  VALUE_ID,
  VALUE_COUNT,
  VALUE_DAYS,
  VALUE_AMOUNT_DAYS,
  VALUE_ITEM_KIND,
  VALUE_RFM_SEGMENT,
} ValueShape;

static const struct
{
  const char *name;
  ValueShape  shape;
} kinds[RAPPORT_RULE_N_KINDS] = {
  [RAPPORT_RULE_HAS_TAG]              = { "has-tag", VALUE_TEXT },
  [RAPPORT_RULE_LACKS_TAG]            = { "lacks-tag", VALUE_TEXT },
  [RAPPORT_RULE_CITY]                 = { "city", VALUE_TEXT },
  [RAPPORT_RULE_COUNTRY]              = { "country", VALUE_TEXT },
  [RAPPORT_RULE_OWNER]                = { "owner", VALUE_ID },
  [RAPPORT_RULE_CREATED_BEFORE]       = { "created-before", VALUE_DATE },
  [RAPPORT_RULE_CREATED_AFTER]        = { "created-after", VALUE_DATE },
  [RAPPORT_RULE_CREATED_WITHIN]       = { "created-within", VALUE_DAYS },
  [RAPPORT_RULE_CONTACTED_BEFORE]     = { "contacted-before", VALUE_DATE },
  [RAPPORT_RULE_CONTACTED_AFTER]      = { "contacted-after", VALUE_DATE },
  [RAPPORT_RULE_CONTACTED_WITHIN]     = { "contacted-within", VALUE_DAYS },
  [RAPPORT_RULE_NOT_CONTACTED_WITHIN] = { "not-contacted-within", VALUE_DAYS },
  [RAPPORT_RULE_ORDERS_AT_LEAST]      = { "orders-at-least", VALUE_COUNT },
  [RAPPORT_RULE_ORDERS_AT_MOST]       = { "orders-at-most", VALUE_COUNT },
  [RAPPORT_RULE_SPENT_AT_LEAST]       = { "spent-at-least", VALUE_AMOUNT_DAYS },
  [RAPPORT_RULE_LAST_ORDER_BEFORE]    = { "last-order-before", VALUE_DATE },
  [RAPPORT_RULE_LAST_ORDER_AFTER]     = { "last-order-after", VALUE_DATE },
  [RAPPORT_RULE_BOUGHT_ITEM]          = { "bought-item", VALUE_ID },
  [RAPPORT_RULE_BOUGHT_KIND]          = { "bought-kind", VALUE_ITEM_KIND },
  [RAPPORT_RULE_BIRTHDAY_WITHIN]      = { "birthday-within", VALUE_DAYS },
  [RAPPORT_RULE_HAS_EMAIL]            = { "has-email", VALUE_NONE },
  [RAPPORT_RULE_HAS_PHONE]            = { "has-phone", VALUE_NONE },
  [RAPPORT_RULE_WARRANTY_ENDING_WITHIN] = { "warranty-ending-within", VALUE_DAYS },
  [RAPPORT_RULE_RFM_SEGMENT]          = { "rfm-segment", VALUE_RFM_SEGMENT },
  [RAPPORT_RULE_SLIPPING_AWAY]        = { "slipping-away", VALUE_NONE },
};

RapportSegmentRule *
rapport_segment_rule_new (RapportSegmentRuleKind  kind,
                          const char             *text,
                          gint64                  number,
                          int                     days)
{
  RapportSegmentRule *rule = g_new0 (RapportSegmentRule, 1);

  rule->kind = kind;
  rule->text = g_strdup (text ? text : "");
  rule->number = number;
  rule->days = days;
  return rule;
}

RapportSegmentRule *
rapport_segment_rule_copy (const RapportSegmentRule *rule)
{
  return rapport_segment_rule_new (rule->kind, rule->text, rule->number, rule->days);
}

void
rapport_segment_rule_free (RapportSegmentRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->text);
  g_free (rule);
}

const char *
rapport_segment_rule_kind_to_string (RapportSegmentRuleKind kind)
{
  g_return_val_if_fail (kind < RAPPORT_RULE_N_KINDS, NULL);
  return kinds[kind].name;
}

gboolean
rapport_segment_rule_kind_from_string (const char             *name,
                                       RapportSegmentRuleKind *kind)
{
  for (guint i = 0; i < RAPPORT_RULE_N_KINDS; i++)
    if (g_strcmp0 (name, kinds[i].name) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
fail_days (const RapportSegmentRule  *rule,
           int                        lowest,
           GError                   **error)
{
  g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
               _("The rule “%s” needs a number of days from %d to %d, not %d."),
               kinds[rule->kind].name, lowest, RAPPORT_RULE_MAX_DAYS, rule->days);
  return FALSE;
}

/**
 * rapport_segment_rule_validate:
 * @rule: a rule
 * @error: return location for a %RAPPORT_ERROR_INVALID error naming the
 *   rule and the value
 *
 * Whether @rule's values make sense for its kind: a date that exists, a
 * count or amount that is not negative or absurd, a tag that is not blank.
 */
gboolean
rapport_segment_rule_validate (const RapportSegmentRule  *rule,
                               GError                   **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (rule != NULL, FALSE);

  if (rule->kind >= RAPPORT_RULE_N_KINDS)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("A segment rule is of a kind this version of Rapport does not know."));
      return FALSE;
    }

  switch (kinds[rule->kind].shape)
    {
    case VALUE_NONE:
      return TRUE;
    case VALUE_TEXT:
      if (rule->text == NULL || !g_utf8_validate (rule->text, -1, NULL) || is_blank (rule->text))
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The rule “%s” needs a value; it is empty."), kinds[rule->kind].name);
          return FALSE;
        }
      return TRUE;
    case VALUE_DATE:
      if (!rapport_date_validate (rule->text, &local_error))
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("The rule “%s”: "), kinds[rule->kind].name);
          return FALSE;
        }
      return TRUE;
    case VALUE_ID:
      if (rule->number <= 0)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, rule->number);

          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The rule “%s” needs a record to look for; %s names none."),
                       kinds[rule->kind].name, number);
          return FALSE;
        }
      return TRUE;
    case VALUE_COUNT:
    case VALUE_AMOUNT_DAYS:
      if (rule->number < 0 || rule->number > RAPPORT_RULE_MAX_NUMBER)
        {
          g_autofree char *highest = g_strdup_printf ("%" G_GINT64_FORMAT, RAPPORT_RULE_MAX_NUMBER);
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, rule->number);

          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The rule “%s” needs a number from 0 to %s, not %s."),
                       kinds[rule->kind].name, highest, number);
          return FALSE;
        }
      if (kinds[rule->kind].shape == VALUE_AMOUNT_DAYS && (rule->days < 0 || rule->days > RAPPORT_RULE_MAX_DAYS))
        return fail_days (rule, 0, error);
      return TRUE;
    case VALUE_DAYS:
      if (rule->days < 1 || rule->days > RAPPORT_RULE_MAX_DAYS
          || (rule->kind == RAPPORT_RULE_BIRTHDAY_WITHIN && rule->days > 366))
        {
          if (rule->kind == RAPPORT_RULE_BIRTHDAY_WITHIN)
            {
              g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The rule “%s” needs a number of days from %d to %d, not %d."),
                           kinds[rule->kind].name, 1, 366, rule->days);
              return FALSE;
            }
          return fail_days (rule, 1, error);
        }
      return TRUE;
    case VALUE_ITEM_KIND:
      if (g_strcmp0 (rule->text, "product") != 0 && g_strcmp0 (rule->text, "service") != 0)
        {
          g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The rule “%s” needs “product” or “service”."), kinds[rule->kind].name);
          return FALSE;
        }
      return TRUE;
    case VALUE_RFM_SEGMENT:
      {
        RapportRfmSegment segment;

        if (!rapport_rfm_segment_from_string (rule->text, &segment))
          {
            g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                         _("The rule “%s” needs a segment: champions, loyal, promising, new, needs-attention, "
                           "at-risk, cant-lose, hibernating or lost."), kinds[rule->kind].name);
            return FALSE;
          }
      }
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
parse_number (const char  *text,
              gint64       highest,
              gint64      *value)
{
  char *end = NULL;
  gint64 parsed;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  errno = 0;
  parsed = g_ascii_strtoll (text, &end, 10);
  if (errno != 0 || *end != '\0' || parsed > highest)
    return FALSE;
  *value = parsed;
  return TRUE;
}

/**
 * rapport_segment_rule_parse:
 * @text: a rule written as `KIND`, `KIND=VALUE` or, for spent-at-least,
 *   `spent-at-least=AMOUNT/DAYS`, such as `has-tag=VIP` or
 *   `not-contacted-within=90`
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * The rule in the words of the command line; amounts in smallest units.
 *
 * Returns: (transfer full): a valid rule, or %NULL
 */
RapportSegmentRule *
rapport_segment_rule_parse (const char  *text,
                            GError     **error)
{
  g_autoptr(RapportSegmentRule) rule = NULL;
  g_auto(GStrv) parts = g_strsplit (text ? text : "", "=", 2);
  RapportSegmentRuleKind kind;
  const char *value = parts[0] ? parts[1] : NULL;
  gint64 number;
  gboolean ok = TRUE;

  if (parts[0] == NULL || !rapport_segment_rule_kind_from_string (parts[0], &kind))
    {
      g_autofree char *shown = g_utf8_make_valid (text ? text : "", -1);
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("“%s” is not a segment rule; rules are such as has-tag=VIP, city=Lyon, "
                     "not-contacted-within=90, spent-at-least=50000/365, rfm-segment=champions or has-email."),
                   shown);
      return NULL;
    }

  rule = rapport_segment_rule_new (kind, NULL, 0, 0);
  switch (kinds[kind].shape)
    {
    case VALUE_NONE:
      ok = value == NULL;
      break;
    case VALUE_TEXT:
    case VALUE_DATE:
    case VALUE_ITEM_KIND:
    case VALUE_RFM_SEGMENT:
      ok = value != NULL;
      g_free (rule->text);
      rule->text = g_strdup (value ? value : "");
      break;
    case VALUE_ID:
    case VALUE_COUNT:
      ok = parse_number (value, RAPPORT_RULE_MAX_NUMBER, &rule->number);
      break;
    case VALUE_DAYS:
      ok = parse_number (value, RAPPORT_RULE_MAX_DAYS, &number);
      rule->days = ok ? (int) number : 0;
      break;
    case VALUE_AMOUNT_DAYS:
      {
        g_auto(GStrv) amount_days = g_strsplit (value ? value : "", "/", 2);

        ok = value != NULL && parse_number (amount_days[0], RAPPORT_RULE_MAX_NUMBER, &rule->number);
        if (ok && amount_days[1] != NULL)
          {
            ok = parse_number (amount_days[1], RAPPORT_RULE_MAX_DAYS, &number);
            rule->days = ok ? (int) number : 0;
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The rule “%s” has a value that does not fit it."), shown);
      return NULL;
    }
  if (!rapport_segment_rule_validate (rule, error))
    return NULL;
  return g_steal_pointer (&rule);
}

RapportSegment *
rapport_segment_new (const char *name)
{
  RapportSegment *segment = g_new0 (RapportSegment, 1);

  segment->name = g_strdup (name ? name : "");
  segment->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_segment_rule_free);
  return segment;
}

RapportSegment *
rapport_segment_copy (const RapportSegment *segment)
{
  RapportSegment *copy = rapport_segment_new (segment->name);

  copy->id = segment->id;
  copy->match_any = segment->match_any;
  for (guint i = 0; i < segment->rules->len; i++)
    g_ptr_array_add (copy->rules, rapport_segment_rule_copy (g_ptr_array_index (segment->rules, i)));
  return copy;
}

void
rapport_segment_free (RapportSegment *segment)
{
  if (segment == NULL)
    return;
  g_free (segment->name);
  g_ptr_array_unref (segment->rules);
  g_free (segment);
}

/* Takes @rule. */
void
rapport_segment_add_rule (RapportSegment     *segment,
                          RapportSegmentRule *rule)
{
  g_ptr_array_add (segment->rules, rule);
}

/**
 * rapport_segment_validate:
 * @segment: a segment
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * Tidies the name and checks each rule. A segment without rules is
 * everyone: that is allowed, and the audience says so by its size.
 */
gboolean
rapport_segment_validate (RapportSegment  *segment,
                          GError         **error)
{
  g_autofree char *name = NULL;

  if (segment->name == NULL || !g_utf8_validate (segment->name, -1, NULL))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The segment’s name is not readable text."));
      return FALSE;
    }
  name = g_strstrip (g_strdup (segment->name));
  if (*name == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Give the segment a name."));
      return FALSE;
    }
  g_free (segment->name);
  segment->name = g_steal_pointer (&name);

  for (guint i = 0; i < segment->rules->len; i++)
    if (!rapport_segment_rule_validate (g_ptr_array_index (segment->rules, i), error))
      return FALSE;
  return TRUE;
}
