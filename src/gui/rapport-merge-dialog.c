/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client-duplicates.h"
#include "rapport-client-merge.h"
#include "rapport-format.h"
#include "rapport-merge-dialog.h"
#include "rapport-window.h"

/* Two clients side by side: for each field on which they differ the
 * person picks the value that stays; phones, e-mails and addresses of both
 * stay. The older client (the lower number) is kept, with the other's
 * history moved to it; the main window offers Undo. */

typedef enum
{
  FIELD_GIVEN,
  FIELD_FAMILY,
  FIELD_ORGANIZATION,
  FIELD_BIRTHDAY,
  FIELD_NOTES,
  N_FIELDS,
} Field;

struct _RapportMergeDialog
{
  AdwWindow            parent_instance;

  RapportContext      *context;
  GtkWindow           *main_window;  /* weak */
  gint64               ids[2];
  RapportClient       *clients[2];   /* [0] is kept */
  GtkCheckButton      *choices[N_FIELDS][2];
  gboolean             merging;

  GtkButton           *merge_button;
  GtkBox              *sides_box;
  AdwPreferencesGroup *fields_group;
  AdwPreferencesGroup *united_group;
  GtkLabel            *status_label;
};

G_DEFINE_FINAL_TYPE (RapportMergeDialog, rapport_merge_dialog, ADW_TYPE_WINDOW)

static const char *
field_value (RapportClient *client,
             Field          field)
{
  const char *value = NULL;

  switch (field)
    {
    case FIELD_GIVEN: value = rapport_client_get_given_name (client); break;
    case FIELD_FAMILY: value = rapport_client_get_family_name (client); break;
    case FIELD_ORGANIZATION: value = rapport_client_get_organization (client); break;
    case FIELD_BIRTHDAY: value = rapport_client_get_birthday (client); break;
    case FIELD_NOTES: value = rapport_client_get_notes (client); break;
    case N_FIELDS:
    default: break;
    }
  return value ? value : "";
}

static void
set_field (RapportClient *client,
           Field          field,
           const char    *value)
{
  switch (field)
    {
    case FIELD_GIVEN: rapport_client_set_given_name (client, value); break;
    case FIELD_FAMILY: rapport_client_set_family_name (client, value); break;
    case FIELD_ORGANIZATION: rapport_client_set_organization (client, value); break;
    case FIELD_BIRTHDAY: rapport_client_set_birthday (client, *value ? value : NULL); break;
    case FIELD_NOTES: rapport_client_set_notes (client, value); break;
    case N_FIELDS:
    default: break;
    }
}

static const char *
field_title (Field field)
{
  switch (field)
    {
    case FIELD_GIVEN: return _("Given Name");
    case FIELD_FAMILY: return _("Family Name");
    case FIELD_ORGANIZATION: return _("Organization");
    case FIELD_BIRTHDAY: return _("Birthday");
    case FIELD_NOTES: return _("Notes");
    case N_FIELDS:
    default: return "";
    }
}

static GtkWidget *
side_card (RapportMergeDialog *self,
           RapportClient      *client,
           gboolean            kept)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *name = gtk_label_new (rapport_client_get_display_name (client));
  g_autofree char *number = rapport_format_count (rapport_client_get_id (client));
  /* TRANSLATORS: %s is a client's number */
  g_autofree char *which = g_strdup_printf (kept ? _("No. %s, stays") : _("No. %s, merged into the other"),
                                            number);
  GtkWidget *role = gtk_label_new (which);
  GPtrArray *phones = rapport_client_get_phones (client);
  GPtrArray *emails = rapport_client_get_emails (client);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (box, 6);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_set_margin_top (name, 12);
  gtk_widget_set_margin_start (name, 12);
  gtk_widget_set_margin_end (name, 12);
  gtk_box_append (GTK_BOX (box), name);
  gtk_widget_add_css_class (role, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (role), TRUE);
  gtk_box_append (GTK_BOX (box), role);
  for (guint i = 0; i < phones->len + emails->len && i < 4; i++)
    {
      RapportContactPoint *point = i < phones->len ? g_ptr_array_index (phones, i)
                                                   : g_ptr_array_index (emails, i - phones->len);
      g_autofree char *isolated = rapport_format_left_to_right (point->value);
      GtkWidget *label = gtk_label_new (isolated);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_widget_set_margin_bottom (gtk_widget_get_last_child (box), 12);
  return box;
}

static void
add_choice (RapportMergeDialog *self,
            Field               field)
{
  const char *values[2] = { field_value (self->clients[0], field), field_value (self->clients[1], field) };
  GtkWidget *expander;

  if (g_str_equal (values[0], values[1]) || *values[0] == '\0' || *values[1] == '\0')
    return;  /* nothing to choose: the same, or only one has it */

  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), field_title (field));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  for (guint side = 0; side < 2; side++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *escaped = g_markup_escape_text (values[side], -1);
      /* TRANSLATORS: a field's name, then its value */
      g_autofree char *accessible = g_strdup_printf (_("%s: %s"), field_title (field), values[side]);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), rapport_client_get_display_name (self->clients[side]));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      if (side == 1)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), self->choices[field][0]);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), side == 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
      self->choices[field][side] = GTK_CHECK_BUTTON (check);
    }
  adw_preferences_group_add (self->fields_group, expander);
}

static void
add_united (RapportMergeDialog *self,
            RapportClient      *merged)
{
  GPtrArray *phones = rapport_client_get_phones (merged);
  GPtrArray *emails = rapport_client_get_emails (merged);
  GPtrArray *addresses = rapport_client_get_addresses (merged);
  guint n = 0;

  for (guint i = 0; i < phones->len + emails->len; i++)
    {
      RapportContactPoint *point = i < phones->len ? g_ptr_array_index (phones, i)
                                                   : g_ptr_array_index (emails, i - phones->len);
      g_autofree char *isolated = rapport_format_left_to_right (point->value);
      g_autofree char *escaped = g_markup_escape_text (isolated, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), i < phones->len ? _("Phone") : _("E-mail"));
      adw_preferences_group_add (self->united_group, row);
      n++;
    }
  for (guint i = 0; i < addresses->len; i++)
    {
      g_autofree char *text = rapport_address_format (g_ptr_array_index (addresses, i));
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Address"));
      adw_preferences_group_add (self->united_group, row);
      n++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->united_group), n > 0);
}

static RapportClient *
dup_merged (RapportMergeDialog *self)
{
  RapportClient *merged = rapport_client_merge_values (self->clients[0], self->clients[1]);

  for (guint field = 0; field < N_FIELDS; field++)
    if (self->choices[field][1] != NULL && gtk_check_button_get_active (self->choices[field][1]))
      set_field (merged, field, field_value (self->clients[1], field));
  return merged;
}

static void
show_status (RapportMergeDialog *self,
             const char         *text)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
}

static void
on_merged (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(RapportMergeDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  RapportMergeUndo *undo = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  self->merging = FALSE;
  if (!rapport_client_repository_merge_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &undo, &error))
    {
      show_status (self, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button), TRUE);
      return;
    }

  /* TRANSLATORS: two clients' names */
  title = g_strdup_printf (_("“%s” merged into “%s”"), rapport_client_get_display_name (self->clients[1]),
                           rapport_client_get_display_name (self->clients[0]));
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  if (self->main_window != NULL && RAPPORT_IS_WINDOW (self->main_window))
    {
      rapport_window_set_merge_undo (RAPPORT_WINDOW (self->main_window), undo);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo-merge");
      adw_toast_set_timeout (toast, 10);
      rapport_window_add_toast (RAPPORT_WINDOW (self->main_window), toast);
    }
  else
    {
      rapport_merge_undo_free (undo);
      g_object_unref (g_object_ref_sink (toast));
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_merge_clicked (RapportMergeDialog *self)
{
  g_autoptr(RapportClient) merged = NULL;

  if (self->merging || self->clients[0] == NULL)
    return;
  self->merging = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button), FALSE);
  show_status (self, _("Merging…"));
  merged = dup_merged (self);
  rapport_client_repository_merge_async (rapport_context_get_clients (self->context), self->ids[0], self->ids[1],
                                         merged, NULL, on_merged, g_object_ref (self));
}

/* The two clients, read on the main thread: two indexed rows and theirs. */
static void
load (RapportMergeDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loaded = rapport_client_repository_load_details (rapport_context_get_clients (self->context),
                                                                         self->ids, 2, &error);
  g_autoptr(RapportClient) merged = NULL;

  if (loaded == NULL || g_ptr_array_index (loaded, 0) == NULL || g_ptr_array_index (loaded, 1) == NULL)
    {
      show_status (self, error ? error->message : _("One of the two clients no longer exists."));
      return;
    }
  self->clients[0] = g_object_ref (g_ptr_array_index (loaded, 0));
  self->clients[1] = g_object_ref (g_ptr_array_index (loaded, 1));

  gtk_box_append (self->sides_box, side_card (self, self->clients[0], TRUE));
  gtk_box_append (self->sides_box, side_card (self, self->clients[1], FALSE));
  for (guint field = 0; field < N_FIELDS; field++)
    add_choice (self, field);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), gtk_widget_get_first_child (GTK_WIDGET (self->fields_group)) != NULL);
  merged = rapport_client_merge_values (self->clients[0], self->clients[1]);
  add_united (self, merged);
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button), TRUE);
}

static void
rapport_merge_dialog_dispose (GObject *object)
{
  RapportMergeDialog *self = RAPPORT_MERGE_DIALOG (object);

  g_clear_weak_pointer (&self->main_window);
  G_OBJECT_CLASS (rapport_merge_dialog_parent_class)->dispose (object);
}

static void
rapport_merge_dialog_finalize (GObject *object)
{
  RapportMergeDialog *self = RAPPORT_MERGE_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_object (&self->clients[0]);
  g_clear_object (&self->clients[1]);

  G_OBJECT_CLASS (rapport_merge_dialog_parent_class)->finalize (object);
}

static void
rapport_merge_dialog_class_init (RapportMergeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_merge_dialog_dispose;
  object_class->finalize = rapport_merge_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-merge-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, merge_button);
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, sides_box);
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, fields_group);
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, united_group);
  gtk_widget_class_bind_template_child (widget_class, RapportMergeDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_merge_clicked);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_merge_dialog_init (RapportMergeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_merge_dialog_new:
 * @context: the open data
 * @a: a client
 * @b: another
 * @main_window: (nullable): where the merge is told, with Undo
 *
 * Returns: (transfer none): the dialog; present it
 */
GtkWidget *
rapport_merge_dialog_new (RapportContext *context,
                          gint64          a,
                          gint64          b,
                          GtkWindow      *main_window)
{
  RapportMergeDialog *self = g_object_new (RAPPORT_TYPE_MERGE_DIALOG, NULL);

  self->context = g_object_ref (context);
  self->ids[0] = MIN (a, b);
  self->ids[1] = MAX (a, b);
  g_set_weak_pointer (&self->main_window, main_window);
  load (self);
  return GTK_WIDGET (self);
}
