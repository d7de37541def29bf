"""A loopback SMTP sink for the delivery benchmark: accepts everything, appends '<unix time> <Message-ID>' per message to a file.
usage: python3 smtp-sink.py <port> <message-id-file>   (Python 3.11's smtpd; deprecated but in the standard library)"""
import asyncore
import email
import sys
import time
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)
import smtpd  # noqa: E402


class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        message = email.message_from_bytes(data)
        with open(sys.argv[2], "a", encoding="ascii") as out:
            out.write(f"{time.time():.6f} {message['Message-ID']}\n")


Sink(("127.0.0.1", int(sys.argv[1])), None, decode_data=False)
asyncore.loop()
