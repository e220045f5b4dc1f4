import { open, rm } from 'node:fs/promises';
import type { Request, Response } from 'express';
import { ApiError } from './errors.ts';

/**
 * Streams a request body into a new file (`file` must not exist), never
 * holding more than a socket read in memory. A body whose Content-Length
 * already says too much is refused before a byte is read; one that passes
 * `limitBytes` while streaming is refused at that point, and reading stops
 * there: the request is not drained, and the connection closes after the
 * answer. On any failure the file is removed. Returns the bytes received.
 */
export async function receiveUpload(req: Request, res: Response, file: string, limitBytes: number): Promise<number> {
  const declared = Number(req.headers['content-length']);
  if (declared > limitBytes) throw refuseUnread(res, tooLarge(limitBytes));
  const out = await open(file, 'wx', 0o600);
  let received = 0;
  try {
    // destroyOnReturn: false — leaving the loop early must not destroy the socket before the 413 goes out.
    for await (const data of req.iterator({ destroyOnReturn: false })) {
      const chunk = data as Buffer;
      received += chunk.length;
      if (received > limitBytes) throw refuseUnread(res, tooLarge(limitBytes));
      await out.write(chunk);
    }
  } catch (error) {
    await out.close().catch(() => {});
    await rm(file, { force: true });
    if (error instanceof ApiError) throw error;
    // The client went away (or the connection broke) mid-upload: nobody is left to read the answer.
    throw new ApiError('invalid_request', 'The upload was cut off before its end');
  }
  await out.close();
  return received;
}

/**
 * Marks the answer as the last on its connection: Node then closes the socket
 * once the answer is written, instead of reading the rest of a body nobody
 * wants. For every refusal of an upload whose body was not (fully) read.
 */
export function refuseUnread(res: Response, error: ApiError): ApiError {
  if (!res.headersSent) res.setHeader('Connection', 'close');
  return error;
}

const tooLarge = (limitBytes: number) =>
  new ApiError('payload_too_large', `The upload is larger than ${Math.round(limitBytes / (1024 * 1024))} MB`);
