import type { Request } from 'express';
import busboy from 'busboy';
import { AppError } from '../errors.js';

export interface UploadedFile {
  filename: string;
  bytes: Uint8Array;
}

const notMultipart = () => new AppError(415, 'not_multipart', '请以 multipart/form-data 格式上传文件');
const noFile = (field: string) => new AppError(400, 'no_file', `没有收到文件：请在表单字段「${field}」中上传一个文件`);
const tooLarge = (maxBytes: number) => new AppError(413, 'too_large', `文件过大，最大 ${Math.floor(maxBytes / 1024 / 1024)} MB`);

/**
 * Reads the one file of a multipart/form-data request from form field `field`, refusing more
 * than `maxBytes` (the rest of an oversized upload is read and discarded, never kept).
 */
export function readUploadedFile(req: Request, field: string, maxBytes: number): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fileSize: maxBytes, files: 1, fields: 20, parts: 21 } });
    } catch {
      reject(notMultipart());
      return;
    }
    let found: UploadedFile | undefined;
    let refusal: AppError | undefined;
    parser.on('file', (name, stream, info) => {
      if (name !== field || found) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => { refusal = tooLarge(maxBytes); });
      stream.on('end', () => {
        if (!refusal) found = { filename: info.filename ?? '', bytes: new Uint8Array(Buffer.concat(chunks)) };
      });
    });
    parser.on('error', () => reject(new AppError(400, 'bad_request', '上传的表单数据不完整或格式错误')));
    parser.on('close', () => {
      if (refusal) reject(refusal);
      else if (!found) reject(noFile(field));
      else resolve(found);
    });
    req.pipe(parser);
  });
}
