import { describe, expect, it } from 'vitest';
import { isRtlModeError } from '../../src/display/errors.js';
import { detectRtlMode, modeSequence, parseRtlMode, toggleRtlMode } from '../../src/display/render.js';

describe('detectRtlMode', () => {
  it('GNOME Terminal / VTE >= 0.58 reorders itself: terminal mode', () => {
    const d = detectRtlMode({ TERM: 'xterm-256color', VTE_VERSION: '7600', COLORTERM: 'truecolor' });
    expect(d.mode).toBe('terminal');
    expect(d.reason).toContain('VTE_VERSION=7600');
  });
  it('VTE before 0.58 has no bidi: app mode', () => {
    expect(detectRtlMode({ TERM: 'xterm-256color', VTE_VERSION: '5202' }).mode).toBe('app');
  });
  it('Konsole: terminal mode', () => {
    const d = detectRtlMode({ TERM: 'xterm-256color', KONSOLE_VERSION: '230805' });
    expect(d).toEqual({ mode: 'terminal', reason: expect.stringContaining('Konsole') });
  });
  it('mlterm: terminal mode, by TERM or by MLTERM', () => {
    expect(detectRtlMode({ TERM: 'mlterm' }).mode).toBe('terminal');
    expect(detectRtlMode({ TERM: 'xterm', MLTERM: '3.9.3' }).mode).toBe('terminal');
  });
  it('xterm, kitty, Alacritty, Windows Terminal: app mode, named in the reason', () => {
    expect(detectRtlMode({ TERM: 'xterm-256color' })).toEqual({ mode: 'app', reason: expect.stringContaining('TERM=xterm-256color') });
    expect(detectRtlMode({ TERM: 'xterm-kitty', KITTY_WINDOW_ID: '1' })).toEqual({ mode: 'app', reason: expect.stringContaining('kitty') });
    expect(detectRtlMode({ TERM: 'alacritty', ALACRITTY_WINDOW_ID: '9' }).reason).toContain('Alacritty');
    expect(detectRtlMode({ WT_SESSION: 'abc' }).reason).toContain('Windows Terminal');
    expect(detectRtlMode({}).mode).toBe('app');
  });
  it('MIZAN_RTL overrides detection; auto falls through; garbage is a clear error', () => {
    expect(detectRtlMode({ VTE_VERSION: '7600', MIZAN_RTL: 'app' })).toEqual({ mode: 'app', reason: 'MIZAN_RTL=app' });
    expect(detectRtlMode({ TERM: 'xterm', MIZAN_RTL: 'Terminal' }).mode).toBe('terminal');
    expect(detectRtlMode({ VTE_VERSION: '7600', MIZAN_RTL: 'auto' }).mode).toBe('terminal');
    let error: unknown;
    try {
      detectRtlMode({ MIZAN_RTL: 'ltr' });
    } catch (e) {
      error = e;
    }
    expect(isRtlModeError(error)).toBe(true);
    expect((error as Error).message).toBe('MIZAN_RTL: unknown right-to-left mode "ltr" (expected app, terminal or auto)');
  });
});

describe('mode helpers', () => {
  it('toggle and escape sequences', () => {
    expect(toggleRtlMode('app')).toBe('terminal');
    expect(toggleRtlMode('terminal')).toBe('app');
    expect(modeSequence('app')).toBe('\x1b[8l\x1b[1 k');
    expect(modeSequence('terminal')).toBe('\x1b[8h\x1b[0 k');
    expect(parseRtlMode(' auto ', '--rtl')).toBeNull();
    expect(() => parseRtlMode('rtl', '--rtl')).toThrow('--rtl: unknown right-to-left mode "rtl"');
  });
});
