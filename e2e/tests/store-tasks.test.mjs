// The handheld's task logic without a browser: what the associate sees after actions the server has not confirmed.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {lineForScan, project, queueOrder, walkOrder} from '../../webroot/store/tasks.js';

const task = {id: 't1', status: 'open', claimedBy: null, dueAt: '2026-11-27T10:00:00Z', lines: [
  {lineNo: 1, sku: 'SKU-1', name: 'Mug', upc: '111', quantity: 2, picked: 0, bin: 'A10-01'},
  {lineNo: 2, sku: 'SKU-2', name: 'Tee', upc: '222', quantity: 1, picked: 0, bin: null},
  {lineNo: 3, sku: 'SKU-3', name: 'Pan', upc: '333', quantity: 1, picked: 0, bin: 'A02-11'},
]};

test('the pick list walks the bins in order, unknown bins last', () => {
  assert.deepEqual(walkOrder(task.lines).map(l => l.bin), ['A02-11', 'A10-01', null]);
});

test('waiting actions show at once: a claim, scans, a short pick, the last unit makes the task picked', () => {
  const actions = [{command: 'claim'}, {command: 'pick', body: {upc: '111', quantity: 1}},
    {command: 'pick', body: {upc: '111', quantity: 1}}, {command: 'short', body: {lineNo: 2, missing: 1}}];
  const t = project(task, actions, 'ann');
  assert.equal(t.claimedBy, 'ann');
  assert.equal(t.status, 'picking');
  assert.deepEqual(t.lines.map(l => [l.lineNo, l.picked, l.quantity]), [[1, 2, 2], [3, 0, 1]]);
  assert.equal(project(task, [...actions, {command: 'pick', body: {upc: '333', quantity: 1}}], 'ann').status,
    'picked');
  assert.equal(task.lines[0].picked, 0, 'the server copy is untouched');
});

test('a scan confirms a line with units left, by barcode or SKU; anything else says why not', () => {
  const t = project(task, [{command: 'claim'}, {command: 'pick', body: {upc: '222', quantity: 1}}], 'ann');
  assert.equal(lineForScan(t, '111').line.lineNo, 1);
  assert.equal(lineForScan(t, 'sku-3').line.lineNo, 3);
  assert.match(lineForScan(t, '222').error, /already picked/);
  assert.match(lineForScan(t, '999').error, /not on this task/);
});

test('the queue holds what is still to do, the earliest due first', () => {
  const later = {...task, id: 't2', dueAt: '2026-11-27T12:00:00Z'};
  const sooner = {...task, id: 't3', dueAt: '2026-11-27T09:00:00Z'};
  const done = {...task, id: 't4', dueAt: '2026-11-27T08:00:00Z', status: 'shipped'};
  assert.deepEqual(queueOrder([later, task, done, sooner]).map(t => t.id), ['t3', 't1', 't2']);
});
