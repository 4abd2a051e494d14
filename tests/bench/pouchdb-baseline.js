// SPDX-License-Identifier: GPL-3.0-or-later
//
// The baseline side of the store benchmark: PouchDB 9 on Node with its
// LevelDB adapter (leveldown), doing the same work as bench-store.c on the
// same JSON-lines documents. build-aux/bench-store.sh runs one subcommand per
// fresh process:
//
//   node pouchdb-baseline.js put     FILE DB COUNT [--sync]
//   node pouchdb-baseline.js import  FILE DB BATCH
//   node pouchdb-baseline.js changes DB PAGE EXPECTED
//   node pouchdb-baseline.js open    DB EXPECTED
//
// Results are "key value" lines on standard output; any error, or a count
// that does not match, exits non-zero so that no figure comes from a broken
// run. Only the database calls are timed: JSON.parse of the lines happens
// before the clock starts, as on the C side.
//
// Durability: PouchDB writes every put and bulkDocs as one LevelDB batch
// (db.batch(ops, callback), no options), so LevelDB's default applies: the
// write goes to the OS through its log but is not fsynced. PouchDB offers no
// per-write sync option. `put --sync` measures what durable puts would cost
// by handing PouchDB a leveldown whose writes always pass {sync: true}; that
// is not something a PouchDB application can ask for, and it is reported as
// a separate row.

'use strict';

const fs = require('fs');
const PouchDB = require('pouchdb');
const leveldown = require('leveldown');

function nowUs () {
  return Number(process.hrtime.bigint()) / 1e3;
}

function fail (message) {
  process.stderr.write(`pouchdb-baseline: ${message}\n`);
  process.exit(1);
}

function readLines (file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter((line) => line.length > 0);
}

function count (text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    fail(`not a count: ${text}`);
  }
  return value;
}

// Nearest-rank percentile of sorted values; the same rule as bench-store.c.
function percentile (sorted, p) {
  const rank = Math.floor(p / 100 * sorted.length + 0.999999);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}

// A leveldown whose every write is fsynced ({sync: true}). PouchDB keys its
// open databases by the function's name, so this must keep its own name.
function syncLeveldown (location) {
  const db = leveldown(location);
  const batch = db._batch;
  const put = db._put;
  db._batch = function (operations, options, callback) {
    return batch.call(this, operations, Object.assign({}, options, { sync: true }), callback);
  };
  db._put = function (key, value, options, callback) {
    return put.call(this, key, value, Object.assign({}, options, { sync: true }), callback);
  };
  return db;
}

function ensureFresh (path) {
  if (fs.existsSync(path)) {
    fail(`${path} already exists`);
  }
}

function print (values) {
  for (const [key, value] of Object.entries(values)) {
    process.stdout.write(`${key} ${value}\n`);
  }
}

async function cmdPut (args) {
  const sync = args.includes('--sync');
  const [file, path, n] = args.filter((arg) => arg !== '--sync');
  const total = count(n);
  const lines = readLines(file);
  if (lines.length < total) {
    fail(`${file} has only ${lines.length} documents`);
  }
  const docs = lines.slice(0, total).map((line) => JSON.parse(line));
  ensureFresh(path);
  const db = sync ? new PouchDB(path, { db: syncLeveldown }) : new PouchDB(path);
  await db.info();

  const latency = new Float64Array(total);
  let sum = 0;
  for (let i = 0; i < total; i++) {
    const t0 = nowUs();
    const result = await db.put(docs[i]);
    const t1 = nowUs();
    if (!result.ok) {
      fail(`put ${docs[i]._id}: ${JSON.stringify(result)}`);
    }
    latency[i] = t1 - t0;
    sum += latency[i];
  }

  const info = await db.info();
  if (info.doc_count !== total) {
    fail(`the database holds ${info.doc_count} documents, not ${total}`);
  }
  await db.close();

  latency.sort();
  const prefix = sync ? 'put_sync' : 'put';
  print({
    [`${prefix}_n`]: total,
    [`${prefix}_p50_us`]: percentile(latency, 50).toFixed(1),
    [`${prefix}_p99_us`]: percentile(latency, 99).toFixed(1),
    [`${prefix}_mean_us`]: (sum / total).toFixed(1),
    [`${prefix}_max_us`]: latency[total - 1].toFixed(1),
    node_version: process.version,
    pouchdb_version: require('pouchdb/package.json').version,
    leveldown_version: require('leveldown/package.json').version,
    adapter: db.adapter,
  });
}

async function cmdImport (args) {
  const [file, path, n] = args;
  const batch = count(n);
  const lines = readLines(file);
  ensureFresh(path);
  const db = new PouchDB(path);
  await db.info();

  let storeUs = 0;
  for (let start = 0; start < lines.length; start += batch) {
    const docs = lines.slice(start, start + batch).map((line) => JSON.parse(line));
    const t0 = nowUs();
    const results = await db.bulkDocs(docs);
    const t1 = nowUs();
    storeUs += t1 - t0;
    results.forEach((result, i) => {
      if (result.error || !result.ok) {
        fail(`document ${start + i}: ${JSON.stringify(result)}`);
      }
    });
  }

  const info = await db.info();
  if (info.doc_count !== lines.length) {
    fail(`the database holds ${info.doc_count} documents, not ${lines.length}`);
  }

  // Closing is part of getting the documents onto disk on both sides.
  const t0 = nowUs();
  await db.close();
  const t1 = nowUs();
  storeUs += t1 - t0;

  print({
    import_docs: lines.length,
    import_s: (storeUs / 1e6).toFixed(3),
    import_docs_per_s: (lines.length / (storeUs / 1e6)).toFixed(0),
    import_close_ms: ((t1 - t0) / 1e3).toFixed(1),
  });
}

async function cmdChanges (args) {
  const [path, pageText, expectedText] = args;
  const page = count(pageText);
  const expected = count(expectedText);
  if (!fs.existsSync(path)) {
    fail(`${path} does not exist`);
  }
  const db = new PouchDB(path);
  // Opening is measured on its own; make sure it is done before timing.
  await db.info();

  let since = 0;
  let entries = 0;
  let pages = 0;
  const t0 = nowUs();
  for (;;) {
    const result = await db.changes({ since, limit: page, style: 'all_docs' });
    pages++;
    if (result.results.length === 0) {
      break;
    }
    since = result.last_seq;
    entries += result.results.length;
    // A short page is the end of the feed; the C side stops the same way.
    if (result.results.length < page) {
      break;
    }
  }
  const t1 = nowUs();
  await db.close();

  if (entries !== expected) {
    fail(`the changes feed had ${entries} entries, not ${expected}`);
  }

  print({
    changes_entries: entries,
    changes_pages: pages,
    changes_s: ((t1 - t0) / 1e6).toFixed(3),
  });
}

async function cmdOpen (args) {
  const [path, expectedText] = args;
  const expected = count(expectedText);
  if (!fs.existsSync(path)) {
    fail(`${path} does not exist`);
  }

  const t0 = nowUs();
  const db = new PouchDB(path);
  const info = await db.info();
  const t1 = nowUs();
  if (info.doc_count !== expected) {
    fail(`the database holds ${info.doc_count} documents, not ${expected}`);
  }
  await db.close();
  const t2 = nowUs();

  print({
    open_count: info.doc_count,
    open_ms: ((t1 - t0) / 1e3).toFixed(2),
    open_close_ms: ((t2 - t1) / 1e3).toFixed(2),
  });
}

const commands = {
  put: cmdPut,
  import: cmdImport,
  changes: cmdChanges,
  open: cmdOpen,
};

const [command, ...args] = process.argv.slice(2);
if (!(command in commands)) {
  fail('usage: pouchdb-baseline.js put FILE DB COUNT [--sync] | import FILE DB BATCH | ' +
       'changes DB PAGE EXPECTED | open DB EXPECTED');
}
commands[command](args).catch((error) => fail(error && error.stack ? error.stack : String(error)));
