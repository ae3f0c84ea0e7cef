import https from 'node:https';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  body: Buffer;
}

/** An HTTPS request to the county server, accepting only the certificate with this fingerprint (as a school does). */
export function countyRequest(url: string, fingerprint: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      rejectUnauthorized: false,
      checkServerIdentity: (_host, cert) => (cert.fingerprint256 === fingerprint ? undefined : new Error('another certificate')),
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: body.toString('utf8'), body });
      });
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A multipart/form-data body with one file field, as a browser's upload form sends it. */
export function multipartBody(field: string, filename: string, bytes: Buffer): { body: Buffer; contentType: string } {
  const boundary = '----kiteTestBoundary7MA4YWxkTrZu0gW';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return { body: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}
