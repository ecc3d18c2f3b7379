// Export throughput and memory: `mizan export` (wide CSV) of 1,000,000 labels vs the sqlite3 shell
// (`sqlite3 -csv`) dumping the same rows with one SQL query, in one run; peak RSS of each process.
// A second, 10× smaller database shows whether Mizan's memory stays flat as the export grows.
//   npx tsx bench/export.ts [--labels 1000000] [--runs 3] [--out /tmp/mizan-bench]
// Needs GNU time (/usr/bin/time) and the sqlite3 shell.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { median } from './lib/stats.js';

const { values } = parseArgs({
  options: {
    labels: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: '/tmp/mizan-bench' },
  },
});
const big = Number(values.labels);
const runs = Number(values.runs);
mkdirSync(values.out, { recursive: true });
const bin = resolve(import.meta.dirname, '../bin/mizan.js');
const codebook = resolve(import.meta.dirname, '../seeds/codebook.yaml');

const ANNOTATORS = ['salma', 'يوسف', 'karim', 'reviewer'];
const TOPICS = [
  'counter_terrorism',
  'intelligence_cooperation',
  'algeria_morocco',
  'western_sahara',
  'libya_conflict',
  'sahel_security',
  'borders_migration',
  'diplomacy',
];
const TARGETS = ['algeria', 'morocco', 'dz_ma_cooperation'];
const VALUES = ['favor', 'against', 'neutral', 'not_addressed'];
const NOTES = [null, null, null, 'قال: "نعم"، ثم\nذهب', '=HYPERLINK("x")', 'مقال مهم، يرجى المراجعة', 'unclear 🤔'];

/** A migrated database with the seed codebook and `labels` labels (4 per article), built once and cached. */
function buildDb(labels: number): string {
  const file = join(values.out, `export-${labels}.db`);
  if (existsSync(file)) return file;
  const tmp = `${file}.building`;
  rmSync(tmp, { force: true });
  execFileSync('node', [bin, '--db', `file:${tmp}`, 'codebook', 'import', codebook], { stdio: 'ignore' });
  const db = new Database(tmp);
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  const now = '2026-01-15T10:00:00.000+00:00';
  const insertAnnotator = db.prepare('INSERT INTO "Annotator" (name, role) VALUES (?, ?)');
  const insertArticle = db.prepare(
    'INSERT INTO "Article" (id, "externalId", source, title, body, "rawText", "publishedAt", "contentHash") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertLabel = db.prepare(
    'INSERT INTO "Label" ("articleId", "annotatorId", kind, version, note, skipped, "topicsLabeled", "confirmedAt", "updatedAt") VALUES (?, ?, ?, 1, ?, ?, 1, ?, ?)',
  );
  const insertTopic = db.prepare('INSERT INTO "LabelTopic" ("labelId", "topicKey") VALUES (?, ?)');
  const insertStance = db.prepare('INSERT INTO "LabelStance" ("labelId", "targetKey", "valueKey") VALUES (?, ?, ?)');
  db.transaction(() => {
    const ids = ANNOTATORS.map((name, i) => Number(insertAnnotator.run(name, i === 3 ? 'reviewer' : 'annotator').lastInsertRowid));
    for (let a = 0; a < labels / ANNOTATORS.length; a++) {
      const id = `a${a.toString(16).padStart(16, '0')}`;
      insertArticle.run(
        id,
        `ext-${a}`,
        a % 2 === 0 ? 'هسبريس' : 'بوابة الوسط',
        `تفكيك خلية، "رقم" ${a} في الجزائر`,
        `نص المقال ${a}`,
        `نص المقال ${a}`,
        '2025-03-01T10:00:00.000+00:00',
        `hash-${a}`,
      );
      for (const [k, annotatorId] of ids.entries()) {
        const n = a * 4 + k;
        const label = Number(
          insertLabel.run(id, annotatorId, k === 3 ? 'adjudication' : 'annotation', NOTES[n % NOTES.length], n % 17 === 0 ? 1 : 0, now, now).lastInsertRowid,
        );
        insertTopic.run(label, TOPICS[n % TOPICS.length]);
        if (n % 3 === 0) insertTopic.run(label, TOPICS[(n + 3) % TOPICS.length]);
        insertStance.run(label, TARGETS[n % TARGETS.length], VALUES[n % VALUES.length]);
        if (n % 2 === 0) insertStance.run(label, TARGETS[(n + 1) % TARGETS.length], VALUES[(n >> 1) % VALUES.length]);
      }
    }
  })();
  db.close();
  renameSync(tmp, file);
  return file;
}

// The same rows and columns as `mizan export` (wide): topics sorted and joined by |, one column per
// stance target, in the same order. No formula guard or ISO reformatting: sqlite3 prints as stored.
const PEER_SQL = `
SELECT a.id AS article_id, a."externalId" AS external_id, a.source, a.title, a."publishedAt" AS published_at,
       n.name AS annotator, l.kind,
       (SELECT group_concat("topicKey", '|') FROM (SELECT "topicKey" FROM "LabelTopic" t WHERE t."labelId" = l.id ORDER BY "topicKey")) AS topics,
       CASE l."topicsLabeled" WHEN 1 THEN 'true' ELSE 'false' END AS topics_labeled,
       ${TARGETS.map((t) => `(SELECT "valueKey" FROM "LabelStance" s WHERE s."labelId" = l.id AND s."targetKey" = '${t}') AS "stance:${t}"`).join(',\n       ')},
       l.note, CASE l.skipped WHEN 1 THEN 'true' ELSE 'false' END AS skipped, l."confirmedAt" AS labeled_at, l."updatedAt" AS updated_at, l.version AS codebook_version
FROM "Label" l JOIN "Article" a ON a.id = l."articleId" JOIN "Annotator" n ON n.id = l."annotatorId"
ORDER BY l."articleId", l."annotatorId", l.kind;`;

interface Sample {
  seconds: number;
  /** User + system CPU seconds of the process: unlike wall time, hardly affected by other jobs. */
  cpu: number;
  rssMb: number;
  rows: number;
}

/** Runs a command under GNU time with stdout to `outFile`; wall seconds and peak RSS. */
function measure(cmd: string, args: string[], outFile: string): Sample {
  const fd = openSync(outFile, 'w');
  const p = spawnSync('/usr/bin/time', ['-f', '%e %M %U %S', cmd, ...args], { stdio: ['ignore', fd, 'pipe'], maxBuffer: 16 << 20 });
  closeSync(fd);
  const err = p.stderr.toString().trim().split('\n');
  if (p.status !== 0) throw new Error(`${cmd} failed: ${err.join('\n')}`);
  const [seconds = 'NaN', kb = 'NaN', user = 'NaN', sys = 'NaN'] = (err.at(-1) ?? '').split(' ');
  const lines = Number(
    execFileSync('python3', [
      '-c',
      'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"))) - 1)',
      outFile,
    ]).toString(),
  );
  // sqlite3 prints no header for an empty result, hence max(0, …).
  return { seconds: Number(seconds), cpu: Number(user) + Number(sys), rssMb: Number(kb) / 1024, rows: Math.max(0, lines) };
}

const sizes = [0, Math.round(big / 10), big];
const results: { size: number; tool: string; samples: Sample[] }[] = [];
for (const size of sizes) {
  // 0 labels: a migrated database with the codebook only, to show the fixed start-up cost.
  const db = buildDb(size);
  const mizan: Sample[] = [];
  const sqlite: Sample[] = [];
  const out = join(values.out, 'export-out.csv');
  for (let r = 0; r < runs; r++) {
    // Mizan first opens (and migrates, a no-op here) the database; that start-up is in the time.
    mizan.push(measure('node', [bin, '--db', `file:${db}`, 'export', '--out', '-'], out));
    sqlite.push(measure('sqlite3', ['-csv', '-header', db, PEER_SQL], out));
    process.stderr.write(
      `${size} labels, run ${r + 1}: mizan ${mizan.at(-1)!.seconds}s (cpu ${mizan.at(-1)!.cpu.toFixed(2)}) ${mizan.at(-1)!.rssMb.toFixed(0)} MB, sqlite3 ${sqlite.at(-1)!.seconds}s (cpu ${sqlite.at(-1)!.cpu.toFixed(2)}) ${sqlite.at(-1)!.rssMb.toFixed(0)} MB, load ${loadavg()[0]!.toFixed(1)}\n`,
    );
  }
  for (const s of [...mizan, ...sqlite]) if (s.rows !== size) throw new Error(`expected ${size} rows, got ${s.rows}`);
  results.push({ size, tool: 'mizan export (wide CSV, guarded)', samples: mizan }, { size, tool: 'sqlite3 -csv (same rows, one query)', samples: sqlite });
}
rmSync(join(values.out, 'export-out.csv'), { force: true });

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; load average at end ${loadavg()[0]!.toFixed(1)}`,
);
console.log(`${runs} runs each, median; database file ${(statSync(buildDb(big)).size / 1e6).toFixed(0)} MB for ${big} labels`);
console.log('| labels | tool | wall s | rows/s (wall) | CPU s | rows per CPU s | peak RSS MB |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const { size, tool, samples } of results) {
  const s = median(samples.map((x) => x.seconds));
  const c = median(samples.map((x) => x.cpu));
  const rate = (t: number) => (size === 0 ? '–' : Math.round(size / t).toLocaleString('en'));
  console.log(
    `| ${size.toLocaleString('en')} | ${tool} | ${s.toFixed(2)} | ${rate(s)} | ${c.toFixed(2)} | ${rate(c)} | ${median(samples.map((x) => x.rssMb)).toFixed(0)} |`,
  );
}
const at = (size: number, tool: string) => results.find((x) => x.size === size && x.tool.startsWith(tool))!.samples;
const m = median(at(big, 'mizan').map((x) => x.seconds));
const q = median(at(big, 'sqlite3').map((x) => x.seconds));
const mc = median(at(big, 'mizan').map((x) => x.cpu));
const qc = median(at(big, 'sqlite3').map((x) => x.cpu));
const start = median(at(0, 'mizan').map((x) => x.seconds));
const startCpu = median(at(0, 'mizan').map((x) => x.cpu));
console.log(`ratio at ${big.toLocaleString('en')} labels (mizan rows/s ÷ sqlite3 rows/s): wall ${(q / m).toFixed(2)}, CPU ${(qc / mc).toFixed(2)}`);
console.log(
  `mizan without its fixed start-up (the 0-label run: ${start.toFixed(2)} s wall, ${startCpu.toFixed(2)} s CPU): ${Math.round(big / (m - start)).toLocaleString('en')} rows/s wall, ${Math.round(big / (mc - startCpu)).toLocaleString('en')} rows per CPU s`,
);
console.log(
  `mizan peak RSS ${median(at(sizes[0]!, 'mizan').map((x) => x.rssMb)).toFixed(0)} MB at ${sizes[0]!.toLocaleString('en')} labels vs ${median(at(big, 'mizan').map((x) => x.rssMb)).toFixed(0)} MB at ${big.toLocaleString('en')}`,
);
