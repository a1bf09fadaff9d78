// Credentials from the files Tencent's tools write: the SDKs' profile file (INI, [default]
// secret_id / secret_key / token) and tccli's ~/.tccli/<profile>.credential (JSON). Their
// contents are untrusted: size-capped, shape-checked, and never quoted in an error (any line
// may hold a key); errors name the file, a line number or a key name.
import { open } from 'node:fs/promises';
import type { Credentials } from './credentials.ts';
import { CredentialError } from './errors.ts';

/** A credentials file is a few hundred bytes; anything far larger is not one. */
export const MAX_FILE_BYTES = 64 * 1024;
const SECRET = /^[\x21-\x7e]{1,4096}$/;
/** tccli's profile names end up in a file name: no separators, no leading dot. */
export const PROFILE_NAME = /^[\w-][\w.-]{0,63}$/;

/** A file's text; undefined when it does not exist. Throws CredentialError for anything else. */
export type ReadFile = (path: string, shown: string) => Promise<string | undefined>;

/** Reads at most MAX_FILE_BYTES; the error names the file and the system's code, nothing read. */
export const readCappedFile: ReadFile = async (path, shown) => {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(shown, err);
  }
  try {
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_FILE_BYTES)
      throw new CredentialError(`${shown} is larger than ${MAX_FILE_BYTES / 1024} KiB: not a credentials file`);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch (err) {
    if (err instanceof CredentialError) throw err;
    throw unreadable(shown, err);
  } finally {
    await handle.close();
  }
};

/** Names the system's error code (EACCES, EISDIR, ...), nothing else of the error. */
export const unreadable = (shown: string, err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code;
  const named = typeof code === 'string' && /^E[A-Z]{2,15}$/.test(code);
  return new CredentialError(`${shown} cannot be read (${named ? code : 'error'})`);
};

/** INI sections → keys (lower case) → values. Comments (# ;) and blank lines are skipped. */
export function parseIni(text: string, shown: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]*?)\s*\]$/.exec(line);
    const pair = /^([\w.-]+)\s*[=:]\s*(.*)/.exec(line); // the line is trimmed: so is the value
    if (header) {
      section = sections.get(header[1]) ?? new Map();
      sections.set(header[1], section);
    } else if (pair && section) section.set(pair[1].toLowerCase(), pair[2]);
    else
      throw new CredentialError(
        `${shown}: line ${i + 1} is not "[section]" or "key = value" under a section (INI, as Tencent's SDKs read it)`,
      );
  }
  return sections;
}

/** Checks one secret's shape; the error names the key, never the value. */
function secret(value: unknown, key: string, shown: string): string {
  if (typeof value !== 'string' || !value) throw new CredentialError(`${shown} has no ${key}`);
  if (!SECRET.test(value))
    throw new CredentialError(`${shown}: ${key} contains spaces, line breaks or non-ASCII characters`);
  return value;
}

const credentials = (secretId: string, secretKey: string, token: string | undefined): Credentials =>
  token ? { secretId, secretKey, token } : { secretId, secretKey };

/** The SDKs' profile file: [default] with secret_id, secret_key and an optional token. */
export function profileFileCredentials(text: string, shown: string): Credentials {
  const section = parseIni(text, shown).get('default');
  if (!section) throw new CredentialError(`${shown} has no [default] section`);
  const token = section.get('token');
  return credentials(
    secret(section.get('secret_id'), 'secret_id', shown),
    secret(section.get('secret_key'), 'secret_key', shown),
    token ? secret(token, 'token', shown) : undefined,
  );
}

/** What a tccli profile holds: keys, or "use the CVM role" ("type": "cvm-role"). */
export type TccliProfile = { kind: 'keys'; credentials: Credentials } | { kind: 'cvm-role' };

export function tccliCredentials(text: string, shown: string): TccliProfile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    // JSON.parse's message quotes the text around the error: not repeated.
    throw new CredentialError(`${shown} is not valid JSON`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new CredentialError(`${shown} is not a JSON object`);
  const o = data as Record<string, unknown>;
  if (o.type === 'cvm-role') return { kind: 'cvm-role' };
  if (o.type !== undefined && o.type !== 'default' && o.type !== '')
    throw new CredentialError(
      `${shown}: type ${typeof o.type === 'string' && /^[a-z-]{1,20}$/.test(o.type) ? `"${o.type}"` : '(unrecognised)'} ` +
        'is not supported: use keys (secretId, secretKey) or "type": "cvm-role"',
    );
  const token = o.token === undefined || o.token === '' ? undefined : secret(o.token, 'token', shown);
  return {
    kind: 'keys',
    credentials: credentials(secret(o.secretId, 'secretId', shown), secret(o.secretKey, 'secretKey', shown), token),
  };
}
