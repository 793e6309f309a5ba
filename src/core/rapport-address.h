/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_ADDRESS (rapport_address_get_type ())

/**
 * RapportAddress:
 * @label: “home”, “work”, “delivery”…; may be empty
 * @street: street and house, possibly several lines
 * @locality: town or city
 * @region: state, province or oblast
 * @postal_code: postal code
 * @country: country
 *
 * A postal address of a client. Every part may be empty, not all at once.
 */
typedef struct
{
  char *label;
  char *street;
  char *locality;
  char *region;
  char *postal_code;
  char *country;
} RapportAddress;

GType           rapport_address_get_type (void) G_GNUC_CONST;
RapportAddress *rapport_address_new      (void);
RapportAddress *rapport_address_copy     (const RapportAddress *self);
void            rapport_address_free     (RapportAddress       *self);
gboolean        rapport_address_is_empty (const RapportAddress *self);
char           *rapport_address_format   (const RapportAddress *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportAddress, rapport_address_free)

G_END_DECLS
