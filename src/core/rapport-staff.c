/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-error.h"
#include "rapport-set-str-private.h"
#include "rapport-staff.h"

struct _RapportStaff
{
  GObject   parent_instance;

  gint64    id;
  char     *name;
  char     *role;
  gboolean  active;
};

G_DEFINE_FINAL_TYPE (RapportStaff, rapport_staff, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_ACTIVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_staff_finalize (GObject *object)
{
  RapportStaff *self = (RapportStaff *) object;

  g_free (self->name);
  g_free (self->role);

  G_OBJECT_CLASS (rapport_staff_parent_class)->finalize (object);
}

static void
rapport_staff_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RapportStaff *self = RAPPORT_STAFF (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_ROLE: g_value_set_string (value, self->role); break;
    case PROP_ACTIVE: g_value_set_boolean (value, self->active); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_staff_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  RapportStaff *self = RAPPORT_STAFF (object);

  switch (prop_id)
    {
    case PROP_ID: rapport_staff_set_id (self, g_value_get_int64 (value)); break;
    case PROP_NAME: rapport_staff_set_name (self, g_value_get_string (value)); break;
    case PROP_ROLE: rapport_staff_set_role (self, g_value_get_string (value)); break;
    case PROP_ACTIVE: rapport_staff_set_active (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_staff_class_init (RapportStaffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = rapport_staff_finalize;
  object_class->get_property = rapport_staff_get_property;
  object_class->set_property = rapport_staff_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, "", flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_staff_init (RapportStaff *self)
{
  self->name = g_strdup ("");
  self->role = g_strdup ("");
  self->active = TRUE;
}

RapportStaff *
rapport_staff_new (const char *name,
                   const char *role)
{
  return g_object_new (RAPPORT_TYPE_STAFF, "name", name, "role", role, NULL);
}

gint64
rapport_staff_get_id (RapportStaff *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF (self), 0);
  return self->id;
}

void
rapport_staff_set_id (RapportStaff *self,
                      gint64        id)
{
  g_return_if_fail (RAPPORT_IS_STAFF (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
rapport_staff_get_name (RapportStaff *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF (self), NULL);
  return self->name;
}

void
rapport_staff_set_name (RapportStaff *self,
                        const char   *name)
{
  g_return_if_fail (RAPPORT_IS_STAFF (self));
  if (_rapport_set_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
rapport_staff_get_role (RapportStaff *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF (self), NULL);
  return self->role;
}

void
rapport_staff_set_role (RapportStaff *self,
                        const char   *role)
{
  g_return_if_fail (RAPPORT_IS_STAFF (self));
  if (_rapport_set_str (&self->role, role ? role : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

gboolean
rapport_staff_get_active (RapportStaff *self)
{
  g_return_val_if_fail (RAPPORT_IS_STAFF (self), FALSE);
  return self->active;
}

void
rapport_staff_set_active (RapportStaff *self,
                          gboolean      active)
{
  g_return_if_fail (RAPPORT_IS_STAFF (self));
  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/**
 * rapport_staff_tidy:
 * @self: a staff member a person entered or changed
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * Trims the name and role; a staff member needs a name.
 *
 * Returns: whether @self may be saved
 */
gboolean
rapport_staff_tidy (RapportStaff  *self,
                    GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;

  g_return_val_if_fail (RAPPORT_IS_STAFF (self), FALSE);

  if ((self->name != NULL && !g_utf8_validate (self->name, -1, NULL))
      || (self->role != NULL && !g_utf8_validate (self->role, -1, NULL)))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("The name or the role is not valid text."));
      return FALSE;
    }

  name = g_strstrip (g_strdup (self->name ? self->name : ""));
  role = g_strstrip (g_strdup (self->role ? self->role : ""));
  if (*name == '\0')
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("A staff member needs a name."));
      return FALSE;
    }

  rapport_staff_set_name (self, name);
  rapport_staff_set_role (self, role);
  return TRUE;
}
