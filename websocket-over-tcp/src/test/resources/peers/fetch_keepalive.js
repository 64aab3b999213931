// Node 20's built-in fetch (undici, keep-alive pool) against the course server's HTTP routes:
// several sequential requests over one pooled connection, then an SSE reconnect with
// Last-Event-ID. Prints one line per step; any reset or "socket hang up" exits with status 1.
// usage: node fetch_keepalive.js http://127.0.0.1:PORT API_KEY
const [base, apiKey] = process.argv.slice(2);
const diagnostics = require("node:diagnostics_channel");
let step = "start";
diagnostics.subscribe("undici:client:connected", () => console.log(`NEW CONNECTION before ${step}`));

async function get(path, headers = {}) {
  step = "GET " + path;
  const response = await fetch(base + path, { headers });
  const body = await response.text();
  console.log(`GET ${path.split("?")[0]} ${response.status} connection=${response.headers.get("connection")}`);
  return { status: response.status, body };
}

async function post(path, body) {
  step = "POST " + path;
  const response = await fetch(base + path, { method: "POST", body, headers: { "content-type": "text/plain;charset=UTF-8" } });
  const text = await response.text();
  console.log(`POST ${path.split("?")[0]} ${response.status} ${text}`);
  return text;
}

/** The id of the first SSE event after `lastEventId`, read from a fresh stream, which is then dropped. */
async function firstEventId(lastEventId) {
  step = "SSE after " + lastEventId;
  const controller = new AbortController();
  const headers = lastEventId === null ? {} : { "last-event-id": String(lastEventId) };
  const response = await fetch(base + "/ticker/sse", { headers, signal: controller.signal });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (true) {
    const { value, done } = await reader.read();
    if (done) throw new Error("the SSE stream ended before an event arrived");
    text += decoder.decode(value, { stream: true });
    const match = text.match(/^id: ?(\d+)$/m);
    if (match) {
      controller.abort();
      return Number(match[1]);
    }
  }
}

async function engineIoEcho(prefix) {
  const open = await get(`${prefix}?EIO=4&transport=polling`);
  const sid = JSON.parse(open.body.substring(1)).sid;
  const query = `${prefix}?EIO=4&transport=polling&sid=${sid}`;
  await post(query, "4hello");
  for (let i = 0; i < 10; i++) {
    const poll = await get(query);
    const packets = poll.body.split("\x1e");
    if (packets.includes("4hello")) { console.log("ENGINE.IO ECHO 4hello"); return; }
    if (packets.includes("2")) await post(query, "3");
  }
  throw new Error("no echo from Engine.IO");
}

(async () => {
  for (let round = 0; round < 3; round++) {
    await get("/chat.js");
    await get("/@connections/notConnected123", { "x-api-key": apiKey });
    await get("/ticker/poll");
    await get("/ticker/long-poll?timeout=50");
  }
  await engineIoEcho("/engine.io/");
  console.log("POOLED PHASE DONE");
  const first = await firstEventId(null);
  const next = await firstEventId(first);
  console.log(`SSE RESUMED after ${first} at ${next}`);
})().catch(error => {
  console.log("FAILED " + error + (error.cause ? " cause: " + error.cause : ""));
  process.exit(1);
});
