// SPDX-License-Identifier: GPL-3.0-or-later
//
// A foreign replication client for the tests: PouchDB 9 (in memory, no
// native module) replicating with the same station database as the Kapija
// laptops and resolving conflicts the way PouchDB applications do, by
// removing the losing revisions (sometimes after writing a merged winner).
// The test drives it over stdin/stdout, one JSON command per line and one
// JSON reply per line (tests/integration/kap-foreign-peer.h):
//
//   {"cmd": "open", "url": …, "user": …, "password": …}   (user optional)
//   {"cmd": "sync"}                 → {"pushed": n, "pulled": n}  (one-shot)
//   {"cmd": "get", "id": …}         → {"doc": {…, "_conflicts": […]}} or {"doc": null}
//   {"cmd": "put", "doc": {…}}      → {"rev": …}  (an application's save)
//   {"cmd": "remove", "id": …, "rev": …} → {"rev": …}  (db.remove (id, rev))
//   {"cmd": "resolve", "mode": "keep-winner" | "keep-own" | "merge"}
//        → {"resolved": [{"id", "kept", "written", "removed": [{"rev", "body"}]}]}
//        ("merge" writes an application's merge on the winner first, and
//        lists the winner's body it replaced among "removed" too)
//   {"cmd": "step", "mode": …}     → {"pulled": n, "resolved": […], "pushed": n}
//        (an application's sync: pull, resolve its way, push)
//   {"cmd": "state"}                → {"docs": [{"id", "rev", "deleted", "body", "leaves", "conflicts"}]}
//
// An error is replied as {"error": "…"}. Records are synthetic test data.

'use strict';

const readline = require('readline');
const PouchDB = require('pouchdb-core')
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'));

let local = null;
let remote = null;
// Revisions this client wrote itself: "keep-own" keeps one of them.
const own = new Set();
let opened = 0;

// A deep copy of @doc without its underscore members: a merge must not
// change the revisions it reports.
function plainBody(doc) {
  const body = {};

  for (const name of Object.keys(doc)) {
    if (!name.startsWith('_'))
      body[name] = structuredClone(doc[name]);
  }
  return body;
}

async function open(command) {
  const options = { skip_setup: true };

  if (command.user)
    options.auth = { username: command.user, password: command.password };
  // A fresh database each time: several peers may run in one test.
  local = new PouchDB('kap-foreign-peer-' + (++opened), { adapter: 'memory' });
  remote = new PouchDB(command.url, options);
  await remote.info();
  return {};
}

// Pull, then push. PouchDB's sync() runs both at once, and its pull then
// sometimes misses a revision of a document the push is writing until the
// next sync; one after the other, a test's steps do what they say.
async function sync() {
  const pull = await local.replicate.from(remote, { batch_size: 100 });
  const push = await local.replicate.to(remote, { batch_size: 100 });

  return { pushed: push.docs_written, pulled: pull.docs_written };
}

async function get(command) {
  try {
    return { doc: await local.get(command.id, { conflicts: true }) };
  } catch (error) {
    if (error.status === 404)
      return { doc: null };
    throw error;
  }
}

async function put(command) {
  const result = await local.put(command.doc);

  own.add(result.rev);
  return { rev: result.rev };
}

async function remove(command) {
  const result = await local.remove(command.id, command.rev);

  own.add(result.rev);
  return { rev: result.rev };
}

// An application's merge: the winner, with the later updated_at's value of
// every scalar member and the union of lists of strings.
function applicationMerge(leaves) {
  const merged = plainBody(leaves[0]);
  const latest = leaves.slice().sort((a, b) =>
    String(b.updated_at || '').localeCompare(String(a.updated_at || '')))[0];

  for (const [name, value] of Object.entries(plainBody(latest))) {
    if (!Array.isArray(value))
      merged[name] = value;
  }
  for (const leaf of leaves.slice(1)) {
    for (const [name, value] of Object.entries(plainBody(leaf))) {
      if (Array.isArray(value) && Array.isArray(merged[name]) &&
          value.every((item) => typeof item === 'string')) {
        for (const item of value) {
          if (!merged[name].includes(item))
            merged[name].push(item);
        }
      }
    }
  }
  return merged;
}

async function resolveOne(doc, mode) {
  const revs = [doc._rev, ...doc._conflicts];
  const leaves = [doc];
  let kept = doc._rev;
  let written = null;
  let replaced = null;

  for (const rev of doc._conflicts)
    leaves.push(await local.get(doc._id, { rev }));

  if (mode === 'merge')
    replaced = { rev: doc._rev, body: plainBody(doc) };

  if (mode === 'keep-own') {
    const mine = revs.find((rev) => own.has(rev));

    if (mine !== undefined)
      kept = mine;
  } else if (mode === 'merge') {
    const merged = applicationMerge(leaves);

    merged._id = doc._id;
    merged._rev = doc._rev;
    written = (await local.put(merged)).rev;
    own.add(written);
  } else if (mode !== 'keep-winner') {
    throw new Error('Unknown resolution mode ' + mode);
  }

  const removed = replaced ? [replaced] : [];
  for (let i = 0; i < revs.length; i++) {
    if (revs[i] === kept)
      continue;
    own.add((await local.remove(doc._id, revs[i])).rev);
    removed.push({ rev: revs[i], body: plainBody(leaves[i]) });
  }

  return { id: doc._id, kept, written, removed };
}

async function resolve(command) {
  const all = await local.allDocs({ include_docs: true, conflicts: true });
  const resolved = [];

  for (const row of all.rows) {
    if (row.doc && row.doc._conflicts && row.doc._conflicts.length > 0)
      resolved.push(await resolveOne(row.doc, command.mode));
  }
  return { resolved };
}

async function state() {
  const changes = await local.changes({ style: 'all_docs', include_docs: true, conflicts: true });
  const docs = changes.results.map((result) => ({
    id: result.id,
    rev: result.doc._rev,
    deleted: result.deleted === true,
    body: plainBody(result.doc),
    leaves: result.changes.map((change) => change.rev),
    conflicts: (result.doc._conflicts || []).length,
  }));

  return { docs };
}

async function step(command) {
  const pull = await local.replicate.from(remote, { batch_size: 100 });
  const { resolved } = await resolve(command);
  const push = await local.replicate.to(remote, { batch_size: 100 });

  return { pulled: pull.docs_written, resolved, pushed: push.docs_written };
}

const handlers = { open, sync, get, put, remove, resolve, step, state };

async function handle(line) {
  const command = JSON.parse(line);
  const handler = handlers[command.cmd];

  if (handler === undefined)
    throw new Error('Unknown command ' + command.cmd);
  if (command.cmd !== 'open' && local === null)
    throw new Error('The peer is not open');
  return handler(command);
}

// One command at a time, in the order they came.
let queue = Promise.resolve();

readline.createInterface({ input: process.stdin, terminal: false }).on('line', (line) => {
  queue = queue
    .then(() => handle(line))
    .then((reply) => reply, (error) => ({ error: String(error && error.message || error) }))
    .then((reply) => process.stdout.write(JSON.stringify(reply) + '\n'));
}).on('close', () => {
  queue.then(() => process.exit(0));
});
