// Endpoint inputs: a host (`clb.ap-guangzhou.tencentcloudapi.com`) or a URL.
import { InputError } from './errors.ts';

export interface Endpoint {
  /** Origin plus `/`, what requests are POSTed to. */
  url: string;
  /** host[:port] exactly as the Host header will carry it (and as it is signed). */
  host: string;
}

/** The Fetch standard's blocked ports: fetch fails these at once, so they are refused as input. */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function parseEndpoint(value: string, input: string): Endpoint {
  const text = value.trim();
  // Before anything quotes the value: `user:password@` would be printed. No host or origin has an @.
  if (text.includes('@'))
    throw new InputError(
      input,
      'must not hold a user name or password (user:password@host): give the host or origin only ' +
        '(the value is not shown, as it may hold a password)',
    );
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InputError(input, `"${value}" is not a host name or URL`);
  }
  if (!text || !url.hostname) throw new InputError(input, `"${value}" is not a host name or URL`);
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname))
    throw new InputError(
      input,
      `"${value}" uses http://, which is allowed only for loopback hosts (local simulators); use https://`,
    );
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError(input, `"${value}": only https:// (or http:// on loopback) is supported`);
  // Only http: and https: get here, and their pathname is never empty: `/` is the bare origin.
  if (url.pathname !== '/' || url.search || url.hash)
    throw new InputError(input, `"${value}" must be a host or an origin, without a path or query`);
  if (url.port && BAD_PORTS.has(Number(url.port)))
    throw new InputError(input, `"${value}": fetch refuses to connect to port ${url.port} (a "bad port"); use another`);
  return { url: `${url.origin}/`, host: url.host };
}
