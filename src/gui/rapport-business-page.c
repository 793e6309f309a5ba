/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-business-page.h"
#include "rapport-error.h"
#include "rapport-error-row.h"
#include "rapport-logo-row.h"
#include "rapport-lost-reasons-group.h"
#include "rapport-money-format.h"
#include "rapport-widget-util.h"

/* The business's details, as GNOME's preferences work: each field is
 * saved on its own when it is left, when Enter or its apply button is
 * pressed, or, for a switch, a choice or a number, when it changes. One
 * field at a time keeps a refusal next to the field it is about, and what
 * another field holds never waits on it; each save starts from what is
 * saved now, so it never undoes another program's change of another
 * field. The page follows the database: a field is updated unless the
 * person has changed it and not saved it yet. */

typedef enum
{
  FIELD_NAME,
  FIELD_ADDRESS,
  FIELD_TAX_NUMBER,
  FIELD_CONTACT,
  FIELD_LOGO,
  FIELD_CURRENCY,
  FIELD_NUMBER_PATTERN,
  FIELD_PAYMENT_TERMS,
  FIELD_QUOTE_DAYS,
  FIELD_PRICES_INCLUDE_TAX,
  N_FIELDS,
  NO_FIELD = N_FIELDS
} Field;

/* The error rows' ids in the template, in the order of the fields. */
static const char * const error_ids[N_FIELDS] = {
  "name_error", "address_error", "tax_number_error", "contact_error", "logo_error",
  "currency_error", "number_pattern_error", "payment_terms_error", "quote_days_error",
  "prices_include_tax_error",
};

struct _RapportBusinessPage
{
  AdwPreferencesPage  parent_instance;

  RapportContext     *context;
  RapportBusiness    *shown;        /* as saved, when last shown */
  GPtrArray          *currencies;   /* ISO codes, in the drop-down's order */
  GtkStringList      *currency_names;
  guint               syncing;      /* the page is setting its own fields */
  Field               applying;     /* the field being saved */
  guint               pending;      /* fields to save after it, a bit each */

  GtkWidget          *name_row;
  GtkTextView        *address_view;
  GtkWidget          *tax_number_row;
  GtkWidget          *contact_row;
  RapportLogoRow     *logo_row;
  GtkDropDown        *currency_drop_down;
  GtkWidget          *number_pattern_row;
  GtkLabel           *next_number_label;
  GtkSpinButton      *payment_terms_spin;
  GtkSpinButton      *quote_days_spin;
  GtkSwitch          *prices_include_tax_switch;
  RapportErrorRow    *errors[N_FIELDS];
};

G_DEFINE_FINAL_TYPE (RapportBusinessPage, rapport_business_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static RapportBusinessRepository *
get_repository (RapportBusinessPage *self)
{
  return rapport_context_get_business (self->context);
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Fields saved as soon as they change; when refused they go back to what
 * is saved. The others are text, kept as typed to be corrected. */
static gboolean
is_immediate (Field field)
{
  return field == FIELD_LOGO || field == FIELD_CURRENCY || field == FIELD_PAYMENT_TERMS
         || field == FIELD_QUOTE_DAYS || field == FIELD_PRICES_INCLUDE_TAX;
}

static void
copy_field (RapportBusiness       *to,
            const RapportBusiness *from,
            Field                  field)
{
  switch (field)
    {
    case FIELD_NAME: set_text (&to->name, from->name); break;
    case FIELD_ADDRESS: set_text (&to->address, from->address); break;
    case FIELD_TAX_NUMBER: set_text (&to->tax_number, from->tax_number); break;
    case FIELD_CONTACT: set_text (&to->contact, from->contact); break;
    case FIELD_CURRENCY: set_text (&to->currency, from->currency); break;
    case FIELD_NUMBER_PATTERN: set_text (&to->number_pattern, from->number_pattern); break;
    case FIELD_PAYMENT_TERMS: to->payment_terms_days = from->payment_terms_days; break;
    case FIELD_QUOTE_DAYS: to->quote_days = from->quote_days; break;
    case FIELD_PRICES_INCLUDE_TAX: to->prices_include_tax = from->prices_include_tax; break;
    case FIELD_LOGO:
      g_clear_pointer (&to->logo, g_bytes_unref);
      to->logo = from->logo ? g_bytes_ref (from->logo) : NULL;
      break;
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
field_equal (const RapportBusiness *a,
             const RapportBusiness *b,
             Field                  field)
{
  switch (field)
    {
    case FIELD_NAME: return g_strcmp0 (a->name, b->name) == 0;
    case FIELD_ADDRESS: return g_strcmp0 (a->address, b->address) == 0;
    case FIELD_TAX_NUMBER: return g_strcmp0 (a->tax_number, b->tax_number) == 0;
    case FIELD_CONTACT: return g_strcmp0 (a->contact, b->contact) == 0;
    case FIELD_CURRENCY: return g_strcmp0 (a->currency, b->currency) == 0;
    case FIELD_NUMBER_PATTERN: return g_strcmp0 (a->number_pattern, b->number_pattern) == 0;
    case FIELD_PAYMENT_TERMS: return a->payment_terms_days == b->payment_terms_days;
    case FIELD_QUOTE_DAYS: return a->quote_days == b->quote_days;
    case FIELD_PRICES_INCLUDE_TAX: return !a->prices_include_tax == !b->prices_include_tax;
    case FIELD_LOGO:
      return a->logo == b->logo || (a->logo != NULL && b->logo != NULL && g_bytes_equal (a->logo, b->logo));
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* What is wrong with @field of @business on its own, by the core's rules;
 * NULL when nothing is. */
static char *
dup_field_problem (const RapportBusiness *business,
                   Field                  field)
{
  g_autoptr(RapportBusiness) probe = rapport_business_new ();
  g_autoptr(GError) error = NULL;

  copy_field (probe, business, field);
  return rapport_business_tidy (probe, &error) ? NULL : g_strdup (error->message);
}

static char *
dup_address (RapportBusinessPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->address_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static const char *
get_currency (RapportBusinessPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->currency_drop_down);

  return selected < self->currencies->len ? g_ptr_array_index (self->currencies, selected) : NULL;
}

/* Reads @field from the page into @into. */
static void
read_field (RapportBusinessPage *self,
            Field                field,
            RapportBusiness     *into)
{
  switch (field)
    {
    case FIELD_NAME: set_text (&into->name, gtk_editable_get_text (GTK_EDITABLE (self->name_row))); break;
    case FIELD_TAX_NUMBER: set_text (&into->tax_number, gtk_editable_get_text (GTK_EDITABLE (self->tax_number_row))); break;
    case FIELD_CONTACT: set_text (&into->contact, gtk_editable_get_text (GTK_EDITABLE (self->contact_row))); break;
    case FIELD_NUMBER_PATTERN:
      set_text (&into->number_pattern, gtk_editable_get_text (GTK_EDITABLE (self->number_pattern_row)));
      break;
    case FIELD_ADDRESS:
      g_free (into->address);
      into->address = dup_address (self);
      break;
    case FIELD_CURRENCY:
      if (get_currency (self) != NULL)
        set_text (&into->currency, get_currency (self));
      break;
    case FIELD_PAYMENT_TERMS:
      into->payment_terms_days = (guint) gtk_spin_button_get_value_as_int (self->payment_terms_spin);
      break;
    case FIELD_QUOTE_DAYS:
      into->quote_days = (guint) gtk_spin_button_get_value_as_int (self->quote_days_spin);
      break;
    case FIELD_PRICES_INCLUDE_TAX:
      into->prices_include_tax = gtk_switch_get_active (self->prices_include_tax_switch);
      break;
    case FIELD_LOGO:
      g_clear_pointer (&into->logo, g_bytes_unref);
      if (rapport_logo_row_get_logo (self->logo_row) != NULL)
        into->logo = g_bytes_ref (rapport_logo_row_get_logo (self->logo_row));
      break;
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* Whether the person changed @field and it is not saved. */
static gboolean
is_edited (RapportBusinessPage *self,
           Field                field)
{
  g_autoptr(RapportBusiness) on_page = NULL;

  if (self->shown == NULL)
    return FALSE;
  on_page = rapport_business_copy (self->shown);
  read_field (self, field, on_page);
  return !field_equal (on_page, self->shown, field);
}

/* libadwaita 1.2 hides an entry row's apply button only when it is
 * pressed: a field saved otherwise says so by hiding it too. */
static void
set_applied (GtkWidget *entry_row)
{
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry_row), FALSE);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (entry_row), TRUE);
}

static void
set_entry_text (GtkWidget  *entry_row,
                const char *text)
{
  if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry_row)), text))
    gtk_editable_set_text (GTK_EDITABLE (entry_row), text);
  set_applied (entry_row);
}

/* The currency's place in the drop-down; a code the list lacks (what the
 * file holds may be anything) is added to it. */
static guint
currency_position (RapportBusinessPage *self,
                   const char          *code)
{
  for (guint i = 0; i < self->currencies->len; i++)
    if (g_str_equal (g_ptr_array_index (self->currencies, i), code))
      return i;

  g_ptr_array_add (self->currencies, g_strdup (code));
  gtk_string_list_append (self->currency_names, code);
  return self->currencies->len - 1;
}

static void update_next_number (RapportBusinessPage *self);

static void
show_field (RapportBusinessPage   *self,
            Field                  field,
            const RapportBusiness *business)
{
  self->syncing++;
  switch (field)
    {
    case FIELD_NAME: set_entry_text (self->name_row, business->name); break;
    case FIELD_TAX_NUMBER: set_entry_text (self->tax_number_row, business->tax_number); break;
    case FIELD_CONTACT: set_entry_text (self->contact_row, business->contact); break;
    case FIELD_NUMBER_PATTERN: set_entry_text (self->number_pattern_row, business->number_pattern); break;
    case FIELD_ADDRESS:
      {
        g_autofree char *address = dup_address (self);

        if (!g_str_equal (address, business->address))
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->address_view), business->address, -1);
      }
      break;
    case FIELD_LOGO: rapport_logo_row_set_logo (self->logo_row, business->logo); break;
    case FIELD_CURRENCY:
      gtk_drop_down_set_selected (self->currency_drop_down, currency_position (self, business->currency));
      break;
    case FIELD_PAYMENT_TERMS: gtk_spin_button_set_value (self->payment_terms_spin, business->payment_terms_days); break;
    case FIELD_QUOTE_DAYS: gtk_spin_button_set_value (self->quote_days_spin, business->quote_days); break;
    case FIELD_PRICES_INCLUDE_TAX:
      /* Setting it, even to what it is, ends a toggle the person began. */
      if (gtk_switch_get_active (self->prices_include_tax_switch) != business->prices_include_tax)
        gtk_switch_set_active (self->prices_include_tax_switch, business->prices_include_tax);
      break;
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }
  self->syncing--;
}

static void
set_error (RapportBusinessPage *self,
           Field                field,
           const char          *message)
{
  rapport_error_row_set_message (self->errors[field], message);
}

/* Shows @business as saved. What the person changed and has not saved
 * stays, with what was said about it; every other field shows what is
 * saved and what, if anything, is wrong with it: the file may hold what
 * this program would have refused. */
static void
show_business (RapportBusinessPage *self,
               RapportBusiness     *business)
{
  gboolean edited[N_FIELDS];

  for (Field field = 0; field < N_FIELDS; field++)
    edited[field] = field != self->applying && is_edited (self, field);

  g_clear_pointer (&self->shown, rapport_business_free);
  self->shown = rapport_business_copy (business);

  for (Field field = 0; field < N_FIELDS; field++)
    {
      g_autofree char *problem = NULL;

      if (edited[field])
        continue;
      show_field (self, field, business);
      problem = dup_field_problem (business, field);
      set_error (self, field, problem);
    }
  update_next_number (self);
}

static void
load (RapportBusinessPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RapportBusiness) business = rapport_business_repository_get (get_repository (self), &error);

  if (business == NULL)
    {
      rapport_widget_add_error_toast (GTK_WIDGET (self), error);
      return;
    }
  show_business (self, business);
}

/* The number the next order would get with the pattern as typed, or
 * what is wrong with the pattern. */
static void
update_next_number (RapportBusinessPage *self)
{
  g_autoptr(GDateTime) now = rapport_context_dup_now (self->context);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;

  number = rapport_order_repository_dup_next_number (rapport_context_get_orders (self->context),
                                                     gtk_editable_get_text (GTK_EDITABLE (self->number_pattern_row)),
                                                     today, &error);
  gtk_label_set_text (self->next_number_label, number ? number : "—");
  set_error (self, FIELD_NUMBER_PATTERN, error ? error->message : NULL);
}

static void
on_database_changed (RapportBusinessPage *self,
                     const char          *kind)
{
  if (rapport_database_change_concerns (kind, RAPPORT_KIND_BUSINESS))
    load (self);
  else if (rapport_database_change_concerns (kind, RAPPORT_KIND_ORDER))
    update_next_number (self);
}

static void apply (RapportBusinessPage *self,
                   Field                field);

/* A refused save: the field shows what is saved, or says what is wrong. */
static void
show_refusal (RapportBusinessPage *self,
              Field                field,
              const GError        *error)
{
  if (is_immediate (field))
    show_field (self, field, self->shown);
  if (!g_error_matches (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID))
    {
      rapport_widget_add_error_toast (GTK_WIDGET (self), (GError *) error);
      return;
    }
  /* A pattern's own fault is said in the words of the live check. */
  if (field == FIELD_NUMBER_PATTERN)
    update_next_number (self);
  if (field != FIELD_NUMBER_PATTERN || rapport_error_row_get_message (self->errors[field]) == NULL)
    set_error (self, field, error->message);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RapportBusinessPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Field field = self->applying;

  /* The database told the page what was saved before this. */
  self->applying = NO_FIELD;
  if (!rapport_business_repository_save_finish (RAPPORT_BUSINESS_REPOSITORY (source), result, &error))
    show_refusal (self, field, error);

  /* A field left while this one was written is saved now, over it. */
  for (Field next = 0; next < N_FIELDS; next++)
    if (self->pending & (1u << next))
      {
        self->pending &= ~(1u << next);
        apply (self, next);
        break;
      }
}

/* Saves @field as the page shows it, over what is saved now, on the
 * database's worker. One at a time: each starts from what the one before
 * saved. */
static void
apply (RapportBusinessPage *self,
       Field                field)
{
  g_autoptr(RapportBusiness) stored = NULL;
  g_autoptr(RapportBusiness) edited = NULL;
  g_autoptr(GError) error = NULL;

  if (self->syncing > 0 || self->shown == NULL)
    return;
  if (self->applying != NO_FIELD)
    {
      self->pending |= 1u << field;
      return;
    }

  stored = rapport_business_repository_get (get_repository (self), &error);
  if (stored == NULL)
    {
      rapport_widget_add_error_toast (GTK_WIDGET (self), error);
      return;
    }
  edited = rapport_business_copy (stored);
  read_field (self, field, edited);
  if (field_equal (edited, stored, field))
    return;

  self->applying = field;
  rapport_business_repository_save_async (get_repository (self), edited, NULL, on_saved, g_object_ref (self));
}

static Field
field_of (RapportBusinessPage *self,
          gpointer             widget)
{
  GtkWidget *widgets[N_FIELDS] = {
    self->name_row, GTK_WIDGET (self->address_view), self->tax_number_row, self->contact_row,
    GTK_WIDGET (self->logo_row), GTK_WIDGET (self->currency_drop_down), self->number_pattern_row,
    GTK_WIDGET (self->payment_terms_spin), GTK_WIDGET (self->quote_days_spin),
    GTK_WIDGET (self->prices_include_tax_switch),
  };

  for (Field field = 0; field < N_FIELDS; field++)
    if (widgets[field] == widget)
      return field;
  g_assert_not_reached ();
}

/* Enter, or the apply button, in a text field. */
static void
on_entry_apply (GtkWidget           *entry_row,
                RapportBusinessPage *self)
{
  apply (self, field_of (self, entry_row));
}

/* Leaving a text field saves it too: also when the page is left, or the
 * window closed, with the keyboard in it. */
static void
on_field_left (GtkEventController  *controller,
               RapportBusinessPage *self)
{
  GtkWidget *widget = gtk_event_controller_get_widget (controller);
  Field field = field_of (self, widget);

  if (!is_edited (self, field))
    return;
  apply (self, field);
  if (ADW_IS_ENTRY_ROW (widget) && !is_edited (self, field))
    set_applied (widget);
}

/* A number, chosen or typed. */
static void
on_value_changed (GtkWidget           *spin_button,
                  RapportBusinessPage *self)
{
  apply (self, field_of (self, spin_button));
}

/* A switch or a drop-down. */
static void
on_choice_changed (GtkWidget           *widget,
                   GParamSpec          *pspec,
                   RapportBusinessPage *self)
{
  apply (self, field_of (self, widget));
}

static void
on_pattern_changed (RapportBusinessPage *self)
{
  if (self->syncing == 0)
    update_next_number (self);
}

static void
on_logo_chosen (RapportBusinessPage *self)
{
  apply (self, FIELD_LOGO);
}

static void
on_logo_refused (RapportBusinessPage *self,
                 const char          *message)
{
  set_error (self, FIELD_LOGO, message);
}

static void
setup_currencies (RapportBusinessPage *self)
{
  g_auto(GStrv) codes = rapport_money_dup_currencies ();
  g_autoptr(GtkExpression) expression = NULL;

  self->currency_names = gtk_string_list_new (NULL);
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_autofree char *name = rapport_money_dup_currency_name (codes[i]);
      /* TRANSLATORS: a currency in the list to choose from: its ISO code
       * and its name, “EUR — Euro” */
      g_autofree char *label = g_strdup_printf (_("%s — %s"), codes[i], name);

      g_ptr_array_add (self->currencies, g_strdup (codes[i]));
      gtk_string_list_append (self->currency_names, label);
    }

  /* Typing the start of a code finds it. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->currency_drop_down, expression);
  gtk_drop_down_set_model (self->currency_drop_down, G_LIST_MODEL (self->currency_names));
}

static void
rapport_business_page_constructed (GObject *object)
{
  RapportBusinessPage *self = RAPPORT_BUSINESS_PAGE (object);

  G_OBJECT_CLASS (rapport_business_page_parent_class)->constructed (object);

  self->syncing++;
  setup_currencies (self);
  self->syncing--;
  g_signal_connect_object (rapport_context_get_database (self->context), "changed",
                           G_CALLBACK (on_database_changed), self, G_CONNECT_SWAPPED);
  load (self);

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (rapport_lost_reasons_group_new (self->context)));
}

static void
rapport_business_page_finalize (GObject *object)
{
  RapportBusinessPage *self = RAPPORT_BUSINESS_PAGE (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->shown, rapport_business_free);
  g_clear_pointer (&self->currencies, g_ptr_array_unref);
  g_clear_object (&self->currency_names);

  G_OBJECT_CLASS (rapport_business_page_parent_class)->finalize (object);
}

static void
rapport_business_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportBusinessPage *self = RAPPORT_BUSINESS_PAGE (object);

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
rapport_business_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportBusinessPage *self = RAPPORT_BUSINESS_PAGE (object);

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
rapport_business_page_class_init (RapportBusinessPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_business_page_constructed;
  object_class->finalize = rapport_business_page_finalize;
  object_class->get_property = rapport_business_page_get_property;
  object_class->set_property = rapport_business_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Named by the template. */
  g_type_ensure (RAPPORT_TYPE_ERROR_ROW);
  g_type_ensure (RAPPORT_TYPE_LOGO_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-business-page.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportBusinessPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, RapportBusinessPage, address_view);
  gtk_widget_class_bind_template_child (widget_class, RapportBusinessPage, tax_number_row);
  gtk_widget_class_bind_template_child (widget_class, RapportBusinessPage, contact_row);
  gtk_widget_class_bind_template_child (widget_class, RapportBusinessPage, logo_row);
  gtk_widget_class_bind_template_child (widget_class, RapportBusinessPage, currency_drop_down);
  gtk_widget_class_bind_template_child (widget_class, RapportBusinessPage, number_pattern_row);
  gtk_widget_class_bind_template_child (widget_class, RapportBusinessPage, next_number_label);
  gtk_widget_class_bind_template_child (widget_class, RapportBusinessPage, payment_terms_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportBusinessPage, quote_days_spin);
  gtk_widget_class_bind_template_child (widget_class, RapportBusinessPage, prices_include_tax_switch);
  for (Field field = 0; field < N_FIELDS; field++)
    gtk_widget_class_bind_template_child_full (widget_class, error_ids[field], FALSE,
                                               G_STRUCT_OFFSET (RapportBusinessPage, errors)
                                               + field * sizeof (gpointer));
  gtk_widget_class_bind_template_callback (widget_class, on_entry_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_field_left);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pattern_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_logo_chosen);
  gtk_widget_class_bind_template_callback (widget_class, on_logo_refused);
}

static void
rapport_business_page_init (RapportBusinessPage *self)
{
  self->applying = NO_FIELD;
  self->currencies = g_ptr_array_new_with_free_func (g_free);
  self->syncing++;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->syncing--;

  rapport_widget_set_text_ltr (self->tax_number_row);
  rapport_widget_set_text_ltr (self->contact_row);
  rapport_widget_set_text_ltr (self->number_pattern_row);
  gtk_widget_set_direction (GTK_WIDGET (self->next_number_label), GTK_TEXT_DIR_LTR);
}

/**
 * rapport_business_page_new:
 * @context: the application's context
 *
 * Returns: (transfer floating): the preferences page of the business's
 *   details and terms
 */
GtkWidget *
rapport_business_page_new (RapportContext *context)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);

  return g_object_new (RAPPORT_TYPE_BUSINESS_PAGE, "context", context, NULL);
}
