// The one gate for untrusted text (every byte from the network). Before such text reaches
// the log, an annotation, an output or the summary it is redacted, stripped of anything the
// runner or a terminal would act on, and capped. The markdown escape and the shape checks
// for ids live here too, so every caller gets the same rules.

/** Values the runner masks (setSecret feeds this), redacted from quoted text before it is cut. */
const secrets = new Set<string>();

export function registerSecret(value: string): void {
  // Also as clean() normalises it, so the secret is found in normalised text.
  for (const form of [value, normalise(value)]) if (form.length >= 4) secrets.add(form); // shorter ones would redact ordinary words
}

/** TC3 credentials and signatures, wherever a server echoes them (an Authorization header, say). */
const CREDENTIAL_PATTERNS: Array<[RegExp, string]> = [
  [/(Credential=)[^\s,;"'/]+/gi, '$1***'],
  [/(Signature=)[0-9a-f]+/gi, '$1***'],
  [/(X-TC-Token["']?\s*[:=]\s*["']?)[^\s,;"']+/gi, '$1***'],
  [/(Authorization["']?\s*[:=]\s*["']?)(?!\*\*\*)[^\r\n"']+/gi, '$1***'],
];

/**
 * Where `secret` stands in `text` at `at`, whole or with one character inserted inside it (an
 * echo a hostile server disguised so the runner's exact mask misses it): its length, or 0.
 */
export function matchAt(text: string, secret: string, at: number): number {
  let same = 0;
  for (const ch of secret.split('')) {
    if (text[at + same] !== ch) break;
    same++;
  }
  if (same === secret.length) return same;
  // The first difference is the inserted character, if any (an earlier one would match here
  // too); one outside the BMP takes two UTF-16 units.
  const inserted = text.codePointAt(at + same)! > 0xffff ? 2 : 1;
  return same > 0 && text.startsWith(secret.slice(same), at + same + inserted) ? secret.length + inserted : 0;
}

/**
 * Every place `secret` stands in `text`, whole or with one character inserted: [start, end)
 * pairs. With one insertion either half stays whole, so only where a half is found is checked.
 */
export function findSecret(text: string, secret: string): Array<[number, number]> {
  const half = secret.length >> 1;
  const found: Array<[number, number]> = [];
  const tryAt = (at: number) => {
    const length = matchAt(text, secret, at);
    if (length) found.push([at, at + length]);
  };
  for (let at = text.indexOf(secret.slice(0, half)); at >= 0; at = text.indexOf(secret.slice(0, half), at + 1))
    tryAt(at);
  const tail = secret.slice(half);
  // The second half whole after an insertion in the first: the secret starts one or two units
  // (a character outside the BMP) further back than whole.
  for (let at = text.indexOf(tail); at >= 0; at = text.indexOf(tail, at + 1)) {
    tryAt(at - half - 1);
    tryAt(at - half - 2);
  }
  return found;
}

export function redact(text: string): string {
  // Overlapping finds (a secret inside another, or found from both halves) become one ***.
  const found = [...secrets].flatMap((s) => findSecret(text, s)).sort((a, b) => a[0] - b[0]);
  let out = '';
  let from = 0;
  for (const [start, end] of found) {
    if (start >= from) out += `${text.slice(from, start)}***`;
    from = Math.max(from, end);
  }
  out += text.slice(from);
  for (const [re, by] of CREDENTIAL_PATTERNS) out = out.replace(re, by);
  return out;
}

/** C0/C1 controls (ESC colour codes included), DEL and the Unicode line and paragraph separators: each becomes a space. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/**
 * Unicode format characters (category Cf: bidi controls, zero-width marks, the soft hyphen,
 * word joiners, tag characters...), the rest of what Unicode says renders as nothing
 * (Default_Ignorable_Code_Point: the combining grapheme joiner, Hangul fillers, variation
 * selectors, and the unassigned code points among them: U+2065, the rest of the tag block) and
 * the braille blank are invisible and can disguise text: removed.
 */
const FORMAT = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/**
 * What clean() compares with the secrets: invisibles removed, controls and every run of white
 * space (a no-break space too) folded to one space, so an echo disguised by them is still found.
 */
export const normalise = (text: string): string => text.replace(FORMAT, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ');

/**
 * The runner runs `::cmd::` at a line's start (after leading white space) and `##[cmd]`
 * anywhere in a line. A space inside each breaks both forms and stays readable; a `::` later
 * in the line (an IPv6 address) is left as it is.
 */
export function neutralise(text: string): string {
  return text
    .replace(FORMAT, '')
    .replace(CONTROLS, ' ')
    .replace(/##\[/g, '## [')
    .replace(/^(\s*):(?=:)/, '$1: ');
}

/** Cuts visibly: the reader sees that text is missing and how much. */
export function truncate(text: string, max: number, alreadyCut = 0): string {
  const chars = [...text]; // never split a surrogate pair
  if (chars.length <= max && !alreadyCut) return text;
  const kept = Math.min(max, chars.length);
  return `${chars.slice(0, kept).join('')}… (${chars.length - kept + alreadyCut} more characters)`;
}

export const DEFAULT_TEXT_CAP = 300;
/** Room past the cap that is still redacted, for a secret that starts inside the shown part. */
const REDACT_SLACK = 16_384;

/** Untrusted text → one safe line: redacted first (a cut secret would escape the mask), then neutralised, then capped. */
export function clean(value: unknown, max = DEFAULT_TEXT_CAP): string {
  const text = typeof value === 'string' ? value : value == null ? '' : String(value);
  // What could show is redacted with room to spare for a secret that starts inside it, so
  // a 2 MiB body costs no more than a short one.
  const head = text.length > max + REDACT_SLACK ? text.slice(0, max + REDACT_SLACK) : text;
  return truncate(
    neutralise(redact(normalise(head))).trim(), // normalised first: a secret disguised by invisibles or spaces is still found
    max,
    text.length - head.length,
  );
}

/**
 * Markdown table cell or heading text: HTML and markdown syntax shown as text, never rendered.
 * Autolinks (`www.`, `scheme://`, `a@b.c`) and @mentions are broken by an invisible zero-width
 * space inside each marker, so network text never becomes a link or a ping (IPv6 stays as is).
 */
export function markdownText(text: string): string {
  return neutralise(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&')
    .replace(/^(\s*)([-=])/, '$1\\$2')
    .replace(/(www(?=\.)|:(?=\/\/)|@(?=\w))/gi, '$1&#8203;');
}

// Shapes of the ids the API returns. An answer whose id breaks its shape is malformed.
export const LOAD_BALANCER_ID = /^lb-[0-9a-z]{8}$/;
export const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
