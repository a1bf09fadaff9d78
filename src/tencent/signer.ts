// TC3-HMAC-SHA256, the Tencent Cloud API 3.0 signature. Pure: same inputs, same output.
import { createHash, createHmac } from 'node:crypto';

export const ALGORITHM = 'TC3-HMAC-SHA256';

export interface SignRequest {
  secretId: string;
  secretKey: string;
  service: string;
  /** Unix seconds; also gives the UTC date of the credential scope. */
  timestamp: number;
  /** The headers to sign, exactly as sent (names in any case). Must include host and content-type. */
  headers: Record<string, string>;
  body: string;
  method?: string;
  query?: string;
}

export interface Signature {
  authorization: string;
  signature: string;
  credentialScope: string;
  signedHeaders: string;
  canonicalRequest: string;
}

const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

export const utcDate = (timestamp: number): string => new Date(timestamp * 1000).toISOString().slice(0, 10);

/** kSigning = HMAC(HMAC(HMAC("TC3"+key, date), service), "tc3_request"). */
export function deriveSigningKey(secretKey: string, date: string, service: string) {
  const kDate = hmac('TC3' + secretKey, date);
  const kService = hmac(kDate, service);
  return { kDate, kService, kSigning: hmac(kService, 'tc3_request') };
}

export function sign(r: SignRequest): Signature {
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(r.headers)) {
    const key = name.toLowerCase();
    // `Host` and `host` would reach the server as one header: there is no right way to sign both.
    if (values.has(key)) throw new Error(`header ${key} is given twice`);
    values.set(key, value.trim().toLowerCase());
  }
  // Sorted by byte value: the default sort compares UTF-16 code units, the same for ASCII names.
  const names = [...values.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((k) => `${k}:${values.get(k)}\n`).join('');
  const canonicalRequest = [
    r.method ?? 'POST',
    '/',
    r.query ?? '',
    canonicalHeaders,
    signedHeaders,
    sha256Hex(r.body),
  ].join('\n');
  const credentialScope = `${utcDate(r.timestamp)}/${r.service}/tc3_request`;
  const stringToSign = [ALGORITHM, r.timestamp, credentialScope, sha256Hex(canonicalRequest)].join('\n');
  const { kSigning } = deriveSigningKey(r.secretKey, utcDate(r.timestamp), r.service);
  const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
  return {
    authorization: `${ALGORITHM} Credential=${r.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    signature,
    credentialScope,
    signedHeaders,
    canonicalRequest,
  };
}
