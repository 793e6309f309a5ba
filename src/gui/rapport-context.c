/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include <locale.h>

#include "rapport-analytics.h"
#include "rapport-context.h"
#include "rapport-phone-region.h"

/* What every window, page and dialog needs — the database, its
 * repositories and the settings — handed to them at construction instead
 * of reached through globals. */
struct _RapportContext
{
  GObject                       parent_instance;

  RapportDatabase              *database;
  RapportClientRepository      *clients;
  RapportInteractionRepository *interactions;
  RapportStaffRepository       *staff;
  RapportOrderRepository       *orders;
  RapportPaymentRepository     *payments;
  RapportCatalogRepository     *catalog;
  RapportDeliveryRepository    *deliveries;
  RapportCarrierRepository     *carriers;
  RapportWarrantyRepository    *warranties;
  RapportBusinessRepository    *business;
  RapportTaskRepository        *tasks;
  RapportReminders             *reminders;
  RapportSegmentRepository     *segments;
  RapportCampaignRepository    *campaigns;
  RapportAnalytics             *analytics;
  GSettings                    *settings;

  /* The local zone, read again each minute or when TZ changes. */
  GTimeZone                    *zone;
  char                         *zone_tz;
  gint64                        zone_read_at;
};

G_DEFINE_FINAL_TYPE (RapportContext, rapport_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
rapport_context_constructed (GObject *object)
{
  RapportContext *self = RAPPORT_CONTEXT (object);

  G_OBJECT_CLASS (rapport_context_parent_class)->constructed (object);

  self->clients = rapport_client_repository_new (self->database);
  self->interactions = rapport_interaction_repository_new (self->database);
  self->staff = rapport_staff_repository_new (self->database);
  self->orders = rapport_order_repository_new (self->database);
  self->payments = rapport_payment_repository_new (self->database);
  self->catalog = rapport_catalog_repository_new (self->database);
  self->deliveries = rapport_delivery_repository_new (self->database);
  self->carriers = rapport_carrier_repository_new (self->database);
  self->warranties = rapport_warranty_repository_new (self->database);
  self->business = rapport_business_repository_new (self->database);
  self->segments = rapport_segment_repository_new (self->database);
  self->campaigns = rapport_campaign_repository_new (self->database);
  self->analytics = rapport_analytics_new (self->database);
  self->tasks = rapport_task_repository_new (self->database);
  self->reminders = rapport_reminders_new (self->database);
}

static void
rapport_context_finalize (GObject *object)
{
  RapportContext *self = (RapportContext *) object;

  g_clear_object (&self->clients);
  g_clear_object (&self->interactions);
  g_clear_object (&self->staff);
  g_clear_object (&self->orders);
  g_clear_object (&self->payments);
  g_clear_object (&self->catalog);
  g_clear_object (&self->deliveries);
  g_clear_object (&self->carriers);
  g_clear_object (&self->warranties);
  g_clear_object (&self->business);
  g_clear_object (&self->segments);
  g_clear_object (&self->campaigns);
  g_clear_object (&self->analytics);
  g_clear_object (&self->tasks);
  g_clear_object (&self->reminders);
  g_clear_object (&self->database);
  g_clear_object (&self->settings);

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_free (self->zone_tz);

  G_OBJECT_CLASS (rapport_context_parent_class)->finalize (object);
}

static void
rapport_context_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RapportContext *self = RAPPORT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATABASE: g_value_set_object (value, self->database); break;
    case PROP_SETTINGS: g_value_set_object (value, self->settings); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_context_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RapportContext *self = RAPPORT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DATABASE: self->database = g_value_dup_object (value); break;
    case PROP_SETTINGS: self->settings = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_context_class_init (RapportContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = rapport_context_constructed;
  object_class->finalize = rapport_context_finalize;
  object_class->get_property = rapport_context_get_property;
  object_class->set_property = rapport_context_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL, RAPPORT_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rapport_context_init (RapportContext *self)
{
}

RapportContext *
rapport_context_new (RapportDatabase *database,
                     GSettings       *settings)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (RAPPORT_TYPE_CONTEXT, "database", database, "settings", settings, NULL);
}

RapportDatabase *
rapport_context_get_database (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->database;
}

RapportClientRepository *
rapport_context_get_clients (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->clients;
}

RapportInteractionRepository *
rapport_context_get_interactions (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->interactions;
}

RapportStaffRepository *
rapport_context_get_staff (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->staff;
}

RapportOrderRepository *
rapport_context_get_orders (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->orders;
}

RapportPaymentRepository *
rapport_context_get_payments (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->payments;
}

RapportCatalogRepository *
rapport_context_get_catalog (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->catalog;
}

RapportDeliveryRepository *
rapport_context_get_deliveries (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->deliveries;
}

RapportCarrierRepository *
rapport_context_get_carriers (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->carriers;
}

RapportWarrantyRepository *
rapport_context_get_warranties (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->warranties;
}

RapportBusinessRepository *
rapport_context_get_business (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->business;
}

RapportSegmentRepository *
rapport_context_get_segments (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->segments;
}

RapportCampaignRepository *
rapport_context_get_campaigns (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->campaigns;
}

RapportAnalytics *
rapport_context_get_analytics (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->analytics;
}

/* GLib 2.74 reads the local zone's file again for every local time when
 * TZ is not set (g_time_zone_new_local() takes the missing TZ for a change
 * of zone): a tenth of the time a client's card took to open, which asks
 * for the time of day for its list row, its reminders and its history.
 * The zone is kept for a minute, or until TZ changes. */
static GTimeZone *
get_local_zone (RapportContext *self)
{
  const char *tz = g_getenv ("TZ");
  gint64 now = g_get_monotonic_time ();

  if (self->zone == NULL || g_strcmp0 (tz, self->zone_tz) != 0
      || now - self->zone_read_at > 60 * G_USEC_PER_SEC)
    {
      g_clear_pointer (&self->zone, g_time_zone_unref);
      g_free (self->zone_tz);
      self->zone = g_time_zone_new_local ();
      self->zone_tz = g_strdup (tz);
      self->zone_read_at = now;
    }
  return self->zone;
}

/**
 * rapport_context_dup_now:
 * @self: the context
 *
 * Returns: (transfer full): the database clock's time in the local zone:
 *   what “today” and “3 days ago” are counted from
 */
GDateTime *
rapport_context_dup_now (RapportContext *self)
{
  g_autoptr(GDateTime) utc = NULL;

  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);

  utc = g_date_time_new_from_unix_utc (rapport_database_now (self->database));
  return utc ? g_date_time_to_timezone (utc, get_local_zone (self)) : g_date_time_new_now_local ();
}

RapportTaskRepository *
rapport_context_get_tasks (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->tasks;
}

/**
 * rapport_context_get_reminders:
 * @self: the context
 *
 * Returns: (transfer none): what is due, from the same module the notifier
 *   and the command line ask
 */
RapportReminders *
rapport_context_get_reminders (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->reminders;
}

GSettings *
rapport_context_get_settings (RapportContext *self)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);
  return self->settings;
}

/**
 * rapport_context_dup_phone_region:
 * @self: the context
 *
 * Returns: (transfer full): the business's country as the preferences say,
 *   else the country of the locale phone numbers are written in, else an
 *   empty string
 */
char *
rapport_context_dup_phone_region (RapportContext *self)
{
  g_autofree char *chosen = NULL;

  g_return_val_if_fail (RAPPORT_IS_CONTEXT (self), NULL);

  chosen = g_settings_get_string (self->settings, "phone-country");
  if (rapport_phone_region_lookup (chosen) != NULL)
    return g_ascii_strup (chosen, -1);
  return rapport_phone_region_from_locale (setlocale (LC_TELEPHONE, NULL));
}

static void
on_phone_region_set (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (rapport_client_repository_save_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * rapport_context_apply_phone_region_async:
 * @self: the context
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Tells the database the business's country (rapport_context_dup_phone_region()),
 * which makes the phones' match keys again when it changed: on the
 * database's worker, for that can take a while on many clients.
 */
void
rapport_context_apply_phone_region_async (RapportContext      *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *region = NULL;
  g_autofree char *current = NULL;

  g_return_if_fail (RAPPORT_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rapport_context_apply_phone_region_async);
  if (rapport_database_get_read_only (self->database) || rapport_database_get_damaged (self->database))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  region = rapport_context_dup_phone_region (self);
  /* Most of the time nothing changed: a look says so without a write. */
  current = rapport_client_repository_dup_phone_region (self->clients, NULL);
  if (current != NULL && g_ascii_strcasecmp (current, region) == 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  rapport_client_repository_set_phone_region_async (self->clients, region, cancellable,
                                                    on_phone_region_set, g_steal_pointer (&task));
}

gboolean
rapport_context_apply_phone_region_finish (RapportContext  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
