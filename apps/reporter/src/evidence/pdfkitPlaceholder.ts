/**
 * The signature field and placeholder a PAdES signature needs, added to a pdfkit document while it is written:
 * what @signpdf/placeholder-pdfkit 3.3.0 (MIT) does, kept here because that package declares a peer of pdfkit
 * ^0.11 that nothing of it imports — with our pdfkit 0.20 a consumer's install warns of a conflicting peer, and
 * refuses outright under --strict-peer-deps. The objects and their order are the package's, so packs stay
 * byte-identical to those it made. @signpdf/signpdf later finds the placeholder and fills it.
 */
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SIG_FLAGS } from '@signpdf/utils';
import type PDFDocument from 'pdfkit';

/** What the signature dictionary says about the signing. */
export interface PlaceholderInput {
  reason: string;
  contactInfo: string;
  name: string;
  location: string;
  signingTime: Date;
  /** Bytes reserved for the CMS in /Contents. */
  signatureLength: number;
  subFilter: string;
  appName: string;
}

/** The parts of pdfkit's document this needs that its type declarations leave out (the form and the catalog). */
interface PdfkitInternals {
  _acroform?: unknown;
  _root: { data: { AcroForm: { data: { Fields: unknown[]; DR?: unknown } & Record<string, unknown> } } };
}

/** Adds the invisible signature widget and the /Sig dictionary (with zeroed /Contents) on the current page. */
export function addPdfkitSignaturePlaceholder(doc: typeof PDFDocument, input: PlaceholderInput): void {
  const signature = doc.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: input.subFilter,
    ByteRange: [0, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER],
    Contents: Buffer.alloc(input.signatureLength),
    // String objects: pdfkit writes a JavaScript string as a PDF name, a String object as a PDF string.
    Reason: new String(input.reason),
    M: input.signingTime,
    ContactInfo: new String(input.contactInfo),
    Name: new String(input.name),
    Location: new String(input.location),
    Prop_Build: { Filter: { Name: 'Adobe.PPKLite' }, App: { Name: input.appName } },
  });
  const internals = doc as unknown as PdfkitInternals;
  if (!internals._acroform) doc.initForm();
  const form = internals._root.data.AcroForm;
  const fields = form.data.Fields;
  form.data = { Type: 'AcroForm', SigFlags: SIG_FLAGS.SIGNATURES_EXIST | SIG_FLAGS.APPEND_ONLY, Fields: fields, DR: form.data.DR };
  const widget = doc.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: signature,
    T: new String(`Signature${fields.length + 1}`),
    P: doc.page.dictionary,
  });
  (doc.page.annotations as unknown[]).push(widget);
  fields.push(widget);
  // No chunk: end() only writes the dictionary out (pdfkit declares the argument as required).
  signature.end(undefined);
  widget.end(undefined);
}
