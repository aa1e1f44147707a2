-- まちゼミ as shops run it (issue 9, decision 037): bookings a shop takes by phone, for one person
-- or several, beside the online registrations of its course's event; attendance marked by the shop
-- (came / did not come); and, with the person's consent, the question after the campaign whether
-- they came back to the shop.

-- A registration holds `seats` places (a phone booking for a family; online and at the door: 1);
-- the capacity counts seats. `channel` says how it was taken; a phone booking may carry a note
-- (「車いすで来店」). `absent_at`: the person was marked as not having come (the opposite of an
-- attendance row, which a mark "came" writes).
alter table event_registrations
  add column seats integer not null default 1 check (seats between 1 and 100),
  add column channel text not null default 'online' check (channel in ('online', 'phone', 'door')),
  add column note text not null default '',
  add column absent_at timestamptz;
update event_registrations set channel = 'door' where walk_in;
-- a booking taken by phone may have a phone number and no e-mail address (0006 allowed that only
-- at the door); one of the two it must have
alter table event_registrations drop constraint event_registrations_contact_unless_walk_in;
alter table event_registrations add constraint event_registrations_contact_unless_walk_in
  check (walk_in or email is not null or (channel = 'phone' and phone is not null));

-- The follow-up of a まちゼミ course's participant who consented to be asked after the campaign
-- whether they came back to the shop: asked once (by mail with the token's link, or by the shop on
-- the phone when no e-mail address was given), answered once.
create table course_follow_ups (
  registration_id integer primary key references event_registrations(id),
  course_id integer not null references campaign_courses(id),
  consented_at timestamptz not null,
  -- the only key of the answer page: 192 random bits, base64url
  token text not null unique,
  asked_at timestamptz,
  asked_by text check (asked_by in ('mail', 'shop')),
  answered_at timestamptz,
  came_back boolean,
  -- optional: how soon after the course (1週間以内・1か月以内・それ以降)
  came_back_within text check (came_back_within in ('week', 'month', 'later')),
  answered_via text check (answered_via in ('mail', 'shop')),
  answered_by integer references accounts(id),
  constraint course_follow_ups_answer_whole check ((answered_at is null) = (came_back is null)),
  constraint course_follow_ups_answered_once_asked check (answered_at is null or asked_at is not null)
);
create index course_follow_ups_course_idx on course_follow_ups (course_id);
