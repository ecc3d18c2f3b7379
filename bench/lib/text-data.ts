// Loads the shared training CSVs for the text benchmarks (never committed; see ../shared/data).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const here = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = process.env.MIZAN_DATA_DIR ?? join(here, '..', '..', '..', 'shared', 'data');

export interface TopicRow {
  id: string;
  text: string;
  topic: string;
}
export interface StanceRow {
  id: string;
  text: string;
  target: string;
  stance: string;
}

function readCsv<T>(file: string): T[] {
  const csv = readFileSync(join(DATA_DIR, file), 'utf8');
  const parsed = Papa.parse<T>(csv, { header: true, skipEmptyLines: true });
  return parsed.data;
}

export function loadTopics(): TopicRow[] {
  return readCsv<TopicRow>('topics_train.csv').filter((r) => typeof r.text === 'string' && r.topic);
}

export function loadStance(): StanceRow[] {
  return readCsv<StanceRow>('mawqif_train.csv').filter((r) => typeof r.text === 'string' && r.stance);
}
