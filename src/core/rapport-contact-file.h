/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-client.h"
#include "rapport-vcard.h"

G_BEGIN_DECLS

typedef enum
{
  RAPPORT_CONTACT_FORMAT_VCARD,
  RAPPORT_CONTACT_FORMAT_CSV,
} RapportContactFormat;

/* One card or row of a contacts file, read into a client. */
typedef struct
{
  RapportClient *client;     /* NULL when refused */
  GBytes        *picture;    /* the card's photo, or NULL */
  char          *picture_type;  /* “image/jpeg”, “image/png”, “image/gif” */
  GPtrArray     *kept;       /* vCard lines Rapport has no field for, kept as written */
  guint          line;       /* the first line of the card or row */
  char          *refusal;    /* why it cannot be imported, after its line: NULL when it can */
  char          *reason;     /* the same without the line, for a reader's own digits */
  guint          refused_line;
} RapportContactRecord;

void rapport_contact_record_free (RapportContactRecord *record);

/* What a CSV column holds. */
typedef enum
{
  RAPPORT_CSV_IGNORE,
  RAPPORT_CSV_DISPLAY_NAME,
  RAPPORT_CSV_GIVEN_NAME,
  RAPPORT_CSV_MIDDLE_NAME,
  RAPPORT_CSV_FAMILY_NAME,
  RAPPORT_CSV_ORGANIZATION,
  RAPPORT_CSV_EMAIL,
  RAPPORT_CSV_PHONE,
  RAPPORT_CSV_STREET,
  RAPPORT_CSV_LOCALITY,
  RAPPORT_CSV_REGION,
  RAPPORT_CSV_POSTAL_CODE,
  RAPPORT_CSV_COUNTRY,
  RAPPORT_CSV_NOTES,
  RAPPORT_CSV_BIRTHDAY,
  RAPPORT_CSV_BIRTH_YEAR,
  RAPPORT_CSV_BIRTH_MONTH,
  RAPPORT_CSV_BIRTH_DAY,
  RAPPORT_CSV_TAGS,
  RAPPORT_CSV_N_FIELDS,
} RapportCsvField;

typedef struct
{
  RapportCsvField field;
  char           *label;    /* “work”, “home”, “mobile”… or NULL */
  int             group;    /* which address (or Google's numbered item) */
  int             type_of;  /* Google's “E-mail 1 - Type”: the label of column type_of, or -1 */
} RapportCsvColumn;

/* A CSV file, split into rows, and what its columns mean. */
typedef struct
{
  char      *charset;    /* what the bytes were read as: “UTF-8”, “WINDOWS-1252”… */
  gboolean   charset_sure;
  char       delimiter;
  gboolean   has_header;
  GPtrArray *header;     /* char*: column names, empty when there is none */
  GPtrArray *rows;       /* GPtrArray of char* cells */
  GArray    *row_lines;  /* guint: the line each row starts on */
  GArray    *columns;    /* RapportCsvColumn, one per column */
  gboolean   known;      /* the columns of a known program's export */
  gboolean   mapped_by_person;  /* a person said what some column holds */
} RapportCsvTable;

void             rapport_csv_table_free          (RapportCsvTable *table);
RapportCsvTable *rapport_csv_table_read          (const char      *data,
                                                  gsize            length,
                                                  const char      *charset);
gboolean         rapport_csv_table_is_mapped     (RapportCsvTable *table);
char            *rapport_csv_table_dup_signature (RapportCsvTable *table);
void             rapport_csv_table_set_field     (RapportCsvTable *table,
                                                  guint            column,
                                                  RapportCsvField  field);
char            *rapport_csv_table_dup_mapping   (RapportCsvTable *table);
gboolean         rapport_csv_table_apply_mapping (RapportCsvTable *table,
                                                  const char      *mapping);
const char      *rapport_csv_field_to_string     (RapportCsvField  field);
RapportCsvField  rapport_csv_field_from_string   (const char      *text);

GPtrArray  *rapport_contact_records_from_vcards (GPtrArray       *cards);
GPtrArray  *rapport_contact_records_from_csv    (RapportCsvTable *table);

RapportContactFormat rapport_contact_format_guess (const char    *file_name,
                                                   const char    *data,
                                                   gsize          length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportContactRecord, rapport_contact_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportCsvTable, rapport_csv_table_free)

G_END_DECLS
