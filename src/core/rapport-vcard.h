/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One property of a card as the file wrote it, with its encoding undone:
 * quoted-printable and base64 decoded, the text in UTF-8. Escapes are
 * left for rapport_vcard_property_dup_text() and _dup_parts(), because
 * which backslashes are escapes depends on the property and the version. */
typedef struct
{
  char   *group;      /* “item1” of “item1.TEL”, or NULL */
  char   *name;       /* upper case */
  GStrv   param_names;  /* upper case; bare 2.1 types are named TYPE */
  GStrv   param_values;
  char   *value;      /* UTF-8 text; for binary values the text as written */
  GBytes *binary;     /* decoded base64, or NULL */
  char   *raw;        /* the unfolded line as written (after charset decoding) */
  guint   line;       /* the first line of the property in the file */
} RapportVcardProperty;

typedef enum
{
  RAPPORT_VCARD_WHOLE,
  RAPPORT_VCARD_NO_BEGIN,     /* lines outside any BEGIN:VCARD … END:VCARD */
  RAPPORT_VCARD_NO_END,       /* the file ends inside the card */
  RAPPORT_VCARD_BROKEN_LINE,  /* a line that is not “NAME:value” */
} RapportVcardProblem;

typedef struct
{
  guint      line;     /* the BEGIN:VCARD line, or the first line read */
  char      *version;  /* “2.1”, “3.0”, “4.0”; “3.0” when the card says none */
  GPtrArray *properties;  /* RapportVcardProperty */
  RapportVcardProblem problem;  /* why the card cannot be read whole */
  guint      problem_line;
} RapportVcard;

/* What a file's bytes are, when they are not UTF-8. */
typedef struct
{
  const char *charset;   /* an iconv name; NULL for UTF-8 */
  gboolean    sure;      /* FALSE when several code pages read as plausible text */
} RapportCharsetGuess;

void        rapport_vcard_free                (RapportVcard        *card);
void        rapport_vcard_property_free       (RapportVcardProperty *property);

GPtrArray  *rapport_vcard_read                (const char          *data,
                                               gsize                length,
                                               const char          *fallback_charset);
const char *rapport_vcard_property_get_param  (const RapportVcardProperty *property,
                                               const char          *name);
gboolean    rapport_vcard_property_has_type   (const RapportVcardProperty *property,
                                               const char          *type);
char       *rapport_vcard_property_dup_text   (const RapportVcardProperty *property,
                                               const char          *version);
GStrv       rapport_vcard_property_dup_parts  (const RapportVcardProperty *property,
                                               const char          *version,
                                               char                 separator);

char       *rapport_vcard_escape              (const char          *text,
                                               gboolean             structured);

RapportCharsetGuess rapport_charset_guess     (const char          *data,
                                               gsize                length);
char       *rapport_charset_to_utf8           (const char          *data,
                                               gsize                length,
                                               const char          *charset);
const char * const *rapport_charset_candidates (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportVcard, rapport_vcard_free)

G_END_DECLS
