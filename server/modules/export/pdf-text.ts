// The PDF uses the standard PDF fonts (Helvetica), which every reader has and which need no font
// file, so the output is the same on every machine. They can only show Windows-1252 ("WinAnsi")
// characters; anything else would print as garbage, so it is replaced by its closest spelling.

const WIN_ANSI_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

const REPLACEMENTS: Record<string, string> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '―': '—',
  '′': "'",
  '″': '"',
  '✓': 'v',
  '✔': 'v',
  '✗': 'x',
  '✘': 'x',
  '☐': '[ ]',
  '☑': '[x]',
  '\u2009': ' ',
  '\u200A': ' ',
  '\u202F': ' ',
  '\u2007': ' ',
  '\u200B': '',
  '\u200C': '',
  '\u200D': '',
  '\uFEFF': '',
};

function isWinAnsi(character: string): boolean {
  const code = character.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || code === 0x0a || WIN_ANSI_EXTRAS.includes(character);
}

/** Text the standard PDF fonts can show: known symbols spelled out, accents kept where possible, the rest "?". */
export function toPdfText(text: string): string {
  let result = '';
  for (const character of text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, '    ')) {
    if (isWinAnsi(character)) {
      result += character;
      continue;
    }
    const replacement = REPLACEMENTS[character];
    if (replacement !== undefined) {
      result += replacement;
      continue;
    }
    // "ő" → "o": the letter without the accent is better than a question mark.
    const base = character.normalize('NFD').replace(/\p{M}+/gu, '');
    result += base && [...base].every(isWinAnsi) ? base : /\p{C}/u.test(character) ? '' : '?';
  }
  return result;
}
