# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Where a webhook may be sent. Whoever may add a webhook chooses its URL, and
the server POSTs to it: without a check, a URL could make the server reach
its own network (a database's admin page, a cloud's metadata address), which
nobody outside could. So an address inside the network (loopback, private,
link-local, reserved) is refused unless the consultant allows its host or
network by name."""

import ipaddress
import socket
from typing import NamedTuple
from urllib.parse import urlsplit


class Allowed(NamedTuple):
    """The hosts and networks inside the company's network that webhooks may
    reach, as the consultant lists them."""

    names: frozenset
    networks: tuple


def parse_allowed(text):
    """`text`: host names ("erp.local", "*.intranet.es"), addresses and
    networks ("10.0.0.0/8"), separated by commas, spaces or lines."""
    names, networks = set(), []
    for entry in (text or "").replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            names.add(entry.lower().rstrip("."))
    return Allowed(frozenset(names), tuple(networks))


def is_internal(address):
    """Whether an address is not of the public internet."""
    return not address.is_global or address.is_multicast


def _name_allowed(host, names):
    return host in names or any(
        name.startswith("*.") and host.endswith(name[1:]) for name in names
    )


def _resolve(host, port):
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return None
    return {ipaddress.ip_address(info[4][0].split("%")[0]) for info in found}


def refused_address(url, allowed, resolve=_resolve):
    """The internal address `url` reaches and the consultant did not allow,
    else None. A host that does not resolve is not refused here: nothing can
    be sent to it (the delivery fails and is retried)."""
    parts = urlsplit(url or "")
    host = (parts.hostname or "").lower().rstrip(".")
    if not host or _name_allowed(host, allowed.names):
        return None
    try:
        addresses = {ipaddress.ip_address(host)}
    except ValueError:
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return None
        addresses = resolve(host, port) or set()
    for address in sorted(addresses, key=str):
        if is_internal(address) and not any(
            address in network for network in allowed.networks
        ):
            return address
    return None
