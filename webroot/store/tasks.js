// What a task looks like to the associate: the server's copy with the actions still waiting to be sent applied on
// top (so the screen shows what they did at once, online or not), the queue order and the walking order.

/** Statuses after which nothing more happens to a task; it leaves the queue. */
export const DONE = new Set(['shipped', 'handed-over', 'cancelled', 'expired']);

export const TYPE_LABEL = {'ship-from-store': 'Ship', 'pickup': 'Pickup', 'ship-to-store': 'Transfer'};

export const STATUS_LABEL = {
  'open': 'Open', 'picking': 'Picking', 'picked': 'Picked', 'packed': 'Packed', 'shipped': 'Shipped',
  'staged': 'Staged', 'ready': 'Ready for pickup', 'handed-over': 'Handed over', 'awaiting-transfer': 'Awaiting transfer',
  'received': 'Received', 'cancelled': 'Cancelled', 'expired': 'Expired',
};

/** Where a command takes a task; pick and short are worked out line by line. */
const MOVES = {pack: 'packed', ship: 'shipped', stage: 'staged', ready: 'ready', handover: 'handed-over', receive: 'open'};

export function remaining(line) {
  return Math.max(line.quantity - line.picked, 0);
}

export function units(task) {
  return task.lines.reduce((sum, l) => sum + l.quantity, 0);
}

export function pickedUnits(task) {
  return task.lines.reduce((sum, l) => sum + Math.min(l.picked, l.quantity), 0);
}

/** The task as it will be once {@code actions} (this task's, oldest first) are applied; {@code me} is the username. */
export function project(task, actions, me) {
  let t = {...task, lines: task.lines.map(l => ({...l}))};
  for (const a of actions) {
    t = apply(t, a, me);
  }
  return t;
}

function apply(t, a, me) {
  switch (a.command) {
    case 'claim':
      return {...t, claimedBy: me, status: t.status === 'open' ? 'picking' : t.status};
    case 'release':
      return {...t, claimedBy: null};
    case 'pick': {
      const line = t.lines.find(l => l.upc === a.body.upc && remaining(l) > 0);
      if (line) {
        line.picked += a.body.quantity;
      }
      return allPicked(t);
    }
    case 'short': {
      const line = t.lines.find(l => l.lineNo === a.body.lineNo);
      if (line) {
        line.quantity -= Math.min(a.body.missing, remaining(line));
      }
      const lines = t.lines.filter(l => l.quantity > 0);
      return lines.length ? allPicked({...t, lines}) : {...t, lines, status: 'cancelled'};
    }
    default:
      return MOVES[a.command] ? {...t, status: MOVES[a.command]} : t;
  }
}

function allPicked(t) {
  return t.status === 'picking' && t.lines.every(l => remaining(l) === 0) ? {...t, status: 'picked'} : t;
}

/** Lines in walking order: by bin (A02-11 before A10-01), lines whose bin is unknown last, then by line number. */
export function walkOrder(lines) {
  return [...lines].sort((a, b) => {
    if (!a.bin !== !b.bin) {
      return a.bin ? -1 : 1;
    }
    return (a.bin && b.bin ? a.bin.localeCompare(b.bin, 'en', {numeric: true}) : 0) || a.lineNo - b.lineNo;
  });
}

/** The queue: tasks still to do, the earliest due first. */
export function queueOrder(tasks) {
  return tasks.filter(t => !DONE.has(t.status))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
}

export function isLate(task, now = Date.now()) {
  return !DONE.has(task.status) && (task.late || Date.parse(task.dueAt) < now);
}

/**
 * The line a scanned code confirms (its barcode, or its SKU typed by hand): {line} with units left to pick, or
 * {error} saying why the code does not fit.
 */
export function lineForScan(task, code) {
  const matches = task.lines.filter(l => l.upc === code || l.sku.toUpperCase() === code.toUpperCase());
  const open = matches.find(l => remaining(l) > 0);
  if (open) {
    return {line: open};
  }
  if (matches.length) {
    return {error: `All ${matches[0].quantity} of ${matches[0].name || matches[0].sku} are already picked.`};
  }
  return {error: `Barcode ${code} is not on this task. Check the item and scan again.`};
}
