import { RtlModeError } from './errors.js';

// Who puts right-to-left text in visual order, following the terminal-wg BiDi recommendation
// (Egmont Koblinger, "BiDi in Terminal Emulators"):
// - `app`: Mizan wraps, shapes and reorders each line itself and switches the terminal to explicit
//   mode (BDSM reset, `CSI 8 l`) so a bidi-aware terminal does not reorder it a second time. Terminals
//   without bidi (xterm, kitty, Alacritty, Windows Terminal, WezTerm by default) ignore the sequence
//   and show the cells as sent, which is what we want.
// - `terminal`: text goes out in logical order and the terminal, in implicit mode (BDSM set,
//   `CSI 8 h`, the recommended default), reorders and shapes it: VTE >= 0.58 (GNOME Terminal, Tilix,
//   ...), Konsole and mlterm.

export type RtlMode = 'app' | 'terminal';

export interface RtlModeDetection {
  mode: RtlMode;
  /** One line for the status bar: what was seen and why it leads to this mode. */
  reason: string;
}

/** BDSM reset: explicit mode, the application sends cells in visual order. */
export const EXPLICIT_MODE = '\x1b[8l';
/** BDSM set: implicit mode, the terminal runs the bidi algorithm (the recommendation's default). */
export const IMPLICIT_MODE = '\x1b[8h';
/** SCP 1: left-to-right character path, so the cells we send in visual order are laid out left to right. */
export const DIRECTION_LTR = '\x1b[1 k';
/** SCP 0: the terminal's default paragraph direction. */
export const DIRECTION_DEFAULT = '\x1b[0 k';

/**
 * What to write on startup in `app` mode. The recommendation asks explicit-mode apps to also set the
 * direction: a user who left the terminal in RTL would otherwise see every row mirrored. Terminals
 * without bidi ignore both sequences.
 */
export function enterExplicitMode(): string {
  return EXPLICIT_MODE + DIRECTION_LTR;
}

/**
 * What to write on exit (and when switching to `terminal` mode). A terminal cannot be asked for its
 * BDSM state reliably, so this returns it to the recommendation's defaults: implicit mode, default
 * direction, which is also what every bidi-aware terminal starts in.
 */
export function restoreTerminalMode(): string {
  return IMPLICIT_MODE + DIRECTION_DEFAULT;
}

/** The sequence to write when (re)entering a mode, e.g. after the toggle key. */
export function modeSequence(mode: RtlMode): string {
  return mode === 'app' ? enterExplicitMode() : restoreTerminalMode();
}

export function toggleRtlMode(mode: RtlMode): RtlMode {
  return mode === 'app' ? 'terminal' : 'app';
}

/** Parses a user-given mode (`--rtl`, `MIZAN_RTL`); `auto` is returned as null. */
export function parseRtlMode(value: string, source: string): RtlMode | null {
  const v = value.trim().toLowerCase();
  if (v === 'app' || v === 'terminal') return v;
  if (v === 'auto') return null;
  throw new RtlModeError(value, source);
}

// VTE gained bidi (implicit mode, BDSM) in 0.58; VTE_VERSION encodes 0.58.0 as 5800.
const VTE_BIDI_SINCE = 5800;

/**
 * Picks the mode from what the terminal reveals in the environment. Terminals that reorder by
 * themselves get `terminal`; all others get `app`. `MIZAN_RTL=app|terminal` overrides. Environment
 * variables leak into child terminals (an xterm started from GNOME Terminal inherits VTE_VERSION), so
 * the reason is shown on screen and a key toggles the mode.
 */
export function detectRtlMode(env: Record<string, string | undefined>): RtlModeDetection {
  const override = env['MIZAN_RTL'];
  if (override !== undefined && override.trim() !== '') {
    const mode = parseRtlMode(override, 'MIZAN_RTL');
    if (mode !== null) return { mode, reason: `MIZAN_RTL=${mode}` };
  }
  const vte = env['VTE_VERSION'];
  if (vte !== undefined && vte !== '') {
    const version = Number.parseInt(vte, 10);
    if (Number.isFinite(version) && version < VTE_BIDI_SINCE) {
      return { mode: 'app', reason: `VTE ${vte} predates terminal bidi (0.58): Mizan reorders` };
    }
    return { mode: 'terminal', reason: `VTE terminal (VTE_VERSION=${vte}) reorders bidi text itself` };
  }
  const konsole = env['KONSOLE_VERSION'];
  if (konsole !== undefined && konsole !== '') {
    return { mode: 'terminal', reason: `Konsole (KONSOLE_VERSION=${konsole}) reorders bidi text itself` };
  }
  const term = env['TERM'] ?? '';
  if (term.startsWith('mlterm') || (env['MLTERM'] ?? '') !== '') {
    return { mode: 'terminal', reason: 'mlterm reorders bidi text itself' };
  }
  return { mode: 'app', reason: `${describeTerminal(env)} does not reorder bidi text: Mizan reorders` };
}

function describeTerminal(env: Record<string, string | undefined>): string {
  const has = (name: string): boolean => (env[name] ?? '') !== '';
  if (has('KITTY_WINDOW_ID')) return 'kitty';
  if (has('ALACRITTY_WINDOW_ID') || has('ALACRITTY_SOCKET') || has('ALACRITTY_LOG')) return 'Alacritty';
  if (has('WT_SESSION')) return 'Windows Terminal';
  if (has('TERM_PROGRAM')) return env['TERM_PROGRAM'] as string;
  const term = env['TERM'] ?? '';
  return term === '' ? 'this terminal' : `TERM=${term}`;
}
