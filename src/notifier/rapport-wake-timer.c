/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-notifier"

/* Sleeps until a moment on the wall clock, with no polling: a timerfd on
 * the real-time clock fires at that moment, also when the machine slept
 * through it (it fires on resume), and is cancelled when the clock is set
 * (by hand, or by NTP jumping), which is reported as “fired” too, so the
 * owner looks again either way. */

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "rapport-error.h"
#include "rapport-wake-timer.h"

struct _RapportWakeTimer
{
  GObject  parent_instance;

  int      fd;
  guint    source;
};

G_DEFINE_FINAL_TYPE (RapportWakeTimer, rapport_wake_timer, G_TYPE_OBJECT)

enum {
  FIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
on_ready (int           fd,
          GIOCondition  condition,
          gpointer      user_data)
{
  RapportWakeTimer *self = user_data;
  guint64 expirations = 0;
  gboolean clock_set;

  /* ECANCELED: the clock was set; the timer must be armed again. */
  clock_set = read (fd, &expirations, sizeof expirations) < 0 && errno == ECANCELED;
  g_debug (clock_set ? "The clock was set" : "Woke at the moment asked for");
  g_signal_emit (self, signals[FIRED], 0, clock_set);
  return G_SOURCE_CONTINUE;
}

static void
rapport_wake_timer_finalize (GObject *object)
{
  RapportWakeTimer *self = (RapportWakeTimer *) object;

  g_clear_handle_id (&self->source, g_source_remove);
  if (self->fd >= 0)
    close (self->fd);

  G_OBJECT_CLASS (rapport_wake_timer_parent_class)->finalize (object);
}

static void
rapport_wake_timer_class_init (RapportWakeTimerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_wake_timer_finalize;

  /**
   * RapportWakeTimer::fired:
   * @self: the timer
   * @clock_set: %TRUE when the clock was set rather than the moment reached
   */
  signals[FIRED] = g_signal_new ("fired", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
rapport_wake_timer_init (RapportWakeTimer *self)
{
  self->fd = -1;
}

RapportWakeTimer *
rapport_wake_timer_new (GError **error)
{
  g_autoptr(RapportWakeTimer) self = g_object_new (RAPPORT_TYPE_WAKE_TIMER, NULL);

  self->fd = timerfd_create (CLOCK_REALTIME, TFD_NONBLOCK | TFD_CLOEXEC);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_FAILED,
                   "Cannot make a timer: %s", g_strerror (saved_errno));
      return NULL;
    }
  self->source = g_unix_fd_add (self->fd, G_IO_IN, on_ready, self);
  return g_steal_pointer (&self);
}

/**
 * rapport_wake_timer_set:
 * @self: the timer
 * @utc_seconds: when to fire, on the wall clock; at once when it passed
 */
void
rapport_wake_timer_set (RapportWakeTimer *self,
                        gint64            utc_seconds)
{
  struct itimerspec when = { { 0, 0 }, { 0, 0 } };

  g_return_if_fail (RAPPORT_IS_WAKE_TIMER (self));

  /* Zero would disarm it: a moment long past fires at once instead. */
  when.it_value.tv_sec = (time_t) MAX (utc_seconds, 1);
  if (timerfd_settime (self->fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &when, NULL) != 0)
    g_debug ("Cannot set the timer: %s", g_strerror (errno));
}
