/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-address-row.h"
#include "rapport-client-editor.h"
#include "rapport-contact-point-row.h"
#include "rapport-date-row.h"

/* How long typing pauses before a phone or e-mail is checked and looked up
 * among the other clients: long enough not to scold half-typed text. */
#define CHECK_DELAY_MS 400

struct _RapportClientEditor
{
  AdwWindow            parent_instance;

  RapportContext      *context;
  RapportClient       *client;        /* a copy: the caller's is never touched */
  GPtrArray           *phone_rows;
  GPtrArray           *email_rows;
  GPtrArray           *address_rows;
  GArray              *owner_ids;     /* gint64, in the owner row's order */
  gint64               duplicate_id;
  guint                check_source;
  gboolean             names_touched;

  AdwWindowTitle      *title;
  GtkWidget           *save_button;
  GtkLabel            *save_error;
  GtkWidget           *duplicate_box;
  GtkLabel            *duplicate_label;
  GtkButton           *duplicate_button;
  AdwPreferencesGroup *name_group;
  GtkToggleButton     *person_button;
  GtkToggleButton     *company_button;
  GtkEditable         *given_row;
  GtkEditable         *family_row;
  GtkEditable         *organization_row;
  GtkWidget           *name_error;
  AdwPreferencesGroup *phones_group;
  GtkLabel            *phones_error;
  AdwPreferencesGroup *emails_group;
  GtkLabel            *emails_error;
  AdwPreferencesGroup *addresses_group;
  GtkEditable         *tags_row;
  RapportDateRow      *birthday_row;
  AdwComboRow         *owner_row;
  GtkTextView         *notes_view;
};

G_DEFINE_FINAL_TYPE (RapportClientEditor, rapport_client_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_CLIENT,
  N_PROPS
};

enum {
  SAVED,
  OPEN_CLIENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static RapportStore *
get_store (RapportClientEditor *self)
{
  return rapport_context_get_store (self->context);
}

static gboolean
has_text (GtkEditable *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  return *text != '\0';
}

static gboolean
has_name (RapportClientEditor *self)
{
  return has_text (self->given_row) || has_text (self->family_row) || has_text (self->organization_row);
}

/* Shows the first problem of @rows under their group; returns whether
 * all are fine. */
static gboolean
check_rows (GPtrArray *rows,
            GtkLabel  *error_label,
            gboolean   show)
{
  gboolean all_fine = TRUE;

  gtk_widget_set_visible (GTK_WIDGET (error_label), FALSE);
  for (guint i = 0; i < rows->len; i++)
    {
      RapportContactPointRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) error = NULL;
      gboolean fine = rapport_contact_point_row_check (row, &error);

      if (show)
        rapport_contact_point_row_set_error (row, !fine);
      if (!fine && all_fine && show)
        {
          gtk_label_set_text (error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (error_label), TRUE);
        }
      all_fine &= fine;
    }

  return all_fine;
}

/* One place decides whether Save can be pressed. @show says whether to
 * point at the problems too, which waits for a pause in typing. */
static void
update_validity (RapportClientEditor *self,
                 gboolean             show)
{
  gboolean name_ok = has_name (self);
  gboolean phones_ok = check_rows (self->phone_rows, self->phones_error, show);
  gboolean emails_ok = check_rows (self->email_rows, self->emails_error, show);
  gboolean birthday_ok = rapport_date_row_get_valid (self->birthday_row);

  gtk_widget_set_visible (self->name_error, !name_ok && self->names_touched);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 name_ok && phones_ok && emails_ok && birthday_ok);
}

static void
hide_duplicate (RapportClientEditor *self)
{
  self->duplicate_id = 0;
  gtk_widget_set_visible (self->duplicate_box, FALSE);
}

static void
show_duplicate (RapportClientEditor *self,
                const char          *value,
                RapportClient       *other)
{
  const char *name = rapport_client_get_display_name (other);
  /* TRANSLATORS: a phone number or e-mail address, then a client's name */
  g_autofree char *message = g_strdup_printf (_("%s already belongs to %s."), value, name);
  /* TRANSLATORS: opens the card of the client named */
  g_autofree char *button = g_strdup_printf (_("Open %s"), name);

  self->duplicate_id = rapport_client_get_id (other);
  gtk_label_set_text (self->duplicate_label, message);
  gtk_button_set_label (self->duplicate_button, button);
  gtk_widget_set_visible (self->duplicate_box, TRUE);
}

/* Looks each phone and e-mail up among the other clients, archived ones too:
 * a warning, not an error — two people may share a landline. */
static void
check_duplicates (RapportClientEditor *self)
{
  gint64 own_id = rapport_client_get_id (self->client);
  GPtrArray *groups[] = { self->phone_rows, self->email_rows };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; i < groups[g]->len; i++)
      {
        RapportContactPointRow *row = g_ptr_array_index (groups[g], i);
        g_autofree char *value = rapport_contact_point_row_dup_value (row);
        g_autoptr(GPtrArray) others = NULL;

        if (*value == '\0' || !rapport_contact_point_row_check (row, NULL))
          continue;
        others = rapport_contact_point_row_is_phone (row)
                 ? rapport_store_find_clients_by_phone (get_store (self), value, own_id, NULL)
                 : rapport_store_find_clients_by_email (get_store (self), value, own_id, NULL);
        if (others != NULL && others->len > 0)
          {
            show_duplicate (self, value, g_ptr_array_index (others, 0));
            return;
          }
      }

  hide_duplicate (self);
}

static gboolean
on_check_timeout (gpointer user_data)
{
  RapportClientEditor *self = user_data;

  self->check_source = 0;
  update_validity (self, TRUE);
  check_duplicates (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (RapportClientEditor *self)
{
  update_validity (self, FALSE);
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (CHECK_DELAY_MS, on_check_timeout, self);
}

static void
on_name_changed (RapportClientEditor *self)
{
  self->names_touched = TRUE;
  update_validity (self, FALSE);
}

static void
on_validity_changed (RapportClientEditor *self)
{
  update_validity (self, FALSE);
}

static void
on_kind_toggled (RapportClientEditor *self)
{
  gboolean company = gtk_toggle_button_get_active (self->company_button);

  adw_preferences_group_set_description (self->name_group,
                                         company ? _("A company is listed by its organization; the names are of the person to talk to.")
                                                 : NULL);
}

static void
on_duplicate_clicked (RapportClientEditor *self)
{
  if (self->duplicate_id == 0)
    return;
  g_signal_emit (self, signals[OPEN_CLIENT], 0, self->duplicate_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_point_row_remove (RapportContactPointRow *row,
                     RapportClientEditor    *self)
{
  GPtrArray *rows = rapport_contact_point_row_is_phone (row) ? self->phone_rows : self->email_rows;
  AdwPreferencesGroup *group = rapport_contact_point_row_is_phone (row) ? self->phones_group : self->emails_group;

  g_ptr_array_remove (rows, row);
  adw_preferences_group_remove (group, GTK_WIDGET (row));
  schedule_check (self);
}

static GtkWidget *
add_point_row (RapportClientEditor *self,
               gboolean             phone,
               const char          *label,
               const char          *value)
{
  GtkWidget *row = rapport_contact_point_row_new (phone, label, value);

  g_ptr_array_add (phone ? self->phone_rows : self->email_rows, row);
  adw_preferences_group_add (phone ? self->phones_group : self->emails_group, row);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (schedule_check), self);
  g_signal_connect (row, "remove", G_CALLBACK (on_point_row_remove), self);
  return row;
}

static void
on_add_phone (RapportClientEditor *self)
{
  gtk_widget_grab_focus (add_point_row (self, TRUE, "mobile", NULL));
}

static void
on_add_email (RapportClientEditor *self)
{
  gtk_widget_grab_focus (add_point_row (self, FALSE, "home", NULL));
}

static void
on_address_row_remove (RapportAddressRow   *row,
                       RapportClientEditor *self)
{
  g_ptr_array_remove (self->address_rows, row);
  adw_preferences_group_remove (self->addresses_group, GTK_WIDGET (row));
}

static GtkWidget *
add_address_row (RapportClientEditor  *self,
                 const RapportAddress *address)
{
  GtkWidget *row = rapport_address_row_new (address);

  g_ptr_array_add (self->address_rows, row);
  adw_preferences_group_add (self->addresses_group, row);
  g_signal_connect (row, "remove", G_CALLBACK (on_address_row_remove), self);
  return row;
}

static void
on_add_address (RapportClientEditor *self)
{
  gtk_widget_grab_focus (add_address_row (self, NULL));
}

/* Active staff, and the current owner even when no longer active. */
static void
setup_owner (RapportClientEditor *self)
{
  g_autoptr(GPtrArray) staff = rapport_store_list_staff (get_store (self), TRUE, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 owner = rapport_client_get_owner_id (self->client);
  gint64 nobody = 0;
  guint selected = 0;

  gtk_string_list_append (names, _("Nobody in Particular"));
  g_array_append_val (self->owner_ids, nobody);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      RapportStaff *member = g_ptr_array_index (staff, i);
      gint64 id = rapport_staff_get_id (member);

      if (!rapport_staff_get_active (member) && id != owner)
        continue;
      if (rapport_staff_get_active (member))
        gtk_string_list_append (names, rapport_staff_get_name (member));
      else
        {
          /* TRANSLATORS: a staff member who no longer works here */
          g_autofree char *former = g_strdup_printf (_("%s (former staff)"), rapport_staff_get_name (member));
          gtk_string_list_append (names, former);
        }
      if (id == owner)
        selected = self->owner_ids->len;
      g_array_append_val (self->owner_ids, id);
    }

  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->owner_row, selected);
}

static void
fill_in (RapportClientEditor *self)
{
  RapportClient *client = self->client;
  GPtrArray *phones = rapport_client_get_phones (client);
  GPtrArray *emails = rapport_client_get_emails (client);
  GPtrArray *addresses = rapport_client_get_addresses (client);
  g_autofree char *tags = rapport_client_dup_tags_text (client);
  gboolean is_new = rapport_client_get_id (client) == 0;

  adw_window_title_set_title (self->title, is_new ? _("New Client") : _("Edit Client"));
  gtk_window_set_title (GTK_WINDOW (self), is_new ? _("New Client") : _("Edit Client"));
  if (!is_new)
    adw_window_title_set_subtitle (self->title, rapport_client_get_display_name (client));

  gtk_toggle_button_set_active (rapport_client_get_kind (client) == RAPPORT_CLIENT_COMPANY
                                ? self->company_button : self->person_button, TRUE);
  gtk_editable_set_text (self->given_row, rapport_client_get_given_name (client));
  gtk_editable_set_text (self->family_row, rapport_client_get_family_name (client));
  gtk_editable_set_text (self->organization_row, rapport_client_get_organization (client));
  self->names_touched = !is_new;

  for (guint i = 0; i < phones->len; i++)
    {
      RapportContactPoint *point = g_ptr_array_index (phones, i);
      add_point_row (self, TRUE, point->label, point->value);
    }
  for (guint i = 0; i < emails->len; i++)
    {
      RapportContactPoint *point = g_ptr_array_index (emails, i);
      add_point_row (self, FALSE, point->label, point->value);
    }
  /* A new client starts with a place for a phone and an e-mail. */
  if (phones->len == 0)
    add_point_row (self, TRUE, "mobile", NULL);
  if (emails->len == 0)
    add_point_row (self, FALSE, "home", NULL);
  for (guint i = 0; i < addresses->len; i++)
    add_address_row (self, g_ptr_array_index (addresses, i));

  gtk_editable_set_text (self->tags_row, tags);
  rapport_date_row_set_date (self->birthday_row, rapport_client_get_birthday (client));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            rapport_client_get_notes (client), -1);
  setup_owner (self);
  update_validity (self, TRUE);
}

static void
collect_points (GPtrArray *rows,
                GPtrArray *points)
{
  g_ptr_array_set_size (points, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      RapportContactPointRow *row = g_ptr_array_index (rows, i);
      g_autofree char *value = rapport_contact_point_row_dup_value (row);

      if (*value != '\0')
        g_ptr_array_add (points, rapport_contact_point_new (rapport_contact_point_row_get_label (row), value));
    }
}

/* What the dialog shows, into the client copy. */
static void
collect (RapportClientEditor *self)
{
  RapportClient *client = self->client;
  GPtrArray *addresses = rapport_client_get_addresses (client);
  g_auto(GStrv) tags = g_strsplit (gtk_editable_get_text (self->tags_row), ",", -1);
  g_autofree char *notes = NULL;
  GtkTextIter start, end;
  guint owner = adw_combo_row_get_selected (self->owner_row);

  rapport_client_set_kind (client, gtk_toggle_button_get_active (self->company_button)
                                   ? RAPPORT_CLIENT_COMPANY : RAPPORT_CLIENT_PERSON);
  rapport_client_set_given_name (client, gtk_editable_get_text (self->given_row));
  rapport_client_set_family_name (client, gtk_editable_get_text (self->family_row));
  rapport_client_set_organization (client, gtk_editable_get_text (self->organization_row));
  /* The display name follows the names, as the store composes it. */
  rapport_client_set_display_name (client, "");

  collect_points (self->phone_rows, rapport_client_get_phones (client));
  collect_points (self->email_rows, rapport_client_get_emails (client));
  g_ptr_array_set_size (addresses, 0);
  for (guint i = 0; i < self->address_rows->len; i++)
    g_ptr_array_add (addresses, rapport_address_row_dup_address (g_ptr_array_index (self->address_rows, i)));

  rapport_client_set_tags (client, (const char * const *) tags);
  rapport_client_set_birthday (client, rapport_date_row_get_date (self->birthday_row));
  rapport_client_set_owner_id (client, owner < self->owner_ids->len
                                       ? g_array_index (self->owner_ids, gint64, owner) : 0);

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->notes_view), &start, &end);
  notes = gtk_text_buffer_get_text (gtk_text_view_get_buffer (self->notes_view), &start, &end, FALSE);
  rapport_client_set_notes (client, notes);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  RapportClientEditor *self = RAPPORT_CLIENT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  collect (self);
  if (!rapport_store_save_client (get_store (self), self->client, &error))
    {
      /* The message names the field; the dialog stays, nothing is lost. */
      gtk_label_set_text (self->save_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->save_error), TRUE);
      self->names_touched = TRUE;
      update_validity (self, TRUE);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->client);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
rapport_client_editor_constructed (GObject *object)
{
  RapportClientEditor *self = RAPPORT_CLIENT_EDITOR (object);

  G_OBJECT_CLASS (rapport_client_editor_parent_class)->constructed (object);

  if (self->client == NULL)
    self->client = rapport_client_new ();
  fill_in (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->given_row));
}

static void
rapport_client_editor_dispose (GObject *object)
{
  RapportClientEditor *self = RAPPORT_CLIENT_EDITOR (object);

  g_clear_handle_id (&self->check_source, g_source_remove);

  G_OBJECT_CLASS (rapport_client_editor_parent_class)->dispose (object);
}

static void
rapport_client_editor_finalize (GObject *object)
{
  RapportClientEditor *self = RAPPORT_CLIENT_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_object (&self->client);
  g_ptr_array_unref (self->phone_rows);
  g_ptr_array_unref (self->email_rows);
  g_ptr_array_unref (self->address_rows);
  g_array_unref (self->owner_ids);

  G_OBJECT_CLASS (rapport_client_editor_parent_class)->finalize (object);
}

static void
rapport_client_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  RapportClientEditor *self = RAPPORT_CLIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTEXT: g_value_set_object (value, self->context); break;
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_client_editor_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  RapportClientEditor *self = RAPPORT_CLIENT_EDITOR (object);
  RapportClient *client;

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_CLIENT:
      client = g_value_get_object (value);
      /* Edits go to a copy: closing without saving leaves the original. */
      self->client = client ? rapport_client_copy (client) : NULL;
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_client_editor_class_init (RapportClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = rapport_client_editor_constructed;
  object_class->dispose = rapport_client_editor_dispose;
  object_class->finalize = rapport_client_editor_finalize;
  object_class->get_property = rapport_client_editor_get_property;
  object_class->set_property = rapport_client_editor_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, RAPPORT_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RapportClientEditor::saved:
   * @self: the editor
   * @client: the client as saved, with its id
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, RAPPORT_TYPE_CLIENT);

  /**
   * RapportClientEditor::open-client:
   * @self: the editor
   * @id: the client who already has the phone or e-mail being typed
   */
  signals[OPEN_CLIENT] =
    g_signal_new ("open-client", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/rapport-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, title);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, save_error);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, duplicate_box);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, duplicate_label);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, duplicate_button);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, name_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, person_button);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, company_button);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, given_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, family_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, organization_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, phones_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, phones_error);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, emails_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, emails_error);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, addresses_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_duplicate_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_validity_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_phone);
  gtk_widget_class_bind_template_callback (widget_class, on_add_email);
  gtk_widget_class_bind_template_callback (widget_class, on_add_address);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
rapport_client_editor_init (RapportClientEditor *self)
{
  self->phone_rows = g_ptr_array_new ();
  self->email_rows = g_ptr_array_new ();
  self->address_rows = g_ptr_array_new ();
  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * rapport_client_editor_new:
 * @context: the application's context
 * @client: (nullable): the client to edit, or %NULL for a new one
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
rapport_client_editor_new (RapportContext *context,
                           RapportClient  *client)
{
  g_return_val_if_fail (RAPPORT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (client == NULL || RAPPORT_IS_CLIENT (client), NULL);

  return g_object_new (RAPPORT_TYPE_CLIENT_EDITOR,
                       "context", context,
                       "client", client,
                       NULL);
}

/**
 * rapport_client_editor_set_phone:
 * @self: an editor
 * @phone: a phone number, for example of a caller no client has
 *
 * Puts @phone in the first empty phone row and looks it up at once.
 */
void
rapport_client_editor_set_phone (RapportClientEditor *self,
                                 const char          *phone)
{
  GtkWidget *row = NULL;

  g_return_if_fail (RAPPORT_IS_CLIENT_EDITOR (self));

  for (guint i = 0; i < self->phone_rows->len && row == NULL; i++)
    if (!has_text (g_ptr_array_index (self->phone_rows, i)))
      row = g_ptr_array_index (self->phone_rows, i);
  if (row == NULL)
    row = add_point_row (self, TRUE, "mobile", NULL);

  gtk_editable_set_text (GTK_EDITABLE (row), phone);
  g_clear_handle_id (&self->check_source, g_source_remove);
  on_check_timeout (self);
}
