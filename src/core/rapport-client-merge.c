/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include "rapport-client-merge.h"
#include "rapport-text.h"

/* Two clients made one, and a client kept whole to be put back: the rules,
 * without storage. */

static gboolean
has_point (GPtrArray  *points,
           const char *value,
           gboolean    phones)
{
  g_autofree char *key = phones ? rapport_phone_match_key (value, "") : rapport_email_match_key (value);

  for (guint i = 0; i < points->len; i++)
    {
      RapportContactPoint *point = g_ptr_array_index (points, i);
      g_autofree char *other = phones ? rapport_phone_match_key (point->value, "")
                                      : rapport_email_match_key (point->value);

      if (g_strcmp0 (key, other) == 0 && key != NULL && *key != '\0')
        return TRUE;
      if (g_strcmp0 (point->value, value) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_address (GPtrArray            *addresses,
             const RapportAddress *address)
{
  g_autofree char *text = rapport_address_format (address);
  g_autofree char *folded = rapport_text_fold (text);

  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *other = rapport_address_format (g_ptr_array_index (addresses, i));
      g_autofree char *other_folded = rapport_text_fold (other);

      if (g_str_equal (folded, other_folded))
        return TRUE;
    }
  return FALSE;
}

/**
 * rapport_client_merge_values:
 * @keep: the client that stays
 * @other: the client merged into it
 *
 * What merging proposes before the person picks: each field of @keep,
 * or @other's where @keep's is empty; phones, e-mails, addresses and tags
 * of both, each once; both clients' notes.
 *
 * Returns: (transfer full): a copy of @keep with @other's values added
 */
RapportClient *
rapport_client_merge_values (RapportClient *keep,
                             RapportClient *other)
{
  RapportClient *merged = rapport_client_copy (keep);
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  const char * const *keep_tags = rapport_client_get_tags (keep);
  const char * const *other_tags = rapport_client_get_tags (other);
  GPtrArray *points;

#define FILL(getter, setter) \
  if (*getter (merged) == '\0') setter (merged, getter (other))
  FILL (rapport_client_get_given_name, rapport_client_set_given_name);
  FILL (rapport_client_get_family_name, rapport_client_set_family_name);
  FILL (rapport_client_get_organization, rapport_client_set_organization);
#undef FILL

  if (rapport_client_get_birthday (merged) == NULL)
    rapport_client_set_birthday (merged, rapport_client_get_birthday (other));
  if (rapport_client_get_owner_id (merged) == 0)
    rapport_client_set_owner_id (merged, rapport_client_get_owner_id (other));

  if (*rapport_client_get_notes (other) != '\0'
      && g_strstr_len (rapport_client_get_notes (merged), -1, rapport_client_get_notes (other)) == NULL)
    {
      g_autofree char *notes = *rapport_client_get_notes (merged) == '\0'
                               ? g_strdup (rapport_client_get_notes (other))
                               : g_strconcat (rapport_client_get_notes (merged), "\n\n",
                                              rapport_client_get_notes (other), NULL);

      rapport_client_set_notes (merged, notes);
    }

  points = rapport_client_get_phones (other);
  for (guint i = 0; i < points->len; i++)
    {
      RapportContactPoint *point = g_ptr_array_index (points, i);

      if (!has_point (rapport_client_get_phones (merged), point->value, TRUE))
        rapport_client_add_phone (merged, point->label, point->value);
    }
  points = rapport_client_get_emails (other);
  for (guint i = 0; i < points->len; i++)
    {
      RapportContactPoint *point = g_ptr_array_index (points, i);

      if (!has_point (rapport_client_get_emails (merged), point->value, FALSE))
        rapport_client_add_email (merged, point->label, point->value);
    }
  points = rapport_client_get_addresses (other);
  for (guint i = 0; i < points->len; i++)
    if (!has_address (rapport_client_get_addresses (merged), g_ptr_array_index (points, i)))
      rapport_client_add_address (merged, g_ptr_array_index (points, i));

  for (guint i = 0; keep_tags[i] != NULL; i++)
    g_ptr_array_add (tags, (gpointer) keep_tags[i]);
  for (guint i = 0; other_tags[i] != NULL; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < tags->len && !seen; j++)
        seen = g_utf8_collate (g_ptr_array_index (tags, j), other_tags[i]) == 0;
      if (!seen)
        g_ptr_array_add (tags, (gpointer) other_tags[i]);
    }
  g_ptr_array_add (tags, NULL);
  rapport_client_set_tags (merged, (const char * const *) tags->pdata);
  return merged;
}

#define SNAPSHOT_TYPE "(xsssssssxxxxa(ss)a(ss)a(ssssss)as)"

static GVariant *
points_variant (GPtrArray *points)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  for (guint i = 0; i < points->len; i++)
    {
      RapportContactPoint *point = g_ptr_array_index (points, i);

      g_variant_builder_add (&builder, "(ss)", point->label ? point->label : "", point->value);
    }
  return g_variant_builder_end (&builder);
}

/**
 * rapport_client_dup_snapshot:
 * @client: a client as loaded with its details
 *
 * Returns: (transfer full): the client, every field, as bytes to keep
 */
GBytes *
rapport_client_dup_snapshot (RapportClient *client)
{
  GVariantBuilder addresses;
  GPtrArray *list = rapport_client_get_addresses (client);
  g_autoptr(GVariant) variant = NULL;

  g_variant_builder_init (&addresses, G_VARIANT_TYPE ("a(ssssss)"));
  for (guint i = 0; i < list->len; i++)
    {
      RapportAddress *address = g_ptr_array_index (list, i);

      g_variant_builder_add (&addresses, "(ssssss)", address->label, address->street, address->locality,
                             address->region, address->postal_code, address->country);
    }

  variant = g_variant_ref_sink (
    g_variant_new ("(xsssssssxxxx@a(ss)@a(ss)a(ssssss)^as)",
                   rapport_client_get_id (client),
                   rapport_client_get_kind (client) == RAPPORT_CLIENT_COMPANY ? "company" : "person",
                   rapport_client_get_given_name (client),
                   rapport_client_get_family_name (client),
                   rapport_client_get_display_name (client),
                   rapport_client_get_organization (client),
                   rapport_client_get_notes (client),
                   rapport_client_get_birthday (client) ? rapport_client_get_birthday (client) : "",
                   rapport_client_get_owner_id (client),
                   rapport_client_get_created_at (client),
                   rapport_client_get_updated_at (client),
                   rapport_client_get_archived_at (client),
                   points_variant (rapport_client_get_phones (client)),
                   points_variant (rapport_client_get_emails (client)),
                   &addresses,
                   rapport_client_get_tags (client)));
  return g_variant_get_data_as_bytes (variant);
}

/**
 * rapport_client_new_from_snapshot:
 * @snapshot: what rapport_client_dup_snapshot() gave
 *
 * Returns: (transfer full) (nullable): the client, or NULL when @snapshot
 *   is not one (a damaged file)
 */
RapportClient *
rapport_client_new_from_snapshot (GBytes *snapshot)
{
  g_autoptr(GVariant) variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (SNAPSHOT_TYPE),
                                                                              snapshot, FALSE));
  g_autoptr(GVariantIter) phones = NULL, emails = NULL, addresses = NULL;
  g_autofree const char **tags = NULL;
  RapportClient *client;
  const char *kind, *given, *family, *display, *organization, *notes, *birthday;
  const char *label, *value;
  const char *street, *locality, *region, *postal_code, *country;
  gint64 id, owner, created, updated, archived;

  if (!g_variant_is_normal_form (variant))
    return NULL;
  g_variant_get (variant, "(x&s&s&s&s&s&s&sxxxxa(ss)a(ss)a(ssssss)^a&s)", &id, &kind, &given, &family,
                 &display, &organization, &notes, &birthday, &owner, &created, &updated, &archived,
                 &phones, &emails, &addresses, &tags);

  client = rapport_client_new ();
  rapport_client_set_id (client, id);
  rapport_client_set_kind (client, g_str_equal (kind, "company") ? RAPPORT_CLIENT_COMPANY : RAPPORT_CLIENT_PERSON);
  rapport_client_set_given_name (client, given);
  rapport_client_set_family_name (client, family);
  rapport_client_set_display_name (client, display);
  rapport_client_set_organization (client, organization);
  rapport_client_set_notes (client, notes);
  rapport_client_set_birthday (client, *birthday ? birthday : NULL);
  rapport_client_set_owner_id (client, owner);
  _rapport_client_set_times (client, created, updated, archived, 0);
  while (g_variant_iter_next (phones, "(&s&s)", &label, &value))
    rapport_client_add_phone (client, label, value);
  while (g_variant_iter_next (emails, "(&s&s)", &label, &value))
    rapport_client_add_email (client, label, value);
  while (g_variant_iter_next (addresses, "(&s&s&s&s&s&s)", &label, &street, &locality, &region,
                              &postal_code, &country))
    {
      RapportAddress address = { (char *) label, (char *) street, (char *) locality, (char *) region,
                                 (char *) postal_code, (char *) country };

      rapport_client_add_address (client, &address);
    }
  rapport_client_set_tags (client, tags);
  return client;
}
