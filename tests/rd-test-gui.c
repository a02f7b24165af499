/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "rd-example.h"
#include "rd-test-gui.h"
#include "rd-window.h"
#include "rd-test-identity.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

static RdApplication *test_application;

/* Sets up GTK for a display test: isolated dirs, memory settings, and a skip
 * (exit 77, which meson reports as skipped) when there is no display at all. */
void
rd_test_gui_init (int    *argc,
                  char ***argv)
{
  g_autofree char *data_dirs = NULL;

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Isolation hides the system's MIME database, without which GdkPixbuf cannot
   * recognise an SVG icon; the system data dirs are read-only, so add them back. */
  data_dirs = g_strconcat (g_getenv ("XDG_DATA_DIRS"), ":/usr/local/share:/usr/share", NULL);
  g_setenv ("XDG_DATA_DIRS", data_dirs, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  /* Drawing with cairo needs no GL: keep GDK from loading the GL driver at all. */
  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0)
    g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run the display tests under xvfb-run.\n");
      exit (77);
    }
  adw_init ();
}

/**
 * rd_test_gui_application:
 *
 * Returns: (transfer none): a registered application, started up so that its
 * actions, accelerators and settings exist, as they do in the real program.
 */
RdApplication *
rd_test_gui_application (void)
{
  if (test_application == NULL)
    {
      g_autoptr(GError) error = NULL;

      test_application = rd_application_new ();
      g_application_set_flags (G_APPLICATION (test_application),
                               G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
      g_application_register (G_APPLICATION (test_application), NULL, &error);
      g_assert_no_error (error);
    }
  return test_application;
}

/**
 * rd_test_gui_sign_as:
 *
 * Makes the application's reviewer the holder of the test organisation's
 * key certified for @name (@credentials) in @role, as if it had been
 * unlocked: no keyring, no passphrase prompt. Windows apply it at once.
 */
void
rd_test_gui_sign_as (const char *name,
                     const char *credentials,
                     RdRole      role)
{
  RdReviewerSession *session = rd_application_get_reviewer_session (rd_test_gui_application ());

  rd_reviewer_session_set_identity (session, rd_test_trust (), NULL, rd_test_reviewer_key (name, credentials, role));
}

/* No key: the reviewer in Preferences acts and signs nothing. */
void
rd_test_gui_sign_nothing (void)
{
  RdReviewerSession *session = rd_application_get_reviewer_session (rd_test_gui_application ());

  rd_reviewer_session_set_identity (session, rd_test_trust (), NULL, NULL);
}

static gboolean
case_shown (gpointer data)
{
  return g_strcmp0 (rd_window_get_visible_page_name (data), "case") == 0;
}

/**
 * rd_test_gui_open_case:
 * @window: (out): a new window, 1280×800, that shows the case
 *
 * Returns: (transfer none): the page of the case at @path, once shown
 */
RdCasePage *
rd_test_gui_open_case (const char  *path,
                       RdWindow   **window)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  *window = rd_window_new (rd_test_gui_application ());
  gtk_window_set_default_size (GTK_WINDOW (*window), 1280, 800);
  gtk_window_present (GTK_WINDOW (*window));
  rd_window_open_case (*window, file);
  g_assert_true (rd_test_gui_wait_for (case_shown, *window, 60000));
  rd_test_gui_spin ();
  return rd_window_get_case_page (*window);
}

/* Whether the case page's step list offers @step_id. */
gboolean
rd_test_gui_has_step (RdCasePage *page,
                      const char *step_id)
{
  RdStepList *steps = rd_case_page_get_step_list (page);

  for (guint i = 0; rd_step_list_get_id (steps, i); i++)
    if (g_str_equal (rd_step_list_get_id (steps, i), step_id))
      return TRUE;
  return FALSE;
}

void
rd_test_gui_spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
timeout_reached (gpointer data)
{
  gboolean *reached = data;
  *reached = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * rd_test_gui_wait_for:
 *
 * Runs the main loop until @condition holds or @timeout_ms pass.
 *
 * Returns: whether @condition held.
 */
gboolean
rd_test_gui_wait_for (gboolean (*condition) (gpointer data),
                      gpointer  data,
                      guint     timeout_ms)
{
  gboolean reached = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_reached, &reached);

  while (!condition (data) && !reached)
    g_main_context_iteration (NULL, TRUE);
  if (!reached)
    g_source_remove (id);
  return condition (data);
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
flag_painted (GdkFrameClock *clock,
              gboolean      *painted)
{
  *painted = TRUE;
}

/**
 * rd_test_gui_wait_painted:
 *
 * Runs the main loop until @widget's window has drawn a frame.
 */
void
rd_test_gui_wait_painted (GtkWidget *widget)
{
  gboolean painted = FALSE;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (flag_painted), &painted);

  gtk_widget_queue_draw (widget);
  g_assert_true (rd_test_gui_wait_for (flag_set, &painted, 600000));
  g_signal_handler_disconnect (clock, id);
}

/**
 * rd_test_gui_find_window:
 *
 * Returns: (transfer none) (nullable): the first toplevel of @type.
 */
GtkWindow *
rd_test_gui_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer data)
{
  GtkWindow *dialog = rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG);

  /* Answered as a person would: once it is on screen with its size. */
  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
         gtk_widget_get_width (GTK_WIDGET (dialog)) > 0;
}

/**
 * rd_test_gui_wait_for_message_dialog:
 *
 * Returns: (transfer none): the message dialog once it is on screen; fails
 *   the test when none appears within 3 minutes (a sanitized GTK on a loaded
 *   machine can take minutes to map one).
 */
AdwMessageDialog *
rd_test_gui_wait_for_message_dialog (void)
{
  g_assert_true (rd_test_gui_wait_for (message_dialog_shown, NULL, 180000));
  return ADW_MESSAGE_DIALOG (rd_test_gui_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button_labelled (child, label)))
        return found;
    }
  return NULL;
}

static gboolean
window_gone (gpointer data)
{
  GtkWidget **window = data;
  return *window == NULL || !gtk_widget_get_visible (*window);
}

/**
 * rd_test_gui_respond:
 * @response: the id of one of @dialog's responses
 *
 * Presses the button of @response, as a person would, and waits until the
 * dialog has closed. (adw_message_dialog_response() alone emits the signal
 * but leaves the dialog open.)
 */
void
rd_test_gui_respond (AdwMessageDialog *dialog,
                     const char       *response)
{
  GtkWidget *button = find_button_labelled (GTK_WIDGET (dialog), adw_message_dialog_get_response_label (dialog, response));
  GtkWidget *window = GTK_WIDGET (dialog);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_widget_activate (button);
  g_assert_true (rd_test_gui_wait_for (window_gone, &window, 60000));
  if (window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  rd_test_gui_spin ();
}

/**
 * rd_test_gui_action_enabled:
 *
 * Returns: whether @action is enabled for @widget: whether a button bound to
 *   it there would be sensitive.
 */
gboolean
rd_test_gui_action_enabled (GtkWidget  *widget,
                            const char *action)
{
  GtkWidget *button = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_insert_before (button, widget, NULL);
  enabled = gtk_widget_get_sensitive (button);
  gtk_widget_unparent (button);
  return enabled;
}

/**
 * rd_test_gui_find_named:
 * @type: the type of widget sought
 * @name: (nullable): its widget name (gtk_widget_set_name()), or %NULL for any
 *
 * Returns: (transfer none) (nullable): the first descendant of @root, depth first.
 */
GtkWidget *
rd_test_gui_find_named (GtkWidget  *root,
                        GType       type,
                        const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (name == NULL || g_strcmp0 (gtk_widget_get_name (child), name) == 0))
        return child;
      if ((found = rd_test_gui_find_named (child, type, name)))
        return found;
    }
  return NULL;
}

/* ---- pressing a key --------------------------------------------------------- */

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 GtkShortcutTrigger *key)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), key) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), key);
  return GTK_IS_KEYVAL_TRIGGER (trigger) && gtk_shortcut_trigger_equal (trigger, key);
}

static gboolean
offer_to (GtkWidget          *widget,
          GtkPropagationPhase phase,
          GtkShortcutTrigger *key)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (trigger_matches (gtk_shortcut_get_trigger (shortcut), key) &&
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                            widget, gtk_shortcut_get_arguments (shortcut)))
            return TRUE;
        }
    }
  return FALSE;
}

/**
 * rd_test_gui_press:
 *
 * Presses @keyval with @modifiers in @window through the shortcuts the
 * widgets really have (GTK's focus bindings, the buttons' activation keys,
 * the pages' shortcuts): offered to the focus widget's ancestors from the
 * window down (capture phase), then from the focus widget up (bubble phase),
 * as GTK does.
 *
 * Returns: whether a shortcut took the key
 */
gboolean
rd_test_gui_press (GtkWindow       *window,
                   guint            keyval,
                   GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcutTrigger) key = gtk_keyval_trigger_new (keyval, modifiers);
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  GtkWidget *focus = gtk_window_get_focus (window);
  gboolean handled = FALSE;

  /* A key press makes the focus visible, as GtkWindow does. */
  gtk_window_set_focus_visible (window, TRUE);
  for (GtkWidget *w = focus ? focus : GTK_WIDGET (window); w; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (chain, 0, w);
  for (guint i = 0; !handled && i < chain->len; i++)
    handled = offer_to (chain->pdata[i], GTK_PHASE_CAPTURE, key);
  for (guint i = chain->len; !handled && i > 0; i--)
    handled = offer_to (chain->pdata[i - 1], GTK_PHASE_BUBBLE, key);
  rd_test_gui_spin ();
  return handled;
}

/**
 * rd_test_gui_screenshot:
 * @name: the file name, without ".png"
 *
 * Saves what @widget shows as a PNG in the directory named by the environment
 * variable RD_SCREENSHOT_DIR; does nothing when it is not set.
 */
void
rd_test_gui_screenshot (GtkWidget  *widget,
                        const char *name)
{
  const char *dir = g_getenv ("RD_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;

  /* Let the widgets settle: allocation, styles and a frame drawn. */
  for (int i = 0; i < 20; i++)
    {
      rd_test_gui_spin ();
      g_usleep (10000);
    }

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/**
 * rd_test_gui_add_example_tests:
 * @prefix: the test path before the example's file name, e.g. "/keyboard/example"
 * @func: the test, given the example's path
 *
 * Adds one test per bundled example (there is at least one).
 */
void
rd_test_gui_add_example_tests (const char    *prefix,
                               GTestDataFunc  func)
{
  g_auto(GStrv) examples = rd_example_list_bundled ();

  g_assert_cmpuint (g_strv_length (examples), >, 0);
  for (guint i = 0; examples[i]; i++)
    {
      g_autofree char *base = g_path_get_basename (examples[i]);
      g_autofree char *test_path = g_strdup_printf ("%s/%s", prefix, base);
      g_test_add_data_func_full (test_path, g_strdup (examples[i]), func, g_free);
    }
}

/* ---- real input ------------------------------------------------------------
 *
 * Keys and the mouse wheel as a person uses them: xdotool asks the X server
 * (XTEST) for key presses, wheel clicks and button clicks, which reach GTK from
 * the server's virtual keyboard and pointer through GTK's whole event path
 * (XInput 2, modifier state, shortcut and scroll controllers, focus). GTK 4
 * has no public way to make an event, and xdotool's --window mode
 * (XSendEvent) makes core X events that GTK 4's XInput 2 backend never reads,
 * so each call first gives the window the X input focus and waits until it
 * has it, in the same xdotool run as the input (other tests on the same
 * display may focus their own windows in between calls). */

static char *
xdotool_path (void)
{
  return g_find_program_in_path ("xdotool");
}

/* The X window of @widget's toplevel, as xdotool names it. */
static char *
window_id (GtkWidget *widget)
{
  gulong xid = 0;

#ifdef GDK_WINDOWING_X11
  xid = gdk_x11_surface_get_xid (gtk_native_get_surface (gtk_widget_get_native (widget)));
#endif
  g_assert_cmpuint (xid, !=, 0);
  return g_strdup_printf ("%lu", xid);
}

/**
 * rd_test_gui_skip_without_real_input:
 *
 * Returns: %TRUE, after g_test_skip(), when real input cannot be sent: not an
 *   X11 display, or xdotool (Debian package xdotool, listed in
 *   build-aux/debian-packages.txt) not installed.
 */
gboolean
rd_test_gui_skip_without_real_input (void)
{
  g_autofree char *xdotool = xdotool_path ();

#ifdef GDK_WINDOWING_X11
  if (!GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
#endif
    {
      g_test_skip ("Real key and wheel events need an X11 display (run under xvfb-run)");
      return TRUE;
    }
  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed (Debian package xdotool): real key and wheel events cannot be sent");
      return TRUE;
    }
  return FALSE;
}

/* Runs xdotool: focus @widget's window, then @args, then report where the X
 * focus is. Another test on the same display may focus a window of its own
 * (gtk_window_present() does) between the two: the input then went there,
 * and is sent again. */
static void
run_xdotool (GtkWidget *widget,
             GPtrArray *args)
{
  g_autofree char *xdotool = xdotool_path ();
  g_autofree char *id = window_id (widget);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_assert_nonnull (xdotool);
  g_ptr_array_add (argv, xdotool);
  g_ptr_array_add (argv, "windowfocus");
  g_ptr_array_add (argv, "--sync");
  g_ptr_array_add (argv, id);
  for (guint i = 0; i < args->len; i++)
    g_ptr_array_add (argv, args->pdata[i]);
  g_ptr_array_add (argv, "getwindowfocus");
  g_ptr_array_add (argv, NULL);

  for (guint attempt = 1; ; attempt++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = 0;

      /* Let GTK draw what it has before the input comes, as a screen would. */
      rd_test_gui_spin ();
      g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &out, &err, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("xdotool failed: %s", err);
      rd_test_gui_spin ();
      if (g_strcmp0 (g_strstrip (out), id) == 0)
        return;
      g_test_message ("The X focus moved to window %s during xdotool %s: sending it again", out,
                      (char *) args->pdata[0]);
      if (attempt == 3)
        g_error ("Another window keeps the X focus: real input cannot reach the test's window");
    }
}

/**
 * rd_test_gui_real_keys:
 * @key: a key as xdotool names it ("Tab", "ctrl+plus", "Page_Down"), then
 *   more, ending with %NULL
 *
 * Presses and releases each key in turn on @widget's window, which has the
 * focus it has (move it there first). Skip the test first with
 * rd_test_gui_skip_without_real_input().
 */
void
rd_test_gui_real_keys (GtkWidget  *widget,
                       const char *key,
                       ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list keys;

  g_ptr_array_add (args, "key");
  g_ptr_array_add (args, "--delay");
  g_ptr_array_add (args, "20");
  va_start (keys, key);
  for (const char *k = key; k != NULL; k = va_arg (keys, const char *))
    g_ptr_array_add (args, (gpointer) k);
  va_end (keys);
  run_xdotool (widget, args);
}

/* Moves the pointer to the middle of @widget. */
static void
add_pointer_to (GtkWidget *widget,
                GPtrArray *args,
                GPtrArray *strings)
{
  GtkNative *native = gtk_widget_get_native (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  graphene_point_t point;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0,
                                                                 gtk_widget_get_height (widget) / 2.0),
                                           &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  /* No --sync: xdotool 3.20160805 then waits 15 s when the pointer is
   * there already; the server moves it before the clicks that follow. */
  g_ptr_array_add (args, "mousemove");
  g_ptr_array_add (args, "--window");
  g_ptr_array_add (strings, window_id (widget));
  g_ptr_array_add (args, g_ptr_array_index (strings, strings->len - 1));
  g_ptr_array_add (strings, g_strdup_printf ("%d", (int) ((point.x + dx) * scale)));
  g_ptr_array_add (args, g_ptr_array_index (strings, strings->len - 1));
  g_ptr_array_add (strings, g_strdup_printf ("%d", (int) ((point.y + dy) * scale)));
  g_ptr_array_add (args, g_ptr_array_index (strings, strings->len - 1));
}

/**
 * rd_test_gui_real_wheel:
 * @control: whether Ctrl is held down meanwhile
 * @clicks: wheel clicks, down (towards the reader) when positive, up when negative
 *
 * Turns the mouse wheel over the middle of @widget.
 */
void
rd_test_gui_real_wheel (GtkWidget *widget,
                        gboolean   control,
                        int        clicks)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *repeat = g_strdup_printf ("%d", ABS (clicks));

  add_pointer_to (widget, args, strings);
  if (control)
    {
      g_ptr_array_add (args, "keydown");
      g_ptr_array_add (args, "ctrl");
    }
  g_ptr_array_add (args, "click");
  g_ptr_array_add (args, "--repeat");
  g_ptr_array_add (args, repeat);
  g_ptr_array_add (args, "--delay");
  g_ptr_array_add (args, "20");
  /* X buttons 4 and 5: the wheel up and down. */
  g_ptr_array_add (args, clicks < 0 ? "4" : "5");
  if (control)
    {
      g_ptr_array_add (args, "keyup");
      g_ptr_array_add (args, "ctrl");
    }
  run_xdotool (widget, args);
}

/**
 * rd_test_gui_real_click:
 *
 * Clicks the primary button over the middle of @widget.
 */
void
rd_test_gui_real_click (GtkWidget *widget)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

  add_pointer_to (widget, args, strings);
  g_ptr_array_add (args, "click");
  g_ptr_array_add (args, "1");
  run_xdotool (widget, args);
}

/**
 * rd_test_gui_new_window:
 * @reviewer: the nurse reviewer's name in the settings
 *
 * A ReviewDesk window at 1280×800 (RD_SCREENSHOT_SIZE=1024x768 checks the
 * smallest screen), on screen, for a nurse reviewer with credentials RN
 * who signs with a key the test organisation certified.
 *
 * Returns: (transfer none): the #RdWindow
 */
GtkWidget *
rd_test_gui_new_window (const char *reviewer)
{
  GSettings *settings = rd_application_get_settings (rd_test_gui_application ());
  const char *size = g_getenv ("RD_SCREENSHOT_SIZE");
  RdWindow *window;
  int width = 1280, height = 800;

  g_settings_set_string (settings, "reviewer-name", reviewer);
  g_settings_set_string (settings, "reviewer-credentials", "RN");
  g_settings_set_enum (settings, "reviewer-role", RD_ROLE_NURSE_REVIEWER);
  /* Decisions are signed: the nurse's key, certified by the test organisation. */
  rd_test_gui_sign_as (reviewer, "RN", RD_ROLE_NURSE_REVIEWER);
  window = rd_window_new (rd_test_gui_application ());
  if (size != NULL && sscanf (size, "%dx%d", &width, &height) != 2)
    width = 1280, height = 800;
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  rd_test_gui_spin ();
  return GTK_WIDGET (window);
}
