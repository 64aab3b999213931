"""Interop peer: Python websockets (10.4) as a CLIENT of the server under test.

usage: python3 websockets_client.py URL [--mode scenario|refused] [--origin O] [--ca cert.pem]
Prints "OPEN protocol=..", one "PASS name" / "FAIL name detail" per case, then "DONE".
"""
import asyncio
import ssl
import sys

import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatusCode

SIZES = [0, 125, 126, 65535, 65536, 1048576]


def text(n):
    return ('abcdefghijklmnopqrstuvwxyz' * (n // 26 + 1))[:n]


def binary(n):
    return bytes(i % 251 for i in range(n))


def check(name, ok, detail=''):
    print(('PASS ' if ok else 'FAIL ') + name + ('' if ok else ' ' + detail), flush=True)


def option(name):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None


async def scenario(url, ctx):
    async with websockets.connect(url, subprotocols=['chat', 'other'], max_size=4 * 2 ** 20, ssl=ctx) as ws:
        print('OPEN protocol=%s' % ws.subprotocol, flush=True)
        print('EXTENSIONS %s' % ','.join(e.name for e in ws.extensions), flush=True)
        for n in SIZES:
            await ws.send(text(n))
            r = await ws.recv()
            check('text-%d' % n, r == text(n), 'got %d chars' % len(r))
            await ws.send(binary(n))
            r = await ws.recv()
            check('binary-%d' % n, r == binary(n), 'got %d bytes' % len(r))
        await ws.send(['frag-', 'ment-', 'ed'])  # an iterable is sent as fragments
        r = await ws.recv()
        check('fragmented', r == 'frag-ment-ed', 'got %r' % r)
        waiter = await ws.ping(b'heartbeat')
        await asyncio.wait_for(waiter, 5)
        check('ping-pong', True)
        await ws.close(4001, 'client-bye')
        check('client-close-4001', ws.close_code == 4001, 'got %s' % ws.close_code)
    async with websockets.connect(url, ssl=ctx) as ws:
        await ws.send('close:4002:server-bye')
        try:
            await ws.recv()
            check('server-close-4002', False, 'no close')
        except ConnectionClosed as e:
            check('server-close-4002', e.code == 4002 and e.reason == 'server-bye', 'got %s %s' % (e.code, e.reason))
    print('DONE', flush=True)


async def refused(url, origin, ctx):
    try:
        async with websockets.connect(url, origin=origin, ssl=ctx):
            print('OPENED', flush=True)
    except InvalidStatusCode as e:
        print('REFUSED %d' % e.status_code, flush=True)


def main():
    url = sys.argv[1]
    ctx = ssl.create_default_context(cafile=option('--ca')) if url.startswith('wss:') else None
    if option('--mode') == 'refused':
        asyncio.run(refused(url, option('--origin'), ctx))
    else:
        try:
            asyncio.run(scenario(url, ctx))
        except Exception as e:  # report, do not hide: the Java test prints the transcript
            print('FAIL error %r' % e, flush=True)


if __name__ == '__main__':
    main()
