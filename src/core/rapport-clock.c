/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-clock.h"

/* Every place that stamps or compares time asks a clock, so that tests (and
 * whatever must reason about “now”, such as reminders) control time. */
struct _RapportClock
{
  GObject  parent_instance;

  gboolean fixed;
  gint64   now;     /* UTC seconds, when fixed */
};

G_DEFINE_FINAL_TYPE (RapportClock, rapport_clock, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
rapport_clock_class_init (RapportClockClass *klass)
{
  /**
   * RapportClock::changed:
   * @self: the clock
   *
   * The time moved other than by its steady course: a fixed clock was set
   * or advanced. Whoever sleeps until a moment computes it again.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
rapport_clock_init (RapportClock *self)
{
}

/**
 * rapport_clock_new_system:
 *
 * Returns: (transfer full): a clock that reads the system's time
 */
RapportClock *
rapport_clock_new_system (void)
{
  return g_object_new (RAPPORT_TYPE_CLOCK, NULL);
}

/**
 * rapport_clock_new_fixed:
 * @utc_seconds: the moment it shows, in seconds since the epoch
 *
 * Returns: (transfer full): a clock that stands still until it is set or
 *   advanced
 */
RapportClock *
rapport_clock_new_fixed (gint64 utc_seconds)
{
  RapportClock *self = g_object_new (RAPPORT_TYPE_CLOCK, NULL);

  self->fixed = TRUE;
  self->now = utc_seconds;
  return self;
}

gboolean
rapport_clock_is_fixed (RapportClock *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLOCK (self), FALSE);
  return self->fixed;
}

/**
 * rapport_clock_get_now:
 * @self: a clock
 *
 * Returns: the time, in UTC seconds since the epoch
 */
gint64
rapport_clock_get_now (RapportClock *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLOCK (self), 0);

  if (self->fixed)
    return self->now;
  return g_get_real_time () / G_USEC_PER_SEC;
}

/**
 * rapport_clock_set_now:
 * @self: a fixed clock
 * @utc_seconds: the moment it shows from now on
 */
void
rapport_clock_set_now (RapportClock *self,
                       gint64        utc_seconds)
{
  g_return_if_fail (RAPPORT_IS_CLOCK (self));
  g_return_if_fail (self->fixed);

  self->now = utc_seconds;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * rapport_clock_advance:
 * @self: a fixed clock
 * @seconds: how far to move it; negative goes back
 */
void
rapport_clock_advance (RapportClock *self,
                       gint64        seconds)
{
  g_return_if_fail (RAPPORT_IS_CLOCK (self));
  g_return_if_fail (self->fixed);

  rapport_clock_set_now (self, self->now + seconds);
}
