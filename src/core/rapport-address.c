/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-address.h"

G_DEFINE_BOXED_TYPE (RapportAddress, rapport_address,
                     rapport_address_copy, rapport_address_free)

RapportAddress *
rapport_address_new (void)
{
  RapportAddress *self = g_new0 (RapportAddress, 1);

  self->label = g_strdup ("");
  self->street = g_strdup ("");
  self->locality = g_strdup ("");
  self->region = g_strdup ("");
  self->postal_code = g_strdup ("");
  self->country = g_strdup ("");
  return self;
}

RapportAddress *
rapport_address_copy (const RapportAddress *self)
{
  RapportAddress *copy = g_new0 (RapportAddress, 1);

  copy->label = g_strdup (self->label);
  copy->street = g_strdup (self->street);
  copy->locality = g_strdup (self->locality);
  copy->region = g_strdup (self->region);
  copy->postal_code = g_strdup (self->postal_code);
  copy->country = g_strdup (self->country);
  return copy;
}

void
rapport_address_free (RapportAddress *self)
{
  if (self == NULL)
    return;

  g_free (self->label);
  g_free (self->street);
  g_free (self->locality);
  g_free (self->region);
  g_free (self->postal_code);
  g_free (self->country);
  g_free (self);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
rapport_address_is_empty (const RapportAddress *self)
{
  return is_blank (self->street) && is_blank (self->locality)
      && is_blank (self->region) && is_blank (self->postal_code)
      && is_blank (self->country);
}

/**
 * rapport_address_format:
 * @self: an address
 *
 * Returns: (transfer full): the address on as many lines as it has parts:
 *   street, then postal code and locality, then region, then country
 */
char *
rapport_address_format (const RapportAddress *self)
{
  GString *out = g_string_new (NULL);
  g_autofree char *town = NULL;
  const char *parts[4];

  town = g_strstrip (g_strjoin (" ", self->postal_code, self->locality, NULL));
  parts[0] = self->street;
  parts[1] = town;
  parts[2] = self->region;
  parts[3] = self->country;

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (is_blank (parts[i]))
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, parts[i]);
    }

  return g_string_free (out, FALSE);
}
