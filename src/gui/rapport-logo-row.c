/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-business.h"
#include "rapport-logo-row.h"

/* The business's logo: a preview, a button to choose a PNG file and one to
 * remove the logo. A chosen file is read and checked away from the main
 * thread; the row then says “logo-chosen” with its bytes, or “logo-refused”
 * with a message that names the file. Whoever holds the row saves, and
 * shows what was saved with rapport_logo_row_set_logo(). */
struct _RapportLogoRow
{
  AdwActionRow          parent_instance;

  GBytes               *logo;
  GCancellable         *reading;
  GtkFileChooserNative *chooser;

  GtkImage             *picture;
  GtkWidget            *choose_button;
  GtkWidget            *remove_button;
};

G_DEFINE_FINAL_TYPE (RapportLogoRow, rapport_logo_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  LOGO_CHOSEN,
  LOGO_REFUSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What a file turned out to be. */
typedef struct
{
  GBytes     *bytes;
  GdkTexture *texture;
} Picture;

static void
picture_free (Picture *picture)
{
  g_clear_pointer (&picture->bytes, g_bytes_unref);
  g_clear_object (&picture->texture);
  g_free (picture);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Picture, picture_free)

static void
show_picture (RapportLogoRow *self,
              GdkTexture     *texture)
{
  gtk_image_set_from_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->picture), texture != NULL);
  gtk_widget_set_visible (self->remove_button, self->logo != NULL);

  if (self->logo == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("None: invoices show the business’s name alone"));
  else if (texture == NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("The saved logo cannot be shown: choose it again or remove it"));
  else
    {
      g_autofree char *size = g_format_size (g_bytes_get_size (self->logo));
      g_autofree char *subtitle = NULL;

      /* TRANSLATORS: the logo's size in pixels, then in bytes: “320 × 120, 14.2 kB” */
      subtitle = g_strdup_printf (_("%d × %d, %s"), gdk_texture_get_width (texture),
                                  gdk_texture_get_height (texture), size);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
    }
}

static void
set_busy (RapportLogoRow *self,
          GCancellable   *reading)
{
  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_set_object (&self->reading, reading);
  gtk_widget_set_sensitive (self->choose_button, reading == NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Reads at most what a logo may hold and checks that it is a PNG picture
 * that can be drawn; in a worker thread. */
static void
read_picture (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *basename = g_path_get_basename (name);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(Picture) picture = g_new0 (Picture, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *most = g_format_size (RAPPORT_BUSINESS_LOGO_MAX_SIZE);
  char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, &error);
  if (info != NULL && g_file_info_get_size (info) > RAPPORT_BUSINESS_LOGO_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("“%s” takes %s; a logo may take at most %s. Save the picture smaller and choose it again."),
                               basename, size, most);
      return;
    }
  if (info == NULL || !g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("“%s” could not be read: %s"), basename, error->message);
      return;
    }
  picture->bytes = g_bytes_new_take (contents, length);

  /* It may have grown since it was measured. */
  if (length > RAPPORT_BUSINESS_LOGO_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (length);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("“%s” takes %s; a logo may take at most %s. Save the picture smaller and choose it again."),
                               basename, size, most);
      return;
    }
  if (!rapport_business_logo_is_png (picture->bytes))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("“%s” is not a PNG picture. Choose a PNG file, or save the picture as PNG first."),
                               basename);
      return;
    }
  /* Safe in a thread, as GDK says. */
  picture->texture = gdk_texture_new_from_bytes (picture->bytes, &error);
  if (picture->texture == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("“%s” starts as a PNG picture but cannot be read as one. Choose another file."),
                               basename);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&picture), (GDestroyNotify) picture_free);
}

static void
on_picture_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RapportLogoRow *self = RAPPORT_LOGO_ROW (source);
  g_autoptr(Picture) picture = NULL;
  g_autoptr(GError) error = NULL;

  picture = g_task_propagate_pointer (G_TASK (result), &error);
  /* A newer choice or the row's end cancelled it: nothing to say. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, NULL);

  if (picture == NULL)
    {
      g_signal_emit (self, signals[LOGO_REFUSED], 0, error->message);
      return;
    }

  g_clear_pointer (&self->logo, g_bytes_unref);
  self->logo = g_bytes_ref (picture->bytes);
  show_picture (self, picture->texture);
  g_signal_emit (self, signals[LOGO_CHOSEN], 0, picture->bytes);
}

/**
 * rapport_logo_row_load_file:
 * @self: the row
 * @file: a file the person chose
 *
 * Reads and checks @file as the business's new logo; the row then says
 * “logo-chosen” or “logo-refused”.
 */
void
rapport_logo_row_load_file (RapportLogoRow *self,
                            GFile          *file)
{
  g_autoptr(GCancellable) reading = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RAPPORT_IS_LOGO_ROW (self));
  g_return_if_fail (G_IS_FILE (file));

  set_busy (self, reading);
  task = g_task_new (self, reading, on_picture_read, NULL);
  g_task_set_source_tag (task, rapport_logo_row_load_file);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, read_picture);
}

static void
on_chooser_response (RapportLogoRow *self,
                     int             response)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->chooser);
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    rapport_logo_row_load_file (self, file);
}

static void
on_choose (RapportLogoRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("PNG Pictures"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_suffix (filter, "png");

  self->chooser = gtk_file_chooser_native_new (_("Choose a Logo"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_remove (RapportLogoRow *self)
{
  set_busy (self, NULL);
  g_clear_pointer (&self->logo, g_bytes_unref);
  show_picture (self, NULL);
  g_signal_emit (self, signals[LOGO_CHOSEN], 0, NULL);
  /* The button goes away: the keyboard stays on the row. */
  gtk_widget_grab_focus (self->choose_button);
}

static void
rapport_logo_row_dispose (GObject *object)
{
  RapportLogoRow *self = RAPPORT_LOGO_ROW (object);

  if (self->reading != NULL)
    g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->logo, g_bytes_unref);

  G_OBJECT_CLASS (rapport_logo_row_parent_class)->dispose (object);
}

static void
rapport_logo_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RapportLogoRow *self = RAPPORT_LOGO_ROW (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, rapport_logo_row_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_logo_row_class_init (RapportLogoRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_logo_row_dispose;
  object_class->get_property = rapport_logo_row_get_property;

  /* Whether a chosen file is being read. */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The bytes of a checked PNG picture; NULL when the logo is removed. */
  signals[LOGO_CHOSEN] =
    g_signal_new ("logo-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BYTES);
  /* Why the chosen file cannot be the logo, naming the file. */
  signals[LOGO_REFUSED] =
    g_signal_new ("logo-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-logo-row.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportLogoRow, picture);
  gtk_widget_class_bind_template_child (widget_class, RapportLogoRow, choose_button);
  gtk_widget_class_bind_template_child (widget_class, RapportLogoRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, on_choose);
  gtk_widget_class_bind_template_callback (widget_class, on_remove);
}

static void
rapport_logo_row_init (RapportLogoRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_picture (self, NULL);
}

/* Shows @logo as saved: a PNG picture, or NULL for none. */
void
rapport_logo_row_set_logo (RapportLogoRow *self,
                           GBytes         *logo)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_return_if_fail (RAPPORT_IS_LOGO_ROW (self));

  if (self->logo == logo || (self->logo != NULL && logo != NULL && g_bytes_equal (self->logo, logo)))
    return;

  g_clear_pointer (&self->logo, g_bytes_unref);
  self->logo = logo ? g_bytes_ref (logo) : NULL;
  /* What another program saved may be anything, of any size: only what a
   * logo may be is drawn (the page says what is wrong with the rest). */
  if (logo != NULL && rapport_business_logo_is_png (logo)
      && g_bytes_get_size (logo) <= RAPPORT_BUSINESS_LOGO_MAX_SIZE)
    texture = gdk_texture_new_from_bytes (logo, NULL);
  show_picture (self, texture);
}

/* Returns: (transfer none) (nullable): the logo shown */
GBytes *
rapport_logo_row_get_logo (RapportLogoRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_LOGO_ROW (self), NULL);

  return self->logo;
}

gboolean
rapport_logo_row_get_busy (RapportLogoRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_LOGO_ROW (self), FALSE);

  return self->reading != NULL;
}
