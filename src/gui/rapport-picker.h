/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * RapportSuggestion:
 * @id: what is picked; 0 for “the text as it is written”
 * @title: what the row says
 * @subtitle: (nullable): a second, dimmer line
 */
typedef struct
{
  gint64  id;
  char   *title;
  char   *subtitle;
} RapportSuggestion;

RapportSuggestion *rapport_suggestion_new  (gint64             id,
                                            const char        *title,
                                            const char        *subtitle);
void               rapport_suggestion_free (RapportSuggestion *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportSuggestion, rapport_suggestion_free)

#define RAPPORT_TYPE_PICKER (rapport_picker_get_type ())

G_DECLARE_FINAL_TYPE (RapportPicker, rapport_picker, RAPPORT, PICKER, GtkWidget)

GtkWidget  *rapport_picker_new             (void);
const char *rapport_picker_get_text        (RapportPicker *self);
void        rapport_picker_set_text        (RapportPicker *self,
                                            const char    *text);
void        rapport_picker_set_suggestions (RapportPicker *self,
                                            GPtrArray     *suggestions);
void        rapport_picker_clear           (RapportPicker *self);
GtkWidget  *rapport_picker_get_entry       (RapportPicker *self);

G_END_DECLS
