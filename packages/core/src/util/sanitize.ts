/**
 * Terminal-safe text: strings from AWS (names, tags, status messages) can carry escape sequences that
 * recolour, retitle or clear a terminal, and bidi controls that reorder what a reader sees.
 */
// CSI / OSC / other ESC sequences, then any remaining C0/C1 control (tab and newline become spaces).
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// Bidi embeddings/overrides/isolates and marks: shown as a visible placeholder so nothing is silently reordered.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Removes escape sequences and control characters; replaces bidi controls with a visible `⟨bidi⟩` mark. */
export function sanitizeForTerminal(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, ' ').replace(BIDI, '⟨bidi⟩');
}
