/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <string.h>

#include "rapport-vcard.h"

/* A vCard reader for what phones and mail programs really write, which is
 * often not what RFC 2425, 2426 and 6350 say (see README, “Import”): lines
 * end in CR LF, LF or CR CR LF; 2.1 quoted-printable values go on after a
 * soft “=” break without the fold's leading space; 8-bit text comes with a
 * CHARSET, with a wrong one, or with none. Nothing here allocates in
 * proportion to anything but the input, and every index is checked: the
 * fuzzing target (tests/fuzz-contacts.c) feeds it arbitrary bytes. */

typedef struct
{
  const char *start;
  gsize       length;
  guint       number;
} Line;

void
rapport_vcard_property_free (RapportVcardProperty *property)
{
  if (property == NULL)
    return;
  g_free (property->group);
  g_free (property->name);
  g_strfreev (property->param_names);
  g_strfreev (property->param_values);
  g_free (property->value);
  g_clear_pointer (&property->binary, g_bytes_unref);
  g_free (property->raw);
  g_free (property);
}

void
rapport_vcard_free (RapportVcard *card)
{
  if (card == NULL)
    return;
  g_free (card->version);
  g_ptr_array_unref (card->properties);
  g_free (card);
}

static GArray *
split_lines (const char *data,
             gsize       length)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  gsize start = 0;
  guint number = 1;

  for (gsize i = 0; i <= length; )
    {
      gsize end_length = 0;

      if (i == length)
        end_length = 1;
      else if (data[i] == '\n')
        end_length = 1;
      else if (data[i] == '\r')
        {
          /* CR LF, and the CR CR LF some Windows programs write */
          if (i + 1 < length && data[i + 1] == '\n')
            end_length = 2;
          else if (i + 2 < length && data[i + 1] == '\r' && data[i + 2] == '\n')
            end_length = 3;
          else
            end_length = 1;
        }

      if (end_length == 0)
        {
          i++;
          continue;
        }

      if (i < length || i > start)
        {
          Line line = { data + start, i - start, number };
          g_array_append_val (lines, line);
        }
      number++;
      i += end_length;
      start = i;
    }

  return lines;
}

/* Where the value starts: the first colon outside double quotes. */
static const char *
find_value_colon (const char *text,
                  gsize       length)
{
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '"')
        quoted = !quoted;
      else if (text[i] == ':' && !quoted)
        return text + i;
    }
  /* an unbalanced quote: take the first colon after all */
  return memchr (text, ':', length);
}

/* What is known of a logical line's head (its name and parameters) while
 * read_logical_line() joins its pieces: each byte is looked at once, so
 * that a value continued over thousands of soft breaks is not read again
 * from its start at each one. It answers as find_value_colon() would on the
 * whole text: the head ends at the first colon outside double quotes, else
 * at the first colon, else with the text. */
typedef struct
{
  gsize    scanned;      /* bytes looked at for colons and quotes */
  gboolean quoted;
  gsize    first_colon;  /* G_MAXSIZE: none yet */
  gsize    value_colon;  /* the first colon outside quotes; G_MAXSIZE: none yet */
  gsize    searched;     /* bytes looked at for “QUOTED-PRINTABLE” */
  gsize    word_end;     /* where its first occurrence ends; G_MAXSIZE: none yet */
} Head;

#define HEAD_INIT { 0, FALSE, G_MAXSIZE, G_MAXSIZE, 0, G_MAXSIZE }

/* Drops the soft break's “=” or the continuing backslash at the text's
 * end: neither a quote, a colon nor in the word, so only the place where
 * the next piece goes has to be looked at again. */
static void
drop_last_byte (GString *text,
                Head    *head)
{
  g_string_truncate (text, text->len - 1);
  head->scanned = MIN (head->scanned, text->len);
  head->searched = MIN (head->searched, text->len);
}

static gboolean
head_says_quoted_printable (Head          *head,
                            const GString *text)
{
  static const char word[] = "QUOTED-PRINTABLE";
  const gsize word_length = sizeof word - 1;
  gsize head_length;

  for (; head->scanned < text->len && head->value_colon == G_MAXSIZE; head->scanned++)
    {
      char c = text->str[head->scanned];

      if (c == '"')
        head->quoted = !head->quoted;
      else if (c == ':')
        {
          if (head->first_colon == G_MAXSIZE)
            head->first_colon = head->scanned;
          if (!head->quoted)
            head->value_colon = head->scanned;
        }
    }
  if (head->value_colon != G_MAXSIZE)
    head_length = head->value_colon;
  else if (head->first_colon != G_MAXSIZE)
    head_length = head->first_colon;
  else
    head_length = text->len;

  /* only where the word could end in what was not searched yet */
  if (head->word_end == G_MAXSIZE && text->len >= word_length)
    {
      gsize from = head->searched >= word_length ? head->searched - word_length + 1 : 0;

      for (gsize i = from; i + word_length <= text->len; i++)
        if (g_ascii_strncasecmp (text->str + i, word, word_length) == 0)
          {
            head->word_end = i + word_length;
            break;
          }
      head->searched = text->len;
    }
  return head->word_end <= head_length;
}

static gboolean
is_blank (const Line *line)
{
  for (gsize i = 0; i < line->length; i++)
    if (line->start[i] != ' ' && line->start[i] != '\t')
      return FALSE;
  return TRUE;
}

/* RFC 6868: ^n, ^' and ^^ in parameter values. */
static char *
decode_param_value (const char *text,
                    gsize       length)
{
  GString *out = g_string_sized_new (length);

  if (length >= 2 && text[0] == '"' && text[length - 1] == '"')
    {
      text++;
      length -= 2;
    }
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '^' && i + 1 < length)
        {
          char next = text[i + 1];

          if (next == 'n' || next == 'N')
            {
              g_string_append_c (out, '\n');
              i++;
              continue;
            }
          if (next == '\'')
            {
              g_string_append_c (out, '"');
              i++;
              continue;
            }
          if (next == '^')
            {
              g_string_append_c (out, '^');
              i++;
              continue;
            }
        }
      if (text[i] != '"')
        g_string_append_c (out, text[i]);
    }
  return g_string_free (out, FALSE);
}

static void
parse_params (const char *text,
              gsize       length,
              GPtrArray  *names,
              GPtrArray  *values)
{
  gsize start = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i <= length; i++)
    {
      const char *eq;
      gsize piece_length;
      const char *piece;

      if (i < length && text[i] == '"')
        quoted = !quoted;
      if (i < length && (text[i] != ';' || quoted))
        continue;

      piece = text + start;
      piece_length = i - start;
      start = i + 1;
      while (piece_length > 0 && (*piece == ' ' || *piece == '\t'))
        {
          piece++;
          piece_length--;
        }
      if (piece_length == 0)
        continue;

      eq = memchr (piece, '=', piece_length);
      if (eq == NULL)
        {
          /* 2.1's bare parameters: “TEL;WORK;VOICE”, “;QUOTED-PRINTABLE” */
          g_autofree char *bare = g_ascii_strup (piece, piece_length);

          if (g_str_equal (bare, "QUOTED-PRINTABLE") || g_str_equal (bare, "BASE64")
              || g_str_equal (bare, "8BIT") || g_str_equal (bare, "7BIT"))
            g_ptr_array_add (names, g_strdup ("ENCODING"));
          else
            g_ptr_array_add (names, g_strdup ("TYPE"));
          g_ptr_array_add (values, g_steal_pointer (&bare));
          continue;
        }
      if (eq == piece)
        continue;
      g_ptr_array_add (names, g_strstrip (g_ascii_strup (piece, eq - piece)));
      g_ptr_array_add (values, decode_param_value (eq + 1, piece_length - (eq + 1 - piece)));
    }
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

static GByteArray *
decode_quoted_printable (const char *text,
                         gsize       length)
{
  GByteArray *out = g_byte_array_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      guint8 byte = (guint8) text[i];

      if (text[i] == '=' && i + 2 < length + 0 && hex_value (text[i + 1]) >= 0 && hex_value (text[i + 2]) >= 0)
        {
          byte = (guint8) (hex_value (text[i + 1]) * 16 + hex_value (text[i + 2]));
          i += 2;
        }
      else if (text[i] == '=' && i + 2 == length && hex_value (text[i + 1]) >= 0)
        {
          /* “=A” cut at the end: not an escape */
          byte = '=';
        }
      else if (text[i] == '=' && i + 1 == length)
        continue;  /* a soft break left at the very end */
      g_byte_array_append (out, &byte, 1);
    }
  return out;
}

/* Text as UTF-8: from @charset when given and it converts; otherwise as it
 * is when it is UTF-8; otherwise from @fallback; otherwise with what is
 * not UTF-8 replaced. Never fails, never returns NULL. */
static char *
text_to_utf8 (const char *data,
              gsize       length,
              const char *charset,
              const char *fallback)
{
  char *converted;

  /* an empty quoted-printable value decodes to no bytes at all (NULL) */
  if (data == NULL || length == 0)
    return g_strdup ("");
  if (charset != NULL && *charset != '\0'
      && g_ascii_strcasecmp (charset, "UTF-8") != 0 && g_ascii_strcasecmp (charset, "UTF8") != 0)
    {
      converted = rapport_charset_to_utf8 (data, length, charset);
      if (converted != NULL)
        return converted;
    }
  if (g_utf8_validate_len (data, length, NULL))
    return g_strndup (data, length);
  if (fallback == NULL)
    fallback = rapport_charset_guess (data, length).charset;  /* 8-bit only once QP is undone */
  if (fallback != NULL && (converted = rapport_charset_to_utf8 (data, length, fallback)) != NULL)
    return converted;
  return g_utf8_make_valid (data, length);
}

static gboolean
looks_like_base64_encoding (const char *encoding)
{
  return encoding != NULL
         && (g_ascii_strcasecmp (encoding, "B") == 0 || g_ascii_strcasecmp (encoding, "BASE64") == 0);
}

static GBytes *
decode_base64 (const char *text)
{
  GString *clean = g_string_new (NULL);
  guchar *decoded;
  gsize decoded_length = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || *p == '+' || *p == '/' || *p == '=')
      g_string_append_c (clean, *p);
  while (clean->len % 4 != 0)
    g_string_append_c (clean, '=');

  decoded = g_base64_decode (clean->str, &decoded_length);
  g_string_free (clean, TRUE);
  if (decoded_length == 0)
    {
      g_free (decoded);
      return NULL;
    }
  return g_bytes_new_take (decoded, decoded_length);
}

static RapportVcardProperty *
parse_property (const char *text,
                gsize       length,
                guint       line,
                const char *fallback)
{
  RapportVcardProperty *property;
  const char *colon = find_value_colon (text, length);
  const char *name_end;
  const char *dot;
  const char *encoding;
  const char *charset;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  gsize head_length;
  const char *value_start;
  gsize value_length;

  if (colon == NULL)
    return NULL;

  head_length = colon - text;
  name_end = memchr (text, ';', head_length);
  if (name_end == NULL)
    name_end = colon;

  property = g_new0 (RapportVcardProperty, 1);
  property->line = line;
  dot = memchr (text, '.', name_end - text);
  if (dot != NULL)
    {
      property->group = g_strndup (text, dot - text);
      property->name = g_ascii_strup (dot + 1, name_end - dot - 1);
    }
  else
    property->name = g_ascii_strup (text, name_end - text);
  g_strstrip (property->name);

  if (name_end < colon)
    parse_params (name_end + 1, colon - name_end - 1, names, values);
  g_ptr_array_add (names, NULL);
  g_ptr_array_add (values, NULL);
  property->param_names = (GStrv) g_ptr_array_steal (names, NULL);
  property->param_values = (GStrv) g_ptr_array_steal (values, NULL);

  value_start = colon + 1;
  value_length = length - head_length - 1;
  encoding = rapport_vcard_property_get_param (property, "ENCODING");
  charset = rapport_vcard_property_get_param (property, "CHARSET");

  if (encoding != NULL && g_ascii_strcasecmp (encoding, "QUOTED-PRINTABLE") == 0)
    {
      g_autoptr(GByteArray) bytes = decode_quoted_printable (value_start, value_length);

      property->value = text_to_utf8 ((const char *) bytes->data, bytes->len, charset, fallback);
    }
  else
    property->value = text_to_utf8 (value_start, value_length, charset, fallback);

  if (looks_like_base64_encoding (encoding))
    property->binary = decode_base64 (property->value);

  property->raw = text_to_utf8 (text, length, charset, fallback);
  return property;
}

static gboolean
is_marker (const RapportVcardProperty *property,
           const char                 *name)
{
  g_autofree char *value = NULL;

  if (!g_str_equal (property->name, name) || property->group != NULL)
    return FALSE;
  value = g_strstrip (g_ascii_strup (property->value, -1));
  return g_str_equal (value, "VCARD");
}

static RapportVcard *
card_new (guint line)
{
  RapportVcard *card = g_new0 (RapportVcard, 1);

  card->line = line;
  card->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_vcard_property_free);
  return card;
}

static void
card_finish (RapportVcard *card)
{
  for (guint i = 0; i < card->properties->len; i++)
    {
      RapportVcardProperty *property = g_ptr_array_index (card->properties, i);

      if (g_str_equal (property->name, "VERSION"))
        {
          card->version = g_strstrip (g_strdup (property->value));
          break;
        }
    }
  if (card->version == NULL)
    card->version = g_strdup ("3.0");
}

/* Reads the next logical line: the physical one, its folds, and for
 * quoted-printable values the lines a soft break continues it on. */
static GString *
read_logical_line (GArray *lines,
                   guint  *index)
{
  Line *first = &g_array_index (lines, Line, *index);
  GString *text = g_string_new_len (first->start, first->length);
  Head head = HEAD_INIT;

  (*index)++;
  for (;;)
    {
      while (*index < lines->len)
        {
          Line *next = &g_array_index (lines, Line, *index);

          if (next->length == 0 || (next->start[0] != ' ' && next->start[0] != '\t'))
            break;
          g_string_append_len (text, next->start + 1, next->length - 1);
          (*index)++;
        }

      /* A value continued after a trailing backslash (some Android 2.1
       * exports break addresses so): the break is a line break of the value. */
      if (*index < lines->len && text->len > 1 && text->str[text->len - 1] == '\\'
          && text->str[text->len - 2] != '\\')
        {
          Line *next = &g_array_index (lines, Line, *index);

          if (next->length > 0 && memchr (next->start, ':', next->length) == NULL)
            {
              drop_last_byte (text, &head);
              g_string_append_c (text, '\n');
              g_string_append_len (text, next->start, next->length);
              (*index)++;
              continue;
            }
        }

      if (*index < lines->len && text->len > 0 && text->str[text->len - 1] == '='
          && head_says_quoted_printable (&head, text))
        {
          Line *next = &g_array_index (lines, Line, *index);

          /* a last soft break before the card's end breaks nothing */
          if (next->length >= 4 && g_ascii_strncasecmp (next->start, "END:", 4) == 0)
            {
              drop_last_byte (text, &head);
              return text;
            }
          drop_last_byte (text, &head);
          g_string_append_len (text, next->start, next->length);
          (*index)++;
          continue;
        }
      return text;
    }
}

/**
 * rapport_vcard_read:
 * @data: a file's bytes
 * @length: how many
 * @fallback_charset: (nullable): what 8-bit text without a CHARSET is
 *   written in (see rapport_charset_guess()); NULL replaces what is not
 *   UTF-8
 *
 * Reads every card of a vCard file, 2.1, 3.0 or 4.0. A card that cannot
 * be read whole (no END, no BEGIN) is returned with its problem set, so
 * that the person learns which lines were refused. Nested cards (2.1's
 * AGENT) are skipped with their parent kept.
 *
 * Returns: (transfer full) (element-type RapportVcard): the cards
 */
GPtrArray *
rapport_vcard_read (const char *data,
                    gsize       length,
                    const char *fallback_charset)
{
  GPtrArray *cards = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_vcard_free);
  g_autoptr(GArray) lines = NULL;
  g_autofree char *converted = NULL;
  RapportVcard *card = NULL;
  RapportVcard *stray = NULL;
  guint depth = 0;

  if (length >= 2 && ((guint8) data[0] == 0xFF || (guint8) data[0] == 0xFE)
      && ((guint8) data[1] == 0xFF || (guint8) data[1] == 0xFE) && data[0] != data[1])
    {
      converted = rapport_charset_to_utf8 (data, length, "UTF-16");
      if (converted == NULL)
        return cards;
      data = converted;
      length = strlen (converted);
    }
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  lines = split_lines (data, length);
  for (guint i = 0; i < lines->len; )
    {
      Line *line = &g_array_index (lines, Line, i);
      g_autoptr(GString) text = NULL;
      RapportVcardProperty *property;

      if (is_blank (line) || line->start[0] == '#')
        {
          i++;
          continue;
        }

      text = read_logical_line (lines, &i);
      property = parse_property (text->str, text->len, line->number, fallback_charset);
      if (property == NULL)
        {
          /* a line with no colon: a broken property, or the cut end of one */
          RapportVcard *owner = card ? card : stray;

          if (owner != NULL && owner->problem == RAPPORT_VCARD_WHOLE && depth <= 1)
            {
              owner->problem = RAPPORT_VCARD_BROKEN_LINE;
              owner->problem_line = line->number;
            }
          continue;
        }

      if (is_marker (property, "BEGIN"))
        {
          depth++;
          if (depth == 1)
            {
              if (stray != NULL)
                {
                  g_ptr_array_add (cards, stray);
                  stray = NULL;
                }
              card = card_new (line->number);
            }
          rapport_vcard_property_free (property);
          continue;
        }
      if (is_marker (property, "END"))
        {
          if (depth > 0)
            depth--;
          if (depth == 0 && card != NULL)
            {
              card_finish (card);
              g_ptr_array_add (cards, card);
              card = NULL;
            }
          rapport_vcard_property_free (property);
          continue;
        }

      if (depth == 1)
        g_ptr_array_add (card->properties, property);
      else if (depth == 0)
        {
          /* properties with no BEGIN:VCARD before them */
          if (stray == NULL)
            {
              stray = card_new (line->number);
              stray->problem = RAPPORT_VCARD_NO_BEGIN;
              stray->problem_line = line->number;
            }
          g_ptr_array_add (stray->properties, property);
        }
      else
        rapport_vcard_property_free (property);
    }

  if (card != NULL)
    {
      card_finish (card);
      card->problem = RAPPORT_VCARD_NO_END;
      card->problem_line = g_array_index (lines, Line, lines->len - 1).number;
      g_ptr_array_add (cards, card);
    }
  if (stray != NULL)
    {
      card_finish (stray);
      g_ptr_array_add (cards, stray);
    }
  return cards;
}

/**
 * rapport_vcard_property_get_param:
 * @property: a property
 * @name: an upper-case parameter name
 *
 * Returns: (nullable): the first value of the parameter @name
 */
const char *
rapport_vcard_property_get_param (const RapportVcardProperty *property,
                                  const char                 *name)
{
  for (guint i = 0; property->param_names[i] != NULL; i++)
    if (g_str_equal (property->param_names[i], name))
      return property->param_values[i];
  return NULL;
}

/**
 * rapport_vcard_property_has_type:
 * @property: a property
 * @type: a type, any case (“cell”, “WORK”)
 *
 * Returns: whether any TYPE parameter (comma lists and 2.1's bare types
 *   included) names @type
 */
gboolean
rapport_vcard_property_has_type (const RapportVcardProperty *property,
                                 const char                 *type)
{
  for (guint i = 0; property->param_names[i] != NULL; i++)
    {
      g_auto(GStrv) types = NULL;

      if (!g_str_equal (property->param_names[i], "TYPE"))
        continue;
      types = g_strsplit (property->param_values[i], ",", -1);
      for (guint j = 0; types[j] != NULL; j++)
        if (g_ascii_strcasecmp (g_strstrip (types[j]), type) == 0)
          return TRUE;
    }
  return FALSE;
}

static gboolean
is_old_version (const char *version)
{
  return version != NULL && g_str_has_prefix (version, "2.");
}

/* Undoes escapes in text[0..length): 2.1 knows only “\;” and “\\”; 3.0 and
 * 4.0 add “\n”, “\,”, and programs escape “:” and “"” too. */
static char *
unescape (const char *text,
          gsize       length,
          gboolean    old)
{
  GString *out = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      char next;

      if (text[i] != '\\' || i + 1 >= length)
        {
          g_string_append_c (out, text[i]);
          continue;
        }
      next = text[i + 1];
      if (old)
        {
          if (next == ';' || next == '\\')
            {
              g_string_append_c (out, next);
              i++;
            }
          else
            g_string_append_c (out, '\\');
          continue;
        }
      if (next == 'n' || next == 'N')
        g_string_append_c (out, '\n');
      else if (g_ascii_ispunct (next))
        g_string_append_c (out, next);
      else
        {
          g_string_append_c (out, '\\');
          continue;
        }
      i++;
    }
  return g_string_free (out, FALSE);
}

/**
 * rapport_vcard_property_dup_text:
 * @property: a property
 * @version: the card's version
 *
 * Returns: (transfer full): the value as text, escapes undone
 */
char *
rapport_vcard_property_dup_text (const RapportVcardProperty *property,
                                 const char                 *version)
{
  return unescape (property->value, strlen (property->value), is_old_version (version));
}

/**
 * rapport_vcard_property_dup_parts:
 * @property: a structured property (N, ADR, ORG)
 * @version: the card's version
 * @separator: ';' for components, ',' for lists
 *
 * Returns: (transfer full): the components, escapes undone
 */
GStrv
rapport_vcard_property_dup_parts (const RapportVcardProperty *property,
                                  const char                 *version,
                                  char                        separator)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *value = property->value;
  gboolean old = is_old_version (version);
  gsize start = 0;
  gsize length = strlen (value);

  for (gsize i = 0; i <= length; i++)
    {
      if (i < length && value[i] == '\\')
        {
          i++;
          continue;
        }
      if (i < length && value[i] != separator)
        continue;
      g_ptr_array_add (parts, unescape (value + start, MIN (i, length) - start, old));
      start = i + 1;
    }
  g_ptr_array_add (parts, NULL);
  return (GStrv) g_ptr_array_steal (parts, NULL);
}

/**
 * rapport_vcard_escape:
 * @text: text to write as a 3.0 or 4.0 value
 * @structured: whether “;” separates components of the value
 *
 * Returns: (transfer full): @text with backslash, comma, semicolon and
 *   newlines escaped
 */
char *
rapport_vcard_escape (const char *text,
                      gboolean    structured)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case ';':
          g_string_append (out, structured ? "\\;" : "\\;");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static const char * const candidates[] = {
  "WINDOWS-1252", "WINDOWS-1250", "WINDOWS-1251", "SHIFT_JIS", "KOI8-R", NULL,
};

/**
 * rapport_charset_candidates:
 *
 * Returns: (transfer none): the code pages a person may pick for a file
 *   that is not UTF-8, the likeliest first
 */
const char * const *
rapport_charset_candidates (void)
{
  return candidates;
}

/* Converters to UTF-8 stay open, a few code pages' worth: opening one loads
 * the code page's conversion module and closing the last unloads it, which
 * cost more than the conversion itself when every property of a file with
 * no CHARSET is tried in each candidate code page. */
#define N_KEPT_CONVERTERS 16

typedef struct
{
  char  *charset;
  GIConv converter;  /* (GIConv) -1: no such code page */
} KeptConverter;

static GMutex converters_lock;
static KeptConverter converters[N_KEPT_CONVERTERS];

static char *
convert_to_utf8 (const char *data,
                 gsize       length,
                 GIConv      converter,
                 gsize      *written)
{
  /* back to the initial shift state a failed conversion may have left */
  g_iconv (converter, NULL, NULL, NULL, NULL);
  return g_convert_with_iconv (data, length, converter, NULL, written, NULL);
}

/**
 * rapport_charset_to_utf8:
 *
 * Returns: (transfer full) (nullable): @data converted, or NULL when it is
 *   not text in @charset
 */
char *
rapport_charset_to_utf8 (const char *data,
                         gsize       length,
                         const char *charset)
{
  gsize written = 0;
  char *out = NULL;
  guint i;

  g_mutex_lock (&converters_lock);
  for (i = 0; i < N_KEPT_CONVERTERS && converters[i].charset != NULL; i++)
    if (g_str_equal (converters[i].charset, charset))
      break;
  if (i < N_KEPT_CONVERTERS && converters[i].charset == NULL)
    {
      converters[i].charset = g_strdup (charset);
      converters[i].converter = g_iconv_open ("UTF-8", charset);
    }
  if (i < N_KEPT_CONVERTERS)
    {
      if (converters[i].converter != (GIConv) -1)
        out = convert_to_utf8 (data, length, converters[i].converter, &written);
    }
  else
    {
      /* more code pages than are kept open: a file naming many */
      GIConv converter = g_iconv_open ("UTF-8", charset);

      if (converter != (GIConv) -1)
        {
          out = convert_to_utf8 (data, length, converter, &written);
          g_iconv_close (converter);
        }
    }
  g_mutex_unlock (&converters_lock);

  if (out != NULL && (memchr (out, '\0', written) != NULL || !g_utf8_validate_len (out, written, NULL)))
    g_clear_pointer (&out, g_free);
  return out;
}

static int
script_group (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA
      || script == G_UNICODE_SCRIPT_KATAKANA)
    return G_UNICODE_SCRIPT_HAN;
  return script;
}

typedef struct
{
  guint ascii;      /* ASCII letters */
  guint other;      /* other letters */
  int   script;     /* the script of the other letters, or -1 */
  gboolean mixed;   /* letters of two scripts besides ASCII */
  guint case_breaks;  /* capitals after small letters: “ихюМ”, 1251 read as KOI8-R */
  gboolean lower;   /* the last letter was small */
} Word;

static gint64
word_score (const Word *word)
{
  if (word->other == 0)
    return 0;
  if (word->mixed || word->case_breaks > 0)
    return -4 * (gint64) word->other;
  if (word->script == G_UNICODE_SCRIPT_LATIN)
    /* accented Latin letters come among plain ones: “Müller”, “Iksiński”;
     * “Èâàí” is Windows-1251 read as 1252 */
    return word->other <= word->ascii ? (gint64) word->other : -2 * (gint64) word->other;
  /* other scripts make whole words: “Иван”; “Doл” is not one */
  return word->ascii == 0 ? (gint64) word->other : -4 * (gint64) word->other;
}

/* How much @text reads like words of a language rather than mojibake. */
static gint64
plausibility (const char *text)
{
  gint64 score = 0;
  Word word = { 0, 0, -1, FALSE, 0, FALSE };

  for (const char *p = text; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0 || !g_unichar_isalpha (c))
        {
          score += word_score (&word);
          word = (Word) { 0, 0, -1, FALSE, 0, FALSE };
          if (c == 0)
            break;
          if (c >= 0x80)
            {
              GUnicodeType type = g_unichar_type (c);

              score -= (type == G_UNICODE_CURRENCY_SYMBOL || type == G_UNICODE_INITIAL_PUNCTUATION
                        || type == G_UNICODE_FINAL_PUNCTUATION || type == G_UNICODE_DASH_PUNCTUATION
                        || type == G_UNICODE_SPACE_SEPARATOR) ? 1 : 3;
            }
          continue;
        }
      if (word.lower && g_unichar_isupper (c))
        word.case_breaks++;
      word.lower = g_unichar_islower (c);
      if (c < 0x80)
        {
          word.ascii++;
          continue;
        }
      word.other++;
      if (word.script >= 0 && word.script != script_group (c))
        word.mixed = TRUE;
      word.script = script_group (c);
    }
  return score;
}

/**
 * rapport_charset_guess:
 * @data: a file's bytes
 * @length: how many
 *
 * Tells which code page a file that is not UTF-8 is likeliest written in.
 * Code pages that read the bytes as equally plausible text (Windows-1250
 * and 1252 for “Iksi\xF1ski”) make the guess unsure: ask the person.
 */
RapportCharsetGuess
rapport_charset_guess (const char *data,
                       gsize       length)
{
  RapportCharsetGuess guess = { NULL, TRUE };
  gint64 best = G_MININT64;
  gint64 second = G_MININT64;

  if (length >= 2 && ((guint8) data[0] == 0xFF || (guint8) data[0] == 0xFE)
      && ((guint8) data[1] == 0xFF || (guint8) data[1] == 0xFE) && data[0] != data[1])
    {
      guess.charset = "UTF-16";
      return guess;
    }
  if (g_utf8_validate_len (data, length, NULL))
    return guess;

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      g_autofree char *text = rapport_charset_to_utf8 (data, length, candidates[i]);
      gint64 score;

      if (text == NULL)
        continue;
      score = plausibility (text);
      if (score > best)
        {
          second = best;
          best = score;
          guess.charset = candidates[i];
        }
      else if (score > second)
        second = score;
    }

  if (guess.charset == NULL)
    {
      guess.charset = candidates[0];
      guess.sure = FALSE;
    }
  else
    guess.sure = second == G_MININT64 || best - second > MAX (2, best / 10);
  return guess;
}
