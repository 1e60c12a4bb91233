/**
 * Splits a (sanitised) line of text into runs that pdfkit can draw one after another: each run in one font and
 * one direction. Right-to-left runs (Hebrew, Arabic, …) are found with a small subset of the Unicode bidi
 * algorithm for a left-to-right paragraph: strong letters, numbers that follow a right-to-left letter, and the
 * neutrals between two right-to-left characters. A report line is English with embedded names, so explicit
 * embeddings are not needed (bidi controls never reach here: `pdfText` shows them as a visible mark).
 */

/** One piece of text in one font and direction, in the character order pdfkit must be given. */
export interface TextRun {
  text: string;
  fallback: boolean;
  rtl: boolean;
}

/** What the splitter needs to know about the two fonts. */
export interface RunFonts {
  /** The main font (DejaVu) has a glyph for the code point. */
  main(cp: number): boolean;
  /** The fallback font has a glyph for the code point. */
  fallback(cp: number): boolean;
  /** fontkit shapes and reverses a right-to-left string itself in this font (true for fonts with OpenType layout). */
  reverses: { main: boolean; fallback: boolean };
}

type Bidi = 'L' | 'R' | 'EN' | 'N';

const RTL = /[\p{Script_Extensions=Hebrew}\p{Script_Extensions=Arabic}\p{Script_Extensions=Syriac}\p{Script_Extensions=Thaana}\p{Script_Extensions=Nko}\p{Script_Extensions=Samaritan}\p{Script_Extensions=Mandaic}\p{Script_Extensions=Adlam}\p{Script_Extensions=Hanifi_Rohingya}]/u;
const DIGIT = /\p{Nd}/u;
const MARK = /\p{M}/u;
const LETTER = /\p{L}/u;
/** Paired brackets, which a right-to-left run shows mirrored: neither fontkit nor DejaVu mirrors them. */
const MIRROR: Readonly<Record<string, string>> = { '(': ')', ')': '(', '[': ']', ']': '[', '{': '}', '}': '{', '<': '>', '>': '<', '«': '»', '»': '«', '‹': '›', '›': '‹' };
/** Separators that stay inside a number (1,204.77) when it is part of a right-to-left run. */
const NUMBER_SEPARATOR = /[.,:/]/;

function classify(chars: readonly string[]): Bidi[] {
  const classes: Bidi[] = [];
  for (const ch of chars) {
    const previous = classes[classes.length - 1];
    if (MARK.test(ch) && previous) classes.push(previous);
    else if (DIGIT.test(ch)) classes.push('EN');
    else if (RTL.test(ch)) classes.push('R');
    else if (LETTER.test(ch)) classes.push('L');
    else classes.push('N');
  }
  return classes;
}

const CLOSING: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/**
 * Paired brackets take one direction, as in the bidi algorithm's rule N0: left to right if they enclose a
 * left-to-right letter; right to left if they enclose only right-to-left text and follow right-to-left text.
 */
function resolveBrackets(chars: readonly string[], levels: ('L' | 'R' | 'N')[]): void {
  const pairs: [number, number][] = [];
  const open: number[] = [];
  chars.forEach((ch, i) => {
    if (levels[i] !== 'N') return;
    if (ch === '(' || ch === '[' || ch === '{') open.push(i);
    const opener = CLOSING[ch];
    if (opener === undefined) return;
    const at = open.map((o) => chars[o]).lastIndexOf(opener);
    if (at < 0) return;
    pairs.push([open[at] ?? 0, i]);
    open.length = at;
  });
  pairs.sort((a, b) => a[0] - b[0]);
  for (const [o, c] of pairs) {
    const inside = levels.slice(o + 1, c);
    let before: 'L' | 'R' = 'L';
    for (let k = o - 1; k >= 0; k--) {
      const l = levels[k];
      if (l === 'L' || l === 'R') {
        before = l;
        break;
      }
    }
    const dir = inside.includes('L') ? 'L' : inside.includes('R') ? before : undefined;
    if (dir) levels[o] = levels[c] = dir;
  }
}

/** Per character: whether it is drawn right to left, and whether it is a digit (or separator) inside such a run. */
function resolve(chars: readonly string[]): { rtl: boolean[]; number: boolean[] } {
  const classes = classify(chars);
  // A number takes the direction of the last strong letter before it (the paragraph is left to right).
  let strong: 'L' | 'R' = 'L';
  const levels = classes.map((c): 'L' | 'R' | 'N' => {
    if (c === 'L' || c === 'R') strong = c;
    return c === 'EN' ? strong : c;
  });
  const number = classes.map((c, i) => c === 'EN' && levels[i] === 'R');
  // 1,204.77 after a right-to-left word: a single separator between two such digits is part of the number.
  for (let i = 1; i < chars.length - 1; i++) {
    if (number[i - 1] && number[i + 1] && NUMBER_SEPARATOR.test(chars[i] ?? '')) {
      number[i] = true;
      levels[i] = 'R';
    }
  }
  resolveBrackets(chars, levels);
  // Neutrals between two right-to-left characters are right to left; any other neutral follows the paragraph.
  const rtl = levels.map((l) => l === 'R');
  for (let i = 0; i < levels.length; ) {
    if (levels[i] !== 'N') {
      i++;
      continue;
    }
    let end = i;
    while (levels[end] === 'N') end++;
    const inside = i > 0 && end < levels.length && levels[i - 1] === 'R' && levels[end] === 'R';
    for (let k = i; k < end; k++) rtl[k] = inside;
    i = end;
  }
  return { rtl, number };
}

/** Reverses a right-to-left string for a font that does not reverse it itself, keeping numbers in reading order. */
function reverseKeepingNumbers(chars: readonly string[], number: readonly boolean[]): string {
  const units: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    if (number[i] && number[i - 1]) units[units.length - 1] += chars[i] ?? '';
    else units.push(chars[i] ?? '');
  }
  return units.reverse().join('');
}

/** Reverses only the numbers, for a font that reverses the whole right-to-left string (numbers included). */
function reverseNumbers(chars: readonly string[], number: readonly boolean[]): string {
  let out = '';
  for (let i = 0; i < chars.length; ) {
    let end = i;
    while (number[end]) end++;
    if (end > i) {
      out += chars.slice(i, end).reverse().join('');
      i = end;
    } else {
      out += chars[i] ?? '';
      i++;
    }
  }
  return out;
}

/**
 * The runs of `text` in drawing order. A character goes to the main font when it has the glyph, else to the
 * fallback; spaces, punctuation, digits and marks stay in the font of the character before them when it can
 * draw them, so runs are not cut at every space.
 */
export function textRuns(text: string, fonts: RunFonts): TextRun[] {
  const chars = [...text];
  const { rtl, number } = resolve(chars);
  const pieces: { chars: string[]; number: boolean[]; fallback: boolean; rtl: boolean }[] = [];
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0) ?? 0;
    const last = pieces[pieces.length - 1];
    const sticky = !LETTER.test(ch) && last !== undefined && (last.fallback ? fonts.fallback(cp) : fonts.main(cp));
    const fallback = sticky && last ? last.fallback : !fonts.main(cp);
    const dir = rtl[i] ?? false;
    const shown = dir ? (MIRROR[ch] ?? ch) : ch;
    if (last && last.fallback === fallback && last.rtl === dir) {
      last.chars.push(shown);
      last.number.push(number[i] ?? false);
    } else {
      pieces.push({ chars: [shown], number: [number[i] ?? false], fallback, rtl: dir });
    }
  });
  const runs: TextRun[] = [];
  for (let i = 0; i < pieces.length; ) {
    const piece = pieces[i];
    if (!piece) break;
    if (!piece.rtl) {
      runs.push({ text: piece.chars.join(''), fallback: piece.fallback, rtl: false });
      i++;
      continue;
    }
    // A right-to-left stretch drawn in more than one font: its pieces are laid out right to left too.
    let end = i;
    while (pieces[end]?.rtl) end++;
    const stretch = pieces.slice(i, end).reverse();
    for (const p of stretch) {
      const reverses = p.fallback ? fonts.reverses.fallback : fonts.reverses.main;
      runs.push({ text: reverses ? reverseNumbers(p.chars, p.number) : reverseKeepingNumbers(p.chars, p.number), fallback: p.fallback, rtl: true });
    }
    i = end;
  }
  return runs;
}
