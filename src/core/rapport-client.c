/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-client.h"
#include "rapport-core-enums.h"
#include "rapport-set-str-private.h"

struct _RapportClient
{
  GObject            parent_instance;

  gint64             id;
  RapportClientKind  kind;
  char              *display_name;
  char              *given_name;
  char              *family_name;
  char              *organization;
  char              *notes;
  char              *birthday;
  gint64             owner_id;
  gint64             created_at;
  gint64             updated_at;
  gint64             archived_at;
  gint64             last_contact_at;
  GStrv              tags;

  /* A list row knows only the first phone and e-mail; a card knows all. */
  char              *main_phone;
  char              *main_email;
  GPtrArray         *phones;
  GPtrArray         *emails;
  GPtrArray         *addresses;
};

G_DEFINE_FINAL_TYPE (RapportClient, rapport_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_DISPLAY_NAME,
  PROP_GIVEN_NAME,
  PROP_FAMILY_NAME,
  PROP_ORGANIZATION,
  PROP_NOTES,
  PROP_BIRTHDAY,
  PROP_OWNER_ID,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_ARCHIVED_AT,
  PROP_ARCHIVED,
  PROP_LAST_CONTACT_AT,
  PROP_MAIN_PHONE,
  PROP_MAIN_EMAIL,
  PROP_TAGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_client_finalize (GObject *object)
{
  RapportClient *self = (RapportClient *) object;

  g_free (self->display_name);
  g_free (self->given_name);
  g_free (self->family_name);
  g_free (self->organization);
  g_free (self->notes);
  g_free (self->birthday);
  g_strfreev (self->tags);
  g_free (self->main_phone);
  g_free (self->main_email);
  g_ptr_array_unref (self->phones);
  g_ptr_array_unref (self->emails);
  g_ptr_array_unref (self->addresses);

  G_OBJECT_CLASS (rapport_client_parent_class)->finalize (object);
}

static void
rapport_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  RapportClient *self = RAPPORT_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_DISPLAY_NAME: g_value_set_string (value, self->display_name); break;
    case PROP_GIVEN_NAME: g_value_set_string (value, self->given_name); break;
    case PROP_FAMILY_NAME: g_value_set_string (value, self->family_name); break;
    case PROP_ORGANIZATION: g_value_set_string (value, self->organization); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_BIRTHDAY: g_value_set_string (value, self->birthday); break;
    case PROP_OWNER_ID: g_value_set_int64 (value, self->owner_id); break;
    case PROP_CREATED_AT: g_value_set_int64 (value, self->created_at); break;
    case PROP_UPDATED_AT: g_value_set_int64 (value, self->updated_at); break;
    case PROP_ARCHIVED_AT: g_value_set_int64 (value, self->archived_at); break;
    case PROP_ARCHIVED: g_value_set_boolean (value, self->archived_at != 0); break;
    case PROP_LAST_CONTACT_AT: g_value_set_int64 (value, self->last_contact_at); break;
    case PROP_MAIN_PHONE: g_value_set_string (value, rapport_client_get_main_phone (self)); break;
    case PROP_MAIN_EMAIL: g_value_set_string (value, rapport_client_get_main_email (self)); break;
    case PROP_TAGS: g_value_set_boxed (value, self->tags); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  RapportClient *self = RAPPORT_CLIENT (object);

  switch (prop_id)
    {
    case PROP_ID: rapport_client_set_id (self, g_value_get_int64 (value)); break;
    case PROP_KIND: rapport_client_set_kind (self, g_value_get_enum (value)); break;
    case PROP_DISPLAY_NAME: rapport_client_set_display_name (self, g_value_get_string (value)); break;
    case PROP_GIVEN_NAME: rapport_client_set_given_name (self, g_value_get_string (value)); break;
    case PROP_FAMILY_NAME: rapport_client_set_family_name (self, g_value_get_string (value)); break;
    case PROP_ORGANIZATION: rapport_client_set_organization (self, g_value_get_string (value)); break;
    case PROP_NOTES: rapport_client_set_notes (self, g_value_get_string (value)); break;
    case PROP_BIRTHDAY: rapport_client_set_birthday (self, g_value_get_string (value)); break;
    case PROP_OWNER_ID: rapport_client_set_owner_id (self, g_value_get_int64 (value)); break;
    case PROP_TAGS: rapport_client_set_tags (self, g_value_get_boxed (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char   *name,
                 GParamFlags   flags)
{
  return g_param_spec_string (name, NULL, NULL, "",
                              flags | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static GParamSpec *
time_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
rapport_client_class_init (RapportClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE;

  object_class->finalize = rapport_client_finalize;
  object_class->get_property = rapport_client_get_property;
  object_class->set_property = rapport_client_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, RAPPORT_TYPE_CLIENT_KIND, RAPPORT_CLIENT_PERSON,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DISPLAY_NAME] = string_property ("display-name", rw);
  properties[PROP_GIVEN_NAME] = string_property ("given-name", rw);
  properties[PROP_FAMILY_NAME] = string_property ("family-name", rw);
  properties[PROP_ORGANIZATION] = string_property ("organization", rw);
  properties[PROP_NOTES] = string_property ("notes", rw);
  properties[PROP_BIRTHDAY] = string_property ("birthday", rw);
  properties[PROP_OWNER_ID] =
    g_param_spec_int64 ("owner-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CREATED_AT] = time_property ("created-at");
  properties[PROP_UPDATED_AT] = time_property ("updated-at");
  properties[PROP_ARCHIVED_AT] = time_property ("archived-at");
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_CONTACT_AT] = time_property ("last-contact-at");
  properties[PROP_MAIN_PHONE] = string_property ("main-phone", G_PARAM_READABLE);
  properties[PROP_MAIN_EMAIL] = string_property ("main-email", G_PARAM_READABLE);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_client_init (RapportClient *self)
{
  self->display_name = g_strdup ("");
  self->given_name = g_strdup ("");
  self->family_name = g_strdup ("");
  self->organization = g_strdup ("");
  self->notes = g_strdup ("");
  self->tags = g_new0 (char *, 1);
  self->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_point_free);
  self->emails = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_contact_point_free);
  self->addresses = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_address_free);
}

RapportClient *
rapport_client_new (void)
{
  return g_object_new (RAPPORT_TYPE_CLIENT, NULL);
}

/**
 * rapport_client_copy:
 * @self: a client
 *
 * Returns: (transfer full): a deep copy, for editing without touching @self
 */
RapportClient *
rapport_client_copy (RapportClient *self)
{
  RapportClient *copy = rapport_client_new ();

  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);

  copy->id = self->id;
  copy->kind = self->kind;
  _rapport_set_str (&copy->display_name, self->display_name);
  _rapport_set_str (&copy->given_name, self->given_name);
  _rapport_set_str (&copy->family_name, self->family_name);
  _rapport_set_str (&copy->organization, self->organization);
  _rapport_set_str (&copy->notes, self->notes);
  _rapport_set_str (&copy->birthday, self->birthday);
  copy->owner_id = self->owner_id;
  copy->created_at = self->created_at;
  copy->updated_at = self->updated_at;
  copy->archived_at = self->archived_at;
  copy->last_contact_at = self->last_contact_at;
  rapport_client_set_tags (copy, (const char * const *) self->tags);
  _rapport_set_str (&copy->main_phone, self->main_phone);
  _rapport_set_str (&copy->main_email, self->main_email);
  for (guint i = 0; i < self->phones->len; i++)
    g_ptr_array_add (copy->phones, rapport_contact_point_copy (g_ptr_array_index (self->phones, i)));
  for (guint i = 0; i < self->emails->len; i++)
    g_ptr_array_add (copy->emails, rapport_contact_point_copy (g_ptr_array_index (self->emails, i)));
  for (guint i = 0; i < self->addresses->len; i++)
    g_ptr_array_add (copy->addresses, rapport_address_copy (g_ptr_array_index (self->addresses, i)));

  return copy;
}

static void
set_string_property (RapportClient  *self,
                     char          **field,
                     const char     *value,
                     int             prop)
{
  if (_rapport_set_str (field, value ? value : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gint64
rapport_client_get_id (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), 0);
  return self->id;
}

void
rapport_client_set_id (RapportClient *self,
                       gint64         id)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

RapportClientKind
rapport_client_get_kind (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), RAPPORT_CLIENT_PERSON);
  return self->kind;
}

void
rapport_client_set_kind (RapportClient     *self,
                         RapportClientKind  kind)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));
  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
rapport_client_get_display_name (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);
  return self->display_name;
}

void
rapport_client_set_display_name (RapportClient *self,
                                 const char    *name)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));
  set_string_property (self, &self->display_name, name, PROP_DISPLAY_NAME);
}

const char *
rapport_client_get_given_name (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);
  return self->given_name;
}

void
rapport_client_set_given_name (RapportClient *self,
                               const char    *name)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));
  set_string_property (self, &self->given_name, name, PROP_GIVEN_NAME);
}

const char *
rapport_client_get_family_name (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);
  return self->family_name;
}

void
rapport_client_set_family_name (RapportClient *self,
                                const char    *name)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));
  set_string_property (self, &self->family_name, name, PROP_FAMILY_NAME);
}

const char *
rapport_client_get_organization (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);
  return self->organization;
}

void
rapport_client_set_organization (RapportClient *self,
                                 const char    *organization)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));
  set_string_property (self, &self->organization, organization, PROP_ORGANIZATION);
}

const char *
rapport_client_get_notes (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);
  return self->notes;
}

void
rapport_client_set_notes (RapportClient *self,
                          const char    *notes)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));
  set_string_property (self, &self->notes, notes, PROP_NOTES);
}

/**
 * rapport_client_get_birthday:
 * @self: a client
 *
 * Returns: (nullable): the birthday as `YYYY-MM-DD`, or %NULL
 */
const char *
rapport_client_get_birthday (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);
  return self->birthday;
}

void
rapport_client_set_birthday (RapportClient *self,
                             const char    *iso_date)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));
  if (iso_date != NULL && *iso_date == '\0')
    iso_date = NULL;
  if (_rapport_set_str (&self->birthday, iso_date))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BIRTHDAY]);
}

gint64
rapport_client_get_owner_id (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), 0);
  return self->owner_id;
}

void
rapport_client_set_owner_id (RapportClient *self,
                             gint64         staff_id)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));
  if (self->owner_id == staff_id)
    return;
  self->owner_id = staff_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER_ID]);
}

gint64
rapport_client_get_created_at (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), 0);
  return self->created_at;
}

gint64
rapport_client_get_updated_at (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), 0);
  return self->updated_at;
}

gint64
rapport_client_get_archived_at (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), 0);
  return self->archived_at;
}

gboolean
rapport_client_get_archived (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), FALSE);
  return self->archived_at != 0;
}

/**
 * rapport_client_get_last_contact_at:
 * @self: a client
 *
 * Returns: when the newest call, meeting, e-mail or visit happened, as UTC
 *   seconds, or 0 when there was none
 */
gint64
rapport_client_get_last_contact_at (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), 0);
  return self->last_contact_at;
}

const char *
rapport_client_get_main_phone (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);

  if (self->phones->len > 0)
    return ((RapportContactPoint *) g_ptr_array_index (self->phones, 0))->value;
  return self->main_phone ? self->main_phone : "";
}

const char *
rapport_client_get_main_email (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);

  if (self->emails->len > 0)
    return ((RapportContactPoint *) g_ptr_array_index (self->emails, 0))->value;
  return self->main_email ? self->main_email : "";
}

/**
 * rapport_client_get_tags:
 * @self: a client
 *
 * Returns: (transfer none): the tags, in the order the person gave them
 */
const char * const *
rapport_client_get_tags (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);
  return (const char * const *) self->tags;
}

/* Tags are trimmed and kept once each, case-insensitively, in order. */
void
rapport_client_set_tags (RapportClient      *self,
                         const char * const *tags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_if_fail (RAPPORT_IS_CLIENT (self));

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag = g_strstrip (_rapport_strdup_valid (tags[i]));
      g_autofree char *key = g_utf8_casefold (tag, -1);

      if (*tag == '\0' || g_hash_table_contains (seen, key))
        continue;
      g_strv_builder_add (builder, tag);
      g_hash_table_add (seen, g_steal_pointer (&key));
    }

  g_strfreev (self->tags);
  self->tags = g_strv_builder_end (builder);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * rapport_client_dup_tags_text:
 * @self: a client
 *
 * Returns: (transfer full): the tags joined with “, ”
 */
char *
rapport_client_dup_tags_text (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);
  return g_strjoinv (", ", self->tags);
}

/**
 * rapport_client_get_phones:
 * @self: a client
 *
 * Returns: (transfer none) (element-type RapportContactPoint): the phones
 */
GPtrArray *
rapport_client_get_phones (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);
  return self->phones;
}

/**
 * rapport_client_get_emails:
 * @self: a client
 *
 * Returns: (transfer none) (element-type RapportContactPoint): the e-mails
 */
GPtrArray *
rapport_client_get_emails (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);
  return self->emails;
}

/**
 * rapport_client_get_addresses:
 * @self: a client
 *
 * Returns: (transfer none) (element-type RapportAddress): the addresses
 */
GPtrArray *
rapport_client_get_addresses (RapportClient *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT (self), NULL);
  return self->addresses;
}

void
rapport_client_add_phone (RapportClient *self,
                          const char    *label,
                          const char    *number)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));
  g_ptr_array_add (self->phones, rapport_contact_point_new (label, number));
  if (self->phones->len == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAIN_PHONE]);
}

void
rapport_client_add_email (RapportClient *self,
                          const char    *label,
                          const char    *address)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));
  g_ptr_array_add (self->emails, rapport_contact_point_new (label, address));
  if (self->emails->len == 1)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAIN_EMAIL]);
}

void
rapport_client_add_address (RapportClient        *self,
                            const RapportAddress *address)
{
  g_return_if_fail (RAPPORT_IS_CLIENT (self));
  g_ptr_array_add (self->addresses, rapport_address_copy (address));
}

void
_rapport_client_set_times (RapportClient *self,
                           gint64         created_at,
                           gint64         updated_at,
                           gint64         archived_at,
                           gint64         last_contact_at)
{
  self->created_at = created_at;
  self->updated_at = updated_at;
  self->archived_at = archived_at;
  self->last_contact_at = last_contact_at;
}

void
_rapport_client_set_summary (RapportClient *self,
                             const char    *main_phone,
                             const char    *main_email)
{
  _rapport_set_str (&self->main_phone, main_phone);
  _rapport_set_str (&self->main_email, main_email);
}
