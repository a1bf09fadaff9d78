// Endpoint inputs: a host (`clb.ap-guangzhou.tencentcloudapi.com`) or a URL.
import { InputError } from './errors.ts';

export interface Endpoint {
  /** Origin plus `/`, what requests are POSTed to. */
  url: string;
  /** host[:port] exactly as the Host header will carry it (and as it is signed). */
  host: string;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function parseEndpoint(value: string, input: string): Endpoint {
  const text = value.trim();
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
  if (url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
    throw new InputError(input, `"${value}" must be a host or an origin, without credentials, path or query`);
  return { url: `${url.origin}/`, host: url.host };
}
