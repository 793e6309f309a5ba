/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-catalog-item-editor.h"
#include "rapport-catalog-page.h"
#include "rapport-catalog-row.h"
#include "rapport-widget-util.h"

/* The catalog of products and services: searched in the database as the
 * person types (a catalog grows to hundreds of items, and the list shows
 * at most MAX_SHOWN of them), added and changed in a dialog, removed —
 * deleted when no order has the item, archived when one does — and
 * offered again, with Undo. The list follows the database, and the
 * business's currency for its prices. */
#define MAX_SHOWN 200

/* An item removed, that its toast can still bring back. */
typedef struct
{
  RapportCatalogItem *snapshot;
  gboolean            archived;
} PendingUndo;

struct _RapportCatalogPage
{
  AdwPreferencesPage  parent_instance;

  RapportContext     *context;
  char               *currency;
  GHashTable         *rows;           /* item id → RapportCatalogRow, borrowed */
  GHashTable         *positions;      /* RapportCatalogRow → its place, as a pointer */
  GHashTable         *pending_undos;  /* AdwToast → PendingUndo */

  GtkEditable        *search_entry;
  GtkToggleButton    *archived_button;
  GtkListBox         *list;
  GtkLabel           *placeholder;
  GtkWidget          *more_label;
};

G_DEFINE_FINAL_TYPE (RapportCatalogPage, rapport_catalog_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static RapportCatalogRepository *
get_catalog (RapportCatalogPage *self)
{
  return rapport_context_get_catalog (self->context);
}

static void
pending_undo_free (PendingUndo *undo)
{
  g_clear_object (&undo->snapshot);
  g_free (undo);
}

static int
compare_rows (GtkListBoxRow *row_a,
              GtkListBoxRow *row_b,
              gpointer       user_data)
{
  RapportCatalogPage *self = user_data;
  guint a = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, row_a));
  guint b = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, row_b));

  return a < b ? -1 : a > b;
}

static void
load_currency (RapportCatalogPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportBusiness) business = rapport_business_repository_get (rapport_context_get_business (self->context),
                                                                          &error);

  g_free (self->currency);
  if (business == NULL)
    {
      self->currency = rapport_business_dup_default_currency ();
      rapport_widget_add_error_toast (GTK_WIDGET (self), error);
      return;
    }
  self->currency = g_strdup (business->currency);
}

static void on_remove (RapportCatalogPage *self, RapportCatalogRow *row);
static void on_restore (RapportCatalogPage *self, RapportCatalogRow *row);

/* Shows what the search finds now. Rows stay where they can, updated in
 * place, so the keyboard's place in the list is kept. */
static void
update_list (RapportCatalogPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  const char *text = gtk_editable_get_text (self->search_entry);
  gboolean searching = *text != '\0';
  GHashTableIter iter;
  gpointer row;

  items = rapport_catalog_repository_find (get_catalog (self), text,
                                           gtk_toggle_button_get_active (self->archived_button),
                                           MAX_SHOWN + 1, &error);
  if (items == NULL)
    {
      rapport_widget_add_error_toast (GTK_WIDGET (self), error);
      return;
    }

  if (items->len > MAX_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Only the first %d is listed: type part of a name or a code to find the others.",
                                                            "Only the first %d are listed: type part of a name or a code to find the others.",
                                                            MAX_SHOWN),
                                               MAX_SHOWN);

      gtk_label_set_text (GTK_LABEL (self->more_label), more);
    }
  gtk_widget_set_visible (self->more_label, items->len > MAX_SHOWN);
  for (guint i = 0; i < MIN (items->len, MAX_SHOWN); i++)
    {
      RapportCatalogItem *item = g_ptr_array_index (items, i);
      gint64 id = rapport_catalog_item_get_id (item);

      row = g_hash_table_lookup (self->rows, &id);
      if (row != NULL)
        rapport_catalog_row_set_item (row, item, self->currency);
      else
        {
          row = rapport_catalog_row_new (item, self->currency);
          g_signal_connect_object (row, "remove", G_CALLBACK (on_remove), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (row, "restore", G_CALLBACK (on_restore), self, G_CONNECT_SWAPPED);
          g_hash_table_insert (self->rows, g_memdup2 (&id, sizeof id), row);
          gtk_list_box_append (self->list, row);
        }
      g_hash_table_insert (self->positions, row, GUINT_TO_POINTER (i));
      g_hash_table_add (seen, row);
    }

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (!g_hash_table_contains (seen, row))
      {
        g_hash_table_remove (self->positions, row);
        gtk_list_box_remove (self->list, row);
        g_hash_table_iter_remove (&iter);
      }
  gtk_list_box_invalidate_sort (self->list);

  gtk_label_set_text (self->placeholder,
                      searching ? _("Nothing in the catalog matches the search.")
                                : _("Nothing in the catalog yet: add what you sell, with its price."));
}

static void
on_database_changed (RapportCatalogPage *self,
                     const char         *kind)
{
  gboolean business = rapport_database_change_concerns (kind, RAPPORT_KIND_BUSINESS);

  if (business)
    load_currency (self);
  if (business || rapport_database_change_concerns (kind, RAPPORT_KIND_CATALOG_ITEM))
    update_list (self);
}

static void
on_search_changed (RapportCatalogPage *self)
{
  update_list (self);
}

static void
on_editor_saved (RapportCatalogPage *self,
                 RapportCatalogItem *item)
{
  /* TRANSLATORS: a toast, after a product or service was saved */
  g_autofree char *message = g_strdup_printf (C_("catalog item", "“%s” saved"),
                                              rapport_catalog_item_get_name (item));

  rapport_widget_add_toast (GTK_WIDGET (self), message);
}

static void
open_editor (RapportCatalogPage *self,
             RapportCatalogItem *item)
{
  GtkWidget *editor = rapport_catalog_item_editor_new (self->context, item, self->currency);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
on_add (RapportCatalogPage *self)
{
  open_editor (self, NULL);
}

static void
on_row_activated (RapportCatalogPage *self,
                  GtkListBoxRow      *row)
{
  if (RAPPORT_IS_CATALOG_ROW (row))
    open_editor (self, rapport_catalog_row_get_item (RAPPORT_CATALOG_ROW (row)));
}

/* Enter in the search opens what it found first. */
static void
on_search_activate (RapportCatalogPage *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->list, 0);

  if (first != NULL)
    on_row_activated (self, first);
}

/* A write of the page, on the database's worker; @done_text is told
 * once it is written. */
typedef struct
{
  RapportCatalogPage *self;
  char               *done_text;
} Write;

static Write *
write_new (RapportCatalogPage *self,
           char               *done_text)
{
  Write *write = g_new0 (Write, 1);

  write->self = g_object_ref (self);
  write->done_text = done_text;
  return write;
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Write *write = user_data;
  g_autoptr(RapportCatalogPage) self = write->self;
  g_autofree char *done_text = write->done_text;
  g_autoptr(GError) error = NULL;

  g_free (write);
  if (!rapport_catalog_repository_write_finish (RAPPORT_CATALOG_REPOSITORY (source), result, &error))
    rapport_widget_add_error_toast (GTK_WIDGET (self), error);
  else if (done_text != NULL)
    rapport_widget_add_toast (GTK_WIDGET (self), done_text);
}

static void
on_undo_remove (RapportCatalogPage *self,
                AdwToast           *toast)
{
  PendingUndo *undo = g_hash_table_lookup (self->pending_undos, toast);

  if (undo == NULL)
    return;

  if (undo->archived)
    rapport_catalog_repository_set_archived_async (get_catalog (self), rapport_catalog_item_get_id (undo->snapshot),
                                                   FALSE, NULL, on_written, write_new (self, NULL));
  else
    {
      /* A deleted item comes back as a new one: no order pointed at it. */
      rapport_catalog_item_set_id (undo->snapshot, 0);
      rapport_catalog_repository_save_async (get_catalog (self), undo->snapshot, NULL, on_written,
                                             write_new (self, NULL));
    }
  g_hash_table_remove (self->pending_undos, toast);
}

static void
on_undo_toast_dismissed (RapportCatalogPage *self,
                         AdwToast           *toast)
{
  g_hash_table_remove (self->pending_undos, toast);
}

/* Focus on the row now at @index, or the last one, or the search. */
static void
focus_near (RapportCatalogPage *self,
            int                 index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, index);

  for (int i = index - 1; row == NULL && i >= 0; i--)
    row = gtk_list_box_get_row_at_index (self->list, i);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* What a removal needs once it is written. */
typedef struct
{
  RapportCatalogPage *self;
  RapportCatalogItem *snapshot;
  int                 index;
} Removal;

static void
on_removed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Removal *removal = user_data;
  g_autoptr(RapportCatalogPage) self = removal->self;
  g_autoptr(RapportCatalogItem) snapshot = removal->snapshot;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean archived = FALSE;
  PendingUndo *undo;
  AdwToast *toast;
  int index = removal->index;

  g_free (removal);
  if (!rapport_catalog_repository_remove_finish (RAPPORT_CATALOG_REPOSITORY (source), result, &archived, &error))
    {
      rapport_widget_add_error_toast (GTK_WIDGET (self), error);
      return;
    }
  /* The list has followed: the keyboard goes on from where the row was. */
  focus_near (self, index);

  /* TRANSLATORS: toasts, after a product or service was removed from the
   * catalog: archived when an order has it, deleted otherwise */
  message = g_strdup_printf (archived ? _("“%s” archived: orders have it. It is offered no more.")
                                      : C_("catalog item", "“%s” deleted"),
                             rapport_catalog_item_get_name (snapshot));
  toast = rapport_widget_add_undo_toast (GTK_WIDGET (self), message);
  if (toast == NULL)
    return;
  undo = g_new0 (PendingUndo, 1);
  undo->snapshot = g_steal_pointer (&snapshot);
  undo->archived = archived;
  g_hash_table_insert (self->pending_undos, g_object_ref (toast), undo);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_remove), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_undo_toast_dismissed), self, G_CONNECT_SWAPPED);
}

static void
on_remove (RapportCatalogPage *self,
           RapportCatalogRow  *row)
{
  Removal *removal = g_new0 (Removal, 1);

  removal->self = g_object_ref (self);
  removal->snapshot = g_object_ref (rapport_catalog_row_get_item (row));
  removal->index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  rapport_catalog_repository_remove_async (get_catalog (self), rapport_catalog_item_get_id (removal->snapshot),
                                           NULL, on_removed, removal);
}

static void
on_restore (RapportCatalogPage *self,
            RapportCatalogRow  *row)
{
  RapportCatalogItem *item = rapport_catalog_row_get_item (row);
  /* TRANSLATORS: a toast, after an archived product or service is offered again */
  char *message = g_strdup_printf (_("“%s” is offered again"), rapport_catalog_item_get_name (item));

  rapport_catalog_repository_set_archived_async (get_catalog (self), rapport_catalog_item_get_id (item), FALSE,
                                                 NULL, on_written, write_new (self, message));
}

static void
rapport_catalog_page_constructed (GObject *object)
{
  RapportCatalogPage *self = RAPPORT_CATALOG_PAGE (object);

  G_OBJECT_CLASS (rapport_catalog_page_parent_class)->constructed (object);

  g_signal_connect_object (rapport_context_get_database (self->context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
  load_currency (self);
  update_list (self);
}

static void
rapport_catalog_page_dispose (GObject *object)
{
  RapportCatalogPage *self = RAPPORT_CATALOG_PAGE (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->pending_undos, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_catalog_page_parent_class)->dispose (object);
}

static void
rapport_catalog_page_finalize (GObject *object)
{
  RapportCatalogPage *self = RAPPORT_CATALOG_PAGE (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (rapport_catalog_page_parent_class)->finalize (object);
}

static void
rapport_catalog_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  RapportCatalogPage *self = RAPPORT_CATALOG_PAGE (object);

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
rapport_catalog_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  RapportCatalogPage *self = RAPPORT_CATALOG_PAGE (object);

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
rapport_catalog_page_class_init (RapportCatalogPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_catalog_page_constructed;
  object_class->dispose = rapport_catalog_page_dispose;
  object_class->finalize = rapport_catalog_page_finalize;
  object_class->get_property = rapport_catalog_page_get_property;
  object_class->set_property = rapport_catalog_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-catalog-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogPage, archived_button);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogPage, list);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogPage, placeholder);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogPage, more_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_add);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
}

static void
rapport_catalog_page_init (RapportCatalogPage *self)
{
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->positions = g_hash_table_new (NULL, NULL);
  self->pending_undos = g_hash_table_new_full (NULL, NULL, g_object_unref, (GDestroyNotify) pending_undo_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_sort_func (self->list, compare_rows, self, NULL);
}

/**
 * rapport_catalog_page_new:
 * @context: the application's context
 *
 * Returns: (transfer floating): the preferences page of the catalog
 */
GtkWidget *
rapport_catalog_page_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  return g_object_new (RAPPORT_TYPE_CATALOG_PAGE, "context", context, NULL);
}
