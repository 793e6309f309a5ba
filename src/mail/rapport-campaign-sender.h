/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-campaign.h"
#include "rapport-database.h"
#include "rapport-smtp-settings.h"

G_BEGIN_DECLS

/* A temporary failure is tried again after RETRY_SECONDS, doubled each
 * time up to an hour, at most MAX_ATTEMPTS times in all. */
#define RAPPORT_SEND_RETRY_SECONDS 30
#define RAPPORT_SEND_MAX_ATTEMPTS 5

typedef enum
{
  RAPPORT_SEND_RUN,
  RAPPORT_SEND_PAUSE,   /* stop; the campaign resumes later */
  RAPPORT_SEND_CANCEL,  /* stop; who was not sent to is skipped */
} RapportSendRequest;

typedef struct
{
  guint total;
  guint sent;
  guint failed;
  guint waiting;  /* queued for a retry */
} RapportSendProgress;

typedef void (*RapportSendProgressFunc) (const RapportSendProgress *progress,
                                         gpointer                   data);

/* Shared between whoever sends and whoever may pause or cancel. */
typedef struct
{
  gint   request;       /* RapportSendRequest, atomically */
  guint  retry_seconds; /* 0: RAPPORT_SEND_RETRY_SECONDS */
} RapportSendControl;

gboolean rapport_campaign_send            (RapportDatabase           *database,
                                           gint64                     campaign_id,
                                           const RapportSmtpSettings *settings,
                                           const char                *password,
                                           RapportSendControl        *control,
                                           RapportSendProgressFunc    progress,
                                           gpointer                   progress_data,
                                           GError                   **error);
gboolean rapport_campaign_send_test       (RapportDatabase           *database,
                                           const RapportCampaign     *campaign,
                                           gint64                     client_id,
                                           const RapportSmtpSettings *settings,
                                           const char                *password,
                                           GError                   **error);
void     rapport_send_control_request     (RapportSendControl        *control,
                                           RapportSendRequest         request);

G_END_DECLS
