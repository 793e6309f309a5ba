/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-lost-reason-row.h"
#include "rapport-lost-reasons-group.h"
#include "rapport-widget-util.h"

/* The editable list of reasons quotes are lost for: each reason renamed
 * in place and switched off (never deleted: lost quotes keep theirs), and
 * a row to add one. The list follows the database. */
struct _RapportLostReasonsGroup
{
  AdwPreferencesGroup  parent_instance;

  RapportContext      *context;
  GHashTable          *rows;       /* reason id → RapportLostReasonRow, borrowed */
  GHashTable          *positions;  /* RapportLostReasonRow → its place in the list, as a pointer */
  char                *adding;     /* the name being added */

  GtkListBox          *list;
  GtkEditable         *new_row;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (RapportLostReasonsGroup, rapport_lost_reasons_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static RapportOrderRepository *
get_orders (RapportLostReasonsGroup *self)
{
  return rapport_context_get_orders (self->context);
}

static void
show_error (RapportLostReasonsGroup *self,
            const char              *message)
{
  g_autofree char *directed = rapport_widget_dup_directed (GTK_WIDGET (self), message ? message : "");

  gtk_label_set_text (self->error_label, directed);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* In the order of the list; the row that adds comes last. */
static int
compare_rows (GtkListBoxRow *row_a,
              GtkListBoxRow *row_b,
              gpointer       user_data)
{
  RapportLostReasonsGroup *self = user_data;
  gboolean a_is_reason = RAPPORT_IS_LOST_REASON_ROW (row_a);
  gboolean b_is_reason = RAPPORT_IS_LOST_REASON_ROW (row_b);
  guint a, b;

  if (a_is_reason != b_is_reason)
    return a_is_reason ? -1 : 1;
  if (!a_is_reason)
    return 0;
  a = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, row_a));
  b = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, row_b));
  return a < b ? -1 : a > b;
}

static void
on_row_answered (RapportLostReasonsGroup *self,
                 const char              *message)
{
  show_error (self, message);
}

/* Rows are updated in place, so focus and what is being typed stay. */
static void
update_reasons (RapportLostReasonsGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = rapport_order_repository_list_lost_reasons (get_orders (self), TRUE, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer row;

  if (reasons == NULL)
    {
      rapport_widget_add_error_toast (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < reasons->len; i++)
    {
      RapportLostReason *reason = g_ptr_array_index (reasons, i);

      row = g_hash_table_lookup (self->rows, &reason->id);
      if (row != NULL)
        rapport_lost_reason_row_set_reason (row, reason);
      else
        {
          gint64 *key = g_memdup2 (&reason->id, sizeof reason->id);

          row = rapport_lost_reason_row_new (get_orders (self), reason);
          g_signal_connect_object (row, "answered", G_CALLBACK (on_row_answered), self, G_CONNECT_SWAPPED);
          g_hash_table_insert (self->rows, key, row);
          gtk_list_box_append (self->list, row);
        }
      g_hash_table_insert (self->positions, row, GUINT_TO_POINTER (i));
      g_hash_table_add (seen, row);
    }

  /* Reasons are never deleted; a file replaced underneath is another
   * matter. */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &row))
    if (!g_hash_table_contains (seen, row))
      {
        g_hash_table_remove (self->positions, row);
        gtk_list_box_remove (self->list, row);
        g_hash_table_iter_remove (&iter);
      }

  gtk_list_box_invalidate_sort (self->list);
}

static void
on_database_changed (RapportLostReasonsGroup *self,
                     const char              *kind)
{
  if (rapport_database_change_concerns (kind, RAPPORT_KIND_LOST_REASON))
    update_reasons (self);
}

static void
on_new_changed (RapportLostReasonsGroup *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    {
      show_error (self, NULL);
      rapport_widget_set_invalid (GTK_WIDGET (self->new_row), FALSE);
    }
}

static void
on_added (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RapportLostReasonsGroup) self = user_data;
  g_autofree char *name = g_steal_pointer (&self->adding);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  rapport_order_repository_write_finish (RAPPORT_ORDER_REPOSITORY (source), result, &error);
  rapport_widget_set_invalid (GTK_WIDGET (self->new_row), error != NULL);
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }

  show_error (self, NULL);
  if (g_strcmp0 (gtk_editable_get_text (self->new_row), name) == 0)
    gtk_editable_set_text (self->new_row, "");
  /* TRANSLATORS: a toast, after a reason for losing quotes was added */
  message = g_strdup_printf (C_("lost reason", "“%s” added"), g_strstrip (name));
  rapport_widget_add_toast (GTK_WIDGET (self), message);
}

static void
on_add (RapportLostReasonsGroup *self)
{
  /* Written on the database's worker: the window never waits. */
  if (self->adding != NULL)
    return;
  self->adding = g_strdup (gtk_editable_get_text (self->new_row));
  rapport_order_repository_save_lost_reason_async (get_orders (self), 0, self->adding, TRUE, NULL,
                                                   on_added, g_object_ref (self));
}

static void
rapport_lost_reasons_group_constructed (GObject *object)
{
  RapportLostReasonsGroup *self = RAPPORT_LOST_REASONS_GROUP (object);

  G_OBJECT_CLASS (rapport_lost_reasons_group_parent_class)->constructed (object);

  g_signal_connect_object (rapport_context_get_database (self->context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
  update_reasons (self);
}

static void
rapport_lost_reasons_group_dispose (GObject *object)
{
  RapportLostReasonsGroup *self = RAPPORT_LOST_REASONS_GROUP (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->positions, g_hash_table_unref);

  G_OBJECT_CLASS (rapport_lost_reasons_group_parent_class)->dispose (object);
}

static void
rapport_lost_reasons_group_finalize (GObject *object)
{
  RapportLostReasonsGroup *self = RAPPORT_LOST_REASONS_GROUP (object);

  g_clear_object (&self->context);
  g_free (self->adding);

  G_OBJECT_CLASS (rapport_lost_reasons_group_parent_class)->finalize (object);
}

static void
rapport_lost_reasons_group_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  RapportLostReasonsGroup *self = RAPPORT_LOST_REASONS_GROUP (object);

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
rapport_lost_reasons_group_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  RapportLostReasonsGroup *self = RAPPORT_LOST_REASONS_GROUP (object);

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
rapport_lost_reasons_group_class_init (RapportLostReasonsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_lost_reasons_group_constructed;
  object_class->dispose = rapport_lost_reasons_group_dispose;
  object_class->finalize = rapport_lost_reasons_group_finalize;
  object_class->get_property = rapport_lost_reasons_group_get_property;
  object_class->set_property = rapport_lost_reasons_group_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-lost-reasons-group.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportLostReasonsGroup, list);
  gtk_widget_class_bind_template_child (widget_class, RapportLostReasonsGroup, new_row);
  gtk_widget_class_bind_template_child (widget_class, RapportLostReasonsGroup, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_new_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add);
}

static void
rapport_lost_reasons_group_init (RapportLostReasonsGroup *self)
{
  self->rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->positions = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_sort_func (self->list, compare_rows, self, NULL);
}

GtkWidget *
rapport_lost_reasons_group_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  return g_object_new (RAPPORT_TYPE_LOST_REASONS_GROUP, "context", context, NULL);
}
