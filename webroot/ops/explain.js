// A sourcing decision (GET /api/v1/orders/{id}/routing, POST /api/v1/sourcing/simulate) in plain words: where each
// line goes and why, then every candidate location with why it won, lost, or was filtered out.
import {esc} from '/shared/api.js';

const FILTER_WORDS = {
  capability: 'cannot fulfil this way',
  minAts: 'not enough stock',
  maxDistanceKm: 'too far',
  storeCapacity: 'no capacity left today',
  excludeLocations: 'excluded by the rules',
};

const SCORE_WORDS = {
  shippingCost: s => `shipping cost ${s.raw}`,
  distance: s => `${s.raw} km away`,
  overstock: s => `${s.raw} units left after`,
  locationPriority: s => `priority ${s.raw}`,
  splitPenalty: s => `${s.raw} extra shipment(s)`,
};

function score(s) {
  const words = SCORE_WORDS[s.score] ? SCORE_WORDS[s.score](s) : `${s.score} ${s.raw} ${s.unit}`;
  return `${words} (+${s.points})`;
}

function km(value) {
  return value == null ? '' : `${value} km`;
}

function outcome(c) {
  if (!c.passed) {
    return `Filtered out: ${(c.failed || []).map(f => `${FILTER_WORDS[f.filter] || f.filter} (${f.reason})`)
      .join('; ')}`;
  }
  const scores = (c.scores || []).map(score).join(', ');
  const head = c.allocated ? `Chosen for ${c.allocated}` : 'Passed, not chosen';
  return `${head}: rank ${c.rank} with ${c.points} points (fewer is better)${scores ? ` — ${scores}` : ''}`;
}

function notListed(n) {
  if (!n || !n.count) {
    return '';
  }
  const failed = Object.entries(n.failed || {}).map(([f, count]) => `${count} ${FILTER_WORDS[f] || f}`);
  return `<p class="muted" data-testid="not-listed">${n.count} more candidates not listed: ${n.passed} passed every
    filter${failed.length ? `; filtered out: ${esc(failed.join(', '))}` : ''}.</p>`;
}

function line(l) {
  const candidates = l.candidates || [];
  const placed = (l.placed || []).map(p => `${p.quantity} from ${p.name} (${p.locationId})`).join(', ');
  return `
    <section class="explain-line" data-testid="routing-line" data-line="${l.lineNo}">
      <h4>Line ${l.lineNo}: ${l.quantity} × ${esc(l.sku)}, ${esc(l.method)}${l.pickupLocationId
        ? ` at ${esc(l.pickupLocationId)}` : ''}</h4>
      <p data-testid="routing-why">${esc(l.why)}</p>
      ${placed ? `<p class="muted">Placed: ${esc(placed)}.</p>` : ''}
      ${l.shortfall ? `<p class="warn">Missing ${l.shortfall.quantity} (${esc(l.shortfall.outcome)}):
        ${esc(l.shortfall.why)}</p>` : ''}
      ${candidates.length ? `
        <div class="scroll">
        <table data-testid="candidates">
          <caption>Candidates for ${esc(l.candidatesFor || 'this line')}</caption>
          <thead><tr><th scope="col">Location</th><th scope="col">Type</th><th scope="col">Distance</th>
            <th scope="col">Available</th><th scope="col">Outcome</th></tr></thead>
          <tbody>${candidates.map(c => `
            <tr data-testid="candidate" data-location="${esc(c.locationId)}" class="${c.allocated ? 'chosen' : ''}">
              <th scope="row">${esc(c.name)} <span class="muted">${esc(c.locationId)}</span></th>
              <td>${esc(c.type)}</td><td>${esc(km(c.distanceKm))}</td><td>${c.available}</td>
              <td>${esc(outcome(c))}</td>
            </tr>`).join('')}
          </tbody>
        </table></div>` : ''}
      ${notListed(l.notListed)}
    </section>`;
}

/** The HTML of one decision; {@code heading} names it (e.g. "Routing at capture, rules version 3"). */
export function explain(decision, heading) {
  if (!decision) {
    return '<p class="muted">No routing decision recorded.</p>';
  }
  return `
    <div class="explain" data-testid="routing">
      ${heading ? `<h3>${esc(heading)}</h3>` : ''}
      <p data-testid="routing-summary">${esc(decision.summary)}</p>
      ${(decision.lines || []).map(line).join('')}
    </div>`;
}
