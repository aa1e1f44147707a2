import { declarePermissions, roles } from '../../platform/auth/roles';

/**
 * Events are run by the organising bodies (city, 商工会, Bi@Sta, 商店会). Their participant lists are
 * personal data: only those staff roles see them. Browsing and registering need no account.
 */
export const eventPermissions = declarePermissions({
  'events.manage': ['admin', 'staff', 'association'],
  /** a shop proposes its まちゼミ course, and sees its own proposals only */
  'events.courses.propose': ['business'],
  /**
   * the bookings of an approved まちゼミ course (phone bookings, attendance, follow-ups): the shop
   * that runs it, and the campaign organiser's staff and admins (checked per course, decision 037)
   */
  'events.courses.bookings': ['admin', 'staff', 'association', 'business'],
  /** a business sees its own vendor applications (出店申込) on a page; a guest has a secret link */
  'events.vendors.own': ['business'],
  /** anyone with an account sees the registrations made with it, and their tickets */
  'events.registrations.own': roles,
});
