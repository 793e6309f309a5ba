/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RapportSegmentRuleKind:
 *
 * What a segment rule tests. Each kind uses some of the rule's values:
 * @text (a tag, a city, a country, a date as `YYYY-MM-DD`, an item kind),
 * @number (a staff id, a count, an amount in smallest units, a catalog
 * item id) and @days.
 */
typedef enum
{
  RAPPORT_RULE_HAS_TAG,            /* text: tag */
  RAPPORT_RULE_LACKS_TAG,          /* text: tag */
  RAPPORT_RULE_CITY,               /* text: city */
  RAPPORT_RULE_COUNTRY,            /* text: country */
  RAPPORT_RULE_OWNER,              /* number: staff id */
  RAPPORT_RULE_CREATED_BEFORE,     /* text: date */
  RAPPORT_RULE_CREATED_AFTER,      /* text: date */
  RAPPORT_RULE_CREATED_WITHIN,     /* days */
  RAPPORT_RULE_CONTACTED_BEFORE,   /* text: date */
  RAPPORT_RULE_CONTACTED_AFTER,    /* text: date */
  RAPPORT_RULE_CONTACTED_WITHIN,   /* days */
  RAPPORT_RULE_NOT_CONTACTED_WITHIN, /* days; never contacted counts */
  RAPPORT_RULE_ORDERS_AT_LEAST,    /* number: orders */
  RAPPORT_RULE_ORDERS_AT_MOST,     /* number: orders */
  RAPPORT_RULE_SPENT_AT_LEAST,     /* number: amount; days: 0 for lifetime */
  RAPPORT_RULE_LAST_ORDER_BEFORE,  /* text: date */
  RAPPORT_RULE_LAST_ORDER_AFTER,   /* text: date */
  RAPPORT_RULE_BOUGHT_ITEM,        /* number: catalog item id */
  RAPPORT_RULE_BOUGHT_KIND,        /* text: product or service */
  RAPPORT_RULE_BIRTHDAY_WITHIN,    /* days, from today */
  RAPPORT_RULE_HAS_EMAIL,
  RAPPORT_RULE_HAS_PHONE,
  RAPPORT_RULE_WARRANTY_ENDING_WITHIN, /* days, from today */
  RAPPORT_RULE_RFM_SEGMENT,        /* text: an RFM segment (champions, at-risk…) */
  RAPPORT_RULE_SLIPPING_AWAY,      /* regulars not back for twice their usual interval */
  RAPPORT_RULE_N_KINDS,
} RapportSegmentRuleKind;

/* The most days a “within” rule may look back or ahead: a century. */
#define RAPPORT_RULE_MAX_DAYS 36500
/* The largest count or amount a rule accepts (ten trillion units). */
#define RAPPORT_RULE_MAX_NUMBER G_GINT64_CONSTANT (10000000000000)

typedef struct
{
  RapportSegmentRuleKind  kind;
  char                   *text;
  gint64                  number;
  int                     days;
} RapportSegmentRule;

typedef struct
{
  gint64      id;
  char       *name;
  gboolean    match_any;
  GPtrArray  *rules;
} RapportSegment;

#define RAPPORT_TYPE_SEGMENT_RULE (rapport_segment_rule_get_type ())
#define RAPPORT_TYPE_SEGMENT (rapport_segment_get_type ())

GType               rapport_segment_rule_get_type     (void) G_GNUC_CONST;
RapportSegmentRule *rapport_segment_rule_new          (RapportSegmentRuleKind     kind,
                                                       const char                *text,
                                                       gint64                     number,
                                                       int                        days);
RapportSegmentRule *rapport_segment_rule_copy         (const RapportSegmentRule  *rule);
void                rapport_segment_rule_free         (RapportSegmentRule        *rule);
const char         *rapport_segment_rule_kind_to_string   (RapportSegmentRuleKind  kind);
gboolean            rapport_segment_rule_kind_from_string (const char             *name,
                                                           RapportSegmentRuleKind *kind);
gboolean            rapport_segment_rule_validate     (const RapportSegmentRule  *rule,
                                                       GError                   **error);
RapportSegmentRule *rapport_segment_rule_parse        (const char                *text,
                                                       GError                   **error);

GType               rapport_segment_get_type          (void) G_GNUC_CONST;
RapportSegment     *rapport_segment_new               (const char                *name);
RapportSegment     *rapport_segment_copy              (const RapportSegment      *segment);
void                rapport_segment_free              (RapportSegment            *segment);
void                rapport_segment_add_rule          (RapportSegment            *segment,
                                                       RapportSegmentRule        *rule);
gboolean            rapport_segment_validate          (RapportSegment            *segment,
                                                       GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSegmentRule, rapport_segment_rule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSegment, rapport_segment_free)

G_END_DECLS
