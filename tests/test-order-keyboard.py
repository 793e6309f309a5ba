#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A regular's usual order entered without the mouse, with real key
presses: a caller's number opens their card (the screen pop), Alt+O starts
a new order for them, each item is typed and taken with Enter, its quantity
or price typed and Enter brings back the item field, Ctrl+S saves and
Escape closes. The order is then read back with the command line.

Rapport runs with criticals fatal, and what it printed is read at the end.
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


def fail(message, log=None):
    print(f"not ok: {message}")
    if log and os.path.exists(log):
        with open(log, encoding="utf-8", errors="replace") as f:
            print(f"--- {log}\n{f.read()}")
    sys.exit(1)


def cli(*args):
    return subprocess.run([CLI] + list(args), check=True, capture_output=True, text=True).stdout


def find_app(log, process, timeout=30):
    end = time.time() + timeout
    names = []
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        names = []
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            names.append(child.name if child is not None else None)
            if child is not None and child.name == "rapport":
                return child
        if process.poll() is not None:
            fail(f"Rapport ended with {process.returncode} before it showed", log)
        time.sleep(0.2)
    fail(f"Rapport did not appear on the accessibility bus (it lists {names})", log)


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


# GTK 4.8 gives an AdwWindow the role "filler".
WINDOW_ROLES = ("frame", "dialog", "window", "filler")


def window(title):
    return lambda n: n.getRoleName() in WINDOW_ROLES and n.name == title


def window_titled(prefix):
    return lambda n: n.getRoleName() in WINDOW_ROLES and (n.name or "").startswith(prefix)


def keys(window, *args):
    """Presses keys in the window titled @window (None: the focused one),
    waiting between them as a quick typist would."""
    xdotool = shutil.which("xdotool")
    if xdotool is None:
        fail("xdotool is needed to press keys")
    for arg in args:
        if arg.startswith("type:"):
            command = ["type", "--delay", "60", arg[5:]]
        else:
            command = ["key", arg]
        focus = ["search", "--sync", "--onlyvisible", "--limit", "1", "--name", f"^{window}$",
                 "windowfocus", "--sync"] if window else []
        done = subprocess.run([xdotool] + focus + command, capture_output=True, text=True, timeout=20)
        if done.returncode != 0:
            fail(f"xdotool could not press {arg} in “{window}”: {done.stderr.strip()}")
        time.sleep(0.6)


def shown(title, timeout=3):
    """Whether the window titled @title is still shown after @timeout."""
    end = time.time() + timeout
    while True:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", f"^{title}$"],
                               capture_output=True, text=True)
        if found.stdout.strip() == "":
            return False
        if time.time() > end:
            return True
        time.sleep(0.2)


def name_owner_pid():
    """The process that holds Rapport's name on the session bus, or None."""
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    try:
        return bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                             "GetConnectionUnixProcessID", GLib.Variant("(s)", ("io.github.rapportcrm.Rapport",)),
                             GLib.VariantType("(u)"), Gio.DBusCallFlags.NONE, -1, None).unpack()[0]
    except GLib.Error:
        return None


def wait_until_no_rapport(timeout=20):
    """A Rapport still running (another test's) would take our command
    line and show another file: wait until none holds the name."""
    end = time.time() + timeout
    while name_owner_pid() is not None:
        if time.time() > end:
            pid = name_owner_pid()
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                command = f.read().replace(b"\0", b" ").decode(errors="replace")
            fail(f"another Rapport holds the session bus name: {pid} {command}")
        time.sleep(0.2)


def main():
    home = tempfile.mkdtemp()
    log = os.path.join(home, "rapport.log")
    db = os.path.join(home, "shop.db")
    try:
        # The sample catalog comes with the sample orders.
        cli("--database", db, "seed", "--clients", "1", "--interactions", "0", "--orders", "1", "--seed", "3")
        before = set(cli("--database", db, "orders").splitlines())
        row = cli("--database", db, "search", "", "--limit", "1").rstrip("\n").split("\t")
        name, phone = row[1], row[3]

        wait_until_no_rapport()
        # Keys another test left pressed on this display (a held Ctrl+Q
        # would quit us at once) are let go first.
        subprocess.run(["xdotool", "keyup", "ctrl", "alt", "shift", "super", "q", "Escape", "Return"],
                       capture_output=True, timeout=10)
        env = dict(os.environ, XDG_DATA_HOME=home, G_DEBUG="fatal-criticals")
        with open(log, "w", encoding="utf-8") as out:
            app = subprocess.Popen([APP, "--database", db, "--lookup", phone], env=env,
                                   stdout=out, stderr=out)
        try:
            ui = find_app(log, app)
            wait_for(ui, lambda n: n.getRoleName() == "label" and n.name == name, f"the card of {name}")
            keys("Rapport", "alt+o")
            wait_for(ui, window("New Order"), "the new order's window")
            keys("New Order", "type:Hairc", "Return", "type:2", "Return",
                 "type:Home visit", "Return", "type:10", "Return", "ctrl+s")
            wait_for(ui, window_titled("Order "), "the saved order's window")
            listed = cli("--database", db, "orders")
            lines = [line.split("\t") for line in listed.splitlines() if line not in before]
            if len(lines) != 1 or lines[0][2] != name:
                fail(f"expected one order for {name}, the command line lists: {listed!r}", log)
            # Two haircuts at 35.00 and a home visit at 10.00, prices with tax.
            if lines[0][4] != "80.00":
                fail(f"expected a total of 80.00, got {lines[0][4]}", log)
            print("ok: an order of two lines typed and saved from the keyboard alone")

            title = [n.name for n in walk(ui) if window_titled("Order ")(n)][0]
            # While the “saved” toast shows, the first Escape dismisses it,
            # as in any GNOME application; the next closes the window. (The
            # accessibility tree of GTK 4.8 keeps a closed window's node for
            # a while: the display says whether it is still shown.)
            for attempt in range(2):
                keys(None, "Escape")
                if not shown(title):
                    break
            else:
                fail("Escape did not close the saved order", log)
            print("ok: Escape closes a saved order")

            # Back on the card, the new order's row is read as its number,
            # day, status and total; the keyboard reaches it and its Repeat
            # button.
            number = lines[0][0]
            def is_row(n):
                return n.getRoleName() == "list item" and n.name.startswith(number + " ") and "80.00" in n.name

            wait_for(ui, is_row, f"the row of order {number} on the card")
            row = next(n for n in walk(ui) if is_row(n))
            if not row.getState().contains(pyatspi.STATE_FOCUSABLE):
                fail(f"the row of order {number} cannot take the keyboard", log)
            if not any(n.getRoleName() in ("push button", "button") and n.name == f"Repeat Order {number}"
                       for n in walk(row)):
                fail(f"the row of order {number} has no Repeat button a screen reader can name", log)
            print("ok: the card reads the new order's row, and the keyboard reaches it and its Repeat button")
        finally:
            if app.poll() is None:
                app.terminate()
            app.wait(timeout=10)
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                if "CRITICAL **" in line or "WARNING **" in line:
                    fail(f"Rapport printed: {line.strip()}", log)
        print("ok: no critical and no warning")
    finally:
        shutil.rmtree(home, ignore_errors=True)


main()
