/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "rapport-address.h"
#include "rapport-contact-file.h"
#include "rapport-text.h"

/* Contacts files read into clients: vCards (through rapport-vcard.c) and
 * CSV exports of Google, Outlook, Windows Live Mail and Thunderbird, or any
 * spreadsheet once its columns are mapped. Values Rapport cannot hold as
 * they are (a phone with letters, an e-mail without “@”) are kept in the
 * client's notes rather than lost or refused. */

void
rapport_contact_record_free (RapportContactRecord *record)
{
  if (record == NULL)
    return;
  g_clear_object (&record->client);
  g_clear_pointer (&record->picture, g_bytes_unref);
  g_free (record->picture_type);
  g_clear_pointer (&record->kept, g_ptr_array_unref);
  g_free (record->refusal);
  g_free (record->reason);
  g_free (record);
}

static RapportContactRecord *
record_new (guint line)
{
  RapportContactRecord *record = g_new0 (RapportContactRecord, 1);

  record->line = line;
  record->client = rapport_client_new ();
  record->kept = g_ptr_array_new_with_free_func (g_free);
  return record;
}

static void
refuse (RapportContactRecord *record,
        guint                 line,
        const char           *reason)
{
  g_clear_object (&record->client);
  g_free (record->refusal);
  g_free (record->reason);
  record->refused_line = line;
  record->reason = g_strdup (reason);
  /* TRANSLATORS: a line number of a file, then why it is refused */
  record->refusal = g_strdup_printf (_("line %u: %s"), line, reason);
}

/* A card's or row's notes are gathered here and given to the client once
 * (set_notes()): joining them to the client's notes one at a time copied
 * all the notes so far at each, which a card of 10,000 unreadable phones
 * turned into gigabytes of copies. */
static void
append_note (GString    *notes,
             const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (notes->len > 0)
    g_string_append (notes, "\n\n");
  g_string_append (notes, text);
}

static void
set_notes (RapportContactRecord *record,
           const GString        *notes)
{
  if (record->client != NULL && notes->len > 0)
    rapport_client_set_notes (record->client, notes->str);
}

static char *
tidy_text (const char *text)
{
  return g_strstrip (g_strdup (text ? text : ""));
}

/* A phone as Rapport keeps it: “tel:+1-555-0100;ext=102” → “+1-555-0100 ext. 102”. */
static char *
tidy_phone (const char *value)
{
  g_autofree char *text = tidy_text (value);
  const char *ext;
  g_autofree char *main_part = NULL;

  if (g_ascii_strncasecmp (text, "tel:", 4) == 0)
    {
      char *rest = g_strdup (text + 4);

      g_free (text);
      text = rest;
    }
  ext = strstr (text, ";ext=");
  if (ext == NULL)
    return g_steal_pointer (&text);
  main_part = g_strndup (text, ext - text);
  return g_strdup_printf ("%s ext. %s", main_part, ext + 5);
}

static void
add_phone (RapportContactRecord *record,
           GString              *notes,
           const char           *label,
           const char           *value)
{
  g_autofree char *phone = tidy_phone (value);

  if (*phone == '\0')
    return;
  if (!rapport_phone_validate (phone, NULL))
    {
      g_autofree char *note = g_strdup_printf (_("Phone (%s): %s"), label && *label ? label : _("other"), phone);

      append_note (notes, note);
      return;
    }
  rapport_client_add_phone (record->client, label ? label : "", phone);
}

static void
add_email (RapportContactRecord *record,
           GString              *notes,
           const char           *label,
           const char           *value)
{
  g_autofree char *email = tidy_text (value);

  if (g_ascii_strncasecmp (email, "mailto:", 7) == 0)
    memmove (email, email + 7, strlen (email + 7) + 1);
  if (*email == '\0')
    return;
  if (!rapport_email_validate (email, NULL))
    {
      g_autofree char *note = g_strdup_printf (_("E-mail: %s"), email);

      append_note (notes, note);
      return;
    }
  rapport_client_add_email (record->client, label ? label : "", email);
}

/* A birthday: “1980-03-31”, “19800331”, “1980-03-31T00:00:00Z”, German
 * “31.3.1980”. A day without a year (“--0203”) cannot be a birthday in
 * Rapport yet: it goes to the notes. */
static gboolean
parse_birthday (const char *text,
                char      **iso)
{
  g_autofree char *value = tidy_text (text);
  guint y = 0, m = 0, d = 0;

  *iso = NULL;
  if (sscanf (value, "%4u-%2u-%2u", &y, &m, &d) == 3
      || (strlen (value) >= 8 && g_ascii_isdigit (value[0]) && g_ascii_isdigit (value[7])
          && sscanf (value, "%4u%2u%2u", &y, &m, &d) == 3)
      || sscanf (value, "%2u.%2u.%4u", &d, &m, &y) == 3)
    {
      if (y >= 1000 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
        {
          *iso = g_strdup_printf ("%04u-%02u-%02u", y, m, d);
          return TRUE;
        }
    }
  return FALSE;
}

static void
set_birthday (RapportContactRecord *record,
              GString              *notes,
              const char           *value)
{
  g_autofree char *iso = NULL;

  if (value == NULL || *value == '\0')
    return;
  if (parse_birthday (value, &iso))
    rapport_client_set_birthday (record->client, iso);
  else
    {
      g_autofree char *note = g_strdup_printf (_("Birthday: %s"), value);

      append_note (notes, note);
    }
}

/* Apple and Google: “item1.TEL” labelled by “item1.X-ABLabel”. The
 * labels of a card by group (in small letters), the first of each, found
 * in one pass rather than a pass for each property. */
static GHashTable *
group_labels_new (RapportVcard *card)
{
  GHashTable *labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < card->properties->len; i++)
    {
      RapportVcardProperty *property = g_ptr_array_index (card->properties, i);
      char *group;

      if (property->group == NULL || !g_str_equal (property->name, "X-ABLABEL"))
        continue;
      group = g_ascii_strdown (property->group, -1);
      if (g_hash_table_contains (labels, group))
        g_free (group);
      else
        g_hash_table_insert (labels, group, property->value);
    }
  return labels;
}

static const char *
vcard_label (GHashTable                 *group_labels,
             const RapportVcardProperty *property,
             gboolean                    phone)
{
  if (property->group != NULL && g_hash_table_size (group_labels) > 0)
    {
      g_autofree char *group = g_ascii_strdown (property->group, -1);
      const char *label = g_hash_table_lookup (group_labels, group);

      if (label != NULL)
        return label;
    }
  if (phone && (rapport_vcard_property_has_type (property, "CELL")
                || rapport_vcard_property_has_type (property, "MOBILE")))
    return "mobile";
  if (phone && rapport_vcard_property_has_type (property, "FAX"))
    return "fax";
  if (rapport_vcard_property_has_type (property, "WORK"))
    return "work";
  if (rapport_vcard_property_has_type (property, "HOME"))
    return "home";
  return phone ? "other" : "";
}

static char *
tidy_label (const char *label)
{
  g_autofree char *text = tidy_text (label);

  /* Apple's “_$!<Mobile>!$_” */
  if (g_str_has_prefix (text, "_$!<") && g_str_has_suffix (text, ">!$_") && strlen (text) > 8)
    {
      g_autofree char *inner = g_strndup (text + 4, strlen (text) - 8);

      return g_ascii_strdown (inner, -1);
    }
  return g_steal_pointer (&text);
}

static const char *
part (GStrv parts,
      guint index)
{
  for (guint i = 0; i <= index; i++)
    if (parts[i] == NULL)
      return "";
  return parts[index];
}

static char *
join_nonempty (const char *separator,
               ...)
{
  GString *out = g_string_new (NULL);
  va_list args;
  const char *piece;

  va_start (args, separator);
  while ((piece = va_arg (args, const char *)) != NULL)
    {
      g_autofree char *tidy = tidy_text (piece);

      if (*tidy == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, separator);
      g_string_append (out, tidy);
    }
  va_end (args);
  return g_string_free (out, FALSE);
}

static void
add_vcard_address (RapportContactRecord       *record,
                   RapportVcard               *card,
                   GHashTable                 *group_labels,
                   const RapportVcardProperty *property)
{
  g_auto(GStrv) parts = rapport_vcard_property_dup_parts (property, card->version, ';');
  g_autofree char *label = tidy_label (vcard_label (group_labels, property, FALSE));
  g_autofree char *street = join_nonempty ("\n", part (parts, 0), part (parts, 1), part (parts, 2), NULL);
  g_autofree char *locality = tidy_text (part (parts, 3));
  g_autofree char *region = tidy_text (part (parts, 4));
  g_autofree char *postal_code = tidy_text (part (parts, 5));
  g_autofree char *country = tidy_text (part (parts, 6));
  RapportAddress address = {
    .label = label,
    .street = street,
    .locality = locality,
    .region = region,
    .postal_code = postal_code,
    .country = country,
  };

  if (*street == '\0' && *address.locality == '\0' && *address.region == '\0'
      && *address.postal_code == '\0' && *address.country == '\0')
    return;
  rapport_client_add_address (record->client, &address);
}

static const char *
picture_type (GBytes *bytes)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return "image/jpeg";
  if (size >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  if (size >= 6 && (memcmp (data, "GIF87a", 6) == 0 || memcmp (data, "GIF89a", 6) == 0))
    return "image/gif";
  return NULL;
}

static void
take_photo (RapportContactRecord       *record,
            const RapportVcardProperty *property)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *type;

  if (record->picture != NULL)
    return;
  if (property->binary != NULL)
    bytes = g_bytes_ref (property->binary);
  else if (g_str_has_prefix (property->value, "data:") && strstr (property->value, ";base64,") != NULL)
    {
      const char *data = strstr (property->value, ";base64,") + 8;
      gsize size = 0;
      guchar *decoded = g_base64_decode (data, &size);

      bytes = g_bytes_new_take (decoded, size);
    }
  if (bytes == NULL || (type = picture_type (bytes)) == NULL)
    return;
  record->picture = g_steal_pointer (&bytes);
  record->picture_type = g_strdup (type);
}

/* What a person would call the card, when it has no FN or N. */
static void
fill_names (RapportContactRecord *record,
            const char           *formatted,
            gboolean              is_company)
{
  RapportClient *client = record->client;
  const char *given = rapport_client_get_given_name (client);
  const char *family = rapport_client_get_family_name (client);
  const char *organization = rapport_client_get_organization (client);

  if (formatted != NULL && *formatted != '\0')
    rapport_client_set_display_name (client, formatted);
  else if (*given || *family)
    {
      g_autofree char *name = join_nonempty (" ", given, family, NULL);

      rapport_client_set_display_name (client, name);
    }
  else if (*organization)
    rapport_client_set_display_name (client, organization);

  if (is_company || (!*given && !*family && *organization
                     && g_strcmp0 (rapport_client_get_display_name (client), organization) == 0))
    rapport_client_set_kind (client, RAPPORT_CLIENT_COMPANY);
}

static gboolean
is_kept_property (const char *name)
{
  static const char * const dropped[] = {
    "VERSION", "PRODID", "REV", "X-ABLABEL", "X-ABSHOWAS", "LABEL", "UID", "PROFILE", "SOURCE",
    "NAME", "MAILER", "CLASS", "X-EVOLUTION-FILE-AS", "X-EVOLUTION-UI-SLOT", "SORT-STRING",
    "X-MS-OL-DESIGN", "X-MS-OL-DEFAULT-POSTAL-ADDRESS", NULL,
  };

  return !g_strv_contains (dropped, name);
}

/* A line kept to be written back: as the card wrote it, unless its value
 * was quoted-printable or in another code page, which Rapport undid. */
static char *
kept_line (const RapportVcardProperty *property)
{
  g_autofree char *value = NULL;

  if (rapport_vcard_property_get_param (property, "ENCODING") == NULL
      && rapport_vcard_property_get_param (property, "CHARSET") == NULL)
    return g_strdup (property->raw);
  {
    GString *text = g_string_sized_new (strlen (property->value));

    /* the value keeps its own escapes; only its raw line breaks are new:
     * CR LF and LF become “\n”, a lone CR goes (in one pass: GLib 2.74's
     * g_string_replace() moves the rest of the string at each match) */
    for (const char *p = property->value; *p != '\0'; p++)
      if (*p == '\n')
        g_string_append (text, "\\n");
      else if (*p != '\r')
        g_string_append_c (text, *p);
    value = g_string_free (text, FALSE);
  }
  return g_strdup_printf ("%s%s%s:%s", property->group ? property->group : "", property->group ? "." : "",
                          property->name, value);
}

static RapportContactRecord *
record_from_vcard (RapportVcard *card)
{
  g_autoptr(RapportContactRecord) record = record_new (card->line);
  g_autofree char *formatted = NULL;
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GHashTable) group_labels = NULL;
  gboolean is_company = FALSE;

  switch (card->problem)
    {
    case RAPPORT_VCARD_NO_BEGIN:
      refuse (record, card->problem_line, _("these lines are not inside a card (a “BEGIN:VCARD” line is missing)"));
      return g_steal_pointer (&record);
    case RAPPORT_VCARD_NO_END:
      refuse (record, card->line, _("the card has no “END:VCARD”; the file may have been cut short"));
      return g_steal_pointer (&record);
    case RAPPORT_VCARD_BROKEN_LINE:
    case RAPPORT_VCARD_WHOLE:
    default:
      break;
    }

  group_labels = group_labels_new (card);
  for (guint i = 0; i < card->properties->len; i++)
    {
      RapportVcardProperty *property = g_ptr_array_index (card->properties, i);
      const char *name = property->name;
      g_autofree char *text = NULL;

      if (g_str_equal (name, "FN"))
        {
          if (formatted == NULL || rapport_vcard_property_get_param (property, "LANGUAGE") == NULL)
            {
              g_free (formatted);
              formatted = g_strstrip (rapport_vcard_property_dup_text (property, card->version));
            }
        }
      else if (g_str_equal (name, "N"))
        {
          g_auto(GStrv) parts = rapport_vcard_property_dup_parts (property, card->version, ';');
          g_autofree char *given = join_nonempty (" ", part (parts, 1), part (parts, 2), NULL);

          if (*rapport_client_get_given_name (record->client) || *rapport_client_get_family_name (record->client))
            continue;  /* an alternative (ALTID) N in another language */
          g_autofree char *family = tidy_text (part (parts, 0));

          rapport_client_set_family_name (record->client, family);
          rapport_client_set_given_name (record->client, given);
        }
      else if (g_str_equal (name, "ORG"))
        {
          g_auto(GStrv) parts = rapport_vcard_property_dup_parts (property, card->version, ';');
          g_autofree char *organization = tidy_text (part (parts, 0));

          if (*rapport_client_get_organization (record->client) == '\0')
            rapport_client_set_organization (record->client, organization);
        }
      else if (g_str_equal (name, "TEL") || g_str_equal (name, "X-MS-TEL"))
        {
          g_autofree char *label = tidy_label (vcard_label (group_labels, property, TRUE));

          text = rapport_vcard_property_dup_text (property, card->version);
          add_phone (record, notes, label, text);
        }
      else if (g_str_equal (name, "EMAIL"))
        {
          g_autofree char *label = tidy_label (vcard_label (group_labels, property, FALSE));

          text = rapport_vcard_property_dup_text (property, card->version);
          add_email (record, notes, label, text);
        }
      else if (g_str_equal (name, "ADR"))
        add_vcard_address (record, card, group_labels, property);
      else if (g_str_equal (name, "NOTE"))
        {
          text = rapport_vcard_property_dup_text (property, card->version);
          append_note (notes, g_strstrip (text));
        }
      else if (g_str_equal (name, "BDAY"))
        {
          text = rapport_vcard_property_dup_text (property, card->version);
          if (rapport_client_get_birthday (record->client) == NULL)
            set_birthday (record, notes, text);
        }
      else if (g_str_equal (name, "CATEGORIES"))
        {
          g_auto(GStrv) parts = rapport_vcard_property_dup_parts (property, card->version, ',');

          for (guint j = 0; parts[j] != NULL; j++)
            if (*g_strstrip (parts[j]) != '\0')
              g_ptr_array_add (tags, g_strdup (parts[j]));
        }
      else if (g_str_equal (name, "PHOTO"))
        {
          take_photo (record, property);
          if (record->picture == NULL && property->binary == NULL)
            g_ptr_array_add (record->kept, kept_line (property));
        }
      else if (g_str_equal (name, "KIND") || g_str_equal (name, "X-ADDRESSBOOKSERVER-KIND"))
        {
          g_autofree char *kind = g_ascii_strdown (g_strstrip (property->value), -1);

          if (g_str_equal (kind, "org"))
            is_company = TRUE;
          else if (g_str_equal (kind, "group"))
            {
              refuse (record, card->line, _("the card is a group of contacts, not a client"));
              return g_steal_pointer (&record);
            }
        }
      else if (g_str_equal (name, "X-ABSHOWAS"))
        is_company = g_ascii_strcasecmp (g_strstrip (property->value), "COMPANY") == 0;
      else if (is_kept_property (name) && property->binary == NULL)
        g_ptr_array_add (record->kept, kept_line (property));
    }

  set_notes (record, notes);
  fill_names (record, formatted, is_company);
  if (tags->len > 0)
    {
      g_ptr_array_add (tags, NULL);
      rapport_client_set_tags (record->client, (const char * const *) tags->pdata);
    }

  if (*rapport_client_get_display_name (record->client) == '\0')
    {
      GPtrArray *emails = rapport_client_get_emails (record->client);
      GPtrArray *phones = rapport_client_get_phones (record->client);

      /* a card with only an address or a number is still someone to call */
      if (emails->len > 0)
        rapport_client_set_display_name (record->client,
                                         ((RapportContactPoint *) g_ptr_array_index (emails, 0))->value);
      else if (phones->len > 0)
        rapport_client_set_display_name (record->client,
                                         ((RapportContactPoint *) g_ptr_array_index (phones, 0))->value);
      else
        refuse (record, card->line, _("the card has no name, organization, phone or e-mail"));
    }
  return g_steal_pointer (&record);
}

/**
 * rapport_contact_records_from_vcards:
 * @cards: (element-type RapportVcard): what rapport_vcard_read() read
 *
 * Returns: (transfer full) (element-type RapportContactRecord): a record
 *   for each card, refused ones with their reason
 */
GPtrArray *
rapport_contact_records_from_vcards (GPtrArray *cards)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_record_free);

  for (guint i = 0; i < cards->len; i++)
    g_ptr_array_add (records, record_from_vcard (g_ptr_array_index (cards, i)));
  return records;
}

/* CSV */

void
rapport_csv_table_free (RapportCsvTable *table)
{
  if (table == NULL)
    return;
  g_free (table->charset);
  g_ptr_array_unref (table->header);
  g_ptr_array_unref (table->rows);
  g_array_unref (table->row_lines);
  for (guint i = 0; i < table->columns->len; i++)
    g_free (g_array_index (table->columns, RapportCsvColumn, i).label);
  g_array_unref (table->columns);
  g_free (table);
}

static char
detect_delimiter (const char *text)
{
  static const char delimiters[] = { ',', ';', '\t' };
  guint counts[3] = { 0 };
  gboolean quoted = FALSE;
  char best = ',';
  guint best_count = 0;

  for (const char *p = text; *p != '\0' && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
          if (*p == delimiters[i])
            counts[i]++;
    }
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (counts[i] > best_count)
      {
        best_count = counts[i];
        best = delimiters[i];
      }
  return best;
}

/* RFC 4180 rows, and what spreadsheets add: any line ending, a missing
 * last line ending, quotes doubled inside quoted cells. */
static void
split_rows (RapportCsvTable *table,
            const char      *text,
            char             delimiter)
{
  GPtrArray *row = NULL;
  GString *cell = g_string_new (NULL);
  gboolean quoted = FALSE;
  gboolean cell_started = FALSE;
  guint line = 1;
  guint row_line = 1;

  for (const char *p = text; ; p++)
    {
      char c = *p;

      if (c == '\0' && quoted)
        quoted = FALSE;  /* an unclosed quote: the cell ends with the file */
      if (quoted)
        {
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (cell, '"');
              p++;
            }
          else if (c == '"')
            quoted = FALSE;
          else
            {
              if (c == '\n')
                line++;
              if (c != '\r')
                g_string_append_c (cell, c);
            }
          continue;
        }

      if (c == '"' && !cell_started)
        {
          quoted = TRUE;
          cell_started = TRUE;
          continue;
        }
      if (c == delimiter || c == '\n' || c == '\r' || c == '\0')
        {
          if (row == NULL)
            {
              row = g_ptr_array_new_with_free_func (g_free);
              row_line = line;
            }
          g_ptr_array_add (row, g_strdup (cell->str));
          g_string_truncate (cell, 0);
          cell_started = FALSE;
          if (c == delimiter)
            continue;

          /* the end of a row */
          if (row->len > 1 || *(char *) g_ptr_array_index (row, 0) != '\0')
            {
              g_ptr_array_add (table->rows, row);
              g_array_append_val (table->row_lines, row_line);
            }
          else
            g_ptr_array_unref (row);
          row = NULL;
          if (c == '\r' && p[1] == '\n')
            p++;
          if (c == '\0')
            break;
          line++;
          continue;
        }
      g_string_append_c (cell, c);
      cell_started = TRUE;
    }
  g_string_free (cell, TRUE);
}

/* The columns the known exports name, in English and German. Google's
 * numbered “E-mail 1 - Value” columns are matched by pattern below. */
static const struct
{
  const char     *name;
  RapportCsvField field;
  const char     *label;
  int             group;
} known_columns[] = {
  { "name", RAPPORT_CSV_DISPLAY_NAME, NULL, 0 },
  { "display name", RAPPORT_CSV_DISPLAY_NAME, NULL, 0 },
  { "anzeigename", RAPPORT_CSV_DISPLAY_NAME, NULL, 0 },
  { "given name", RAPPORT_CSV_GIVEN_NAME, NULL, 0 },
  { "first name", RAPPORT_CSV_GIVEN_NAME, NULL, 0 },
  { "vorname", RAPPORT_CSV_GIVEN_NAME, NULL, 0 },
  { "additional name", RAPPORT_CSV_MIDDLE_NAME, NULL, 0 },
  { "middle name", RAPPORT_CSV_MIDDLE_NAME, NULL, 0 },
  { "2. vorname", RAPPORT_CSV_MIDDLE_NAME, NULL, 0 },
  { "family name", RAPPORT_CSV_FAMILY_NAME, NULL, 0 },
  { "last name", RAPPORT_CSV_FAMILY_NAME, NULL, 0 },
  { "nachname", RAPPORT_CSV_FAMILY_NAME, NULL, 0 },
  { "company", RAPPORT_CSV_ORGANIZATION, NULL, 0 },
  { "organization", RAPPORT_CSV_ORGANIZATION, NULL, 0 },
  { "organisation", RAPPORT_CSV_ORGANIZATION, NULL, 0 },
  { "organization 1 - name", RAPPORT_CSV_ORGANIZATION, NULL, 0 },
  { "firma", RAPPORT_CSV_ORGANIZATION, NULL, 0 },
  { "notes", RAPPORT_CSV_NOTES, NULL, 0 },
  { "notizen", RAPPORT_CSV_NOTES, NULL, 0 },
  { "birthday", RAPPORT_CSV_BIRTHDAY, NULL, 0 },
  { "geburtstag", RAPPORT_CSV_BIRTH_DAY, NULL, 0 },
  { "birth year", RAPPORT_CSV_BIRTH_YEAR, NULL, 0 },
  { "geburtsjahr", RAPPORT_CSV_BIRTH_YEAR, NULL, 0 },
  { "birth month", RAPPORT_CSV_BIRTH_MONTH, NULL, 0 },
  { "geburtsmonat", RAPPORT_CSV_BIRTH_MONTH, NULL, 0 },
  { "birth day", RAPPORT_CSV_BIRTH_DAY, NULL, 0 },
  { "group membership", RAPPORT_CSV_TAGS, NULL, 0 },
  { "labels", RAPPORT_CSV_TAGS, NULL, 0 },
  { "categories", RAPPORT_CSV_TAGS, NULL, 0 },
  { "e-mail address", RAPPORT_CSV_EMAIL, "", 0 },
  { "e-mail 2 address", RAPPORT_CSV_EMAIL, "", 0 },
  { "e-mail 3 address", RAPPORT_CSV_EMAIL, "", 0 },
  { "e-mail-adresse", RAPPORT_CSV_EMAIL, "", 0 },
  { "email", RAPPORT_CSV_EMAIL, "", 0 },
  { "primary email", RAPPORT_CSV_EMAIL, "", 0 },
  { "secondary email", RAPPORT_CSV_EMAIL, "", 0 },
  { "email home", RAPPORT_CSV_EMAIL, "home", 0 },
  { "email work", RAPPORT_CSV_EMAIL, "work", 0 },
  { "email other", RAPPORT_CSV_EMAIL, "other", 0 },
  { "primäre e-mail-adresse", RAPPORT_CSV_EMAIL, "", 0 },
  { "sekundäre e-mail-adresse", RAPPORT_CSV_EMAIL, "", 0 },
  { "mobile phone", RAPPORT_CSV_PHONE, "mobile", 0 },
  { "mobile number", RAPPORT_CSV_PHONE, "mobile", 0 },
  { "home mobile", RAPPORT_CSV_PHONE, "mobile", 0 },
  { "mobiltelefon", RAPPORT_CSV_PHONE, "mobile", 0 },
  { "mobil-tel.-nr.", RAPPORT_CSV_PHONE, "mobile", 0 },
  { "primary phone", RAPPORT_CSV_PHONE, "other", 0 },
  { "phone", RAPPORT_CSV_PHONE, "other", 0 },
  { "home phone", RAPPORT_CSV_PHONE, "home", 0 },
  { "home phone 2", RAPPORT_CSV_PHONE, "home", 0 },
  { "telefon (privat)", RAPPORT_CSV_PHONE, "home", 0 },
  { "tel. privat", RAPPORT_CSV_PHONE, "home", 0 },
  { "business phone", RAPPORT_CSV_PHONE, "work", 0 },
  { "business phone 2", RAPPORT_CSV_PHONE, "work", 0 },
  { "company main phone", RAPPORT_CSV_PHONE, "work", 0 },
  { "work phone", RAPPORT_CSV_PHONE, "work", 0 },
  { "telefon (geschäftlich)", RAPPORT_CSV_PHONE, "work", 0 },
  { "tel. dienstlich", RAPPORT_CSV_PHONE, "work", 0 },
  { "other phone", RAPPORT_CSV_PHONE, "other", 0 },
  { "car phone", RAPPORT_CSV_PHONE, "other", 0 },
  { "home street", RAPPORT_CSV_STREET, "home", 1 },
  { "home street 2", RAPPORT_CSV_STREET, "home", 1 },
  { "home street 3", RAPPORT_CSV_STREET, "home", 1 },
  { "home address", RAPPORT_CSV_STREET, "home", 1 },
  { "home address 2", RAPPORT_CSV_STREET, "home", 1 },
  { "straße (privat)", RAPPORT_CSV_STREET, "home", 1 },
  { "privat: adresse", RAPPORT_CSV_STREET, "home", 1 },
  { "privat: adresse 2", RAPPORT_CSV_STREET, "home", 1 },
  { "home city", RAPPORT_CSV_LOCALITY, "home", 1 },
  { "ort (privat)", RAPPORT_CSV_LOCALITY, "home", 1 },
  { "privat: ort", RAPPORT_CSV_LOCALITY, "home", 1 },
  { "home state", RAPPORT_CSV_REGION, "home", 1 },
  { "bundesland (privat)", RAPPORT_CSV_REGION, "home", 1 },
  { "privat: bundesland", RAPPORT_CSV_REGION, "home", 1 },
  { "home postal code", RAPPORT_CSV_POSTAL_CODE, "home", 1 },
  { "home zipcode", RAPPORT_CSV_POSTAL_CODE, "home", 1 },
  { "home zip", RAPPORT_CSV_POSTAL_CODE, "home", 1 },
  { "postleitzahl (privat)", RAPPORT_CSV_POSTAL_CODE, "home", 1 },
  { "privat: plz", RAPPORT_CSV_POSTAL_CODE, "home", 1 },
  { "home country", RAPPORT_CSV_COUNTRY, "home", 1 },
  { "home country/region", RAPPORT_CSV_COUNTRY, "home", 1 },
  { "land/region (privat)", RAPPORT_CSV_COUNTRY, "home", 1 },
  { "privat: land", RAPPORT_CSV_COUNTRY, "home", 1 },
  { "business street", RAPPORT_CSV_STREET, "work", 2 },
  { "business street 2", RAPPORT_CSV_STREET, "work", 2 },
  { "business street 3", RAPPORT_CSV_STREET, "work", 2 },
  { "work address", RAPPORT_CSV_STREET, "work", 2 },
  { "work address 2", RAPPORT_CSV_STREET, "work", 2 },
  { "straße (geschäftlich)", RAPPORT_CSV_STREET, "work", 2 },
  { "dienstlich: adresse", RAPPORT_CSV_STREET, "work", 2 },
  { "dienstlich: adresse 2", RAPPORT_CSV_STREET, "work", 2 },
  { "business city", RAPPORT_CSV_LOCALITY, "work", 2 },
  { "work city", RAPPORT_CSV_LOCALITY, "work", 2 },
  { "ort (geschäftlich)", RAPPORT_CSV_LOCALITY, "work", 2 },
  { "dienstlich: ort", RAPPORT_CSV_LOCALITY, "work", 2 },
  { "business state", RAPPORT_CSV_REGION, "work", 2 },
  { "work state", RAPPORT_CSV_REGION, "work", 2 },
  { "bundesland (geschäftlich)", RAPPORT_CSV_REGION, "work", 2 },
  { "dienstlich: bundesland", RAPPORT_CSV_REGION, "work", 2 },
  { "business postal code", RAPPORT_CSV_POSTAL_CODE, "work", 2 },
  { "work zipcode", RAPPORT_CSV_POSTAL_CODE, "work", 2 },
  { "work zip", RAPPORT_CSV_POSTAL_CODE, "work", 2 },
  { "postleitzahl (geschäftlich)", RAPPORT_CSV_POSTAL_CODE, "work", 2 },
  { "dienstlich: plz", RAPPORT_CSV_POSTAL_CODE, "work", 2 },
  { "business country/region", RAPPORT_CSV_COUNTRY, "work", 2 },
  { "work country", RAPPORT_CSV_COUNTRY, "work", 2 },
  { "land/region (geschäftlich)", RAPPORT_CSV_COUNTRY, "work", 2 },
  { "dienstlich: land", RAPPORT_CSV_COUNTRY, "work", 2 },
  { "other street", RAPPORT_CSV_STREET, "other", 3 },
  { "other city", RAPPORT_CSV_LOCALITY, "other", 3 },
  { "other state", RAPPORT_CSV_REGION, "other", 3 },
  { "other postal code", RAPPORT_CSV_POSTAL_CODE, "other", 3 },
  { "other country/region", RAPPORT_CSV_COUNTRY, "other", 3 },
};

static const char * const field_names[RAPPORT_CSV_N_FIELDS] = {
  "ignore", "display-name", "given-name", "middle-name", "family-name", "organization", "email",
  "phone", "street", "locality", "region", "postal-code", "country", "notes", "birthday",
  "birth-year", "birth-month", "birth-day", "tags",
};

const char *
rapport_csv_field_to_string (RapportCsvField field)
{
  g_return_val_if_fail (field < RAPPORT_CSV_N_FIELDS, "ignore");
  return field_names[field];
}

RapportCsvField
rapport_csv_field_from_string (const char *text)
{
  for (guint i = 0; i < RAPPORT_CSV_N_FIELDS; i++)
    if (g_strcmp0 (field_names[i], text) == 0)
      return (RapportCsvField) i;
  return RAPPORT_CSV_IGNORE;
}

static void
set_column (RapportCsvColumn *column,
            RapportCsvField   field,
            const char       *label,
            int               group)
{
  column->field = field;
  g_free (column->label);
  column->label = label ? g_strdup (label) : NULL;
  column->group = group;
}

/* Google's numbered columns: “E-mail 2 - Value”, “Phone 1 - Type”,
 * “Address 1 - Street”. */
static gboolean
map_google_column (GHashTable       *columns_by_name,
                   const char       *name,
                   RapportCsvColumn *column)
{
  char kind[16] = { 0 };
  char what[32] = { 0 };
  guint number = 0;
  static const struct { const char *what; RapportCsvField field; } address_parts[] = {
    { "street", RAPPORT_CSV_STREET }, { "po box", RAPPORT_CSV_STREET },
    { "extended address", RAPPORT_CSV_STREET }, { "city", RAPPORT_CSV_LOCALITY },
    { "region", RAPPORT_CSV_REGION }, { "postal code", RAPPORT_CSV_POSTAL_CODE },
    { "country", RAPPORT_CSV_COUNTRY },
  };

  if (sscanf (name, "%15s %u - %31[a-z ]", kind, &number, what) != 3)
    return FALSE;

  if (g_str_equal (what, "value") && (g_str_equal (kind, "e-mail") || g_str_equal (kind, "phone")))
    {
      g_autofree char *type_name = g_strdup_printf ("%s %u - type", kind, number);

      set_column (column, g_str_equal (kind, "phone") ? RAPPORT_CSV_PHONE : RAPPORT_CSV_EMAIL, NULL, 0);
      column->type_of = GPOINTER_TO_INT (g_hash_table_lookup (columns_by_name, type_name)) - 1;
      return TRUE;
    }
  if (g_str_equal (kind, "address"))
    for (guint i = 0; i < G_N_ELEMENTS (address_parts); i++)
      if (g_str_equal (what, address_parts[i].what))
        {
          set_column (column, address_parts[i].field, NULL, 10 + (int) number);
          column->type_of = -1;
          return TRUE;
        }
  return FALSE;
}

static void
map_columns (RapportCsvTable *table)
{
  guint n_columns = table->header->len;
  guint n_known = 0;
  /* the header's names in small letters, and the last column of each
   * (plus one) by name: Google's “Phone 1 - Value” finds its “Phone 1 -
   * Type” there, rather than by a pass over the header for each column */
  g_autoptr(GPtrArray) names = g_ptr_array_new_full (table->header->len, g_free);
  g_autoptr(GHashTable) columns_by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < table->header->len; i++)
    {
      char *name = g_strstrip (g_utf8_strdown (g_ptr_array_index (table->header, i), -1));

      g_ptr_array_add (names, name);
      g_hash_table_insert (columns_by_name, name, GINT_TO_POINTER ((int) i + 1));
    }

  for (guint i = 0; i < table->rows->len; i++)
    n_columns = MAX (n_columns, ((GPtrArray *) g_ptr_array_index (table->rows, i))->len);

  g_array_set_size (table->columns, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      RapportCsvColumn *column = &g_array_index (table->columns, RapportCsvColumn, i);
      const char *name;

      column->field = RAPPORT_CSV_IGNORE;
      column->type_of = -1;
      if (i >= table->header->len)
        continue;
      name = g_ptr_array_index (names, i);
      if (map_google_column (columns_by_name, name, column))
        {
          n_known++;
          continue;
        }
      for (guint k = 0; k < G_N_ELEMENTS (known_columns); k++)
        if (g_str_equal (name, known_columns[k].name))
          {
            set_column (column, known_columns[k].field, known_columns[k].label, known_columns[k].group);
            n_known++;
            break;
          }
    }
  table->known = n_known > 0;
}

static gboolean
row_looks_like_header (GPtrArray *row)
{
  for (guint i = 0; i < row->len; i++)
    {
      g_autofree char *name = g_utf8_strdown (g_ptr_array_index (row, i), -1);

      g_strstrip (name);
      if (strchr (name, '@') != NULL)
        return FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (known_columns); k++)
        if (g_str_equal (name, known_columns[k].name))
          return TRUE;
      if (g_str_has_suffix (name, " - value") || g_str_has_suffix (name, " - type"))
        return TRUE;
    }
  return FALSE;
}

/* A row a different program appended with another separator (“a\tb\tc”
 * in a comma file) is split by that one. */
static void
resplit_odd_rows (RapportCsvTable *table)
{
  static const char others[] = { ',', ';', '\t' };

  for (guint i = 0; i < table->rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, i);
      const char *cell;

      if (row->len != 1)
        continue;
      cell = g_ptr_array_index (row, 0);
      for (guint k = 0; k < G_N_ELEMENTS (others); k++)
        if (others[k] != table->delimiter && strchr (cell, others[k]) != NULL)
          {
            g_auto(GStrv) cells = g_strsplit (cell, (char[]) { others[k], '\0' }, -1);
            GPtrArray *split = g_ptr_array_new_with_free_func (g_free);

            for (guint c = 0; cells[c] != NULL; c++)
              g_ptr_array_add (split, g_strdup (cells[c]));
            g_ptr_array_index (table->rows, i) = split;
            g_ptr_array_unref (row);
            break;
          }
    }
}

/**
 * rapport_csv_table_read:
 * @data: a file's bytes
 * @length: how many
 * @charset: (nullable): what the bytes are written in; NULL to detect
 *
 * Returns: (transfer full): the table, with the columns of known exports
 *   mapped
 */
RapportCsvTable *
rapport_csv_table_read (const char *data,
                        gsize       length,
                        const char *charset)
{
  RapportCsvTable *table = g_new0 (RapportCsvTable, 1);
  g_autofree char *text = NULL;

  table->header = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  table->row_lines = g_array_new (FALSE, FALSE, sizeof (guint));
  table->columns = g_array_new (FALSE, TRUE, sizeof (RapportCsvColumn));
  table->charset_sure = TRUE;

  if (charset == NULL)
    {
      RapportCharsetGuess guess = rapport_charset_guess (data, length);

      charset = guess.charset;
      table->charset_sure = guess.sure;
    }
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (charset != NULL && g_ascii_strcasecmp (charset, "UTF-8") != 0)
    text = rapport_charset_to_utf8 (data, length, charset);
  if (text == NULL)
    {
      text = g_utf8_make_valid (data, length);
      charset = "UTF-8";
    }
  /* a NUL inside the text would end it early: the rest is not text */
  table->charset = g_strdup (charset ? charset : "UTF-8");
  if (g_str_has_prefix (text, "\xEF\xBB\xBF"))
    memmove (text, text + 3, strlen (text + 3) + 1);

  table->delimiter = detect_delimiter (text);
  split_rows (table, text, table->delimiter);
  resplit_odd_rows (table);

  if (table->rows->len > 0 && row_looks_like_header (g_ptr_array_index (table->rows, 0)))
    {
      GPtrArray *first = g_ptr_array_steal_index (table->rows, 0);

      table->has_header = TRUE;
      for (guint i = 0; i < first->len; i++)
        g_ptr_array_add (table->header, g_strdup (g_ptr_array_index (first, i)));
      g_ptr_array_unref (first);
      g_array_remove_index (table->row_lines, 0);
    }
  else if (table->rows->len > 0)
    {
      /* a header Rapport does not know: its names are still shown */
      GPtrArray *first = g_ptr_array_index (table->rows, 0);
      gboolean all_text = first->len > 1;

      for (guint i = 0; i < first->len && all_text; i++)
        {
          const char *cell = g_ptr_array_index (first, i);

          all_text = strchr (cell, '@') == NULL && !rapport_text_is_phone_like (cell);
        }
      if (all_text && table->rows->len > 1)
        {
          GPtrArray *header = g_ptr_array_steal_index (table->rows, 0);

          table->has_header = TRUE;
          for (guint i = 0; i < header->len; i++)
            g_ptr_array_add (table->header, g_strdup (g_ptr_array_index (header, i)));
          g_ptr_array_unref (header);
          g_array_remove_index (table->row_lines, 0);
        }
    }

  map_columns (table);
  return table;
}

/**
 * rapport_csv_table_is_mapped:
 *
 * Returns: whether some column gives a client a name, phone or e-mail
 */
gboolean
rapport_csv_table_is_mapped (RapportCsvTable *table)
{
  for (guint i = 0; i < table->columns->len; i++)
    switch (g_array_index (table->columns, RapportCsvColumn, i).field)
      {
      case RAPPORT_CSV_DISPLAY_NAME:
      case RAPPORT_CSV_GIVEN_NAME:
      case RAPPORT_CSV_FAMILY_NAME:
      case RAPPORT_CSV_ORGANIZATION:
      case RAPPORT_CSV_EMAIL:
      case RAPPORT_CSV_PHONE:
        return TRUE;
      default:
        break;
      }
  return FALSE;
}

/**
 * rapport_csv_table_dup_signature:
 *
 * Returns: (transfer full): what identifies files laid out like this one
 *   (its folded header, or its number of columns), to remember a mapping by
 */
char *
rapport_csv_table_dup_signature (RapportCsvTable *table)
{
  GString *out = g_string_new (NULL);

  if (!table->has_header)
    g_string_printf (out, "columns:%u", table->columns->len);
  for (guint i = 0; i < table->header->len; i++)
    {
      g_autofree char *name = rapport_text_fold (g_ptr_array_index (table->header, i));

      if (i > 0)
        g_string_append_c (out, '\x1f');
      g_string_append (out, name);
    }
  return g_string_free (out, FALSE);
}

void
rapport_csv_table_set_field (RapportCsvTable *table,
                             guint            column,
                             RapportCsvField  field)
{
  g_return_if_fail (column < table->columns->len);
  g_return_if_fail (field < RAPPORT_CSV_N_FIELDS);

  set_column (&g_array_index (table->columns, RapportCsvColumn, column), field, NULL,
              field >= RAPPORT_CSV_STREET && field <= RAPPORT_CSV_COUNTRY ? 1 : 0);
  g_array_index (table->columns, RapportCsvColumn, column).type_of = -1;
  table->mapped_by_person = TRUE;
}

/**
 * rapport_csv_table_dup_mapping:
 *
 * Returns: (transfer full): the columns' fields as text
 *   (“given-name,family-name,ignore,email”), to remember
 */
char *
rapport_csv_table_dup_mapping (RapportCsvTable *table)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < table->columns->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, rapport_csv_field_to_string (g_array_index (table->columns, RapportCsvColumn, i).field));
    }
  return g_string_free (out, FALSE);
}

/**
 * rapport_csv_table_apply_mapping:
 * @mapping: what rapport_csv_table_dup_mapping() gave for a file laid out
 *   the same way
 *
 * Returns: whether @mapping fits the table (as many columns)
 */
gboolean
rapport_csv_table_apply_mapping (RapportCsvTable *table,
                                 const char      *mapping)
{
  g_auto(GStrv) fields = g_strsplit (mapping, ",", -1);

  if (g_strv_length (fields) != table->columns->len)
    return FALSE;
  for (guint i = 0; fields[i] != NULL; i++)
    rapport_csv_table_set_field (table, i, rapport_csv_field_from_string (fields[i]));
  return TRUE;
}

static const char *
cell_of (GPtrArray *row,
         int        index)
{
  if (index < 0 || (guint) index >= row->len)
    return "";
  return g_ptr_array_index (row, index);
}

static char *
google_label (const char *type)
{
  g_autofree char *text = g_utf8_strdown (type ? type : "", -1);

  g_strstrip (text);
  /* “* Home”: the starred one is the primary */
  if (text[0] == '*')
    memmove (text, text + 1, strlen (text));
  g_strstrip (text);
  return g_steal_pointer (&text);
}

typedef struct
{
  GString *street;
  char    *locality;
  char    *region;
  char    *postal_code;
  char    *country;
  char    *label;
} AddressParts;

static void
address_parts_clear (gpointer data)
{
  AddressParts *parts = data;

  if (parts->street != NULL)
    g_string_free (parts->street, TRUE);
  g_free (parts->locality);
  g_free (parts->region);
  g_free (parts->postal_code);
  g_free (parts->country);
  g_free (parts->label);
}

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
add_address_part (GArray                 *addresses,
                  const RapportCsvColumn *column,
                  const char             *value)
{
  AddressParts *parts;

  if ((guint) column->group >= addresses->len)
    g_array_set_size (addresses, column->group + 1);
  parts = &g_array_index (addresses, AddressParts, column->group);
  if (parts->street == NULL)
    {
      parts->street = g_string_new (NULL);
      parts->label = g_strdup (column->label ? column->label : "");
    }

  switch (column->field)
    {
    case RAPPORT_CSV_STREET:
      if (parts->street->len > 0)
        g_string_append_c (parts->street, '\n');
      g_string_append (parts->street, value);
      break;
    case RAPPORT_CSV_LOCALITY:
      replace_string (&parts->locality, value);
      break;
    case RAPPORT_CSV_REGION:
      replace_string (&parts->region, value);
      break;
    case RAPPORT_CSV_POSTAL_CODE:
      replace_string (&parts->postal_code, value);
      break;
    case RAPPORT_CSV_COUNTRY:
      replace_string (&parts->country, value);
      break;
    default:
      g_assert_not_reached ();
    }
}

static RapportContactRecord *
record_from_row (RapportCsvTable *table,
                 guint            index)
{
  GPtrArray *row = g_ptr_array_index (table->rows, index);
  g_autoptr(RapportContactRecord) record = record_new (g_array_index (table->row_lines, guint, index));
  g_autoptr(GArray) addresses = g_array_new (FALSE, TRUE, sizeof (AddressParts));
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *display = NULL;
  g_autofree char *middle = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  const char *year = NULL, *month = NULL, *day = NULL;
  /* a row's missing cells are empty: looking at them for every row made a
   * file of one wide row and many short ones cost rows × columns */
  guint n_cells = MIN (table->columns->len, row->len);

  g_array_set_clear_func (addresses, address_parts_clear);

  for (guint i = 0; i < n_cells; i++)
    {
      const RapportCsvColumn *column = &g_array_index (table->columns, RapportCsvColumn, i);
      g_autofree char *value = tidy_text (cell_of (row, (int) i));

      if (*value == '\0')
        continue;
      switch (column->field)
        {
        case RAPPORT_CSV_IGNORE:
        case RAPPORT_CSV_N_FIELDS:
          break;
        case RAPPORT_CSV_DISPLAY_NAME:
          replace_string (&display, value);
          break;
        case RAPPORT_CSV_GIVEN_NAME:
          rapport_client_set_given_name (record->client, value);
          break;
        case RAPPORT_CSV_MIDDLE_NAME:
          replace_string (&middle, value);
          break;
        case RAPPORT_CSV_FAMILY_NAME:
          rapport_client_set_family_name (record->client, value);
          break;
        case RAPPORT_CSV_ORGANIZATION:
          rapport_client_set_organization (record->client, value);
          break;
        case RAPPORT_CSV_EMAIL:
        case RAPPORT_CSV_PHONE:
          {
            /* Google joins several values of one cell with “ ::: ” */
            g_auto(GStrv) values = g_strsplit (value, " ::: ", -1);
            g_autofree char *label = column->type_of >= 0 ? google_label (cell_of (row, column->type_of))
                                                          : g_strdup (column->label ? column->label : "");

            for (guint v = 0; values[v] != NULL; v++)
              {
                if (column->field == RAPPORT_CSV_PHONE)
                  add_phone (record, notes, label, values[v]);
                else
                  add_email (record, notes, label, values[v]);
              }
          }
          break;
        case RAPPORT_CSV_STREET:
        case RAPPORT_CSV_LOCALITY:
        case RAPPORT_CSV_REGION:
        case RAPPORT_CSV_POSTAL_CODE:
        case RAPPORT_CSV_COUNTRY:
          add_address_part (addresses, column, value);
          break;
        case RAPPORT_CSV_NOTES:
          append_note (notes, value);
          break;
        case RAPPORT_CSV_BIRTHDAY:
          set_birthday (record, notes, value);
          break;
        case RAPPORT_CSV_BIRTH_YEAR:
          year = cell_of (row, (int) i);
          break;
        case RAPPORT_CSV_BIRTH_MONTH:
          month = cell_of (row, (int) i);
          break;
        case RAPPORT_CSV_BIRTH_DAY:
          day = cell_of (row, (int) i);
          break;
        case RAPPORT_CSV_TAGS:
          {
            g_auto(GStrv) values = g_strsplit (value, " ::: ", -1);

            for (guint v = 0; values[v] != NULL; v++)
              {
                g_strstrip (values[v]);
                /* Google's own system groups are not tags a person chose */
                if (*values[v] != '\0' && values[v][0] != '*')
                  g_ptr_array_add (tags, g_strdup (values[v]));
              }
          }
          break;
        }
    }

  if (middle != NULL)
    {
      g_autofree char *given = join_nonempty (" ", rapport_client_get_given_name (record->client), middle, NULL);

      rapport_client_set_given_name (record->client, given);
    }
  if (year != NULL && month != NULL && day != NULL && *year && *month && *day)
    {
      g_autofree char *date = g_strdup_printf ("%s-%02d-%02d", g_strstrip ((char *) year),
                                               atoi (month), atoi (day));

      set_birthday (record, notes, date);
    }
  for (guint i = 0; i < addresses->len; i++)
    {
      AddressParts *parts = &g_array_index (addresses, AddressParts, i);
      RapportAddress address;

      if (parts->street == NULL)
        continue;
      address = (RapportAddress) {
        .label = parts->label, .street = parts->street->str,
        .locality = parts->locality ? parts->locality : (char *) "",
        .region = parts->region ? parts->region : (char *) "",
        .postal_code = parts->postal_code ? parts->postal_code : (char *) "",
        .country = parts->country ? parts->country : (char *) "",
      };
      if (!rapport_address_is_empty (&address))
        rapport_client_add_address (record->client, &address);
    }
  set_notes (record, notes);
  if (tags->len > 0)
    {
      g_ptr_array_add (tags, NULL);
      rapport_client_set_tags (record->client, (const char * const *) tags->pdata);
    }

  fill_names (record, display, FALSE);
  if (*rapport_client_get_display_name (record->client) == '\0')
    {
      GPtrArray *emails = rapport_client_get_emails (record->client);
      GPtrArray *phones = rapport_client_get_phones (record->client);

      if (emails->len > 0)
        rapport_client_set_display_name (record->client,
                                         ((RapportContactPoint *) g_ptr_array_index (emails, 0))->value);
      else if (phones->len > 0)
        rapport_client_set_display_name (record->client,
                                         ((RapportContactPoint *) g_ptr_array_index (phones, 0))->value);
      else
        refuse (record, record->line, _("the row has no name, organization, phone or e-mail"));
    }
  return g_steal_pointer (&record);
}

/**
 * rapport_contact_records_from_csv:
 * @table: a mapped table
 *
 * Returns: (transfer full) (element-type RapportContactRecord): a record
 *   for each row
 */
GPtrArray *
rapport_contact_records_from_csv (RapportCsvTable *table)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_record_free);

  for (guint i = 0; i < table->rows->len; i++)
    g_ptr_array_add (records, record_from_row (table, i));
  return records;
}

/**
 * rapport_contact_format_guess:
 *
 * Returns: vCard when the file says BEGIN:VCARD (or is named .vcf), CSV
 *   otherwise
 */
RapportContactFormat
rapport_contact_format_guess (const char *file_name,
                              const char *data,
                              gsize       length)
{
  gsize look = MIN (length, 4096);
  g_autofree char *head = g_ascii_strup (data, look);

  if (file_name != NULL && (g_str_has_suffix (file_name, ".vcf") || g_str_has_suffix (file_name, ".VCF")
                            || g_str_has_suffix (file_name, ".vcard")))
    return RAPPORT_CONTACT_FORMAT_VCARD;
  if (g_strstr_len (head, look, "BEGIN:VCARD") != NULL)
    return RAPPORT_CONTACT_FORMAT_VCARD;
  return RAPPORT_CONTACT_FORMAT_CSV;
}
