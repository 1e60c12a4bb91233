import { describe, expect, it } from 'vitest';
import { errorCodeOf, errorMessageOf, ErrorSink, toCollectionError } from './errors.js';
import { ReadOnlyViolationError } from './readOnly.js';

/** What the SDK throws when a body is not JSON/XML (an emulator's or proxy's HTML page). */
function deserializationError(status: number) {
  return Object.assign(new SyntaxError(`Unexpected token '<', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.`), {
    $metadata: { httpStatusCode: status },
    $response: { statusCode: status, headers: { 'content-type': 'text/html' } },
  });
}
const awsError = (name: string, message: string, status = 400) => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('errorCodeOf / errorMessageOf', () => {
  it('keeps AWS error names', () => {
    expect(errorCodeOf(awsError('ThrottlingException', 'Rate exceeded'))).toBe('ThrottlingException');
    expect(errorCodeOf(awsError('AccessDeniedException', 'no', 403))).toBe('AccessDeniedException');
    expect(errorCodeOf(awsError('AccessDenied', 'Access Denied', 403))).toBe('AccessDenied');
  });

  it('maps an HTML answer to NotImplemented (404) or UnexpectedResponse (other statuses)', () => {
    expect(errorCodeOf(deserializationError(404))).toBe('NotImplemented');
    expect(errorCodeOf(deserializationError(500))).toBe('UnexpectedResponse');
    expect(errorCodeOf(deserializationError(200))).toBe('UnexpectedResponse');
    expect(errorMessageOf(deserializationError(404))).toBe(
      'the endpoint answered HTTP 404 with a body that is not an AWS response: the API is not implemented there',
    );
  });

  it('uses the Node code for network failures and flags read-only violations', () => {
    expect(errorCodeOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(errorCodeOf(new ReadOnlyViolationError('BackupClient', 'DeleteBackupVault'))).toBe('ReadOnlyViolation');
    expect(errorCodeOf('weird')).toBe('UnknownError');
  });

  it('keeps messages to one line', () => {
    expect(errorMessageOf(new Error('first line\nsecond line'))).toBe('first line');
    expect(errorMessageOf(awsError('X', ''))).toBe('HTTP 400 without a message');
  });

  it('builds entries with the fault site', () => {
    expect(toCollectionError(awsError('AccessDenied', 'Access Denied', 403), { service: 's3', operation: 'GetBucketTagging', resource: 'arn:aws:s3:::b', accountId: '111111111111' })).toEqual({
      service: 's3',
      operation: 'GetBucketTagging',
      resource: 'arn:aws:s3:::b',
      code: 'AccessDenied',
      message: 'Access Denied',
      accountId: '111111111111',
    });
  });
});

describe('ErrorSink', () => {
  it('folds repeats of the same service, operation and code into one entry with a count', () => {
    let recorded = 0;
    const sink = new ErrorSink({ accountId: '111111111111', region: 'eu-west-1' }, () => (recorded += 1));
    for (const bucket of ['a', 'b', 'c']) sink.record(awsError('AccessDenied', 'Access Denied', 403), { service: 's3', operation: 'GetBucketVersioning', resource: `arn:aws:s3:::${bucket}` });
    sink.record(awsError('ThrottlingException', 'Rate exceeded'), { service: 's3', operation: 'GetBucketVersioning' });
    const list = sink.list();
    expect(list).toHaveLength(2);
    expect(list.find((e) => e.code === 'AccessDenied')).toMatchObject({
      resource: 'arn:aws:s3:::a',
      resources: ['arn:aws:s3:::a', 'arn:aws:s3:::b', 'arn:aws:s3:::c'],
      code: 'AccessDenied',
      region: 'eu-west-1',
      message: 'Access Denied (and 2 more resources with the same error)',
    });
    expect(recorded).toBe(2);
  });

  it('attempt returns the value, the expected-code fallback, or undefined with an entry', async () => {
    const sink = new ErrorSink();
    expect(await sink.attempt({ service: 's', operation: 'O' }, async () => 1)).toBe(1);
    expect(await sink.attempt({ service: 's3', operation: 'GetBucketTagging' }, () => Promise.reject(awsError('NoSuchTagSet', 'none', 404)), { NoSuchTagSet: () => 0 })).toBe(0);
    expect(await sink.attempt({ service: 's', operation: 'O' }, () => Promise.reject(awsError('ThrottlingException', 'Rate exceeded')))).toBeUndefined();
    expect(sink.list()).toEqual([{ service: 's', operation: 'O', code: 'ThrottlingException', message: 'Rate exceeded' }]);
  });
});
