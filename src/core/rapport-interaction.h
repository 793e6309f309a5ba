/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RapportInteractionKind:
 * @RAPPORT_INTERACTION_CALL: a phone call
 * @RAPPORT_INTERACTION_MEETING: a meeting
 * @RAPPORT_INTERACTION_EMAIL: an e-mail
 * @RAPPORT_INTERACTION_VISIT: a visit to the shop, salon or office
 * @RAPPORT_INTERACTION_NOTE: a note; it is not contact with the client
 */
typedef enum
{
  RAPPORT_INTERACTION_CALL,
  RAPPORT_INTERACTION_MEETING,
  RAPPORT_INTERACTION_EMAIL,
  RAPPORT_INTERACTION_VISIT,
  RAPPORT_INTERACTION_NOTE,
} RapportInteractionKind;

/**
 * RapportDirection:
 * @RAPPORT_DIRECTION_NONE: not a call or message, or not known
 * @RAPPORT_DIRECTION_INBOUND: the client called or wrote
 * @RAPPORT_DIRECTION_OUTBOUND: the business called or wrote
 */
typedef enum
{
  RAPPORT_DIRECTION_NONE,
  RAPPORT_DIRECTION_INBOUND,
  RAPPORT_DIRECTION_OUTBOUND,
} RapportDirection;

#define RAPPORT_TYPE_INTERACTION (rapport_interaction_get_type ())

G_DECLARE_FINAL_TYPE (RapportInteraction, rapport_interaction, RAPPORT, INTERACTION, GObject)

RapportInteraction     *rapport_interaction_new              (gint64                  client_id,
                                                              RapportInteractionKind  kind);
gint64                  rapport_interaction_get_id           (RapportInteraction     *self);
void                    rapport_interaction_set_id           (RapportInteraction     *self,
                                                              gint64                  id);
gint64                  rapport_interaction_get_client_id    (RapportInteraction     *self);
RapportInteractionKind  rapport_interaction_get_kind         (RapportInteraction     *self);
void                    rapport_interaction_set_kind         (RapportInteraction     *self,
                                                              RapportInteractionKind  kind);
RapportDirection        rapport_interaction_get_direction    (RapportInteraction     *self);
void                    rapport_interaction_set_direction    (RapportInteraction     *self,
                                                              RapportDirection        direction);
gint64                  rapport_interaction_get_occurred_at  (RapportInteraction     *self);
void                    rapport_interaction_set_occurred_at  (RapportInteraction     *self,
                                                              gint64                  utc_seconds);
gint64                  rapport_interaction_get_staff_id     (RapportInteraction     *self);
void                    rapport_interaction_set_staff_id     (RapportInteraction     *self,
                                                              gint64                  staff_id);
const char             *rapport_interaction_get_staff_name   (RapportInteraction     *self);
const char             *rapport_interaction_get_summary      (RapportInteraction     *self);
void                    rapport_interaction_set_summary      (RapportInteraction     *self,
                                                              const char             *summary);
const char             *rapport_interaction_get_text         (RapportInteraction     *self);
void                    rapport_interaction_set_text         (RapportInteraction     *self,
                                                              const char             *text);
const char             *rapport_interaction_get_follow_up_on (RapportInteraction     *self);
void                    rapport_interaction_set_follow_up_on (RapportInteraction     *self,
                                                              const char             *iso_date);
const char             *rapport_interaction_get_follow_up_time (RapportInteraction   *self);
void                    rapport_interaction_set_follow_up_time (RapportInteraction   *self,
                                                                const char           *time_of_day);
gint64                  rapport_interaction_get_follow_up_done_at (RapportInteraction *self);
void                    rapport_interaction_set_follow_up_done_at (RapportInteraction *self,
                                                                   gint64              utc_seconds);
RapportInteraction     *rapport_interaction_dup_copy         (RapportInteraction     *self);

const char             *rapport_interaction_kind_to_string   (RapportInteractionKind  kind);
gboolean                rapport_interaction_kind_from_string (const char             *text,
                                                              RapportInteractionKind *kind);
const char             *rapport_direction_to_string          (RapportDirection        direction);
gboolean                rapport_direction_from_string        (const char             *text,
                                                              RapportDirection       *direction);

gboolean                rapport_interaction_tidy             (RapportInteraction     *self,
                                                              gint64                  now,
                                                              GError                **error);

void                    _rapport_interaction_set_staff_name  (RapportInteraction     *self,
                                                              const char             *name);

G_END_DECLS
