// The store's live task feed over a WebSocket, as dev.aisle.api.client.FeedFollower follows it: resume after the
// last seq processed, answer pings, acknowledge events, skip a seq already seen, reconnect with a growing back-off
// when the socket closes or stays silent for two heartbeats. Protocol: dev.aisle.api.FeedProtocol.

const HEARTBEAT_MS = 15_000;
const SILENCE_LIMIT_MS = 2 * HEARTBEAT_MS;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 10_000;
const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_FORBIDDEN = 4403;

export class Feed {
  /**
   * {@code onEvent(feedEvent, live)}: live is false while the socket replays what was missed. {@code onState(state,
   * detail)}: 'connecting', 'live', 'down' (reconnecting), 'refused' (4401/4403: the token is no longer good here).
   * {@code lastSeq} is where to resume; {@code saveSeq(seq)} keeps it.
   */
  constructor({storeId, token, lastSeq, saveSeq, onEvent, onState}) {
    Object.assign(this, {storeId, token, lastSeq, saveSeq, onEvent, onState});
    this.socket = null;
    this.state = 'connecting';
    this.backoff = FIRST_BACKOFF_MS;
    this.timer = null;
    this.watchdog = null;
    this.stopped = false;
  }

  start() {
    this.watchdog = setInterval(() => {
      if (this.socket && Date.now() - this.lastHeard > SILENCE_LIMIT_MS) {
        this.drop();  // silent for two heartbeats: the connection is dead even if the socket does not know yet
      }
    }, HEARTBEAT_MS / 3);
    this.connect();
  }

  stop() {
    this.stopped = true;
    clearInterval(this.watchdog);
    clearTimeout(this.timer);
    const ws = this.socket;
    this.socket = null;
    ws?.close();
  }

  /** Reconnects now (the network came back) unless the socket is live. */
  reconnectNow() {
    if (this.state !== 'live' && !this.stopped) {
      clearTimeout(this.timer);
      this.backoff = FIRST_BACKOFF_MS;
      if (!this.socket) {
        this.connect();
      }
    }
  }

  /** Closes the current socket and reconnects later. */
  drop() {
    const ws = this.socket;
    if (ws) {
      this.lost(ws);
      ws.close();
    }
  }

  connect() {
    this.timer = null;
    if (this.stopped || this.socket) {
      return;
    }
    if (!navigator.onLine) {
      this.setState('down');  // the browser knows there is no network; reconnectNow() runs when it is back
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${location.host}/api/v1/stores/${encodeURIComponent(this.storeId)}/feed`
      + `?after=${this.lastSeq}&access_token=${encodeURIComponent(this.token())}`;
    const ws = new WebSocket(url);
    this.socket = ws;
    this.lastHeard = Date.now();
    if (this.state !== 'down') {
      this.setState('connecting');
    }
    ws.onmessage = m => {
      if (this.socket === ws) {  // a dropped socket may still have frames in flight
        this.message(ws, m.data);
      }
    };
    ws.onclose = e => {
      if (e.code === CLOSE_UNAUTHORIZED || e.code === CLOSE_FORBIDDEN) {
        this.socket = null;
        this.stopped = true;
        this.setState('refused', e.code);
        return;
      }
      this.lost(ws);
    };
  }

  message(ws, text) {
    this.lastHeard = Date.now();
    let m;
    try {
      m = JSON.parse(text);
    } catch {
      this.drop();  // skipping a frame could skip an event: start again after the last one processed
      return;
    }
    if (m.type === 'event') {
      if (m.seq <= this.lastSeq) {
        return;  // replayed again after a reconnect: already processed
      }
      try {
        this.onEvent(m.event, this.state === 'live');
      } finally {
        this.lastSeq = m.seq;
        this.saveSeq(m.seq);
        ws.send(JSON.stringify({type: 'ack', seq: m.seq}));
      }
    } else if (m.type === 'ready') {
      this.backoff = FIRST_BACKOFF_MS;
      this.setState('live');
    } else if (m.type === 'ping') {
      ws.send(JSON.stringify({type: 'pong'}));
    }
  }

  lost(ws) {
    if (this.socket !== ws) {
      return;
    }
    this.socket = null;
    ws.onmessage = ws.onclose = null;
    if (this.stopped) {
      return;
    }
    this.setState('down');
    this.timer = setTimeout(() => this.connect(), this.backoff);
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }

  setState(state, detail) {
    this.state = state;
    this.onState(state, detail);
  }
}
