/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RapportDeliveryStatus:
 * @RAPPORT_DELIVERY_PLANNED: agreed, not yet packed
 * @RAPPORT_DELIVERY_PACKED: ready to go
 * @RAPPORT_DELIVERY_SHIPPED: handed to the carrier
 * @RAPPORT_DELIVERY_IN_TRANSIT: on its way, as the carrier says
 * @RAPPORT_DELIVERY_DELIVERED: the client has it
 * @RAPPORT_DELIVERY_RETURNED: it came back after it was delivered
 * @RAPPORT_DELIVERY_FAILED: it never arrived
 */
typedef enum
{
  RAPPORT_DELIVERY_PLANNED,
  RAPPORT_DELIVERY_PACKED,
  RAPPORT_DELIVERY_SHIPPED,
  RAPPORT_DELIVERY_IN_TRANSIT,
  RAPPORT_DELIVERY_DELIVERED,
  RAPPORT_DELIVERY_RETURNED,
  RAPPORT_DELIVERY_FAILED,
} RapportDeliveryStatus;

#define RAPPORT_DELIVERY_N_STATUSES (RAPPORT_DELIVERY_FAILED + 1)

/**
 * RapportDeliveryLine:
 * @order_line_id: the order line it carries some of
 * @name: what the line sells (read back; ignored when saving)
 * @unit: its unit, or empty (read back)
 * @serial_number: its serial number, or empty (read back)
 * @quantity: how much of it, in thousandths
 */
typedef struct
{
  gint64  order_line_id;
  char   *name;
  char   *unit;
  char   *serial_number;
  gint64  quantity;
} RapportDeliveryLine;

/**
 * RapportDelivery:
 * @id: 0 until saved
 * @order_id: the order it delivers
 * @order_number: its number (read back)
 * @client_id: the order's client (read back)
 * @client_name: the client's name (read back)
 * @carrier_id: who carries it
 * @carrier_name: the carrier's name (read back)
 * @carrier_pickup: whether the carrier is a pick-up (read back)
 * @tracking_number: may be empty
 * @tracking_uri: where @tracking_number is looked up, or empty (read back)
 * @address: where it goes, a copy of one of the client's addresses; may
 *   be empty only for a pick-up
 * @planned_on: the day it is planned for, `YYYY-MM-DD`
 * @status: where it is
 * @delivered_on: (nullable): the day it was delivered
 * @staff_id: who planned it, or 0
 * @notes: may be empty
 * @lines: (element-type RapportDeliveryLine): what it carries
 */
typedef struct
{
  gint64                 id;
  gint64                 order_id;
  char                  *order_number;
  gint64                 client_id;
  char                  *client_name;
  gint64                 carrier_id;
  char                  *carrier_name;
  gboolean               carrier_pickup;
  char                  *tracking_number;
  char                  *tracking_uri;
  char                  *address;
  char                  *planned_on;
  RapportDeliveryStatus  status;
  char                  *delivered_on;
  gint64                 staff_id;
  char                  *notes;
  GPtrArray             *lines;
} RapportDelivery;

/**
 * RapportDeliverable:
 * @order_line_id: an order line
 * @name: what it sells
 * @unit: its unit, or empty
 * @kind_product: whether it is goods (services are not delivered)
 * @ordered: the quantity ordered, in thousandths
 * @held: the quantity in deliveries that are delivered or on their way
 * @delivered: the quantity delivered
 * @n_deliveries: how many deliveries carry some of it, whatever their
 *   status: a line in one is history and is never deleted
 *
 * How much of an order line is left to deliver: @ordered − @held.
 */
typedef struct
{
  gint64    order_line_id;
  char     *name;
  char     *unit;
  gboolean  kind_product;
  gint64    ordered;
  gint64    held;
  gint64    delivered;
  guint     n_deliveries;
} RapportDeliverable;

/**
 * RapportDeliveryChange:
 * @status: the status it took
 * @changed_at: when, UTC seconds
 * @staff_name: who, or empty
 * @note: may be empty
 */
typedef struct
{
  RapportDeliveryStatus  status;
  gint64                 changed_at;
  char                  *staff_name;
  char                  *note;
} RapportDeliveryChange;

/**
 * RapportCarrier:
 * @id: 0 until saved
 * @name: “Post”, “Own courier”, “Pick-up in the shop”…
 * @pickup: the client collects it: no address is needed
 * @tracking_pattern: an address with `{tracking}` where a tracking number
 *   is looked up, or empty
 * @active: offered for new deliveries; a carrier once used is never deleted
 */
typedef struct
{
  gint64    id;
  char     *name;
  gboolean  pickup;
  char     *tracking_pattern;
  gboolean  active;
} RapportCarrier;

/**
 * RapportWarranty:
 * @id: its id
 * @order_line_id: the order line it covers
 * @delivery_id: the delivery that brought it
 * @order_number: the order's number
 * @client_id: whose it is
 * @client_name: the client's name
 * @product: what it covers
 * @serial_number: may be empty
 * @quantity: how many, in thousandths
 * @starts_on: the day it was delivered, `YYYY-MM-DD`
 * @ends_on: its last day, `YYYY-MM-DD`
 */
typedef struct
{
  gint64  id;
  gint64  order_line_id;
  gint64  delivery_id;
  char   *order_number;
  gint64  client_id;
  char   *client_name;
  char   *product;
  char   *serial_number;
  gint64  quantity;
  char   *starts_on;
  char   *ends_on;
} RapportWarranty;

RapportDelivery     *rapport_delivery_new                (gint64                 order_id);
void                 rapport_delivery_free               (RapportDelivery       *self);
void                 rapport_delivery_add_line           (RapportDelivery       *self,
                                                          gint64                 order_line_id,
                                                          gint64                 quantity);
void                 rapport_delivery_line_free          (RapportDeliveryLine   *self);
void                 rapport_deliverable_free            (RapportDeliverable    *self);
void                 rapport_delivery_change_free        (RapportDeliveryChange *self);
RapportCarrier      *rapport_carrier_new                 (const char            *name);
void                 rapport_carrier_free                (RapportCarrier        *self);
void                 rapport_warranty_free               (RapportWarranty       *self);

const char          *rapport_delivery_status_to_string   (RapportDeliveryStatus  status);
gboolean             rapport_delivery_status_from_string (const char            *text,
                                                          RapportDeliveryStatus *status);
const char          *rapport_delivery_status_get_label   (RapportDeliveryStatus  status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportDelivery, rapport_delivery_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportCarrier, rapport_carrier_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportWarranty, rapport_warranty_free)

G_END_DECLS
