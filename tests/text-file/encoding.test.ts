// --encoding auto on every encoding the importer reads, plus mixed and undecodable files.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTextStream } from '../../src/text-file/decode-stream.js';
import type { ReadCounter } from '../../src/text-file/decode-stream.js';
import { declaredCharset, decideEncoding, guessArabicSingleByte } from '../../src/text-file/encoding.js';
import { decodeBytes } from '../../src/text-file/read-file.js';
import { tempDir } from '../helpers/temp.js';

const TEXT = 'id,text\n1,"أعلنت الحكومة المغربية عن خطة جديدة لدعم الفلاحين في مواجهة الجفاف"\n2,"قال وزير الخارجية إن الاجتماع المقبل سيعقد في القاهرة"\n';

/** windows-1256 and ISO-8859-6 bytes of Arabic text (Node's ICU has no encoder: built by table). */
function singleByte(text: string, encoding: 'windows-1256' | 'iso-8859-6'): Buffer {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) {
    const c = decoder.decode(Uint8Array.of(b));
    if (c !== '\ufffd' && !table.has(c)) table.set(c, b);
  }
  return Buffer.from([...text].map((c) => table.get(c)!));
}

const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return le;
};

async function streamed(bytes: Buffer, choice: Parameters<typeof openTextStream>[2] = 'auto'): Promise<{ text: string; counter: ReadCounter }> {
  const file = join(tempDir(), 'f.csv');
  writeFileSync(file, bytes);
  const counter: ReadCounter = { bytes: 0 };
  let text = '';
  for await (const s of await openTextStream(file, counter, choice)) text += s as string;
  return { text, counter };
}

describe('encoding detection', () => {
  it('decodes each encoding with --encoding auto and says how it decided', async () => {
    const cases: [string, Buffer, string, string][] = [
      ['utf-8', Buffer.from(TEXT), 'utf-8', 'utf-8'],
      ['utf-8 + BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'utf-8', 'bom'],
      ['utf-16le + BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]), 'utf-16le', 'bom'],
      ['utf-16be + BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(TEXT)]), 'utf-16be', 'bom'],
      ['windows-1256', singleByte(TEXT, 'windows-1256'), 'windows-1256', 'detected'],
      ['iso-8859-6', singleByte(TEXT, 'iso-8859-6'), 'iso-8859-6', 'detected'],
    ];
    for (const [name, bytes, encoding, reason] of cases) {
      const { text, counter } = await streamed(bytes);
      expect(text, name).toBe(TEXT);
      expect(counter.decided, name).toMatchObject({ encoding, reason });
      const whole = decodeBytes(bytes, 'f.csv', 'auto');
      expect(whole.text, name).toBe(TEXT);
      expect(whole.decided, name).toMatchObject({ encoding, reason });
    }
  });

  it('takes a named encoding as given, including UTF-16 without a BOM', async () => {
    expect((await streamed(Buffer.from(TEXT, 'utf16le'), 'utf-16le')).text).toBe(TEXT);
    expect((await streamed(utf16be(TEXT), 'utf-16be')).text).toBe(TEXT);
    expect((await streamed(singleByte(TEXT, 'iso-8859-6'), 'iso-8859-6')).counter.decided).toMatchObject({ encoding: 'iso-8859-6', reason: 'given' });
  });

  it('tells windows-1256 from ISO-8859-6, and Latin-1 text from both', () => {
    expect(guessArabicSingleByte(singleByte(TEXT, 'windows-1256'))).toBe('windows-1256');
    expect(guessArabicSingleByte(singleByte(TEXT, 'iso-8859-6'))).toBe('iso-8859-6');
    expect(guessArabicSingleByte(Buffer.from('id,text\n1,"café crème à la française, élégant"\n', 'latin1'))).toBeUndefined();
  });

  it("reads an HTML page's <meta charset> and http-equiv declaration", () => {
    const arabic = singleByte('<p>أعلنت الحكومة</p>', 'windows-1256');
    const page = (head: string) => Buffer.concat([Buffer.from(`<html><head>${head}</head><body>`), arabic, Buffer.from('</body></html>')]);
    expect(declaredCharset(page('<meta charset="windows-1256">'))).toBe('windows-1256');
    expect(declaredCharset(page('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6">'))).toBe('iso-8859-6');
    // Declared ISO-8859-6 wins over the bytes' own look (they are windows-1256 here): the page says so.
    expect(decideEncoding('auto', page('<meta charset="iso-8859-6">'), { whole: true, html: true })).toMatchObject({
      encoding: 'iso-8859-6',
      reason: 'declared',
    });
    expect(decodeBytes(page('<meta charset="windows-1256">'), 'p.html', 'auto', { html: true }).text).toContain('<p>أعلنت الحكومة</p>');
  });

  it('still names the line of a file that is none of them, and of a mixed file', async () => {
    const latin1 = Buffer.from('id,text\n1,ok\n2,"caf\xe9"\n', 'latin1');
    await expect(streamed(latin1)).rejects.toThrow(/line 3: is not valid UTF-8/);
    expect(() => decodeBytes(latin1, 'f.csv', 'auto')).toThrow(/f\.csv: line 3: is not valid UTF-8/);
    // UTF-8 first, a windows-1256 line further on (past the first 1 MiB chunk, which decided UTF-8).
    const head = Buffer.from('id,text\n' + '1,"سطر صحيح"\n'.repeat(80_000));
    const mixed = Buffer.concat([head, singleByte('2,"سطر آخر"\n', 'windows-1256')]);
    await expect(streamed(mixed)).rejects.toThrow(/line 80002: is not valid UTF-8/);
    // Bytes ISO-8859-6 does not assign, read as ISO-8859-6.
    await expect(streamed(Buffer.from('id,text\n1,"\xc7\xe4"\n2,"\xff"\n', 'latin1'), 'iso-8859-6')).rejects.toThrow(/line 3: is not valid iso-8859-6/);
  });
});
