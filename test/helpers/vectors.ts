// The published TC3-HMAC-SHA256 vectors: a copy of shared/reference/tc3-vectors.json kept in
// test/fixtures, so the tests run anywhere the repository is cloned. test/signer.test.ts pins
// its SHA-256 and recomputes every vector independently: to take a new reference file, copy it
// here and update the pinned hash (the recomputation must still agree).
import { readFileSync } from 'node:fs';

export interface Vector {
  name: string;
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  action?: string;
  timestamp: number;
  contentType: string;
  signedHeaders: string[];
  body: string;
  hashedPayload?: string;
  hashedCanonicalRequest?: string;
  credentialScope?: string;
  kDate?: string;
  kService?: string;
  kSigning?: string;
  signature: string;
  authorization?: string;
}

/** The fixture exactly as stored. */
export const fixtureText = readFileSync(new URL('../fixtures/tc3-vectors.json', import.meta.url), 'utf8');

export const vectors: Vector[] = JSON.parse(fixtureText).vectors;
