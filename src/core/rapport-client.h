/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rapport-address.h"
#include "rapport-contact-point.h"

G_BEGIN_DECLS

/**
 * RapportClientKind:
 * @RAPPORT_CLIENT_PERSON: a private person
 * @RAPPORT_CLIENT_COMPANY: a company or organization
 */
typedef enum
{
  RAPPORT_CLIENT_PERSON,
  RAPPORT_CLIENT_COMPANY,
} RapportClientKind;

#define RAPPORT_TYPE_CLIENT (rapport_client_get_type ())

G_DECLARE_FINAL_TYPE (RapportClient, rapport_client, RAPPORT, CLIENT, GObject)

RapportClient     *rapport_client_new               (void);
RapportClient     *rapport_client_copy              (RapportClient     *self);

gint64             rapport_client_get_id            (RapportClient     *self);
void               rapport_client_set_id            (RapportClient     *self,
                                                     gint64             id);
RapportClientKind  rapport_client_get_kind          (RapportClient     *self);
void               rapport_client_set_kind          (RapportClient     *self,
                                                     RapportClientKind  kind);
const char        *rapport_client_get_display_name  (RapportClient     *self);
void               rapport_client_set_display_name  (RapportClient     *self,
                                                     const char        *name);
const char        *rapport_client_get_given_name    (RapportClient     *self);
void               rapport_client_set_given_name    (RapportClient     *self,
                                                     const char        *name);
const char        *rapport_client_get_family_name   (RapportClient     *self);
void               rapport_client_set_family_name   (RapportClient     *self,
                                                     const char        *name);
const char        *rapport_client_get_organization  (RapportClient     *self);
void               rapport_client_set_organization  (RapportClient     *self,
                                                     const char        *organization);
const char        *rapport_client_get_notes         (RapportClient     *self);
void               rapport_client_set_notes         (RapportClient     *self,
                                                     const char        *notes);
const char        *rapport_client_get_birthday      (RapportClient     *self);
void               rapport_client_set_birthday      (RapportClient     *self,
                                                     const char        *iso_date);
gint64             rapport_client_get_owner_id      (RapportClient     *self);
void               rapport_client_set_owner_id      (RapportClient     *self,
                                                     gint64             staff_id);
gint64             rapport_client_get_created_at    (RapportClient     *self);
gint64             rapport_client_get_updated_at    (RapportClient     *self);
gint64             rapport_client_get_archived_at   (RapportClient     *self);
gboolean           rapport_client_get_archived      (RapportClient     *self);
gint64             rapport_client_get_last_contact_at (RapportClient   *self);
const char        *rapport_client_get_main_phone    (RapportClient     *self);
const char        *rapport_client_get_main_email    (RapportClient     *self);
const char * const *rapport_client_get_tags         (RapportClient     *self);
void               rapport_client_set_tags          (RapportClient     *self,
                                                     const char * const *tags);
char              *rapport_client_dup_tags_text     (RapportClient     *self);

GPtrArray         *rapport_client_get_phones        (RapportClient     *self);
GPtrArray         *rapport_client_get_emails        (RapportClient     *self);
GPtrArray         *rapport_client_get_addresses     (RapportClient     *self);
void               rapport_client_add_phone         (RapportClient     *self,
                                                     const char        *label,
                                                     const char        *number);
void               rapport_client_add_email         (RapportClient     *self,
                                                     const char        *label,
                                                     const char        *address);
void               rapport_client_add_address       (RapportClient     *self,
                                                     const RapportAddress *address);

/* Filled in by the store, not by people. */
void               _rapport_client_set_times        (RapportClient     *self,
                                                     gint64             created_at,
                                                     gint64             updated_at,
                                                     gint64             archived_at,
                                                     gint64             last_contact_at);
void               _rapport_client_set_summary      (RapportClient     *self,
                                                     const char        *main_phone,
                                                     const char        *main_email);

G_END_DECLS
