'use strict';
// Interop peer: Node's `ws` as a CLIENT of the server under test.
// usage: node ws_client.js URL [--mode scenario|refused] [--origin O] [--ca cert.pem]
//        [--deflate takeover|no-takeover]   (offer permessage-deflate, RFC 7692, threshold 0)
// Prints "OPEN protocol=..", one "PASS name" / "FAIL name detail" per case, then "DONE".
// With --deflate it also prints "EXTENSIONS ..." and checks that the server's 1 MiB text echo
// arrived compressed ("PASS deflate-on-the-wire": under a tenth of its size was read from TCP).
const fs = require('fs');
const WebSocket = require('ws');

const args = process.argv.slice(2);
const url = args[0];
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const options = { maxPayload: 4 * 1024 * 1024 };
if (opt('--origin')) options.origin = opt('--origin');
if (opt('--ca')) options.ca = fs.readFileSync(opt('--ca'));
const deflate = opt('--deflate');
if (deflate) {
  const noTakeover = deflate === 'no-takeover';
  options.perMessageDeflate = { threshold: 0, clientNoContextTakeover: noTakeover, serverNoContextTakeover: noTakeover };
}

const SIZES = [0, 125, 126, 65535, 65536, 1048576];
const text = (n) => 'abcdefghijklmnopqrstuvwxyz'.repeat(Math.ceil(n / 26) + 1).slice(0, n);
const binary = (n) => { const b = Buffer.alloc(n); for (let i = 0; i < n; i++) b[i] = i % 251; return b; };
const check = (name, ok, detail) => console.log((ok ? 'PASS ' : 'FAIL ') + name + (ok ? '' : ' ' + detail));

function open(protocols) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    ws.inbox = []; ws.waiters = [];
    ws.on('message', (data, isBinary) => {
      const waiter = ws.waiters.shift();
      if (waiter) waiter.resolve({ data, isBinary }); else ws.inbox.push({ data, isBinary });
    });
    ws.closed = new Promise((done) => ws.on('close', (code, reason) => {
      done({ code, reason: reason.toString() });
      for (const w of ws.waiters.splice(0)) w.reject(new Error('closed ' + code));
    }));
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (req, res) => reject(new Error('STATUS ' + res.statusCode)));
    ws.once('error', reject);
  });
}
const next = (ws) => ws.inbox.length ? Promise.resolve(ws.inbox.shift())
  : new Promise((resolve, reject) => ws.waiters.push({ resolve, reject }));

async function scenario() {
  const ws = await open(['chat', 'other']);
  console.log('OPEN protocol=' + ws.protocol);
  if (deflate) console.log('EXTENSIONS ' + ws.extensions);
  for (const n of SIZES) {
    const readBefore = ws._socket.bytesRead;
    ws.send(text(n));
    let m = await next(ws);
    if (deflate && n === 1048576) {
      const read = ws._socket.bytesRead - readBefore;
      check('deflate-on-the-wire', read < n / 10, 'read ' + read + ' bytes from TCP for a ' + n + '-byte text');
    }
    check('text-' + n, !m.isBinary && m.data.toString() === text(n), 'got ' + m.data.length + ' bytes');
    ws.send(binary(n));
    m = await next(ws);
    check('binary-' + n, m.isBinary && Buffer.compare(m.data, binary(n)) === 0, 'got ' + m.data.length + ' bytes');
  }
  ws.send('frag-', { fin: false }); ws.send('ment-', { fin: false }); ws.send('ed', { fin: true });
  const f = await next(ws);
  check('fragmented', f.data.toString() === 'frag-ment-ed', 'got ' + f.data.toString());
  const pong = new Promise((resolve) => ws.once('pong', resolve));
  ws.ping(Buffer.from('heartbeat'));
  const p = await pong;
  check('ping-pong', p.toString() === 'heartbeat', 'got ' + p.toString());
  ws.close(4001, 'client-bye');
  const c = await ws.closed;
  check('client-close-4001', c.code === 4001, 'got ' + c.code);
  const ws2 = await open([]);
  ws2.send('close:4002:server-bye');
  const c2 = await ws2.closed;
  check('server-close-4002', c2.code === 4002 && c2.reason === 'server-bye', 'got ' + c2.code + ' ' + c2.reason);
  console.log('DONE');
}

async function refused() {
  try {
    const ws = await open([]);
    console.log('OPENED');
    ws.close();
  } catch (e) {
    const m = /STATUS (\d+)/.exec(e.message) || /response: (\d+)/.exec(e.message);
    console.log(m ? 'REFUSED ' + m[1] : 'ERROR ' + e.message);
  }
}

(opt('--mode') === 'refused' ? refused() : scenario())
  .catch((e) => console.log('FAIL error ' + e.message))
  .finally(() => setTimeout(() => process.exit(0), 50));
