import { escapeAttribute } from '../ui/chart';
import type { MailAttachment, MailContent } from './outbox';

/** A paragraph of a mail, or an image shown in its HTML part where the paragraph would be. */
export type MailBlock = string | { image: MailAttachment & { cid: string }; alt: string };

const rule = '――――――――――――――――――――';

/** The line between the Japanese text and the English one below it. */
export const englishBelow = `${rule}\n(English below / 以下、英語でのご案内です)`;

function htmlParagraph(text: string): string {
  const escaped = escapeAttribute(text).replace(/>/g, '&gt;');
  const linked = escaped.replace(/https?:\/\/[^\s<&]+/g, (url) => `<a href="${url}">${url}</a>`);
  return `<p>${linked.replace(/\n/g, '<br>')}</p>`;
}

/**
 * A mail from its paragraphs: plain text (what every mail program shows), and HTML with the same
 * text and the images inline (`cid:`), attached to the mail.
 */
export function composeMail(subject: string, blocks: MailBlock[]): MailContent {
  const paragraphs = blocks.filter((b): b is string => typeof b === 'string');
  const images = blocks.flatMap((b) => (typeof b === 'string' ? [] : [b]));
  const text = `${paragraphs.join('\n\n')}\n`;
  if (images.length === 0) return { subject, text };
  const body = blocks
    .map((b) =>
      typeof b === 'string'
        ? htmlParagraph(b)
        : `<p><img src="cid:${b.image.cid}" alt="${escapeAttribute(b.alt)}" width="232" height="232"></p>`,
    )
    .join('\n');
  return {
    subject,
    text,
    html: `<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8"><title>${escapeAttribute(subject)}</title></head><body>\n${body}\n</body></html>\n`,
    attachments: images.map((b) => b.image),
  };
}
