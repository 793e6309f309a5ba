/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RAPPORT_TYPE_CONTACT_POINT_ROW (rapport_contact_point_row_get_type ())

G_DECLARE_FINAL_TYPE (RapportContactPointRow, rapport_contact_point_row, RAPPORT, CONTACT_POINT_ROW, AdwPreferencesRow)

/* A GtkEditable for the number or address it holds.
 * Signals: “remove” when the person asks to remove the row;
 * “entry-activated” when Enter is pressed in it. */
GtkWidget  *rapport_contact_point_row_new         (gboolean                phone,
                                                   const char             *label,
                                                   const char             *value);
gboolean    rapport_contact_point_row_is_phone    (RapportContactPointRow *self);
const char *rapport_contact_point_row_get_label   (RapportContactPointRow *self);
void        rapport_contact_point_row_set_label   (RapportContactPointRow *self,
                                                   const char             *label);
char       *rapport_contact_point_row_dup_value   (RapportContactPointRow *self);
gboolean    rapport_contact_point_row_check       (RapportContactPointRow *self,
                                                   GError                **error);
const char *rapport_contact_point_row_get_message (RapportContactPointRow *self);
void        rapport_contact_point_row_set_message (RapportContactPointRow *self,
                                                   const char             *message);

G_END_DECLS
