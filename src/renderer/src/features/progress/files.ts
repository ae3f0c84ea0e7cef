import { KiteError, type Envelope } from '../../../../shared/errors';

/** A file the teacher picked, as base64 (the core decides its encoding: UTF-8 or GBK). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Send a picked file to the one-time upload URL an uploadToken method gave (any size; never read into memory here). */
export async function uploadFile(url: string, file: File): Promise<{ uploadId: string }> {
  let envelope: Envelope<{ uploadId: string }>;
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream' }, body: file });
    envelope = (await response.json()) as Envelope<{ uploadId: string }>;
  } catch {
    throw new KiteError('internal', 'The app is not answering. Is it still running?');
  }
  if (!envelope.ok) throw KiteError.fromPayload(envelope.error);
  return envelope.result;
}

/** Offer text to the teacher as a file download (works in the browser host and in Electron). */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
