// socketlab chat — the browser's own WebSocket API, no framework; SockJS (served by this
// server at /sockjs.min.js, never a CDN) when WebSocket is missing or blocked.
// Every piece of user data reaches the page through textContent, never innerHTML.
'use strict';

(() => {
  const RECONNECT_BASE_MS = 500;    // first retry after 0.25–0.5 s
  const RECONNECT_CAP_MS = 10000;   // never wait longer than 5–10 s
  const TYPING_SEND_EVERY_MS = 2000;
  const TYPING_SHOW_MS = 3000;

  const $ = (id) => document.getElementById(id);
  const ui = {
    status: $('status'), statusText: $('status-text'), roomTitle: $('room-title'),
    join: $('join'), joinForm: $('join-form'), nick: $('nick'), room: $('room'),
    chat: $('chat'), presence: $('presence'), onlineCount: $('online-count'), rooms: $('rooms'),
    roomForm: $('room-form'), newRoom: $('new-room'),
    messages: $('messages'), typing: $('typing'), composer: $('composer'), text: $('text'), send: $('send'),
  };

  const state = {
    socket: null,
    attempt: 0,          // failed connection attempts since the last success
    retryTimer: null,
    wanted: null,        // {room, nick} the user asked for; re-sent after every reconnect
    useSockJs: false,    // SockJS instead of WebSocket: the browser has none, or the last WebSocket never opened
    me: null,            // the nickname the server gave us
    room: null,
    lastTypingSent: 0,
    typers: new Map(),   // nick -> timeout id
  };

  // ---- connection ---------------------------------------------------------------------

  function socketUrl() {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/chat';
  }

  // The SockJS transports the page may use: every HTTP one (the WebSocket is what failed).
  const SOCKJS_TRANSPORTS = ['xhr-streaming', 'eventsource', 'iframe-eventsource', 'iframe-htmlfile',
    'xhr-polling', 'iframe-xhr-polling', 'jsonp-polling'];

  // Loads /sockjs.min.js once, on the first fallback; calls back when SockJS is defined.
  function loadSockJs(then) {
    if (window.SockJS) return then();
    const script = document.createElement('script');
    script.src = '/sockjs.min.js';
    script.onload = then;
    script.onerror = () => scheduleReconnect('sockjs.min.js missing');
    document.head.appendChild(script);
  }

  function openSocket() {
    if (state.useSockJs) {
      const sock = new window.SockJS('/ws/chat', null, { transports: SOCKJS_TRANSPORTS });
      sock.onopen = () => { ui.status.dataset.transport = 'sockjs:' + sock.transport; };
      return sock;
    }
    ui.status.dataset.transport = 'websocket';
    return new WebSocket(socketUrl());
  }

  function connect() {
    state.retryTimer = null;
    if (typeof WebSocket === 'undefined') state.useSockJs = true;
    if (state.useSockJs && !window.SockJS) return loadSockJs(connect);
    setStatus(state.attempt === 0 ? 'connecting' : 'reconnecting',
      state.attempt === 0 ? 'connecting…' : 'reconnecting…');
    const socket = openSocket();
    let opened = false;
    state.socket = socket;
    const onOpen = socket.onopen;
    socket.onopen = () => {
      opened = true;
      if (onOpen) onOpen();
      state.attempt = 0;
      setStatus('online', 'online');
      if (state.wanted) {
        send({ type: 'join', room: state.wanted.room, nick: state.wanted.nick });
      }
      updateComposer();
    };
    socket.onmessage = (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        return; // the server only sends JSON; ignore anything else
      }
      handle(data);
    };
    // onerror carries no detail in browsers (by design); onclose always follows it.
    socket.onclose = (event) => {
      if (state.socket !== socket) return;
      state.socket = null;
      updateComposer();
      // A connection that never opened was refused or blocked on the way (or the server is down):
      // try the other kind next time — WebSocket, SockJS, WebSocket… — and keep whichever opens.
      if (!opened && typeof WebSocket !== 'undefined') state.useSockJs = !state.useSockJs;
      scheduleReconnect(event.code);
    };
  }

  // Exponential backoff with "equal jitter": half the delay fixed, half random, so that a
  // hundred pages that lost the same server do not all come back in the same millisecond.
  function scheduleReconnect(code) {
    const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** state.attempt);
    const delay = Math.round(ceiling / 2 + Math.random() * ceiling / 2);
    state.attempt += 1;
    setStatus('reconnecting', 'offline (' + code + ') — retry in ' + (delay / 1000).toFixed(1) + ' s');
    state.retryTimer = setTimeout(connect, delay);
  }

  function send(command) {
    if (state.socket && state.socket.readyState === 1 /* OPEN, for WebSocket and SockJS */) {
      state.socket.send(JSON.stringify(command));
      return true;
    }
    return false;
  }

  function setStatus(kind, text) {
    ui.status.dataset.state = kind;
    ui.statusText.textContent = text;
  }

  // ---- server events ------------------------------------------------------------------

  function handle(event) {
    switch (event.type) {
      case 'welcome': return onWelcome(event);
      case 'history': return onHistory(event);
      case 'presence': return onPresence(event);
      case 'message': return addMessage(event, false);
      case 'typing': return onTyping(event);
      case 'rooms': return onRooms(event);
      case 'error': return addSystem(event.message, 'error');
      default: return undefined;
    }
  }

  function onWelcome(event) {
    state.me = event.nick;
    state.room = event.room;
    state.wanted = { room: event.room, nick: state.wanted ? state.wanted.nick : event.nick };
    ui.roomTitle.textContent = '#' + event.room + ' · ' + event.nick;
    document.title = '#' + event.room + ' — socketlab chat';
    ui.join.hidden = true;
    ui.chat.hidden = false;
    clearTypers();
    updateComposer();
    ui.text.focus();
    history.replaceState(null, '', '?room=' + encodeURIComponent(event.room));
  }

  function onHistory(event) {
    ui.messages.replaceChildren();
    event.messages.forEach((message) => addMessage(message, true));
    addSystem('you joined #' + event.room + ' as ' + state.me
      + (event.messages.length ? ' — the last ' + event.messages.length + ' messages are above' : ''), 'info');
  }

  function onPresence(event) {
    if (event.room !== state.room) return;
    ui.presence.replaceChildren(...event.nicks.map((nick) => {
      const item = document.createElement('li');
      item.textContent = nick;
      item.style.setProperty('--hue', hue(nick));
      if (nick === state.me) item.classList.add('me');
      return item;
    }));
    ui.onlineCount.textContent = String(event.nicks.length);
    if (event.joined && event.joined !== state.me) addSystem(event.joined + ' joined', 'info');
    if (event.left) {
      addSystem(event.left + ' left', 'info');
      stopTyping(event.left);
    }
  }

  function onRooms(event) {
    ui.rooms.replaceChildren(...event.rooms.map((room) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = '#' + room.name;
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = String(room.members);
      button.append(count);
      if (room.name === state.room) button.classList.add('current');
      button.addEventListener('click', () => joinRoom(room.name));
      item.append(button);
      return item;
    }));
  }

  function onTyping(event) {
    if (event.room !== state.room || event.nick === state.me) return;
    clearTimeout(state.typers.get(event.nick));
    state.typers.set(event.nick, setTimeout(() => stopTyping(event.nick), TYPING_SHOW_MS));
    renderTypers();
  }

  function stopTyping(nick) {
    clearTimeout(state.typers.get(nick));
    state.typers.delete(nick);
    renderTypers();
  }

  function clearTypers() {
    [...state.typers.keys()].forEach(stopTyping);
  }

  function renderTypers() {
    const nicks = [...state.typers.keys()];
    ui.typing.textContent = nicks.length === 0 ? ''
      : nicks.join(', ') + (nicks.length === 1 ? ' is typing…' : ' are typing…');
  }

  // ---- rendering (text only) ----------------------------------------------------------

  function addMessage(message, fromHistory) {
    const item = document.createElement('li');
    item.className = 'message' + (message.nick === state.me ? ' mine' : '') + (fromHistory ? ' old' : '');
    item.dataset.id = String(message.id);
    const meta = document.createElement('div');
    meta.className = 'meta';
    const nick = document.createElement('span');
    nick.className = 'nick';
    nick.textContent = message.nick;
    nick.style.setProperty('--hue', hue(message.nick));
    const time = document.createElement('time');
    time.className = 'time';
    time.dateTime = new Date(message.time).toISOString();
    time.textContent = new Date(message.time).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    meta.append(nick, time);
    const text = document.createElement('p');
    text.className = 'text';
    text.textContent = message.text; // never innerHTML: "<img onerror=…>" stays text
    item.append(meta, text);
    append(item);
    if (!fromHistory) stopTyping(message.nick);
  }

  function addSystem(text, kind) {
    const item = document.createElement('li');
    item.className = 'system ' + kind;
    item.textContent = text;
    append(item);
  }

  function append(item) {
    const list = ui.messages;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.append(item);
    if (atBottom || item.classList.contains('mine')) list.scrollTop = list.scrollHeight;
  }

  function hue(nick) {
    let hash = 0;
    for (const ch of nick) hash = (hash * 31 + ch.codePointAt(0)) % 360;
    return String(hash);
  }

  function updateComposer() {
    const online = state.socket !== null && state.socket.readyState === 1 /* OPEN, for WebSocket and SockJS */ && state.me !== null;
    ui.send.disabled = !online;
    ui.text.placeholder = online ? 'Message #' + state.room : 'Waiting for the connection…';
  }

  // ---- user actions -------------------------------------------------------------------

  function joinRoom(room) {
    const nick = state.wanted ? state.wanted.nick : ui.nick.value.trim();
    state.wanted = { room, nick };
    try { localStorage.setItem('socketlab.nick', nick); } catch (e) { /* private mode */ }
    send({ type: 'join', room, nick });
  }

  ui.joinForm.addEventListener('submit', (event) => {
    event.preventDefault();
    state.wanted = { room: ui.room.value.trim().toLowerCase(), nick: ui.nick.value.trim() };
    joinRoom(state.wanted.room);
  });

  ui.roomForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const room = ui.newRoom.value.trim().toLowerCase();
    if (room) joinRoom(room);
    ui.newRoom.value = '';
  });

  ui.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = ui.text.value.trim();
    if (text && send({ type: 'message', text })) {
      ui.text.value = '';
      state.lastTypingSent = 0;
    }
  });

  ui.text.addEventListener('input', () => {
    const now = Date.now();
    if (ui.text.value && now - state.lastTypingSent > TYPING_SEND_EVERY_MS) {
      state.lastTypingSent = now;
      send({ type: 'typing' });
    }
  });

  // Leaving the page (or entering the back/forward cache): say goodbye now, so the others see
  // us leave at once instead of when a ping times out; come back if the page is restored.
  window.addEventListener('pagehide', () => {
    clearTimeout(state.retryTimer);
    const socket = state.socket;
    state.socket = null;
    if (socket) socket.close(1000, 'page closed');
  });
  window.addEventListener('pageshow', (event) => {
    if (event.persisted && state.socket === null) {
      state.attempt = 0;
      connect();
    }
  });

  // ---- start --------------------------------------------------------------------------

  const params = new URLSearchParams(location.search);
  let savedNick = '';
  try { savedNick = localStorage.getItem('socketlab.nick') || ''; } catch (e) { /* private mode */ }
  ui.nick.value = params.get('nick') || savedNick;
  ui.room.value = params.get('room') || ui.room.value;
  if (params.get('nick')) {
    state.wanted = { room: ui.room.value.trim().toLowerCase(), nick: params.get('nick').trim() };
  }
  updateComposer();
  connect();
})();
