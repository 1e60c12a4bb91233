/**
 * Turns `tmux capture-pane -e -p` output (text with SGR colour escapes) into an SVG of the terminal: one cell per
 * character on a fixed grid, so the README shows what an operator sees, as text, at any zoom. Used by
 * render.mjs; handles the SGR subset a terminal UI uses (16/256/RGB colours, bold, dim, italic, underline, inverse).
 */

// A dark terminal palette (xterm's ANSI colours, softened the way most terminal themes do).
const ANSI = ['#1e1e1e', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#d0d0d0',
  '#5c6370', '#ff7b86', '#b5e890', '#ffd68a', '#82c4ff', '#dd9cf0', '#7fd3de', '#ffffff'];
const FG = '#d0d0d0';
const BG = '#1e1e1e';

function xterm256(n) {
  if (n < 16) return ANSI[n];
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const level = (c) => (c === 0 ? 0 : 55 + c * 40);
  return `rgb(${level(Math.floor(i / 36))},${level(Math.floor(i / 6) % 6)},${level(i % 6)})`;
}

const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Applies one SGR parameter list to the style. */
function applySgr(style, params) {
  const p = params.length ? params.map(Number) : [0];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === 0) Object.assign(style, { fg: undefined, bg: undefined, bold: false, dim: false, italic: false, underline: false, inverse: false });
    else if (c === 1) style.bold = true;
    else if (c === 2) style.dim = true;
    else if (c === 3) style.italic = true;
    else if (c === 4) style.underline = true;
    else if (c === 7) style.inverse = true;
    else if (c === 22) Object.assign(style, { bold: false, dim: false });
    else if (c === 23) style.italic = false;
    else if (c === 24) style.underline = false;
    else if (c === 27) style.inverse = false;
    else if (c >= 30 && c <= 37) style.fg = ANSI[c - 30];
    else if (c >= 90 && c <= 97) style.fg = ANSI[c - 90 + 8];
    else if (c === 39) style.fg = undefined;
    else if (c >= 40 && c <= 47) style.bg = ANSI[c - 40];
    else if (c >= 100 && c <= 107) style.bg = ANSI[c - 100 + 8];
    else if (c === 49) style.bg = undefined;
    else if ((c === 38 || c === 48) && p[i + 1] === 5) {
      style[c === 38 ? 'fg' : 'bg'] = xterm256(p[i + 2]);
      i += 2;
    } else if ((c === 38 || c === 48) && p[i + 1] === 2) {
      style[c === 38 ? 'fg' : 'bg'] = `rgb(${p[i + 2]},${p[i + 3]},${p[i + 4]})`;
      i += 4;
    }
  }
}

/** Splits captured lines into runs of equally styled characters, with their starting column. */
function toRuns(text) {
  const style = {};
  return text.replace(/\n$/, '').split('\n').map((line) => {
    const runs = [];
    let col = 0;
    let current;
    const re = /\u001b\[([0-9;]*)m|([^\u001b])/gu;
    for (const m of line.matchAll(re)) {
      if (m[1] !== undefined) {
        applySgr(style, m[1] ? m[1].split(';') : []);
        current = undefined;
        continue;
      }
      if (!current) {
        current = { col, text: '', ...style };
        runs.push(current);
      }
      current.text += m[2];
      col += 1;
    }
    return runs;
  });
}

/** The SVG of a captured pane of `columns` × `rows` cells. */
export function ansiToSvg(captured, { columns, rows, title }) {
  const cw = 8.4; // cell width and height for a 14 px monospace font
  const ch = 18;
  const pad = 12;
  const width = Math.ceil(columns * cw + pad * 2);
  const height = Math.ceil(rows * ch + pad * 2);
  const backgrounds = [];
  const texts = [];
  toRuns(captured).slice(0, rows).forEach((runs, row) => {
    const y = pad + row * ch;
    for (const run of runs) {
      const fg = run.inverse ? (run.bg ?? BG) : (run.fg ?? FG);
      const bg = run.inverse ? (run.fg ?? FG) : run.bg;
      const x = pad + run.col * cw;
      const w = run.text.length * cw;
      if (bg) backgrounds.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ch}" fill="${bg}"/>`);
      if (!run.text.trim()) continue;
      const attrs = [`x="${x.toFixed(1)}"`, `y="${y + 13}"`, `fill="${fg}"`, `textLength="${w.toFixed(1)}"`, 'lengthAdjust="spacingAndGlyphs"'];
      if (run.bold) attrs.push('font-weight="bold"');
      if (run.dim) attrs.push('opacity="0.6"');
      if (run.italic) attrs.push('font-style="italic"');
      if (run.underline) attrs.push('text-decoration="underline"');
      texts.push(`<text ${attrs.join(' ')}>${escapeXml(run.text)}</text>`);
    }
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" rx="6" fill="${BG}"/>`,
    ...backgrounds,
    `<g font-family="'DejaVu Sans Mono', Menlo, Consolas, monospace" font-size="14" xml:space="preserve">`,
    ...texts,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
