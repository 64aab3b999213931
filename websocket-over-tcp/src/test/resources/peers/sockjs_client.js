'use strict';
// Interop peer: the official sockjs-client (1.6) in Node, with one transport forced.
// usage: node sockjs_client.js BASE_URL TRANSPORT
//   BASE_URL: http://127.0.0.1:PORT (the server must offer /echo and /close, as demo.SockJsServer does)
// Connects to BASE_URL/echo, sends an ASCII, a Unicode and a 64 KiB message, expects them back in
// order; then connects to BASE_URL/close and reports the close code and reason the server sent.
// Prints: "OPEN <transport>", "ECHO <index> <length> ok|mismatch", "CLOSE <code> <reason>",
// "DONE" or "ERROR <detail>"; exits 0 after DONE.
const SockJS = require('sockjs-client');

const base = process.argv[2];
const transport = process.argv[3];
const big = 'x'.repeat(64 * 1024 - 5) + '\u00e9\u4e2d\u{1F600}';
const messages = ['hello', 'Unicode: \u00e9\u00e8 \u4e2d\u6587 \u{1F600} \u2028 \ufff0 \u0000 "quoted" \\', big];
const options = { transports: [transport], timeout: 10000 };

function fail(detail) {
  console.log('ERROR ' + detail);
  process.exit(1);
}

setTimeout(() => fail('no result within 60 s'), 60000).unref();

const echo = new SockJS(base + '/echo', null, options);
let received = 0;
echo.onopen = () => {
  console.log('OPEN ' + echo.transport);
  messages.forEach((message) => echo.send(message));
};
echo.onmessage = (event) => {
  const index = received++;
  const ok = event.data === messages[index];
  console.log('ECHO ' + index + ' ' + event.data.length + ' ' + (ok ? 'ok' : 'mismatch'));
  if (!ok) {
    fail('message ' + index + ' came back different: ' + JSON.stringify(event.data.slice(0, 80)));
  }
  if (received === messages.length) {
    echo.close();
  }
};
echo.onclose = (event) => {
  if (received !== messages.length) {
    fail('echo closed early: ' + event.code + ' ' + event.reason);
  }
  const closing = new SockJS(base + '/close', null, options);
  closing.onclose = (closeEvent) => {
    console.log('CLOSE ' + closeEvent.code + ' ' + closeEvent.reason);
    console.log('DONE');
    process.exit(0);
  };
};
