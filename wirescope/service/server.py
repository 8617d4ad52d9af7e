"""`wirescope serve`: the API and the page on uvicorn, over one store."""

from __future__ import annotations

import ipaddress
import os

from rich.console import Console

from wirescope.service.security import LOOPBACK_HOSTS
from wirescope.settings import Settings

TOKEN_VARIABLE = "WIRESCOPE_TOKEN"


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    url: str | None, host: str | None, port: int | None, console: Console, settings: Settings
) -> int:
    """Run the service until interrupted; the exit status (1 when the store cannot open)."""
    import uvicorn

    from wirescope.service.app import create_app, warm_up
    from wirescope.store import Store, default_url

    host = host or settings.service.host
    port = port or settings.service.port
    if not is_loopback(host):
        console.print(f"warning: listening on {host}: other machines can read the store")
    token = os.environ.get(TOKEN_VARIABLE) or None
    if token is None:
        console.print(f"POST /api/reports is disabled: set {TOKEN_VARIABLE} to enable it")
    database = url or default_url()
    try:
        store = Store(database, settings=settings)
    except Exception as error:  # any driver's error: one line naming the database, no traceback
        console.print(f"error {database}: cannot open the store ({error})")
        return 1
    if token is not None:  # the model is loaded before the first request, not by several
        warm_up(settings)
    # On a loopback address only this machine's names are answered (no DNS rebinding); a
    # server told to listen elsewhere answers whatever name its users reach it by.
    allowed = LOOPBACK_HOSTS if is_loopback(host) else None
    try:
        config = uvicorn.Config(
            create_app(store, token, allowed, settings),
            host=host,
            port=port,
            server_header=False,
            log_level="info",
        )
        server = uvicorn.Server(config)
        server.run()
        return 0 if server.started else 1
    finally:
        store.close()
