/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <string.h>

#include "rapport-client-import.h"
#include "rapport-contact-export.h"
#include "rapport-csv-writer.h"
#include "rapport-vcard.h"

/* Clients written as vCard 4.0 (RFC 6350), 3.0 (RFC 2426, for older
 * phones) or Google Contacts' CSV columns. What Rapport writes it reads
 * back to the same clients (tests/test-contacts.c). */

#define EXPORT_BATCH 500

/* Lines longer than 75 octets are folded, never inside a UTF-8 character. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize length = strlen (line);
  gsize start = 0;
  gboolean first = TRUE;

  while (start < length)
    {
      gsize limit = first ? 75 : 74;
      gsize end = MIN (length, start + limit);

      while (end < length && end > start && ((guint8) line[end] & 0xC0) == 0x80)
        end--;
      if (!first)
        g_string_append_c (out, ' ');
      g_string_append_len (out, line + start, end - start);
      g_string_append (out, "\r\n");
      start = end;
      first = FALSE;
    }
}

static void
append_property (GString    *out,
                 const char *format,
                 ...) G_GNUC_PRINTF (2, 3);

static void
append_property (GString    *out,
                 const char *format,
                 ...)
{
  va_list args;
  g_autofree char *line = NULL;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  append_folded (out, line);
}

static const char *
vcard_type (const char *label,
            gboolean    phone)
{
  if (g_strcmp0 (label, "mobile") == 0)
    return "cell";
  if (g_strcmp0 (label, "work") == 0 || g_strcmp0 (label, "home") == 0 || g_strcmp0 (label, "fax") == 0)
    return label;
  return phone ? "voice" : NULL;
}

static void
append_points (GString    *out,
               GPtrArray  *points,
               const char *name,
               gboolean    phone)
{
  for (guint i = 0; i < points->len; i++)
    {
      RapportContactPoint *point = g_ptr_array_index (points, i);
      const char *type = vcard_type (point->label, phone);
      g_autofree char *value = rapport_vcard_escape (point->value, FALSE);

      if (type != NULL)
        append_property (out, "%s;TYPE=%s:%s", name, type, value);
      else if (point->label != NULL && *point->label != '\0')
        {
          g_autofree char *label = rapport_vcard_escape (point->label, FALSE);

          append_property (out, "item%u%s.%s:%s", i + 1, name, name, value);
          append_property (out, "item%u%s.X-ABLabel:%s", i + 1, name, label);
        }
      else
        append_property (out, "%s:%s", name, value);
    }
}

static void
append_vcard (GString                  *out,
              RapportClientRepository  *clients,
              RapportClient            *client,
              gboolean                  v4)
{
  g_autofree char *fn = rapport_vcard_escape (rapport_client_get_display_name (client), FALSE);
  g_autofree char *family = rapport_vcard_escape (rapport_client_get_family_name (client), TRUE);
  g_autofree char *given = rapport_vcard_escape (rapport_client_get_given_name (client), TRUE);
  g_autofree char *org = rapport_vcard_escape (rapport_client_get_organization (client), TRUE);
  g_autofree char *picture_type = NULL;
  g_autoptr(GBytes) picture = NULL;
  g_auto(GStrv) kept = NULL;
  GPtrArray *addresses = rapport_client_get_addresses (client);
  const char * const *tags = rapport_client_get_tags (client);
  const char *birthday = rapport_client_get_birthday (client);

  append_folded (out, "BEGIN:VCARD");
  append_folded (out, v4 ? "VERSION:4.0" : "VERSION:3.0");
  if (v4 && rapport_client_get_kind (client) == RAPPORT_CLIENT_COMPANY)
    append_folded (out, "KIND:org");
  if (!v4 && rapport_client_get_kind (client) == RAPPORT_CLIENT_COMPANY)
    append_folded (out, "X-ABShowAs:COMPANY");
  append_property (out, "FN:%s", fn);
  append_property (out, "N:%s;%s;;;", family, given);
  if (*org != '\0')
    append_property (out, "ORG:%s", org);
  append_points (out, rapport_client_get_phones (client), "TEL", TRUE);
  append_points (out, rapport_client_get_emails (client), "EMAIL", FALSE);
  for (guint i = 0; i < addresses->len; i++)
    {
      RapportAddress *address = g_ptr_array_index (addresses, i);
      g_autofree char *street = rapport_vcard_escape (address->street, TRUE);
      g_autofree char *locality = rapport_vcard_escape (address->locality, TRUE);
      g_autofree char *region = rapport_vcard_escape (address->region, TRUE);
      g_autofree char *code = rapport_vcard_escape (address->postal_code, TRUE);
      g_autofree char *country = rapport_vcard_escape (address->country, TRUE);
      const char *type = vcard_type (address->label, FALSE);

      append_property (out, "ADR%s%s:;;%s;%s;%s;%s;%s", type ? ";TYPE=" : "", type ? type : "",
                       street, locality, region, code, country);
    }
  if (birthday != NULL)
    append_property (out, "BDAY:%s", birthday);
  if (tags[0] != NULL)
    {
      GString *list = g_string_new (NULL);

      for (guint i = 0; tags[i] != NULL; i++)
        {
          g_autofree char *tag = rapport_vcard_escape (tags[i], TRUE);

          if (i > 0)
            g_string_append_c (list, ',');
          g_string_append (list, tag);
        }
      append_property (out, "CATEGORIES:%s", list->str);
      g_string_free (list, TRUE);
    }
  if (*rapport_client_get_notes (client) != '\0')
    {
      g_autofree char *notes = rapport_vcard_escape (rapport_client_get_notes (client), FALSE);

      append_property (out, "NOTE:%s", notes);
    }

  picture = rapport_client_repository_dup_picture (clients, rapport_client_get_id (client), &picture_type, NULL);
  if (picture != NULL)
    {
      g_autofree char *base64 = g_base64_encode (g_bytes_get_data (picture, NULL), g_bytes_get_size (picture));

      if (v4)
        append_property (out, "PHOTO:data:%s;base64,%s", picture_type, base64);
      else
        append_property (out, "PHOTO;ENCODING=b;TYPE=%s:%s", picture_type + strlen ("image/"), base64);
    }
  kept = rapport_client_repository_dup_card_lines (clients, rapport_client_get_id (client), NULL);
  for (guint i = 0; kept != NULL && kept[i] != NULL; i++)
    append_folded (out, kept[i]);
  append_folded (out, "END:VCARD");
}

static const char * const google_header[] = {
  "Name", "Given Name", "Family Name", "Birthday", "Notes", "Group Membership",
  "E-mail 1 - Type", "E-mail 1 - Value", "E-mail 2 - Type", "E-mail 2 - Value",
  "Phone 1 - Type", "Phone 1 - Value", "Phone 2 - Type", "Phone 2 - Value",
  "Phone 3 - Type", "Phone 3 - Value",
  "Address 1 - Type", "Address 1 - Street", "Address 1 - City", "Address 1 - Region",
  "Address 1 - Postal Code", "Address 1 - Country",
  "Organization 1 - Name", NULL,
};

static char *
google_label (const char *label)
{
  if (label == NULL || *label == '\0')
    return g_strdup ("Other");
  return g_strdup_printf ("%c%s", g_ascii_toupper (label[0]), label + 1);
}

/* A label and a value cell for each of @columns points: Google joins the
 * rest into the last with “ ::: ”. */
static void
add_points_csv (GPtrArray *cells,
                GPtrArray *points,
                guint      columns)
{
  for (guint i = 0; i < columns; i++)
    {
      RapportContactPoint *point = i < points->len ? g_ptr_array_index (points, i) : NULL;
      g_autofree char *label = point ? google_label (point->label) : NULL;
      g_autoptr(GString) value = g_string_new (point ? point->value : NULL);

      /* the last column holds the rest, joined as Google joins them */
      if (i + 1 == columns)
        for (guint j = columns; j < points->len; j++)
          g_string_append_printf (value, " ::: %s", ((RapportContactPoint *) g_ptr_array_index (points, j))->value);
      g_ptr_array_add (cells, g_steal_pointer (&label));
      g_ptr_array_add (cells, point ? g_string_free (g_steal_pointer (&value), FALSE) : NULL);
    }
}

static void
append_csv_row (GString       *out,
                RapportClient *client)
{
  GPtrArray *addresses = rapport_client_get_addresses (client);
  RapportAddress *address = addresses->len > 0 ? g_ptr_array_index (addresses, 0) : NULL;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (cells, g_strdup (rapport_client_get_display_name (client)));
  g_ptr_array_add (cells, g_strdup (rapport_client_get_given_name (client)));
  g_ptr_array_add (cells, g_strdup (rapport_client_get_family_name (client)));
  g_ptr_array_add (cells, g_strdup (rapport_client_get_birthday (client)));
  g_ptr_array_add (cells, g_strdup (rapport_client_get_notes (client)));
  g_ptr_array_add (cells, g_strjoinv (" ::: ", (char **) rapport_client_get_tags (client)));
  add_points_csv (cells, rapport_client_get_emails (client), 2);
  add_points_csv (cells, rapport_client_get_phones (client), 3);
  g_ptr_array_add (cells, address ? google_label (address->label) : NULL);
  g_ptr_array_add (cells, g_strdup (address ? address->street : NULL));
  g_ptr_array_add (cells, g_strdup (address ? address->locality : NULL));
  g_ptr_array_add (cells, g_strdup (address ? address->region : NULL));
  g_ptr_array_add (cells, g_strdup (address ? address->postal_code : NULL));
  g_ptr_array_add (cells, g_strdup (address ? address->country : NULL));
  g_ptr_array_add (cells, g_strdup (rapport_client_get_organization (client)));
  g_assert (cells->len == G_N_ELEMENTS (google_header) - 1);
  rapport_csv_append_row (out, (const char * const *) cells->pdata, cells->len);
}

/**
 * rapport_contacts_export:
 * @clients: the clients
 * @ids: (array length=n_ids): which, in this order
 * @n_ids: how many
 * @format: vCard 4.0, 3.0 or Google's CSV
 * @stream: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Writes the clients @ids, loaded a few hundred at a time. CSV holds two
 * e-mails, three phones and one address a client (Google's columns); the
 * rest of the e-mails and phones join the last cell as Google does, and
 * vCard keeps everything.
 */
gboolean
rapport_contacts_export (RapportClientRepository  *clients,
                         const gint64             *ids,
                         guint                     n_ids,
                         RapportExportFormat       format,
                         GOutputStream            *stream,
                         GCancellable             *cancellable,
                         GError                  **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (format == RAPPORT_EXPORT_CSV_GOOGLE)
    rapport_csv_append_row (out, google_header, G_N_ELEMENTS (google_header) - 1);

  for (guint start = 0; start < n_ids; start += EXPORT_BATCH)
    {
      guint n = MIN (EXPORT_BATCH, n_ids - start);
      g_autoptr(GPtrArray) batch = rapport_client_repository_load_details (clients, ids + start, n, error);

      if (batch == NULL)
        return FALSE;
      for (guint i = 0; i < batch->len; i++)
        {
          RapportClient *client = g_ptr_array_index (batch, i);

          if (client == NULL)
            continue;
          if (format == RAPPORT_EXPORT_CSV_GOOGLE)
            append_csv_row (out, client);
          else
            append_vcard (out, clients, client, format == RAPPORT_EXPORT_VCARD_40);
        }
      if (!g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error))
        return FALSE;
      g_string_truncate (out, 0);
    }
  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}
