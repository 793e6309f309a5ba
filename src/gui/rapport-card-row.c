/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include "rapport-card-row.h"
#include "rapport-widget-util.h"

/* A row of a client's card (a phone, an e-mail, an address, an order): an
 * icon, a title, a dimmer subtitle, a figure at the end and one button,
 * where libadwaita's action row has them, but laid out and drawn by the
 * row itself with three Pango layouts. An action row with a figure and a
 * button is a dozen widgets, each measured, allocated and styled: on the
 * card of a client with hundreds of orders, making and laying out its
 * first rows was most of the time the card took to open (measured with
 * the benchmark; see README.md). The button is the row's child, so the
 * keyboard reaches it as it reaches an action row's; a screen reader reads
 * the row as its title, subtitle and figure. */
struct _RapportCardRow
{
  GtkListBoxRow  parent_instance;

  char          *icon_name;
  char          *title;
  char          *subtitle;
  char          *end_text;
  gboolean       wraps;
  PangoLayout   *title_layout;
  PangoLayout   *subtitle_layout;
  PangoLayout   *end_layout;
};

G_DEFINE_FINAL_TYPE (RapportCardRow, rapport_card_row, GTK_TYPE_LIST_BOX_ROW)

/* libadwaita 1.2's action row: row > box.header { margin: 0 12px;
 * border-spacing: 6px; min-height: 50px }, its title box 6px from the
 * top and bottom with 3px between the lines, a 16px icon 6px more apart,
 * the subtitle smaller and at 55 % opacity. */
#define MARGIN 12
#define SPACING 6
#define ICON_SIZE 16
#define ICON_GAP 12
#define TEXT_MARGIN 6
#define LINE_GAP 3
#define MIN_HEIGHT 50
#define MIN_TEXT_WIDTH 48
#define SUBTITLE_SCALE PANGO_SCALE_SMALL
#define DIM_ALPHA 0.55

static PangoLayout *
new_layout (RapportCardRow *self,
            double          scale,
            gboolean        figures)
{
  PangoLayout *layout = pango_layout_new (gtk_widget_get_pango_context (GTK_WIDGET (self)));
  PangoAttrList *attrs = pango_attr_list_new ();

  /* An e-mail address broken over two lines gets no hyphen that is not
   * in it. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));

  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (figures)
    /* Adwaita's “numeric”: figures of one width, so amounts line up. */
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
ensure_layouts (RapportCardRow *self)
{
  if (self->title_layout != NULL)
    return;

  self->title_layout = new_layout (self, 1.0, FALSE);
  self->subtitle_layout = new_layout (self, SUBTITLE_SCALE, FALSE);
  self->end_layout = new_layout (self, 1.0, TRUE);
  pango_layout_set_text (self->title_layout, self->title ? self->title : "", -1);
  pango_layout_set_text (self->subtitle_layout, self->subtitle ? self->subtitle : "", -1);
  pango_layout_set_text (self->end_layout, self->end_text ? self->end_text : "", -1);
  pango_layout_set_ellipsize (self->title_layout, self->wraps ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  pango_layout_set_wrap (self->title_layout, PANGO_WRAP_WORD_CHAR);
}

static gboolean
has_subtitle (RapportCardRow *self)
{
  return self->subtitle != NULL && *self->subtitle != '\0';
}

static gboolean
has_end_text (RapportCardRow *self)
{
  return self->end_text != NULL && *self->end_text != '\0';
}

static GtkWidget *
get_button (RapportCardRow *self)
{
  GtkWidget *button = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self));

  return button != NULL && gtk_widget_get_visible (button) ? button : NULL;
}

static int
text_width (PangoLayout *layout)
{
  int width;

  pango_layout_set_width (layout, -1);
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* The width of everything but the title and subtitle. */
static int
fixed_width (RapportCardRow *self)
{
  GtkWidget *button = get_button (self);
  int width = 2 * MARGIN;

  if (self->icon_name != NULL)
    width += ICON_SIZE + ICON_GAP;
  if (has_end_text (self))
    width += text_width (self->end_layout) + SPACING;
  if (button != NULL)
    {
      int button_width;

      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &button_width, NULL, NULL);
      width += button_width + SPACING;
    }
  return width;
}

/* Gives the title and subtitle @width and returns their height together. */
static int
fit_text (RapportCardRow *self,
          int             width)
{
  int height, subtitle_height;

  pango_layout_set_width (self->title_layout, MAX (1, width) * PANGO_SCALE);
  pango_layout_get_pixel_size (self->title_layout, NULL, &height);
  if (!has_subtitle (self))
    return height;
  pango_layout_set_width (self->subtitle_layout, MAX (1, width) * PANGO_SCALE);
  pango_layout_get_pixel_size (self->subtitle_layout, NULL, &subtitle_height);
  return height + LINE_GAP + subtitle_height;
}

static void
rapport_card_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  RapportCardRow *self = RAPPORT_CARD_ROW (widget);
  GtkWidget *button = get_button (self);
  int fixed;

  ensure_layouts (self);
  fixed = fixed_width (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = fixed + MIN_TEXT_WIDTH;
      *natural = fixed + MAX (text_width (self->title_layout),
                              has_subtitle (self) ? text_width (self->subtitle_layout) : 0);
      *natural = MAX (*natural, *minimum);
    }
  else
    {
      int width = for_size >= 0 ? for_size - fixed
                                : MAX (text_width (self->title_layout), text_width (self->subtitle_layout));
      int height = 2 * TEXT_MARGIN + fit_text (self, width);

      if (button != NULL)
        {
          int button_height;

          gtk_widget_measure (button, GTK_ORIENTATION_VERTICAL, -1, &button_height, NULL, NULL, NULL);
          height = MAX (height, button_height);
        }
      *minimum = *natural = MAX (MIN_HEIGHT, height);
    }
}

static void
rapport_card_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  RapportCardRow *self = RAPPORT_CARD_ROW (widget);
  GtkWidget *button = get_button (self);
  int button_width, button_height;

  if (button == NULL)
    return;
  gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &button_width, NULL, NULL);
  gtk_widget_measure (button, GTK_ORIENTATION_VERTICAL, button_width, NULL, &button_height, NULL, NULL);
  button_height = MIN (button_height, height);
  gtk_widget_size_allocate (button,
                            &(GtkAllocation) {
                              gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL ? MARGIN
                                                                                    : width - MARGIN - button_width,
                              (height - button_height) / 2, button_width, button_height },
                            -1);
}

static void
draw_icon (RapportCardRow *self,
           GtkSnapshot    *snapshot,
           int             x,
           int             y,
           const GdkRGBA  *color)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, self->icon_name, NULL, ICON_SIZE,
                                                                 gtk_widget_get_scale_factor (widget),
                                                                 gtk_widget_get_direction (widget), 0);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot, ICON_SIZE, ICON_SIZE,
                                            color, 1);
  gtk_snapshot_restore (snapshot);
}

static void
rapport_card_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RapportCardRow *self = RAPPORT_CARD_ROW (widget);
  GtkWidget *button = get_button (self);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int start = MARGIN, end = width - MARGIN;
  int text_height, y;
  GdkRGBA color, dim;

  ensure_layouts (self);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= DIM_ALPHA;

  /* Laid out from the reading start in [start, end), mirrored at the end
   * in right-to-left. */
  if (self->icon_name != NULL)
    {
      draw_icon (self, snapshot, rtl ? width - MARGIN - ICON_SIZE : MARGIN, (height - ICON_SIZE) / 2, &color);
      start += ICON_SIZE + ICON_GAP;
    }
  if (button != NULL)
    {
      end -= gtk_widget_get_width (button) + SPACING;
      gtk_widget_snapshot_child (widget, button, snapshot);
    }
  if (has_end_text (self))
    {
      int end_width = text_width (self->end_layout);
      int end_height;

      pango_layout_get_pixel_size (self->end_layout, NULL, &end_height);
      end -= end_width;
      rapport_snapshot_layout (snapshot, self->end_layout, FALSE, rtl ? width - end - end_width : end,
                               (height - end_height) / 2, end_width, &color);
      end -= SPACING;
    }

  text_height = fit_text (self, end - start);
  y = (height - text_height) / 2;
  rapport_snapshot_layout (snapshot, self->title_layout, rtl, rtl ? width - end : start, y, end - start, &color);
  if (has_subtitle (self))
    {
      int title_height;

      pango_layout_get_pixel_size (self->title_layout, NULL, &title_height);
      rapport_snapshot_layout (snapshot, self->subtitle_layout, rtl, rtl ? width - end : start,
                               y + title_height + LINE_GAP, end - start, &dim);
    }
}

static void
context_changed (RapportCardRow *self)
{
  if (self->title_layout == NULL)
    return;

  pango_layout_context_changed (self->title_layout);
  pango_layout_context_changed (self->subtitle_layout);
  pango_layout_context_changed (self->end_layout);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
rapport_card_row_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (rapport_card_row_parent_class)->css_changed (widget, change);
  context_changed (RAPPORT_CARD_ROW (widget));
}

static void
rapport_card_row_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (rapport_card_row_parent_class)->direction_changed (widget, previous);
  context_changed (RAPPORT_CARD_ROW (widget));
}

static void
rapport_card_row_finalize (GObject *object)
{
  RapportCardRow *self = RAPPORT_CARD_ROW (object);

  g_clear_object (&self->title_layout);
  g_clear_object (&self->subtitle_layout);
  g_clear_object (&self->end_layout);
  g_free (self->icon_name);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->end_text);

  G_OBJECT_CLASS (rapport_card_row_parent_class)->finalize (object);
}

static void
rapport_card_row_class_init (RapportCardRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = rapport_card_row_finalize;
  widget_class->measure = rapport_card_row_measure;
  widget_class->size_allocate = rapport_card_row_size_allocate;
  widget_class->snapshot = rapport_card_row_snapshot;
  widget_class->css_changed = rapport_card_row_css_changed;
  widget_class->direction_changed = rapport_card_row_direction_changed;
}

static void
rapport_card_row_init (RapportCardRow *self)
{
  /* The row measures and places its button itself. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
}

GtkWidget *
rapport_card_row_new (void)
{
  return g_object_new (RAPPORT_TYPE_CARD_ROW, NULL);
}

/* A screen reader reads the row as one sentence of what it shows. */
static void
tell_label (RapportCardRow *self)
{
  GString *label = g_string_new (self->title);

  if (has_subtitle (self))
    g_string_append_printf (label, ", %s", self->subtitle);
  if (has_end_text (self))
    g_string_append_printf (label, ", %s", self->end_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label->str, -1);
  g_string_free (label, TRUE);
}

static void
set_text (RapportCardRow  *self,
          char           **text,
          PangoLayout     *layout,
          const char      *value)
{
  if (g_strcmp0 (*text, value) == 0)
    return;
  g_free (*text);
  *text = g_strdup (value);
  if (layout != NULL)
    pango_layout_set_text (layout, value ? value : "", -1);
  tell_label (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * rapport_card_row_set_icon_name:
 * @self: a row
 * @icon_name: (nullable): a symbolic icon at the reading start, or %NULL
 */
void
rapport_card_row_set_icon_name (RapportCardRow *self,
                                const char     *icon_name)
{
  g_return_if_fail (RAPPORT_IS_CARD_ROW (self));

  g_free (self->icon_name);
  self->icon_name = g_strdup (icon_name);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * rapport_card_row_set_title:
 * @self: a row
 * @title: plain text, not markup
 * @wraps: whether a long title goes on to more lines (an address) rather
 *   than ending in an ellipsis
 */
void
rapport_card_row_set_title (RapportCardRow *self,
                            const char     *title,
                            gboolean        wraps)
{
  g_return_if_fail (RAPPORT_IS_CARD_ROW (self));
  g_return_if_fail (title != NULL);

  self->wraps = wraps;
  if (self->title_layout != NULL)
    pango_layout_set_ellipsize (self->title_layout, wraps ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  set_text (self, &self->title, self->title_layout, title);
}

const char *
rapport_card_row_get_title (RapportCardRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_CARD_ROW (self), NULL);
  return self->title;
}

/**
 * rapport_card_row_set_subtitle:
 * @self: a row
 * @subtitle: (nullable): plain text under the title, dimmer and smaller
 */
void
rapport_card_row_set_subtitle (RapportCardRow *self,
                               const char     *subtitle)
{
  g_return_if_fail (RAPPORT_IS_CARD_ROW (self));
  set_text (self, &self->subtitle, self->subtitle_layout, subtitle);
}

const char *
rapport_card_row_get_subtitle (RapportCardRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_CARD_ROW (self), NULL);
  return self->subtitle;
}

/**
 * rapport_card_row_set_end_text:
 * @self: a row
 * @text: (nullable): a figure at the end of the row, before its button,
 *   in figures of one width
 */
void
rapport_card_row_set_end_text (RapportCardRow *self,
                               const char     *text)
{
  g_return_if_fail (RAPPORT_IS_CARD_ROW (self));
  set_text (self, &self->end_text, self->end_layout, text);
}

const char *
rapport_card_row_get_end_text (RapportCardRow *self)
{
  g_return_val_if_fail (RAPPORT_IS_CARD_ROW (self), NULL);
  return self->end_text;
}

/**
 * rapport_card_row_set_button:
 * @self: a row
 * @button: (transfer floating): the button at the end of the row, with
 *   its accessible label and tooltip set
 */
void
rapport_card_row_set_button (RapportCardRow *self,
                             GtkWidget      *button)
{
  g_return_if_fail (RAPPORT_IS_CARD_ROW (self));
  g_return_if_fail (GTK_IS_WIDGET (button));

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), button);
}
