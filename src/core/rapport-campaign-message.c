/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* A campaign's message and its placeholders: {first_name}, {name},
 * {organization}, {owner}, {last_order_date}, {balance}, each with an
 * optional fallback after a bar ({first_name|there}); “{{” and “}}” are
 * plain braces. In a formatted (HTML) message, a brace that does not open
 * a name of small letters and underscores is plain text, so that a style
 * sheet pasted with the message stays as it is, and the values are
 * escaped for HTML. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-campaign-message.h"
#include "rapport-error.h"

static const char * const placeholders[] = {
  "first_name", "name", "organization", "owner", "last_order_date", "balance",
};

void
rapport_message_fields_clear (RapportMessageFields *fields)
{
  g_clear_pointer (&fields->first_name, g_free);
  g_clear_pointer (&fields->name, g_free);
  g_clear_pointer (&fields->organization, g_free);
  g_clear_pointer (&fields->owner, g_free);
  g_clear_pointer (&fields->last_order_date, g_free);
  g_clear_pointer (&fields->balance, g_free);
}

static const char *
field_value (const RapportMessageFields *fields,
             guint                       index)
{
  const char *values[] = {
    fields->first_name, fields->name, fields->organization,
    fields->owner, fields->last_order_date, fields->balance,
  };
  return values[index];
}

typedef gboolean (*PlaceholderFunc) (const char  *key,
                                     gsize        key_length,
                                     const char  *fallback,
                                     gsize        fallback_length,
                                     gpointer     data,
                                     GError     **error);

static gboolean
is_key (const char *key,
        gsize       length)
{
  if (length == 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_islower (key[i]) && key[i] != '_')
      return FALSE;
  return TRUE;
}

/* Walks @text, handing plain runs to @out and placeholders to @func; with
 * @html, a brace that opens no placeholder is plain text. */
static gboolean
walk (const char       *text,
      gboolean          html,
      GString          *out,
      PlaceholderFunc   func,
      gpointer          data,
      GError          **error)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *close, *bar;

      if (p[0] == '{' && p[1] == '{')
        {
          if (out != NULL)
            g_string_append_c (out, '{');
          p += 2;
          continue;
        }
      if (p[0] == '}' && p[1] == '}')
        {
          if (out != NULL)
            g_string_append_c (out, '}');
          p += 2;
          continue;
        }
      if (p[0] != '{')
        {
          if (out != NULL)
            g_string_append_c (out, *p);
          p++;
          continue;
        }

      close = strchr (p, '}');
      if (html)
        {
          const char *key_end = close != NULL ? memchr (p + 1, '|', close - p - 1) : NULL;

          if (close == NULL || !is_key (p + 1, (key_end ? key_end : close) - p - 1))
            {
              if (out != NULL)
                g_string_append_c (out, '{');
              p++;
              continue;
            }
        }
      if (close == NULL)
        {
          g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                               _("The message opens a placeholder with “{” and never closes it with “}”; write “{{” for a plain brace."));
          return FALSE;
        }
      bar = memchr (p + 1, '|', close - p - 1);
      if (!func (p + 1, (bar ? bar : close) - p - 1,
                 bar ? bar + 1 : NULL, bar ? (gsize) (close - bar - 1) : 0, data, error))
        return FALSE;
      p = close + 1;
    }
  return TRUE;
}

static int
find_placeholder (const char *key,
                  gsize       key_length)
{
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    if (strlen (placeholders[i]) == key_length && strncmp (placeholders[i], key, key_length) == 0)
      return (int) i;
  return -1;
}

static gboolean
check_placeholder (const char  *key,
                   gsize        key_length,
                   const char  *fallback,
                   gsize        fallback_length,
                   gpointer     data,
                   GError     **error)
{
  g_autofree char *shown = NULL;

  if (find_placeholder (key, key_length) >= 0)
    return TRUE;
  shown = g_utf8_make_valid (key, key_length);
  g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
               _("The message uses the placeholder {%s}, which Rapport does not know. "
                 "Use {first_name}, {name}, {organization}, {owner}, {last_order_date} or {balance}, "
                 "with a fallback after a bar if you like: {first_name|there}."),
               shown);
  return FALSE;
}

/**
 * rapport_campaign_message_check:
 * @text: a subject or a message
 * @error: return location for a %RAPPORT_ERROR_INVALID error naming the
 *   unknown placeholder
 *
 * Whether every placeholder in @text is a known one and closed.
 */
gboolean
rapport_campaign_message_check (const char  *text,
                                GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The message is not readable text."));
      return FALSE;
    }
  return walk (text, FALSE, NULL, check_placeholder, NULL, error);
}

/**
 * rapport_campaign_message_check_html:
 * @text: a formatted (HTML) message
 * @error: return location for a %RAPPORT_ERROR_INVALID error naming the
 *   unknown placeholder
 *
 * As rapport_campaign_message_check(), where a brace that opens no
 * placeholder (a style sheet's) is plain text.
 */
gboolean
rapport_campaign_message_check_html (const char  *text,
                                     GError     **error)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The message is not readable text."));
      return FALSE;
    }
  return walk (text, TRUE, NULL, check_placeholder, NULL, error);
}

typedef struct
{
  GString                    *out;
  const RapportMessageFields *fields;
  gboolean                    html;
} FillData;

static gboolean
fill_placeholder (const char  *key,
                  gsize        key_length,
                  const char  *fallback,
                  gsize        fallback_length,
                  gpointer     user_data,
                  GError     **error)
{
  FillData *data = user_data;
  int index = find_placeholder (key, key_length);
  const char *value = index >= 0 ? field_value (data->fields, index) : NULL;

  if (value != NULL && *value != '\0' && data->html)
    {
      g_autofree char *escaped = g_markup_escape_text (value, -1);

      g_string_append (data->out, escaped);
    }
  else if (value != NULL && *value != '\0')
    g_string_append (data->out, value);
  else if (fallback != NULL)
    g_string_append_len (data->out, fallback, fallback_length);
  return TRUE;
}

static char *
fill (const char                 *text,
      gboolean                    html,
      const RapportMessageFields *fields)
{
  GString *out = g_string_new (NULL);
  FillData data = { out, fields, html };

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    walk (text, html, out, fill_placeholder, &data, NULL);
  return g_string_free (out, FALSE);
}

/**
 * rapport_campaign_message_fill:
 * @text: a checked subject or message
 * @fields: the client's values
 *
 * Returns: (transfer full): @text with its placeholders filled; an empty
 *   value without a fallback leaves nothing, an unknown placeholder too
 */
char *
rapport_campaign_message_fill (const char                 *text,
                               const RapportMessageFields *fields)
{
  return fill (text, FALSE, fields);
}

/**
 * rapport_campaign_message_fill_html:
 * @text: a checked formatted (HTML) message
 * @fields: the client's values
 *
 * Returns: (transfer full): @text with its placeholders filled with the
 *   values escaped for HTML (a name such as “Smith & <Sons>” stays text);
 *   a fallback is the message's own HTML
 */
char *
rapport_campaign_message_fill_html (const char                 *text,
                                    const RapportMessageFields *fields)
{
  return fill (text, TRUE, fields);
}
