'use strict';
// Cold-start probe: the first official socket.io-client against a freshly started server.
// usage: node socketio_coldstart.js URL
// Prints "CONNECTED <ms>" (handshake + CONNECT), "UPGRADED <ms>" (probe + upgrade done), then
// "ALIVE" if the connection survives several heartbeats, or "DISCONNECT <reason>"; then "DONE".
const { io } = require('socket.io-client');

const [url] = process.argv.slice(2);
const started = process.hrtime.bigint();
const elapsed = () => Number((process.hrtime.bigint() - started) / 1000000n);
const socket = io(url, { forceNew: true, reconnection: false, timeout: 5000 });
let disconnected = null;

socket.on('connect', () => {
  console.log('CONNECTED ' + elapsed());
  const engine = socket.io.engine;
  if (engine.transport.name === 'websocket') console.log('UPGRADED ' + elapsed());
  else engine.once('upgrade', () => console.log('UPGRADED ' + elapsed()));
});
socket.on('connect_error', (err) => console.log('CONNECT_ERROR ' + err.message));
socket.on('disconnect', (reason) => { disconnected = reason; console.log('DISCONNECT ' + reason); });
setTimeout(() => {
  if (!disconnected && socket.connected) console.log('ALIVE');
  socket.off('disconnect');
  socket.close();
  console.log('DONE');
  process.exit(0);
}, 2000);
