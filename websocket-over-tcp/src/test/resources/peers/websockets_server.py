"""Interop peer: Python websockets (10.4) as a SERVER for the client under test.

Echoes every message; a text "close:CODE:REASON" makes it close with that code. Speaks
subprotocol "chat" when offered. Prints "PORT n" when ready, "CLOSED code reason" per connection.
"""
import asyncio

import websockets


async def handler(ws, path=None):
    print('EXTENSIONS %s' % ','.join(e.name for e in ws.extensions), flush=True)
    try:
        async for message in ws:
            if isinstance(message, str) and message.startswith('close:'):
                _, code, reason = message.split(':', 2)
                await ws.close(int(code), reason)
                return
            await ws.send(message)
    except websockets.exceptions.ConnectionClosed:
        pass
    finally:
        print('CLOSED %s %s' % (ws.close_code, ws.close_reason), flush=True)


async def main():
    async with websockets.serve(handler, '127.0.0.1', 0, subprotocols=['chat'], max_size=4 * 2 ** 20) as server:
        print('PORT %d' % server.sockets[0].getsockname()[1], flush=True)
        await asyncio.Future()


if __name__ == '__main__':
    asyncio.run(main())
