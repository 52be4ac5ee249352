#!/usr/bin/env python3
"""A real SMTP server for lakse's mail tests (aiosmtpd, 127.0.0.1 only).

    python3 tests/smtp_sink.py --port 2525 --dir /tmp/received

Every message it accepts becomes two files in --dir, written aside and renamed
so a reader never sees half a file:

- ``<n>.eml``: the message as received, preceded by ``X-Envelope-From`` and
  ``X-Envelope-To`` headers;
- ``<n>.json``: the envelope and the decoded message (``message_id``,
  ``subject``, ``from``, ``to``, ``text``, ``html``, and ``attachments`` with
  ``filename``, ``content_type`` and ``data_base64``), so the Rust tests need
  no MIME parser.

A recipient whose address starts with ``ditolak`` is refused for good
(``550 5.1.1 <address>: Recipient address rejected``), as a real server
refuses an unknown mailbox, naming it.

It runs until killed.
"""

import argparse
import base64
import itertools
import json
import os
import signal
import threading
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    def write(self, name, data):
        tmp = os.path.join(self.folder, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(self.folder, name))

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("ditolak"):
            return "550 5.1.1 <%s>: Recipient address rejected" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        message = BytesParser(policy=policy.default).parsebytes(raw)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        decoded = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "message_id": str(message.get("Message-ID", "")),
            "subject": str(message.get("Subject", "")),
            "from": str(message.get("From", "")),
            "to": str(message.get("To", "")),
            "text": text.get_content() if text is not None else "",
            "html": html.get_content() if html is not None else "",
            "attachments": [
                {
                    "filename": part.get_filename(),
                    "content_type": part.get_content_type(),
                    "data_base64": base64.b64encode(
                        part.get_payload(decode=True) or b""
                    ).decode("ascii"),
                }
                for part in message.iter_attachments()
            ],
        }
        with self.lock:
            n = next(self.counter)
        name = "%d-%06d" % (os.getpid(), n)
        header = "X-Envelope-From: %s\r\nX-Envelope-To: %s\r\n" % (
            envelope.mail_from,
            ", ".join(envelope.rcpt_tos),
        )
        self.write(name + ".eml", header.encode("utf-8") + raw)
        # The JSON last: a reader that sees it finds the .eml too.
        self.write(name + ".json", json.dumps(decoded).encode("utf-8"))
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=args.port)
    controller.start()
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
