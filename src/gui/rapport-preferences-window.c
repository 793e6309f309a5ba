/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-business-page.h"
#include "rapport-catalog-page.h"
#include "rapport-delivery-preferences.h"
#include "rapport-backups-page.h"
#include "rapport-mail-page.h"
#include "rapport-format.h"
#include "rapport-phone-region.h"
#include "rapport-preferences-window.h"
#include "rapport-staff-row.h"
#include "rapport-widget-util.h"

struct _RapportPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  RapportContext       *context;
  GHashTable           *staff_rows;    /* staff id → RapportStaffRow, borrowed */

  GtkEditable          *new_name_row;
  GtkEditable          *new_role_row;
  GtkLabel             *add_error;
  GtkWidget            *add_button;
  GtkListBox           *staff_list;
  GtkSwitch            *background_switch;
  AdwComboRow          *country_row;
  GPtrArray            *country_codes;  /* in the country row's order; "" first */
  gboolean              filling;

  RapportStaff         *adding;        /* while it is saved */
};

G_DEFINE_FINAL_TYPE (RapportPreferencesWindow, rapport_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static void
add_toast (RapportPreferencesWindow *self,
           const char               *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
}

/* By name, as people look for them, whatever the letters' case. */
static int
compare_rows (GtkListBoxRow *row_a,
              GtkListBoxRow *row_b,
              gpointer       user_data)
{
  RapportStaff *a = rapport_staff_row_get_staff (RAPPORT_STAFF_ROW (row_a));
  RapportStaff *b = rapport_staff_row_get_staff (RAPPORT_STAFF_ROW (row_b));
  g_autofree char *name_a = g_utf8_casefold (rapport_staff_get_name (a), -1);
  g_autofree char *name_b = g_utf8_casefold (rapport_staff_get_name (b), -1);
  int order = g_utf8_collate (name_a, name_b);

  if (order != 0)
    return order;
  return rapport_staff_get_id (a) < rapport_staff_get_id (b) ? -1 : 1;
}

/* The list follows the database, whoever changed it. Rows are updated in
 * place, so the person's focus and open rows stay where they were. */
static void
update_staff (RapportPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = rapport_staff_repository_list (rapport_context_get_staff (self->context),
                                                                       TRUE, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer row;

  if (staff == NULL)
    {
      add_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < staff->len; i++)
    {
      RapportStaff *member = g_ptr_array_index (staff, i);
      gint64 id = rapport_staff_get_id (member);

      row = g_hash_table_lookup (self->staff_rows, &id);
      if (row != NULL)
        {
          rapport_staff_row_set_staff (row, member);
          gtk_list_box_row_changed (row);
        }
      else
        {
          gint64 *key = g_new (gint64, 1);

          *key = id;
          row = rapport_staff_row_new (rapport_context_get_staff (self->context), member);
          g_hash_table_insert (self->staff_rows, key, row);
          gtk_list_box_append (self->staff_list, row);
        }
      g_hash_table_add (seen, row);
    }

  /* Staff are never deleted; a database replaced underneath is another
   * matter. */
  g_hash_table_iter_init (&iter, self->staff_rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    {
      if (!g_hash_table_contains (seen, row))
        {
          gtk_list_box_remove (self->staff_list, row);
          g_hash_table_iter_remove (&iter);
        }
    }
}

static void
on_database_changed (RapportPreferencesWindow *self,
                     const char               *kind)
{
  if (rapport_database_change_concerns (kind, RAPPORT_KIND_STAFF))
    update_staff (self);
}

static void
show_add_error (RapportPreferencesWindow *self,
                const char               *message)
{
  gtk_label_set_text (self->add_error, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->add_error), message != NULL);
  rapport_widget_set_invalid (GTK_WIDGET (self->new_name_row), message != NULL);
}

static void
on_new_name_changed (RapportPreferencesWindow *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->add_error)))
    show_add_error (self, NULL);
}

static void
on_added (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RapportPreferencesWindow) self = user_data;
  g_autoptr(RapportStaff) staff = g_steal_pointer (&self->adding);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  gtk_widget_set_sensitive (self->add_button, TRUE);
  /* The repository says what is wrong, in words for people. */
  if (!rapport_staff_repository_save_finish (RAPPORT_STAFF_REPOSITORY (source), result, &error))
    {
      show_add_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_name_row));
      return;
    }

  show_add_error (self, NULL);
  gtk_editable_set_text (self->new_name_row, "");
  gtk_editable_set_text (self->new_role_row, "");
  /* Ready for the next one. */
  gtk_widget_grab_focus (GTK_WIDGET (self->new_name_row));

  /* TRANSLATORS: a toast, after a staff member was added */
  message = g_strdup_printf (_("“%s” added"), rapport_staff_get_name (staff));
  add_toast (self, message);
}

typedef struct
{
  const char *code;
  char       *name;
} Country;

static int
compare_countries (gconstpointer a,
                   gconstpointer b)
{
  return g_utf8_collate (((const Country *) a)->name, ((const Country *) b)->name);
}

/* The countries by their names in the reader's language, after “Not Set”. */
static void
fill_countries (RapportPreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *current = rapport_context_dup_phone_region (self->context);
  guint n_regions, selected = 0;
  const RapportPhoneRegion *regions = rapport_phone_region_get_all (&n_regions);
  g_autoptr(GArray) countries = g_array_sized_new (FALSE, FALSE, sizeof (Country), n_regions);

  for (guint i = 0; i < n_regions; i++)
    {
      Country country = { regions[i].region, rapport_format_country (regions[i].region) };
      g_array_append_val (countries, country);
    }
  g_array_sort (countries, compare_countries);

  self->country_codes = g_ptr_array_new ();
  g_ptr_array_add (self->country_codes, (gpointer) "");
  gtk_string_list_append (names, _("Not Set"));
  for (guint i = 0; i < countries->len; i++)
    {
      Country *country = &g_array_index (countries, Country, i);
      g_autofree char *code = rapport_format_left_to_right (country->code);
      g_autofree char *shown = NULL;

      /* TRANSLATORS: a country's name, then its code such as “RU” */
      shown = g_strdup_printf (_("%s (%s)"), country->name, code);
      if (g_str_equal (country->code, current))
        selected = self->country_codes->len;
      g_ptr_array_add (self->country_codes, (gpointer) country->code);
      gtk_string_list_append (names, shown);
      g_free (country->name);
    }

  self->filling = TRUE;
  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->country_row, selected);
  self->filling = FALSE;
}

static void
on_country_selected (RapportPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->country_row);

  if (self->filling || self->country_codes == NULL || selected >= self->country_codes->len)
    return;
  g_settings_set_string (rapport_context_get_settings (self->context), "phone-country",
                         g_ptr_array_index (self->country_codes, selected));
}

static void
on_add (RapportPreferencesWindow *self)
{
  if (self->adding != NULL)
    return;

  self->adding = rapport_staff_new (gtk_editable_get_text (self->new_name_row),
                                    gtk_editable_get_text (self->new_role_row));
  gtk_widget_set_sensitive (self->add_button, FALSE);
  rapport_staff_repository_save_async (rapport_context_get_staff (self->context), self->adding, NULL,
                                       on_added, g_object_ref (self));
}

static void
rapport_preferences_window_constructed (GObject *object)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->constructed (object);

  g_settings_bind (rapport_context_get_settings (self->context), "remind-in-background",
                   self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_object (rapport_context_get_database (self->context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
  update_staff (self);
  fill_countries (self);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (rapport_business_page_new (self->context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (rapport_catalog_page_new (self->context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (rapport_delivery_preferences_new (self->context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (rapport_backups_page_new (self->context)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (rapport_mail_page_new (self->context)));
}

static void
rapport_preferences_window_finalize (GObject *object)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  g_clear_object (&self->context);
  g_clear_object (&self->adding);
  g_clear_pointer (&self->staff_rows, g_hash_table_unref);
  g_clear_pointer (&self->country_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (rapport_preferences_window_parent_class)->finalize (object);
}

static void
rapport_preferences_window_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  RapportPreferencesWindow *self = RAPPORT_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_preferences_window_class_init (RapportPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_preferences_window_constructed;
  object_class->finalize = rapport_preferences_window_finalize;
  object_class->get_property = rapport_preferences_window_get_property;
  object_class->set_property = rapport_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, new_name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, new_role_row);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, add_error);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, staff_list);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportPreferencesWindow, country_row);
  gtk_widget_class_bind_template_callback (widget_class, on_country_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_new_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add);
}

static void
rapport_preferences_window_init (RapportPreferencesWindow *self)
{
  self->staff_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_sort_func (self->staff_list, compare_rows, NULL, NULL);
}

/**
 * rapport_preferences_window_new:
 * @context: the application's context
 *
 * Returns: (transfer none): the preferences, not yet shown
 */
GtkWidget *
rapport_preferences_window_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  return g_object_new (RAPPORT_TYPE_PREFERENCES_WINDOW, "context", context, NULL);
}
