'use strict';
// Interop peer: npm's `eventsource` (the EventSource of Node) as a client of /sse.
// usage: node eventsource_client.js URL
// Prints "OPEN", "HELLO <data with \n as |>", "TICK <lastEventId> <data>", "ERROR <detail>".
const EventSource = require('eventsource');

const source = new EventSource(process.argv[2]);
source.onopen = () => console.log('OPEN');
source.addEventListener('hello', (e) => console.log('HELLO ' + e.data.replace(/\n/g, '|')));
source.addEventListener('tick', (e) => console.log('TICK ' + e.lastEventId + ' ' + e.data));
source.onerror = (e) => console.log('ERROR ' + (e && e.message ? e.message : 'reconnecting'));
process.on('SIGTERM', () => { source.close(); process.exit(0); });
