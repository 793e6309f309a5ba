/* SPDX-License-Identifier: GPL-3.0-or-later */

/* A libFuzzer target for the contacts readers: every input is read as a
 * vCard file and as a CSV file, into records, as an import's preview
 * reads it. Built only by clang (tests/meson.build); run as README.md,
 * “Fuzzing”, says. */

#include <stdint.h>

#include "rapport-contact-file.h"
#include "rapport-vcard.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) cards = rapport_vcard_read ((const char *) data, size, NULL);
  g_autoptr(GPtrArray) records = rapport_contact_records_from_vcards (cards);
  g_autoptr(RapportCsvTable) table = rapport_csv_table_read ((const char *) data, size, NULL);
  g_autoptr(GPtrArray) rows = rapport_contact_records_from_csv (table);
  RapportCharsetGuess guess = rapport_charset_guess ((const char *) data, size);
  g_autoptr(GPtrArray) as_guessed = rapport_vcard_read ((const char *) data, size, guess.charset);

  /* the columns a person maps: every field once */
  for (guint i = 0; i < table->columns->len; i++)
    rapport_csv_table_set_field (table, i, (RapportCsvField) (i % RAPPORT_CSV_N_FIELDS));
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = rapport_contact_records_from_csv (table);
  return 0;
}
