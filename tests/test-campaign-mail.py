#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Campaign e-mail through a real SMTP server on loopback (python3-aiosmtpd,
started here, STARTTLS and AUTH required), driven through rapport-cli:

- the server's password kept in a real Secret Service (gnome-keyring on a
  D-Bus session of this test's own) and never written anywhere else: the
  database, its log and the settings are searched for it, and so is
  everything the programs printed;
- a login the server refuses pauses the campaign with a clear message and
  sends nothing;
- a server that fails half-way pauses the campaign; sending again resumes
  and every recipient gets exactly one message, the rejected one none
  (recorded as failed with the server's reason);
- the messages, parsed back with Python's email package, carry Cyrillic and
  Persian names and subjects intact (RFC 2047), a List-Unsubscribe header
  and the opt-out line; the archived, the opted out and the duplicate
  address get nothing;
- each e-mail is on its recipient's timeline;
- an SMS campaign's CSV has international numbers and filled texts.
Argument: the build directory."""
import csv
import email
import email.policy
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

BUILD = sys.argv[1]
CLI = os.path.join(BUILD, "src", "cli", "rapport-cli")
SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "smtp-server.py")
PROCESSES = []
OUTPUTS = []


def fail(message):
    print(f"not ok: {message}")
    for text in OUTPUTS[-6:]:
        print(f"--- output\n{text}")
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli(env, *args, stdin=None):
    result = subprocess.run([CLI, *args], env=env, input=stdin, capture_output=True,
                            text=True, timeout=120)
    OUTPUTS.append(f"$ rapport-cli {' '.join(args)}\n{result.stdout}{result.stderr}")
    for line in (result.stdout + result.stderr).splitlines():
        check("CRITICAL" not in line and "WARNING" not in line, f"rapport-cli printed “{line}”")
    return result


def start_keyring(env, tmp):
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    PROCESSES.append(bus)
    env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    keyring = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock",
                                "--components=secrets"], env=env, stdin=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    PROCESSES.append(keyring)
    keyring.stdin.write(secrets.token_hex(8))
    keyring.stdin.close()


def start_server(env, port, tmp, out, password, *extra):
    server = subprocess.Popen([sys.executable, SERVER, str(port), os.path.join(tmp, "cert.pem"),
                               os.path.join(tmp, "key.pem"), "campaigns@shop.example", out, *extra],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    PROCESSES.append(server)
    server.stdin.write(password + "\n")
    server.stdin.close()
    check(server.stdout.readline().strip() == "ready", "the SMTP server did not start")
    return server


def stop(process):
    if process.poll() is None:
        process.kill()
    process.wait()


def messages(out):
    found = {}
    for name in sorted(os.listdir(out)):
        if name.endswith(".eml"):
            with open(os.path.join(out, name), "rb") as f:
                raw = f.read()
            with open(os.path.join(out, name[:-4] + ".rcpt"), encoding="utf-8") as f:
                rcpt = f.read().strip()
            found.setdefault(rcpt, []).append(raw)
    return found


CLIENTS = [
    # given, family, e-mail, archived, opted out
    ("Анна", "Каренина", "anna@clients.example", False, False),
    ("فرید", "رحیمی", "farid@clients.example", False, False),
    ("Zoë", "Lefèvre", "zoe@clients.example", False, False),
    ("Олег", "Попов", "nobody@clients.example", False, False),
    ("Дмитро", "Шевченко", "dmytro@clients.example", False, False),
    ("Ewa", "Nowak", "ewa@clients.example", False, False),
    ("", "Studio Nord & Co", "studio@clients.example", False, False),
    ("Пётр", "Старый", "petr@clients.example", True, False),
    ("Нет", "Рассылкам", "optout@clients.example", False, True),
    ("Anna", "Twin", "ANNA@clients.example", False, False),
]


def fill_database(path):
    db = sqlite3.connect(path)
    db.execute("INSERT INTO tags (name) VALUES ('Mail test')")
    tag = db.execute("SELECT id FROM tags WHERE name = 'Mail test'").fetchone()[0]
    ids = {}
    for i, (given, family, address, archived, opted_out) in enumerate(CLIENTS):
        name = f"{given} {family}".strip()
        cur = db.execute(
            "INSERT INTO clients (kind, given_name, family_name, display_name, sort_key, created_at,"
            " updated_at, archived_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?)",
            ("person" if given else "company", given, family, name, name.lower(), 1 if archived else None))
        ids[address] = cur.lastrowid
        db.execute("INSERT INTO client_emails (client_id, position, address, match_key) VALUES (?, 0, ?, ?)",
                   (cur.lastrowid, address, address.lower()))
        db.execute("INSERT INTO client_phones (client_id, position, number, match_key) VALUES (?, 0, ?, ?)",
                   (cur.lastrowid, f"+7 916 000-00-{i:02d}", f"791600000{i:02d}"))
        db.execute("INSERT INTO client_tags VALUES (?, ?, 0)", (cur.lastrowid, tag))
        if opted_out:
            db.execute("INSERT INTO opt_outs VALUES (?, 'email', 0)", (cur.lastrowid,))
    cur = db.execute("INSERT INTO segments (name, created_at, updated_at) VALUES ('Mail test', 0, 0)")
    segment = cur.lastrowid
    db.execute("INSERT INTO segment_rules VALUES (?, 0, 'has-tag', 'Mail test', 0, 0)", (segment,))
    cur = db.execute(
        "INSERT INTO campaigns (name, channel, segment_id, subject, body, html_body, created_at, updated_at)"
        " VALUES ('Весна', 'email', ?, ?, ?, ?, 0, 0)",
        (segment, "Скидки для {first_name|вас} — تخفیف بهاره",
         "Здравствуйте, {first_name|друзья}!\nسلام {name}\n{balance|Nothing is owed.}",
         "<html><head><style>p { margin: 0 }</style></head><body>"
         "<p>Здравствуйте, <b>{first_name|друзья}</b>!</p><p dir=\"rtl\">سلام {name}</p></body></html>"))
    mail_campaign = cur.lastrowid
    cur = db.execute(
        "INSERT INTO campaigns (name, channel, segment_id, body, created_at, updated_at)"
        " VALUES ('SMS', 'sms', ?, 'Привет, {first_name|друг}, скидка 20%!', 0, 0)", (segment,))
    sms_campaign = cur.lastrowid
    cur = db.execute(
        "INSERT INTO campaigns (name, channel, segment_id, created_at, updated_at)"
        " VALUES ('Обзвон', 'phone', ?, 0, 0)", (segment,))
    phone_campaign = cur.lastrowid
    db.commit()
    db.close()
    return ids, mail_campaign, sms_campaign, phone_campaign


def add_warranties(path, ids):
    """A delivered coffee machine under warranty until 31 March 2027 for
    three clients: one who agreed to service messages, one who did not,
    and one who agreed but opted out of e-mail."""
    db = sqlite3.connect(path)
    pickup = db.execute("SELECT id FROM carriers WHERE pickup = 1 LIMIT 1").fetchone()[0]
    warranties = {}
    for n, (address, agreed) in enumerate([("farid@clients.example", True), ("zoe@clients.example", False),
                                           ("optout@clients.example", True)]):
        client = ids[address]
        if agreed:
            db.execute("UPDATE clients SET service_messages_since = 1700000000 WHERE id = ?", (client,))
        order = db.execute(
            "INSERT INTO orders (number, client_id, ordered_on, status, payment_due_on, currency,"
            " prices_include_tax, created_at, updated_at)"
            " VALUES (?, ?, '2026-03-31', 'fulfilled', '2026-03-31', 'EUR', 1, 0, 0)",
            (f"W-{n}", client)).lastrowid
        line = db.execute(
            "INSERT INTO order_lines (order_id, position, kind, name, quantity, unit_price, warranty_months,"
            " serial_number, net, tax, gross) VALUES (?, 0, 'product', 'Кофемашина', 1000, 100, 12, 'KM-9',"
            " 100, 0, 100)", (order,)).lastrowid
        delivery = db.execute(
            "INSERT INTO deliveries (order_id, client_id, carrier_id, planned_on, status, delivered_on,"
            " created_at, updated_at) VALUES (?, ?, ?, '2026-03-31', 'delivered', '2026-03-31', 0, 0)",
            (order, client, pickup)).lastrowid
        db.execute("INSERT INTO delivery_lines VALUES (?, ?, 1000)", (delivery, line))
        warranties[address] = db.execute(
            "INSERT INTO warranties (order_line_id, delivery_id, client_id, product, serial_number, quantity,"
            " starts_on, ends_on, created_at) VALUES (?, ?, ?, 'Кофемашина', 'KM-9', 1000, '2026-03-31',"
            " '2027-03-31', 0)", (line, delivery, client)).lastrowid
    db.commit()
    db.close()
    return warranties


def main():
    tmp = tempfile.mkdtemp(prefix="rapport-campaign-mail-")
    try:
        run(tmp)
    finally:
        for process in reversed(PROCESSES):
            stop(process)
        shutil.rmtree(tmp, ignore_errors=True)


def run(tmp):
    env = dict(os.environ)
    for name in ("config", "data", "home", "runtime"):
        os.makedirs(os.path.join(tmp, name), mode=0o700)
    env.update(XDG_CONFIG_HOME=os.path.join(tmp, "config"), XDG_DATA_HOME=os.path.join(tmp, "data"),
               HOME=os.path.join(tmp, "home"), XDG_RUNTIME_DIR=os.path.join(tmp, "runtime"),
               GSETTINGS_BACKEND="keyfile", GSETTINGS_SCHEMA_DIR=os.path.join(BUILD, "data"),
               G_DEBUG="fatal-criticals", LC_ALL="C.UTF-8", LANGUAGE="en")
    env.pop("SECRET_BACKEND", None)
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", os.path.join(tmp, "key.pem"), "-out", os.path.join(tmp, "cert.pem")],
                   check=True, capture_output=True)
    start_keyring(env, tmp)

    port = free_port()
    password = "pw-" + secrets.token_hex(12)
    settings = os.path.join(tmp, "config", "glib-2.0", "settings")
    os.makedirs(settings)
    keyfile = os.path.join(settings, "keyfile")
    with open(keyfile, "w", encoding="utf-8") as f:
        f.write("[io/github/rapportcrm/Rapport]\n"
                f"smtp-host='127.0.0.1'\nsmtp-port={port}\nsmtp-security='starttls'\n"
                "smtp-user='campaigns@shop.example'\nsmtp-from='shop@shop.example'\n"
                f"smtp-certificate='{os.path.join(tmp, 'cert.pem')}'\ncampaign-rate=0\n")

    path = os.path.join(tmp, "data", "shop.db")
    check(cli(env, "-d", path, "seed", "--clients", "1", "--interactions", "0").returncode == 0,
          "seed failed")
    ids, mail_campaign, sms_campaign, phone_campaign = fill_database(path)

    # The keyring comes up a moment after its bus: keep the wrong password first.
    deadline = time.monotonic() + 15
    while cli(env, "mail-password", stdin="wrong-" + password + "\n").returncode != 0:
        check(time.monotonic() < deadline, "the keyring did not take the password")
        time.sleep(0.2)

    out = os.path.join(tmp, "received")
    os.makedirs(out)
    server = start_server(env, port, tmp, out, password, "--reject", "nobody@clients.example")

    # A refused login: nothing sent, a clear message, the queue kept.
    result = cli(env, "-d", path, "campaign", "send", str(mail_campaign))
    check(result.returncode == 2, "a refused login did not fail")
    check("refused the login" in result.stderr, f"no clear message for a refused login: {result.stderr}")
    check(not messages(out), "something was sent with a refused login")

    check(cli(env, "mail-password", stdin=password + "\n").returncode == 0, "the password was not kept")

    # A server that fails after three messages: paused, three received.
    stop(server)
    server = start_server(env, port, tmp, out, password, "--reject", "nobody@clients.example",
                          "--drop-after", "3")
    result = cli(env, "-d", path, "campaign", "send", str(mail_campaign))
    check(result.returncode == 2, f"a server gone half-way did not stop sending: {result.stdout}")
    check("paused" in result.stderr.lower(), f"no word that sending paused: {result.stderr}")
    first_run = sum(len(v) for v in messages(out).values())
    check(first_run == 3, f"{first_run} messages before the server went, not 3")

    # Resumed on a working server: everybody else, nobody twice.
    stop(server)
    server = start_server(env, port, tmp, out, password, "--reject", "nobody@clients.example")
    result = cli(env, "-d", path, "campaign", "send", str(mail_campaign))
    check(result.returncode == 0, f"resuming failed: {result.stderr}")
    received = messages(out)
    expected = {"anna@clients.example", "farid@clients.example", "zoe@clients.example",
                "dmytro@clients.example", "ewa@clients.example", "studio@clients.example"}
    check(set(received) == expected, f"received for {sorted(received)}, not {sorted(expected)}")
    for address, raws in received.items():
        check(len(raws) == 1, f"{address} received {len(raws)} messages")
    result = cli(env, "-d", path, "campaign", "send", str(mail_campaign))
    check(result.returncode == 2 and "twice" in result.stderr, "a sent campaign was sent again")
    check(sum(len(v) for v in messages(out).values()) == 6, "sending again sent something")

    # The messages as a mail program reads them.
    names = {address: f"{given} {family}".strip() for given, family, address, _, _ in CLIENTS}
    for address, (raw,) in received.items():
        head = raw.split(b"\r\n\r\n", 1)[0]
        check(all(b < 128 for b in head), f"the headers to {address} are not 7-bit")
        message = email.message_from_bytes(raw, policy=email.policy.default)
        check(message["To"].addresses[0].addr_spec == address, f"To: {message['To']}")
        check(message["To"].addresses[0].display_name == names[address],
              f"the name “{message['To'].addresses[0].display_name}” is not “{names[address]}”")
        check(message["From"].addresses[0].addr_spec == "shop@shop.example", f"From: {message['From']}")
        given = next(g for g, _, a, _, _ in CLIENTS if a == address)
        subject = f"Скидки для {given or 'вас'} — تخفیف بهاره"
        check(str(message["Subject"]) == subject, f"Subject “{message['Subject']}”, not “{subject}”")
        check(message["List-Unsubscribe"] == "<mailto:shop@shop.example?subject=unsubscribe>",
              f"List-Unsubscribe: {message['List-Unsubscribe']}")
        # The plain text and, as its alternative, the formatted version.
        check(message.get_content_type() == "multipart/alternative",
              f"the message is {message.get_content_type()}, not multipart/alternative")
        check([p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"],
              f"the parts are {[p.get_content_type() for p in message.iter_parts()]}")
        body = message.get_body(preferencelist=("plain",)).get_content()
        check(f"Здравствуйте, {given or 'друзья'}!" in body, f"the greeting is wrong: {body!r}")
        check(f"سلام {names[address]}" in body and "Nothing is owed." in body, f"the body is wrong: {body!r}")
        check("unsubscribe" in body.splitlines()[-1], f"no opt-out line at the bottom: {body!r}")
        html = message.get_body(preferencelist=("html",)).get_content()
        escaped = names[address].replace("&", "&amp;")
        check(f"<b>{given or 'друзья'}</b>!" in html and f"سلام {escaped}</p>" in html,
              f"the formatted version is wrong: {html!r}")
        check("<style>p { margin: 0 }</style>" in html, f"the style sheet changed: {html!r}")
        opt_out = html.rfind("unsubscribe")
        check(0 < opt_out < html.rfind("</body>"), f"no opt-out line at the bottom of the HTML: {html!r}")

    db = sqlite3.connect(path)
    state, reason = db.execute("SELECT state, reason FROM campaign_recipients WHERE address = ?",
                               ("nobody@clients.example",)).fetchone()
    check(state == "failed" and "550" in reason, f"the rejected recipient is {state}: {reason}")
    check(db.execute("SELECT count(*) FROM campaign_recipients WHERE campaign_id = ?",
                     (mail_campaign,)).fetchone()[0] == 7, "the frozen list is not the 7 addressed")
    check(db.execute("SELECT status FROM campaigns WHERE id = ?", (mail_campaign,)).fetchone()[0] == "sent",
          "the campaign is not sent")
    logged = db.execute("SELECT count(*) FROM interactions WHERE kind = 'email' AND direction = 'outbound'"
                        " AND summary LIKE 'Скидки%'").fetchone()[0]
    check(logged == 6, f"{logged} e-mails on the timelines, not 6")
    db.close()

    result = cli(env, "-d", path, "campaign", "results", str(mail_campaign))
    check(result.returncode == 0 and "Delivered\t6" in result.stdout and "Failed\t1" in result.stdout,
          f"results: {result.stdout}")

    # SMS: the CSV for a gateway, then marked sent on confirmation.
    csv_path = os.path.join(tmp, "sms.csv")
    result = cli(env, "-d", path, "campaign", "export-sms", str(sms_campaign), "--output", csv_path)
    check(result.returncode == 0, f"export-sms failed: {result.stderr}")
    with open(csv_path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    check(len(rows) == 1 + 9, f"{len(rows) - 1} SMS rows, not 9 (the archived left out, e-mail opt-outs kept)")
    check(rows[1][0] == "+79160000000" and rows[1][2] == "Привет, Анна, скидка 20%!", f"SMS row {rows[1]}")
    result = cli(env, "-d", path, "campaign", "mark-sent", str(sms_campaign))
    check(result.returncode == 0 and "9 recipients" in result.stdout, f"mark-sent: {result.stdout}")

    # A warranty's ready message: sent only to a client who agreed to
    # service messages, never by e-mail to one who opted out of e-mail.
    warranties = add_warranties(path, ids)
    result = cli(env, "-d", path, "warranty-message", str(warranties["zoe@clients.example"]), "send")
    check(result.returncode == 2 and "not agreed" in result.stderr, f"sent without consent: {result.stderr}")
    result = cli(env, "-d", path, "warranty-message", str(warranties["optout@clients.example"]), "send")
    check(result.returncode == 2 and "opted out" in result.stderr, f"e-mailed an opt-out: {result.stderr}")
    result = cli(env, "-d", path, "warranty-message", str(warranties["optout@clients.example"]))
    check(result.returncode == 0 and "Hello Нет Рассылкам," in result.stdout,
          f"the message to copy is missing: {result.stdout}")
    result = cli(env, "-d", path, "warranty-message", str(warranties["farid@clients.example"]), "send")
    check(result.returncode == 0 and "farid@clients.example" in result.stdout, f"warranty message: {result.stderr}")
    (raw,) = [r for r in messages(out)["farid@clients.example"] if b"warranty" in r.lower()]
    message = email.message_from_bytes(raw, policy=email.policy.default)
    check(str(message["Subject"]) == "The warranty of your Кофемашина ends on 31 March 2027",
          f"warranty Subject “{message['Subject']}”")
    body = message.get_content()
    check("Hello فرید رحیمی," in body and "(serial number KM-9) ends on 31 March 2027" in body,
          f"the warranty message is wrong: {body!r}")
    check(sum(len(v) for v in messages(out).values()) == 7, "a warranty message went to someone else")
    db = sqlite3.connect(path)
    logged = db.execute("SELECT count(*) FROM interactions WHERE kind = 'email' AND direction = 'outbound'"
                        " AND summary LIKE 'The warranty of your%' AND client_id = ?",
                        (ids["farid@clients.example"],)).fetchone()[0]
    db.close()
    check(logged == 1, f"{logged} warranty messages on the timeline, not 1")

    # A phone campaign's call list as a PDF: the draft's list frozen, the
    # numbers in international form, a column for notes.
    pdf_path = os.path.join(tmp, "calls.pdf")
    result = cli(env, "-d", path, "campaign", "call-list", str(phone_campaign), "--output", pdf_path)
    check(result.returncode == 0 and "9 people to call" in result.stdout, f"call-list: {result.stdout}{result.stderr}")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf_path, "-"], check=True, capture_output=True,
                          text=True).stdout
    for part in ("Call list: Обзвон", "Notes", "Анна Каренина", "Ewa Nowak", "+79160000000", "+79160000009"):
        check(part in text, f"the call list does not say “{part}”: {text!r}")
    check("Пётр" not in text, "the archived client is on the call list")
    result = cli(env, "-d", path, "campaign", "call-list", str(mail_campaign), "--output", pdf_path)
    check(result.returncode != 0 and "not a phone call list" in result.stderr, f"call-list of e-mail: {result.stderr}")

    # The password is in the keyring and nowhere else.
    secret = password.encode()
    for name in os.listdir(os.path.dirname(path)):
        if name.startswith("shop.db"):
            with open(os.path.join(os.path.dirname(path), name), "rb") as f:
                check(secret not in f.read(), f"the password is in {name}")
    with open(keyfile, "rb") as f:
        check(secret not in f.read(), "the password is in the settings")
    for text in OUTPUTS:
        check(password not in text, "the password was printed")
    print("ok: campaign e-mail")


if __name__ == "__main__":
    main()
