/**
 * `VERIFY.md`: how an auditor checks a pack offline, with vaultscope-report or with standard tools only.
 */
import { MANIFEST_FILE, MANIFEST_SIGNATURE_FILE } from './manifest.js';

/** What the instructions mention. */
export interface VerifyDocInput {
  organization: string;
  period: string;
  /** `--period` value the pack was made with. */
  periodLabel: string;
  /** Set when the period had not ended: how far the pack covers it. */
  incompleteUntil?: string;
  generatedAt: string;
  generator: string;
  pdfFile: string;
  signerFile: string;
  signerSubject: string;
  fingerprint: string;
  selfSigned: boolean;
}

/** The text of VERIFY.md. */
export function verifyDoc(i: VerifyDocInput): string {
  const colonFingerprint = (i.fingerprint.toUpperCase().match(/../g) ?? []).join(':');
  return `# Verifying this evidence pack

DORA evidence pack for **${i.organization}**, period **${i.period}**, generated ${i.generatedAt} by ${i.generator}.
${i.incompleteUntil ? `
> **Incomplete period.** The period had not ended when this pack was generated: it covers it only up to
> ${i.incompleteUntil} (\`"complete": false\` in ${MANIFEST_FILE}).
` : ''}
- Signed by: ${i.signerSubject}
- Signer certificate SHA-256 fingerprint: \`${colonFingerprint}\`
${i.selfSigned ? `
> **Self-signed.** The signer certificate is self-signed: the signatures prove that no file changed after
> signing, not who signed. Compare the fingerprint above with the one your organization recorded for its
> Vaultscope installation (or ask for packs signed with the organization's own certificate).
` : ''}
\`${MANIFEST_FILE}\` lists every other file of the pack with its SHA-256 and size; \`${MANIFEST_SIGNATURE_FILE}\` is a
detached CMS (PKCS #7) signature over \`${MANIFEST_FILE}\`, in DER; \`${i.pdfFile}\` carries its own PAdES signature;
\`${i.signerFile}\` is the signer certificate. Nothing below needs network access. Run the commands in this directory.

## With vaultscope-report

    vaultscope-report verify .

It recomputes every hash, checks both signatures, prints one line per file (OK, MISMATCH, MISSING, EXTRA, or UNCHECKED when the manifest is unreadable) and
exits non-zero on any problem.

## With standard tools

1. The signer certificate is the one you expect:

       openssl x509 -in ${i.signerFile} -noout -subject -fingerprint -sha256

2. The manifest signature is valid and made by that certificate${i.selfSigned ? '' : ' (for a certificate from your CA, give the CA file as -CAfile)'}:

       openssl cms -verify -binary -inform DER -in ${MANIFEST_SIGNATURE_FILE} -content ${MANIFEST_FILE} -CAfile ${i.signerFile} -purpose any -out /dev/null

   Expected: \`CMS Verification successful\`. To check the signature alone, without any certificate trust:

       openssl cms -verify -binary -inform DER -in ${MANIFEST_SIGNATURE_FILE} -content ${MANIFEST_FILE} -noverify -out /dev/null

3. Every file matches the manifest (with jq, or with Python):

       jq -r '.files[] | "\\(.sha256)  \\(.path)"' ${MANIFEST_FILE} | sha256sum -c -
       python3 -c 'import json,hashlib;[print(f["path"], "OK" if hashlib.sha256(open(f["path"],"rb").read()).hexdigest()==f["sha256"] else "MISMATCH") for f in json.load(open("${MANIFEST_FILE}"))["files"]]'

   Expected: every line ends in \`OK\`. No other files than these, \`${MANIFEST_FILE}\` and \`${MANIFEST_SIGNATURE_FILE}\` belong to the pack.

4. The PDF signature (poppler-utils):

       pdfsig ${i.pdfFile}

   Expected: \`Signature Validation: Signature is Valid.\`${i.selfSigned ? ' With this self-signed certificate the `Certificate Validation` line says the issuer is unknown or not trusted: that is expected, compare the fingerprint instead.' : ''}
   PDF readers show the same signature panel.

## Rebuilding

With the same ledger, source, policy and signing key, the pack can be made again byte for byte by fixing the
generation time (\`SOURCE_DATE_EPOCH\` works too):

    vaultscope-report pack --period ${i.periodLabel} --now ${i.generatedAt} --no-collect --source … --out …
`;
}
