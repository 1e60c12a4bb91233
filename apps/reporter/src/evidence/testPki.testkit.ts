/**
 * Test PKI for the trust tests (not shipped: excluded from the build): an organization CA made with openssl,
 * signer certificates it issues (with chosen key usages and validity, via node-forge, exported to PKCS#12 by
 * openssl), and a real RFC 3161 time-stamping authority: `openssl ts -reply` behind a small HTTP handler on a
 * loopback port, with its own key and a certificate carrying the critical timeStamping extended key usage.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import forge from 'node-forge';

const DAY = 86_400_000;

const openssl = (dir: string, ...args: string[]): string => execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Options for one issued certificate. */
export interface IssueOptions {
  keyUsage?: { digitalSignature?: boolean; nonRepudiation?: boolean; keyCertSign?: boolean };
  /** Extended key usages as forge names (serverAuth, clientAuth, emailProtection, timeStamping…). */
  extKeyUsage?: readonly string[];
  validFrom?: Date;
  validTo?: Date;
  /** Make a CA certificate (basicConstraints CA:TRUE). */
  isCa?: boolean;
}

/** A certificate authority: the PEM files on disk and the material to issue more. */
export interface TestCa {
  certFile: string;
  certPem: string;
  keyPem: string;
}

/** Makes a CA with openssl (`req -x509`), named `cn`, files `<name>.pem` / `<name>.key` in `dir`. */
export function makeCa(dir: string, name: string, cn: string): TestCa {
  openssl(dir, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '3650', '-subj', `/CN=${cn}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  return { certFile: join(dir, `${name}.pem`), certPem: readFileSync(join(dir, `${name}.pem`), 'utf8'), keyPem: readFileSync(join(dir, `${name}.key`), 'utf8') };
}

/**
 * Issues a certificate for `cn` from `ca` and writes `<name>.pem`, `<name>.key` and `<name>.p12` (passphrase
 * `test pass`, the CA included) in `dir`. Returns the P12 path.
 */
export function issue(dir: string, ca: TestCa, name: string, cn: string, options: IssueOptions = {}): string {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  const now = Date.now();
  cert.validity.notBefore = options.validFrom ?? new Date(now - 400 * DAY);
  cert.validity.notAfter = options.validTo ?? new Date(now + 400 * DAY);
  cert.setSubject([{ name: 'commonName', value: cn }, { name: 'organizationName', value: 'Test Bank' }]);
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  cert.setIssuer(caCert.subject.attributes);
  const ku = options.keyUsage ?? { digitalSignature: true, nonRepudiation: true };
  cert.setExtensions([
    { name: 'basicConstraints', cA: options.isCa ?? false, critical: true },
    { name: 'keyUsage', critical: true, ...ku },
    ...(options.extKeyUsage ? [{ name: 'extKeyUsage', critical: options.extKeyUsage.includes('timeStamping'), ...Object.fromEntries(options.extKeyUsage.map((e) => [e, true])) }] : []),
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  writeFileSync(join(dir, `${name}.pem`), forge.pki.certificateToPem(cert));
  writeFileSync(join(dir, `${name}.key`), forge.pki.privateKeyToPem(keys.privateKey));
  openssl(dir, 'pkcs12', '-export', '-inkey', `${name}.key`, '-in', `${name}.pem`, '-certfile', ca.certFile, '-out', `${name}.p12`, '-passout', 'pass:test pass');
  return join(dir, `${name}.p12`);
}

/**
 * A CRL from `ca` made by `openssl ca -gencrl` (PEM file `<name>.crl.pem` in `dir`), revoking the certificates in
 * the PEM files `revoke`; valid for `hours` from now (openssl's own clock).
 */
export function makeCrl(dir: string, caName: string, name: string, options: { revoke?: readonly string[]; hours?: number } = {}): string {
  const db = `${name}.index.txt`;
  writeFileSync(join(dir, db), '');
  writeFileSync(join(dir, `${name}.crlnumber`), '01\n');
  writeFileSync(join(dir, `${name}.ca.cnf`), `[ ca ]\ndefault_ca = d\n[ d ]\ndatabase = ./${db}\ncrlnumber = ./${name}.crlnumber\ndefault_md = sha256\n`);
  const ca = ['-config', `${name}.ca.cnf`, '-cert', `${caName}.pem`, '-keyfile', `${caName}.key`];
  for (const cert of options.revoke ?? []) openssl(dir, 'ca', ...ca, '-revoke', cert);
  openssl(dir, 'ca', ...ca, '-gencrl', '-crlhours', String(options.hours ?? 24 * 30), '-out', `${name}.crl.pem`);
  return join(dir, `${name}.crl.pem`);
}

const TS_CONFIG = `[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
serial = ./tsaserial
crypto_device = builtin
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`;

/** A running time-stamping authority. */
export interface TestTsa {
  url: string;
  /** The TSA's CA certificate file (what `--trust-tsa` takes). */
  caFile: string;
  /** Requests answered so far. */
  answered: () => number;
  close: () => Promise<void>;
}

/** Starts the TSA: its own CA, a TSA certificate, and `openssl ts -reply` behind an HTTP handler on 127.0.0.1. */
export async function startTsa(dir: string): Promise<TestTsa> {
  const ca = makeCa(dir, 'tsa-ca', 'Test TSA Root');
  openssl(dir, 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'tsa.key', '-out', 'tsa.csr', '-subj', '/CN=Test Time Stamping Authority/O=Test TSA');
  writeFileSync(join(dir, 'tsa-ext.cnf'), 'extendedKeyUsage=critical,timeStamping\nkeyUsage=critical,digitalSignature\nsubjectKeyIdentifier=hash\n');
  openssl(dir, 'x509', '-req', '-in', 'tsa.csr', '-CA', 'tsa-ca.pem', '-CAkey', 'tsa-ca.key', '-CAcreateserial', '-out', 'tsa.pem', '-days', '3650', '-extfile', 'tsa-ext.cnf');
  writeFileSync(join(dir, 'ts.cnf'), TS_CONFIG);
  let count = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async (): Promise<void> => {
        const id = randomBytes(6).toString('hex');
        const query = join(dir, `q-${id}.tsq`);
        const reply = join(dir, `r-${id}.tsr`);
        try {
          if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') throw new Error('not a timestamp query');
          await writeFile(query, Buffer.concat(chunks));
          await new Promise<void>((resolve, reject) =>
            execFile('openssl', ['ts', '-reply', '-config', 'ts.cnf', '-section', 'tsa_config', '-queryfile', query, '-signer', 'tsa.pem', '-inkey', 'tsa.key', '-chain', 'tsa-ca.pem', '-out', reply], { cwd: dir }, (error) =>
              error ? reject(error) : resolve(),
            ),
          );
          const body = await readFile(reply);
          count++;
          res.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': body.length });
          res.end(body);
        } catch (error) {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end((error as Error).message);
        } finally {
          await rm(query, { force: true });
          await rm(reply, { force: true });
        }
      })();
    });
  });
  // Keep idle connections open for the whole test: a server-side keep-alive timeout races the client's reuse.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tsr`,
    caFile: ca.certFile,
    answered: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
