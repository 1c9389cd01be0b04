# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The signature of a webhook delivery, as its receiver checks it:
HMAC-SHA256, with the subscription's secret, over "<timestamp>.<body>"; the
receiver refuses a delivery whose timestamp is too old (a replay)."""

import hashlib
import hmac

HEADER = "X-CRM-Digital-Signature"
TOLERANCE = 300  # seconds a receiver should accept


def sign(secret, timestamp, body):
    """The header's value: "t=<timestamp>,v1=<hex digest>"."""
    message = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def verify(secret, header, body, now, tolerance=TOLERANCE):
    """Whether `header` signs `body` with `secret`, at most `tolerance`
    seconds before `now`."""
    try:
        parts = dict(part.split("=", 1) for part in header.split(","))
        timestamp = int(parts["t"])
    except (ValueError, KeyError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), header)
