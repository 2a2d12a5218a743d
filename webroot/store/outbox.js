// The associate's actions the server has not confirmed yet, kept in localStorage so a reload, a dead battery or a
// dropped connection loses nothing. Each action gets its Idempotency-Key once, when it is made: sending it again
// after an answer was lost returns the first answer, so nothing is ever done twice. Actions are sent one at a time,
// oldest first, because each one depends on the ones before (claim, then picks, then pack).

/** A random key that also works outside secure contexts (where crypto.randomUUID is missing). */
export function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'sa-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** True when the request may succeed later as it is: no connection, the server busy or down, the token expired. */
export function worthRetrying(error) {
  return error.status === 0 || error.status === 401 || error.status === 429 || error.status >= 500;
}

export class Outbox {
  /** {@code storageKey}: one outbox per associate, so a colleague signing in on the device does not send theirs. */
  constructor(storageKey) {
    this.storageKey = storageKey;
    this.items = [];
    try {
      this.items = JSON.parse(localStorage.getItem(storageKey)) || [];
    } catch {
      this.items = [];
    }
    this.sending = null;
    this.stopped = false;
  }

  /** No more sending from this outbox (its associate signed out); what is left stays stored. */
  stop() {
    this.stopped = true;
  }

  get size() {
    return this.items.length;
  }

  forTask(taskId) {
    return this.items.filter(a => a.taskId === taskId);
  }

  /** Queues {@code command} on the task; the action, with its key. */
  add(taskId, command, body) {
    const action = {key: newKey(), taskId, command, body, at: new Date().toISOString()};
    this.items.push(action);
    this.save();
    return action;
  }

  /**
   * Sends the actions in order with {@code send(action)} (resolves to the task the server answers). A sent action
   * leaves the outbox and {@code onSent(action, task)} runs; one the server refuses (409, 422, ...) leaves it too and
   * {@code onRefused(action, error)} runs. Stops at the first error worth retrying and rejects with it; the action
   * stays first in line. One drain at a time: a second call gets the running one.
   */
  drain(send, {onSent, onRefused}) {
    this.sending ??= (async () => {
      try {
        while (this.items.length && !this.stopped) {
          const action = this.items[0];
          let task;
          try {
            task = await send(action);
          } catch (e) {
            if (worthRetrying(e)) {
              throw e;
            }
            this.remove(action);
            onRefused(action, e);
            continue;
          }
          this.remove(action);
          onSent(action, task);
        }
      } finally {
        this.sending = null;
      }
    })();
    return this.sending;
  }

  remove(action) {
    this.items = this.items.filter(a => a.key !== action.key);
    this.save();
  }

  save() {
    localStorage.setItem(this.storageKey, JSON.stringify(this.items));
  }
}
