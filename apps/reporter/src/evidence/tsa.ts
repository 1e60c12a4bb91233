/**
 * The RFC 3161 client: asks a time-stamping authority (`--tsa URL`, HTTP POST of a TimeStampReq) to stamp a
 * signature value, and checks the answer (status, imprint, nonce, TSA signature) before it is embedded, so a
 * pack never carries a timestamp that `verify` would reject.
 */
import { createHash, randomBytes } from 'node:crypto';
import { InputError } from '@vaultscope/core';
import { boolean, children, contentOf, integer, nul, octets, oid, readWhole, seq, TAG, unsignedInteger, bytesOf } from './der.js';
import { verifyTimestampToken } from './timestampToken.js';

const SHA256 = '2.16.840.1.101.3.4.2.1';

/** Stamps a signature value: returns the time-stamp token (a DER ContentInfo). */
export interface Timestamper {
  /** The TSA's URL, for provenance and messages. */
  url: string;
  stamp(signatureValue: Buffer): Promise<Buffer>;
}

/** A TimeStampReq for the SHA-256 of `data`, asking for the TSA's certificate (so the token verifies offline). */
export function timestampRequest(data: Buffer, nonce: Buffer): Buffer {
  const imprint = seq(seq(oid(SHA256), nul()), octets(createHash('sha256').update(data).digest()));
  return seq(integer(1), imprint, unsignedInteger(nonce), boolean(true));
}

/** The token from a TimeStampResp, or why there is none (PKIStatus 0 granted, 1 granted with modifications). */
export function tokenOfResponse(der: Buffer): Buffer {
  const [statusInfo, token] = children(der, readWhole(der, TAG.SEQUENCE));
  const [status] = statusInfo ? children(der, statusInfo) : [];
  if (status?.tag !== TAG.INTEGER) throw new Error('not a TimeStampResp');
  const code = contentOf(der, status).readUIntBE(0, Math.min(6, contentOf(der, status).length));
  if (code !== 0 && code !== 1) throw new Error(`the TSA refused the request (PKIStatus ${code})`);
  if (!token) throw new Error('the TSA granted the request but sent no token');
  return Buffer.from(bytesOf(der, token));
}

/** A Timestamper for `url` (http or https); `option` names the option in messages. */
export function httpTimestamper(url: string, option = '--tsa'): Timestamper {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${option}: "${url}" is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InputError(`${option}: "${url}" is not an http(s) URL`);
  return {
    url,
    async stamp(signatureValue: Buffer): Promise<Buffer> {
      const nonce = randomBytes(8);
      nonce[0] = (nonce[0] ?? 0) | 0x01; // never a leading zero, so the nonce reads back as written
      const post = async (): Promise<Buffer> => {
        const response = await fetch(parsed, {
          method: 'POST',
          headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
          body: timestampRequest(signatureValue, nonce),
          signal: AbortSignal.timeout(120_000),
        });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return Buffer.from(await response.arrayBuffer());
      };
      let body: Buffer;
      try {
        // One retry when a kept-alive connection was closed by the server just as it was reused (ECONNRESET):
        // the request is idempotent (same nonce) and the first attempt never reached the TSA.
        body = await post().catch((error: unknown) => {
          if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
          return post();
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
        throw new InputError(`${option} ${url}: no timestamp (${cause})`, { cause: error });
      }
      try {
        const token = tokenOfResponse(body);
        const check = verifyTimestampToken(token, signatureValue, nonce.toString('hex'));
        if (!check.ok) throw new Error(check.reason);
        return token;
      } catch (error) {
        throw new InputError(`${option} ${url}: unusable answer (${(error as Error).message})`, { cause: error });
      }
    },
  };
}
