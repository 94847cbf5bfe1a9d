"""A protocol-level Streamlit reader: what the browser does over the websocket, without a browser.

The browser's client (streamlit frontend, `connection/WebsocketConnection.tsx`) opens
`/_stcore/stream` with the subprotocol list ["streamlit", xsrf token, session id to resume],
then sends a `BackMsg.rerun_script` carrying a `ClientState` (query string, page url path).
The server answers with ForwardMsgs: `new_session`, the page's deltas, and `script_finished`.
One page view is the time from that BackMsg to `script_finished` — the server's share of what a
person waits for (the browser's drawing comes on top).  Used by bench/bench_load.py and
tests/test_deploy.py.
"""

from __future__ import annotations

import asyncio
import http.client
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROUTE_COOKIE = "ipbench_route"  # names the reader's process (p1, p2, …): deploy/nginx/ipbench.conf.in
_FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "finished",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
}


@dataclass
class PageView:
    page: str                      # the url path sent ("" = the default page)
    seconds: float                 # BackMsg sent → script_finished received
    status: str                    # "finished" or "compile_error"
    session_id: str                # the server's session (the same while the websocket lives)
    elements: int = 0              # elements the page drew
    exceptions: list[str] = field(default_factory=list)  # st.exception elements: a page that crashed
    texts: list[str] = field(default_factory=list)       # markdown/caption bodies, for tests to read


def route_cookie(base_url: str, timeout: float = 30) -> str | None:
    """GET / like a browser's first visit; return the route cookie the proxy set (None without a proxy)."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", "/")
        response = connection.getresponse()
        response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie" and value.startswith(ROUTE_COOKIE + "="):
                return value.split(";", 1)[0].split("=", 1)[1]
        return None
    finally:
        connection.close()


class Session:
    """One reader's websocket.  `async with Session(url, cookie) as s: await s.view("compare")`."""

    def __init__(self, base_url: str, cookie: str | None = None, timeout: float = 120,
                 resume_session_id: str = ""):
        self.url = base_url.replace("http://", "ws://", 1).rstrip("/") + "/_stcore/stream"
        self.headers = {"Cookie": f"{ROUTE_COOKIE}={cookie}"} if cookie else {}
        self.timeout = timeout
        # The browser's third subprotocol entry asks the server to resume this session after a
        # reconnect; the second is its XSRF token, which only matters for login cookies (none here),
        # and cannot be left empty in a websocket header, hence a placeholder.
        self.subprotocols = ["streamlit", "no-xsrf", resume_session_id] if resume_session_id else ["streamlit"]
        self._socket = None

    async def __aenter__(self) -> Session:
        self._socket = await websockets.connect(
            self.url, subprotocols=self.subprotocols, additional_headers=self.headers,
            max_size=None, open_timeout=self.timeout, ping_interval=None,
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self._socket.close()

    async def view(self, page: str = "", query_string: str = "") -> PageView:
        """Ask for one page like a browser navigating to it; wait until its script finished."""
        message = BackMsg()
        message.rerun_script.query_string = query_string
        message.rerun_script.page_name = page
        started = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        return await asyncio.wait_for(self._until_finished(page, started), self.timeout)

    async def _until_finished(self, page: str, started: float) -> PageView:
        result = PageView(page=page, seconds=0.0, status="", session_id="")
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await self._socket.recv())
            kind = reply.WhichOneof("type")
            if kind == "new_session":
                result.session_id = reply.new_session.initialize.session_id
            elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                result.elements += 1
                element = reply.delta.new_element
                if element.WhichOneof("type") == "exception":
                    result.exceptions.append(f"{element.exception.type}: {element.exception.message}")
                elif element.WhichOneof("type") == "markdown":
                    result.texts.append(element.markdown.body)
            elif kind == "script_finished" and reply.script_finished in _FINISHED:
                # FINISHED_EARLY_FOR_RERUN (the page called st.rerun) is not the end of the view
                result.seconds = time.perf_counter() - started
                result.status = _FINISHED[reply.script_finished]
                return result


def view_once(base_url: str, page: str = "", cookie: str | None = None, query_string: str = "",
              timeout: float = 120) -> PageView:
    """One page view on a fresh websocket (blocking; for tests and scripts)."""
    async def run() -> PageView:
        async with Session(base_url, cookie, timeout) as session:
            return await session.view(page, query_string)
    return run_blocking(run())


def run_blocking(coroutine):
    """asyncio.run, also where this thread already runs an event loop (pytest after Playwright's
    sync API has started one): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
