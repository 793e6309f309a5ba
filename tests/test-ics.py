#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The calendar file rapport-cli export-ics writes, read back by an
independent iCalendar parser (python3-icalendar): one to-do per open
reminder, due on the right day or at the right moment in the zone, with an
alarm, text that survives commas, semicolons, line breaks, long lines and
other scripts, and identities that stay the same from one export to the
next. Argument: the build directory."""
import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import icalendar

BUILD = sys.argv[1]
CLI = os.path.join(BUILD, "src", "cli", "rapport-cli")
TRICKY = "Quote, part 2; call back\nbefore noon — Ładny dzień, " + "متن فارسی " * 12


def fail(message):
    print(f"not ok: {message}")
    sys.exit(1)


def cli(*args, zone="Europe/Warsaw"):
    env = dict(os.environ, TZ=zone)
    return subprocess.run([CLI] + list(args), check=True, capture_output=True, text=True, env=env)


def todos(path):
    with open(path, "rb") as f:
        raw = f.read()
    for line in raw.split(b"\r\n"):
        if len(line) > 75:
            fail(f"a line longer than 75 octets: {line[:40]!r}")
    calendar = icalendar.Calendar.from_ical(raw)
    return {str(c["SUMMARY"]): c for c in calendar.walk("VTODO")}


def main(home):
    db = os.path.join(home, "rapport.db")
    ics = os.path.join(home, "reminders.ics")
    cli("--database", db, "seed", "--clients", "1", "--interactions", "0", "--seed", "3")

    # Data as another program would write it.
    con = sqlite3.connect(db)
    client = con.execute("SELECT id FROM clients").fetchone()[0]
    con.execute("INSERT INTO interactions (client_id, kind, occurred_at, summary, follow_up_on, created_at)"
                " VALUES (?, 'call', 1773000000, ?, '2026-03-29', 1773000000)", (client, TRICKY))
    con.execute("INSERT INTO tasks (client_id, title, notes, due_on, due_time, created_at)"
                " VALUES (?, 'Ring back', 'After the repair', '2026-03-29', '14:30', 1773000000)", (client,))
    con.execute("INSERT INTO tasks (client_id, title, due_on, done_at, created_at)"
                " VALUES (?, 'Done long ago', '2026-01-01', 1773000000, 1773000000)", (client,))
    con.commit()
    con.close()

    cli("--database", db, "export-ics", "--output", ics)
    first = todos(ics)
    # The one sample task, the follow-up and the open task; not the done one.
    if len(first) != 3 or "Done long ago" in first:
        fail(f"expected 3 to-dos, found {sorted(first)}")
    follow_up = first.get("Follow up: " + TRICKY)
    task = first.get("Ring back")
    if follow_up is None or task is None:
        fail(f"the titles did not survive: {sorted(first)}")
    print("ok: titles with commas, semicolons, line breaks and Persian survive folding and escaping")

    due = follow_up["DUE"].dt
    if type(due) is not datetime.date or due != datetime.date(2026, 3, 29):
        fail(f"a follow-up on a day is due on that day, got {due!r}")
    due = task["DUE"].dt
    if not isinstance(due, datetime.datetime) or due.tzinfo is None:
        fail(f"a task at a time is due at a moment, got {due!r}")
    # 14:30 in Warsaw on the first day of summer time is 12:30 UTC.
    expected = datetime.datetime(2026, 3, 29, 12, 30, tzinfo=datetime.timezone.utc)
    if due != expected:
        fail(f"due {due!r}, expected {expected}")
    print("ok: days are dates, times are the right moments for Warsaw across the change to summer time")

    for todo in (follow_up, task):
        alarms = todo.walk("VALARM")
        if len(alarms) != 1 or str(alarms[0]["ACTION"]) != "DISPLAY":
            fail("each to-do has one display alarm")
        if str(todo["STATUS"]) != "NEEDS-ACTION":
            fail("open reminders need action")
    trigger = task.walk("VALARM")[0]["TRIGGER"].dt
    if trigger != expected:
        fail(f"the alarm rings when the task is due, got {trigger!r}")
    morning = follow_up.walk("VALARM")[0]["TRIGGER"].dt
    if morning != datetime.datetime(2026, 3, 29, 7, 0, tzinfo=datetime.timezone.utc):
        fail(f"a day's alarm rings at nine in the morning there, got {morning!r}")
    if "After the repair" not in str(task["DESCRIPTION"]):
        fail("the task's notes are in its description")
    print("ok: one display alarm each, at the due moment; nine in the morning for a day")

    cli("--database", db, "export-ics", "--output", ics)
    second = todos(ics)
    if {str(c["UID"]) for c in first.values()} != {str(c["UID"]) for c in second.values()}:
        fail("identities changed between exports")
    print("ok: the same identities in the next export, so importing again updates")


HOME = tempfile.mkdtemp()
try:
    main(HOME)
finally:
    shutil.rmtree(HOME, ignore_errors=True)
