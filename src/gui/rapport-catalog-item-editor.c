/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-catalog-item-editor.h"
#include "rapport-error.h"
#include "rapport-error-row.h"
#include "rapport-money.h"
#include "rapport-money-format.h"
#include "rapport-widget-util.h"

/* A dialog to add a product or service to the catalog, or to change one.
 * Save checks every field at once by the core's own rules and says what
 * is wrong under each field; nothing is saved until all are right. */

/* The fields a person can get wrong, in the order of the form. */
typedef enum
{
  FIELD_NAME,
  FIELD_CODE,
  FIELD_PRICE,
  FIELD_TAX,
  FIELD_WARRANTY,
  N_FIELDS
} Field;

static const char * const error_ids[N_FIELDS] = {
  "name_error", "code_error", "price_error", "tax_error", "warranty_error",
};

struct _RapportCatalogItemEditor
{
  AdwWindow           parent_instance;

  RapportContext     *context;
  RapportCatalogItem *item;       /* as it was opened; NULL for a new one */
  char               *currency;
  GCancellable       *save_cancellable;  /* while a save runs */
  RapportCatalogItem *saving;            /* what it saves */

  AdwWindowTitle     *title;
  GtkEditable        *name_row;
  GtkEditable        *code_row;
  AdwComboRow        *kind_row;
  GtkEditable        *unit_row;
  GtkEditable        *price_row;
  GtkEditable        *tax_row;
  GtkEditable        *warranty_row;
  GtkLabel           *save_error;
  RapportErrorRow    *errors[N_FIELDS];
};

G_DEFINE_FINAL_TYPE (RapportCatalogItemEditor, rapport_catalog_item_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ITEM,
  PROP_CURRENCY,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The kind row lists the kinds in this order. */
static const RapportItemKind kinds[] = { RAPPORT_ITEM_PRODUCT, RAPPORT_ITEM_SERVICE };

static void
show_save_error (RapportCatalogItemEditor *self,
                 const char               *message)
{
  g_autofree char *directed = rapport_widget_dup_directed (GTK_WIDGET (self), message ? message : "");

  gtk_label_set_text (self->save_error, directed);
  gtk_widget_set_visible (GTK_WIDGET (self->save_error), message != NULL);
}

/* What is wrong with @field of @item on its own, by the core's rules;
 * NULL when nothing is. */
static char *
dup_field_problem (RapportCatalogItem *item,
                   Field               field)
{
  g_autoptr(RapportCatalogItem) probe = rapport_catalog_item_new ("-", RAPPORT_ITEM_PRODUCT, 0);
  g_autoptr(GError) error = NULL;

  switch (field)
    {
    case FIELD_NAME: rapport_catalog_item_set_name (probe, rapport_catalog_item_get_name (item)); break;
    case FIELD_PRICE: rapport_catalog_item_set_unit_price (probe, rapport_catalog_item_get_unit_price (item)); break;
    case FIELD_TAX: rapport_catalog_item_set_tax_rate (probe, rapport_catalog_item_get_tax_rate (item)); break;
    case FIELD_WARRANTY:
      rapport_catalog_item_set_warranty_months (probe, rapport_catalog_item_get_warranty_months (item));
      break;
    case FIELD_CODE:
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
  return rapport_catalog_item_tidy (probe, &error) ? NULL : g_strdup (error->message);
}

/* Empty means none. */
static gboolean
is_blank (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return *trimmed == '\0';
}

/* Months as typed, in the digits of any script; empty is no warranty. */
static gboolean
parse_months (const char  *text,
              gint        *months,
              GError     **error)
{
  gint64 thousandths = 0;

  if (is_blank (text))
    {
      *months = 0;
      return TRUE;
    }
  if (!rapport_quantity_parse (text, &thousandths, NULL) || thousandths % RAPPORT_QUANTITY_ONE != 0
      || thousandths / RAPPORT_QUANTITY_ONE > G_MAXINT || thousandths / RAPPORT_QUANTITY_ONE < G_MININT)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("“%s” is not a number of months: write it with digits, such as 24, or 0 for none."),
                   text);
      return FALSE;
    }
  *months = (gint) (thousandths / RAPPORT_QUANTITY_ONE);
  return TRUE;
}

static gboolean
parse_rate (const char  *text,
            gint        *rate,
            GError     **error)
{
  if (is_blank (text))
    {
      *rate = 0;
      return TRUE;
    }
  return rapport_rate_parse (text, rate, error);
}

static gboolean
parse_price (RapportCatalogItemEditor  *self,
             const char                *text,
             gint64                    *price,
             GError                   **error)
{
  if (is_blank (text))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Enter the price, or 0 when there is none."));
      return FALSE;
    }
  return rapport_money_parse (text, self->currency, price, error);
}

static void
set_error (RapportCatalogItemEditor *self,
           Field                     field,
           const char               *message)
{
  rapport_error_row_set_message (self->errors[field], message);
}

/* The item as the form has it, with each field's problem said under it.
 * Returns: (nullable): the item, or NULL when a field is wrong */
static RapportCatalogItem *
collect (RapportCatalogItemEditor *self)
{
  g_autoptr(RapportCatalogItem) item = NULL;
  g_autoptr(GError) price_error = NULL;
  g_autoptr(GError) tax_error = NULL;
  g_autoptr(GError) warranty_error = NULL;
  guint kind = adw_combo_row_get_selected (self->kind_row);
  gint64 price = 0;
  gint rate = 0, months = 0;
  gboolean ok = TRUE;

  item = rapport_catalog_item_new (gtk_editable_get_text (self->name_row),
                                   kinds[kind < G_N_ELEMENTS (kinds) ? kind : 0], 0);
  if (self->item != NULL)
    rapport_catalog_item_set_id (item, rapport_catalog_item_get_id (self->item));
  rapport_catalog_item_set_code (item, gtk_editable_get_text (self->code_row));
  rapport_catalog_item_set_unit (item, gtk_editable_get_text (self->unit_row));

  if (parse_price (self, gtk_editable_get_text (self->price_row), &price, &price_error))
    rapport_catalog_item_set_unit_price (item, price);
  if (parse_rate (gtk_editable_get_text (self->tax_row), &rate, &tax_error))
    rapport_catalog_item_set_tax_rate (item, rate);
  if (parse_months (gtk_editable_get_text (self->warranty_row), &months, &warranty_error))
    rapport_catalog_item_set_warranty_months (item, months);

  {
    g_autofree char *name_problem = dup_field_problem (item, FIELD_NAME);
    g_autofree char *price_problem = price_error ? g_strdup (price_error->message) : dup_field_problem (item, FIELD_PRICE);
    g_autofree char *tax_problem = tax_error ? g_strdup (tax_error->message) : dup_field_problem (item, FIELD_TAX);
    g_autofree char *warranty_problem = warranty_error ? g_strdup (warranty_error->message)
                                                       : dup_field_problem (item, FIELD_WARRANTY);

    set_error (self, FIELD_NAME, name_problem);
    set_error (self, FIELD_CODE, NULL);
    set_error (self, FIELD_PRICE, price_problem);
    set_error (self, FIELD_TAX, tax_problem);
    set_error (self, FIELD_WARRANTY, warranty_problem);
    ok = name_problem == NULL && price_problem == NULL && tax_problem == NULL && warranty_problem == NULL;
  }

  return ok ? g_steal_pointer (&item) : NULL;
}

/* The field each error row is about, in the order of the fields. */
static GtkWidget *
get_field (RapportCatalogItemEditor *self,
           Field                     field)
{
  GtkEditable *fields[N_FIELDS] = { self->name_row, self->code_row, self->price_row, self->tax_row,
                                    self->warranty_row };

  return GTK_WIDGET (fields[field]);
}

static void
focus_first_error (RapportCatalogItemEditor *self)
{
  for (Field field = 0; field < N_FIELDS; field++)
    if (rapport_error_row_get_message (self->errors[field]) != NULL)
      {
        gtk_widget_grab_focus (get_field (self, field));
        return;
      }
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RapportCatalogItemEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportCatalogItem) item = g_steal_pointer (&self->saving);
  gboolean saved = rapport_catalog_repository_write_finish (RAPPORT_CATALOG_REPOSITORY (source), result, &error);
  gboolean closed = g_cancellable_is_cancelled (self->save_cancellable);

  g_clear_object (&self->save_cancellable);
  if (closed)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", TRUE);
  if (!saved)
    {
      /* Every other rule was checked before: what is left is a code that
       * another item has. */
      if (g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID))
        set_error (self, FIELD_CODE, error->message);
      else
        show_save_error (self, error->message);
      focus_first_error (self);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, item);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportCatalogItemEditor *self = RAPPORT_CATALOG_ITEM_EDITOR (widget);
  g_autoptr(RapportCatalogItem) item = collect (self);

  show_save_error (self, NULL);
  if (item == NULL)
    {
      focus_first_error (self);
      return;
    }

  /* Written on the database's worker: the window never waits. */
  if (self->save_cancellable != NULL)
    return;
  self->save_cancellable = g_cancellable_new ();
  self->saving = g_object_ref (item);
  gtk_widget_action_set_enabled (widget, "editor.save", FALSE);
  rapport_catalog_repository_save_async (rapport_context_get_catalog (self->context), item,
                                         self->save_cancellable, on_saved, g_object_ref (self));
}

/* What was said about a field goes once it is changed. */
static void
on_field_changed (GtkEditable              *editable,
                  RapportCatalogItemEditor *self)
{
  for (Field field = 0; field < N_FIELDS; field++)
    if (get_field (self, field) == GTK_WIDGET (editable))
      set_error (self, field, NULL);
}

static void
fill_in (RapportCatalogItemEditor *self)
{
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);
  g_autofree char *price_title = NULL;

  gtk_string_list_append (kind_names, C_("catalog item", "Product"));
  gtk_string_list_append (kind_names, C_("catalog item", "Service"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kind_names));

  /* TRANSLATORS: the price field's title, with the currency's code: “Unit Price, EUR” */
  price_title = g_strdup_printf (_("Unit Price, %s"), self->currency);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->price_row), price_title);

  if (self->item == NULL)
    {
      adw_window_title_set_title (self->title, _("New Product or Service"));
      gtk_editable_set_text (self->tax_row, "0");
      gtk_editable_set_text (self->warranty_row, "0");
      return;
    }

  {
    RapportCatalogItem *item = self->item;
    g_autofree char *price = rapport_money_format_plain (rapport_catalog_item_get_unit_price (item), self->currency);
    /* A rate in hundredths is a number with up to two decimals: written as
     * the locale writes numbers, so that it reads back. */
    g_autofree char *rate = rapport_quantity_format ((gint64) rapport_catalog_item_get_tax_rate (item) * 10);
    g_autofree char *months = g_strdup_printf ("%d", rapport_catalog_item_get_warranty_months (item));

    adw_window_title_set_title (self->title, _("Edit Product or Service"));
    adw_window_title_set_subtitle (self->title, rapport_catalog_item_get_name (item));
    gtk_editable_set_text (self->name_row, rapport_catalog_item_get_name (item));
    gtk_editable_set_text (self->code_row, rapport_catalog_item_get_code (item));
    adw_combo_row_set_selected (self->kind_row, rapport_catalog_item_get_kind (item) == RAPPORT_ITEM_SERVICE);
    gtk_editable_set_text (self->unit_row, rapport_catalog_item_get_unit (item));
    gtk_editable_set_text (self->price_row, price);
    gtk_editable_set_text (self->tax_row, rate);
    gtk_editable_set_text (self->warranty_row, months);
  }
}

static void
rapport_catalog_item_editor_constructed (GObject *object)
{
  RapportCatalogItemEditor *self = RAPPORT_CATALOG_ITEM_EDITOR (object);

  G_OBJECT_CLASS (rapport_catalog_item_editor_parent_class)->constructed (object);

  fill_in (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
rapport_catalog_item_editor_dispose (GObject *object)
{
  RapportCatalogItemEditor *self = RAPPORT_CATALOG_ITEM_EDITOR (object);

  /* Closed while a save waits for another program: it waits no more. */
  if (self->save_cancellable != NULL)
    g_cancellable_cancel (self->save_cancellable);

  G_OBJECT_CLASS (rapport_catalog_item_editor_parent_class)->dispose (object);
}

static void
rapport_catalog_item_editor_finalize (GObject *object)
{
  RapportCatalogItemEditor *self = RAPPORT_CATALOG_ITEM_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_object (&self->item);
  g_clear_object (&self->saving);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (rapport_catalog_item_editor_parent_class)->finalize (object);
}

static void
rapport_catalog_item_editor_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  RapportCatalogItemEditor *self = RAPPORT_CATALOG_ITEM_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_catalog_item_editor_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  RapportCatalogItemEditor *self = RAPPORT_CATALOG_ITEM_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_ITEM:
      self->item = g_value_dup_object (value);
      break;

    case PROP_CURRENCY:
      self->currency = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_catalog_item_editor_class_init (RapportCatalogItemEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_catalog_item_editor_constructed;
  object_class->dispose = rapport_catalog_item_editor_dispose;
  object_class->finalize = rapport_catalog_item_editor_finalize;
  object_class->get_property = rapport_catalog_item_editor_get_property;
  object_class->set_property = rapport_catalog_item_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The item to change; none for a new one. */
  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, RAPPORT_TYPE_CATALOG_ITEM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The business's currency, in which prices are typed. */
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, NULL, "EUR",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RAPPORT_TYPE_CATALOG_ITEM);

  g_type_ensure (RAPPORT_TYPE_ERROR_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-catalog-item-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogItemEditor, title);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogItemEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogItemEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogItemEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogItemEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogItemEditor, price_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogItemEditor, tax_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogItemEditor, warranty_row);
  gtk_widget_class_bind_template_child (widget_class, RapportCatalogItemEditor, save_error);
  for (Field field = 0; field < N_FIELDS; field++)
    gtk_widget_class_bind_template_child_full (widget_class, error_ids[field], FALSE,
                                               G_STRUCT_OFFSET (RapportCatalogItemEditor, errors)
                                               + field * sizeof (gpointer));
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_catalog_item_editor_init (RapportCatalogItemEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  rapport_widget_set_text_ltr (GTK_WIDGET (self->code_row));
  rapport_widget_set_text_ltr (GTK_WIDGET (self->price_row));
  rapport_widget_set_text_ltr (GTK_WIDGET (self->tax_row));
  rapport_widget_set_text_ltr (GTK_WIDGET (self->warranty_row));
}

/**
 * rapport_catalog_item_editor_new:
 * @context: the application's context
 * @item: (nullable): the item to change, or %NULL for a new one
 * @currency: the business's currency
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
rapport_catalog_item_editor_new (RapportContext     *context,
                                 RapportCatalogItem *item,
                                 const char         *currency)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (item == NULL || RAPPORT_IS_CATALOG_ITEM (item), NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  return g_object_new (RAPPORT_TYPE_CATALOG_ITEM_EDITOR,
                       "context", context,
                       "item", item,
                       "currency", currency,
                       NULL);
}
