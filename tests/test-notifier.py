#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""rapport-notifier against a real notification server (python3-dbusmock's
notification_daemon template) on a private D-Bus session bus:

- at start it catches up: each reminder that came due is one notification,
  with Open, Snooze and Done; many at once are one summary, whose Open asks
  the application for its Today page;
- a payment reminder says the amount owed; in Persian the summary counts
  in Persian digits;
- Done and Snooze invoked through D-Bus change the database;
- restarted, it notifies nothing twice;
- with no Rapport window, a reminder coming due (a snooze ending, set by
  the command line while it sleeps) still notifies, at that moment;
- a second notifier exits at once; with no notification server it waits
  for one and does not crash; with no session bus it says so and exits;
- asleep it uses no processor time, and little memory;
- it makes the backup of the day; on a damaged file it says so once,
  writes nothing and exits;
- it starts without GnuTLS (only sealing and opening a backup use it);
- Rapport starts it through the bus; its autostart entry is there while
  "Remind me when Rapport is closed" is on and gone when it is off; with
  it on the service stays after the window closes, with it off it stops.

Argument: the build directory."""
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

from gi.repository import Gio, GLib

BUILD = sys.argv[1]
NOTIFIER = os.path.join(BUILD, "src", "notifier", "rapport-notifier")
CLI = os.path.join(BUILD, "src", "cli", "rapport-cli")
APP = os.path.join(BUILD, "src", "gui", "rapport")
APP_ID = "io.github.rapportcrm.Rapport"
NOTIFIER_NAME = APP_ID + ".Notifier"
MOCK = "org.freedesktop.DBus.Mock"
LOGS = []
PROCESSES = []


def fail(message):
    print(f"not ok: {message}")
    for log in LOGS:
        with open(log, encoding="utf-8", errors="replace") as f:
            print(f"--- {log}\n{f.read()}")
    sys.exit(1)


class Session:
    """A private session bus, with the settings in a key file so that every
    process sees the same ones."""

    def __init__(self, home):
        self.home = home
        os.makedirs(os.path.join(home, "services"))
        # What an installed Rapport puts in the bus's service folder.
        with open(os.path.join(home, "services", NOTIFIER_NAME + ".service"), "w", encoding="utf-8") as f:
            f.write(f"[D-BUS Service]\nName={NOTIFIER_NAME}\nExec={NOTIFIER}\n")
        config = os.path.join(home, "bus.conf")
        with open(config, "w", encoding="utf-8") as f:
            f.write(f"""<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={home}</listen>
  <servicedir>{home}/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
""")
        self.env = dict(os.environ)
        self.env.update({
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "GSETTINGS_BACKEND": "keyfile",
            "G_DEBUG": "fatal-criticals",
            "TZ": "UTC",
        "G_MESSAGES_DEBUG": os.environ.get("G_MESSAGES_DEBUG", ""),
        })
        self.daemon = subprocess.Popen(["dbus-daemon", "--config-file", config, "--nofork", "--print-address=1"],
                                       stdout=subprocess.PIPE, env=self.env, text=True)
        PROCESSES.append(self.daemon)
        self.address = self.daemon.stdout.readline().strip()
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.address
        self.bus = Gio.DBusConnection.new_for_address_sync(
            self.address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)

    def set_background(self, on):
        """As another program (gsettings, say) changes the setting: whole,
        so that a reader never sees the file half written."""
        folder = os.path.join(self.home, "config", "glib-2.0", "settings")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "keyfile.new"), "w", encoding="utf-8") as f:
            f.write(f"[io/github/rapportcrm/Rapport]\nremind-in-background={'true' if on else 'false'}\n")
        os.replace(os.path.join(folder, "keyfile.new"), os.path.join(folder, "keyfile"))

    def start(self, args, name, env=None):
        log = os.path.join(self.home, f"{name}.log")
        LOGS.append(log)
        out = open(log, "w", encoding="utf-8")
        process = subprocess.Popen(args, env=env or self.env, stdout=out, stderr=out)
        PROCESSES.append(process)
        return process

    def has_owner(self, name):
        return self.bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                  "NameHasOwner", GLib.Variant("(s)", (name,)), GLib.VariantType("(b)"),
                                  Gio.DBusCallFlags.NONE, -1, None).unpack()[0]

    def wait_owner(self, name, present=True, timeout=15):
        end = time.time() + timeout
        while time.time() < end:
            if self.has_owner(name) == present:
                return
            time.sleep(0.1)
        fail(f"{name} {'never appeared' if present else 'stayed'}")

    def mock_call(self, path, method, args):
        return self.bus.call_sync("org.freedesktop.Notifications" if path == "/org/freedesktop/Notifications"
                                  else APP_ID, path, MOCK, method, args, None,
                                  Gio.DBusCallFlags.NONE, -1, None)

    def notify_server(self):
        server = self.start([sys.executable, "-m", "dbusmock", "--template", "notification_daemon"], "server")
        self.wait_owner("org.freedesktop.Notifications")
        return server

    def notifications(self):
        calls = self.mock_call("/org/freedesktop/Notifications", "GetMethodCalls", GLib.Variant("(s)", ("Notify",)))
        return [call[1] for call in calls.unpack()[0]]

    def invoke(self, notification_id, action):
        self.mock_call("/org/freedesktop/Notifications", "EmitSignal",
                       GLib.Variant("(sssav)", ("org.freedesktop.Notifications", "ActionInvoked", "us",
                                               [GLib.Variant("u", notification_id), GLib.Variant("s", action)])))

    def close(self):
        self.daemon.terminate()
        self.daemon.wait()


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            fail("a process did not stop")
    if process.returncode < 0 and process.returncode != -signal.SIGTERM:
        fail(f"a process ended with signal {-process.returncode}")


def cli(session, *args):
    return subprocess.run([CLI] + list(args), check=True, capture_output=True, text=True, env=session.env).stdout


def wait_until(predicate, what, timeout=15):
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return
        time.sleep(0.1)
    fail(f"never saw {what}")


def make_follow_ups(path, overdue):
    """@overdue follow-ups of the first client due on past days, as another
    program would write them."""
    con = sqlite3.connect(path)
    client = con.execute("SELECT min(id) FROM clients").fetchone()[0]
    ids = []
    for i in range(overdue):
        cur = con.execute("INSERT INTO interactions (client_id, kind, occurred_at, summary, follow_up_on, created_at)"
                          " VALUES (?, 'call', 1700000000, ?, date('now', ?), 1700000000)",
                          (client, f"Reminder {i + 1}", f"-{i + 1} days"))
        ids.append(cur.lastrowid)
    con.commit()
    con.close()
    return ids


def make_database(session, path, overdue):
    """A client and @overdue follow-ups due on past days."""
    cli(session, "--database", path, "seed", "--clients", "1", "--interactions", "0", "--seed", "3")
    con = sqlite3.connect(path)
    con.execute("DELETE FROM tasks")
    con.commit()
    con.close()
    return make_follow_ups(path, overdue)


def query(path, sql):
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def resident_kib(pid):
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def loaded(pid, library):
    with open(f"/proc/{pid}/maps", encoding="ascii", errors="replace") as f:
        return any(f"/{library}" in line for line in f)


def test_each_and_actions(session):
    db = os.path.join(session.home, "data", "rapport", "rapport.db")
    os.makedirs(os.path.dirname(db), exist_ok=True)
    ids = make_database(session, db, 2)
    server = session.notify_server()
    session.set_background(True)

    notifier = session.start([NOTIFIER], "notifier")
    wait_until(lambda: len(session.notifications()) == 2, "two notifications")
    calls = session.notifications()
    summaries = sorted(str(call[3]) for call in calls)
    if summaries != ["Follow up: Reminder 1", "Follow up: Reminder 2"]:
        fail(f"unexpected notifications {summaries}")
    for call in calls:
        actions = list(call[5])
        if not {"open", "snooze", "done", "default"} <= set(actions[::2]):
            fail(f"actions missing: {actions}")
    print("ok: each reminder that came due is one notification, with Open, Snooze and Done")

    backups = os.path.join(session.home, "data", "rapport", "backups")
    wait_until(lambda: os.path.isdir(backups) and any(not name.startswith(".") for name in os.listdir(backups)),
               "the backup of the day")
    print("ok: the notifier makes the backup of the day")

    # Notification ids are 1 and 2 in the order shown: the most recent first.
    first = ids[0] if str(calls[0][3]) == "Follow up: Reminder 1" else ids[1]
    second = ids[1] if first == ids[0] else ids[0]
    session.invoke(1, "done")
    wait_until(lambda: query(db, f"SELECT follow_up_done_at IS NOT NULL FROM interactions WHERE id = {first}") == 1,
               "the follow-up done from the notification")
    session.invoke(2, "snooze")
    wait_until(lambda: (query(db, f"SELECT snoozed_until FROM reminder_state WHERE item_id = {second}") or 0)
               > time.time() + 3000, "the reminder snoozed from the notification")
    print("ok: Done and Snooze invoked over D-Bus change the database")

    # Asleep: no processor time, little memory.
    time.sleep(1)
    before = cpu_ticks(notifier.pid)
    time.sleep(3)
    after = cpu_ticks(notifier.pid)
    rss = resident_kib(notifier.pid)
    print(f"# asleep: {after - before} clock ticks of CPU in 3 s, resident memory {rss / 1024:.1f} MB")
    if after != before:
        fail("the notifier used the processor while asleep")
    # Money and counts are written with ICU, in a module loaded the first
    # time one is written: with only follow-ups shown, neither ICU nor the
    # C++ library is in the notifier's memory.
    if rss > 15 * 1024:
        fail(f"resident memory {rss} KiB is over 15 MB")
    if loaded(notifier.pid, "libicu") or loaded(notifier.pid, "libstdc++"):
        fail("ICU was loaded though no amount or count was written")
    print("ok: asleep it uses no processor time and under 15 MB, without ICU")

    # A second one stops at once.
    second_notifier = session.start([NOTIFIER], "second")
    try:
        second_notifier.wait(timeout=10)
    except subprocess.TimeoutExpired:
        fail("a second notifier did not exit")
    if second_notifier.returncode != 0:
        fail(f"the second notifier exited with {second_notifier.returncode}")
    print("ok: a second notifier exits at once")

    # Restarted: nothing twice.
    stop(notifier)
    session.wait_owner(NOTIFIER_NAME, False)
    notifier = session.start([NOTIFIER], "restarted")
    session.wait_owner(NOTIFIER_NAME)
    time.sleep(1.5)
    if len(session.notifications()) != 2:
        fail("a restarted notifier notified again")
    print("ok: restarted, it notifies nothing twice")

    # While it sleeps, with no window: the command line snoozes the other
    # reminder until a few seconds from now; it is notified then.
    task_id = f"follow-up:{second}"
    until = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() + 4))
    cli(session, "--database", db, "snooze", task_id, until)
    time.sleep(1)
    if len(session.notifications()) != 2:
        fail("notified before the snooze ended")
    wait_until(lambda: len(session.notifications()) == 3, "the notification when the snooze ends", timeout=10)
    print("ok: with no window, a reminder coming due while it sleeps notifies at that moment")
    stop(notifier)
    stop(server)
    session.wait_owner("org.freedesktop.Notifications", False)


def test_summary_and_no_server(session):
    db = os.path.join(session.home, "many.db")
    make_database(session, db, 5)
    app = session.start([sys.executable, "-m", "dbusmock", APP_ID, "/io/github/rapportcrm/Rapport",
                         "org.freedesktop.Application"], "application")
    session.wait_owner(APP_ID)
    session.bus.call_sync(APP_ID, "/io/github/rapportcrm/Rapport", MOCK, "AddMethod",
                          GLib.Variant("(sssss)", ("org.freedesktop.Application", "ActivateAction",
                                                   "sava{sv}", "", "")),
                          None, Gio.DBusCallFlags.NONE, -1, None)

    # No notification server yet: it waits, without crashing.
    notifier = session.start([NOTIFIER, "--database", db], "no-server")
    session.wait_owner(NOTIFIER_NAME)
    time.sleep(1)
    if notifier.poll() is not None:
        fail(f"with no notification server the notifier stopped ({notifier.returncode})")
    if query(db, "SELECT count(*) FROM reminder_state") != 0:
        fail("reminders were marked notified with no server to show them")
    print("ok: with no notification server it waits and does not crash")

    server = session.notify_server()
    wait_until(lambda: len(session.notifications()) == 1, "one summary notification")
    summary = str(session.notifications()[0][3])
    if summary != "5 reminders are due":
        fail(f"unexpected summary {summary!r}")
    time.sleep(1)
    if len(session.notifications()) != 1:
        fail("more than the one summary")
    print("ok: five due at once are one summary notification, shown when a server appears")

    session.invoke(1, "default")
    wait_until(lambda: len(session.bus.call_sync(APP_ID, "/io/github/rapportcrm/Rapport", MOCK, "GetMethodCalls",
                                                 GLib.Variant("(s)", ("ActivateAction",)), None,
                                                 Gio.DBusCallFlags.NONE, -1, None).unpack()[0]) == 1,
               "the application asked for its Today page")
    call = session.bus.call_sync(APP_ID, "/io/github/rapportcrm/Rapport", MOCK, "GetMethodCalls",
                                 GLib.Variant("(s)", ("ActivateAction",)), None,
                                 Gio.DBusCallFlags.NONE, -1, None).unpack()[0][0][1]
    if call[0] != "show-today":
        fail(f"the summary opened {call[0]}")
    print("ok: the summary's Open activates app.show-today")
    stop(notifier)
    stop(server)
    stop(app)


def test_payment_and_persian(session):
    """A payment reminder says how much is owed, in the business currency
    as the Today page writes it; in Persian the summary's count is in
    Persian digits."""
    db = os.path.join(session.home, "owed.db")
    make_database(session, db, 0)
    con = sqlite3.connect(db)
    client = con.execute("SELECT id FROM clients").fetchone()[0]
    order = con.execute("INSERT INTO orders (number, client_id, ordered_on, status, payment_due_on, currency,"
                        " prices_include_tax, created_at, updated_at)"
                        " VALUES ('P-1', ?, date('now', '-9 days'), 'confirmed', date('now', '-2 days'), 'EUR',"
                        " 1, 1700000000, 1700000000)", (client,)).lastrowid
    con.execute("INSERT INTO order_lines (order_id, position, kind, name, quantity, unit_price, net, tax, gross)"
                " VALUES (?, 0, 'service', 'Repair', 1000, 12050, 12050, 0, 12050)", (order,))
    con.commit()
    con.close()

    server = session.notify_server()
    notifier = session.start([NOTIFIER, "--database", db], "owed")
    wait_until(lambda: len(session.notifications()) == 1, "the payment reminder")
    call = session.notifications()[0]
    if str(call[3]) != "Payment for order P-1" or "€120.50" not in str(call[4]):
        fail(f"the payment reminder says {str(call[3])!r}, {str(call[4])!r}")
    if not loaded(notifier.pid, "libicu"):
        fail("the amount was written without ICU")
    print("ok: a payment reminder says the amount owed, written with ICU loaded then")
    stop(notifier)
    session.wait_owner(NOTIFIER_NAME, False)

    many = os.path.join(session.home, "many-fa.db")
    make_database(session, many, 4)
    env = dict(session.env, LANGUAGE="fa")
    notifier = session.start([NOTIFIER, "--database", many], "persian", env)
    wait_until(lambda: len(session.notifications()) == 2, "the summary in Persian")
    summary = str(session.notifications()[1][3])
    if "۴" not in summary or "4" in summary:
        fail(f"the summary in Persian is {summary!r}")
    print("ok: in Persian the summary counts in Persian digits")
    stop(notifier)
    session.wait_owner(NOTIFIER_NAME, False)

    # A regular client who usually comes every 10 days, last 30 days ago:
    # the interval is written in the reader's digits too.
    regular = os.path.join(session.home, "regular-fa.db")
    make_database(session, regular, 0)
    con = sqlite3.connect(regular)
    con.execute("INSERT INTO client_scores (client_id, visits, usual_interval, last_day, scored_at)"
                " SELECT id, 4, 10, date('now', '-30 days'), 1700000000 FROM clients")
    con.commit()
    con.close()
    notifier = session.start([NOTIFIER, "--database", regular], "regular", env)
    wait_until(lambda: len(session.notifications()) == 3, "the regular client in Persian")
    body = str(session.notifications()[2][4])
    if "۱۰" not in body or "10" in body:
        fail(f"the regular client's notification says {body!r}")
    print("ok: a regular client slipping away: the usual interval in Persian digits")
    stop(notifier)
    stop(server)
    session.wait_owner("org.freedesktop.Notifications", False)


def damage(path):
    """Flips bytes in the pages after the first until SQLite's own check
    fails, keeping the header whole so that the file still opens."""
    size = os.path.getsize(path)
    with open(path, "r+b") as f:
        for offset in range(size // 2, size - 64, 4096):
            f.seek(offset)
            f.write(bytes(b ^ 0x5A for b in f.read(48)))
            f.flush()
            con = sqlite3.connect(path)
            try:
                if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    return
            except sqlite3.DatabaseError:
                return
            finally:
                con.close()
    fail("could not damage the file")


def checksum(path):
    with open(path, "rb") as f:
        return hash(f.read())


def test_damaged(session):
    db = os.path.join(session.home, "damaged.db")
    cli(session, "--database", db, "seed", "--clients", "800", "--interactions", "3", "--seed", "5")
    make_database(session, db, 1)
    damage(db)
    before = checksum(db)
    server = session.notify_server()
    shown = len(session.notifications())

    notifier = session.start([NOTIFIER, "--database", db], "damaged")
    try:
        notifier.wait(timeout=30)
    except subprocess.TimeoutExpired:
        fail("the notifier went on with a damaged file")
    if notifier.returncode != 2:
        fail(f"on a damaged file the notifier exited with {notifier.returncode}")
    calls = session.notifications()[shown:]
    if [str(call[3]) for call in calls] != ["Rapport's data is damaged"]:
        fail(f"on a damaged file it showed {[str(call[3]) for call in calls]}")
    if "damaged.db" not in str(calls[0][4]):
        fail(f"the damage notice does not name the file: {calls[0][4]}")
    if checksum(db) != before:
        fail("the notifier wrote into a damaged file")
    print("ok: on a damaged file it says so once, writes nothing and exits")
    stop(server)
    session.wait_owner("org.freedesktop.Notifications", False)


def test_no_session(session):
    env = dict(session.env)
    env["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + os.path.join(session.home, "no-such-bus")
    result = subprocess.run([NOTIFIER], env=env, capture_output=True, text=True, timeout=20)
    if result.returncode != 2 or "Today page" not in result.stderr:
        fail(f"with no session bus: {result.returncode} {result.stderr!r}")
    print("ok: with no session bus it says so and exits")


def test_light_start(session):
    """The service starts with the core's libraries: GnuTLS, which only
    sealing and opening a backup use, is not among them (the dynamic loader
    lists what it would load, as ldd does, and stops)."""
    env = dict(session.env)
    env["LD_TRACE_LOADED_OBJECTS"] = "1"
    result = subprocess.run([NOTIFIER], env=env, capture_output=True, text=True, timeout=20)
    if result.returncode != 0 or "libsqlite3" not in result.stdout:
        fail(f"listing the libraries: {result.returncode} {result.stdout!r} {result.stderr!r}")
    for heavy in ("libgnutls", "libgtk", "libpango", "libgmime", "libcurl"):
        if heavy in result.stdout:
            fail(f"rapport-notifier loads {heavy} at start:\n{result.stdout}")
    print("ok: it starts without GnuTLS, GTK, Pango, GMime or libcurl")


def test_with_the_window(session):
    """Rapport starts the reminder service; its autostart entry is there
    while the preference is on, gone when it is off; with it off, closing
    Rapport stops the service. (The preference changing while the window
    is open is tested in test-today.c: two programs writing these tests'
    key-file settings at once overwrite each other, where a desktop's
    dconf does not.)"""
    autostart = os.path.join(session.home, "config", "autostart", NOTIFIER_NAME + ".desktop")
    env = dict(session.env, GTK_A11Y="none")

    session.set_background(True)
    app = session.start([APP], "window", env=env)
    session.wait_owner(APP_ID, timeout=30)
    session.wait_owner(NOTIFIER_NAME)
    print("ok: Rapport starts the reminder service through the bus")
    wait_until(lambda: os.path.exists(autostart), "the autostart entry", timeout=30)
    with open(autostart, encoding="utf-8") as f:
        entry = f.read()
    if "Exec=/" not in entry or "rapport-notifier" not in entry:
        fail(f"unexpected autostart entry:\n{entry}")
    stop(app)
    session.wait_owner(APP_ID, False)
    time.sleep(1)
    if not session.has_owner(NOTIFIER_NAME):
        fail("with the preference on, the reminder service stopped with the window")
    print("ok: with the preference on, the service stays after the window closes")

    session.set_background(False)
    app = session.start([APP], "window-again", env=env)
    session.wait_owner(APP_ID, timeout=30)
    wait_until(lambda: not os.path.exists(autostart), "the autostart entry removed", timeout=30)
    print("ok: the autostart entry is there with the preference on and gone with it off")

    stop(app)
    session.wait_owner(APP_ID, False)
    session.wait_owner(NOTIFIER_NAME, False)
    print("ok: with the preference off, closing Rapport stops the reminder service")


def check_logs():
    for log in LOGS:
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                if "CRITICAL **" in line or "WARNING **" in line:
                    fail(f"{os.path.basename(log)}: {line.strip()}")
    print("ok: no critical and no warning")


def main():
    home = tempfile.mkdtemp()
    session = Session(home)
    try:
        test_each_and_actions(session)
        test_summary_and_no_server(session)
        test_payment_and_persian(session)
        test_damaged(session)
        test_no_session(session)
        test_light_start(session)
        test_with_the_window(session)
        check_logs()
    finally:
        for process in PROCESSES:
            if process.poll() is None:
                process.kill()
                process.wait()
        shutil.rmtree(home, ignore_errors=True)


main()
