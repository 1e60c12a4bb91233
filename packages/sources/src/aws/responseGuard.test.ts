/**
 * The response guard on real SDK clients (a request handler stands in for the network): an HTML page from an
 * XML-protocol service (S3, EC2, RDS) is an error, not an empty answer; valid XML and JSON still parse.
 */
import { Readable } from 'node:stream';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DescribeRegionsCommand, DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { ClientFactory } from './clientFactory.js';
import { errorCodeOf, errorMessageOf } from './errors.js';
import { CallGovernor, limitsFor } from './governor.js';
import { looksLikeHtml, UnexpectedResponseError } from './responseGuard.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const HTML = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><h1>Proxy login</h1></body></html>';

interface Answer {
  status: number;
  contentType?: string;
  body: string;
}

/** A factory whose clients get `answer` for every request, as a Node stream like the real handler gives. */
function factoryAnswering(answer: Answer) {
  const handler = {
    handle: async () => ({
      response: {
        statusCode: answer.status,
        headers: answer.contentType ? { 'content-type': answer.contentType } : {},
        body: Readable.from([Buffer.from(answer.body)]),
      },
    }),
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
  };
  return new ClientFactory({ maxAttempts: 1, governor: new CallGovernor(limitsFor(4)), requestHandler: handler });
}

const credentials = async () => ({ accessKeyId: 'testing', secretAccessKey: 'testing' });
const target = { accountId: '111111111111', region: 'eu-west-1', credentials };

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (output) => {
      throw new Error(`expected a failure, got ${JSON.stringify(output)}`);
    },
    (error: unknown) => error,
  );
}

describe('the response guard', () => {
  it.each([
    ['text/html; charset=utf-8', 200],
    [undefined, 200],
    ['text/xml', 200],
    ['application/xml', 200],
  ])('refuses an HTML page (content-type %s, HTTP %i) from S3, EC2 and RDS', async (contentType, status) => {
    const factory = factoryAnswering({ status, ...(contentType ? { contentType } : {}), body: `\n  ${HTML}` });
    const calls = [
      factory.get(S3Client, 's3', target).send(new ListBucketsCommand({})),
      factory.get(EC2Client, 'ec2', target).send(new DescribeVolumesCommand({})),
      factory.get(EC2Client, 'ec2', target).send(new DescribeRegionsCommand({})),
      factory.get(RDSClient, 'rds', target).send(new DescribeDBInstancesCommand({})),
    ];
    for (const call of calls) {
      const error = await failureOf(call);
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect(errorCodeOf(error)).toBe('UnexpectedResponse');
      expect(errorMessageOf(error)).toBe('the endpoint answered HTTP 200 with a body that is not an AWS response (an HTML page)');
    }
    factory.destroy();
  });

  it('maps an HTML 404 to NotImplemented and an HTML 500 to UnexpectedResponse with the status', async () => {
    const notFound = factoryAnswering({ status: 404, contentType: 'text/html', body: HTML });
    expect(errorCodeOf(await failureOf(notFound.get(RDSClient, 'rds', target).send(new DescribeDBInstancesCommand({}))))).toBe('NotImplemented');
    const serverError = factoryAnswering({ status: 500, contentType: 'text/html', body: HTML });
    const error = await failureOf(serverError.get(RDSClient, 'rds', target).send(new DescribeDBInstancesCommand({})));
    expect([errorCodeOf(error), errorMessageOf(error)]).toEqual(['UnexpectedResponse', 'the endpoint answered HTTP 500 with a body that is not an AWS response (an HTML page)']);
  });

  it("maps the SDK's code-less `Unknown` error to UnexpectedResponse with the HTTP status", async () => {
    const factory = factoryAnswering({ status: 502, contentType: 'text/xml', body: '<ErrorResponse><Error><Message>upstream timed out</Message></Error></ErrorResponse>' });
    const error = await failureOf(factory.get(RDSClient, 'rds', target).send(new DescribeDBInstancesCommand({})));
    expect((error as Error).name).toBe('Unknown');
    expect(errorCodeOf(error)).toBe('UnexpectedResponse');
    expect(errorMessageOf(error)).toBe('the endpoint answered HTTP 502 with an error that names no AWS error code');
    // Plain text fails the XML parser instead: still an UnexpectedResponse with the status.
    const plain = factoryAnswering({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' });
    const plainError = await failureOf(plain.get(RDSClient, 'rds', target).send(new DescribeDBInstancesCommand({})));
    expect([errorCodeOf(plainError), errorMessageOf(plainError)]).toEqual(['UnexpectedResponse', 'the endpoint answered HTTP 502 with a body that is not an AWS response']);
  });

  it('lets valid XML and JSON answers through unchanged', async () => {
    const s3 = factoryAnswering({
      status: 200,
      contentType: 'application/xml',
      body: '<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>o</ID></Owner><Buckets><Bucket><Name>payments-ledger</Name><CreationDate>2026-01-01T00:00:00.000Z</CreationDate><BucketRegion>eu-west-1</BucketRegion></Bucket></Buckets></ListAllMyBucketsResult>',
    });
    const buckets = await s3.get(S3Client, 's3', target).send(new ListBucketsCommand({}));
    expect(buckets.Buckets?.map((b) => [b.Name, b.BucketRegion])).toEqual([['payments-ledger', 'eu-west-1']]);
    const ec2 = factoryAnswering({
      status: 200,
      contentType: 'text/xml;charset=UTF-8',
      body: '<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><regionInfo><item><regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item></regionInfo></DescribeRegionsResponse>',
    });
    const regions = await ec2.get(EC2Client, 'ec2', target).send(new DescribeRegionsCommand({}));
    expect(regions.Regions?.map((r) => r.RegionName)).toEqual(['eu-west-1']);
    const dynamodb = factoryAnswering({ status: 200, contentType: 'application/x-amz-json-1.0', body: '{"TableNames":["orders"]}' });
    expect((await dynamodb.get(DynamoDBClient, 'dynamodb', target).send(new ListTablesCommand({}))).TableNames).toEqual(['orders']);
    // moto labels some valid JSON `text/html`: the body decides.
    const mislabelled = factoryAnswering({ status: 200, contentType: 'text/html; charset=utf-8', body: '{"TableNames":["sessions"]}' });
    expect((await mislabelled.get(DynamoDBClient, 'dynamodb', target).send(new ListTablesCommand({}))).TableNames).toEqual(['sessions']);
    // A JSON service answering HTML is refused before the JSON parser fails on it.
    const htmlForJson = factoryAnswering({ status: 200, contentType: 'text/html', body: HTML });
    expect(await failureOf(htmlForJson.get(DynamoDBClient, 'dynamodb', target).send(new ListTablesCommand({})))).toBeInstanceOf(UnexpectedResponseError);
    // An HTML fragment (no doctype, no <html>) labelled text/html is refused too.
    const fragment = factoryAnswering({ status: 200, contentType: 'text/html', body: '<h1>502 Bad Gateway</h1>' });
    expect(await failureOf(fragment.get(S3Client, 's3', target).send(new ListBucketsCommand({})))).toBeInstanceOf(UnexpectedResponseError);
  });

  it('recognises HTML by its first bytes only', () => {
    const bytes = (text: string) => Buffer.from(text, 'utf8');
    expect(looksLikeHtml(bytes('\uFEFF  <!doctype HTML><html>'))).toBe(true);
    expect(looksLikeHtml(bytes('<HTML><body>'))).toBe(true);
    expect(looksLikeHtml(bytes('<?xml version="1.0"?><Response><html/></Response>'))).toBe(false);
    expect(looksLikeHtml(bytes(''))).toBe(false);
  });
});
