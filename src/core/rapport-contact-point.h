/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_CONTACT_POINT (rapport_contact_point_get_type ())

/**
 * RapportContactPoint:
 * @label: how the client calls it: “mobile”, “work”, “home”…; may be empty
 * @value: the phone number or e-mail address as written
 *
 * One phone number or e-mail address of a client.
 */
typedef struct
{
  char *label;
  char *value;
} RapportContactPoint;

GType                rapport_contact_point_get_type (void) G_GNUC_CONST;
RapportContactPoint *rapport_contact_point_new      (const char                *label,
                                                     const char                *value);
RapportContactPoint *rapport_contact_point_copy     (const RapportContactPoint *self);
void                 rapport_contact_point_free     (RapportContactPoint       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportContactPoint, rapport_contact_point_free)

G_END_DECLS
