/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-client-row.h"
#include "rapport-format.h"
#include "rapport-widget-util.h"

/* One row of the Clients list: name and last contact, then organization,
 * phone and e-mail, then tags, each one line, so every row has the same
 * height and long lists scroll evenly. A line with nothing to show is left
 * out and the others are centred, so that a row without tags has no gap
 * under it.
 *
 * The row lays out and draws its text itself, with one Pango context, on
 * purpose: GTK 4.8's list view makes new row widgets for the rows a search
 * brings on screen, and a row built from a template with four inscriptions
 * cost about 2 ms to make and measure — most of a keystroke's time
 * (measured with the benchmark; see README.md). */
struct _RapportClientRow
{
  GtkWidget      parent_instance;

  RapportClient *client;
  PangoLayout   *name;
  PangoLayout   *last_contact;
  PangoLayout   *contact;
  PangoLayout   *tags;
  char          *tags_text;    /* the third line when no match is shown there */
  char          *spoken;       /* what a screen reader hears, without a match */
  char          *told;         /* what it was last told, with a match */
  int            line_height;
  int            small_line_height;
};

G_DEFINE_FINAL_TYPE (RapportClientRow, rapport_client_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SPACING 12
#define LINE_SPACING 2
#define MARGIN 6
#define SMALL_SCALE 0.85   /* Adwaita's “caption” */
#define DIM_ALPHA 0.55     /* Adwaita's “dim-label” */
#define MIN_CHARS 12

/* Layouts share the widget's own Pango context, which GTK keeps in step
 * with the widget's font and direction. */
static PangoLayout *
new_layout (RapportClientRow *self,
            gboolean          bold,
            gboolean          small)
{
  PangoLayout *layout = pango_layout_new (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  PangoAttrList *attrs = pango_attr_list_new ();

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (SMALL_SCALE));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_attr_list_unref (attrs);
  return layout;
}

/* Line heights come from a sample, not from the text shown, so a row is as
 * high whatever script its name is in; every row with the same font has
 * the same heights, so they are measured once per font. */
static int
sample_height (PangoLayout *layout,
               const char  *kind)
{
  static GHashTable *heights;
  PangoContext *context = pango_layout_get_context (layout);
  g_autofree char *font = pango_font_description_to_string (pango_context_get_font_description (context));
  g_autofree char *key = g_strconcat (font, "|", kind, NULL);
  PangoLayout *sample;
  gpointer known;
  int height;

  if (heights == NULL)
    heights = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_lookup_extended (heights, key, NULL, &known))
    return GPOINTER_TO_INT (known);

  sample = pango_layout_copy (layout);
  pango_layout_set_text (sample, "Ag", -1);
  pango_layout_get_pixel_size (sample, NULL, &height);
  g_object_unref (sample);
  g_hash_table_insert (heights, g_steal_pointer (&key), GINT_TO_POINTER (height));
  return height;
}

static void
measure_lines (RapportClientRow *self)
{
  self->line_height = MAX (sample_height (self->name, "bold"), sample_height (self->contact, "plain"));
  self->small_line_height = sample_height (self->tags, "small");
}

static void
ensure_layouts (RapportClientRow *self)
{
  if (self->name != NULL)
    return;

  self->name = new_layout (self, TRUE, FALSE);
  self->last_contact = new_layout (self, FALSE, TRUE);
  self->contact = new_layout (self, FALSE, FALSE);
  self->tags = new_layout (self, FALSE, TRUE);
  measure_lines (self);
}

static void
clear_layouts (RapportClientRow *self)
{
  g_clear_object (&self->name);
  g_clear_object (&self->last_contact);
  g_clear_object (&self->contact);
  g_clear_object (&self->tags);
}

static void
rapport_client_row_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  RapportClientRow *self = RAPPORT_CLIENT_ROW (widget);

  ensure_layouts (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The list gives the width; the row needs only enough for a few
       * characters and ellipsizes the rest. */
      *minimum = *natural = 2 * MARGIN + MIN_CHARS * self->line_height / 2;
    }
  else
    {
      *minimum = *natural = 2 * MARGIN + 2 * LINE_SPACING
                            + MAX (self->line_height, self->small_line_height)
                            + self->line_height + self->small_line_height;
    }
}

/* The height of the lines left out, which is shared above and below the
 * lines shown. */
static int
unused_height (RapportClientRow *self)
{
  int unused = 0;

  if (pango_layout_get_character_count (self->contact) == 0)
    unused += self->line_height + LINE_SPACING;
  if (pango_layout_get_character_count (self->tags) == 0)
    unused += self->small_line_height + LINE_SPACING;
  return unused;
}

/* Fits @layout into @width and returns the width its text takes. */
static int
fit (PangoLayout *layout,
     int          width)
{
  PangoRectangle logical;

  pango_layout_set_width (layout, MAX (0, width) * PANGO_SCALE);
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return MIN (logical.width, width);
}

static void
rapport_client_row_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  RapportClientRow *self = RAPPORT_CLIENT_ROW (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int inner = MAX (0, gtk_widget_get_width (widget) - 2 * MARGIN);
  int first = MAX (self->line_height, self->small_line_height);
  int date_width, date_x, name_x, y;
  GdkRGBA color, dim;

  if (self->client == NULL)
    return;
  ensure_layouts (self);
  y = MARGIN + unused_height (self) / 2;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= DIM_ALPHA;

  date_width = pango_layout_get_character_count (self->last_contact) > 0
               ? fit (self->last_contact, inner / 2) : 0;
  fit (self->name, inner - date_width - (date_width ? SPACING : 0));
  fit (self->contact, inner);
  fit (self->tags, inner);

  name_x = rtl ? MARGIN + date_width + (date_width ? SPACING : 0) : MARGIN;
  date_x = rtl ? MARGIN : MARGIN + inner - date_width;
  rapport_snapshot_layout (snapshot, self->name, rtl, name_x, y, inner - date_width - (date_width ? SPACING : 0), &color);
  rapport_snapshot_layout (snapshot, self->last_contact, rtl, date_x, y + first - self->small_line_height,
                           date_width, &dim);
  y += first + LINE_SPACING;
  if (pango_layout_get_character_count (self->contact) > 0)
    {
      rapport_snapshot_layout (snapshot, self->contact, rtl, MARGIN, y, inner, &color);
      y += self->line_height + LINE_SPACING;
    }
  rapport_snapshot_layout (snapshot, self->tags, rtl, MARGIN, y, inner, &dim);
}

/* GTK has brought the widget's Pango context up to date with a new font
 * or direction; the layouts made from it are told so. */
static void
context_changed (RapportClientRow *self)
{
  if (self->name == NULL)
    return;

  pango_layout_context_changed (self->name);
  pango_layout_context_changed (self->last_contact);
  pango_layout_context_changed (self->contact);
  pango_layout_context_changed (self->tags);
  measure_lines (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
rapport_client_row_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rapport_client_row_parent_class)->css_changed (widget, change);
  context_changed (RAPPORT_CLIENT_ROW (widget));
}

static void
rapport_client_row_direction_changed (GtkWidget        *widget,
                                      GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (rapport_client_row_parent_class)->direction_changed (widget, previous);
  context_changed (RAPPORT_CLIENT_ROW (widget));
}

static void
rapport_client_row_dispose (GObject *object)
{
  RapportClientRow *self = RAPPORT_CLIENT_ROW (object);

  clear_layouts (self);
  g_clear_object (&self->client);
  g_clear_pointer (&self->tags_text, g_free);
  g_clear_pointer (&self->spoken, g_free);
  g_clear_pointer (&self->told, g_free);

  G_OBJECT_CLASS (rapport_client_row_parent_class)->dispose (object);
}

static void
rapport_client_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  RapportClientRow *self = RAPPORT_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_CLIENT: g_value_set_object (value, self->client); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_client_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  RapportClientRow *self = RAPPORT_CLIENT_ROW (object);

  switch (prop_id)
    {
    case PROP_CLIENT: rapport_client_row_set_client (self, g_value_get_object (value), NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rapport_client_row_class_init (RapportClientRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_client_row_dispose;
  object_class->get_property = rapport_client_row_get_property;
  object_class->set_property = rapport_client_row_set_property;
  widget_class->measure = rapport_client_row_measure;
  widget_class->snapshot = rapport_client_row_snapshot;
  widget_class->css_changed = rapport_client_row_css_changed;
  widget_class->direction_changed = rapport_client_row_direction_changed;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, RAPPORT_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "clientrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
rapport_client_row_init (RapportClientRow *self)
{
}

GtkWidget *
rapport_client_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_CLIENT_ROW, NULL);
}

static char *
format_last_contact (RapportClient *client,
                     GDateTime     *now)
{
  gint64 when = rapport_client_get_last_contact_at (client);

  if (when == 0)
    return g_strdup ("");
  return rapport_format_relative_day (when, now);
}

/* Organization (unless it is the name), first phone and first e-mail. */
static char *
format_contact (RapportClient *client)
{
  const char *name = rapport_client_get_display_name (client);
  const char *organization = rapport_client_get_organization (client);
  const char *parts[] = {
    rapport_client_get_main_phone (client),
    rapport_client_get_main_email (client),
  };
  GString *line = g_string_new (NULL);

  if (*organization != '\0' && !g_str_equal (organization, name))
    g_string_append (line, organization);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *isolated = NULL;

      if (*parts[i] == '\0')
        continue;
      isolated = rapport_format_left_to_right (parts[i]);
      if (line->len > 0)
        g_string_append (line, " · ");
      g_string_append (line, isolated);
    }

  return g_string_free (line, FALSE);
}

static char *
format_tags (RapportClient *client)
{
  g_autofree char *tags = rapport_client_dup_tags_text (client);

  if (!rapport_client_get_archived (client))
    return g_steal_pointer (&tags);
  if (*tags == '\0')
    return g_strdup (_("Archived"));
  /* TRANSLATORS: shown before a client's tags in the list */
  return g_strdup_printf (_("Archived · %s"), tags);
}

/* A screen reader reads the row as one sentence, of the parts it has. */
static char *
build_spoken_label (RapportClient *client,
                    const char    *tags,
                    const char    *last_contact)
{
  const char *name = rapport_client_get_display_name (client);
  const char *organization = rapport_client_get_organization (client);
  g_autofree char *contact_line = NULL;
  GString *label = g_string_new (name);
  const char *parts[] = {
    g_str_equal (organization, name) ? "" : organization,
    rapport_client_get_main_phone (client),
    rapport_client_get_main_email (client),
    tags,
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (*parts[i] != '\0')
      g_string_append_printf (label, ", %s", parts[i]);
  if (*last_contact != '\0')
    {
      /* TRANSLATORS: read by a screen reader; %s is a day, such as “Yesterday” */
      contact_line = g_strdup_printf (_("last contact %s"), last_contact);
      g_string_append_printf (label, ", %s", contact_line);
    }
  return g_string_free (label, FALSE);
}

/* Tells the accessibility layer the row's name when it is another: a row
 * kept from one search to the next often shows the same client again, and
 * with a screen reader listening each change is a message on its bus. */
static void
tell_label (RapportClientRow *self,
            const char       *label)
{
  if (g_strcmp0 (self->told, label) == 0)
    return;
  g_free (self->told);
  self->told = g_strdup (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/**
 * rapport_client_row_set_client:
 * @self: a row
 * @client: (nullable): the client to show, or %NULL for none
 * @now: (nullable): what “today” is counted from; %NULL for the system's
 *   time
 */
void
rapport_client_row_set_client (RapportClientRow *self,
                               RapportClient    *client,
                               GDateTime        *now)
{
  g_autoptr(GDateTime) system_now = NULL;
  g_autofree char *last_contact = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (RAPPORT_IS_CLIENT_ROW (self));

  if (!g_set_object (&self->client, client))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (client == NULL)
    return;

  if (now == NULL)
    now = system_now = g_date_time_new_now_local ();
  ensure_layouts (self);
  last_contact = format_last_contact (client, now);
  contact = format_contact (client);
  tags = format_tags (client);
  pango_layout_set_text (self->name, rapport_client_get_display_name (client), -1);
  pango_layout_set_text (self->last_contact, last_contact, -1);
  pango_layout_set_text (self->contact, contact, -1);
  pango_layout_set_text (self->tags, tags, -1);

  label = build_spoken_label (client, tags, last_contact);
  tell_label (self, label);
  g_free (self->tags_text);
  self->tags_text = g_steal_pointer (&tags);
  g_free (self->spoken);
  self->spoken = g_steal_pointer (&label);
}

static char *
format_match (RapportClientMatch  match,
              const char         *matched)
{
  g_autofree char *isolated = NULL;

  switch (match)
    {
    case RAPPORT_CLIENT_MATCH_PHONE:
      isolated = rapport_format_left_to_right (matched);
      /* TRANSLATORS: in a search's results, the phone number that matched */
      return g_strdup_printf (_("Phone %s"), isolated);
    case RAPPORT_CLIENT_MATCH_EMAIL:
      isolated = rapport_format_left_to_right (matched);
      /* TRANSLATORS: in a search's results, the e-mail address that matched */
      return g_strdup_printf (_("E-mail %s"), isolated);
    case RAPPORT_CLIENT_MATCH_ADDRESS:
      /* TRANSLATORS: in a search's results, the address that matched */
      return g_strdup_printf (_("Address: %s"), matched);
    case RAPPORT_CLIENT_MATCH_NOTES:
      /* TRANSLATORS: in a search's results, the line of the notes that matched */
      return g_strdup_printf (_("Note: %s"), matched);
    case RAPPORT_CLIENT_MATCH_SHOWN:
    default:
      return NULL;
    }
}

/**
 * rapport_client_row_set_match:
 * @self: a row showing a client a search found
 * @match: where the search found it
 * @matched: (nullable): what matched, with a @match other than shown
 *
 * Shows what matched in place of the tags when the row does not show it
 * otherwise: a second phone, a postcode, a line of the notes; the tags
 * again with %RAPPORT_CLIENT_MATCH_SHOWN.
 */
void
rapport_client_row_set_match (RapportClientRow   *self,
                              RapportClientMatch  match,
                              const char         *matched)
{
  g_autofree char *line = NULL;
  g_autofree char *spoken = NULL;

  g_return_if_fail (RAPPORT_IS_CLIENT_ROW (self));

  if (self->client == NULL)
    return;

  /* What matched, or the tags again when it is shown anyway. */
  line = format_match (match, matched ? matched : "");
  ensure_layouts (self);
  pango_layout_set_text (self->tags, line ? line : self->tags_text, -1);
  spoken = line ? g_strdup_printf ("%s, %s", self->spoken, line) : g_strdup (self->spoken);
  tell_label (self, spoken);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * rapport_client_row_get_client:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the client shown
 */
RapportClient *
rapport_client_row_get_client (RapportClientRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_CLIENT_ROW (self), NULL);
  return self->client;
}
