/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-address-row.h"
#include "rapport-client-duplicates.h"
#include "rapport-client-editor.h"
#include "rapport-contact-point-row.h"
#include "rapport-date-row.h"
#include "rapport-format.h"
#include "rapport-save-status.h"
#include "rapport-text.h"
#include "rapport-widget-util.h"

/* How long typing pauses before a value is pointed out as wrong and looked
 * up among the other clients: long enough not to scold half-typed text,
 * short enough to answer before the next field. */
#define CHECK_DELAY_MS 250

struct _RapportClientEditor
{
  AdwWindow               parent_instance;

  RapportContext         *context;
  RapportClient          *client;        /* a copy: the caller's is never touched */
  GPtrArray              *phone_rows;
  GPtrArray              *email_rows;
  GPtrArray              *address_rows;
  GArray                 *owner_ids;     /* gint64, in the owner row's order */
  RapportContactPointRow *last_edited;   /* looked up first */
  gint64                  duplicate_id;
  guint                   check_source;
  GCancellable           *save_cancellable;  /* while a save runs */
  RapportClient          *saving;            /* what it saves */
  RapportSaveStatus      *save_status;
  gboolean                filling;       /* the dialog, not the person, is typing */
  gboolean                names_touched; /* a name was typed, or emptied */
  gboolean                form_touched;  /* something else was typed */
  gboolean                company_order;
  char                   *initial_state;  /* the form as filled in, to tell a change */
  char                   *asked_phone;    /* the number a look-up opened it for */
  GtkWidget              *discard_dialog;

  GtkLabel               *title_label;
  GtkLabel               *subtitle_label;
  GtkWidget              *save_button;
  AdwActionRow           *consent_row;
  GtkSwitch              *consent_switch;
  GtkRevealer            *save_error_revealer;
  GtkLabel               *save_error;
  GtkRevealer            *duplicate_revealer;
  GtkLabel               *duplicate_label;
  GtkButton              *duplicate_button;
  AdwPreferencesGroup    *name_group;
  GtkToggleButton        *person_button;
  GtkToggleButton        *company_button;
  GtkWidget              *given_row;
  GtkWidget              *family_row;
  GtkWidget              *organization_row;
  GtkWidget              *name_error;
  AdwPreferencesGroup    *phones_group;
  AdwPreferencesGroup    *emails_group;
  AdwPreferencesGroup    *addresses_group;
  GtkEditable            *tags_row;
  AdwComboRow            *owner_row;
  RapportDateRow         *birthday_row;
  GtkLabel               *birthday_error;
  GtkTextView            *notes_view;
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


static gboolean
is_company (RapportClientEditor *self)
{
  return gtk_toggle_button_get_active (self->company_button);
}

static gboolean
has_text (GtkWidget *editable)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));

  return *text != '\0';
}

static gboolean
has_name (RapportClientEditor *self)
{
  return has_text (self->given_row) || has_text (self->family_row) || has_text (self->organization_row);
}

/* The name row that comes first, as the form is ordered now. */
static GtkWidget *
first_name_row (RapportClientEditor *self)
{
  return is_company (self) ? self->organization_row : self->given_row;
}

/* What is wrong with the birthday, in the words of the date check. */
static char *
dup_birthday_problem (RapportClientEditor *self)
{
  g_autofree char *problem = rapport_date_row_dup_problem (self->birthday_row);

  if (problem == NULL)
    return NULL;
  return g_strconcat (_("Birthday: "), problem, NULL);
}

/* The first problem in @rows, numbered as the store numbers them: empty
 * rows do not count, they are dropped. */
static gboolean
check_point_rows (GPtrArray  *rows,
                  GtkWidget **where,
                  char      **problem)
{
  guint number = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      RapportContactPointRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) error = NULL;

      if (has_text (GTK_WIDGET (row)))
        number++;
      if (rapport_contact_point_row_check (row, &error))
        continue;
      *where = GTK_WIDGET (row);
      *problem = g_strdup_printf (rapport_contact_point_row_is_phone (row) ? _("Phone %u: %s") : _("E-mail %u: %s"),
                                  number, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Whether the form can be saved; if not, the first field to fix and why. */
static gboolean
check_form (RapportClientEditor  *self,
            GtkWidget           **where,
            char                **problem)
{
  *where = NULL;
  *problem = NULL;

  if (!has_name (self))
    {
      *where = first_name_row (self);
      *problem = g_strdup (_("A client needs a name or an organization."));
      return FALSE;
    }
  if (!check_point_rows (self->phone_rows, where, problem)
      || !check_point_rows (self->email_rows, where, problem))
    return FALSE;
  if ((*problem = dup_birthday_problem (self)) != NULL)
    {
      *where = GTK_WIDGET (self->birthday_row);
      return FALSE;
    }
  return TRUE;
}

static void
set_name_error (RapportClientEditor *self,
                gboolean             shown)
{
  gtk_widget_set_visible (self->name_error, shown);
  rapport_widget_set_invalid (self->given_row, shown);
  rapport_widget_set_invalid (self->family_row, shown);
  rapport_widget_set_invalid (self->organization_row, shown);
}

static RapportClient *collect (RapportClientEditor *self);

static void
append_points (GString   *state,
               GPtrArray *points)
{
  for (guint i = 0; i < points->len; i++)
    {
      RapportContactPoint *point = g_ptr_array_index (points, i);

      g_string_append_printf (state, "%s\x1f%s\x1e", point->label, point->value);
    }
}

/* Everything the form would save, and the text of fields that do not hold
 * a value yet, as one string: two states compare as strings. */
static char *
dup_form_state (RapportClientEditor *self)
{
  g_autoptr(RapportClient) client = collect (self);
  g_autofree char *tags = rapport_client_dup_tags_text (client);
  GPtrArray *addresses = rapport_client_get_addresses (client);
  GString *state = g_string_new (NULL);

  g_string_append_printf (state, "%d\x1d%s\x1d%s\x1d%s\x1d%s\x1d%s\x1d%" G_GINT64_FORMAT "\x1d%s\x1d",
                          rapport_client_get_kind (client),
                          rapport_client_get_given_name (client),
                          rapport_client_get_family_name (client),
                          rapport_client_get_organization (client),
                          tags,
                          gtk_editable_get_text (GTK_EDITABLE (self->birthday_row)),
                          rapport_client_get_owner_id (client),
                          rapport_client_get_notes (client));
  g_string_append_printf (state, "%d\x1d", gtk_switch_get_active (self->consent_switch));
  append_points (state, rapport_client_get_phones (client));
  g_string_append_c (state, '\x1d');
  append_points (state, rapport_client_get_emails (client));
  for (guint i = 0; i < addresses->len; i++)
    {
      RapportAddress *address = g_ptr_array_index (addresses, i);
      g_autofree char *text = rapport_address_format (address);

      g_string_append_printf (state, "\x1d%s\x1f%s", address->label, text);
    }
  return g_string_free (state, FALSE);
}

/**
 * rapport_client_editor_has_changes:
 * @self: an editor
 *
 * Returns: whether the person changed anything since the form was filled
 *   in: closing it would throw that away
 */
gboolean
rapport_client_editor_has_changes (RapportClientEditor *self)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (RAPPORT_IS_CLIENT_EDITOR (self), FALSE);

  if (self->initial_state == NULL)
    return FALSE;
  state = dup_form_state (self);
  return !g_str_equal (state, self->initial_state);
}

static void
remember_state (RapportClientEditor *self)
{
  g_free (self->initial_state);
  self->initial_state = dup_form_state (self);
}

/* One place decides whether Save can be pressed: when the form holds a
 * change and the change can be saved. A problem fixed stops being pointed
 * out at once; a new one waits for a pause in typing. */
static void
update_validity (RapportClientEditor *self)
{
  g_autofree char *problem = NULL;
  GtkWidget *where;
  gboolean valid = check_form (self, &where, &problem);
  gboolean changed = rapport_client_editor_has_changes (self);
  GPtrArray *groups[] = { self->phone_rows, self->email_rows };

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && changed && self->save_cancellable == NULL);
  /* Why Save cannot be pressed yet, for the pointer and for screen readers. */
  if (valid && !changed)
    problem = g_strdup (_("Nothing has changed yet."));
  gtk_widget_set_tooltip_text (self->save_button, valid && changed ? _("Save (Ctrl+S)") : problem);
  if (valid && changed)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->save_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  else
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->save_button),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, problem, -1);

  /* A name emptied is pointed out at once, one never typed once the person
   * has moved on to the rest (show_problems()). */
  set_name_error (self, !has_name (self)
                        && (self->names_touched || gtk_widget_get_visible (self->name_error)));
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; i < groups[g]->len; i++)
      {
        RapportContactPointRow *row = g_ptr_array_index (groups[g], i);

        if (rapport_contact_point_row_get_message (row) != NULL
            && rapport_contact_point_row_check (row, NULL))
          rapport_contact_point_row_set_message (row, NULL);
      }
  if (rapport_date_row_get_valid (self->birthday_row))
    gtk_widget_set_visible (GTK_WIDGET (self->birthday_error), FALSE);
}

/* Points at every value that cannot be saved, with what is wrong with it. */
static void
show_problems (RapportClientEditor *self)
{
  g_autofree char *birthday_problem = dup_birthday_problem (self);
  GPtrArray *groups[] = { self->phone_rows, self->email_rows };

  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    for (guint i = 0; i < groups[g]->len; i++)
      {
        RapportContactPointRow *row = g_ptr_array_index (groups[g], i);
        g_autoptr(GError) error = NULL;

        rapport_contact_point_row_check (row, &error);
        rapport_contact_point_row_set_message (row, error ? error->message : NULL);
      }

  gtk_label_set_text (self->birthday_error, birthday_problem ? birthday_problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->birthday_error), birthday_problem != NULL);
  set_name_error (self, !has_name (self) && (self->names_touched || self->form_touched));
}

static void
hide_duplicate (RapportClientEditor *self)
{
  self->duplicate_id = 0;
  gtk_revealer_set_reveal_child (self->duplicate_revealer, FALSE);
}

static void
show_duplicate (RapportClientEditor *self,
                const char          *value,
                RapportClient       *other)
{
  const char *name = rapport_client_get_display_name (other);
  g_autofree char *isolated = rapport_format_left_to_right (value);
  /* TRANSLATORS: a phone number or e-mail address, then a client's name */
  g_autofree char *message = g_strdup_printf (_("%s already belongs to %s."), isolated, name);
  /* TRANSLATORS: opens the card of the client named */
  g_autofree char *button = g_strdup_printf (_("Open %s"), name);

  self->duplicate_id = rapport_client_get_id (other);
  gtk_label_set_text (self->duplicate_label, message);
  gtk_button_set_label (self->duplicate_button, button);
  gtk_revealer_set_reveal_child (self->duplicate_revealer, TRUE);
}

/* A client whose name is the same, the same words in another order, or one
 * typo apart: a warning too, once the person has typed a name. */
static gboolean
check_similar_name (RapportClientEditor *self,
                    gint64               own_id)
{
  g_autofree char *name = NULL;
  g_autofree char *other_name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *button = NULL;
  g_autoptr(GError) error = NULL;
  gint64 other_id = 0;

  if (!self->names_touched)
    return FALSE;
  name = g_strjoin (" ", gtk_editable_get_text (GTK_EDITABLE (is_company (self) ? self->organization_row
                                                                                 : self->given_row)),
                    is_company (self) ? "" : gtk_editable_get_text (GTK_EDITABLE (self->family_row)), NULL);
  if (!rapport_client_repository_find_similar_name (rapport_context_get_clients (self->context), g_strstrip (name),
                                                    own_id, &other_id, &other_name, NULL, &error))
    {
      g_debug ("Could not look up the name “%s”: %s", name, error->message);
      return FALSE;
    }
  if (other_id == 0)
    return FALSE;

  /* TRANSLATORS: a client's name */
  message = g_strdup_printf (_("A client with a very similar name exists: %s."), other_name);
  /* TRANSLATORS: opens the card of the client named */
  button = g_strdup_printf (_("Open %s"), other_name);
  self->duplicate_id = other_id;
  gtk_label_set_text (self->duplicate_label, message);
  gtk_button_set_label (self->duplicate_button, button);
  gtk_revealer_set_reveal_child (self->duplicate_revealer, TRUE);
  return TRUE;
}

/* Looks the phones and e-mails up among the other clients, the one being
 * typed first: a warning, not an error — two people may share a landline.
 * Indexed look-ups, quick enough for the main thread. */
static void
check_duplicates (RapportClientEditor *self)
{
  gint64 own_id = rapport_client_get_id (self->client);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (self->last_edited != NULL)
    g_ptr_array_add (rows, self->last_edited);
  g_ptr_array_extend (rows, self->phone_rows, NULL, NULL);
  g_ptr_array_extend (rows, self->email_rows, NULL, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      RapportContactPointRow *row = g_ptr_array_index (rows, i);
      g_autofree char *value = rapport_contact_point_row_dup_value (row);
      g_autoptr(GPtrArray) others = NULL;
      g_autoptr(GError) error = NULL;

      if (*value == '\0' || !rapport_contact_point_row_check (row, NULL))
        continue;
      others = rapport_contact_point_row_is_phone (row)
               ? rapport_client_repository_find_by_phone (rapport_context_get_clients (self->context),
                                                          value, own_id, &error)
               : rapport_client_repository_find_by_email (rapport_context_get_clients (self->context),
                                                          value, own_id, &error);
      if (others == NULL)
        {
          /* Only a warning is lost; saving will tell if the database is unwell. */
          g_debug ("Could not look up “%s”: %s", value, error->message);
          continue;
        }
      if (others->len > 0)
        {
          show_duplicate (self, value, g_ptr_array_index (others, 0));
          return;
        }
    }

  if (check_similar_name (self, own_id))
    return;
  hide_duplicate (self);
}

static void
check_now (RapportClientEditor *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  show_problems (self);
  check_duplicates (self);
}

static gboolean
on_check_timeout (gpointer user_data)
{
  RapportClientEditor *self = user_data;

  self->check_source = 0;
  show_problems (self);
  check_duplicates (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_check (RapportClientEditor *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  self->check_source = g_timeout_add (CHECK_DELAY_MS, on_check_timeout, self);
}

static void
on_name_changed (RapportClientEditor *self)
{
  if (self->filling)
    return;
  self->names_touched = TRUE;
  update_validity (self);
  schedule_check (self);
}

/* Tags, notes, the owner and addresses: no check to make, but Save may
 * become possible. */
static void
on_other_changed (RapportClientEditor *self)
{
  if (self->filling)
    return;
  update_validity (self);
}

static void
on_birthday_changed (RapportClientEditor *self)
{
  if (self->filling)
    return;
  self->form_touched = TRUE;
  update_validity (self);
  schedule_check (self);
}

/* Enter moves on to the next place to type: it never saves a half-filled
 * form, and never lands on a button that a second Enter would press (the
 * Remove button after a phone, Add after a name). */
static void
on_entry_activated (RapportClientEditor *self)
{
  for (guint i = 0; i < 100; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (self));
      if (focus == NULL || GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus))
        return;
    }
}

/* A company comes first by its name; a person by theirs. */
static void
order_name_rows (RapportClientEditor *self,
                 gboolean             company)
{
  GtkWidget *person_order[] = { self->given_row, self->family_row, self->organization_row };
  GtkWidget *company_order[] = { self->organization_row, self->given_row, self->family_row };
  GtkWidget **rows = company ? company_order : person_order;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *refocus = NULL;

  if (self->company_order == company)
    return;
  self->company_order = company;

  for (guint i = 0; i < 3; i++)
    {
      if (focus != NULL && gtk_widget_is_ancestor (focus, rows[i]))
        refocus = rows[i];
      g_object_ref (rows[i]);
      adw_preferences_group_remove (self->name_group, rows[i]);
    }
  for (guint i = 0; i < 3; i++)
    {
      adw_preferences_group_add (self->name_group, rows[i]);
      g_object_unref (rows[i]);
    }
  if (refocus != NULL)
    gtk_widget_grab_focus (refocus);
}

static void
on_kind_toggled (RapportClientEditor *self)
{
  gboolean company = is_company (self);

  order_name_rows (self, company);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->organization_row),
                                 company ? _("Company Name") : _("Organization"));
  adw_preferences_group_set_description (self->name_group,
                                         company ? _("A company is listed by its organization; the names are of the person to talk to.")
                                                 : NULL);
  on_other_changed (self);
}

static void
on_duplicate_clicked (RapportClientEditor *self)
{
  gint64 id = self->duplicate_id;

  if (id == 0)
    return;
  g_signal_emit (self, signals[OPEN_CLIENT], 0, id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_point_row_changed (RapportContactPointRow *row,
                      RapportClientEditor    *self)
{
  if (self->filling)
    return;
  self->form_touched = TRUE;
  self->last_edited = row;
  update_validity (self);
  schedule_check (self);
}

/* After a removal the keyboard stays in the same list: on the row that took
 * the removed one's place, the one before it, or the list's Add button. */
static void
focus_after_removal (GPtrArray           *rows,
                     guint                index,
                     AdwPreferencesGroup *group)
{
  if (rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (rows, MIN (index, rows->len - 1)));
  else
    gtk_widget_grab_focus (adw_preferences_group_get_header_suffix (group));
}

static void
on_point_row_remove (RapportContactPointRow *row,
                     RapportClientEditor    *self)
{
  gboolean phone = rapport_contact_point_row_is_phone (row);
  GPtrArray *rows = phone ? self->phone_rows : self->email_rows;
  AdwPreferencesGroup *group = phone ? self->phones_group : self->emails_group;
  guint index = 0;

  if (self->last_edited == row)
    self->last_edited = NULL;
  g_ptr_array_find (rows, row, &index);
  g_ptr_array_remove_index (rows, index);
  adw_preferences_group_remove (group, GTK_WIDGET (row));
  focus_after_removal (rows, index, group);

  update_validity (self);
  check_now (self);
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
  g_signal_connect (row, "changed", G_CALLBACK (on_point_row_changed), self);
  g_signal_connect (row, "remove", G_CALLBACK (on_point_row_remove), self);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_entry_activated), self);
  return row;
}

static void
on_add_phone (RapportClientEditor *self)
{
  /* The first phone is most often a mobile, further ones a landline. */
  gtk_widget_grab_focus (add_point_row (self, TRUE, self->phone_rows->len == 0 ? "mobile" : "work", NULL));
}

static void
on_add_email (RapportClientEditor *self)
{
  gtk_widget_grab_focus (add_point_row (self, FALSE, self->email_rows->len == 0 ? "home" : "work", NULL));
}

static void
on_address_row_remove (RapportAddressRow   *row,
                       RapportClientEditor *self)
{
  guint index = 0;

  g_ptr_array_find (self->address_rows, row, &index);
  g_ptr_array_remove_index (self->address_rows, index);
  adw_preferences_group_remove (self->addresses_group, GTK_WIDGET (row));
  focus_after_removal (self->address_rows, index, self->addresses_group);
  on_other_changed (self);
}

static GtkWidget *
add_address_row (RapportClientEditor  *self,
                 const RapportAddress *address)
{
  GtkWidget *row = rapport_address_row_new (address);

  g_ptr_array_add (self->address_rows, row);
  adw_preferences_group_add (self->addresses_group, row);
  g_signal_connect (row, "remove", G_CALLBACK (on_address_row_remove), self);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_other_changed), self);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (on_entry_activated), self);
  return row;
}

static void
on_add_address (RapportClientEditor *self)
{
  gtk_widget_grab_focus (add_address_row (self, NULL));
}

static void
show_save_error (RapportClientEditor *self,
                 const char          *message)
{
  gtk_label_set_text (self->save_error, message);
  gtk_revealer_set_reveal_child (self->save_error_revealer, TRUE);
}

/* Whether the client agrees to service messages, and since when. */
static void
show_consent (RapportClientEditor *self)
{
  g_autoptr(GError) error = NULL;
  gint64 since = 0;

  if (rapport_client_get_id (self->client) != 0
      && !rapport_client_repository_get_service_consent (rapport_context_get_clients (self->context),
                                                         rapport_client_get_id (self->client), &since, &error))
    show_save_error (self, error->message);
  gtk_switch_set_active (self->consent_switch, since != 0);
  if (since != 0)
    {
      g_autofree char *day = rapport_format_local_date (since);
      /* TRANSLATORS: %s is a date */
      g_autofree char *text = g_strdup_printf (_("Since %s"), day);

      adw_action_row_set_subtitle (self->consent_row, text);
    }
}

/* Active staff, and the current owner even when no longer active. */
static void
setup_owner (RapportClientEditor *self)
{
  RapportStaffRepository *repository = rapport_context_get_staff (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = rapport_staff_repository_list (repository, FALSE, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 owner = rapport_client_get_owner_id (self->client);
  gint64 nobody = 0;
  guint selected = 0;

  /* TRANSLATORS: no staff member looks after this client */
  gtk_string_list_append (names, _("Nobody"));
  g_array_append_val (self->owner_ids, nobody);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      RapportStaff *member = g_ptr_array_index (staff, i);
      gint64 id = rapport_staff_get_id (member);

      if (id == owner)
        selected = self->owner_ids->len;
      gtk_string_list_append (names, rapport_staff_get_name (member));
      g_array_append_val (self->owner_ids, id);
    }

  if (staff == NULL)
    show_save_error (self, error->message);

  if (owner != 0 && selected == 0)
    {
      g_autoptr(RapportStaff) former = rapport_staff_repository_get (repository, owner, NULL);

      if (former != NULL)
        {
          /* TRANSLATORS: a staff member who no longer works here */
          g_autofree char *label = g_strdup_printf (_("%s (former staff)"),
                                                    rapport_staff_get_name (former));
          selected = self->owner_ids->len;
          gtk_string_list_append (names, label);
          g_array_append_val (self->owner_ids, owner);
        }
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
  const char *title = is_new ? _("New Client") : _("Edit Client");

  self->filling = TRUE;

  gtk_window_set_title (GTK_WINDOW (self), title);
  rapport_widget_set_titles (self->title_label, self->subtitle_label, title,
                             is_new ? NULL : rapport_client_get_display_name (client));

  gtk_toggle_button_set_active (rapport_client_get_kind (client) == RAPPORT_CLIENT_COMPANY
                                ? self->company_button : self->person_button, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->given_row), rapport_client_get_given_name (client));
  gtk_editable_set_text (GTK_EDITABLE (self->family_row), rapport_client_get_family_name (client));
  gtk_editable_set_text (GTK_EDITABLE (self->organization_row), rapport_client_get_organization (client));

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
  /* A place for a phone and an e-mail is ready, one click fewer. */
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
  show_consent (self);

  self->filling = FALSE;

  /* What was saved before is shown as it is, problems and all. */
  self->names_touched = !is_new;
  remember_state (self);
  update_validity (self);
  if (!is_new)
    show_problems (self);
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

      /* Empty rows are dropped, not refused. */
      if (*value != '\0')
        g_ptr_array_add (points, rapport_contact_point_new (rapport_contact_point_row_get_label (row), value));
    }
}

/* What the dialog shows, as a new copy of the client: a failed save leaves
 * nothing half-changed behind. */
static RapportClient *
collect (RapportClientEditor *self)
{
  RapportClient *client = rapport_client_copy (self->client);
  RapportClientKind kind = is_company (self) ? RAPPORT_CLIENT_COMPANY : RAPPORT_CLIENT_PERSON;
  const char *given = gtk_editable_get_text (GTK_EDITABLE (self->given_row));
  const char *family = gtk_editable_get_text (GTK_EDITABLE (self->family_row));
  const char *organization = gtk_editable_get_text (GTK_EDITABLE (self->organization_row));
  GPtrArray *addresses = rapport_client_get_addresses (client);
  g_auto(GStrv) tags = g_strsplit (gtk_editable_get_text (self->tags_row), ",", -1);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  guint owner = adw_combo_row_get_selected (self->owner_row);
  g_autofree char *notes = NULL;
  GtkTextIter start, end;

  /* A display name that came with the client (say, from a vCard) stays
   * until the names it stands for change; then the store composes it anew. */
  if (kind != rapport_client_get_kind (self->client)
      || g_strcmp0 (given, rapport_client_get_given_name (self->client)) != 0
      || g_strcmp0 (family, rapport_client_get_family_name (self->client)) != 0
      || g_strcmp0 (organization, rapport_client_get_organization (self->client)) != 0)
    rapport_client_set_display_name (client, "");
  rapport_client_set_kind (client, kind);
  rapport_client_set_given_name (client, given);
  rapport_client_set_family_name (client, family);
  rapport_client_set_organization (client, organization);

  collect_points (self->phone_rows, rapport_client_get_phones (client));
  collect_points (self->email_rows, rapport_client_get_emails (client));
  g_ptr_array_set_size (addresses, 0);
  for (guint i = 0; i < self->address_rows->len; i++)
    g_ptr_array_add (addresses, rapport_address_row_dup_address (g_ptr_array_index (self->address_rows, i)));

  rapport_client_set_tags (client, (const char * const *) tags);
  rapport_client_set_birthday (client, rapport_date_row_get_date (self->birthday_row));
  rapport_client_set_owner_id (client, owner < self->owner_ids->len
                                       ? g_array_index (self->owner_ids, gint64, owner) : 0);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  rapport_client_set_notes (client, notes);

  return client;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(RapportClientEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved = rapport_client_repository_save_finish (RAPPORT_CLIENT_REPOSITORY (source), result, &error);
  gboolean closed = g_cancellable_is_cancelled (self->save_cancellable);

  g_clear_object (&self->save_cancellable);
  if (closed)
    return;
  rapport_save_status_end (self->save_status);

  if (!saved)
    {
      /* The message names the field; the dialog stays, nothing is lost. */
      show_save_error (self, error->message);
      self->names_touched = TRUE;
      update_validity (self);
      check_now (self);
      return;
    }

  gtk_revealer_set_reveal_child (self->save_error_revealer, FALSE);
  g_signal_emit (self, signals[SAVED], 0, self->saving);
  g_clear_pointer (&self->initial_state, g_free);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The save runs on the database's worker: the window keeps drawing, and
 * says so when it waits for another program. */
static void
save (RapportClientEditor *self)
{
  if (self->save_cancellable != NULL)
    return;

  g_set_object (&self->saving, NULL);
  self->saving = collect (self);
  self->save_cancellable = g_cancellable_new ();
  update_validity (self);
  rapport_save_status_begin (self->save_status);
  rapport_client_repository_save_with_consent_async (rapport_context_get_clients (self->context), self->saving,
                                                     gtk_switch_get_active (self->consent_switch),
                                                     self->save_cancellable, on_saved, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (RAPPORT_CLIENT_EDITOR (widget));
}

/* Ctrl+S: saves, or when something stands in the way, points at all of it
 * and takes the keyboard to the first thing to fix. */
static void
save_or_explain_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  RapportClientEditor *self = RAPPORT_CLIENT_EDITOR (widget);
  g_autofree char *problem = NULL;
  GtkWidget *where;

  if (check_form (self, &where, &problem))
    {
      save (self);
      return;
    }

  self->names_touched = TRUE;
  update_validity (self);
  check_now (self);
  if (where != NULL)
    gtk_widget_grab_focus (where);
}

static gboolean
destroy_when_idle (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* The form goes once the question has finished closing: it is the
 * question's parent. */
static void
on_discard_response (RapportClientEditor *self,
                     const char          *response)
{
  self->discard_dialog = NULL;
  if (!g_str_equal (response, "discard"))
    return;
  g_clear_pointer (&self->initial_state, g_free);
  g_idle_add_full (G_PRIORITY_DEFAULT, destroy_when_idle, g_object_ref (self), g_object_unref);
}

/**
 * rapport_client_editor_ask_discard:
 * @self: an editor with changes
 *
 * Asks whether to throw away what was typed, and closes the form if so.
 */
void
rapport_client_editor_ask_discard (RapportClientEditor *self)
{
  GtkWidget *dialog;

  g_return_if_fail (RAPPORT_IS_CLIENT_EDITOR (self));

  if (self->discard_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->discard_dialog));
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                   _("What was typed in this form has not been saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response), self, G_CONNECT_SWAPPED);
  self->discard_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Escape, Cancel or the window manager: typed edits are not thrown away
 * without asking. */
static gboolean
rapport_client_editor_close_request (GtkWindow *window)
{
  RapportClientEditor *self = RAPPORT_CLIENT_EDITOR (window);

  if (rapport_client_editor_has_changes (self))
    {
      rapport_client_editor_ask_discard (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (rapport_client_editor_parent_class)->close_request (window);
}

static void
rapport_client_editor_constructed (GObject *object)
{
  RapportClientEditor *self = RAPPORT_CLIENT_EDITOR (object);

  G_OBJECT_CLASS (rapport_client_editor_parent_class)->constructed (object);

  if (self->client == NULL)
    self->client = rapport_client_new ();
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_other_changed), self, G_CONNECT_SWAPPED);
  rapport_save_status_set_database (self->save_status, rapport_context_get_database (self->context));
  fill_in (self);
  gtk_widget_grab_focus (first_name_row (self));
}

static void
rapport_client_editor_dispose (GObject *object)
{
  RapportClientEditor *self = RAPPORT_CLIENT_EDITOR (object);

  g_clear_handle_id (&self->check_source, g_source_remove);
  self->last_edited = NULL;
  /* Closed while a save waits for another program: it waits no more. */
  if (self->save_cancellable != NULL)
    g_cancellable_cancel (self->save_cancellable);

  G_OBJECT_CLASS (rapport_client_editor_parent_class)->dispose (object);
}

static void
rapport_client_editor_finalize (GObject *object)
{
  RapportClientEditor *self = RAPPORT_CLIENT_EDITOR (object);

  g_clear_object (&self->context);
  g_clear_object (&self->client);
  g_free (self->initial_state);
  g_free (self->asked_phone);
  g_clear_object (&self->saving);
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
  GTK_WINDOW_CLASS (klass)->close_request = rapport_client_editor_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RAPPORT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* A copy of the client is kept: reading the property gives the copy. */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, RAPPORT_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
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
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, consent_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, consent_switch);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, save_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, save_error);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, save_status);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, duplicate_revealer);
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
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, emails_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, addresses_group);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, birthday_row);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, birthday_error);
  gtk_widget_class_bind_template_child (widget_class, RapportClientEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_duplicate_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_birthday_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_other_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_add_phone);
  gtk_widget_class_bind_template_callback (widget_class, on_add_email);
  gtk_widget_class_bind_template_callback (widget_class, on_add_address);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.save-or-explain", NULL, save_or_explain_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save-or-explain", NULL);
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
  g_return_if_fail (phone != NULL);

  for (guint i = 0; i < self->phone_rows->len && row == NULL; i++)
    if (!has_text (g_ptr_array_index (self->phone_rows, i)))
      row = g_ptr_array_index (self->phone_rows, i);
  if (row == NULL)
    row = add_point_row (self, TRUE, "mobile", NULL);

  /* Filled in for the person, who has typed nothing yet: nothing to scold. */
  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), phone);
  self->filling = FALSE;
  self->last_edited = RAPPORT_CONTACT_POINT_ROW (row);
  g_free (self->asked_phone);
  self->asked_phone = g_strdup (phone);
  remember_state (self);
  update_validity (self);
  check_now (self);
}

/**
 * rapport_client_editor_get_asked_phone:
 * @self: an editor
 *
 * Returns: (nullable): the number rapport_client_editor_set_phone() filled
 *   in, for example for a caller no client has
 */
const char *
rapport_client_editor_get_asked_phone (RapportClientEditor *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_EDITOR (self), NULL);
  return self->asked_phone;
}
