// Reads a JUnit report as GitLab and Jenkins would: validated against the schema of the format
// Jenkins' junit step reads (libxml2's xmllint, as WebAssembly), then parsed by a real XML
// parser (fast-xml-parser) into suites and cases with their text decoded.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';

const SCHEMA = readFileSync(resolve(import.meta.dirname, '../fixtures/junit/jenkins-junit.xsd'), 'utf8');

/** libxml2's verdict: well-formed XML 1.0, valid against the schema; the errors as it prints them. */
export async function schemaErrors(...xml: string[]): Promise<string[]> {
  const files = xml.map((contents, i) => ({ fileName: `report-${i}.xml`, contents }));
  const r = await validateXML({ xml: files, schema: [SCHEMA] });
  return r.valid ? [] : r.errors.map((e) => e.rawMessage);
}

export interface JunitProblem {
  message?: string;
  type?: string;
  text: string;
}
export interface JunitCase {
  classname: string;
  name: string;
  time: number;
  failure?: JunitProblem;
  error?: JunitProblem;
  skipped?: { message?: string };
}
export interface JunitSuite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: number;
  timestamp: string;
  cases: JunitCase[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => name === 'testsuite' || name === 'testcase',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
});

type Raw = Record<string, string | undefined>;
const problem = (p: unknown): JunitProblem | undefined =>
  p === undefined
    ? undefined
    : typeof p === 'string'
      ? { text: p }
      : { message: (p as Raw).message, type: (p as Raw).type, text: (p as Raw)['#text'] ?? '' };

/** Validates first (a report that fails the schema fails the test), then parses. */
export async function readJunit(xml: string): Promise<JunitSuite[]> {
  expect(await schemaErrors(xml)).toEqual([]);
  return parseJunit(xml);
}

/** Parses only (the unit tests validate their reports in one batch: a validation takes a WebAssembly worker). */
export function parseJunit(xml: string): JunitSuite[] {
  const doc = parser.parse(xml) as {
    testsuites: { testsuite: Array<Raw & { testcase?: Array<Raw & Record<string, unknown>> }> };
  };
  return doc.testsuites.testsuite.map((s) => ({
    name: s.name!,
    tests: Number(s.tests),
    failures: Number(s.failures),
    errors: Number(s.errors),
    skipped: Number(s.skipped),
    time: Number(s.time),
    timestamp: s.timestamp!,
    cases: (s.testcase ?? []).map((c) => ({
      classname: c.classname as string,
      name: c.name as string,
      time: Number(c.time),
      ...(c.failure !== undefined ? { failure: problem(c.failure) } : {}),
      ...(c.error !== undefined ? { error: problem(c.error) } : {}),
      ...(c.skipped !== undefined ? { skipped: { message: (c.skipped as unknown as Raw).message } } : {}),
    })),
  }));
}
