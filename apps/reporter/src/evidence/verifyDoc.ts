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
  /** The TSA URL when both signatures carry an RFC 3161 signature timestamp (`--tsa`). */
  timestampedBy?: string;
}

/**
 * Standard-tool check of the two signature timestamps. pdfsig (poppler 22.12) shows only the PDF's claimed /M as
 * "Signing Time" and ignores the token, so the token is cut out of each CMS with openssl asn1parse (the signature
 * value is the OCTET STRING just before the unsigned attributes, the token follows the attribute's type) and
 * checked with openssl ts. Everything is written to a temporary directory: the pack's own stays as it was.
 */
function timestampSteps(pdfFile: string): string {
  return `       P=$PWD; W=$(mktemp -d); (cd "$W" && pdfsig -dump "$P/${pdfFile}" >/dev/null)
       for cms in "$P/${MANIFEST_SIGNATURE_FILE}" "$W/${pdfFile}.sig0"; do
         out="$W/$(basename "$cms")"; openssl asn1parse -inform DER -in "$cms" > "$out.txt"
         set -- $(grep -B3 ':id-smime-aa-timeStampToken' "$out.txt" | head -1 | tr -s ' =:' ' ')
         openssl asn1parse -inform DER -in "$cms" -offset $(($1 + $5)) -length $7 -noout -out "$out.value"
         set -- $(grep -A2 ':id-smime-aa-timeStampToken' "$out.txt" | tail -1 | tr -s ' =:' ' ')
         openssl asn1parse -inform DER -in "$cms" -offset $1 -length $(($5 + $7)) -noout -out "$out.tst"
         echo "$(basename "$cms"):"; openssl ts -reply -token_in -in "$out.tst" -token_out -text | grep -E '^(Time stamp|TSA):'
         openssl ts -verify -token_in -in "$out.tst" -data "$out.value" -CAfile YOUR-TSA-CA.pem
       done`;
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
- Signer certificate SHA-256 fingerprint, as this pack states it: \`${colonFingerprint}\`

**Do not take the signer from this pack.** This file, \`${i.signerFile}\` and the fingerprint above travel with the pack
and would travel with a forged one too. Check the signatures against what you hold independently: your
organization's CA certificate file, or the signer fingerprint your organization recorded for its Vaultscope
installation.
${i.selfSigned ? `
> **Self-signed.** This pack's signer certificate is self-signed: it can only be trusted by its fingerprint,
> compared with the one your organization recorded (or ask for packs signed with the organization's own certificate).
` : ''}
\`${MANIFEST_FILE}\` lists every other file of the pack with its SHA-256 and size; \`${MANIFEST_SIGNATURE_FILE}\` is a
detached CMS (PKCS #7) signature over \`${MANIFEST_FILE}\`, in DER, with an RFC 3161 signature timestamp when the pack
was made with \`--tsa\`; \`${i.pdfFile}\` carries its own PAdES signature (B-T when timestamped). Nothing below needs
network access. Run the commands in this directory; \`YOUR-CA.pem\`, \`YOUR-TSA-CA.pem\` and \`EXPECTED-SHA256\` are yours.

## With vaultscope-report

    vaultscope-report verify . --trust YOUR-CA.pem --trust-tsa YOUR-TSA-CA.pem --expect-org ORG --expect-period ${i.periodLabel}
    vaultscope-report verify . --expect-signer EXPECTED-SHA256 --expect-period ${i.periodLabel}

It recomputes every hash, checks both signatures and their timestamps, checks that the PDF and the manifest were
signed by the same certificate, then checks the signer against your CA (the whole chain, valid at the signing time,
fit for signing) or your fingerprint. It prints one line per file (OK, MISMATCH, MISSING, EXTRA, or UNCHECKED when
the manifest is unreadable), then what it verified: organization, period, complete or not, generation time, signer,
trusted timestamp and trust basis. Exit status: **0** verified and trusted; **1** a check failed (each reason on a
\`REJECTED\` line); **2** bad usage; **3** intact, but the signer was checked against nothing (no \`--trust\` or
\`--expect-signer\`): integrity only, never proof of who made the pack.

## With standard tools

1. The manifest signature is valid and made by a certificate your CA issued (validity judged at the generation
   time; \`-purpose any\` because document-signing certificates are not S/MIME certificates):

       openssl cms -verify -binary -inform DER -in ${MANIFEST_SIGNATURE_FILE} -content ${MANIFEST_FILE} -CAfile YOUR-CA.pem -purpose any -attime ${Math.floor(Date.parse(i.generatedAt) / 1000)} -out /dev/null

   Expected: \`CMS Verification successful\`. Or, for a signer you know by fingerprint: check the signature without
   trust, write out the certificate that actually signed, and compare its fingerprint with yours:

       openssl cms -verify -binary -inform DER -in ${MANIFEST_SIGNATURE_FILE} -content ${MANIFEST_FILE} -noverify -signer /dev/stdout -out /dev/null | openssl x509 -noout -subject -fingerprint -sha256

   Expected: \`CMS Verification successful\`, then your EXPECTED-SHA256 (openssl prints it with colons).

2. Every file matches the manifest (with jq, or with Python):

       jq -r '.files[] | "\\(.sha256)  \\(.path)"' ${MANIFEST_FILE} | sha256sum -c -
       python3 -c 'import json,hashlib;[print(f["path"], "OK" if hashlib.sha256(open(f["path"],"rb").read()).hexdigest()==f["sha256"] else "MISMATCH") for f in json.load(open("${MANIFEST_FILE}"))["files"]]'

   Expected: every line ends in \`OK\`. No other files than these, \`${MANIFEST_FILE}\` and \`${MANIFEST_SIGNATURE_FILE}\` belong to the pack.
   With step 1 this binds the PDF and every CSV to the trusted signer.

3. The PDF signature on its own (poppler-utils):

       pdfsig ${i.pdfFile}

   Expected: \`Signature Validation: Signature is Valid.\` The \`Certificate Validation\` line reflects pdfsig's own
   certificate store (\`-nssdir\`), not your CA, unless you import your CA there; the PDF's signer must be the
   manifest's signer, which \`vaultscope-report verify\` checks. \`pdfsig -dump ${i.pdfFile}\` writes the PDF's CMS
   signature (with its timestamp token, if any) to a file for other tools.
${i.timestampedBy ? `
4. The trusted signature timestamps (RFC 3161, from ${i.timestampedBy}). pdfsig does not show them: its
   \`Signing Time\` is the time the PDF claims (\`/M\`), the same with or without a timestamp. The token in each
   signature stamps that signature's value; these commands cut it out and check it against your TSA's CA
   (\`YOUR-TSA-CA.pem\` as an absolute path; scratch files go to a temporary directory; POSIX sh):

${timestampSteps(i.pdfFile)}

   Expected, for \`${MANIFEST_SIGNATURE_FILE}\` and for \`${i.pdfFile}.sig0\` (the PDF's signature): the TSA's
   \`Time stamp:\` and name, then \`Verification: OK\`. The time stamp must be close to the generation time
   above: \`vaultscope-report verify\` accepts it up to 60 minutes after it and up to 5 minutes before it.
` : ''}
## Rebuilding

With the same ledger, source, policy and signing key, the pack can be made again byte for byte by fixing the
generation time (\`SOURCE_DATE_EPOCH\` works too):

    vaultscope-report pack --period ${i.periodLabel} --now ${i.generatedAt} --no-collect --source … --out …
`;
}
