// The ticker page's script: a file of its own, so the page's Content-Security-Policy
// can forbid inline script (script-src 'self').
const show = (id, line) => {
  const log = document.getElementById(id);
  log.textContent = (line + "\n" + log.textContent).slice(0, 4000);
};
const source = new EventSource("sse");
source.addEventListener("hello", e => show("sse", "hello: " + e.data));
source.addEventListener("tick", e => show("sse", "#" + e.lastEventId + " " + e.data));
const socket = new WebSocket(new URL("ws", location.href).href.replace(/^http/, "ws"));
socket.onmessage = e => show("ws", e.data);
