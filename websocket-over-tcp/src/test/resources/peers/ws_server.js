'use strict';
// Interop peer: Node's `ws` as a SERVER for the client under test.
// usage: node ws_server.js [--pfx keystore.p12 --passphrase PW] [--deflate takeover|no-takeover]
// With --deflate it accepts permessage-deflate (threshold 0) and prints "EXTENSIONS ..." per connection
// and "BYTESREAD n" (bytes read from TCP) when a connection closes.
// Echoes every message; a text "close:CODE:REASON" makes it close with that code.
// Speaks subprotocol "chat" when offered. Prints "PORT n" when ready, "CLOSED code reason" per connection.
const fs = require('fs');
const https = require('https');
const { WebSocketServer } = require('ws');

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const common = {
  maxPayload: 4 * 1024 * 1024,
  handleProtocols: (protocols) => (protocols.has('chat') ? 'chat' : false),
  perMessageDeflate: false,
};
if (opt('--deflate')) {
  const noTakeover = opt('--deflate') === 'no-takeover';
  common.perMessageDeflate = { threshold: 0, clientNoContextTakeover: noTakeover, serverNoContextTakeover: noTakeover };
}

let wss;
if (opt('--pfx')) {
  const server = https.createServer({ pfx: fs.readFileSync(opt('--pfx')), passphrase: opt('--passphrase') });
  wss = new WebSocketServer({ server, ...common });
  server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));
} else {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1', ...common });
  wss.on('listening', () => console.log('PORT ' + wss.address().port));
}

wss.on('connection', (ws) => {
  if (opt('--deflate')) console.log('EXTENSIONS ' + ws.extensions);
  const socket = ws._socket;
  ws.on('message', (data, isBinary) => {
    if (!isBinary) {
      const s = data.toString();
      if (s.startsWith('close:')) {
        const [, code, reason] = s.split(':');
        ws.close(Number(code), reason);
        return;
      }
    }
    ws.send(data, { binary: isBinary });
  });
  ws.on('close', (code, reason) => {
    if (opt('--deflate')) console.log('BYTESREAD ' + socket.bytesRead);
    console.log('CLOSED ' + code + ' ' + reason.toString());
  });
});
