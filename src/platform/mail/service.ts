import type { Config } from '../../config';
import type { Db } from '../../db/connection';
import { type DispatchReport, dispatchMail } from './dispatcher';
import { type MailTransport, mailTransportFor } from './transport';

/** The app's mail: where it goes, and a function that sends what is due (the dispatcher's run). */
export interface MailService {
  transport: MailTransport;
  dispatch(options?: { now?: Date }): Promise<DispatchReport>;
}

export function createMailService(
  db: Db,
  config: Pick<Config, 'smtpUrl' | 'mailDir' | 'mailFrom' | 'mailMaxAttempts' | 'publicBaseUrl'>,
  transport: MailTransport = mailTransportFor(config),
): MailService {
  return {
    transport,
    dispatch: (options = {}) =>
      dispatchMail(db, {
        transport,
        context: { baseUrl: config.publicBaseUrl },
        from: config.mailFrom,
        maxAttempts: config.mailMaxAttempts,
        ...options,
      }),
  };
}
