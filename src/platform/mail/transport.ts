import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { MailContent } from './outbox';

/** A mail ready to go: its content with sender, recipient and a Message-ID of its outbox row. */
export interface MailMessage extends MailContent {
  /** the outbox row's id: a mail sent again after a crash keeps its file name and Message-ID */
  outboxId: number;
  from: string;
  to: string;
  messageId: string;
}

export interface MailTransport {
  readonly kind: 'folder' | 'smtp';
  /** where the mail goes, for the start-up message: a folder or the SMTP host */
  readonly target: string;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

function nodemailerMessage(message: MailMessage) {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    attachments: message.attachments?.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
      cid: a.cid,
    })),
  };
}

/**
 * Writes each mail as an .eml file (RFC 822, as a mail program opens it) into a folder: nothing is
 * lost when no mail server exists. The file is written beside its final name and then renamed, so
 * that whoever picks the files up never reads half of one.
 */
export function folderTransport(dir: string): MailTransport {
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'folder',
    target: dir,
    async send(message) {
      const info = await composer.sendMail(nodemailerMessage(message));
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${String(message.outboxId).padStart(8, '0')}.eml`);
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
    },
    close: () => composer.close(),
  };
}

/**
 * Sends through an SMTP server given as a URL (smtp://user:pass@host:587, smtps://… for TLS from
 * the start). The timeouts are short so that a server that does not answer is reported as a failed
 * attempt, retried later, long before the dispatcher's claim on the mail runs out.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = createTransport({
    url,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: 'smtp',
    target: new URL(url).host,
    async send(message) {
      await transporter.sendMail(nodemailerMessage(message));
    },
    close: () => transporter.close(),
  };
}

export function mailTransportFor(config: { smtpUrl?: string | undefined; mailDir: string }): MailTransport {
  return config.smtpUrl ? smtpTransport(config.smtpUrl) : folderTransport(config.mailDir);
}
