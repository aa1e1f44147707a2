import { qrCodePng, qrCodeSvg } from '../../platform/qr';

/** A ticket code in groups of four, as people read it out: ABCD-EFGH-JKMN. */
export function ticketCodeInGroups(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The QR ticket for the page: its content is exactly the ticket code, which the door scanner reads. */
export function ticketQrSvg(code: string, label: string): Promise<string> {
  return qrCodeSvg(code, label);
}

/** The QR ticket as an inline image of a mail. */
export async function ticketQrImage(code: string) {
  return {
    filename: `ticket-${ticketCodeInGroups(code)}.png`,
    contentType: 'image/png',
    content: await qrCodePng(code),
    cid: `ticket-${code.toLowerCase()}@tsunagu`,
  };
}
