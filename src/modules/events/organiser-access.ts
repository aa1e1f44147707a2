import type { Actor } from '../../platform/audit';
import { UserError } from '../../platform/errors';

/**
 * Who runs an event and sees its participants (personal data): an admin of the municipality, or
 * staff of the organisation that holds it (第5章: the city, 商工会, Bi@Sta, a 商店会). Staff of
 * other organisations see that the event exists and how full it is, not who comes.
 */
export function runsEvent(actor: Actor, event: { organiser: string }): boolean {
  if (actor.role === 'admin') return true;
  return Boolean(actor.organisation) && actor.organisation === event.organiser;
}

export const notTheOrganiser = new UserError('not_organiser', 403, {
  ja: 'この操作を行う権限がありません。このイベントの参加者と運営は、主催機関の職員と管理者だけが扱えます。',
  en: "You do not have permission for this. Only staff of the event's organiser and admins can see its participants and run it.",
});
