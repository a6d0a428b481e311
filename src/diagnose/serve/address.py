"""Where `diagnose serve` may listen, checked before anything starts: one clear line, not a traceback.

The questionnaire has no login, so it listens on loopback unless told ``--public``. A host name is
checked for its form before it is resolved, so a typo never becomes a DNS query.
"""
from __future__ import annotations

import errno
import ipaddress
import re
import socket

from ..inputs.loading import InputError, os_params

_HOST_NAME = re.compile(r"(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?")
WHERE = "diagnose serve"


def _literal(host: str):
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def resolve(host: str, port: int) -> list[tuple]:
    """The socket addresses host:port stands for; InputError if it is malformed or unknown."""
    if not 1 <= port <= 65535:
        raise InputError(WHERE, "--port", "not_a_port", port=port)
    if _literal(host) is None and not _HOST_NAME.fullmatch(host):
        raise InputError(WHERE, "--host", "not_a_host", host=repr(host))
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise InputError(WHERE, "--host", "cannot_resolve", host=repr(host), detail=exc.strerror) from None
    return [(family, address) for family, _, _, _, address in infos]


def is_loopback(addresses: list[tuple]) -> bool:
    return all(ipaddress.ip_address(address[0].split("%")[0]).is_loopback for _, address in addresses)


def check_free(addresses: list[tuple], host: str, port: int) -> None:
    """Bind each address once, as the server will, to report a taken port before starting."""
    for family, address in addresses:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as aiohttp does
            try:
                probe.bind(address)
            except OSError as exc:
                code = {errno.EADDRINUSE: "port_in_use", errno.EADDRNOTAVAIL: "not_this_machine",
                        errno.EACCES: "port_needs_privileges"}.get(exc.errno, "cannot_listen")
                raise InputError(WHERE, "--port" if exc.errno in (errno.EADDRINUSE, errno.EACCES) else "--host", code,
                                 port=port, address=address[0], host=host, **os_params(exc)) from None


def url(host: str, port: int) -> str:
    """The address to print (an IPv6 literal in brackets)."""
    host = host.strip("[]")
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"
