import type { Queryable } from '../../db/connection';
import type { Text } from '../i18n';
import { mailOutbox } from './schema';

/** What a template makes of its params: a plain-text mail, optionally HTML with inline images. */
export interface MailContent {
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** an image shown in the HTML part as `<img src="cid:…">` */
  cid?: string;
}

/** What every template may use that is not part of the change itself. */
export interface MailContext {
  /** the public address of Tsunagu without a trailing slash, for links: https://tsunagu.example.jp */
  baseUrl: string;
}

export interface MailTemplate<P> {
  /** `module.what`, stored in the outbox row */
  name: string;
  /** what kind of mail it is, for the admin's list */
  label: Text;
  render(params: P, context: MailContext): MailContent | Promise<MailContent>;
}

export interface OutgoingMail<P> {
  /** a person without an address (added at the door without contact details) gets no mail */
  to: string | null;
  municipalityCode: string;
  params: P;
  /** a mail with a key already in the outbox is not enqueued again */
  dedupeKey?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds templates of every params type
const templates = new Map<string, MailTemplate<any>>();

export function mailTemplate(name: string): MailTemplate<unknown> | undefined {
  return templates.get(name);
}

/**
 * Declares a template, once per module at load time, and gives the function that enqueues its mail.
 * The mail is rendered when it is sent, from params stored as they were when the change was made,
 * so a change of the public address or of the wording reaches mails still waiting.
 */
export function defineMailTemplate<P>(template: MailTemplate<P>) {
  templates.set(template.name, template);
  return {
    ...template,
    /** Enqueues the mail in the caller's transaction; false when its key was there, or no address. */
    enqueue: (q: Queryable, mail: OutgoingMail<P>) => enqueueMail(q, template.name, mail),
  };
}

/**
 * An address of the reserved top-level domain .invalid (RFC 2606, 6761) can never be delivered: the
 * demo's fictional participants have one, so that seeding them sends nobody anything.
 */
export function isUndeliverable(address: string): boolean {
  return /\.invalid\.?$/i.test(address.trim());
}

async function enqueueMail<P>(q: Queryable, template: string, mail: OutgoingMail<P>): Promise<boolean> {
  if (!mail.to || isUndeliverable(mail.to)) return false;
  const rows = await q
    .insert(mailOutbox)
    .values({
      municipalityCode: mail.municipalityCode,
      template,
      params: mail.params,
      toAddress: mail.to,
      dedupeKey: mail.dedupeKey ?? null,
    })
    .onConflictDoNothing({ target: mailOutbox.dedupeKey })
    .returning({ id: mailOutbox.id });
  return rows.length > 0;
}
