#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Rapport and the other programs on the desktop, seen from outside through
the accessibility bus, as a person or a screen reader would:

- a write by the command line (or any other program) shows in the open
  window, its list and its card, without a restart;
- the application's show-client action, activated over D-Bus before any
  window exists (as the D-Bus service file and a notification do), opens
  the usual database and shows the card;
- quitting with Ctrl+Q after a cold start through a look-up is clean;
- quitting with a client form that holds typed text asks first, and
  quits when the person chooses to discard it.

Every Rapport process runs with criticals fatal, and what it printed is
read at the end: no critical and no warning on any of these paths.
Argument: the build directory."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi
from gi.repository import Gio, GLib

BUILD = sys.argv[1]
APP = os.path.join(BUILD, "src", "gui", "rapport")
CLI = os.path.join(BUILD, "src", "cli", "rapport-cli")
APP_ID = "io.github.rapportcrm.Rapport"
APP_PATH = "/io/github/rapportcrm/Rapport"
LOGS = []


def fail(message):
    print(f"not ok: {message}")
    for log in LOGS:
        with open(log, encoding="utf-8", errors="replace") as f:
            print(f"--- {log}\n{f.read()}")
    sys.exit(1)


def app_env(data_home):
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = data_home
    env["G_DEBUG"] = "fatal-criticals"
    return env


def start(args, data_home, name):
    log = os.path.join(data_home, f"{name}.log")
    LOGS.append(log)
    out = open(log, "w", encoding="utf-8")
    return subprocess.Popen([APP] + args, env=app_env(data_home), stdout=out, stderr=out)


def cli(*args):
    return subprocess.run([CLI] + list(args), check=True, capture_output=True, text=True).stdout


def find_app(timeout=20, pid=None):
    """The application on the accessibility bus; with pid, that process's
    (one that just quit may still be listed)."""
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            try:
                if child is not None and child.name == "rapport" \
                        and (pid is None or child.get_process_id() == pid):
                    return child
            except Exception:  # gone while asked
                pass
        time.sleep(0.2)
    fail("Rapport did not appear on the accessibility bus")


def walk(node):
    yield node
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            yield from walk(child)


def wait_for(app, predicate, what, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        try:
            if any(predicate(node) for node in walk(app)):
                return
        except Exception:  # the tree changes while it is walked
            pass
        time.sleep(0.2)
    fail(f"never saw {what}")


def label(text):
    return lambda n: n.getRoleName() == "label" and n.name == text


def stop(process):
    if process.poll() is None:
        process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        fail("Rapport did not stop")


def activate_action(name, parameter):
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    bus.call_sync(APP_ID, APP_PATH, "org.freedesktop.Application", "ActivateAction",
                  GLib.Variant("(sava{sv})", (name, [parameter], {})), None,
                  Gio.DBusCallFlags.NONE, 20000, None)


def wait_for_name(present, timeout=20):
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    end = time.time() + timeout
    while time.time() < end:
        owner = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                              "org.freedesktop.DBus", "NameHasOwner",
                              GLib.Variant("(s)", (APP_ID,)), GLib.VariantType("(b)"),
                              Gio.DBusCallFlags.NONE, -1, None).unpack()[0]
        if owner == present:
            return
        time.sleep(0.2)
    fail(f"{APP_ID} {'never appeared' if present else 'stayed'} on the session bus")


def first_client(db):
    row = cli("--database", db, "search", "", "--limit", "1").rstrip("\n").split("\t")
    return int(row[0]), row[1], row[3]


def test_writes_from_elsewhere(home):
    """The command line writes while the window shows a card."""
    db = os.path.join(home, "rapport", "rapport.db")
    cli("--database", db, "seed", "--clients", "1", "--interactions", "0", "--seed", "3")
    client_id, name, _ = first_client(db)

    app = start([], home, "writes")
    try:
        ui = find_app()
        wait_for(ui, label("1 client"), "the list of one client")
        activate_action("show-client", GLib.Variant("x", client_id))
        wait_for(ui, label(name), f"the card of {name}")

        # Interactions for the only client there is: the card's history
        # shows them. Then new clients: the list grows.
        cli("--database", db, "seed", "--clients", "0", "--interactions", "3", "--seed", "5")
        wait_for(ui, lambda n: n.getRoleName() == "label" and " · " in (n.name or ""),
                 "history on the open card")
        print("ok: interactions added by the command line appear on the open card")

        cli("--database", db, "seed", "--clients", "4", "--interactions", "0", "--seed", "4")
        wait_for(ui, label("5 clients"), "the list grown to five clients")
        print("ok: clients added by the command line appear in the open list")
    finally:
        stop(app)


def test_show_client_before_any_window(home):
    """What the D-Bus service file starts, then a notification's Open."""
    db = os.path.join(home, "rapport", "rapport.db")
    client_id, name, _ = first_client(db)

    service = start(["--gapplication-service"], home, "service")
    try:
        wait_for_name(True)
        activate_action("show-client", GLib.Variant("x", client_id))
        ui = find_app()
        wait_for(ui, lambda n: n.getRoleName() == "frame" and n.name == "Rapport", "the main window")
        wait_for(ui, label(name), f"the card of {name}")
        print("ok: show-client over D-Bus with no window opens the usual database on the card")
    finally:
        stop(service)
        wait_for_name(False)


def release_keys(xdotool):
    """A Ctrl+Q whose window went away before the keys were let go leaves
    them held on the display, and a held Ctrl+Q repeats into the next
    window: every test that presses keys lets them go."""
    if xdotool is not None:
        subprocess.run([xdotool, "keyup", "ctrl", "q"], capture_output=True, timeout=20)


def test_quit_after_cold_lookup(home):
    """A softphone starts Rapport with a caller's number; the person quits."""
    db = os.path.join(home, "rapport", "rapport.db")
    _, name, phone = first_client(db)
    xdotool = shutil.which("xdotool")

    app = start(["--lookup", phone], home, "lookup")
    try:
        ui = find_app()
        wait_for(ui, label(name), f"the card of {name}")
        if xdotool is None:
            fail("xdotool is needed to press Ctrl+Q")
        # xdotool may complain that the window went away under it: it did.
        subprocess.run([xdotool, "search", "--sync", "--onlyvisible", "--name", "^Rapport$",
                        "windowfocus", "--sync", "key", "ctrl+q"],
                       capture_output=True, timeout=20)
        release_keys(xdotool)
        try:
            app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            fail("Ctrl+Q did not quit")
        if app.returncode != 0:
            fail(f"Rapport exited with {app.returncode}")
        print("ok: Ctrl+Q after a cold look-up quits")
    finally:
        release_keys(xdotool)
        stop(app)


def find_node(app, predicate):
    for node in walk(app):
        try:
            if predicate(node):
                return node
        except Exception:  # the tree changes while it is walked
            pass
    return None


def wait_in(pid, predicate, what, timeout=20):
    """Waits for a node of the process pid, finding its application again
    each time: the accessibility registry may list it late or stale."""
    end = time.time() + timeout
    while time.time() < end:
        app = find_app(pid=pid)
        node = find_node(app, predicate)
        if node is not None:
            return node
        time.sleep(0.3)
    fail(f"never saw {what}")


def press(pid, name):
    button = wait_in(pid, lambda n: n.getRoleName() == "push button" and n.name == name,
                     f"a button {name}")
    action = button.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press"):
            action.doAction(i)
            return
    fail(f"the button {name} cannot be pressed")


def test_quit_asks_about_typed_text(home):
    """An unknown caller's form gets a name typed in; Ctrl+Q asks before
    throwing it away, Keep Editing keeps it, Discard and Quit quits."""
    xdotool = shutil.which("xdotool")
    if xdotool is None:
        fail("xdotool is needed to type")

    release_keys(xdotool)
    app = start(["--lookup", "+44 20 7946 0111"], home, "quit-asks")
    try:
        wait_in(app.pid, lambda n: n.getRoleName() == "text" and n.name == "Given Name",
                "the New Client form")
        subprocess.run([xdotool, "search", "--sync", "--onlyvisible", "--name", "^New Client$",
                        "windowfocus", "--sync", "type", "--delay", "20", "Ada"],
                       capture_output=True, timeout=20)
        subprocess.run([xdotool, "key", "ctrl+q"], capture_output=True, timeout=20)
        release_keys(xdotool)
        wait_in(app.pid, label("Quit and Discard Changes?"), "the question before quitting")
        press(app.pid, "Keep Editing")
        time.sleep(1)
        if app.poll() is not None:
            fail("Keep Editing quit")
        subprocess.run([xdotool, "search", "--sync", "--onlyvisible", "--name", "^New Client$",
                        "windowfocus", "--sync", "key", "ctrl+q"], capture_output=True, timeout=20)
        release_keys(xdotool)
        wait_in(app.pid, label("Quit and Discard Changes?"), "the question before quitting, again")
        press(app.pid, "Discard and Quit")
        try:
            app.wait(timeout=15)
        except subprocess.TimeoutExpired:
            fail("Discard and Quit did not quit")
        if app.returncode != 0:
            fail(f"Rapport exited with {app.returncode}")
        print("ok: quitting asks before throwing away a typed form")
    finally:
        release_keys(xdotool)
        stop(app)


def check_logs():
    for log in LOGS:
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                if "CRITICAL **" in line or "WARNING **" in line:
                    fail(f"{os.path.basename(log)}: {line.strip()}")
    print("ok: no critical and no warning on any path")


def main():
    home = tempfile.mkdtemp()
    try:
        test_writes_from_elsewhere(home)
        test_show_client_before_any_window(home)
        test_quit_after_cold_lookup(home)
        test_quit_asks_about_typed_text(home)
        check_logs()
    finally:
        shutil.rmtree(home, ignore_errors=True)


main()
