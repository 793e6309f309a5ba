#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A real SMTP server on loopback for the campaign tests (Debian's
python3-aiosmtpd): STARTTLS required before AUTH, AUTH required before
mail. Each message taken is written whole to OUT/NNNN.eml, with its
envelope recipients in OUT/NNNN.rcpt.

Arguments: PORT CERT KEY USER OUT [--reject ADDRESS] [--drop-after N]
The password is read from standard input, never from the command line.
--reject refuses ADDRESS for good (550); --drop-after ends the server
abruptly at the first MAIL after N messages, as a server that fails
half-way through a campaign."""
import argparse
import os
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

parser = argparse.ArgumentParser()
parser.add_argument("port", type=int)
parser.add_argument("cert")
parser.add_argument("key")
parser.add_argument("user")
parser.add_argument("out")
parser.add_argument("--reject", default=None)
parser.add_argument("--drop-after", type=int, default=-1)
args = parser.parse_args()
password = sys.stdin.readline().rstrip("\n").encode()


class Handler:
    def __init__(self):
        self.count = len([n for n in os.listdir(args.out) if n.endswith(".eml")])
        self.taken = 0

    async def handle_MAIL(self, server, session, envelope, address, options):
        if 0 <= args.drop_after <= self.taken:
            os._exit(0)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        if args.reject is not None and address == args.reject:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        self.taken += 1
        base = os.path.join(args.out, f"{self.count:04d}")
        with open(base + ".eml.part", "wb") as f:
            f.write(envelope.original_content)
        with open(base + ".rcpt", "w", encoding="utf-8") as f:
            f.write("\n".join(envelope.rcpt_tos))
        os.rename(base + ".eml.part", base + ".eml")
        return "250 Message accepted for delivery"


def authenticate(server, session, envelope, mechanism, auth_data):
    if isinstance(auth_data, LoginPassword) and auth_data.login == args.user.encode() \
            and auth_data.password == password:
        return AuthResult(success=True)
    return AuthResult(success=False, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(args.cert, args.key)
controller = Controller(Handler(), hostname="127.0.0.1", port=args.port,
                        tls_context=context, require_starttls=True,
                        authenticator=authenticate, auth_required=True,
                        auth_require_tls=True)
controller.start()
print("ready", flush=True)
parent = os.getppid()
try:
    # A test that dies leaves no server behind.
    while os.getppid() == parent:
        time.sleep(0.2)
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
