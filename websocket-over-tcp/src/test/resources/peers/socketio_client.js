'use strict';
// Interop peer: the official socket.io-client 4.x against the Socket.IO server under test
// (the server side is SocketIoInteropTest's fixture: namespaces "/" and "/chat").
// usage: node socketio_client.js URL default|websocket|polling
// Prints "PASS name" / "FAIL name detail" per check, then "DONE".
const { io } = require('socket.io-client');

const [url, mode] = process.argv.slice(2);
const transports = { default: undefined, websocket: ['websocket'], polling: ['polling'] }[mode];
const base = { forceNew: true, reconnectionDelay: 50, reconnectionDelayMax: 100, timeout: 5000 };
if (transports) base.transports = transports;

const check = (name, ok, detail) => console.log((ok ? 'PASS ' : 'FAIL ') + name + (ok ? '' : ' ' + detail));
const once = (emitter, event, ms = 5000) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('no "' + event + '" within ' + ms + ' ms')), ms);
  emitter.once(event, (...args) => { clearTimeout(timer); resolve(args); });
});
// emitWithAck resolves with the first ack argument only; this one keeps them all.
const ackAll = (socket, ms, ...args) => new Promise((resolve, reject) => {
  socket.timeout(ms).emit(...args, (err, ...reply) => (err ? reject(err) : resolve(reply)));
});
const connect = async (nsp, options = {}, setup = () => {}) => {
  const socket = io(url + nsp, { ...base, ...options });
  setup(socket);
  const [outcome] = await Promise.race([once(socket, 'connect').then(() => ['connect']),
    once(socket, 'connect_error').then(([err]) => [err])]);
  return { socket, error: outcome === 'connect' ? null : outcome };
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function step(name, body) {
  const started = Date.now();
  try { await body(); } catch (e) { check(name, false, e && e.stack ? e.stack.split('\n')[0] : String(e)); }
  console.log('TIME ' + name + ' ' + (Date.now() - started) + ' ms');
}

async function main() {
  const { socket: main, error } = await connect('/');
  check('connect', !error && main.connected && typeof main.id === 'string', String(error));

  await step('transport', async () => {
    const engine = main.io.engine;
    if (mode === 'default' && engine.transport.name !== 'websocket') await once(engine, 'upgrade');
    const expected = mode === 'polling' ? 'polling' : 'websocket';
    check('transport', engine.transport.name === expected, 'got ' + engine.transport.name + ', expected ' + expected);
  });

  await step('event-with-ack', async () => {
    const reply = await ackAll(main, 3000, 'echo', 'hi', { n: 1, list: [true, null] });
    check('event-with-ack', same(reply, ['hi', { n: 1, list: [true, null] }]), JSON.stringify(reply));
  });

  await step('server-event', async () => {
    const pushed = once(main, 'echo');
    main.emit('echo', 'ping-back');
    const [value] = await pushed;
    check('server-event', value === 'ping-back', JSON.stringify(value));
  });

  await step('server-ack', async () => {
    main.once('question', (q, callback) => callback('answer to ' + q));
    const answered = once(main, 'answer');
    main.emit('ask');
    const [answer] = await answered;
    check('server-ack', answer === 'answer to life', JSON.stringify(answer));
  });

  await step('ack-timeout', async () => {
    try {
      await main.timeout(200).emitWithAck('nobody-listens', 1);
      check('ack-timeout', false, 'an ack arrived');
    } catch (e) {
      check('ack-timeout', /timed out/.test(e.message), e.message);
    }
  });

  await step('binary', async () => {
    const big = Buffer.alloc(70000, 7);
    const blob = once(main, 'blob');
    const reply = await ackAll(main, 3000, 'binary', Buffer.from([1, 2, 3]), { nested: big, label: 'x' });
    const [first, second] = await blob;
    check('binary-event', Buffer.from(first).equals(Buffer.from([9, 8, 7])) && Buffer.from(second.inner).equals(Buffer.from([6])),
      JSON.stringify([first, second]));
    const ok = reply.length === 3 && Buffer.from(reply[0]).equals(Buffer.from([1, 2, 3]))
      && Buffer.from(reply[1].nested).equals(big) && reply[1].label === 'x' && reply[2] === 2;
    check('binary', ok, JSON.stringify(reply).slice(0, 200));
  });

  await step('namespace-auth', async () => {
    let welcomed;
    const { socket: chat, error: err } = await connect('/chat', { auth: { token: 'secret' } },
      (s) => { welcomed = once(s, 'welcome'); });
    if (err) throw err;
    const [greeting] = await welcomed;
    check('namespace-auth', greeting === 'welcome ' + chat.id, JSON.stringify(greeting));
    chat.disconnect();
  });

  await step('namespace-refused', async () => {
    const { socket, error: err } = await connect('/chat', { auth: { token: 'wrong' }, reconnection: false });
    check('namespace-refused', err && err.message === 'not authorized' && err.data && err.data.hint === 'send token',
      err ? JSON.stringify({ message: err.message, data: err.data }) : 'connected');
    socket.close();
  });

  await step('namespace-unknown', async () => {
    const { socket, error: err } = await connect('/nowhere', { reconnection: false });
    check('namespace-unknown', err && err.message === 'Invalid namespace', err ? err.message : 'connected');
    socket.close();
  });

  await step('rooms', async () => {
    const peers = [];
    for (let i = 0; i < 3; i++) {
      const { socket, error: err } = await connect('/');
      if (err) throw err;
      socket.seen = [];
      socket.on('room', (m) => socket.seen.push('room:' + m));
      peers.push(socket);
    }
    const [a, b, c] = peers;
    await a.timeout(3000).emitWithAck('join', 'r1');
    await b.timeout(3000).emitWithAck('join', 'r1');
    const marks = peers.map((s) => once(s, 'mark'));
    a.emit('room', 'r1', 'hello');
    await Promise.all(marks);
    const ok = same(a.seen, []) && same(b.seen, ['room:hello']) && same(c.seen, []);
    check('rooms', ok, JSON.stringify(peers.map((s) => s.seen)));
    peers.forEach((s) => s.disconnect());
  });

  await step('reconnect', async () => {
    const dropped = once(main, 'disconnect');
    const back = new Promise((resolve) => main.io.once('reconnect', resolve));
    main.emit('drop');
    const [reason] = await dropped;
    await back;
    if (!main.connected) await once(main, 'connect');
    const reply = await ackAll(main, 3000, 'echo', 'again');
    check('reconnect', reason === 'transport close' && same(reply, ['again']), reason + ' ' + JSON.stringify(reply));
  });

  await step('heartbeat', async () => {
    let pings = 0;
    main.io.engine.on('ping', () => pings++);
    await once(main.io.engine, 'ping', 5000);
    await once(main.io.engine, 'ping', 5000);
    check('heartbeat', main.connected && pings >= 2, 'pings=' + pings);
  });

  await step('server-disconnect', async () => {
    const gone = once(main, 'disconnect');
    main.emit('bye');
    const [reason] = await gone;
    check('server-disconnect', reason === 'io server disconnect', reason);
  });

  main.close();
  console.log('DONE');
  setTimeout(() => process.exit(0), 50);
}

main().catch((e) => { console.log('FAIL fatal ' + e.stack); console.log('DONE'); process.exit(1); });
