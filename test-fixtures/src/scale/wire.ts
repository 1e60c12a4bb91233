/**
 * The four AWS wire protocols the synthetic server speaks, as the SDK v3 clients expect them: JSON (awsJson1_0/1_1:
 * Organizations, DynamoDB, FSx), REST-JSON (Backup, EFS, Audit Manager), query with XML answers (STS, RDS; EC2's
 * own variant) and REST-XML (S3). Timestamps are epoch seconds in JSON and ISO 8601 in XML, as AWS sends them.
 */

/** An HTTP answer. */
export interface Reply {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export type Protocol = 'json1.0' | 'json1.1' | 'rest-json' | 'query' | 'ec2' | 'rest-xml';

/** A value for XML: strings escaped, dates ISO, nested elements given as `Xml`. */
export type XmlValue = string | number | boolean | Date | Xml | undefined;

/** Already-rendered XML (never escaped again). */
export class Xml {
  constructor(readonly text: string) {}
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<name>value</name>`; nothing for `undefined`. */
export function el(name: string, value: XmlValue): Xml {
  if (value === undefined) return new Xml('');
  const inner = value instanceof Xml ? value.text : value instanceof Date ? value.toISOString() : escape(String(value));
  return new Xml(`<${name}>${inner}</${name}>`);
}

/** Elements in a row. */
export function els(fields: Record<string, XmlValue>): Xml {
  return new Xml(
    Object.entries(fields)
      .map(([k, v]) => el(k, v).text)
      .join(''),
  );
}

/** List members without their wrapper: `<member>…</member>…`. */
export function members(member: string, items: readonly Xml[]): Xml {
  return new Xml(items.map((i) => el(member, i).text).join(''));
}

/** A list: `<name><member>…</member>…</name>` (`member` is `item` in EC2, the shape's name in RDS). */
export function list(name: string, member: string, items: readonly Xml[]): Xml {
  return el(name, members(member, items));
}

/** `{Key, Value}` tags as `<Tag><Key/><Value/></Tag>…` members. */
export function xmlTags(member: string, tags: ReadonlyArray<{ Key: string; Value: string }>): Xml {
  return members(member, tags.map((t) => els({ Key: t.Key, Value: t.Value })));
}

/** EC2's tag set: `<item><key/><value/></item>…`. */
export function ec2Tags(tags: ReadonlyArray<{ Key: string; Value: string }>): Xml {
  return members('item', tags.map((t) => els({ key: t.Key, value: t.Value })));
}

/** Epoch seconds, as the JSON protocols send timestamps. */
export function epoch(date: Date): number {
  return date.getTime() / 1000;
}

export function json(protocol: 'json1.0' | 'json1.1' | 'rest-json', value: unknown): Reply {
  const contentType = protocol === 'rest-json' ? 'application/json' : `application/x-amz-json-${protocol.slice(4)}`;
  return { status: 200, contentType, body: JSON.stringify(value) };
}

/** A query-protocol answer: `<OpResponse><OpResult>…</OpResult><ResponseMetadata/></OpResponse>`. */
export function queryResult(operation: string, namespace: string, result: Xml): Reply {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${namespace}">` +
    `<${operation}Result>${result.text}</${operation}Result>` +
    `<ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata></${operation}Response>`;
  return { status: 200, contentType: 'text/xml', body };
}

/** An EC2 answer: the members sit directly under `<OpResponse>`, after `requestId`. */
export function ec2Result(operation: string, result: Xml): Reply {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` +
    `<requestId>00000000-0000-4000-8000-000000000000</requestId>${result.text}</${operation}Response>`;
  return { status: 200, contentType: 'text/xml', body };
}

export function s3Result(root: string, result: Xml): Reply {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${result.text}</${root}>`;
  return { status: 200, contentType: 'application/xml', body };
}

/** An error in the protocol's own shape (the SDK reads the code from it). */
export function awsError(protocol: Protocol, code: string, message: string, status = 400): Reply {
  switch (protocol) {
    case 'json1.0':
    case 'json1.1':
      return { status, contentType: `application/x-amz-json-${protocol.slice(4)}`, body: JSON.stringify({ __type: code, message }) };
    case 'rest-json':
      return { status, contentType: 'application/json', headers: { 'x-amzn-errortype': code }, body: JSON.stringify({ message }) };
    case 'query':
      return {
        status,
        contentType: 'text/xml',
        body: `<ErrorResponse>${els({ Error: els({ Type: 'Sender', Code: code, Message: message }) }).text}<RequestId>0</RequestId></ErrorResponse>`,
      };
    case 'ec2':
      return {
        status,
        contentType: 'text/xml',
        body: `<Response><Errors>${els({ Error: els({ Code: code, Message: message }) }).text}</Errors><RequestID>0</RequestID></Response>`,
      };
    case 'rest-xml':
      return { status, contentType: 'application/xml', body: `<Error>${els({ Code: code, Message: message }).text}</Error>` };
  }
}
