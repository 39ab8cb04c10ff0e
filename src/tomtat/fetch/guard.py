"""Which addresses a server may fetch from: the SSRF guard's pure parts.

`block_reason(ip)` says why an address is not a public internet address
(loopback, private, link-local, ...), or None when it is. It looks through
the IPv6 forms that carry an IPv4 address inside (IPv4-mapped ::ffff:a.b.c.d,
IPv4-compatible ::a.b.c.d, 6to4 2002::/16, Teredo 2001::/32, NAT64
64:ff9b::/96), so ``::ffff:127.0.0.1`` is loopback, not "some IPv6".

`parse_ip_literal(host)` reads IP literals in every form a C resolver accepts
(``2130706433``, ``0x7f.1``, ``0177.0.0.1``, ``127.1``, ``[::1]``): those
never need DNS, and reading them here means the check does not depend on the
platform's `inet_aton` quirks.

`checked_addresses(host, port)` resolves a host name once (`resolve`, a
module attribute so tests can replace it without any DNS traffic) and
refuses the host when ANY of its addresses is blocked: a name with one public
and one private address would otherwise let the connect step pick the
private one.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from ipaddress import IPv4Address, IPv6Address, IPv4Network, IPv6Network

IPAddress = IPv4Address | IPv6Address

_NAT64 = IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = IPv6Network("64:ff9b:1::/48")
_IPV4_COMPAT = IPv6Network("::/96")
_SHARED = IPv4Network("100.64.0.0/10")  # carrier-grade NAT: not global, not "private" in Python's sense
_NUMERIC_HOST = re.compile(r"^(0x[0-9a-f]*|[0-9]+)(\.(0x[0-9a-f]*|[0-9]+)){0,3}\.?$", re.IGNORECASE)


def _plain_reason(ip: IPAddress) -> str | None:
    """The checks both address families share, in order; None for a public unicast address."""
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local or (isinstance(ip, IPv6Address) and ip.is_site_local):
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if isinstance(ip, IPv4Address) and ip in _SHARED:
        return "shared (carrier-grade NAT)"
    if ip.is_reserved:
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "not globally routable"
    return None


def block_reason(ip: IPAddress) -> str | None:
    """Why `ip` is not a public unicast internet address, or None when it is."""
    if isinstance(ip, IPv6Address):
        if ip.scope_id:
            ip = IPv6Address(str(ip).split("%", 1)[0])
        embedded: list[IPv4Address] = []
        if ip.ipv4_mapped is not None:
            embedded.append(ip.ipv4_mapped)
        elif ip.sixtofour is not None:
            embedded.append(ip.sixtofour)
        elif ip.teredo is not None:
            embedded.extend(ip.teredo)
        elif ip in _NAT64:
            embedded.append(IPv4Address(int(ip) & 0xFFFFFFFF))
        elif ip in _IPV4_COMPAT and int(ip) > 1:
            return "IPv4-compatible (deprecated)"
        for inner in embedded:
            why = _plain_reason(inner)
            if why:
                return f"{why} (inside {ip})"
        if embedded:
            return None  # judged by the public IPv4 address it carries (Python 3.11 calls some of these ranges "reserved")
        if ip in _NAT64_LOCAL:
            return "private"
    return _plain_reason(ip)


def _ipv4_number(part: str) -> int:
    if part.lower().startswith("0x"):
        return int(part[2:] or "0", 16)
    if len(part) > 1 and part.startswith("0"):
        return int(part, 8)
    return int(part, 10)


def parse_ip_literal(host: str) -> IPAddress | None:
    """The address a host string denotes without DNS, in any form inet_aton/getaddrinfo accept; else None.

    Raises ValueError for a numeric-looking host that is no valid address
    (``256.1.1.1``, ``08.1.1.1``): resolvers disagree on those, so they are refused.
    """
    host = host.strip()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if not _NUMERIC_HOST.match(host):
        return None
    parts = host.rstrip(".").split(".")
    try:
        numbers = [_ipv4_number(p) for p in parts]
    except ValueError:
        raise ValueError(f"{host!r} looks like an IP address but is not a valid one") from None
    limits = {1: [2**32], 2: [256, 2**24], 3: [256, 256, 2**16], 4: [256, 256, 256, 256]}[len(numbers)]
    if any(n >= lim for n, lim in zip(numbers, limits)):
        raise ValueError(f"{host!r} looks like an IP address but is not a valid one")
    value = 0
    for n, lim in zip(numbers, limits):
        value = value * lim + n
    return IPv4Address(value)


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (the system resolver: /etc/hosts, then DNS)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        ip = ipaddress.ip_address(sockaddr[0])
        if ip not in seen:
            seen.append(ip)
    return seen


class BlockedAddress(Exception):
    """Raised inside the transport; the fetcher turns it into FetchBlockedAddressError."""

    def __init__(self, host: str, ip: IPAddress, why: str) -> None:
        super().__init__(f"{host} is a {why} address ({ip}); fetching it is not allowed on this server")
        self.host = host
        self.ip = ip
        self.why = why


def checked_addresses(host: str, port: int) -> list[IPAddress]:
    """Resolve `host` once and return its addresses, or raise BlockedAddress if any is non-public.

    An empty answer raises OSError like a failed lookup.
    """
    literal = parse_ip_literal(host)
    addresses = [literal] if literal is not None else resolve(host, port)
    if not addresses:
        raise OSError(f"{host} has no addresses")
    for ip in addresses:
        why = block_reason(ip)
        if why:
            raise BlockedAddress(host, ip, why)
    return addresses
