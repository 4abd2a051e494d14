// SPDX-License-Identifier: GPL-3.0-or-later
//
// The baseline side of the sync benchmark: PouchDB 9 on Node with its
// LevelDB adapter, replicating the same JSON-lines documents with the same
// server as bench-sync.c, and the little TCP proxy both sides go through
// so that the bytes on the wire are counted the same way. Run by
// build-aux/bench-sync.sh, one subcommand per fresh process:
//
//   node pouchdb-replicate.js push  FILE DIR URL DB       load FILE into a new LevelDB (untimed),
//                                                         time db.replicate.to(URL/DB)
//   node pouchdb-replicate.js pull  DIR URL DB EXPECTED   time db.replicate.from(URL/DB)
//   node pouchdb-replicate.js proxy PORT TARGET_PORT      forward 127.0.0.1:PORT to
//                                                         127.0.0.1:TARGET_PORT; on SIGTERM
//                                                         print the bytes each way and exit
//
// Results are "key value" lines on standard output; a count that does not
// match exits non-zero.

'use strict';

const fs = require('fs');
const net = require('net');

function nowUs () {
  return Number(process.hrtime.bigint()) / 1e3;
}

function fail (message) {
  process.stderr.write(`pouchdb-replicate: ${message}\n`);
  process.exit(1);
}

function print (values) {
  for (const [key, value] of Object.entries(values)) {
    process.stdout.write(`${key} ${value}\n`);
  }
}

function count (text) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    fail(`not a count: ${text}`);
  }
  return value;
}

function openLocal (dir) {
  if (fs.existsSync(dir)) {
    fail(`${dir} exists already`);
  }
  const PouchDB = require('pouchdb');
  return new PouchDB(dir, { adapter: 'leveldb' });
}

function openRemote (url, name) {
  const PouchDB = require('pouchdb');
  return new PouchDB(`${url}/${name}`, { skip_setup: true });
}

async function push (file, dir, url, name) {
  const docs = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
  const db = openLocal(dir);
  for (let i = 0; i < docs.length; i += 1000) {
    const results = await db.bulkDocs(docs.slice(i, i + 1000));
    if (results.some((r) => !r.ok)) {
      fail('loading the documents failed');
    }
  }
  const remote = openRemote(url, name);
  const t0 = nowUs();
  const result = await db.replicate.to(remote);
  const seconds = (nowUs() - t0) / 1e6;
  if (result.docs_written !== docs.length) {
    fail(`pushed ${result.docs_written} of ${docs.length}`);
  }
  await db.close();
  print({ push_docs: docs.length, push_s: seconds.toFixed(3), push_docs_per_s: (docs.length / seconds).toFixed(0) });
}

async function pull (dir, url, name, expected) {
  const db = openLocal(dir);
  const remote = openRemote(url, name);
  const t0 = nowUs();
  const result = await db.replicate.from(remote);
  const seconds = (nowUs() - t0) / 1e6;
  const info = await db.info();
  if (info.doc_count !== expected || result.docs_written !== expected) {
    fail(`pulled ${result.docs_written}, the database has ${info.doc_count}, expected ${expected}`);
  }
  await db.close();
  print({ pull_docs: expected, pull_s: seconds.toFixed(3), pull_docs_per_s: (expected / seconds).toFixed(0) });
}

function proxy (port, target) {
  let up = 0;
  let down = 0;
  const server = net.createServer((client) => {
    const upstream = net.connect(target, '127.0.0.1');
    client.on('data', (chunk) => { up += chunk.length; upstream.write(chunk); });
    upstream.on('data', (chunk) => { down += chunk.length; client.write(chunk); });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  server.listen(port, '127.0.0.1', () => process.stderr.write('proxy ready\n'));
  process.on('SIGTERM', () => {
    print({ bytes_up: up, bytes_down: down });
    process.exit(0);
  });
}

const [command, ...args] = process.argv.slice(2);
const run = {
  push: () => push(args[0], args[1], args[2], args[3]),
  pull: () => pull(args[0], args[1], args[2], count(args[3])),
  proxy: () => proxy(count(args[0]), count(args[1])),
}[command];

if (run === undefined) {
  fail('usage: pouchdb-replicate.js push|pull|proxy …');
}
Promise.resolve(run()).catch((error) => fail(error.stack || String(error)));
