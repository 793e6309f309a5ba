#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The caller-ID screen pop across processes: with Rapport open, a second
`rapport --lookup PHONE` (as a softphone runs it) is handed to the open
window, which shows the caller's card, or a new client with the number.
Observed from outside through the accessibility bus, as a screen reader
would. Argument: the build directory."""
import os
import subprocess
import sys
import tempfile
import time

import pyatspi

BUILD = sys.argv[1]
APP = os.path.join(BUILD, "src", "gui", "rapport")
CLI = os.path.join(BUILD, "src", "cli", "rapport-cli")


def fail(message):
    print(f"not ok: {message}")
    sys.exit(1)


def find_app(timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            child = desktop.getChildAtIndex(i)
            if child is not None and child.name == "rapport":
                return child
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


def doubled(name):
    """ "_Save Save": GTK 4.8 names a mnemonic button twice; "Details
    Details": a name given twice, by a label and by the widget itself."""
    for i, c in enumerate(name):
        if c == " " and name[:i].replace("_", "") == name[i + 1:]:
            return True
    return False


def shows_text(node):
    return any(n.getRoleName() == "label" and n.name for n in walk(node))


def check_button_names(app):
    # GTK 4.8 sets no "showing" state: every button counts, on screen or not.
    for node in walk(app):
        name = node.name or ""
        if doubled(name):
            fail(f"a {node.getRoleName()} is named {name!r}")
        if node.getRoleName() not in ("push button", "toggle button"):
            continue
        if name.startswith("Gtk") and shows_text(node):
            fail(f"a button is named {name!r}")


def press(app, name):
    for node in walk(app):
        if node.getRoleName() == "push button" and node.name == name:
            action = node.queryAction()
            for i in range(action.nActions):
                if action.getName(i) in ("click", "activate", "press"):
                    action.doAction(i)
                    return
    fail(f"no button {name} to press")


def main():
    env = dict(os.environ)
    db = os.path.join(tempfile.mkdtemp(), "screen-pop.db")
    subprocess.run([CLI, "--database", db, "seed", "--clients", "30", "--interactions", "0"],
                   check=True, capture_output=True)
    first = subprocess.run([CLI, "--database", db, "search", "", "--limit", "1"], check=True,
                           capture_output=True, text=True).stdout.rstrip("\n").split("\t")
    name, phone = first[1], first[3]
    digits = "".join(c for c in phone if c.isdigit())

    primary = subprocess.Popen([APP, "--database", db], env=env)
    try:
        app = find_app()
        wait_for(app, lambda n: n.getRoleName() == "frame" and n.name == "Rapport", "the main window")

        # The same number written as bare digits, from a second process.
        remote = subprocess.run([APP, "--database", db, "--lookup", digits], env=env,
                                capture_output=True, text=True, timeout=20)
        if remote.returncode != 0:
            fail(f"the look-up exited with {remote.returncode}: {remote.stderr}")
        wait_for(app, lambda n: n.getRoleName() == "label" and n.name == name, f"the card of {name}")
        print(f"ok: {digits} brought up the card of {name}")

        # The interaction form, to hear its names too.
        press(app, "Log Interaction")
        wait_for(app, lambda n: n.name == "Incoming", "the Log Interaction dialog")

        # A search that matches what the rows do not show says what matched.
        entry = next(n for n in walk(app) if n.getRoleName() == "entry" and n.name == "Search Clients")
        entry.queryEditableText().setTextContents("warranty")
        wait_for(app, lambda n: "Note: Interested in the extended warranty." in (n.name or ""),
                 "a result row saying which note matched")
        print("ok: a row found through its notes says so")

        # The list keeps its rows from one search to the next and shows other
        # clients in them: each is read with the client it shows now.
        entry.queryEditableText().setTextContents(name)
        wait_for(app, lambda n: n.getRoleName() == "label" and (n.name or "").startswith(name + ", "),
                 f"a row read as {name}")
        end = time.time() + 15
        while True:
            try:
                if not any("Note: Interested" in (n.name or "") for n in walk(app)):
                    break
            except Exception:  # the tree changes while it is walked
                pass
            if time.time() > end:
                fail("a row still reads as the client of the search before")
            time.sleep(0.2)
        entry.queryEditableText().setTextContents("")
        print("ok: rows shown anew are read with their new client")

        # A number nobody has: a new client with it.
        subprocess.run([APP, "--database", db, "--lookup", "+1 202 555 0199"], env=env,
                       check=True, timeout=20)
        wait_for(app, lambda n: n.getRoleName() != "label" and n.name == "New Client",
                 "the New Client dialog")
        print("ok: an unknown number opened a new client")

        # What a screen reader says for each button and field: its name, once.
        check_button_names(app)
        wait_for(app, lambda n: n.getRoleName() == "text" and n.name == "Details", "the Details field named")
        wait_for(app, lambda n: n.getRoleName() not in ("label", "list item") and n.name == "Follow Up",
                 "the Follow Up switch named")
        print("ok: every button and field has one plain name")

        # Another database while this one is open is refused, plainly.
        other = subprocess.run([APP, "--database", db + "-other"], env=env,
                               capture_output=True, text=True, timeout=20)
        if other.returncode == 0 or "already open" not in other.stderr:
            fail(f"a second database was not refused: {other.returncode} {other.stderr!r}")
        print("ok: a second database is refused while one is open")
    finally:
        primary.terminate()
        primary.wait(timeout=10)


main()
