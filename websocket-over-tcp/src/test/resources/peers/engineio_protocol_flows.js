'use strict';
// Protocol peer: the request flows the official engine.io-protocol and socket.io-protocol test
// suites exercise (written here, not copied), driven by Node 20's built-in fetch (its keep-alive
// pool) and the ws package, against EngineProtocolFlowsTest's servers: a raw Engine.IO echo at
// /engine.io/ and Socket.IO with ProtocolSuiteHandlers at /socket.io/ (pingInterval 300 ms,
// pingTimeout 200 ms).
// usage: node engineio_protocol_flows.js ENGINE_PORT SOCKETIO_PORT
// Prints "PASS name" / "FAIL name detail" per check, then "FAILURES n".
const WebSocket = require('ws');
const [ePort, sPort] = process.argv.slice(2);
const E = `http://127.0.0.1:${ePort}/engine.io/`, S = `http://127.0.0.1:${sPort}/socket.io/`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let failures = 0;
const ok = (name, cond, detail) => { console.log((cond ? 'PASS ' : 'FAIL ') + name + (cond ? '' : ' ' + detail)); if (!cond) failures++; };
const open = async (base) => JSON.parse((await (await fetch(`${base}?EIO=4&transport=polling`)).text()).substring(1)).sid;
const msgs = (ws) => { const q = [], w = []; ws.on('message', (d, bin) => { const v = bin ? [...new Uint8Array(d)] : d.toString(); w.length ? w.shift()(v) : q.push(v); }); return () => q.length ? Promise.resolve(q.shift()) : new Promise((r) => w.push(r)); };
const closed = (ws) => new Promise((r) => ws.on('close', (c) => r(c)));
async function t(name, fn) { try { await fn(); } catch (e) { ok(name, false, e.stack.split('\n')[0]); } }

(async () => {
  await t('handshake', async () => { const r = await fetch(`${E}?EIO=4&transport=polling`); const v = JSON.parse((await r.text()).substring(1));
    ok('handshake', r.status === 200 && Object.keys(v).sort().join() === 'maxPayload,pingInterval,pingTimeout,sid,upgrades' && v.pingInterval === 300, JSON.stringify(v)); });
  await t('errors', async () => { const st = async (u, m = 'get') => (await fetch(u, { method: m })).status;
    ok('errors', await st(`${E}?transport=polling`) === 400 && await st(`${E}?EIO=abc&transport=polling`) === 400 && await st(`${E}?EIO=4`) === 400
      && await st(`${E}?EIO=4&transport=abc`) === 400 && await st(`${E}?EIO=4&transport=polling`, 'post') === 400 && await st(`${E}?EIO=4&transport=polling`, 'put') === 400, ''); });
  await t('echo', async () => { const sid = await open(E); const u = `${E}?EIO=4&transport=polling&sid=${sid}`;
    const p = await fetch(u, { method: 'post', body: '4hello\x1ebAQIDBA==' }); const pb = await p.text(); const g = await (await fetch(u)).text();
    ok('echo', pb === 'ok' && g === '4hello\x1ebAQIDBA==', g); });
  await t('invalid', async () => { const sid = await open(E); const u = `${E}?EIO=4&transport=polling&sid=${sid}`;
    let s1; try { s1 = (await fetch(u, { method: 'post', body: 'abc' })).status; } catch (e) { s1 = 'threw'; }
    ok('invalid', s1 === 400 && (await fetch(u)).status === 400, s1); });
  await t('duplicate', async () => { const sid = await open(E); const u = `${E}?EIO=4&transport=polling&sid=${sid}`;
    const [a, b] = await Promise.all([fetch(u), sleep(5).then(() => fetch(u + '&t=burst'))]); const at = await a.text();
    ok('duplicate', a.status === 200 && at === '1' && b.status === 400 && (await fetch(u)).status === 400, a.status + ' ' + at + ' ' + b.status); });
  await t('heartbeat-polling', async () => { const sid = await open(E); const u = `${E}?EIO=4&transport=polling&sid=${sid}`; let all = true;
    for (let i = 0; i < 3; i++) { const g = await (await fetch(u)).text(); all = all && g === '2'; all = all && (await fetch(u, { method: 'post', body: '3' })).status === 200; }
    ok('heartbeat-polling', all, ''); });
  await t('ping-timeout-polling', async () => { const sid = await open(E); await sleep(500); const r = await fetch(`${E}?EIO=4&transport=polling&sid=${sid}`);
    ok('ping-timeout-polling', r.status === 400, r.status + ' ' + await r.text()); });
  await t('close-polling', async () => { const sid = await open(E); const u = `${E}?EIO=4&transport=polling&sid=${sid}`;
    const [g] = await Promise.all([fetch(u), fetch(u, { method: 'post', body: '1' })]); const gt = await g.text();
    ok('close-polling', gt === '6' && (await fetch(u)).status === 400, gt); });
  await t('ws-basics', async () => { const ws = new WebSocket(`ws://127.0.0.1:${ePort}/engine.io/?EIO=4&transport=websocket`); const next = msgs(ws);
    const o = await next(); ws.send('4hello'); const e = await next(); ws.send(Uint8Array.from([1, 2, 3, 4])); const b = await next();
    const c = closed(ws); ws.send('abc'); await c; ok('ws-basics', o.startsWith('0') && e === '4hello' && b.join() === '1,2,3,4', o + e + b); });
  await t('upgrade', async () => { const sid = await open(E); const ws = new WebSocket(`ws://127.0.0.1:${ePort}/engine.io/?EIO=4&transport=websocket&sid=${sid}`);
    const next = msgs(ws); await new Promise((r) => ws.on('open', r)); ws.send('2probe'); const p = await next();
    const g = await (await fetch(`${E}?EIO=4&transport=polling&sid=${sid}`)).text(); ws.send('5'); ws.send('4hello'); const h = await next();
    ok('upgrade', p === '3probe' && g === '6' && h === '4hello', p + ' ' + g + ' ' + h); ws.close(); });
  await t('upgrade-ignores-http', async () => { const sid = await open(E); const ws = new WebSocket(`ws://127.0.0.1:${ePort}/engine.io/?EIO=4&transport=websocket&sid=${sid}`);
    const next = msgs(ws); await new Promise((r) => ws.on('open', r)); ws.send('2probe'); ws.send('5');
    const r = await fetch(`${E}?EIO=4&transport=polling&sid=${sid}`); ws.send('4hello'); const a = await next(); const b = await next();
    ok('upgrade-ignores-http', r.status === 400 && a === '3probe' && b === '4hello', r.status + ' ' + a + ' ' + b); ws.close(); });
  await t('upgrade-ignores-ws', async () => { const sid = await open(E); const ws = new WebSocket(`ws://127.0.0.1:${ePort}/engine.io/?EIO=4&transport=websocket&sid=${sid}`);
    const next = msgs(ws); await new Promise((r) => ws.on('open', r)); ws.send('2probe'); ws.send('5');
    const ws2 = new WebSocket(`ws://127.0.0.1:${ePort}/engine.io/?EIO=4&transport=websocket&sid=${sid}`); ws2.on('error', () => {}); let opened = false; ws2.on('open', () => { opened = true; });
    await closed(ws2); ws.send('4hello'); await next(); const b = await next(); ok('upgrade-ignores-ws', opened && b === '4hello', opened + ' ' + b); ws.close(); });
  // Socket.IO
  const sio = async () => { const ws = new WebSocket(`ws://127.0.0.1:${sPort}/socket.io/?EIO=4&transport=websocket`); ws.binaryType = 'arraybuffer'; const next = msgs(ws); await next(); return { ws, next }; };
  await t('sio-connect', async () => { const { ws, next } = await sio(); ws.send('40{"token":"123"}'); const c = await next(); const a = await next();
    ok('sio-connect', c.startsWith('40{"sid":') && a === '42["auth",{"token":"123"}]', c + ' ' + a); ws.close(); });
  await t('sio-custom', async () => { const { ws, next } = await sio(); ws.send('40/custom,'); const c = await next(); const a = await next();
    ok('sio-custom', c.startsWith('40/custom,') && a === '42/custom,["auth",{}]', c + ' ' + a); ws.close(); });
  await t('sio-unknown-ns', async () => { const { ws, next } = await sio(); ws.send('40/random'); const c = await next();
    ok('sio-unknown-ns', c === '44/random,{"message":"Invalid namespace"}', c); ws.close(); });
  await t('sio-no-handshake', async () => { const ws = new WebSocket(`ws://127.0.0.1:${sPort}/socket.io/?EIO=4&transport=websocket`); await closed(ws); ok('sio-no-handshake', true, ''); });
  await t('sio-disconnect-main', async () => { const { ws, next } = await sio(); ws.send('40'); await next(); await next(); ws.send('41'); const d = await next(); ok('sio-disconnect-main', d === '2', d); ws.close(); });
  await t('sio-binary', async () => { const { ws, next } = await sio(); ws.send('40'); await next(); await next();
    ws.send('452-["message",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]'); ws.send(Uint8Array.from([1, 2, 3])); ws.send(Uint8Array.from([4, 5, 6]));
    const a = await next(); const b = await next(); const c = await next();
    ok('sio-binary', a === '452-["message-back",{"_placeholder":true,"num":0},{"_placeholder":true,"num":1}]' && b.join() === '1,2,3' && c.join() === '4,5,6', a); ws.close(); });
  await t('sio-ack', async () => { const { ws, next } = await sio(); ws.send('40'); await next(); await next(); ws.send('42456["message-with-ack",1,"2",{"3":[false]}]');
    const a = await next(); ok('sio-ack', a === '43456[1,"2",{"3":[false]}]', a); ws.close(); });
  for (const bad of ['4abc', '42{}', '42abc["message-with-ack",1,"2",{"3":[false]}]']) {
    await t('sio-invalid ' + bad, async () => { const { ws, next } = await sio(); ws.send('40'); await next(); await next(); const c = closed(ws); ws.send(bad); await c; ok('sio-invalid ' + bad, true, ''); });
  }
  console.log('FAILURES ' + failures); process.exit(0);
})();
