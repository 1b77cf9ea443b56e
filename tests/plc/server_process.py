"""The OPC UA test server in a process of its own, so a test can freeze it (SIGSTOP): the
socket stays open and nothing answers, like a hung PLC. Prints READY once listening."""

from __future__ import annotations

import argparse
import asyncio
import sys

from asyncua import ua

from .servers import OpcUaTestServer, UaVar


async def serve(port: int) -> None:
    server = OpcUaTestServer(port, [UaVar("st.moving", 0.0, ua.VariantType.Double, moving=True),
                                    UaVar("st.steady", 5, ua.VariantType.Int32)])
    await server.start()
    print("READY", flush=True)
    loop = asyncio.get_running_loop()
    closed = loop.create_future()
    loop.add_reader(sys.stdin.fileno(), lambda: closed.done() or closed.set_result(None))
    await closed
    await server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    asyncio.run(serve(parser.parse_args().port))
