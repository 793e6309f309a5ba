/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-client-slot-private.h"

/* One place of a client list, and the client it shows now. The list hands
 * out the same slot for a place for as long as someone holds it, and a new
 * search changes what its slots show instead of replacing them: GTK 4.8's
 * list view makes its row widgets anew for every item it has not seen, but
 * keeps them for items it has (GTK 4.12 recycles rows itself). A row
 * follows its slot's #RapportClientSlot:client. */
struct _RapportClientSlot
{
  GObject        parent_instance;

  RapportClient *client;
  guint          position;
};

G_DEFINE_FINAL_TYPE (RapportClientSlot, rapport_client_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_client_slot_finalize (GObject *object)
{
  RapportClientSlot *self = RAPPORT_CLIENT_SLOT (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (rapport_client_slot_parent_class)->finalize (object);
}

static void
rapport_client_slot_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  RapportClientSlot *self = RAPPORT_CLIENT_SLOT (object);

  switch (prop_id)
    {
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_client_slot_class_init (RapportClientSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = rapport_client_slot_finalize;
  object_class->get_property = rapport_client_slot_get_property;

  /**
   * RapportClientSlot:client:
   *
   * The client shown in this place of the list; it changes when a search
   * or a change brings another one here.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, RAPPORT_TYPE_CLIENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_client_slot_init (RapportClientSlot *self)
{
}

RapportClientSlot *
_rapport_client_slot_new (guint          position,
                          RapportClient *client)
{
  RapportClientSlot *self = g_object_new (RAPPORT_TYPE_CLIENT_SLOT, NULL);

  self->position = position;
  self->client = g_object_ref (client);
  return self;
}

/**
 * rapport_client_slot_get_client:
 * @self: a place of a client list
 *
 * Returns: (transfer none): the client shown there now
 */
RapportClient *
rapport_client_slot_get_client (RapportClientSlot *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_SLOT (self), NULL);
  return self->client;
}

guint
_rapport_client_slot_get_position (RapportClientSlot *self)
{
  return self->position;
}

void
_rapport_client_slot_set_position (RapportClientSlot *self,
                                   guint              position)
{
  self->position = position;
}

void
_rapport_client_slot_set_client (RapportClientSlot *self,
                                 RapportClient     *client)
{
  g_return_if_fail (RAPPORT_IS_CLIENT_SLOT (self));
  g_return_if_fail (RAPPORT_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}
