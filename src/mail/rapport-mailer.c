/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-mail"

/* One message composed with GMime (RFC 2047 headers, so Cyrillic and
 * Persian names arrive intact; a List-Unsubscribe header and an opt-out
 * line) and sent with libcurl's SMTP over STARTTLS or TLS. One connection
 * is kept for a whole campaign. The password is handed to libcurl and
 * nowhere else: nothing here logs what is sent to the server. */

#include "config.h"

#include <curl/curl.h>
#include <glib/gi18n.h>
#include <gmime/gmime.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-mailer.h"

/* GMime 3.2 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeObject, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMultipart, g_object_unref)

struct _RapportMailer
{
  RapportSmtpSettings *settings;
  char                *password;
  CURL                *curl;
  char                 error_buffer[CURL_ERROR_SIZE];
  GString             *last_answer;
  GString             *refusal;
};

static void
init_libraries (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_mime_init ();
      curl_global_init (CURL_GLOBAL_DEFAULT);
      g_once_init_leave (&done, 1);
    }
}

static void
keep_line (GString    *into,
           const char *data,
           size_t      size)
{
  g_string_truncate (into, 0);
  g_string_append_len (into, data, (gssize) MIN (size, 500));
  while (into->len > 0 && g_ascii_isspace (into->str[into->len - 1]))
    g_string_truncate (into, into->len - 1);
}

/* Keeps what the server says (never what is sent, which holds the login):
 * its first refusal is the reason a message failed; a goodbye after it is
 * not. */
static int
on_curl_debug (CURL          *curl,
               curl_infotype  type,
               char          *data,
               size_t         size,
               void          *user_data)
{
  RapportMailer *self = user_data;

  if (type != CURLINFO_HEADER_IN || size == 0)
    return 0;
  keep_line (self->last_answer, data, size);
  if ((data[0] == '4' || data[0] == '5') && self->refusal->len == 0)
    keep_line (self->refusal, data, size);
  return 0;
}

/**
 * rapport_mailer_new:
 * @settings: a validated outgoing server
 * @password: (nullable): its password, from the keyring
 *
 * Returns: (transfer full): a mailer, for one thread at a time
 */
RapportMailer *
rapport_mailer_new (const RapportSmtpSettings *settings,
                    const char                *password)
{
  RapportMailer *self = g_new0 (RapportMailer, 1);

  init_libraries ();
  self->settings = rapport_smtp_settings_copy (settings);
  self->password = g_strdup (password);
  self->curl = curl_easy_init ();
  self->last_answer = g_string_new (NULL);
  self->refusal = g_string_new (NULL);
  return self;
}

void
rapport_mailer_free (RapportMailer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->curl, curl_easy_cleanup);
  rapport_smtp_settings_free (self->settings);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_string_free (self->last_answer, TRUE);
  g_string_free (self->refusal, TRUE);
  g_free (self);
}

static char *
dup_date_header (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%a, %d %b %Y %H:%M:%S %z");
}

static GMimeObject *
text_part (const char *subtype,
           const char *text)
{
  GMimeTextPart *part = g_mime_text_part_new_with_subtype (subtype);

  g_mime_text_part_set_text (part, text);
  g_mime_part_set_content_encoding (GMIME_PART (part),
                                    g_mime_part_get_best_content_encoding (GMIME_PART (part),
                                                                           GMIME_ENCODING_CONSTRAINT_7BIT));
  return GMIME_OBJECT (part);
}

/* @html with the opt-out line as its last paragraph, inside its body when
 * it has one. */
static char *
html_with_opt_out (const char *html,
                   const char *line)
{
  g_autofree char *escaped = g_markup_escape_text (line, -1);
  g_autofree char *folded = g_ascii_strdown (html, -1);
  const char *end = g_strrstr (folded, "</body");
  int at = end != NULL ? (int) (end - folded) : (int) strlen (html);

  return g_strdup_printf ("%.*s\n<hr>\n<p>%s</p>\n%s", at, html, escaped, html + at);
}

/**
 * rapport_mailer_compose:
 * @self: a mailer
 * @to_name: the recipient's name
 * @to_address: the recipient's address
 * @subject: the filled subject
 * @body: the filled message, plain text
 * @html: (nullable): the filled formatted message, offered beside @body
 *   as its alternative (multipart/alternative), or %NULL
 *
 * Returns: (transfer full): the message as it goes on the wire, with an
 *   opt-out line at the bottom of each version and a List-Unsubscribe
 *   header that writes to the business
 */
GBytes *
rapport_mailer_compose (RapportMailer *self,
                        const char    *to_name,
                        const char    *to_address,
                        const char    *subject,
                        const char    *body,
                        const char    *html)
{
  g_autoptr(GMimeMessage) message = g_mime_message_new (TRUE);
  g_autoptr(GMimeObject) text = NULL;
  /* TRANSLATORS: the last line of every campaign e-mail */
  const char *opt_out = _("To receive no more of these messages, reply with “unsubscribe”.");
  g_autofree char *unsubscribe = NULL;
  g_autofree char *full_body = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *date = dup_date_header ();
  GMimeFormatOptions *options;
  char *wire;
  const char *at;

  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, self->settings->from_name,
                              self->settings->from_address);
  g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, to_name, to_address);
  g_mime_message_set_subject (message, subject, "utf-8");

  at = strrchr (self->settings->from_address, '@');
  domain = g_strdup (at != NULL ? at + 1 : "localhost");
  message_id = g_strdup_printf ("%08x%08x.rapport@%s", g_random_int (), g_random_int (), domain);
  g_mime_message_set_message_id (message, message_id);
  g_mime_object_set_header (GMIME_OBJECT (message), "Date", date, NULL);

  unsubscribe = g_strdup_printf ("<mailto:%s?subject=unsubscribe>", self->settings->from_address);
  g_mime_object_set_header (GMIME_OBJECT (message), "List-Unsubscribe", unsubscribe, NULL);

  full_body = g_strdup_printf ("%s\n\n-- \n%s\n", body, opt_out);
  text = text_part ("plain", full_body);
  if (html != NULL && *html != '\0')
    {
      g_autoptr(GMimeMultipart) alternative = g_mime_multipart_new_with_subtype ("alternative");
      g_autofree char *full_html = html_with_opt_out (html, opt_out);
      g_autoptr(GMimeObject) formatted = text_part ("html", full_html);

      /* The plain version first: a reader shows the last it can. */
      g_mime_multipart_add (alternative, text);
      g_mime_multipart_add (alternative, formatted);
      g_mime_message_set_mime_part (message, GMIME_OBJECT (alternative));
    }
  else
    g_mime_message_set_mime_part (message, text);

  options = g_mime_format_options_new ();
  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  wire = g_mime_object_to_string (GMIME_OBJECT (message), options);
  g_mime_format_options_free (options);
  return g_bytes_new_take (wire, strlen (wire));
}

typedef struct
{
  const guint8 *data;
  gsize         left;
} Upload;

static size_t
on_curl_read (char   *buffer,
              size_t  size,
              size_t  count,
              void   *user_data)
{
  Upload *upload = user_data;
  size_t n = MIN (size * count, upload->left);

  memcpy (buffer, upload->data, n);
  upload->data += n;
  upload->left -= n;
  return n;
}

static void
set_connection (RapportMailer *self)
{
  g_autofree char *url = g_strdup_printf ("%s://%s:%u", self->settings->implicit_tls ? "smtps" : "smtp",
                                          self->settings->host, self->settings->port);

  curl_easy_reset (self->curl);
  curl_easy_setopt (self->curl, CURLOPT_URL, url);
  curl_easy_setopt (self->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (self->curl, CURLOPT_CONNECTTIMEOUT, 20L);
  curl_easy_setopt (self->curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt (self->curl, CURLOPT_LOW_SPEED_TIME, 60L);
  if (!self->settings->implicit_tls)
    curl_easy_setopt (self->curl, CURLOPT_USE_SSL, (long) CURLUSESSL_ALL);
  if (self->settings->certificate != NULL)
    curl_easy_setopt (self->curl, CURLOPT_CAINFO, self->settings->certificate);
  if (self->settings->user != NULL)
    {
      curl_easy_setopt (self->curl, CURLOPT_USERNAME, self->settings->user);
      curl_easy_setopt (self->curl, CURLOPT_PASSWORD, self->password ? self->password : "");
    }
  self->error_buffer[0] = '\0';
  curl_easy_setopt (self->curl, CURLOPT_ERRORBUFFER, self->error_buffer);
  curl_easy_setopt (self->curl, CURLOPT_DEBUGFUNCTION, on_curl_debug);
  curl_easy_setopt (self->curl, CURLOPT_DEBUGDATA, self);
  curl_easy_setopt (self->curl, CURLOPT_VERBOSE, 1L);
  g_string_truncate (self->last_answer, 0);
  g_string_truncate (self->refusal, 0);
}

/* What the server or the network said, for people: the server's own words
 * when it gave some. */
static char *
dup_reason (RapportMailer *self,
            CURLcode       code)
{
  if (self->refusal->len > 0)
    return g_utf8_make_valid (self->refusal->str, -1);
  if (self->error_buffer[0] != '\0')
    return g_utf8_make_valid (self->error_buffer, -1);
  return g_strdup (curl_easy_strerror (code));
}

static RapportMailResult
classify (RapportMailer  *self,
          CURLcode        code,
          GError        **error)
{
  g_autofree char *reason = dup_reason (self, code);
  long answer = 0;

  curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &answer);

  switch (code)
    {
    case CURLE_OK:
      return RAPPORT_MAIL_SENT;
    case CURLE_LOGIN_DENIED:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("The mail server %s refused the login (%s). Check the user name and password in Preferences."),
                   self->settings->host, reason);
      return RAPPORT_MAIL_FATAL;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("The mail server %s:%u cannot be reached (%s). Check the network and the server in Preferences."),
                   self->settings->host, self->settings->port, reason);
      return RAPPORT_MAIL_FATAL;
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO,
                   _("No secure connection to the mail server %s could be made (%s). Check its port, its security setting and its certificate in Preferences."),
                   self->settings->host, reason);
      return RAPPORT_MAIL_FATAL;
    default:
      break;
    }

  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_IO, reason);
  if (answer >= 500 && answer < 600)
    return RAPPORT_MAIL_PERMANENT;
  /* 4xx, or the connection went: later, on a new connection. */
  return RAPPORT_MAIL_TEMPORARY;
}

/**
 * rapport_mailer_send:
 * @self: a mailer
 * @to_address: the envelope's recipient
 * @message: from rapport_mailer_compose()
 * @error: return location for the server's reason when not sent
 *
 * Returns: whether the server took the message, or how it failed
 */
RapportMailResult
rapport_mailer_send (RapportMailer  *self,
                     const char     *to_address,
                     GBytes         *message,
                     GError        **error)
{
  g_autofree char *from = g_strdup_printf ("<%s>", self->settings->from_address);
  g_autofree char *to = g_strdup_printf ("<%s>", to_address);
  struct curl_slist *recipients = curl_slist_append (NULL, to);
  Upload upload = { g_bytes_get_data (message, NULL), g_bytes_get_size (message) };
  CURLcode code;
  RapportMailResult result;

  set_connection (self);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_FROM, from);
  curl_easy_setopt (self->curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt (self->curl, CURLOPT_READFUNCTION, on_curl_read);
  curl_easy_setopt (self->curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt (self->curl, CURLOPT_UPLOAD, 1L);

  code = curl_easy_perform (self->curl);
  result = classify (self, code, error);
  curl_slist_free_all (recipients);
  return result;
}

/**
 * rapport_mailer_test_connection:
 * @self: a mailer
 * @answer: (out) (optional): the server's last answer
 * @error: return location for what went wrong, for people
 *
 * Connects, secures the connection, logs in and says NOOP.
 */
gboolean
rapport_mailer_test_connection (RapportMailer  *self,
                                char          **answer,
                                GError        **error)
{
  CURLcode code;

  set_connection (self);
  curl_easy_setopt (self->curl, CURLOPT_CUSTOMREQUEST, "NOOP");
  curl_easy_setopt (self->curl, CURLOPT_NOBODY, 1L);
  code = curl_easy_perform (self->curl);
  if (answer != NULL)
    *answer = g_utf8_make_valid (self->last_answer->str, -1);
  return classify (self, code, error) == RAPPORT_MAIL_SENT;
}
