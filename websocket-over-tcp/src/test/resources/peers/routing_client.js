'use strict';
// Routing peer: Node's `ws` as a client of a WebSocketApi (org.socketlab.websocket.routing).
// usage: node routing_client.js URL [--user-agent UA] [--send JSON]...
// Prints "OPEN", then "MSG <text>" for every message it receives, "CLOSE <code> <reason>" at
// the end, or "REFUSED <status>" when the handshake is refused. Each --send is sent after OPEN,
// in order. The test steers it through the server: a received message "peer:close" makes it
// close with 1000, "peer:drop" makes it drop TCP without a close frame (ws.terminate()).
const WebSocket = require('ws');

const args = process.argv.slice(2);
const url = args[0];
const sends = [];
let userAgent;
for (let i = 1; i < args.length; i += 2) {
  if (args[i] === '--send') sends.push(args[i + 1]);
  if (args[i] === '--user-agent') userAgent = args[i + 1];
}
const ws = new WebSocket(url, [], { headers: userAgent ? { 'User-Agent': userAgent } : {} });
ws.on('unexpected-response', (req, res) => { console.log('REFUSED ' + res.statusCode); process.exit(0); });
ws.on('error', (e) => { console.log('ERROR ' + e.message); process.exit(0); });
ws.on('open', () => {
  console.log('OPEN');
  for (const s of sends) ws.send(s);
});
ws.on('message', (data, isBinary) => {
  const text = data.toString();
  console.log((isBinary ? 'BIN ' : 'MSG ') + text);
  if (text === 'peer:close') ws.close(1000, 'client done');
  if (text === 'peer:drop') { console.log('DROPPED'); ws.terminate(); process.exit(0); }
});
ws.on('close', (code, reason) => { console.log('CLOSE ' + code + ' ' + reason.toString()); process.exit(0); });
