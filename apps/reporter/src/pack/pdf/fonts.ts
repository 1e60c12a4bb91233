/**
 * The fonts the PDF embeds, all from npm packages: DejaVu Sans (TrueType, dejavu-fonts-ttf) for text, and
 * UnifontEX (@fontsource/unifontex, OFL) as the fallback for scripts DejaVu lacks. UnifontEX ships as WOFF 1.0;
 * fontkit re-inflates WOFF tables on every read, which makes subsetting a 65,000-glyph font take seconds, so it
 * is unpacked once into a plain TrueType buffer here (WOFF 1.0 is zlib-compressed sfnt tables plus a header).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';

const require = createRequire(import.meta.url);

export const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
export const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const FONT_FALLBACK_WOFF = require.resolve('@fontsource/unifontex/files/unifontex-latin-400-normal.woff');

/** Rebuilds the sfnt (TrueType/OpenType) file a WOFF 1.0 file wraps. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.push({ tag: woff.readUInt32BE(at), checksum: woff.readUInt32BE(at + 16), data: compLength < origLength ? inflateSync(raw) : raw });
  }
  let selector = 0;
  while (1 << (selector + 1) <= numTables) selector++;
  const searchRange = (1 << selector) * 16;
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(searchRange, 6);
  header.writeUInt16BE(selector, 8);
  header.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((table, i) => {
    const at = 12 + i * 16;
    header.writeUInt32BE(table.tag, at);
    header.writeUInt32BE(table.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(table.data.length, at + 12);
    const pad = (4 - (table.data.length % 4)) % 4;
    parts.push(table.data, Buffer.alloc(pad));
    offset += table.data.length + pad;
  });
  return Buffer.concat(parts);
}

let fallback: Buffer | undefined;

/** The fallback font as TrueType bytes (unpacked once per process). */
export function fallbackFont(): Buffer {
  fallback ??= woffToSfnt(readFileSync(FONT_FALLBACK_WOFF));
  return fallback;
}
