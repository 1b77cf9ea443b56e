"""A dedicated OPC UA load server for tests/bench/ingest.py, run as its own process.

N Double variables ns=2;s=load.vNNNN, every one changed RATE times a second with the
SOURCE timestamp set at the change, so a client can measure source -> arrival latency.
The changes are spread over each period in SLICES groups, like independent signals: all at
one instant would give every value the same phase against the publishing cycle.
Prints `READY` once listening; stops on SIGTERM or when stdin closes.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import sys
from datetime import UTC, datetime

from asyncua import Server, ua

SLICES = 10


def tag_ids(count: int) -> list[str]:
    return [f"load.v{i:04d}" for i in range(count)]


async def serve(port: int, count: int, rate_hz: float) -> None:
    logging.getLogger("asyncua").setLevel(logging.ERROR)
    server = Server()
    await server.init()
    server.set_endpoint(f"opc.tcp://127.0.0.1:{port}/load/")
    server.set_security_policy([ua.SecurityPolicyType.NoSecurity])
    idx = await server.register_namespace("urn:lineside:load")
    folder = await server.nodes.objects.add_folder(idx, "load")
    node_ids = []
    for name in tag_ids(count):
        node = await folder.add_variable(ua.NodeId(name, idx), name, 0.0, ua.VariantType.Double)
        node_ids.append(node.nodeid)
    async with server:
        # The address space is ~100k long-lived objects: keep them out of the collector's
        # full passes, whose pauses would otherwise show up as latency outliers.
        gc.collect()
        gc.freeze()
        print("READY", flush=True)
        loop = asyncio.get_running_loop()
        stdin_closed = loop.create_future()
        loop.add_reader(sys.stdin.fileno(), lambda: stdin_closed.done()
                        or stdin_closed.set_result(None))
        slice_s = 1.0 / rate_hz / SLICES
        slices = [node_ids[k::SLICES] for k in range(SLICES)]
        deadline = loop.time()
        tick = 0
        while not stdin_closed.done():
            tick += 1
            for group in slices:
                now = datetime.now(UTC)
                for i, node_id in enumerate(group):
                    value = ua.DataValue(ua.Variant(float(tick + i), ua.VariantType.Double),
                                         SourceTimestamp=now, ServerTimestamp=now)
                    await server.write_attribute_value(node_id, value)
                deadline += slice_s
                await asyncio.sleep(max(0.0, deadline - loop.time()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--tags", type=int, default=1000)
    parser.add_argument("--rate-hz", type=float, default=10.0)
    args = parser.parse_args()
    asyncio.run(serve(args.port, args.tags, args.rate_hz))


if __name__ == "__main__":
    main()
