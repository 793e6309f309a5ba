/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-contact-point.h"
#include "rapport-set-str-private.h"

G_DEFINE_BOXED_TYPE (RapportContactPoint, rapport_contact_point,
                     rapport_contact_point_copy, rapport_contact_point_free)

RapportContactPoint *
rapport_contact_point_new (const char *label,
                           const char *value)
{
  RapportContactPoint *self = g_new0 (RapportContactPoint, 1);

  self->label = _rapport_strdup_valid (label ? label : "");
  self->value = _rapport_strdup_valid (value ? value : "");
  return self;
}

RapportContactPoint *
rapport_contact_point_copy (const RapportContactPoint *self)
{
  return rapport_contact_point_new (self->label, self->value);
}

void
rapport_contact_point_free (RapportContactPoint *self)
{
  if (self == NULL)
    return;

  g_free (self->label);
  g_free (self->value);
  g_free (self);
}
