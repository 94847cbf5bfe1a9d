"""Serve the dashboard with several Streamlit processes behind nginx, over one read-only warehouse.

    python -m deploy.serve --processes 3 [--port 8080] [--host 127.0.0.1] [--db PATH]
    python -m deploy.serve --processes 3 --print-nginx-conf   # the site file for /etc/nginx/conf.d

Starts N `streamlit run app.py` on loopback ports with IPBENCH_READ_ONLY=1 (no saving of uploads
or corrections), waits until each answers /_stcore/health, renders deploy/nginx/*.conf.in into a
run folder, checks it with `nginx -t`, starts nginx in the foreground and waits until the app
answers through it.  Ctrl-C or SIGTERM stops nginx and every process.  A Streamlit process that
exits is started again (its readers are served by the others meanwhile); if nginx exits, or the
processes keep dying, the launcher stops everything and exits 1 for a supervisor (systemd) to see.

Why several processes: one Streamlit process runs every session's script in one Python
interpreter (one core at a time), so on a host with C cores about C processes serve C times the
readers.  The warehouse is never written here; rebuild it elsewhere with `python -m etl build`,
which swaps the file in atomically, and every process re-attaches it on its next query
(dashboard/db.py keys its connection on the file's mtime).
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "nginx"
DEFAULT_PROXY_PORT = 8080
DEFAULT_FIRST_BACKEND_PORT = 8511
START_TIMEOUT_S = 120
STOP_TIMEOUT_S = 10
MAX_RESTARTS, RESTART_WINDOW_S = 5, 300  # more restarts than this in the window: give up, exit 1


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def find_nginx() -> str | None:
    """nginx on PATH, or Debian's /usr/sbin/nginx (not on a normal user's PATH)."""
    return shutil.which("nginx") or (shutil.which("nginx", path="/usr/sbin:/usr/local/sbin") or None)


def route_name(index: int) -> str:
    """The cookie value that pins a reader to the index-th process (p1, p2, …)."""
    return f"p{index + 1}"


def render_site(listen: str, backend_ports: list[int], access_log: str) -> str:
    """The http-context site file: least-connections for first visits, one pinned group per process."""
    addresses = [f"127.0.0.1:{port}" for port in backend_ports]
    pinned = []
    for index, address in enumerate(addresses):
        others = "".join(f"    server {other} backup;\n" for other in addresses if other != address)
        pinned.append(f"upstream ipbench_{route_name(index)} {{\n"
                      f"    server {address} max_fails=1 fail_timeout=5s;\n{others}    keepalive 8;\n}}\n")
    fill = {
        "@@ROUTE_UPSTREAMS@@": "\n".join(f"    {route_name(i)} ipbench_{route_name(i)};" for i in range(len(addresses))),
        "@@SERVED_BY@@": "\n".join(f'    "{a}" {route_name(i)};' for i, a in enumerate(addresses)),
        "@@NEW_SERVERS@@": "\n".join(f"    server {a} max_fails=1 fail_timeout=5s;" for a in addresses),
        "@@PINNED_UPSTREAMS@@": "\n".join(pinned).rstrip("\n"),
        "@@LISTEN@@": listen,
        "@@ACCESS_LOG@@": access_log,
    }
    text = (TEMPLATES / "ipbench.conf.in").read_text(encoding="utf-8")
    for placeholder, value in fill.items():
        text = text.replace(placeholder, value)
    return text


def write_nginx_conf(run_dir: Path, listen: str, backend_ports: list[int]) -> Path:
    """Render both templates into run_dir; return the main config's path."""
    for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / "tmp" / temp).mkdir(parents=True, exist_ok=True)
    site = render_site(listen, backend_ports, str(run_dir / "nginx-access.log"))
    (run_dir / "ipbench.conf").write_text(site, encoding="utf-8")
    main = (TEMPLATES / "standalone.conf.in").read_text(encoding="utf-8").replace("@@RUN_DIR@@", str(run_dir))
    conf = run_dir / "nginx.conf"
    conf.write_text(main, encoding="utf-8")
    return conf


def check_nginx_conf(nginx: str, conf: Path) -> subprocess.CompletedProcess:
    """`nginx -t` on the rendered config (prefix = its folder, so nothing under /etc is read)."""
    return subprocess.run([nginx, "-t", "-p", str(conf.parent), "-c", str(conf)],
                          capture_output=True, text=True, check=False)


def healthy(base_url: str, cookie: str | None = None) -> bool:
    request = urllib.request.Request(f"{base_url}/_stcore/health")
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except OSError:
        return False


def _stop(process: subprocess.Popen, first_signal: int = signal.SIGTERM) -> None:
    """Stop a process and its group (Streamlit may have started an upload worker)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, first_signal)
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_TIMEOUT_S)
    except ProcessLookupError:
        pass


class Deployment:
    """N read-only Streamlit processes + nginx; a context manager (tests, benchmarks) or `serve()`."""

    def __init__(self, processes: int, db: Path, port: int = 0, host: str = "127.0.0.1",
                 backend_ports: list[int] | None = None, run_dir: Path | None = None,
                 nginx: str | None = None, proxy: bool = True):
        self.db = Path(db).resolve()
        self.host = host
        self.port = port or free_port(host if host != "0.0.0.0" else "127.0.0.1")
        self.backend_ports = backend_ports or [free_port() for _ in range(processes)]
        self.run_dir = Path(run_dir or tempfile.mkdtemp(prefix="ipbench-serve-")).resolve()
        self.nginx = nginx or find_nginx()
        self.proxy = proxy                # False: the processes only (the one-process benchmark)
        self.backends: list[subprocess.Popen] = []
        self.nginx_process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """Where a reader goes: the proxy, or the first process when there is no proxy."""
        if not self.proxy:
            return self.backend_urls[0]
        return f"http://{'127.0.0.1' if self.host == '0.0.0.0' else self.host}:{self.port}"

    @property
    def backend_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{port}" for port in self.backend_ports]

    def __enter__(self) -> Deployment:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        if not self.db.is_file():
            raise SystemExit(f"no warehouse at {self.db}: build it once first (python -m etl build --db {self.db})")
        if self.proxy and not self.nginx:
            raise SystemExit("nginx not found: install it (Debian: apt-get install nginx)")
        self.run_dir.chmod(0o755)  # nginx workers run as `nobody` when started by root
        env = self._backend_env()
        for port in self.backend_ports:
            self.backends.append(self._start_backend(port, env))
        self._write_pids()
        for url, process in zip(self.backend_urls, self.backends):
            self._wait(url, process, f"streamlit on {url}")
        if self.proxy:
            self._start_nginx()

    def _backend_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["IPBENCH_DB"] = str(self.db)
        env["IPBENCH_READ_ONLY"] = "1"
        # One secret for all processes (Streamlit picks a random one per process otherwise): the
        # cookies it signs stay valid when a reader is moved to another process after its own died.
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        return env

    def _start_backend(self, port: int, env: dict[str, str]) -> subprocess.Popen:
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.address", "127.0.0.1", "--server.port", str(port),
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",  # nothing edits the code on a server; watching costs CPU
        ]
        log = open(self.run_dir / f"streamlit-{port}.log", "w", encoding="utf-8")  # noqa: SIM115 - the child keeps it
        with log:
            return subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)

    def _start_nginx(self) -> None:
        listen = f"{self.host}:{self.port}"
        conf = write_nginx_conf(self.run_dir, listen, self.backend_ports)
        check = check_nginx_conf(self.nginx, conf)
        if check.returncode != 0:
            raise SystemExit(f"nginx -t failed for {conf}:\n{check.stderr}")
        log = open(self.run_dir / "nginx-stderr.log", "w", encoding="utf-8")  # noqa: SIM115
        with log:
            self.nginx_process = subprocess.Popen(
                [self.nginx, "-p", str(self.run_dir), "-c", str(conf), "-g", "daemon off;"],
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        self._wait(self.url, self.nginx_process, f"nginx on {self.url}")

    def _wait(self, url: str, process: subprocess.Popen, what: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not healthy(url):
            if process.poll() is not None:
                raise SystemExit(f"{what} exited with code {process.returncode}; logs in {self.run_dir}")
            if time.monotonic() > deadline:
                raise SystemExit(f"{what} not healthy after {START_TIMEOUT_S} s; logs in {self.run_dir}")
            time.sleep(0.3)

    def dead(self) -> list[str]:
        """What has exited on its own (empty while everything runs)."""
        named = [(f"streamlit :{port}", p) for port, p in zip(self.backend_ports, self.backends)]
        if self.nginx_process is not None:
            named.append(("nginx", self.nginx_process))
        return [f"{name} (exit {p.returncode})" for name, p in named if p.poll() is not None]

    def restart_dead_backends(self) -> list[int]:
        """Start again every Streamlit process that exited; return their ports.  Meanwhile nginx
        sends their readers to the others (each process's group lists them as backup)."""
        restarted = []
        env = self._backend_env()
        for index, (port, process) in enumerate(zip(self.backend_ports, self.backends)):
            if process.poll() is not None:
                self.backends[index] = self._start_backend(port, env)
                restarted.append(port)
        if restarted:
            self._write_pids()
        return restarted

    def _write_pids(self) -> None:
        """run_dir/processes.txt: `port pid` per Streamlit process, for an operator (and the tests)."""
        lines = [f"{port} {process.pid}\n" for port, process in zip(self.backend_ports, self.backends)]
        (self.run_dir / "processes.txt").write_text("".join(lines), encoding="utf-8")

    def stop(self) -> None:
        # nginx first, so no reader is sent to a process that is going away; SIGTERM is nginx's
        # fast shutdown (a graceful SIGQUIT would wait for every open websocket, i.e. every tab).
        if self.nginx_process is not None:
            _stop(self.nginx_process)
        for process in self.backends:
            _stop(process)


def serve(deployment: Deployment) -> int:
    """Run until SIGINT/SIGTERM (exit 0).  A Streamlit process that exits is started again, unless
    it keeps dying (exit 1: something is wrong that a restart does not fix); nginx exiting ends all."""
    stopping = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stopping.append(True))
    restarts: list[float] = []
    with deployment:
        print(f"serving {deployment.url} with {len(deployment.backends)} read-only processes "
              f"({', '.join(deployment.backend_urls)}); logs in {deployment.run_dir}", flush=True)
        while not stopping:
            dead = deployment.dead()
            if any(name.startswith("nginx") for name in dead):
                print(f"stopping: {', '.join(dead)} exited", file=sys.stderr, flush=True)
                return 1
            if dead:
                restarts = [t for t in restarts if t > time.monotonic() - RESTART_WINDOW_S] + [time.monotonic()] * len(dead)
                if len(restarts) > MAX_RESTARTS:
                    print(f"stopping: {', '.join(dead)} exited, {len(restarts)} restarts in "
                          f"{RESTART_WINDOW_S} s", file=sys.stderr, flush=True)
                    return 1
                ports = deployment.restart_dead_backends()
                print(f"restarted the process on port(s) {ports} ({', '.join(dead)})", file=sys.stderr, flush=True)
            time.sleep(1)
    print("stopped", flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    from etl.base.paths import DEFAULT_DB

    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2,
                        help="Streamlit processes (default: one per core)")
    parser.add_argument("--host", default="127.0.0.1", help="address nginx listens on (0.0.0.0 for the network)")
    parser.add_argument("--port", type=int, default=DEFAULT_PROXY_PORT, help="port nginx listens on")
    parser.add_argument("--first-backend-port", type=int, default=DEFAULT_FIRST_BACKEND_PORT,
                        help="loopback ports of the processes: this one and the next ones (0: any free ports)")
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("IPBENCH_DB") or DEFAULT_DB),
                        help="the warehouse to serve (built beforehand; never written)")
    parser.add_argument("--run-dir", type=Path, help="nginx config, pid and logs (default: a new temp folder)")
    parser.add_argument("--print-nginx-conf", action="store_true",
                        help="print the site file for /etc/nginx/conf.d/ and exit")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    if args.first_backend_port == 0:  # any free ports (tests)
        ports = [free_port() for _ in range(args.processes)]
    else:
        ports = [args.first_backend_port + i for i in range(args.processes)]
    if args.print_nginx_conf:
        print(render_site(f"{args.host}:{args.port}", ports, "/var/log/nginx/ipbench-access.log"), end="")
        return 0
    return serve(Deployment(args.processes, args.db, port=args.port, host=args.host,
                            backend_ports=ports, run_dir=args.run_dir))


if __name__ == "__main__":
    sys.exit(main())
