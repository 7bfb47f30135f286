"""Which addresses Webmentions may go to: none on this machine or the private network.

A post can link anywhere, and a target's page names its own endpoint, so without this a
sender could be made to POST into the network it runs in (the Webmention
Recommendation's security considerations). The check runs on each address as the
socket is opened, after DNS and on every redirect hop, so neither a name that
resolves to 127.0.0.1 nor a redirect to 10.0.0.1 slips past it.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
from urllib.parse import urlsplit

REFUSED = "is a loopback or private address; Webmentions go only to public ones"


def is_public(address: str) -> bool:
    """True for an IP address on the public internet (IPv4-mapped IPv6 judged as IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def refusal(url: str) -> str | None:
    """Why `url` is refused before any request (its host is local by name or by number),
    or None; a name that resolves to a private address is refused by `public_socket`."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return f"{host} {REFUSED}"
    try:
        return None if is_public(host) else f"{host} {REFUSED}"
    except ValueError:  # a name, not an address
        return None


def public_socket(addr_info: tuple) -> socket.socket:
    """A socket for `addr_info`, or OSError when its address is not public."""
    family, kind, protocol, _, address = addr_info
    if not is_public(address[0]):
        raise OSError(errno.EACCES, f"{address[0]} {REFUSED}")
    return socket.socket(family=family, type=kind, proto=protocol)
