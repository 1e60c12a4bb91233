/**
 * PAdES signing of the pack's PDF in place (a signature placeholder added while pdfkit writes (pdfkitPlaceholder.ts),
 * then the CMS written into it by @signpdf), and an offline check of that signature.
 */
import type PDFDocument from 'pdfkit';
import { SignPdf, Signer } from '@signpdf/signpdf';
import { signDetachedStamped, verifyDetached, type CmsVerification } from './cms.js';
import { addPdfkitSignaturePlaceholder } from './pdfkitPlaceholder.js';
import { readNode } from './der.js';
import type { SigningIdentity } from './identity.js';

/** Room for the CMS: our own signer needs ~2 KB, a TSA token with its chain ~3 KB; a corporate chain fits too. */
const SIGNATURE_BYTES = 16_384;

/**
 * @signpdf signer that writes our CAdES-style detached CMS (no signing-time attribute: PAdES puts it in /M), with
 * the TSA's signature timestamp when the identity has one (PAdES B-T).
 */
class IdentitySigner extends Signer {
  constructor(private readonly identity: SigningIdentity) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return signDetachedStamped(pdfBuffer, this.identity);
  }
}

/** Provenance written into the signature dictionary. */
export interface PdfSignatureInfo {
  reason: string;
  name: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
}

/**
 * Adds the invisible signature field and its placeholder to a pdfkit document. Call just before `doc.end()`,
 * with the first page current; do not end the returned references (their `end` is pdfkit's own).
 */
export function addSignaturePlaceholder(doc: typeof PDFDocument, info: PdfSignatureInfo): void {
  addPdfkitSignaturePlaceholder(doc, {
    reason: info.reason,
    contactInfo: info.contactInfo,
    name: info.name,
    location: info.location,
    signingTime: info.signingTime,
    signatureLength: SIGNATURE_BYTES,
    subFilter: 'ETSI.CAdES.detached',
    appName: 'Vaultscope',
  });
}

/** Fills the placeholder with the CMS signature. */
export async function signPdf(pdf: Buffer, identity: SigningIdentity): Promise<Buffer> {
  return new SignPdf().sign(pdf, new IdentitySigner(identity));
}

/** The result of checking a PDF's signature, plus whether it covers the whole file. */
export interface PdfVerification extends CmsVerification {
  coversWholeFile?: boolean;
}

/** Checks the (last) signature in a PDF: byte range, digest and signature. */
export function verifyPdfSignature(pdf: Buffer): PdfVerification {
  const text = pdf.toString('latin1');
  const matches = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  const last = matches.at(-1);
  if (!last) return { ok: false, reason: 'no signature found' };
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) return { ok: false, reason: 'malformed byte range' };
  const gap = text.slice(b, c);
  if (!/^<[0-9a-fA-F]*>$/.test(gap)) return { ok: false, reason: 'signature contents are not where the byte range says' };
  const padded = Buffer.from(gap.slice(1, -1), 'hex');
  let cms: Buffer;
  try {
    cms = padded.subarray(0, readNode(padded).end);
  } catch (error) {
    return { ok: false, reason: `unreadable signature (${(error as Error).message})` };
  }
  // The byte range leaves the placeholder out of the digest: its padding must be the zeros it was written with.
  if (padded.subarray(cms.length).some((b) => b !== 0)) return { ok: false, reason: 'data after the signature in its placeholder' };
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
  const result = verifyDetached(cms, signed);
  const coversWholeFile = c + d === pdf.length;
  if (result.ok && !coversWholeFile) return { ...result, ok: false, coversWholeFile, reason: 'bytes were appended after the signature' };
  return { ...result, coversWholeFile };
}
