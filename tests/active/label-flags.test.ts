import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDb, tempDir } from '../helpers/temp.js';

describe('mizan label: the active-learning flags', () => {
  it('are parsed before the screen opens, with one-line usage errors', async () => {
    const db = await tempDb();
    await db.close();
    const cli = (args: string[]) => runCli(['--db', db.url, '--models', tempDir(), 'label', ...args]);
    const other = await cli(['--strategy', 'margin']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--strategy, --explore and --heads order the uncertain queue: add --queue uncertain');
    const explore = await cli(['--queue', 'uncertain', '--explore', '1.5']);
    expect(explore.code).toBe(2);
    expect(explore.stderr).toContain('--explore: "1.5" is not a number from 0 to 1');
    const strategy = await cli(['--queue', 'uncertain', '--strategy', 'confident']);
    expect(strategy.code).toBe(2);
    expect(strategy.stderr).toContain('--strategy: "confident" is not one of least-confidence, margin, entropy, random');
    const heads = await cli(['--queue', 'uncertain', '--heads', 'both']);
    expect(heads.stderr).toContain('--heads: "both" is not one of topics, stance, all');
    // Valid flags get as far as the terminal check.
    const ok = await cli(['--queue', 'uncertain', '--strategy', 'entropy', '--heads', 'stance', '--explore', '0.2']);
    expect(ok.stderr).toContain('the labeling screen needs a terminal');
    const help = await runCli(['label', '--help']);
    expect(help.stdout).toMatch(/--strategy <name>[\s\S]*--explore <share>[\s\S]*--heads <which>/);
  });
});
