/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-picker.h"
#include "rapport-widget-util.h"

/* An entry that suggests as one types: a client by name or phone, an item
 * of the catalog by name or code. The owner answers the ::search signal
 * with rapport_picker_set_suggestions(); the list drops below the entry,
 * the first row already chosen, so Enter takes it. Up and Down move the
 * choice while the text keeps the focus; Escape closes the list. */
struct _RapportPicker
{
  GtkWidget   parent_instance;

  GtkWidget  *entry;
  GtkWidget  *popover;
  GtkListBox *list;
  GtkEventController *focus;
  GPtrArray  *suggestions;   /* RapportSuggestion, in the list's order */
  gboolean    quiet;         /* the text is being set, not typed */
};

G_DEFINE_FINAL_TYPE (RapportPicker, rapport_picker, GTK_TYPE_WIDGET)

enum {
  SEARCH,
  PICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

RapportSuggestion *
rapport_suggestion_new (gint64      id,
                        const char *title,
                        const char *subtitle)
{
  RapportSuggestion *self = g_new0 (RapportSuggestion, 1);

  self->id = id;
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  return self;
}

void
rapport_suggestion_free (RapportSuggestion *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self);
}

static void
pick_row (RapportPicker *self,
          GtkListBoxRow *row)
{
  int index = row ? gtk_list_box_row_get_index (row) : -1;
  RapportSuggestion *suggestion;

  if (index < 0 || (guint) index >= self->suggestions->len)
    return;

  suggestion = g_ptr_array_index (self->suggestions, index);
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  g_signal_emit (self, signals[PICKED], 0, suggestion->id, suggestion->title);
}

static void
on_row_activated (RapportPicker *self,
                  GtkListBoxRow *row)
{
  pick_row (self, row);
  gtk_widget_grab_focus (self->entry);
}

static void
move_choice (RapportPicker *self,
             int            step)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);
  int index = row ? gtk_list_box_row_get_index (row) + step : 0;
  int n = (int) self->suggestions->len;

  if (n == 0)
    return;
  index = CLAMP (index, 0, n - 1);
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, index));
}

static gboolean
on_key_pressed (RapportPicker         *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean open = gtk_widget_get_visible (self->popover);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!open && self->suggestions->len > 0)
        gtk_popover_popup (GTK_POPOVER (self->popover));
      move_choice (self, open ? 1 : 0);
      return self->suggestions->len > 0;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!open)
        return FALSE;
      move_choice (self, -1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_KP_Enter:
      if (!open)
        return FALSE;
      pick_row (self, gtk_list_box_get_selected_row (self->list));
      return TRUE;
    case GDK_KEY_Escape:
      if (!open)
        return FALSE;
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_text_changed (RapportPicker *self)
{
  if (self->quiet)
    return;
  g_signal_emit (self, signals[SEARCH], 0, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
on_focus_left (RapportPicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static GtkWidget *
make_row (RapportSuggestion *suggestion)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (suggestion->title);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), title);
  if (suggestion->subtitle != NULL && *suggestion->subtitle != '\0')
    {
      GtkWidget *subtitle = gtk_label_new (suggestion->subtitle);

      gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
      gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_box_append (GTK_BOX (box), subtitle);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_can_focus (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, suggestion->title,
                                  -1);
  return row;
}

static void
rapport_picker_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  RapportPicker *self = RAPPORT_PICKER (widget);

  gtk_widget_allocate (self->entry, width, height, baseline, NULL);
  gtk_widget_set_size_request (self->popover, width, -1);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static gboolean
rapport_picker_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (RAPPORT_PICKER (widget)->entry);
}

static void
rapport_picker_dispose (GObject *object)
{
  RapportPicker *self = RAPPORT_PICKER (object);

  g_clear_pointer (&self->entry, gtk_widget_unparent);
  g_clear_pointer (&self->popover, gtk_widget_unparent);

  G_OBJECT_CLASS (rapport_picker_parent_class)->dispose (object);
}

static void
rapport_picker_finalize (GObject *object)
{
  RapportPicker *self = RAPPORT_PICKER (object);

  g_ptr_array_unref (self->suggestions);

  G_OBJECT_CLASS (rapport_picker_parent_class)->finalize (object);
}

static void
rapport_picker_class_init (RapportPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_picker_dispose;
  object_class->finalize = rapport_picker_finalize;
  widget_class->size_allocate = rapport_picker_size_allocate;
  widget_class->grab_focus = rapport_picker_grab_focus;

  /**
   * RapportPicker::search:
   * @self: the picker
   * @text: what is typed now
   *
   * Answer with rapport_picker_set_suggestions().
   */
  signals[SEARCH] =
    g_signal_new ("search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * RapportPicker::picked:
   * @self: the picker
   * @id: the suggestion's id; 0 for the text as written
   * @title: the suggestion's title
   */
  signals[PICKED] =
    g_signal_new ("picked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "rapport-picker");
}

static void
rapport_picker_init (RapportPicker *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  self->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_suggestion_free);

  self->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  gtk_widget_set_parent (self->entry, GTK_WIDGET (self));
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_text_changed), self);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (self->entry, keys);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_left), self);
  gtk_widget_add_controller (self->entry, focus);
  self->focus = focus;

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_BROWSE);
  gtk_list_box_set_activate_on_single_click (self->list, TRUE);
  gtk_widget_set_can_focus (GTK_WIDGET (self->list), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (on_row_activated), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Suggestions"),
                                  -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list));

  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
  gtk_widget_set_halign (self->popover, GTK_ALIGN_START);
  gtk_widget_set_can_focus (self->popover, FALSE);
  gtk_popover_set_child (GTK_POPOVER (self->popover), scroller);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
}

GtkWidget *
rapport_picker_new (void)
{
  return g_object_new (RAPPORT_TYPE_PICKER, NULL);
}

const char *
rapport_picker_get_text (RapportPicker *self)
{
  g_return_val_if_fail (RAPPORT_IS_PICKER (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

/* Sets the text without searching: the name of what was picked. */
void
rapport_picker_set_text (RapportPicker *self,
                         const char    *text)
{
  g_return_if_fail (RAPPORT_IS_PICKER (self));

  self->quiet = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  self->quiet = FALSE;
}

/**
 * rapport_picker_set_suggestions:
 * @self: the picker
 * @suggestions: (transfer container): #RapportSuggestion rows; none
 *   closes the list
 */
void
rapport_picker_set_suggestions (RapportPicker *self,
                                GPtrArray     *suggestions)
{
  g_return_if_fail (RAPPORT_IS_PICKER (self));
  g_return_if_fail (suggestions != NULL);

  rapport_list_box_remove_rows (self->list);
  g_ptr_array_unref (self->suggestions);
  self->suggestions = suggestions;

  for (guint i = 0; i < suggestions->len; i++)
    gtk_list_box_append (self->list, make_row (g_ptr_array_index (suggestions, i)));

  if (suggestions->len == 0 || !gtk_event_controller_focus_contains_focus (GTK_EVENT_CONTROLLER_FOCUS (self->focus)))
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return;
    }
  gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, 0));
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

/* Empty, list closed: ready for the next. */
void
rapport_picker_clear (RapportPicker *self)
{
  g_return_if_fail (RAPPORT_IS_PICKER (self));

  rapport_picker_set_text (self, "");
  rapport_picker_set_suggestions (self, g_ptr_array_new_with_free_func ((GDestroyNotify) rapport_suggestion_free));
}

/* For an accessible name, a mnemonic, a tooltip or an error style. */
GtkWidget *
rapport_picker_get_entry (RapportPicker *self)
{
  g_return_val_if_fail (RAPPORT_IS_PICKER (self), NULL);
  return self->entry;
}
