// Interop peer (issue 23): a Node socket.io 4.x server with the official @socket.io/redis-adapter
// in one cluster with the Java server under test. Arguments: <redis port> <java server url>.
// Two socket.io-client sockets join room r1, one on each server; the script prints what each
// received and what the Node server's adapter sees of the cluster, then "READY", and stays up
// 30 s so the Java side can ask its own questions.
const http = require('http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-adapter');
const { createClient } = require('redis');
const { io: connect } = require('socket.io-client');

const [redisPort, javaUrl] = process.argv.slice(2);
const within = (promise, what) => Promise.race([promise,
  new Promise((_, reject) => setTimeout(() => reject(new Error('timeout: ' + what)), 10000))]);

(async () => {
  const pub = createClient({ url: `redis://127.0.0.1:${redisPort}` });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  const io = new Server({ adapter: createAdapter(pub, sub) });
  io.on('connection', (socket) => {
    socket.on('join', (room, ack) => { socket.join(room); if (ack) ack('joined'); });
  });
  const server = http.createServer();
  io.attach(server);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const nodeUrl = `http://127.0.0.1:${server.address().port}`;

  const onNode = connect(nodeUrl, { transports: ['websocket'] });
  const onJava = connect(javaUrl, { transports: ['websocket'] });
  await within(Promise.all([onNode, onJava].map((s) => new Promise((r) => s.on('connect', r)))), 'connect');
  await within(onNode.emitWithAck('join', 'r1'), 'join on node');
  await within(onJava.emitWithAck('join', 'r1'), 'join on java');

  const javaGot = new Promise((r) => onJava.on('news', (...args) => { if (args[0] === 'from-node') r(args); }));
  io.to('r1').emit('news', 'from-node', { n: 1, list: [1.5, 'two', null, true] });
  console.log('JAVA-CLIENT-GOT ' + JSON.stringify(await within(javaGot, 'from-node on the java client')));

  const nodeGot = new Promise((r) => onNode.on('news', (...args) => { if (args[0] === 'from-java') r(args); }));
  onJava.emit('relay', 'r1');
  console.log('NODE-CLIENT-GOT ' + JSON.stringify(await within(nodeGot, 'from-java on the node client')));

  const rooms = await within(io.of('/').adapter.allRooms(), 'allRooms');
  console.log('NODE-SEES-ROOMS ' + JSON.stringify([...rooms].sort()));
  const inR1 = await within(io.in('r1').fetchSockets(), 'fetchSockets');
  console.log('NODE-SEES-R1 ' + JSON.stringify(inR1.map((s) => s.id).sort()));
  console.log('IDS ' + JSON.stringify({ node: onNode.id, java: onJava.id }));
  console.log('READY');
  setTimeout(() => process.exit(0), 30000);
})().catch((e) => { console.log('ERROR ' + e.stack.replace(/\n/g, ' | ')); process.exit(1); });
