#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How fast a campaign goes out with no rate limit: N recipients (default
1,000) sent by `rapport-cli campaign send` to the loopback SMTP server of
the tests (STARTTLS and AUTH, one kept connection), timed from start to
end. Not part of the test run:

    /usr/bin/python3 tests/bench-campaign-send.py _build [N]

Arguments: the build directory, and how many recipients."""
import os
import secrets
import shutil
import sqlite3
import sys
import tempfile
import time

sys.argv = sys.argv[:2] + sys.argv[2:]
import importlib.util

spec = importlib.util.spec_from_file_location(
    "mailtest", os.path.join(os.path.dirname(os.path.abspath(__file__)), "test-campaign-mail.py"))
mailtest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mailtest)

N = int(sys.argv[2]) if len(sys.argv) > 2 else 1000


def run(tmp):
    env = dict(os.environ)
    for name in ("config", "data", "home", "runtime"):
        os.makedirs(os.path.join(tmp, name), mode=0o700)
    env.update(XDG_CONFIG_HOME=os.path.join(tmp, "config"), XDG_DATA_HOME=os.path.join(tmp, "data"),
               HOME=os.path.join(tmp, "home"), XDG_RUNTIME_DIR=os.path.join(tmp, "runtime"),
               GSETTINGS_BACKEND="keyfile", GSETTINGS_SCHEMA_DIR=os.path.join(mailtest.BUILD, "data"),
               LC_ALL="C.UTF-8")
    env.pop("SECRET_BACKEND", None)
    mailtest.subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                             "-keyout", os.path.join(tmp, "key.pem"), "-out", os.path.join(tmp, "cert.pem")],
                            check=True, capture_output=True)
    mailtest.start_keyring(env, tmp)
    port = mailtest.free_port()
    password = "pw-" + secrets.token_hex(12)
    settings = os.path.join(tmp, "config", "glib-2.0", "settings")
    os.makedirs(settings)
    with open(os.path.join(settings, "keyfile"), "w", encoding="utf-8") as f:
        f.write("[io/github/rapportcrm/Rapport]\n"
                f"smtp-host='127.0.0.1'\nsmtp-port={port}\nsmtp-user='campaigns@shop.example'\n"
                "smtp-from='shop@shop.example'\n"
                f"smtp-certificate='{os.path.join(tmp, 'cert.pem')}'\ncampaign-rate=0\n")
    path = os.path.join(tmp, "data", "bench.db")
    mailtest.cli(env, "-d", path, "seed", "--clients", "1", "--interactions", "0")
    db = sqlite3.connect(path)
    db.execute("INSERT INTO tags (name) VALUES ('Bench')")
    for i in range(N):
        cur = db.execute("INSERT INTO clients (kind, given_name, display_name, sort_key, created_at, updated_at)"
                         " VALUES ('person', ?, ?, ?, 0, 0)", (f"Клиент {i}", f"Клиент {i}", f"клиент {i}"))
        db.execute("INSERT INTO client_emails (client_id, position, address, match_key) VALUES (?, 0, ?, ?)",
                   (cur.lastrowid, f"c{i}@clients.example", f"c{i}@clients.example"))
        db.execute("INSERT INTO client_tags SELECT ?, id, 0 FROM tags WHERE name = 'Bench'", (cur.lastrowid,))
    cur = db.execute("INSERT INTO segments (name, created_at, updated_at) VALUES ('Bench', 0, 0)")
    db.execute("INSERT INTO segment_rules VALUES (?, 0, 'has-tag', 'Bench', 0, 0)", (cur.lastrowid,))
    cur = db.execute("INSERT INTO campaigns (name, channel, segment_id, subject, body, created_at, updated_at)"
                     " VALUES ('Bench', 'email', ?, 'Hello {first_name}', 'Dear {name},\nthe sale starts.', 0, 0)",
                     (cur.lastrowid,))
    campaign = cur.lastrowid
    db.commit()
    db.close()
    deadline = time.monotonic() + 15
    while mailtest.cli(env, "mail-password", stdin=password + "\n").returncode != 0:
        assert time.monotonic() < deadline, "the keyring did not take the password"
        time.sleep(0.2)
    out = os.path.join(tmp, "received")
    os.makedirs(out)
    mailtest.start_server(env, port, tmp, out, password)
    started = time.monotonic()
    result = mailtest.cli(env, "-d", path, "campaign", "send", str(campaign))
    seconds = time.monotonic() - started
    received = sum(len(v) for v in mailtest.messages(out).values())
    assert result.returncode == 0 and received == N, (result.stderr, received)
    print(f"{N} messages in {seconds:.2f} s: {N / seconds:.0f} messages a second "
          f"(load average {os.getloadavg()[0]:.1f})")


tmp = tempfile.mkdtemp(prefix="rapport-bench-send-")
try:
    run(tmp)
finally:
    for process in reversed(mailtest.PROCESSES):
        mailtest.stop(process)
    shutil.rmtree(tmp, ignore_errors=True)
