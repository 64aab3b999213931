# Python `websockets` echo server used as an independent peer by WireTapInteropTest.
# Binds 127.0.0.1 on a free port and prints "listening on PORT" once ready.
import asyncio
import websockets


async def echo(websocket, path=None):
    async for message in websocket:
        await websocket.send(message)


async def main():
    async with websockets.serve(echo, "127.0.0.1", 0) as server:
        print("listening on", server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()


asyncio.run(main())
