// The terminal is given back as it was found: app mode switches to explicit bidi mode on start and
// back to the implicit default on quit — also when the annotator leaves with Ctrl-C.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { enterExplicitMode, restoreTerminalMode } from '../../src/display/mode.js';
import { tempDb } from '../helpers/temp.js';
import { addArticles, seedCodebook, session } from '../labels/label-fixture.js';
import { runLabeling } from '../../tui/run.js';

class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

class FakeStdout extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  out = '';
  write = (s: string) => {
    this.out += s;
    return true;
  };
}

async function runUntilQuit(key: string, mode: 'app' | 'terminal') {
  const db = await tempDb();
  await seedCodebook(db);
  await addArticles(db, 2);
  const stdin = new FakeStdin();
  const stdout = new FakeStdout();
  const done = runLabeling({
    db,
    session: await session(db),
    rtl: { mode, reason: 'test' },
    stdin: stdin as never,
    stdout: stdout as never,
    stderr: new FakeStdout() as never,
  });
  for (let i = 0; i < 500 && !stdout.out.includes('Counter-terrorism'); i++) await new Promise((r) => setTimeout(r, 10));
  stdin.write('1');
  await new Promise((r) => setTimeout(r, 50));
  stdin.write(key);
  await done;
  return { out: stdout.out, db };
}

describe('terminal modes on start and exit', () => {
  it('app mode: explicit mode first, restored after Ctrl-C, and the change before it is saved', async () => {
    const { out, db } = await runUntilQuit('\x03', 'app');
    expect(out.startsWith('\x1b[?1049h' + enterExplicitMode())).toBe(true);
    expect(out.endsWith(restoreTerminalMode() + '\x1b[?1049l')).toBe(true);
    expect(await db.prisma.labelTopic.count()).toBe(1);
  });

  it('terminal mode: implicit mode on start; q quits the same way', async () => {
    const { out } = await runUntilQuit('q', 'terminal');
    expect(out.startsWith('\x1b[?1049h' + restoreTerminalMode())).toBe(true);
    expect(out.includes(enterExplicitMode())).toBe(false);
    expect(out.endsWith(restoreTerminalMode() + '\x1b[?1049l')).toBe(true);
  });
});
