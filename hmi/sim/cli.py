"""`lineside sim`: the line twin, headless, on the ports of the config (or the ones given).

    lineside sim [--config FILE] [--host H] [--opcua-port P] [--modbus-port P] [--lines N]
                 [--fault NAME[:TARGET]@SECONDS[+DURATION] ...] [--tick-ms N] [--seed N]

Prints one line per endpoint, runs until Ctrl-C or SIGTERM, then exits 0. A bad config
prints its problems and exits 2; a port already in use exits 1 with one line saying so.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import logging
import signal
import socket
import sys
from pathlib import Path
from urllib.parse import urlparse

from hmi.config.loader import DEMO_LINE, ConfigError, load_line_config
from hmi.config.schema import LineConfig, ModbusConnection, OpcUaConnection
from hmi.sim.faults import FaultError, parse_fault
from hmi.sim.twin import LineTwin

DEFAULT_OPCUA_PORT = 4840
DEFAULT_MODBUS_PORT = 502


def add_sim_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "sim", help="run the line twin (OPC UA + Modbus TCP servers) headless",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--config", type=Path, default=DEMO_LINE, help="line config (TOML)")
    parser.add_argument("--host", default=None, help="address to listen on (default: config's)")
    parser.add_argument("--opcua-port", type=int, default=None, help="default: config's")
    parser.add_argument("--modbus-port", type=int, default=None, help="default: config's")
    parser.add_argument("--lines", type=int, default=1, help="serve N copies of the line")
    parser.add_argument(
        "--fault", action="append", default=[], metavar="NAME[:TARGET]@S[+DUR]",
        help="schedule a fault, e.g. web_break@30+60 or sensor_failure:coater.web_tension_n@10",
    )
    parser.add_argument("--tick-ms", type=int, default=100, help="simulation tick (ms)")
    parser.add_argument("--seed", type=int, default=0, help="noise seed")
    parser.set_defaults(run=run_sim)  # the `lineside` convention: args.run(args) -> exit code


def _config_ports(config: LineConfig) -> tuple[str, int, int]:
    host, opcua_port, modbus_port = "127.0.0.1", DEFAULT_OPCUA_PORT, DEFAULT_MODBUS_PORT
    opcua = [c for c in config.connections if isinstance(c, OpcUaConnection)]
    modbus = [c for c in config.connections if isinstance(c, ModbusConnection)]
    if opcua:
        url = urlparse(opcua[0].endpoint)
        host = url.hostname or host
        opcua_port = url.port or opcua_port
    if modbus:
        modbus_port = modbus[0].port
        host = host if opcua else modbus[0].host
    return host, opcua_port, modbus_port


def _port_in_use(host: str, port: int) -> str | None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


def run_sim(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if logging.getLogger().getEffectiveLevel() >= logging.WARNING:
        # asyncua warns on every start that security is None; for the twin that is the plan.
        logging.getLogger("asyncua").setLevel(logging.ERROR)
    try:
        config = load_line_config(args.config)
    except ConfigError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    try:
        faults = [parse_fault(text) for text in args.fault]
    except FaultError as exc:
        print(f"lineside sim: {exc}", file=sys.stderr)
        return 2
    if args.lines < 1 or args.tick_ms < 1:
        print("lineside sim: --lines and --tick-ms must be at least 1", file=sys.stderr)
        return 2
    host, opcua_port, modbus_port = _config_ports(config)
    host = args.host or host
    opcua_port = args.opcua_port if args.opcua_port is not None else opcua_port
    modbus_port = args.modbus_port if args.modbus_port is not None else modbus_port
    twin = LineTwin(
        config, host=host, opcua_port=opcua_port, modbus_port=modbus_port, lines=args.lines,
        tick_s=args.tick_ms / 1000.0, seed=args.seed, faults=faults,
    )
    wanted = [("OPC UA", opcua_port, twin.serves_opcua), ("Modbus", modbus_port,
                                                          twin.serves_modbus)]
    for label, port, used in wanted:
        problem = _port_in_use(host, port) if used and port else None
        if problem is not None:
            print(f"lineside sim: {label} port {port} on {host} is not free ({problem}); "
                  f"pass --{label.lower().replace(' ', '')}-port", file=sys.stderr)
            return 1
    try:
        asyncio.run(_serve(twin))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            print(f"lineside sim: a port is in use on {host}: {exc}", file=sys.stderr)
            return 1
        raise
    return 0


async def _serve(twin: LineTwin) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with twin:
            if twin.serves_opcua:
                print(f"OPC UA  {twin.opcua_endpoint}", flush=True)
            if twin.serves_modbus:
                units = ", ".join(str(u) for u in twin.modbus_units)
                print(f"Modbus  {twin.host}:{twin.modbus_port} (units {units})", flush=True)
            await stop.wait()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lineside")
    add_sim_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["sim", *(sys.argv[1:] if argv is None else argv)])
    return run_sim(args)


if __name__ == "__main__":
    sys.exit(main())
